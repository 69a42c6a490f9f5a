// @ts-check
/**
 * One account (`success.html?account=ID`), as `SuccessPortfolio.account`
 * gives it: the health history chart and its table, the breakdown of the
 * latest score (each measure's value, points, weight share and
 * contribution, which add up to the score; the measure that moved it most),
 * the alerts with their evidence and play, the milestones and the outcomes
 * with every renegotiation beside the original target, and the Execute
 * phase (`execute-view.js`: realised value, checklists, plays). Drawing only.
 */

import { h } from '../widget/dom.js';
import { historyChart } from './charts.js';
import { executeSection, playsSection, realisedSection } from './execute-view.js';
import { cellStageText, changeText, evidenceDatesText, countText, dateText, gradeText, moneyText, numberText, outcomeStatusText, scoreText, shareText, stageText } from './format.js';

/** @typedef {import('./engine.js').AccountView} AccountView */
/** @typedef {AccountView['history'][number]} HealthSnapshot */

/**
 * A table in its own scrolling region, named by its caption.
 * @param {string} id
 * @param {string} caption
 * @param {string[]} headers
 * @param {HTMLTableRowElement[]} rows
 * @param {HTMLTableRowElement | null} [foot]
 */
function table(id, caption, headers, rows, foot = null) {
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

/** @param {HealthSnapshot} cell */
function breakdown(cell) {
  if (cell.score === null) return h('p', { class: 'placeholder', id: 'breakdown-none' }, 'No score on this snapshot: no scorecard for the stage, or no fresh data for any measure.');
  const rows = cell.measures.map((m) =>
    h(
      'tr',
      { 'data-measure': m.id },
      h('th', { scope: 'row' }, m.label),
      h('td', { class: 'number', 'data-field': 'value' }, numberText(m.value)),
      h('td', { class: 'number', 'data-field': 'points' }, scoreText(m.points)),
      h('td', { class: 'number', 'data-field': 'share', 'data-value': m.weightShare }, m.value === null ? 'missing: left out' : shareText(m.weightShare)),
      h('td', { class: 'number', 'data-field': 'contribution', 'data-value': m.contribution }, scoreText(m.contribution)),
    ),
  );
  const total = h(
    'tr',
    {},
    h('th', { scope: 'row' }, 'Score'),
    h('td', {}, ''),
    h('td', {}, ''),
    h('td', { class: 'number' }, shareText(cell.coverage)),
    h('td', { class: 'number', 'data-field': 'score', 'data-value': cell.score }, `${scoreText(cell.score)} (${gradeText(cell.grade)})`),
  );
  const card = cell.scorecard ? `${stageText(cell.scorecard.stage)} scorecard${cell.scorecard.segment ? ` for ${cell.scorecard.segment}` : ''}` : '';
  return h(
    'div',
    {},
    table('breakdown', `Breakdown on ${dateText(cell.date)} (${card}): the contributions add up to the score`, ['Measure', 'Value', 'Points', 'Weight share', 'Contribution'], rows, total),
    h(
      'p',
      { id: 'mover' },
      cell.mover ? `Moved the score most since the previous snapshot: ${cell.mover.label} (${changeText(cell.mover.change)} points).` : 'No measure moved the score since the previous snapshot (or there is none to compare).',
    ),
    cell.lowCoverage ? h('p', { class: 'flag' }, `Low coverage: only ${shareText(cell.coverage)} of the weight has fresh data.`) : null,
  );
}

/**
 * Where the account stands on the snapshot, in words: its stage and
 * score, or, once it churned, the score it froze at.
 * @param {AccountView} account
 * @param {AccountView['history'][number] | null | undefined} last
 */
function accountState(account, last) {
  if (!last) return 'no snapshot';
  const score = `${scoreText(last.score)} (${gradeText(last.grade)})`;
  if (last.frozen && account.churnedOn) return `the score froze at ${score} when the customer left, and no alert is read since`;
  return `${stageText(last.stage)}, score ${score}`;
}

/** @param {AccountView} account */
function historyTable(account) {
  const rows = account.history.map((cell) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, dateText(cell.date)),
      h('td', {}, cellStageText(cell, account.contractStart)),
      h('td', { class: 'number', 'data-value': cell.score ?? '' }, scoreText(cell.score)),
      h('td', {}, gradeText(cell.grade)),
      h('td', { class: 'number' }, shareText(cell.coverage)),
    ),
  );
  return h('details', {}, h('summary', {}, 'Every snapshot as a table'), table('history', 'Health history', ['Snapshot', 'Stage', 'Score', 'Grade', 'Coverage'], rows));
}

/** @param {AccountView} account */
function alertsList(account) {
  if (!account.alerts.length) return h('p', { class: 'placeholder' }, 'No alert has fired.');
  return h(
    'ul',
    { class: 'success-list', id: 'alerts' },
    ...[...account.alerts].reverse().map((alert) =>
      h(
        'li',
        { 'data-rule': alert.rule },
        h('p', {}, h('strong', {}, `${alert.rule.replaceAll('_', ' ')}: ${alert.open ? 'open' : 'closed'}`), ` · fired ${dateText(alert.date)} · ${evidenceDatesText(alert.evidence)}`),
        alert.play
          ? h(
              'div',
              { class: 'play' },
              h('p', {}, `Play: ${alert.play.title} · owner: ${alert.play.ownerRole} · due ${dateText(alert.play.due)}`),
              h('ol', {}, ...alert.play.steps.map((step) => h('li', {}, step))),
            )
          : h('p', {}, 'No play for the stage it fired in.'),
      ),
    ),
  );
}

/** @param {AccountView} account */
function milestonesList(account) {
  if (!account.milestones.length) return h('p', { class: 'placeholder' }, 'No milestone for the stages this account has entered.');
  return h(
    'ul',
    { class: 'success-list', id: 'milestones' },
    ...account.milestones.map((m) => {
      const status =
        m.status === 'done'
          ? `Done on ${dateText(m.reachedOn)}${m.late ? ' (late)' : ''}`
          : m.status === 'due'
            ? `Due: ${countText(m.daysLeft ?? 0)} days left (by ${dateText(m.deadline)})`
            : account.churnedOn
              ? `Overdue by ${countText(m.daysOver ?? 0)} days when the customer left on ${dateText(account.churnedOn)} (was due ${dateText(m.deadline)})`
              : `Overdue by ${countText(m.daysOver ?? 0)} days (was due ${dateText(m.deadline)})`;
      return h('li', { 'data-milestone': m.id, 'data-status': m.status }, h('strong', {}, m.label), ` (${stageText(m.stage)}) · ${status}`);
    }),
  );
}

/** @param {AccountView} account */
function outcomesList(account) {
  if (!account.outcomes.length) return h('p', { class: 'placeholder' }, 'No outcome agreed with this customer.');
  return h(
    'div',
    { id: 'outcomes' },
    ...account.outcomes.map((o) => {
      const unit = o.unit ? ` ${o.unit}` : '';
      const target = o.target ?? o.originalTarget;
      return h(
        'section',
        { class: 'outcome', 'data-outcome': o.id, 'aria-label': o.label },
        h('h3', {}, o.label),
        h('p', {}, `${outcomeStatusText(o.status)} · progress ${shareText(o.progress)} · now ${numberText(o.current)}${unit} (${o.direction === 'increase' ? 'higher is better' : 'lower is better'})`),
        h('p', {}, `Baseline ${numberText(o.baseline.value)}${unit} on ${dateText(o.baseline.date)}; target in force ${numberText(target.value)}${unit} by ${dateText(target.date)}; originally ${numberText(o.originalTarget.value)}${unit} by ${dateText(o.originalTarget.date)}.`),
        o.renegotiations.length
          ? h(
              'ul',
              { class: 'renegotiations' },
              ...o.renegotiations.map((r) => h('li', {}, `${dateText(r.date)}: target ${numberText(r.target)}${unit} by ${dateText(r.targetDate)}, agreed by ${r.agreedBy}. Reason: ${r.reason}`)),
            )
          : h('p', {}, 'Never renegotiated.'),
      );
    }),
  );
}

/**
 * Draws the account into `root`.
 * @param {HTMLElement} root
 * @param {AccountView} account
 */
export function drawAccount(root, account) {
  const last = account.history[account.history.length - 1] ?? null;
  const facts = [
    account.owner ? `Owner ${account.owner}` : 'No owner',
    account.segment ? `segment ${account.segment}` : null,
    `annual value ${moneyText(account.annualValue, account.currency)}`,
    `contract from ${dateText(account.contractStart)}`,
    account.churnedOn ? `churned on ${dateText(account.churnedOn)}` : `renewal ${dateText(account.renewal)}`,
  ].filter(Boolean);
  root.replaceChildren(
    h('h2', { id: 'account-title' }, account.name),
    h('p', { id: 'account-summary' }, `${facts.join(' · ')}. As of ${dateText(account.asOf)}: ${accountState(account, last)}.`),
    h('p', {}, h('a', { id: 'account-journey', href: `./journey.html?customer=${encodeURIComponent(account.id)}` }, `${account.name}'s whole journey`), ': leads, business cases, set-up and outcomes on one page.'),
    h('h3', {}, 'Health history'),
    // The chart's own width: the body's, less the chart's border.
    historyChart(account, Math.round(Math.max(280, Math.min(640, (root.clientWidth || 640) - 2)))),
    historyTable(account),
    h('h3', {}, 'Latest breakdown'),
    last ? breakdown(last) : h('p', { class: 'placeholder' }, 'No snapshot.'),
    h('h3', {}, 'Alerts and plays'),
    alertsList(account),
    h('h3', {}, 'Milestones'),
    milestonesList(account),
    h('h3', {}, 'Outcomes'),
    outcomesList(account),
    h('h3', {}, 'Projected against realised'),
    realisedSection(account),
    h('h3', {}, 'Execute'),
    executeSection(account),
    h('h3', {}, 'Plays'),
    playsSection(account),
  );
}
