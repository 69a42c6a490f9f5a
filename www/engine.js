// @ts-check
/**
 * The site's only door to the Yardstick engine.
 *
 * This module loads the wasm-bindgen output (`pkg/yardstick.js`, served at
 * `/pkg/` next to the site) and re-exports the engine's calls with JSDoc
 * types. It computes nothing: every value a page shows comes from the Rust
 * core. No other module in `www/` imports `pkg/`.
 */

// The engine's value types come from the generated `pkg/yardstick.d.ts`
// (served at ./pkg/, built at ../pkg/ in the repository).
/** @typedef {import('../pkg/yardstick.js').FormulaError} FormulaError */
/** @typedef {FormulaError['error']} ErrorCode */
/** @typedef {import('../pkg/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../pkg/yardstick.js').FormulaDiagnostic} FormulaDiagnostic */
/** @typedef {import('../pkg/yardstick.js').EvaluateResult} EvaluateResult */
/** @typedef {import('../pkg/yardstick.js').FunctionInfo} FunctionInfo */
/** @typedef {import('../pkg/yardstick.js').CallAt} CallAt */
/** @typedef {import('../pkg/yardstick.js').NameAt} NameAt */
/** @typedef {FunctionInfo['category']} FunctionCategory */
/** A function as the playground lists it: the engine's facts and its one-line summary. @typedef {FunctionInfo & { summary: string }} FunctionHelp */

/**
 * The loaded engine.
 * @typedef {object} Engine
 * @property {(formula: string) => EvaluateResult} evaluate Evaluates one formula; a leading `=` is optional.
 * @property {() => FunctionInfo[]} functions Every function the engine knows.
 * @property {(formula: string, caret: number) => CallAt | null} callAt The function call whose parentheses hold the caret (a UTF-16 offset).
 * @property {(formula: string, caret: number) => NameAt | null} nameAt The name the caret is typing: the whole name's range and the part before the caret (UTF-16 offsets).
 * @property {() => string} version The engine's version.
 * @property {typeof import('../pkg/yardstick.js').Model} Model Calculator models: compile, set, evaluate, scenarios, receipts (the workbench).
 * @property {typeof import('../pkg/yardstick.js').Scorecard} Scorecard Weighted scorecards (the workbench's verdict).
 * @property {(text: string, decimalComma: boolean) => number} readTypedNumber Reads a number a person typed, in the locale's notation.
 */

/** @typedef {typeof import('../pkg/yardstick.js')} GeneratedBindings */

/** Where the wasm-bindgen module lives, relative to this file's URL. */
const BINDINGS_URL = new URL('./pkg/yardstick.js', import.meta.url);

/** The functions' one-line summaries, kept out of the wasm (docs/formula-functions.md). */
const SUMMARIES_URL = new URL('./function-summaries.json', import.meta.url);

/** @type {Promise<Engine> | null} */
let loading = null;

/**
 * Every function's one-line summary by name, for pages that list the
 * functions (the playground). The text is data the engine's registry
 * writes (`function-summaries.json`), not part of the wasm, so pages that
 * only evaluate never download it. Resolves to an empty record when the
 * file cannot be read: the listing then shows no summaries, nothing else
 * changes.
 * @returns {Promise<Record<string, string>>}
 */
export async function loadFunctionSummaries() {
  try {
    const response = await fetch(SUMMARIES_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const summaries = await response.json();
    return summaries !== null && typeof summaries === 'object' ? summaries : {};
  } catch (error) {
    console.warn(`could not load the function summaries ${SUMMARIES_URL.pathname}:`, error);
    return {};
  }
}

/**
 * Loads and instantiates the engine once; later calls share the same promise.
 * Rejects with an `Error` whose message says what failed.
 * @returns {Promise<Engine>}
 */
export function loadEngine() {
  if (loading === null) {
    loading = instantiate();
  }
  return loading;
}

/** @returns {Promise<Engine>} */
async function instantiate() {
  /** @type {GeneratedBindings} */
  let bindings;
  try {
    bindings = await import(BINDINGS_URL.href);
  } catch (cause) {
    throw new Error(`could not load the engine module ${BINDINGS_URL.pathname}`, { cause });
  }
  try {
    await bindings.default();
  } catch (cause) {
    throw new Error('could not instantiate the engine (WebAssembly)', { cause });
  }
  return {
    evaluate: (formula) => bindings.evaluate(formula),
    functions: () => bindings.functions(),
    callAt: (formula, caret) => bindings.callAt(formula, caret),
    nameAt: (formula, caret) => bindings.nameAt(formula, caret),
    version: () => bindings.version(),
    Model: bindings.Model,
    Scorecard: bindings.Scorecard,
    readTypedNumber: (text, decimalComma) => bindings.readTypedNumber(text, decimalComma),
  };
}
