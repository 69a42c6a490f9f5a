// @ts-check
/**
 * The "embed this" page: for each model this server serves (as it lists
 * them at `GET /api/models`), the two-line snippet a marketer pastes into a
 * page and the iframe for CMSs that strip scripts, with this server's
 * address filled in; a model file the engine refuses is shown with the
 * reason. Also which other sites this server allows (`GET /api/site`),
 * since a page on any other origin cannot load the models.
 */

import { h } from './widget/dom.js';
import { fetchModels, fetchSite } from './site-models.js';

const list = /** @type {HTMLElement} */ (document.getElementById('snippets'));
const allowed = /** @type {HTMLElement} */ (document.getElementById('allowed-origins'));
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

/** @param {import('./site-models.js').ModelEntry} entry */
function modelCard(entry) {
  const url = `${siteOrigin}${entry.url}`;
  const card = h('section', { class: 'snippet', 'data-file': entry.file });
  if (entry.problem !== undefined || typeof entry.title !== 'string') {
    card.classList.add('snippet-problem');
    card.append(
      h('h2', {}, entry.file),
      h('p', {}, 'This file is in the models folder but cannot be embedded: the engine refuses it.'),
      h('p', { class: 'model-problem' }, entry.problem ?? 'It is not a model.'),
    );
    return card;
  }
  const title = entry.title;
  card.append(h('h2', {}, title));
  if (entry.description) card.append(h('p', { class: 'snippet-description' }, entry.description));
  card.append(h('p', { class: 'snippet-meta' }, h('code', {}, entry.url), ` · ${entry.id} version ${entry.version}`));
  const iframeSrc = `${siteOrigin}/embed.html?src=${encodeURIComponent(url)}&collector=${encodeURIComponent(`${siteOrigin}/collect`)}`;
  const text = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // The link inside the element shows until the element's script runs, and
  // stays if it never does (the page's origin not allowed, say): never a
  // blank box, and the visitor still reaches the calculator.
  const script = `<script type="module" src="${siteOrigin}/pkg-widget/yardstick-widget.min.js"></script>
<yardstick-calculator src="${url}" collector="${siteOrigin}/collect"><a href="${iframeSrc.replace(/&/g, '&amp;')}">Open the calculator: ${text}</a></yardstick-calculator>`;
  const iframe = `<iframe src="${iframeSrc.replace(/&/g, '&amp;')}" title="${text.replace(/"/g, '&quot;')}" style="width:100%;height:900px;border:0" loading="lazy"></iframe>`;
  // The embed page posts its height; this line on the host page sizes each
  // frame from this server to fit, with no scroll bar inside.
  const resizer = `<script>addEventListener('message', (e) => { if (e.origin === '${siteOrigin}' && e.data?.type === 'yardstick:resize') for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.style.height = e.data.height + 'px'; });</script>`;
  card.append(snippetBlock('Script and element', script), snippetBlock('Iframe', iframe), snippetBlock('Iframe height to fit (once per host page)', resizer));
  return card;
}

async function showModels() {
  try {
    const { models, truncated } = await fetchModels();
    const cards = models.map(modelCard);
    if (truncated) cards.push(h('p', { class: 'placeholder' }, 'The models folder holds more models than the server lists; only the first ones by file name are shown.'));
    list.replaceChildren(...(cards.length ? cards : [h('p', { class: 'placeholder' }, 'No models found: place a model file (.json) in the models folder and reload.')]));
  } catch (error) {
    list.replaceChildren(h('p', { class: 'engine-failure' }, `The list of models could not be read from this server (${error instanceof Error ? error.message : String(error)}).`));
  }
}

async function showOrigins() {
  try {
    const { allowOrigins, embedOrigins } = await fetchSite();
    const parts = [];
    if (allowOrigins.length) {
      parts.push('This server now allows pages on ', ...originList(allowOrigins), ' (and its own pages, ', h('code', {}, siteOrigin), ').');
    } else {
      parts.push('This server now allows only its own pages (', h('code', {}, siteOrigin), '): start it with ', h('code', {}, 'ALLOW_ORIGIN'), ' or ', h('code', {}, '--allow-origin'), ' as above to embed a calculator anywhere else.');
    }
    if (embedOrigins.length) parts.push(' The iframe may also load models from ', ...originList(embedOrigins), '.');
    allowed.replaceChildren(...parts);
  } catch (error) {
    allowed.textContent = `Which sites this server allows could not be read (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/**
 * Origins as code elements separated by commas.
 * @param {string[]} origins
 * @returns {(Node | string)[]}
 */
function originList(origins) {
  return origins.flatMap((origin, index) => [...(index ? [', '] : []), h('code', { class: 'origin' }, origin)]);
}

void showModels();
void showOrigins();
