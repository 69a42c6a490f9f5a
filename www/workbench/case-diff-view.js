// @ts-check
/**
 * @file What changed between two revisions of a saved case, as people
 * read it: the server's diff (docs/cases.md, `changes`: the core compared
 * the documents) written with the model's input labels and each value in
 * the case's locale and currency, old → new. It renders only; which
 * values changed is the server's answer.
 */

import { h } from '../widget/dom.js';
import { stepLabel } from './case-document.js';

/** @typedef {import('./case-store.js').Change} Change */
/** @typedef {import('./case-store.js').Changes} Changes */
/** @typedef {import('./case-store.js').ChangeSummary} ChangeSummary */
/** @typedef {import('./session.js').PageSession} PageSession */

const SETTING_LABELS = /** @type {Record<string, string>} */ ({
  hurdleRate: 'Hurdle rate',
  paybackLimitMonths: 'Payback limit',
  strategicFit: 'Strategic fit',
  probabilityNpvPositive: 'Probability NPV > 0',
  monteCarlo: 'Monte Carlo run',
  locale: 'Locale',
  currency: 'Currency',
});
const FIELD_LABELS = /** @type {Record<string, string>} */ ({ title: 'Title', customer: 'Customer', model: 'Model', step: 'Pipeline step', dropped: 'Dropped' });
const NONE = '—';

/**
 * A list of every change, or a line saying there is none.
 * @param {Changes | null} changes
 * @param {PageSession} session  for the input labels and number formats
 * @returns {HTMLElement}
 */
export function renderChanges(changes, session) {
  if (!changes) return h('p', { class: 'hint' }, 'The server could not say what changed.');
  const rows = [
    ...changes.fields.map((change) => row(FIELD_LABELS[change.key] ?? change.key, change, (value) => fieldText(change.key, value))),
    ...changes.inputs.map((change) => row(inputLabel(session, change.key), change, (value) => inputText(session, change.key, value))),
    ...changes.sources.map((change) => row(`Source of ${inputLabel(session, change.key)}`, change, sourceText)),
    ...changes.scenarios.map((change) => row(`Scenario ${scenarioName(change)}`, change, (value) => scenarioText(session, value))),
    ...changes.settings.map((change) => row(SETTING_LABELS[change.key] ?? change.key, change, (value) => settingText(session, change.key, value))),
  ];
  if (!rows.length) return h('p', { class: 'hint' }, 'Nothing changed.');
  return h('ul', { class: 'wb-changes' }, ...rows);
}

/**
 * The summary a revision carries ("2 inputs · 1 source · step"), or "no changes".
 * @param {ChangeSummary} summary
 */
export function summaryText(summary) {
  /** @param {number} n @param {string} word */
  const count = (n, word) => (n ? `${n} ${word}${n === 1 ? '' : 's'}` : '');
  const parts = [
    count(summary.inputs, 'input'),
    count(summary.sources, 'source'),
    count(summary.scenarios, 'scenario'),
    count(summary.settings, 'setting'),
    ...summary.fields.map((field) => (FIELD_LABELS[field] ?? field).toLowerCase()),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no changes';
}

/**
 * @param {string} label
 * @param {Change} change
 * @param {(value: unknown) => string} text
 */
function row(label, change, text) {
  const before = change.change === 'added' ? NONE : text(change.before);
  const after = change.change === 'removed' ? `${NONE} (removed)` : text(change.after);
  return h('li', { 'data-change': change.change }, h('span', { class: 'wb-change-label' }, label), ': ', h('span', { class: 'wb-change-before' }, before), ' → ', h('span', { class: 'wb-change-after' }, after));
}

/** @param {PageSession} session @param {string} id */
function inputOf(session, id) {
  return session.layout.inputs.find((input) => input.id.toLowerCase() === id.toLowerCase());
}

/** @param {PageSession} session @param {string} id */
function inputLabel(session, id) {
  return inputOf(session, id)?.label ?? id;
}

/**
 * An input's value as the inputs show it.
 * @param {PageSession} session
 * @param {string} id
 * @param {unknown} value
 */
function inputText(session, id, value) {
  const input = inputOf(session, id);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (input?.kind === 'select') return input.options?.find((option) => option.value === value)?.label ?? String(value);
  if (typeof value !== 'number') return String(value);
  if (input?.kind === 'currency') return session.format(value, 'currency');
  if (input?.kind === 'percent') return session.format(value, 'percent', 2);
  return session.format(value, 'number', input?.kind === 'integer' ? 0 : undefined);
}

/** @param {unknown} value */
function sourceText(value) {
  const source = /** @type {{ by?: string, basis?: string, note?: string } | null} */ (value);
  return [source?.by, source?.basis, source?.note].filter(Boolean).join(' · ') || NONE;
}

/** @param {Change} change */
function scenarioName(change) {
  const scenario = /** @type {{ label?: string } | null} */ (change.after ?? change.before);
  return `“${scenario?.label ?? change.key}”`;
}

/**
 * @param {PageSession} session
 * @param {unknown} value
 */
function scenarioText(session, value) {
  const scenario = /** @type {{ label: string, inputs: Record<string, unknown> } | null} */ (value);
  if (!scenario) return NONE;
  const inputs = Object.entries(scenario.inputs ?? {});
  const shown = inputs.slice(0, 4).map(([id, v]) => `${inputLabel(session, id)} ${inputText(session, id, v)}`);
  return `${scenario.label}: ${shown.join(', ')}${inputs.length > shown.length ? ` and ${inputs.length - shown.length} more inputs` : ''}`;
}

/**
 * @param {PageSession} session
 * @param {string} key
 * @param {unknown} value
 */
function settingText(session, key, value) {
  if (value === null || value === undefined) return NONE;
  if (key === 'hurdleRate' || key === 'probabilityNpvPositive') return session.format(Number(value), 'percent', 1);
  if (key === 'paybackLimitMonths') return `${session.format(Number(value), 'number', 0)} months`;
  if (key === 'strategicFit') return `${value} of 5`;
  if (key === 'monteCarlo') {
    const run = /** @type {{ seed: number, trials: number, paybackWithinMonths?: number }} */ (value);
    const months = run.paybackWithinMonths === undefined ? '' : `, payback within ${run.paybackWithinMonths} months`;
    return `seed ${run.seed}, ${session.format(run.trials, 'number', 0)} trials${months}`;
  }
  return String(value);
}

/**
 * @param {string} key
 * @param {unknown} value
 */
function fieldText(key, value) {
  if (value === null || value === undefined) return NONE;
  if (key === 'step') return stepLabel(String(value));
  if (key === 'dropped') return `dropped: ${/** @type {{ reason: string }} */ (value).reason}`;
  if (key === 'customer') {
    const customer = /** @type {{ id: string, name: string }} */ (value);
    return `${customer.name} (${customer.id})`;
  }
  if (key === 'model') {
    const model = /** @type {{ id: string, version: string, documentSha256: string }} */ (value);
    return `${model.id} ${model.version} (document ${model.documentSha256.slice(0, 12)}…)`;
  }
  return String(value);
}
