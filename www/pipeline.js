// @ts-check
/**
 * The Evaluate pipeline page: reads `GET /api/pipeline` (computed by the
 * Rust core from every saved case's revisions, docs/cases.md) for all
 * customers or one, and draws one table per currency (cases, value, cases
 * that moved on without a positive case, open cases at the step now,
 * cases dropped after passing the step last, conversion from the step
 * before, median days in step), then the stalled cases, the dropped ones
 * with their reasons, and the open cases waiting at or past a gate
 * without a positive case, each linked to `workbench.html?case=ID`. It only formats and draws:
 * every count, value, conversion and day comes from the server.
 *
 * Values are never added across currencies: the server answers one
 * report per currency and the page says when there are several.
 */

import { h } from './widget/dom.js';

/**
 * @typedef {'business_review' | 'high_level_case' | 'projects_review' | 'detailed_case' | 'decision' | 'commitment'} Step
 */
/**
 * @typedef {object} StageAnswer
 * @property {Step} stage
 * @property {number} count
 * @property {number} value
 * @property {number} withoutPositiveCase
 * @property {number} open
 * @property {number} atStep
 * @property {number} atStepValue
 * @property {number} dropped
 * @property {number} droppedValue
 * @property {number | null} conversionFromPrevious
 * @property {number | null} valueConversionFromPrevious
 * @property {number | null} medianDaysInStage
 * @property {number | null} meanDaysInStage
 */
/**
 * @typedef {object} CurrencyAnswer
 * @property {string} currency
 * @property {number} cases
 * @property {StageAnswer[]} stages
 * @property {{ caseId: number | string, message: string }[]} diagnostics
 */
/**
 * @typedef {object} CaseAnswer
 * @property {number | string} id
 * @property {string} title
 * @property {{ id: string, name: string }} customer
 * @property {Step} step
 * @property {number | null} value
 * @property {string} currency
 * @property {number} daysInStep
 * @property {boolean} stalled
 * @property {{ reason: string, droppedAtMs: number, lastStagePassed: Step } | null} dropped
 * @property {Step[]} withoutPositiveCase
 * @property {boolean} highLevelCasePositive
 * @property {boolean} detailedCasePositive
 */
/**
 * @typedef {object} PipelineAnswer
 * @property {number} asOfMs
 * @property {number} stalledAfterDays
 * @property {CurrencyAnswer[]} currencies
 * @property {CaseAnswer[]} cases
 * @property {(number | string)[]} stalled
 */
/**
 * @typedef {object} CaseListAnswer
 * @property {{ customer: { id: string, name: string } }[]} cases
 */

/** The step names people read, in pipeline order. */
const STEP_LABELS = /** @type {Record<Step, string>} */ ({
  business_review: 'Business review',
  high_level_case: 'High-level business case',
  projects_review: 'Projects review',
  detailed_case: 'Detailed business case',
  decision: 'Decision',
  commitment: 'Commitment',
});
/** A request that takes longer is abandoned and reported. */
const REQUEST_TIMEOUT_MS = 15_000;

const form = /** @type {HTMLFormElement} */ (document.getElementById('pipeline-form'));
const customerSelect = /** @type {HTMLSelectElement} */ (document.getElementById('pipeline-customer'));
const stalledInput = /** @type {HTMLInputElement} */ (document.getElementById('pipeline-stalled'));
const status = /** @type {HTMLElement} */ (document.getElementById('pipeline-status'));
const root = /** @type {HTMLElement} */ (document.getElementById('pipeline-body'));
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * A value in `currency` (whole units), or a plain number for a code Intl
 * does not know.
 * @param {number} value
 * @param {string} currency
 */
function money(value, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(value)} ${currency}`;
  }
}

/** @param {number | null} ratio */
function conversion(ratio) {
  return ratio === null ? '—' : percent.format(ratio);
}

/** @param {number | null} value */
function dayCount(value) {
  return value === null ? '—' : days.format(value);
}

/**
 * @param {string} url
 * @returns {Promise<unknown>}
 */
async function getJson(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, { cache: 'no-store', signal: controller.signal });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const reason = body && typeof body === 'object' && 'error' in body ? String(body.error) : `HTTP ${response.status}`;
      throw new Error(reason);
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One currency's stages as a table.
 * @param {CurrencyAnswer} report
 */
function stagesTable(report) {
  const headers = ['Step', 'Cases', 'Value', 'Of which without a positive case', 'Open at this step now', 'Dropped after this step', 'Conversion from the step before', 'Median days in step'];
  const captionId = `pipeline-caption-${report.currency}`;
  const body = h('tbody');
  for (const stage of report.stages) {
    body.append(
      h(
        'tr',
        { 'data-stage': stage.stage },
        h('th', { scope: 'row' }, STEP_LABELS[stage.stage]),
        h('td', { 'data-field': 'count' }, count.format(stage.count)),
        h('td', { 'data-field': 'value' }, money(stage.value, report.currency)),
        h('td', { 'data-field': 'without-positive-case' }, count.format(stage.withoutPositiveCase)),
        h('td', { 'data-field': 'at-step' }, `${count.format(stage.atStep)} (${money(stage.atStepValue, report.currency)})`),
        h('td', { 'data-field': 'dropped' }, `${count.format(stage.dropped)} (${money(stage.droppedValue, report.currency)})`),
        h('td', { 'data-field': 'conversion' }, conversion(stage.conversionFromPrevious)),
        h('td', { 'data-field': 'median-days' }, dayCount(stage.medianDaysInStage)),
      ),
    );
  }
  const caption = `Pipeline in ${report.currency}: ${count.format(report.cases)} case${report.cases === 1 ? '' : 's'}`;
  return h(
    'section',
    { class: 'pipeline-currency', 'data-currency': report.currency },
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 },
      h(
        'table',
        { class: 'pipeline-table' },
        h('caption', { id: captionId }, caption),
        h('thead', {}, h('tr', {}, ...headers.map((label) => h('th', { scope: 'col' }, label)))),
        body,
      ),
    ),
    report.diagnostics.length
      ? h('p', { class: 'section-note' }, `Left out: ${report.diagnostics.map((d) => `case ${d.caseId} (${d.message})`).join('; ')}`)
      : null,
  );
}

/**
 * A list of cases linked to the workbench, with their step and facts.
 * @param {CaseAnswer[]} cases
 * @param {(item: CaseAnswer) => string} facts
 */
function caseList(cases, facts) {
  return h(
    'ul',
    { class: 'pipeline-cases' },
    ...cases.map((item) =>
      h(
        'li',
        { 'data-case-id': String(item.id) },
        h('a', { href: `./workbench.html?case=${encodeURIComponent(String(item.id))}` }, item.title),
        ` (${item.customer.name})`,
        h('span', { class: 'case-facts' }, facts(item)),
      ),
    ),
  );
}

/**
 * @param {CaseAnswer} item
 */
function valueText(item) {
  return item.value === null ? 'no value' : money(item.value, item.currency);
}

/**
 * Draws the whole answer.
 * @param {PipelineAnswer} answer
 */
function draw(answer) {
  const parts = [];
  if (answer.cases.length === 0) {
    const who = customerSelect.value ? 'for this customer' : 'yet';
    root.replaceChildren(
      h('p', { class: 'placeholder' }, `No saved cases ${who}. A case saved from the workbench (or POST /api/cases) appears here at its step.`),
    );
    return;
  }
  if (answer.currencies.length > 1) {
    const codes = answer.currencies.map((c) => c.currency).join(', ');
    parts.push(
      h(
        'p',
        { class: 'pipeline-mixed', id: 'pipeline-currencies' },
        `These cases use ${answer.currencies.length} currencies (${codes}). Each has its own table: values in different currencies are never added together.`,
      ),
    );
  }
  for (const report of answer.currencies) parts.push(stagesTable(report));

  const stalled = answer.cases.filter((item) => item.stalled);
  parts.push(h('h2', { id: 'stalled-title' }, `Stalled: at their step for more than ${days.format(answer.stalledAfterDays)} days`));
  parts.push(
    stalled.length
      ? caseList(stalled, (item) => `${STEP_LABELS[item.step]} for ${item.daysInStep < 1 ? 'less than a day' : `${dayCount(item.daysInStep)} days`} · ${valueText(item)}`)
      : h('p', { class: 'placeholder', id: 'no-stalled' }, 'No stalled cases.'),
  );

  const dropped = answer.cases.filter((item) => item.dropped !== null);
  parts.push(h('h2', { id: 'dropped-title' }, 'Dropped projects'));
  parts.push(
    dropped.length
      ? caseList(dropped, (item) => {
          const passed = item.dropped ? STEP_LABELS[item.dropped.lastStagePassed] : '';
          return `Dropped at ${STEP_LABELS[item.step]} (last step passed: ${passed}) · ${valueText(item)} · Reason: ${item.dropped?.reason ?? ''}`;
        })
      : h('p', { class: 'placeholder', id: 'no-dropped' }, 'No dropped projects.'),
  );

  const unsupported = answer.cases.filter((item) => item.withoutPositiveCase.length > 0 && item.dropped === null);
  parts.push(h('h2', { id: 'unsupported-title' }, 'Open cases at or past a gate without a positive case'));
  parts.push(
    unsupported.length
      ? caseList(
          unsupported,
          (item) => `At ${STEP_LABELS[item.step]} · no positive ${item.withoutPositiveCase.map((step) => STEP_LABELS[step].toLowerCase()).join(' or ')} · ${valueText(item)}`,
        )
      : h('p', { class: 'placeholder' }, 'Every case past a gate passed it with a positive business case.'),
  );
  root.replaceChildren(...parts);
}

/**
 * Fills the customer filter from the saved cases (names by id, once each):
 * the customers of the 10,000 most recently changed cases, the most one
 * list answers. A customer beyond them can still be chosen by its id in
 * the page's address (`?customer=ID`).
 */
async function loadCustomers() {
  const answer = /** @type {CaseListAnswer} */ (await getJson('/api/cases?limit=10000'));
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const item of answer.cases) if (!names.has(item.customer.id)) names.set(item.customer.id, item.customer.name);
  const chosen = customerSelect.value;
  const options = [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => h('option', { value: id }, name));
  customerSelect.replaceChildren(h('option', { value: '' }, 'All customers'), ...options);
  if (chosen && !names.has(chosen)) customerSelect.append(h('option', { value: chosen }, chosen));
  customerSelect.value = chosen;
}

/** Reads and draws the pipeline the form asks for. */
async function load() {
  const query = new URLSearchParams();
  if (customerSelect.value) query.set('customer', customerSelect.value);
  query.set('stalledAfterDays', stalledInput.value || '30');
  status.textContent = 'Loading…';
  try {
    const answer = /** @type {PipelineAnswer} */ (await getJson(`/api/pipeline?${query}`));
    draw(answer);
    const who = customerSelect.selectedOptions[0]?.textContent ?? 'All customers';
    status.textContent = `${who}: ${count.format(answer.cases.length)} case${answer.cases.length === 1 ? '' : 's'}, as of ${new Date(answer.asOfMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.`;
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'AbortError' ? 'the server did not answer in time' : error.message) : String(error);
    status.textContent = '';
    const retry = h('button', { type: 'button', class: 'button' }, 'Try again');
    retry.addEventListener('click', () => void start());
    root.replaceChildren(h('p', { class: 'pipeline-error', role: 'alert' }, `Could not load the pipeline: ${reason}. Is the server running?`), retry);
    retry.focus();
  }
}

/** Reads the customers, then the pipeline; the URL's query chooses the first filter. */
async function start() {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('customer');
  const stalled = params.get('stalledAfterDays');
  if (stalled !== null) stalledInput.value = stalled;
  if (wanted) customerSelect.replaceChildren(h('option', { value: '' }, 'All customers'), h('option', { value: wanted }, wanted));
  if (wanted) customerSelect.value = wanted;
  try {
    await loadCustomers();
  } catch {
    // The pipeline request below reports the failure.
  }
  await load();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!form.reportValidity()) return;
  const query = new URLSearchParams();
  if (customerSelect.value) query.set('customer', customerSelect.value);
  if (stalledInput.value !== '30') query.set('stalledAfterDays', stalledInput.value);
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
  void load();
});
customerSelect.addEventListener('change', () => form.requestSubmit());

void start();
