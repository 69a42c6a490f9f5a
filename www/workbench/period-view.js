// @ts-check
/**
 * @file The period table finance teams expect: every series by period,
 * with a total where the engine says adding the periods up means
 * something (`model.periodTable()`: running balances and rates have
 * none), copyable as tab-separated text and downloadable as CSV, both
 * written by the engine (`model.periodTableText`) from the unrounded
 * values.
 */

import { h } from '../widget/dom.js';
import { valueText } from './values.js';

/** @typedef {import('./session.js').PageSession} PageSession */

/**
 * @param {HTMLElement} root
 * @param {PageSession} session
 */
export function mountPeriods(root, session) {
  const { model, layout } = session;
  if (!layout.series.length) {
    root.replaceChildren(h('p', { class: 'hint' }, 'This model has no per-period series.'));
    return { destroy: () => root.replaceChildren() };
  }
  const table = h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Series by period' });
  const copyButton = h('button', { type: 'button', id: 'wb-copy-tsv' }, 'Copy as TSV');
  const csvButton = h('button', { type: 'button', id: 'wb-download-csv' }, 'Download CSV');
  const note = h('p', { class: 'hint', role: 'status', id: 'wb-period-note' });
  const fallback = h('textarea', { id: 'wb-tsv-fallback', class: 'wb-tsv-fallback', rows: '6', readonly: true, 'aria-label': 'The table as tab-separated text' });
  fallback.hidden = true;
  root.replaceChildren(table, h('p', { class: 'wb-buttons no-print' }, copyButton, ' ', csvButton), note, fallback);

  copyButton.addEventListener('click', async () => {
    const text = model.periodTableText('tsv');
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = 'Copied: paste it into a spreadsheet.';
      fallback.hidden = true;
    } catch {
      // No clipboard (an insecure origin, a denied permission): the text
      // is shown selected, for the person to copy with the keyboard.
      fallback.value = text;
      fallback.hidden = false;
      fallback.focus();
      fallback.select();
      note.textContent = 'The browser did not allow copying: the text is selected below; press Ctrl+C (⌘C) to copy it.';
    }
  });

  csvButton.addEventListener('click', () => {
    const blob = new Blob([model.periodTableText('csv')], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: `${layout.id}-by-period.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    note.textContent = `Downloaded ${layout.id}-by-period.csv.`;
  });

  const render = () => {
    const data = model.periodTable();
    table.replaceChildren(
      h(
        'table',
        { class: 'wb-table wb-period-table' },
        h('caption', { class: 'visually-hidden' }, 'Every series by period, with totals'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Series'), ...data.periods.map((period) => h('th', { scope: 'col' }, period)), h('th', { scope: 'col' }, 'Total'))),
        h(
          'tbody',
          {},
          ...data.rows.map((row) =>
            h(
              'tr',
              { 'data-series': row.id },
              h('th', { scope: 'row' }, row.label, row.unit ? h('span', { class: 'wb-unit' }, ` (${row.unit})`) : null),
              ...row.values.map((value) => h('td', {}, valueText(session, value, row))),
              h('td', { class: 'wb-total', 'data-total': row.total === null ? 'none' : 'sum' }, row.total === null ? '—' : valueText(session, row.total, row)),
            ),
          ),
        ),
      ),
    );
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
