// @ts-check
/**
 * The portfolio table: one row per account as `SuccessPortfolio.portfolio`
 * gives it, sortable by the buttons in its headers (`aria-sort` says
 * how), filtered by stage, grade, owner and a text search (churned
 * accounts only when "Show churned accounts" is ticked), with the totals
 * of annual value and value at risk per currency and grade, churned
 * accounts' lost value apart. Each cell
 * keeps the engine's raw figure in `data-value`. It draws and orders rows;
 * every figure is the engine's.
 */

import { h } from '../widget/dom.js';
import { sparkline } from './charts.js';
import { changeText, countText, dateText, gradeText, moneyText, scoreText, shareText, stageText } from './format.js';

/** @typedef {import('./engine.js').PortfolioView} PortfolioView */
/** @typedef {import('./engine.js').PortfolioRow} PortfolioRow */

/**
 * The sortable columns: header, the row's sort key, numeric or text.
 * @type {{ key: string, label: string, value: (row: PortfolioRow) => number | string | null }[]}
 */
const COLUMNS = [
  { key: 'name', label: 'Account', value: (row) => row.name },
  { key: 'owner', label: 'Owner', value: (row) => row.owner },
  { key: 'stage', label: 'Stage', value: (row) => row.stage },
  { key: 'score', label: 'Score', value: (row) => row.score },
  { key: 'trend', label: 'Trend', value: (row) => row.trend.previous },
  { key: 'coverage', label: 'Coverage', value: (row) => row.coverage },
  { key: 'alerts', label: 'Open alerts', value: (row) => row.openAlerts },
  { key: 'renewal', label: 'Renewal', value: (row) => row.renewal },
  { key: 'value', label: 'Annual value', value: (row) => row.annualValue },
  { key: 'risk', label: 'Value at risk', value: (row) => row.valueAtRisk },
];

/**
 * What the reader chose: sort and filters, kept across re-scores. Churned
 * accounts are hidden until asked for: their value is lost, not at risk.
 */
const state = { sortKey: 'score', ascending: true, stage: '', grade: '', owner: '', search: '', churned: false, limit: 0 };

/**
 * Rows drawn at first and added per "Show more": a portfolio of 10,000
 * accounts drawn whole would take seconds to lay out on every re-score,
 * while sorting and filtering still run over every account.
 */
export const PAGE_ROWS = 100;

/**
 * Rows in the chosen order; absent values last either way.
 * @param {PortfolioRow[]} rows
 */
function sorted(rows) {
  const column = COLUMNS.find((c) => c.key === state.sortKey) ?? COLUMNS[0];
  if (!column) return rows;
  const direction = state.ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
    return String(x).localeCompare(String(y)) * direction;
  });
}

/** @param {PortfolioRow} row */
function shown(row) {
  if (row.churned && !state.churned) return false;
  if (state.stage && (row.stage ?? 'none') !== state.stage) return false;
  if (state.grade && (row.grade ?? 'none') !== state.grade) return false;
  if (state.owner && (row.owner ?? '') !== state.owner) return false;
  const search = state.search.trim().toLowerCase();
  return !search || row.name.toLowerCase().includes(search) || row.id.toLowerCase().includes(search);
}

/**
 * A select of the values found, with "All" first.
 * @param {string} id
 * @param {string} label
 * @param {string[][]} options value and words
 * @param {string} chosen
 * @param {(value: string) => void} onChange
 */
function filterSelect(id, label, options, chosen, onChange) {
  const select = h('select', { id, name: id }, h('option', { value: '' }, 'All'), ...options.map(([value, words]) => h('option', { value }, words ?? value ?? '')));
  select.value = chosen;
  select.addEventListener('change', () => onChange(select.value));
  return h('label', {}, label, select);
}

/**
 * One account's row.
 * @param {PortfolioRow} row
 * @param {string} asOf
 */
function rowElement(row, asOf) {
  const link = `./success.html?account=${encodeURIComponent(row.id)}&asOf=${encodeURIComponent(asOf)}`;
  const coverage = h('td', { class: 'number', 'data-field': 'coverage', 'data-value': row.coverage }, shareText(row.coverage));
  if (row.lowCoverage) coverage.append(h('span', { class: 'flag' }, ' low: under half the weight has fresh data'));
  const trendWords = changeText(row.trend.previous);
  return h(
    'tr',
    { 'data-account': row.id },
    h('th', { scope: 'row', 'data-field': 'name' }, h('a', { href: link }, row.name)),
    h('td', { 'data-field': 'owner' }, row.owner ?? '—'),
    h('td', { 'data-field': 'stage' }, row.churned ? `Churned (${stageText(row.stage)})` : stageText(row.stage)),
    h(
      'td',
      { class: 'number', 'data-field': 'score', 'data-value': row.score ?? '' },
      scoreText(row.score),
      ' ',
      h('span', { class: `grade grade-${row.grade ?? 'none'}` }, gradeText(row.grade)),
    ),
    h('td', { 'data-field': 'trend', 'data-value': row.trend.previous ?? '' }, sparkline(row.sparkline, row.name), h('span', { class: 'trend-text' }, trendWords, h('span', { class: 'visually-hidden' }, ' since the previous snapshot'))),
    coverage,
    h('td', { class: 'number', 'data-field': 'alerts', 'data-value': row.openAlerts }, countText(row.openAlerts)),
    h('td', { 'data-field': 'renewal', 'data-value': row.renewal ?? '' }, dateText(row.renewal)),
    h('td', { class: 'number', 'data-field': 'value', 'data-value': row.annualValue }, moneyText(row.annualValue, row.currency)),
    h('td', { class: 'number', 'data-field': 'risk', 'data-value': row.valueAtRisk }, row.churned ? 'Lost (churned)' : moneyText(row.valueAtRisk, row.currency)),
  );
}

/**
 * The totals per currency and grade.
 * @param {PortfolioView} view
 */
function totalsTable(view) {
  const body = h('tbody');
  for (const total of view.totals) {
    body.append(
      h(
        'tr',
        { 'data-currency': total.currency, 'data-grade': total.grade },
        h('th', { scope: 'row' }, `${total.grade === 'churned' ? 'Churned, value lost' : gradeText(total.grade === 'none' ? null : total.grade)} (${total.currency})`),
        h('td', { class: 'number' }, countText(total.accounts)),
        h('td', { class: 'number' }, moneyText(total.annualValue, total.currency)),
        h('td', { class: 'number', 'data-value': total.valueAtRisk }, moneyText(total.valueAtRisk, total.currency)),
      ),
    );
  }
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': 'totals-caption', tabindex: 0 },
    h(
      'table',
      { class: 'success-table', id: 'success-totals' },
      h('caption', { id: 'totals-caption' }, 'Totals by grade (money is never added across currencies)'),
      h('thead', {}, h('tr', {}, ...['Grade', 'Accounts', 'Annual value', 'Value at risk'].map((label) => h('th', { scope: 'col' }, label)))),
      body,
    ),
  );
}

/**
 * Draws the portfolio into `root`; redraws itself on sorting and filtering.
 * @param {HTMLElement} root
 * @param {PortfolioView} view
 */
export function drawPortfolio(root, view) {
  const owners = [...new Set(view.rows.map((row) => row.owner).filter((owner) => owner !== null))].sort();
  if (state.limit < PAGE_ROWS) state.limit = PAGE_ROWS;
  const redraw = () => drawPortfolio(root, view);
  const filters = h(
    'form',
    { class: 'success-controls', id: 'portfolio-filters', role: 'search', 'aria-label': 'Filter the accounts' },
    filterSelect('filter-stage', 'Stage', [['onboarding', 'Onboarding'], ['established', 'Established'], ['pre_renewal', 'Pre-renewal'], ['none', 'No stage']], state.stage, (v) => {
      state.stage = v;
      redraw();
      focusById('filter-stage');
    }),
    filterSelect('filter-grade', 'Grade', [['healthy', 'Healthy'], ['average', 'Average'], ['at_risk', 'At risk'], ['none', 'No score']], state.grade, (v) => {
      state.grade = v;
      redraw();
      focusById('filter-grade');
    }),
    filterSelect('filter-owner', 'Owner', owners.map((owner) => [owner ?? '', owner ?? '']), state.owner, (v) => {
      state.owner = v;
      redraw();
      focusById('filter-owner');
    }),
  );
  const search = h('input', { id: 'filter-search', name: 'search', type: 'search', value: state.search, autocomplete: 'off' });
  search.addEventListener('input', () => {
    state.search = search.value;
    redraw();
    const again = /** @type {HTMLInputElement | null} */ (document.getElementById('filter-search'));
    again?.focus();
    again?.setSelectionRange(again.value.length, again.value.length);
  });
  filters.append(h('label', {}, 'Search', search));
  const showChurned = h('input', { id: 'filter-churned', name: 'churned', type: 'checkbox' });
  showChurned.checked = state.churned;
  showChurned.addEventListener('change', () => {
    state.churned = showChurned.checked;
    redraw();
    focusById('filter-churned');
  });
  filters.append(h('label', { class: 'check' }, showChurned, 'Show churned accounts'));
  filters.addEventListener('submit', (event) => event.preventDefault());

  const rows = sorted(view.rows.filter(shown));
  const drawn = rows.slice(0, state.limit);
  const headers = COLUMNS.map((column) => {
    const active = column.key === state.sortKey;
    const button = h('button', { type: 'button', class: 'sort', 'data-sort': column.key }, column.label);
    button.addEventListener('click', () => {
      state.ascending = active ? !state.ascending : true;
      state.sortKey = column.key;
      redraw();
      /** @type {HTMLElement | null} */ (root.querySelector(`button[data-sort="${column.key}"]`))?.focus();
    });
    const numeric = ['score', 'coverage', 'alerts', 'value', 'risk'].includes(column.key);
    return h('th', { scope: 'col', class: numeric ? 'number' : null, 'aria-sort': active ? (state.ascending ? 'ascending' : 'descending') : null }, button);
  });
  const caption = `${countText(rows.length)} of ${countText(view.rows.length)} accounts on ${dateText(view.asOf)}${drawn.length < rows.length ? `, the first ${countText(drawn.length)} shown` : ''}`;
  root.replaceChildren(
    h('h2', { id: 'portfolio-title' }, 'Portfolio'),
    filters,
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': 'portfolio-caption', tabindex: 0 },
      h(
        'table',
        { class: 'success-table', id: 'portfolio-table' },
        h('caption', { id: 'portfolio-caption' }, caption),
        h('thead', {}, h('tr', {}, ...headers)),
        h('tbody', {}, ...drawn.map((row) => rowElement(row, view.asOf))),
      ),
    ),
    moreRows(root, drawn.length, rows.length, redraw),
    totalsTable(view),
  );
}

/**
 * "Show more" and "Show all" below a table that holds part of the rows;
 * nothing when it holds them all.
 * @param {HTMLElement} root
 * @param {number} drawn
 * @param {number} total
 * @param {() => void} redraw
 */
function moreRows(root, drawn, total, redraw) {
  if (drawn >= total) return '';
  const more = h('button', { type: 'button', id: 'portfolio-more' }, `Show ${countText(Math.min(PAGE_ROWS, total - drawn))} more`);
  const all = h('button', { type: 'button', id: 'portfolio-all' }, `Show all ${countText(total)}`);
  more.addEventListener('click', () => {
    state.limit = drawn + PAGE_ROWS;
    redraw();
    // The first new row's link, so a keyboard user goes on from there.
    /** @type {HTMLElement | null} */ (root.querySelectorAll('#portfolio-table tbody tr a')[drawn] ?? null)?.focus();
  });
  all.addEventListener('click', () => {
    state.limit = Number.MAX_SAFE_INTEGER;
    redraw();
    /** @type {HTMLElement | null} */ (root.querySelectorAll('#portfolio-table tbody tr a')[drawn] ?? null)?.focus();
  });
  return h('p', { class: 'success-controls', id: 'portfolio-paging' }, `${countText(drawn)} of ${countText(total)} shown. `, more, ' ', all);
}

/** @param {string} id */
function focusById(id) {
  document.getElementById(id)?.focus();
}
