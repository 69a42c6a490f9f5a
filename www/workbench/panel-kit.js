// @ts-check
/**
 * What the workbench's analysis panels share: the engine's bindings
 * (the page has already loaded them; asking again costs nothing), the
 * case's number formats for charts and typed numbers, and small builders
 * for a labelled field, a result region and an error line.
 *
 * Presentation only: every figure a panel shows comes from the engine.
 */

import { h, uniqueId } from '../widget/dom.js';
import { NumberFormats } from '../widget/format.js';

/** @typedef {typeof import('../../pkg/yardstick.js')} Bindings */
/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */

/** The same URL the page loads the engine from, so one instance serves all. */
const BINDINGS_URL = new URL('../../pkg/yardstick.js', import.meta.url);

/** @type {Promise<Bindings> | null} */
let loading = null;

/**
 * The engine's bindings, initialised (wasm-bindgen's init returns at once
 * when the page already did it).
 * @returns {Promise<Bindings>}
 */
export function loadBindings() {
  loading ??= (async () => {
    /** @type {Bindings} */
    const bindings = await import(BINDINGS_URL.href);
    await bindings.default();
    return bindings;
  })();
  return loading;
}

/**
 * The case's formats for charts (compact axis labels) and for reading
 * what the sales engineer types, in the case's locale.
 * @param {WorkbenchSession} session
 * @param {Bindings} bindings
 */
export function caseFormats(session, bindings) {
  return new NumberFormats(session.locale, session.currency, bindings.readTypedNumber);
}

/**
 * A label and its control, tied by id; `hint` is read after the label.
 * @param {string} label
 * @param {HTMLInputElement | HTMLSelectElement} control
 * @param {string} [hint]
 */
export function field(label, control, hint) {
  control.id ||= uniqueId('wb-field');
  const hintElement = hint ? h('span', { class: 'wb-hint', id: uniqueId('wb-hint') }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'wb-field' }, h('label', { for: control.id }, label), control, hintElement);
}

/**
 * A select of `options` ({ value, label }), with `selected` chosen.
 * @param {{ value: string, label: string }[]} options
 * @param {string} [selected]
 */
export function select(options, selected) {
  const element = h('select', {});
  for (const option of options) {
    element.append(h('option', { value: option.value, selected: option.value === selected }, option.label));
  }
  return element;
}

/**
 * A text box for a number typed in the case's locale.
 * @param {string} value its first text
 */
export function numberBox(value) {
  return h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', value });
}

/**
 * The message of anything thrown (the engine throws `Error`s whose
 * message is meant for people).
 * @param {unknown} error
 */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A paragraph for an error, announced when it appears.
 * @param {string} message
 */
export function errorLine(message) {
  return h('p', { class: 'wb-error', role: 'alert' }, message);
}

/**
 * The style an input's value is shown in, by its kind.
 * @param {import('../../pkg/yardstick.js').InputLayout['kind']} kind
 * @returns {'currency' | 'percent' | 'number'}
 */
export function inputStyle(kind) {
  return kind === 'currency' ? 'currency' : kind === 'percent' ? 'percent' : 'number';
}

/**
 * Replaces a live region's content only when its text changes, so a
 * screen reader hears a new verdict or break-even, not every redraw.
 * @param {HTMLElement} region
 * @param {(Node | string)[]} nodes
 */
export function updateLive(region, nodes) {
  const next = h('div', {}, ...nodes);
  if (next.textContent === region.textContent && next.innerHTML === region.innerHTML) return;
  region.replaceChildren(...next.childNodes);
}

