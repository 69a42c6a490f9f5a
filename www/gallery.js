// @ts-check
/**
 * The gallery's list of calculators: the two hand-configured widgets in
 * gallery.html (with their scenario and call to action), then every other
 * model the server serves (`GET /api/models`), each embedded the same way.
 * A model file the engine refuses is named with the reason, so whoever put
 * it in the models folder sees why it is not shown.
 */

import { h } from './widget/dom.js';
import { fetchModels } from './site-models.js';

const more = /** @type {HTMLElement} */ (document.getElementById('more-calculators'));

/** The model URLs (paths) the page already embeds. */
function embeddedPaths() {
  return new Set(
    [...document.querySelectorAll('yardstick-calculator[src]')].map((element) => new URL(element.getAttribute('src') ?? '', location.href).pathname),
  );
}

async function main() {
  let listing;
  try {
    listing = await fetchModels();
  } catch (error) {
    more.replaceChildren(h('p', { class: 'engine-failure' }, `The other models could not be listed (${error instanceof Error ? error.message : String(error)}).`));
    return;
  }
  const shown = embeddedPaths();
  const sections = [];
  const problems = [];
  for (const [index, entry] of listing.models.entries()) {
    if (entry.problem !== undefined || typeof entry.title !== 'string') {
      problems.push(h('li', { 'data-file': entry.file }, h('code', {}, entry.file), h('span', { class: 'model-problem' }, entry.problem ?? 'It is not a model.')));
      continue;
    }
    if (shown.has(new URL(entry.url, location.href).pathname)) continue;
    const heading = `model-${index}-heading`;
    const section = h('section', { class: 'gallery-item', 'aria-labelledby': heading, 'data-file': entry.file });
    section.append(h('h2', { id: heading }, entry.title));
    // The widget shows the model's title and description itself; the
    // heading is the page's outline, as for the hand-configured ones.
    const calculator = document.createElement('yardstick-calculator');
    calculator.id = `model-${index}`;
    calculator.setAttribute('src', entry.url);
    calculator.setAttribute('collector', '/collect');
    section.append(calculator);
    sections.push(section);
  }
  if (problems.length) {
    const list = h('ul', {});
    list.append(...problems);
    const box = h('section', { class: 'gallery-problems', 'aria-labelledby': 'problems-heading' });
    box.append(
      h('h2', { id: 'problems-heading' }, 'Models that cannot be shown'),
      h('p', {}, 'These files are in the models folder, but the engine refuses them:'),
      list,
    );
    sections.push(box);
  }
  more.replaceChildren(...sections);
}

void main();
