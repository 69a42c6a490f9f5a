// @ts-check
/**
 * @file The contract between the workbench page (`workbench.js`) and its
 * panels (charts, risk, "what must be true", the verdict): the one object a
 * panel is given. Types only; the page builds the object
 * (`workbench/session.js`), each panel module exports
 * `mount…(root, session) -> WorkbenchPanel`.
 */

/** @typedef {import('../../pkg/yardstick.js').Model} Model */
/** @typedef {import('../../pkg/yardstick.js').ModelDocument} ModelDocument */
/** @typedef {import('../../pkg/yardstick.js').ModelLayout} ModelLayout */
/** @typedef {import('../../pkg/yardstick.js').InputValue} InputValue */
/** @typedef {import('../../pkg/yardstick.js').InputValues} InputValues */
/** @typedef {import('../../pkg/yardstick.js').ModelEvaluation} ModelEvaluation */

/**
 * Monte Carlo settings of the case; carried by the share link and saved
 * with the case, so a run can be reproduced exactly.
 * @typedef {object} MonteCarloSettings
 * @property {number} seed       a non-negative integer
 * @property {number} trials     how many trials a run draws
 * @property {number} paybackWithinMonths  the "payback within N months" probability's N
 */

/**
 * The business-case scorecard settings the case may change.
 * @typedef {object} VerdictSettings
 * @property {number} [hurdleRate]          a fraction per year (0.1 = 10%)
 * @property {number} [paybackLimitMonths]
 * @property {number} [strategicFit]        1 (poor) to 5 (excellent), rated by hand
 * @property {number} [probabilityNpvPositive]  from the last Monte Carlo run, 0 to 1
 */

/**
 * What every panel is given. The page owns the model: panels read it and
 * change inputs only through `setInput`, so every view stays in step.
 * @typedef {object} WorkbenchSession
 * @property {Model} model            compiled, with the case's current inputs applied
 * @property {ModelDocument} document  the document it was compiled from (a worker compiles its own copy)
 * @property {ModelLayout} layout      `model.layout()`, read once
 * @property {string} locale           the case's locale (BCP 47) for every number shown
 * @property {string} currency         the case's currency (ISO 4217)
 * @property {() => InputValues} inputs  the case's current inputs ("This customer")
 * @property {() => ModelEvaluation} current  the current outputs and series
 * @property {(id: string, value: InputValue) => void} setInput  change an input (throws the engine's error when refused)
 * @property {(listener: () => void) => () => void} subscribe  called after any change of inputs, scenario or settings; returns the unsubscribe function
 * @property {MonteCarloSettings} monteCarlo  read and written by the risk panel; `changed()` after writing
 * @property {VerdictSettings} verdict         read and written by the verdict panel; `changed()` after writing
 * @property {() => void} changed  tells the page (and the other panels) that settings changed
 * @property {(value: number, style: 'currency' | 'percent' | 'number' | 'months', decimals?: number) => string} format  a number in the case's locale and currency
 */

/**
 * What a panel's mount function returns.
 * @typedef {object} WorkbenchPanel
 * @property {() => void} destroy  removes listeners, stops workers; the page calls it before opening another model
 */

export {};
