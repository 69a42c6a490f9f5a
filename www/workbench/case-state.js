// @ts-check
/**
 * @file The case the workbench holds: which model, the inputs ("This
 * customer"), an assumption source per input, the case's own saved
 * scenarios, its locale and currency, the customer, and the Monte Carlo
 * and verdict settings the panels read. Plain data: it is what a share
 * link carries (`share-link.js`) and what a saved case stores (`case-document.js`). It
 * computes nothing; every figure comes from the engine.
 */

/** @typedef {import('./session-types.js').InputValues} InputValues */
/** @typedef {import('./session-types.js').MonteCarloSettings} MonteCarloSettings */
/** @typedef {import('./session-types.js').VerdictSettings} VerdictSettings */

/**
 * Where the model came from: a model the server serves (by its URL), a
 * URL typed in, or a local file (then the document itself travels with
 * the case, since nobody else can fetch it).
 * @typedef {{ kind: 'served' | 'url', url: string, id: string, version: string }
 *   | { kind: 'document', id: string, version: string, document?: import('./session-types.js').ModelDocument }} ModelReference
 */

/** What a number is based on. */
export const BASES = /** @type {const} */ ([
  ['benchmark', 'Benchmark'],
  ['customer', "Customer's own data"],
  ['estimate', 'Estimate'],
  ['other', 'Other'],
]);

/**
 * Who gave an input's number and where it comes from.
 * @typedef {object} AssumptionSource
 * @property {string} who    a person or team ("CFO office", "J. Smith")
 * @property {'' | 'benchmark' | 'customer' | 'estimate' | 'other'} basis
 * @property {string} note   where exactly (a report, a system, a date)
 * @property {string} [basisText]  a saved case's basis in its own words, when it is none of `BASES` (basis is then `other`)
 */

/**
 * A scenario the case saved: a name and every input's value (and, once
 * saved with the case, the id the saved case gives it).
 * @typedef {{ name: string, inputs: InputValues, id?: string }} SavedScenario
 */

/**
 * @typedef {object} CaseState
 * @property {ModelReference} model
 * @property {string} customer
 * @property {InputValues} inputs           the current inputs ("This customer")
 * @property {string | null} scenario       the model scenario or saved scenario last applied, while its inputs are unchanged
 * @property {SavedScenario[]} saved
 * @property {Record<string, AssumptionSource>} sources  by input id
 * @property {string} locale
 * @property {string} currency
 * @property {MonteCarloSettings} monteCarlo
 * @property {VerdictSettings} verdict
 */

/** The Monte Carlo settings of a new case. */
export const DEFAULT_MONTE_CARLO = Object.freeze({ seed: 1, trials: 10_000, paybackWithinMonths: 36 });

/**
 * A new case for a model, at its defaults, in its locale and currency.
 * @param {ModelReference} model
 * @param {import('./session-types.js').ModelLayout} layout
 * @param {InputValues} inputs
 * @returns {CaseState}
 */
export function newCase(model, layout, inputs) {
  return {
    model,
    customer: '',
    inputs: { ...inputs },
    scenario: null,
    saved: [],
    sources: {},
    locale: layout.locale,
    currency: layout.currency,
    monteCarlo: { ...DEFAULT_MONTE_CARLO },
    verdict: {},
  };
}

/**
 * A source with every field, empty where the case gives none.
 * @param {CaseState} state
 * @param {string} inputId
 * @returns {AssumptionSource}
 */
export function sourceOf(state, inputId) {
  return state.sources[inputId] ?? { who: '', basis: '', note: '' };
}

/**
 * The basis's label ("Benchmark"), empty for none.
 * @param {string} basis
 */
export function basisLabel(basis) {
  return BASES.find(([value]) => value === basis)?.[1] ?? '';
}
