// @ts-check
/**
 * @file Builds the `WorkbenchSession` every view and panel is given
 * (`session-types.js`): the compiled model with the case's inputs applied,
 * its layout, the case's locale and currency, and one change notification
 * for all. The page owns the case state; the session is its view for
 * panels. It computes nothing: values come from the engine, and `format`
 * only writes numbers for people.
 */

import { NumberFormats } from '../widget/format.js';

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */
/** @typedef {import('./session-types.js').Model} Model */
/** @typedef {import('./session-types.js').ModelDocument} ModelDocument */
/** @typedef {import('./session-types.js').InputValue} InputValue */
/** @typedef {import('./case-state.js').CaseState} CaseState */

/** Decimals shown when a caller names none: the engine's defaults per style (docs/model-format.md). */
const DEFAULT_DECIMALS = { currency: 0, percent: 1, months: 1, number: 2 };

/**
 * The page's session: the contract's object plus what only the page uses.
 * @typedef {WorkbenchSession & {
 *   state: CaseState,
 *   numbers: NumberFormats,
 *   setLocale: (locale: string, currency: string) => void,
 *   replaceInputs: (inputs: import('./session-types.js').InputValues, scenario: string | null) => void,
 *   applyModelScenario: (id: string) => void,
 * }} PageSession
 */

/**
 * @param {object} options
 * @param {Model} options.model  compiled; the session evaluates the case's inputs into it
 * @param {ModelDocument} options.document
 * @param {CaseState} options.state
 * @param {(text: string, decimalComma: boolean) => number} options.readTypedNumber
 * @returns {PageSession}
 */
export function createSession({ model, document, state, readTypedNumber }) {
  const layout = model.layout();
  /** @type {Set<() => void>} */
  const listeners = new Set();
  model.evaluate(state.inputs);
  state.inputs = { ...model.current().inputs };

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  /** @type {PageSession} */
  const session = {
    model,
    document,
    layout,
    state,
    locale: state.locale,
    currency: state.currency,
    numbers: new NumberFormats(state.locale, state.currency, readTypedNumber),
    inputs: () => ({ ...model.current().inputs }),
    current: () => model.current(),
    setInput(id, value) {
      model.set(id, value); // throws the engine's refusal; nothing changed then
      state.inputs = { ...model.current().inputs };
      state.scenario = null;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    monteCarlo: state.monteCarlo,
    verdict: state.verdict,
    changed: notify,
    format(value, style, decimals) {
      return session.numbers.output(value, { style, decimals: decimals ?? DEFAULT_DECIMALS[style] });
    },
    setLocale(locale, currency) {
      const numbers = new NumberFormats(locale, currency, readTypedNumber);
      state.locale = locale;
      state.currency = numbers.currency;
      session.locale = locale;
      session.currency = numbers.currency;
      session.numbers = numbers;
      notify();
    },
    replaceInputs(inputs, scenario) {
      model.evaluate(inputs);
      state.inputs = { ...model.current().inputs };
      state.scenario = scenario;
      notify();
    },
    applyModelScenario(id) {
      model.applyScenario(id);
      state.inputs = { ...model.current().inputs };
      state.scenario = id;
      notify();
    },
  };
  return session;
}
