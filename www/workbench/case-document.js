// @ts-check
/**
 * @file The page's case state (`case-state.js`) written as a saved case
 * document (`yardstick/case@1`, docs/cases.md) and read back from one.
 * A plain change of shape: which fields go where, and the few names the
 * two formats spell differently (a source's `who` is the document's `by`;
 * the basis "customer" is "customer data"). It checks nothing: whether a
 * document is acceptable is the server's question (its core answers 400
 * with every problem and its path).
 */

import { DEFAULT_MONTE_CARLO } from './case-state.js';

/** @typedef {import('./case-state.js').CaseState} CaseState */
/** @typedef {import('./case-state.js').AssumptionSource} AssumptionSource */
/** @typedef {import('./session-types.js').ModelDocument} ModelDocument */
/** @typedef {import('./session-types.js').InputValues} InputValues */

/** The document's schema tag. */
export const CASE_SCHEMA = 'yardstick/case@1';

/** The Evaluate pipeline's steps, in order, with the names people read. */
export const STEPS = /** @type {const} */ ([
  ['business_review', 'Business review'],
  ['high_level_case', 'High-level business case'],
  ['projects_review', 'Projects review'],
  ['detailed_case', 'Detailed business case'],
  ['decision', 'Decision'],
  ['commitment', 'Commitment'],
]);

/** @param {string} step */
export const stepLabel = (step) => STEPS.find(([id]) => id === step)?.[1] ?? step;

/**
 * What the case document holds beyond the page's case state.
 * @typedef {object} CaseMeta
 * @property {string} title
 * @property {{ id: string, name: string }} customer
 * @property {string} step
 * @property {{ reason: string } | null} [dropped]  set when the project was dropped
 * @property {string} author
 */

/**
 * A saved case document (docs/cases.md), as the server answers it.
 * @typedef {object} CaseDocument
 * @property {string} schema
 * @property {string} title
 * @property {{ id: string, name: string }} customer
 * @property {{ id: string, version: string, document: ModelDocument }} model
 * @property {InputValues} [inputs]
 * @property {Record<string, { by?: string, basis?: string, note?: string }>} [sources]
 * @property {{ id: string, label: string, inputs: InputValues }[]} [scenarios]
 * @property {CaseSettings} [settings]
 * @property {string} step
 * @property {{ reason: string }} [dropped]
 * @property {string} author
 */

/**
 * @typedef {object} CaseSettings
 * @property {number} [hurdleRate]
 * @property {number} [paybackLimitMonths]
 * @property {number} [strategicFit]
 * @property {number} [probabilityNpvPositive]
 * @property {{ seed: number, trials: number, paybackWithinMonths?: number }} [monteCarlo]
 * @property {string} [locale]
 * @property {string} [currency]
 */

/** The page's basis names and the document's, where they differ. */
const BASIS_TO_DOCUMENT = /** @type {Record<string, string>} */ ({ customer: 'customer data' });
const BASIS_FROM_DOCUMENT = /** @type {Record<string, AssumptionSource['basis']>} */ ({ 'customer data': 'customer', benchmark: 'benchmark', estimate: 'estimate', other: 'other' });

/**
 * The case document for the page's case.
 * @param {CaseState} state
 * @param {ModelDocument} document  the model the case was computed with
 * @param {CaseMeta} meta
 * @returns {CaseDocument}
 */
export function caseDocument(state, document, meta) {
  /** @type {CaseDocument['sources']} */
  const sources = {};
  for (const [id, source] of Object.entries(state.sources)) {
    /** @type {{ by?: string, basis?: string, note?: string }} */
    const written = {};
    if (source.who) written.by = source.who;
    const basis = source.basis === 'other' && source.basisText ? source.basisText : BASIS_TO_DOCUMENT[source.basis] ?? source.basis;
    if (basis) written.basis = basis;
    if (source.note) written.note = source.note;
    if (Object.keys(written).length) sources[id] = written;
  }
  /** @type {CaseSettings} */
  const settings = {};
  for (const key of /** @type {const} */ (['hurdleRate', 'paybackLimitMonths', 'strategicFit', 'probabilityNpvPositive'])) {
    const value = state.verdict[key];
    if (typeof value === 'number') settings[key] = value;
  }
  settings.monteCarlo = { seed: state.monteCarlo.seed, trials: state.monteCarlo.trials, paybackWithinMonths: state.monteCarlo.paybackWithinMonths };
  settings.locale = state.locale;
  settings.currency = state.currency;
  const ids = new Set();
  /** @type {CaseDocument} */
  const written = {
    schema: CASE_SCHEMA,
    title: meta.title,
    customer: { id: meta.customer.id, name: meta.customer.name },
    model: { id: state.model.id, version: state.model.version, document },
    inputs: { ...state.inputs },
    sources,
    scenarios: state.saved.map((saved) => {
      const id = uniqueId(saved.id ?? idFromName(saved.name), ids);
      return { id, label: saved.name, inputs: { ...saved.inputs } };
    }),
    settings,
    step: meta.step,
    author: meta.author,
  };
  // Only a dropped case has the field (an open one is written as before it existed).
  if (meta.dropped) written.dropped = { reason: meta.dropped.reason };
  return written;
}

/**
 * The page's case state for a saved case document, with the model's
 * locale and currency where the case names none.
 * @param {CaseDocument} saved
 * @param {{ locale: string, currency: string }} modelDefaults
 * @returns {CaseState}
 */
export function caseStateOf(saved, modelDefaults) {
  /** @type {Record<string, AssumptionSource>} */
  const sources = {};
  for (const [id, source] of Object.entries(saved.sources ?? {})) {
    const basis = source.basis === undefined ? '' : BASIS_FROM_DOCUMENT[source.basis] ?? 'other';
    /** @type {AssumptionSource} */
    const read = { who: source.by ?? '', basis, note: source.note ?? '' };
    // A basis in the case's own words (not one of the page's choices) is kept as written.
    if (basis === 'other' && source.basis && source.basis !== 'other') read.basisText = source.basis;
    sources[id] = read;
  }
  const settings = saved.settings ?? {};
  /** @type {import('./session-types.js').VerdictSettings} */
  const verdict = {};
  for (const key of /** @type {const} */ (['hurdleRate', 'paybackLimitMonths', 'strategicFit', 'probabilityNpvPositive'])) {
    if (typeof settings[key] === 'number') verdict[key] = settings[key];
  }
  return {
    model: { kind: 'document', id: saved.model.id, version: saved.model.version, document: saved.model.document },
    customer: saved.customer.name,
    inputs: { ...(saved.inputs ?? {}) },
    scenario: null,
    saved: (saved.scenarios ?? []).map((scenario) => ({ id: scenario.id, name: scenario.label, inputs: { ...scenario.inputs } })),
    sources,
    locale: settings.locale ?? modelDefaults.locale,
    currency: settings.currency ?? modelDefaults.currency,
    monteCarlo: { ...DEFAULT_MONTE_CARLO, ...(settings.monteCarlo ?? {}) },
    verdict,
  };
}

/**
 * A customer or scenario id from a name: lower case, letters and digits
 * kept, the rest joined by hyphens (ids are 1 to 64 of `A-Z a-z 0-9 . _ : -`).
 * @param {string} name
 * @param {string} [fallback]  the id of a name with no letter or digit
 */
export function idFromName(name, fallback = 'scenario') {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._:-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return id || fallback;
}

/**
 * `id`, or `id-2`, `id-3`… when it is taken (ids ignore case).
 * @param {string} id
 * @param {Set<string>} taken  lower-case ids already used; the result is added
 */
function uniqueId(id, taken) {
  let candidate = id;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${id.slice(0, 60)}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
