// @ts-check
/**
 * The dashboard's Leads section: reads `GET /api/leads` (one page, newest
 * first, with the totals the Rust core summed per calculator) and draws a
 * table of leads, each followed by a disclosure row with the case behind
 * it (the inputs the prospect entered, the outputs and the receipt hash),
 * plus the count, the total value and a link to the CSV export. It only
 * formats and draws: values, totals and currencies come from the server.
 *
 * It redraws when the page's Refresh button is pressed, not on a timer,
 * so a case someone has opened stays open while they read it.
 */

import { h } from './widget/dom.js';

/**
 * @typedef {object} CaseOutput
 * @property {string} id
 * @property {string} label
 * @property {'currency' | 'percent' | 'number' | 'months'} style
 * @property {number} decimals
 * @property {number | string | boolean | { error: string } | null} value
 */
/**
 * @typedef {object} EnteredInput
 * @property {string} id
 * @property {string} [label]
 * @property {number | string | boolean | null} value
 */
/**
 * @typedef {object} Lead
 * @property {string} lead_id
 * @property {string} calc_id
 * @property {string} calc_version
 * @property {number} received_at_ms
 * @property {{ name: string, email: string, company: string }} contact
 * @property {boolean} verified
 * @property {number | null} value
 * @property {string | null} value_output
 * @property {string | null} currency
 * @property {string | null} scenario
 * @property {EnteredInput[]} entered
 * @property {CaseOutput[] | null} outputs
 * @property {string | null} receipt_hash
 */
/**
 * @typedef {object} CalcTotals
 * @property {string} calc_id
 * @property {number} leads
 * @property {number} valued
 * @property {number} value
 * @property {string | null} currency
 */
/**
 * @typedef {object} LeadsAnswer
 * @property {Lead[]} leads
 * @property {string | null} next_cursor
 * @property {{ leads: number, value: number | null, currency: string | null, calcs: CalcTotals[] }} totals
 */

const root = /** @type {HTMLElement} */ (document.getElementById('leads-body'));
const summary = /** @type {HTMLElement} */ (document.getElementById('leads-summary'));
const pager = /** @type {HTMLElement} */ (document.getElementById('leads-pager'));
const status = /** @type {HTMLElement} */ (document.getElementById('leads-status'));
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A value in `currency` when known, else a plain number.
 * @param {number} value
 * @param {string | null} currency
 */
function money(value, currency) {
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
    } catch {
      // An unknown currency code: the plain number below.
    }
  }
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
}

/**
 * An output's value as the widget formats it.
 * @param {CaseOutput} output
 * @param {string | null} currency
 */
function outputText(output, currency) {
  const value = output.value;
  if (value === null) return '—';
  if (typeof value === 'object') return value.error;
  if (typeof value !== 'number') return String(value);
  const digits = { minimumFractionDigits: output.decimals, maximumFractionDigits: output.decimals };
  switch (output.style) {
    case 'currency':
      return currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency, ...digits }).format(value) : new Intl.NumberFormat(undefined, digits).format(value);
    case 'percent':
      return new Intl.NumberFormat(undefined, { style: 'percent', ...digits }).format(value);
    case 'months':
      return `${new Intl.NumberFormat(undefined, digits).format(value)} months`;
    default:
      return new Intl.NumberFormat(undefined, digits).format(value);
  }
}

/**
 * A list of term / description pairs.
 * @param {[string, string][]} pairs
 */
function pairsList(pairs) {
  const list = h('dl', { class: 'lead-pairs' });
  for (const [term, description] of pairs) list.append(h('dt', {}, term), h('dd', {}, description));
  return list;
}

/**
 * The disclosure with the case behind one lead.
 * @param {Lead} lead
 */
function caseDetails(lead) {
  const details = h('details', { class: 'lead-case' });
  details.append(h('summary', {}, `Case behind ${lead.contact.name}'s lead`));
  const entered = lead.entered.map((input) => /** @type {[string, string]} */ ([input.label ?? input.id, input.value === null ? '—' : String(input.value)]));
  details.append(h('h3', {}, 'Inputs the prospect entered'), entered.length ? pairsList(entered) : h('p', {}, 'None: the defaults.'));
  if (lead.outputs) {
    details.append(
      h('h3', {}, 'Outputs'),
      pairsList(lead.outputs.map((output) => [output.id === lead.value_output ? `${output.label} (the lead's value)` : output.label, outputText(output, lead.currency)])),
      h('p', {}, 'Receipt (SHA-256 of the model and the inputs): ', h('code', { class: 'receipt-hash' }, lead.receipt_hash ?? '—')),
    );
  } else {
    details.append(h('p', {}, `Not verified: this server does not serve ${lead.calc_id} ${lead.calc_version}, so it could not recompute the case.`));
  }
  if (lead.scenario) details.append(h('p', {}, `Scenario shown: ${lead.scenario}`));
  return details;
}

/** @param {Lead[]} leads */
function table(leads) {
  const headers = ['Received', 'Name', 'Company', 'Email', 'Calculator', 'Value', 'Verified'];
  const head = h('tr', {}, ...headers.map((label) => h('th', { scope: 'col' }, label)));
  const body = h('tbody');
  for (const lead of leads) {
    body.append(
      h(
        'tr',
        { class: 'lead-row', 'data-lead-id': lead.lead_id },
        // data-label: the column's name, which a phone's stacked layout shows.
        h('td', { 'data-label': headers[0] }, when.format(new Date(lead.received_at_ms))),
        h('th', { scope: 'row', 'data-label': headers[1] }, lead.contact.name),
        h('td', { 'data-label': headers[2] }, lead.contact.company),
        h('td', { 'data-label': headers[3] }, lead.contact.email),
        h('td', { 'data-label': headers[4] }, lead.calc_id),
        h('td', { class: 'number', 'data-label': headers[5] }, lead.value === null ? '—' : money(lead.value, lead.currency)),
        h('td', { 'data-label': headers[6] }, lead.verified ? 'Yes' : 'No'),
      ),
      h('tr', { class: 'lead-case-row' }, h('td', { colspan: headers.length }, caseDetails(lead))),
    );
  }
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': 'leads-caption', tabindex: 0 },
    h('table', { class: 'leads-table' }, h('caption', { id: 'leads-caption' }, 'Leads, newest first'), h('thead', {}, head), body),
  );
}

/** @param {LeadsAnswer['totals']} totals */
function totalsText(totals) {
  const leads = `${count.format(totals.leads)} lead${totals.leads === 1 ? '' : 's'}`;
  const overall = totals.value === null ? '' : `, worth ${money(totals.value, totals.currency)} in all`;
  const perCalc = totals.calcs.map((calc) => `${calc.calc_id}: ${count.format(calc.leads)}${calc.valued ? `, ${money(calc.value, calc.currency)}` : ''}`);
  return `${leads}${overall}.${perCalc.length ? ` ${perCalc.join(' · ')}` : ''}`;
}

/** Cursors of the pages before the one shown, and its own. */
/** @type {(string | null)[]} */
const cursors = [null];

/** Reads and draws the page of leads `cursors` ends at. */
async function load() {
  const query = new URLSearchParams();
  const cursor = cursors[cursors.length - 1];
  if (cursor) query.set('cursor', cursor);
  try {
    const response = await fetch(`/api/leads${cursor ? `?${query}` : ''}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const answer = /** @type {LeadsAnswer} */ (await response.json());
    summary.textContent = totalsText(answer.totals);
    root.replaceChildren(
      answer.leads.length
        ? table(answer.leads)
        : h('p', { class: 'placeholder' }, 'No leads yet. When a prospect sends the form in a calculator, their lead appears here with the case behind it.'),
    );
    const buttons = [];
    if (cursors.length > 1) {
      const newer = h('button', { type: 'button', class: 'button' }, 'Newer leads');
      newer.addEventListener('click', () => {
        cursors.pop();
        void load();
      });
      buttons.push(newer);
    }
    const next = answer.next_cursor;
    if (next !== null) {
      const older = h('button', { type: 'button', class: 'button' }, 'Older leads');
      older.addEventListener('click', () => {
        cursors.push(next);
        void load();
      });
      buttons.push(older);
    }
    pager.replaceChildren(...buttons);
    status.textContent = '';
  } catch (error) {
    status.textContent = `Could not load the leads: ${error instanceof Error ? error.message : String(error)}`;
  }
}

document.getElementById('refresh')?.addEventListener('click', () => void load());
void load();
