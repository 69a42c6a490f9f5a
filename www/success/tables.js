// @ts-check
/**
 * A success table in its own scrolling region (keyboard-focusable, named
 * by its caption), so a wide table scrolls on a phone instead of
 * widening the page. Drawing only.
 */

import { h } from '../widget/dom.js';

/**
 * @typedef {{ label: string, numeric?: boolean }} Column
 * @typedef {Column | { group: string, columns: Column[] }} Header
 */

/**
 * @param {string} id the table's id; its caption's is `${id}-caption`
 * @param {string} caption
 * @param {Header[]} headers columns, or groups of columns under a shared
 *   heading (two header rows then: a group's heading spans its columns,
 *   a lone column's spans both rows)
 * @param {HTMLTableRowElement[]} rows
 */
export function scrollTable(id, caption, headers, rows) {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: 0 },
    h('table', { class: 'success-table', id }, h('caption', { id: `${id}-caption` }, caption), ...headRows(headers), h('tbody', {}, ...rows)),
  );
}

/**
 * `<colgroup>`s (so a group heading's `scope="colgroup"` names its
 * columns) and the `<thead>`.
 * @param {Header[]} headers
 * @returns {HTMLElement[]}
 */
function headRows(headers) {
  /** @param {Column} column @param {Record<string, string | number>} [more] */
  const columnHeading = (column, more = {}) => h('th', { scope: 'col', class: column.numeric ? 'number' : null, ...more }, column.label);
  if (!headers.some((header) => 'group' in header)) {
    return [h('thead', {}, h('tr', {}, ...headers.map((header) => ('group' in header ? null : columnHeading(header)))))];
  }
  const groups = headers.map((header) => h('colgroup', { span: 'group' in header ? header.columns.length : 1 }));
  const top = headers.map((header) =>
    'group' in header ? h('th', { scope: 'colgroup', colspan: header.columns.length, class: 'group' }, header.group) : columnHeading(header, { rowspan: 2 }),
  );
  const below = headers.flatMap((header) => ('group' in header ? header.columns.map((column) => columnHeading(column)) : []));
  return [...groups, h('thead', {}, h('tr', {}, ...top), h('tr', {}, ...below))];
}

/**
 * A numeric cell that keeps the engine's raw figure in `data-value`.
 * @param {string} field
 * @param {number | null} value
 * @param {string} text
 */
export function numberCell(field, value, text) {
  return h('td', { class: 'number', 'data-field': field, 'data-value': value ?? '' }, text);
}
