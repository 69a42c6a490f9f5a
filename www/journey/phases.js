// @ts-check
/**
 * The four phases of `GET /api/journey/{customerId}` as page sections:
 * each measure in a labelled tile (`data-measure` holds its name, for
 * tests), the customer's cases linked to the workbench, the account linked
 * to the success page. Drawing only; a case at commitment gets the
 * "Make it the success plan" control, whose click the caller handles.
 */

import { h } from '../widget/dom.js';
import { amount, count, day, duration, isoDay, money, percent, points, score, words, MEASURE_LABELS, STEP_LABELS } from './format.js';

/** @typedef {import('./types.js').Journey} Journey */
/** @typedef {import('./types.js').ChecklistList} ChecklistList */

/**
 * One measure tile; the raw figure, when there is one, stays in the
 * value's `data-value` (and a step's money in `data-amount`).
 * @param {string} name the `data-measure` name
 * @param {string} label
 * @param {string} text
 * @param {string} [step] the step it measures
 * @param {number | null} [value]
 * @param {number} [amount]
 */
function tile(name, label, text, step, value, amount) {
  const raw = { 'data-value': value === undefined || value === null ? null : String(value), 'data-amount': amount === undefined ? null : String(amount) };
  return h('div', { 'data-measure': name }, h('dt', {}, step ? h('span', { class: 'step' }, step) : null, label), h('dd', raw, text));
}

/**
 * A phase's section with its heading.
 * @param {string} id
 * @param {string} title
 * @param {string} note
 * @param {...(Node | string | null)} children
 */
function phase(id, title, note, ...children) {
  return h('section', { class: 'journey-phase', id: `phase-${id}`, 'aria-labelledby': `phase-${id}-title` }, h('h2', { id: `phase-${id}-title` }, title, h('span', { class: 'phase-note' }, note)), ...children);
}

/** @param {Journey['develop']} develop */
function developSection(develop) {
  if (develop.status === 'no_domains') {
    return phase('develop', 'Develop', 'before the buying conversation', h('p', { class: 'journey-empty', 'data-empty': 'no_domains' }, 'Not known: the customer has no success account listing their e-mail domains, so no lead or visit can be tied to them.'));
  }
  const values = develop.leadValue.length ? develop.leadValue.map((total) => money(total.value, total.currency)).join(' + ') : '—';
  const tiles = h(
    'dl',
    { class: 'measures' },
    tile('visitors', 'Visitors', count(develop.visitors), 'Attention', develop.visitors),
    tile('page-views', 'Page views', count(develop.pageViews), 'Attention', develop.pageViews),
    tile('time-on-site', 'Time on site', duration(develop.timeOnSiteMs), 'Interest', develop.timeOnSiteMs),
    tile('downloads', 'Downloads', count(develop.downloads), 'Interest', develop.downloads),
    tile('videos', 'Videos viewed', count(develop.videoPlays), 'Interest', develop.videoPlays),
    tile('return-visits', 'Return visits', count(develop.returnVisits), 'Interest', develop.returnVisits),
    tile('calculator-time', 'Time using calculators', duration(develop.calculatorInteractionMs), 'Interaction', develop.calculatorInteractionMs),
    tile('leads', 'Leads', count(develop.leads), 'Interaction', develop.leads),
    tile('lead-value', 'Value of the leads', values, 'Interaction', develop.leadValue.length === 1 ? (develop.leadValue[0]?.value ?? null) : null),
  );
  const note = `Leads at ${develop.domains.join(', ')} and the visits of the people who sent them`;
  const empty = develop.status === 'no_leads' ? h('p', { class: 'journey-empty', 'data-empty': 'no_leads' }, `No lead yet from ${develop.domains.join(', ')}.`) : null;
  const leads = develop.recentLeads.length
    ? h('ul', { class: 'pipeline-cases' }, ...develop.recentLeads.map((lead) => h('li', { 'data-lead': lead.leadId }, `${day(lead.receivedAtMs)}: ${lead.company} on ${lead.calcId}, ${money(lead.value, lead.currency)}`)))
    : null;
  return phase('develop', 'Develop', note, empty, tiles, leads);
}

/**
 * @param {Journey} journey
 * @param {(caseId: number | string) => Node} planControl
 */
function evaluateSection(journey, planControl) {
  const evaluate = journey.evaluate;
  const links = h('p', { class: 'journey-links' }, h('a', { href: `./pipeline.html?customer=${encodeURIComponent(journey.customer.id)}` }, 'This customer in the pipeline'), h('a', { href: './workbench.html' }, 'Build a case in the workbench'));
  if (!evaluate.measures.length) {
    return phase('evaluate', 'Evaluate', 'improvement projects and their business cases', links, h('p', { class: 'journey-empty', 'data-empty': 'no_cases' }, 'No saved case for this customer.'));
  }
  const tables = evaluate.measures.map((currency) =>
    h(
      'dl',
      { class: 'measures', 'data-currency': currency.currency },
      ...currency.steps.map((step) => tile(step.measure, MEASURE_LABELS[step.measure] ?? step.measure, `${count(step.count)} · ${money(step.value, currency.currency)}`, STEP_LABELS[step.step], step.count, step.value)),
      tile('dropped', 'Dropped', `${count(currency.dropped)} · ${money(currency.droppedValue, currency.currency)}`, undefined, currency.dropped, currency.droppedValue),
    ),
  );
  const cases = h(
    'ul',
    { class: 'pipeline-cases' },
    ...evaluate.pipeline.cases.map((item) =>
      h(
        'li',
        { 'data-case-id': String(item.id) },
        h('a', { href: `./workbench.html?case=${encodeURIComponent(String(item.id))}` }, item.title),
        h('span', { class: 'case-facts' }, `${STEP_LABELS[item.step] ?? item.step}, ${money(item.value, item.currency)}${item.dropped ? `, dropped: ${item.dropped.reason}` : ''}`),
        item.step === 'commitment' && !item.dropped ? planControl(item.id) : null,
      ),
    ),
  );
  return phase('evaluate', 'Evaluate', 'improvement projects and their business cases', links, ...tables, h('h3', {}, 'Cases'), cases);
}

/**
 * @param {ChecklistList} list
 * @param {string} name
 * @param {string} label
 */
function checklistTile(list, name, label) {
  const missing = list.missing.length ? `; missing: ${list.missing.map((item) => item.label).join(', ')}` : '';
  return tile(name, label, list.degree === null ? 'not reported' : `${percent(list.degree)}${missing}`, undefined, list.degree);
}

/** @param {Journey} journey */
function executeSection(journey) {
  const execute = journey.execute;
  if (!execute) {
    return phase('execute', 'Execute', 'set-up, execution, measure and report', h('p', { class: 'journey-empty', 'data-empty': 'no_account' }, 'No success account yet: a committed project becomes one with "Make it the success plan".'));
  }
  return phase(
    'execute',
    'Execute',
    `set-up, execution, measure and report, on ${isoDay(execute.asOf)}`,
    h('dl', { class: 'measures' }, checklistTile(execute.setup, 'setup', 'Set-up degree'), checklistTile(execute.execution, 'execution', 'Execution degree'), tile('outcomes-measured', 'Outcomes measured', `${count(execute.outcomesMeasured)} of ${count(execute.outcomes)}`, undefined, execute.outcomesMeasured)),
  );
}

/** @param {Journey} journey */
function prosperSection(journey) {
  const prosper = journey.prosper;
  if (!prosper) return phase('prosper', 'Prosper', 'outcomes, health and value', h('p', { class: 'journey-empty', 'data-empty': 'no_account' }, 'No success account yet.'));
  const health = prosper.health;
  const currency = prosper.account.currency;
  const realised = prosper.realised;
  const realisedText =
    realised.status === 'compared'
      ? `${money(realised.realisedToDate ?? 0, realised.currency ?? null)} of ${money(realised.projectedToDate ?? 0, realised.currency ?? null)} (${percent(realised.ratio ?? null)})`
      : realised.status === 'no_case'
        ? 'no linked case'
        : realised.status === 'not_loaded'
          ? 'the linked case is not stored'
          : `not comparable: ${realised.message ?? ''}`;
  const last = prosper.renewals[prosper.renewals.length - 1];
  const lastWords = last ? (last.result === 'churned' ? 'churned' : `${words(last.result)} at ${money(last.value, currency)}`) : '';
  const renewed = last ? `${count(prosper.renewals.length)}; last ${isoDay(last.date)}, ${lastWords}` : '';
  const tiles = h(
    'dl',
    { class: 'measures' },
    tile('health', 'Health score', `${score(health.score)} ${health.grade ? `(${words(health.grade)})` : ''}`, undefined, health.score),
    tile('trend', 'Change since last snapshot', `${points(health.changePrevious)} points; 90 days ${points(health.change90Days)}`),
    tile('stage', 'Stage', prosper.churnedOn ? `churned (was ${words(health.stage)})` : words(health.stage)),
    tile('realised', 'Realised against projected', realisedText, undefined, realised.ratio ?? null),
    tile('annual-value', 'Annual value', money(prosper.account.annualValue, currency)),
    tile('renewals', 'Renewals', renewed || 'none yet', undefined, prosper.renewals.length),
    tile('next-renewal', prosper.churnedOn ? 'Churned on' : 'Next renewal', isoDay(prosper.churnedOn ?? prosper.nextRenewal)),
  );
  const outcomes = prosper.outcomes.length
    ? h(
        'div',
        { class: 'table-scroll', role: 'region', 'aria-labelledby': 'journey-outcomes-caption', tabindex: 0 },
        h(
          'table',
          { class: 'pipeline-table journey-table' },
          h('caption', { id: 'journey-outcomes-caption' }, 'Outcomes'),
          h('thead', {}, h('tr', {}, ...['Outcome', 'Baseline', 'Current', 'Target', 'Progress', 'Status'].map((label) => h('th', { scope: 'col' }, label)))),
          h(
            'tbody',
            {},
            ...prosper.outcomes.map((o) =>
              h(
                'tr',
                { 'data-outcome': o.id },
                h('th', { scope: 'row' }, o.label),
                h('td', { 'data-field': 'baseline', 'data-value': o.baseline }, `${amount(o.baseline)} ${o.unit ?? ''}`),
                h('td', { 'data-field': 'current', 'data-value': o.current }, o.current === null ? '—' : `${amount(o.current)} ${o.unit ?? ''}`),
                h('td', { 'data-field': 'target', 'data-value': o.target }, `${amount(o.target)} ${o.unit ?? ''} by ${isoDay(o.targetDate)}`),
                h('td', { 'data-field': 'progress' }, percent(o.progress)),
                h('td', { 'data-field': 'status' }, words(o.status)),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'journey-empty' }, 'No outcome agreed yet.');
  const links = h('p', { class: 'journey-links' }, h('a', { href: `./success.html?account=${encodeURIComponent(journey.customer.id)}` }, 'The account on the success page'));
  return phase('prosper', 'Prosper', `outcomes, health and value, on ${isoDay(prosper.asOf)}`, links, tiles, outcomes);
}

/**
 * The four sections of `journey`.
 * @param {Journey} journey
 * @param {(caseId: number | string) => Node} planControl
 * @returns {Node[]}
 */
export function journeySections(journey, planControl) {
  return [developSection(journey.develop), evaluateSection(journey, planControl), executeSection(journey), prosperSection(journey)];
}
