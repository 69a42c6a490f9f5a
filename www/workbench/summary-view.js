// @ts-check
/**
 * @file The receipt (model id, version, the SHA-256 hash of the model and
 * inputs the engine makes, the date) and, for the printed executive
 * summary, every input with its value and its assumption source. Both
 * follow every change.
 */

import { h } from '../widget/dom.js';
import { basisLabel, sourceOf } from './case-state.js';
import { inputText } from './values.js';

/** @typedef {import('./session.js').PageSession} PageSession */

/**
 * @param {{ receipt: HTMLElement, assumptions: HTMLElement }} roots
 * @param {PageSession} session
 * @param {() => Date} now  the page's clock, for the receipt's date
 */
export function mountSummary(roots, session, now) {
  const { model, layout } = session;
  const render = () => {
    const receipt = model.receipt(undefined);
    roots.receipt.replaceChildren(
      h(
        'dl',
        { class: 'wb-receipt-list' },
        h('dt', {}, 'Model'),
        h('dd', {}, `${receipt.modelId}, version ${receipt.modelVersion}`),
        h('dt', {}, 'Hash of model and inputs (SHA-256)'),
        h('dd', {}, h('code', { id: 'wb-receipt-hash', class: 'wb-hash' }, receipt.hash)),
        h('dt', {}, 'Computed'),
        h('dd', {}, now().toISOString().slice(0, 10)),
      ),
    );
    const values = session.inputs();
    roots.assumptions.replaceChildren(
      h(
        'table',
        { class: 'wb-table wb-assumption-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Input'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Source'))),
        h(
          'tbody',
          {},
          ...layout.inputs.map((input) => {
            const source = sourceOf(session.state, input.id);
            const text = [source.basisText || basisLabel(source.basis), source.who, source.note].filter(Boolean).join(' · ');
            return h('tr', { 'data-input': input.id }, h('th', { scope: 'row' }, input.label), h('td', {}, inputText(session, input, values[input.id])), h('td', {}, text || 'Not given'));
          }),
        ),
      ),
    );
  };
  render();
  const unsubscribe = session.subscribe(render);
  return {
    destroy() {
      unsubscribe();
      roots.receipt.replaceChildren();
      roots.assumptions.replaceChildren();
    },
  };
}
