// @ts-check
/**
 * A success table in its own scrolling region (keyboard-focusable, named
 * by its caption), so a wide table scrolls on a phone instead of
 * widening the page. Drawing only.
 */

import { h } from '../widget/dom.js';

/**
 * @param {string} id the table's id; its caption's is `${id}-caption`
 * @param {string} caption
 * @param {{ label: string, numeric?: boolean }[]} headers
 * @param {HTMLTableRowElement[]} rows
 */
export function scrollTable(id, caption, headers, rows) {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: 0 },
    h(
      'table',
      { class: 'success-table', id },
      h('caption', { id: `${id}-caption` }, caption),
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col', class: header.numeric ? 'number' : null }, header.label)))),
      h('tbody', {}, ...rows),
    ),
  );
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
