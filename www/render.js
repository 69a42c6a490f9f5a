// @ts-check
/**
 * Rendering of engine output: result values, diagnostics with their spans,
 * and signature hints. Display formatting only; nothing here computes a
 * value. User text only ever reaches the page through `textContent`.
 */

import { h } from './widget/dom.js';
import { isFormulaError } from './widget/values.js';

/** @typedef {import('./engine.js').FormulaValue} FormulaValue */
/** @typedef {import('./engine.js').FormulaDiagnostic} FormulaDiagnostic */
/** @typedef {import('./engine.js').CallAt} CallAt */

/** Fixed locale, so that what the page shows does not depend on the visitor's settings. */
const DISPLAY_LOCALE = 'en-US';

const groupedInteger = new Intl.NumberFormat(DISPLAY_LOCALE, { maximumFractionDigits: 0 });
const groupedTwoDecimals = new Intl.NumberFormat(DISPLAY_LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fourSignificant = new Intl.NumberFormat(DISPLAY_LOCALE, { maximumSignificantDigits: 4 });
const percentTwoDecimals = new Intl.NumberFormat(DISPLAY_LOCALE, {
  style: 'percent',
  maximumFractionDigits: 2,
});

/**
 * A number as a person reads it: grouped thousands, whole numbers as they
 * are, two decimals otherwise, four significant digits below 1.
 * @param {number} n
 * @returns {string}
 */
export function readableNumber(n) {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(n);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) {
    return n.toExponential(4);
  }
  if (Number.isInteger(n)) return groupedInteger.format(n);
  if (magnitude < 1) return fourSignificant.format(n);
  return groupedTwoDecimals.format(n);
}

/**
 * The number with every digit JavaScript keeps (shortest round-trip form).
 * @param {number} n
 * @returns {string}
 */
export function fullPrecision(n) {
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * A value in one short line, for array cells and hints.
 * @param {FormulaValue} value
 * @returns {string}
 */
export function compactValue(value) {
  if (typeof value === 'number') return readableNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) return `array ${value.length}×${value[0]?.length ?? 0}`;
  return value.error;
}

/**
 * Renders a formula value into `target`, replacing its content.
 * @param {HTMLElement} target
 * @param {FormulaValue} value
 */
export function renderValue(target, value) {
  target.replaceChildren(valueNode(value));
}

/**
 * @param {FormulaValue} value
 * @returns {HTMLElement}
 */
function valueNode(value) {
  if (typeof value === 'number') {
    const box = h('div', { class: 'value value-number' });
    box.dataset.kind = 'number';
    box.append(h('span', { class: 'value-primary' }, readableNumber(value)));
    const magnitude = Math.abs(value);
    if (magnitude > 0 && magnitude < 1) {
      box.append(h('span', { class: 'value-aside' }, `as a percentage: ${percentTwoDecimals.format(value)}`));
    }
    const full = h('span', { class: 'value-full' });
    full.append('Full precision: ', h('code', { class: 'value-full-digits' }, fullPrecision(value)));
    box.append(full);
    return box;
  }
  if (typeof value === 'string') {
    const box = h('div', { class: 'value value-text' });
    box.dataset.kind = 'text';
    box.append(h('span', { class: 'value-primary' }, JSON.stringify(value)), h('span', { class: 'value-aside' }, 'text'));
    return box;
  }
  if (typeof value === 'boolean') {
    const box = h('div', { class: 'value value-boolean' });
    box.dataset.kind = 'boolean';
    box.append(h('span', { class: 'value-primary' }, value ? 'TRUE' : 'FALSE'), h('span', { class: 'value-aside' }, 'logical value'));
    return box;
  }
  if (Array.isArray(value)) {
    return arrayNode(value);
  }
  if (isFormulaError(value)) {
    const box = h('div', { class: 'value value-error' });
    box.dataset.kind = 'error';
    const message = h('span', { class: 'error-message' });
    appendMessage(message, value.message);
    box.append(h('span', { class: 'value-primary error-code' }, value.error), message);
    return box;
  }
  return h('div', { class: 'value' }, String(value));
}

/**
 * An array as a small table, rows as the engine gives them.
 * @param {FormulaValue[][]} rows
 * @returns {HTMLElement}
 */
function arrayNode(rows) {
  const box = h('div', { class: 'value value-array' });
  box.dataset.kind = 'array';
  const columns = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  box.append(h('span', { class: 'value-aside' }, `array: ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} × ${columns} ${columns === 1 ? 'column' : 'columns'}`));
  const scroller = h('div', { class: 'table-scroll' });
  const table = h('table', { class: 'array-table' });
  const body = h('tbody');
  for (const row of rows) {
    const tr = h('tr');
    for (const cell of row) {
      const td = h('td');
      if (typeof cell === 'number') {
        td.textContent = readableNumber(cell);
        td.title = fullPrecision(cell);
        td.className = 'cell-number';
      } else if (isFormulaError(cell)) {
        td.textContent = cell.error;
        td.title = cell.message;
        td.className = 'cell-error';
      } else {
        td.textContent = compactValue(cell);
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  scroller.append(table);
  box.append(scroller);
  return box;
}

/**
 * Appends `message` to `target`, turning `backticked` parts into <code>.
 * @param {HTMLElement} target
 * @param {string} message
 */
export function appendMessage(target, message) {
  message.split('`').forEach((part, index) => {
    if (part === '') return;
    target.append(index % 2 === 1 ? h('code', {}, part) : part);
  });
}

/**
 * Renders the formula text with each diagnostic's span wrapped in <mark>.
 * Overlapping spans are clipped so every character appears once; an empty
 * span (such as "the formula ends here") shows as a marked blank.
 * @param {HTMLElement} mirror
 * @param {string} text
 * @param {FormulaDiagnostic[]} diagnostics
 */
export function renderMirror(mirror, text, diagnostics) {
  const spans = diagnostics
    .map((diagnostic, index) => ({
      index,
      start: clamp(diagnostic.start, 0, text.length),
      end: clamp(diagnostic.end, 0, text.length),
      message: diagnostic.message,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const parts = [];
  let cursor = 0;
  for (const span of spans) {
    const start = Math.max(span.start, cursor);
    const end = Math.max(span.end, start);
    if (start > cursor) parts.push(document.createTextNode(text.slice(cursor, start)));
    const mark = h('mark', { class: end === start ? 'span-point' : 'span-range' });
    mark.dataset.diagnostic = String(span.index);
    mark.title = span.message;
    mark.textContent = end === start ? '\u00a0' : text.slice(start, end);
    parts.push(mark);
    cursor = end;
  }
  if (cursor < text.length) parts.push(document.createTextNode(text.slice(cursor)));
  mirror.replaceChildren(...parts);
}

/**
 * @param {number} n
 * @param {number} low
 * @param {number} high
 */
function clamp(n, low, high) {
  return Math.min(Math.max(Number.isFinite(n) ? n : low, low), high);
}

/**
 * Renders the signature of the call the caret is in, as the engine gives
 * it (`callAt`), with the active parameter emphasised, then its summary.
 * @param {HTMLElement} target
 * @param {CallAt} call
 * @param {string} summary the function's one-line summary ('' when unknown)
 */
export function renderSignature(target, call, summary) {
  const signature = h('code', { class: 'signature-text' }, `${call.name}(`);
  call.parameters.forEach((parameter, index) => {
    if (index > 0) signature.append(', ');
    signature.append(index === call.activeParameter ? h('strong', { class: 'signature-active' }, parameter) : parameter);
  });
  signature.append(')');
  target.replaceChildren(signature, h('span', { class: 'signature-summary' }, summary));
}
