// @ts-check
/**
 * @file The headline figures: every output of the model in its format,
 * updated after every change (the engine's values, written with
 * `textContent`). An output that is an Excel error shows its code and the
 * engine's reason.
 */

import { h } from '../widget/dom.js';
import { isError, valueText } from './values.js';

/** @typedef {import('./session.js').PageSession} PageSession */

/**
 * @param {HTMLElement} root
 * @param {PageSession} session
 */
export function mountOutputs(root, session) {
  const cells = session.layout.outputs.map((output) => {
    const value = h('dd', { 'data-output': output.id, class: 'wb-figure' });
    const reason = h('p', { class: 'wb-figure-reason' });
    return { output, value, reason, item: h('div', { class: 'wb-output' }, h('dt', {}, output.label), value, reason) };
  });
  root.replaceChildren(h('dl', { class: 'wb-outputs' }, ...cells.map((cell) => cell.item)));
  const render = () => {
    const outputs = session.current().outputs;
    for (const { output, value, reason } of cells) {
      const result = outputs[output.id];
      value.textContent = valueText(session, result, output);
      reason.textContent = isError(result) ? result.message : '';
    }
  };
  render();
  const unsubscribe = session.subscribe(render);
  return {
    destroy() {
      unsubscribe();
      root.replaceChildren();
    },
  };
}
