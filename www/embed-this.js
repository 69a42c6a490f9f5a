// @ts-check
/**
 * The "embed this" page: for each example model, the two-line snippet a
 * marketer pastes into a page, and the iframe for CMSs that strip scripts,
 * with this server's address filled in.
 */

import { h } from './widget/dom.js';

/** The example models this server publishes under /models/. */
const MODEL_FILES = ['saas-roi.json', 'business-case-5y.json', 'project-portfolio.json'];

const list = /** @type {HTMLElement} */ (document.getElementById('snippets'));
const siteOrigin = location.origin;

/**
 * A snippet with its copy button.
 * @param {string} heading
 * @param {string} code
 */
function snippetBlock(heading, code) {
  const block = h('div', {});
  const pre = h('pre', {});
  pre.append(h('code', {}, code));
  const copy = /** @type {HTMLButtonElement} */ (h('button', { class: 'button' }, `Copy ${heading.toLowerCase()}`));
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select the text to copy it';
    }
  });
  block.append(h('h3', {}, heading), pre, copy);
  return block;
}

async function main() {
  const cards = [];
  for (const file of MODEL_FILES) {
    const url = `${siteOrigin}/models/${file}`;
    let title = file;
    try {
      const response = await fetch(url);
      if (!response.ok) continue;
      const model = await response.json();
      if (typeof model.title === 'string') title = model.title;
    } catch {
      continue;
    }
    const card = h('section', { class: 'snippet' });
    card.append(h('h2', {}, title));
    const script = `<script type="module" src="${siteOrigin}/pkg-widget/yardstick-widget.min.js"></script>\n<yardstick-calculator src="${url}" collector="${siteOrigin}/collect"></yardstick-calculator>`;
    const iframeSrc = `${siteOrigin}/embed.html?src=${encodeURIComponent(url)}&collector=${encodeURIComponent(`${siteOrigin}/collect`)}`;
    const iframe = `<iframe src="${iframeSrc}" title="${title.replace(/"/g, '&quot;')}" style="width:100%;height:900px;border:0" loading="lazy"></iframe>`;
    card.append(snippetBlock('Script and element', script), snippetBlock('Iframe', iframe));
    cards.push(card);
  }
  list.replaceChildren(...(cards.length ? cards : [h('p', { class: 'placeholder' }, 'No models found under /models/.')]));
}

void main();
