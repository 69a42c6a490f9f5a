// @ts-check
/**
 * The Execute phase of one account, as `SuccessPortfolio.account` gives it
 * (docs/success.md): "Projected against realised" (per benefit line of
 * the linked case, and the ratio), "Execute" (the degrees of ideal set-up
 * and execution as meters with words, and the items not done) and "Plays"
 * (each completion with the score then and `followUpDays` later).
 * Drawing only: every figure is the engine's.
 */

import { h } from '../widget/dom.js';
import { changeText, dateText, moneyText, numberText, scoreText, shareText } from './format.js';

/** @typedef {import('./engine.js').AccountView} AccountView */
/** @typedef {AccountView['execution']['setup']} ChecklistView */

const signedPercent = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** @param {number | null} value a percent (12.5 for 12.5 %) */
const percentText = (value) => (value === null ? '—' : `${signedPercent.format(value)} %`);

/**
 * A table in its own scrolling region, named by its caption.
 * @param {string} id
 * @param {string} caption
 * @param {string[]} headers
 * @param {HTMLTableRowElement[]} rows
 * @param {HTMLTableRowElement | null} foot
 */
function table(id, caption, headers, rows, foot) {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: 0 },
    h(
      'table',
      { class: 'success-table', id },
      h('caption', { id: `${id}-caption` }, caption),
      h('thead', {}, h('tr', {}, ...headers.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...rows),
      foot ? h('tfoot', {}, foot) : null,
    ),
  );
}

/** Why there is nothing to compare, in words. @type {Record<string, string>} */
const NOT_COMPARED = {
  no_case: 'No business case is linked to this account, so there is no projection to compare with.',
  not_loaded: 'The linked case is not stored on the server, so there is no projection to compare with.',
};

/**
 * "Projected against realised": the table per benefit line and the ratio.
 * @param {AccountView} account
 */
export function realisedSection(account) {
  const realised = account.realised;
  const link = realised.case ? ` (case ${realised.case.id}, revision ${realised.case.revision})` : '';
  if (realised.status !== 'compared') {
    const words = NOT_COMPARED[realised.status] ?? `The linked case cannot be compared: ${realised.message ?? 'no reason given'}.`;
    return h('div', { id: 'realised', 'data-status': realised.status }, h('p', { class: 'placeholder' }, words));
  }
  // Money in the case's currency, which need not be the account's.
  const currency = realised.currency ?? '';
  /** @param {number} value */
  const money = (value) => (currency ? moneyText(value, currency) : numberText(value));
  /** @param {number} value */
  const signedMoney = (value) => (value > 0 ? `+${money(value)}` : value < 0 ? `-${money(-value)}` : money(0));
  const rows = realised.lines.map((line) =>
    h(
      'tr',
      { 'data-line': line.id },
      h('th', { scope: 'row' }, line.label ?? line.id),
      h('td', { class: 'number', 'data-field': 'projected', 'data-value': line.projected }, money(line.projected)),
      h('td', { class: 'number', 'data-field': 'realised', 'data-value': line.realised }, money(line.realised)),
      h('td', { class: 'number', 'data-field': 'variance', 'data-value': line.variance }, signedMoney(line.variance)),
      h('td', { class: 'number', 'data-field': 'variance-percent', 'data-value': line.variancePercent ?? '' }, percentText(line.variancePercent)),
    ),
  );
  const total = h(
    'tr',
    {},
    h('th', { scope: 'row' }, 'Benefits'),
    h('td', { class: 'number', 'data-field': 'projected', 'data-value': realised.projected }, money(realised.projected)),
    h('td', { class: 'number', 'data-field': 'realised', 'data-value': realised.realised }, money(realised.realised)),
    h('td', { class: 'number' }, signedMoney(realised.realised - realised.projected)),
    h('td', {}, ''),
  );
  const periods = `${realised.periodsElapsed} ${realised.periodsElapsed === 1 ? 'period' : 'periods'} of the case elapsed`;
  const ratio =
    realised.ratio === null
      ? 'No ratio yet: no period has elapsed, no actual is dated within the elapsed periods, or nothing was projected for them.'
      : `Realised is ${shareText(realised.ratio)} of what was projected to date (ratio ${numberText(realised.ratio)}).`;
  return h(
    'div',
    { id: 'realised', 'data-status': realised.status },
    h('p', {}, `${periods}${link}; ${realised.actuals} realised ${realised.actuals === 1 ? 'value' : 'values'} recorded.`),
    table('realised-lines', 'Projected against realised, summed over the elapsed periods', ['Benefit line', 'Projected', 'Realised', 'Variance', 'Variance %'], rows, total),
    h('p', { id: 'realised-ratio', 'data-value': realised.ratio ?? '' }, ratio),
    realised.refused.length
      ? h(
          'div',
          {},
          h('p', { class: 'flag' }, 'Realised values the case\u2019s model refused (left out):'),
          h('ul', { class: 'success-list', id: 'realised-refused' }, ...realised.refused.map((r) => h('li', {}, `${r.input} on ${dateText(r.date)}: ${r.reason}`))),
        )
      : null,
  );
}

/**
 * One checklist's degree as a meter with words, and what is missing.
 * @param {string} id
 * @param {string} title
 * @param {ChecklistView} list
 */
function checklist(id, title, list) {
  const words =
    list.degree === null
      ? list.items.length
        ? 'not recorded yet'
        : 'no items in the settings'
      : `${shareText(list.degree)} done by weight (${list.items.length - list.missing.length} of ${list.items.length} items)`;
  return h(
    'div',
    { class: 'checklist', id, 'data-degree': list.degree ?? '' },
    h('p', { id: `${id}-label` }, h('strong', {}, `${title}: `), words),
    list.degree === null ? null : h('meter', { min: 0, max: 1, value: list.degree, 'aria-labelledby': `${id}-label` }),
    list.degree !== null && list.missing.length
      ? h('ul', { class: 'missing' }, ...list.missing.map((item) => h('li', { 'data-item': item.id }, `Not done: ${item.label}${item.since ? ` (marked ${dateText(item.since)})` : ''}`)))
      : null,
  );
}

/**
 * "Execute": the degrees of ideal set-up and of ideal execution.
 * @param {AccountView} account
 */
export function executeSection(account) {
  return h('div', { id: 'execute' }, checklist('setup-degree', 'Ideal set-up', account.execution.setup), checklist('execution-degree', 'Ideal execution', account.execution.execution));
}

/**
 * "Plays": completed plays with the health change after them.
 * @param {AccountView} account
 */
export function playsSection(account) {
  if (!account.plays.length) return h('p', { class: 'placeholder', id: 'plays-none' }, 'No play completed for this account yet.');
  const rows = [...account.plays].reverse().map((play) =>
    h(
      'tr',
      { 'data-play': play.play, 'data-completed': play.completed },
      h('th', { scope: 'row' }, play.title ?? play.play),
      h('td', {}, dateText(play.completed)),
      h('td', {}, play.alert ? play.alert.replaceAll('_', ' ') : '—'),
      h('td', { class: 'number', 'data-field': 'before', 'data-value': play.before?.score ?? '' }, scoreText(play.before?.score ?? null)),
      h('td', { class: 'number', 'data-field': 'after', 'data-value': play.after?.score ?? '' }, play.after ? scoreText(play.after.score) : `not known before ${dateText(play.followUp)}`),
      h('td', { class: 'number', 'data-field': 'change', 'data-value': play.change ?? '' }, changeText(play.change)),
    ),
  );
  const days = account.plays[0]?.followUpDays ?? 0;
  return table('plays', `Plays completed, with the score on the day and ${days} days later (from the latest snapshot on or before each)`, ['Play', 'Completed', 'Called for by', 'Score then', `Score ${days} days later`, 'Change'], rows, null);
}
