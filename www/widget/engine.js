// @ts-check
/**
 * The widget's only door to the Yardstick engine: loads the small widget
 * build (`pkg-widget/`, no workbench analyses) once per page, relative to
 * this module's own URL, so a widget embedded on any site fetches the engine
 * from wherever `yardstick.js` was served.
 *
 * It computes nothing; every number comes from the Rust core.
 */

/** @typedef {typeof import('../../pkg-widget/yardstick.js')} WidgetBindings */
/** @typedef {import('../../pkg-widget/yardstick.js').Model} Model */
/** @typedef {import('../../pkg-widget/yardstick.js').Tracker} Tracker */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelLayout} ModelLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').InputLayout} InputLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').OutputLayout} OutputLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').ChartLayout} ChartLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg-widget/yardstick.js').InputValue} InputValue */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelEvaluation} ModelEvaluation */
/** @typedef {import('../../pkg-widget/yardstick.js').EngagementEvent} EngagementEvent */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelDiagnostic} ModelDiagnostic */

/** Where the wasm-bindgen module lives, relative to this file. */
const BINDINGS_URL = new URL('../pkg-widget/yardstick.js', import.meta.url);
/** The engine's wasm, beside its glue. */
const WASM_URL = new URL('../pkg-widget/yardstick_bg.wasm', import.meta.url);

/** @type {Promise<WidgetBindings> | null} */
let loading = null;

/**
 * Loads and instantiates the engine once per page; every widget shares it.
 * @returns {Promise<WidgetBindings>}
 */
export function loadWidgetEngine() {
  loading ??= instantiate();
  return loading;
}

/** @returns {Promise<WidgetBindings>} */
async function instantiate() {
  // The wasm download starts now, beside the glue's, rather than after the
  // glue has loaded: one round trip less before the first result.
  const wasmResponse = fetch(WASM_URL);
  // A failed download is reported by the glue's own await below; this only
  // keeps it from also surfacing as an unhandled rejection meanwhile.
  wasmResponse.catch(() => {});
  /** @type {WidgetBindings} */
  let bindings;
  try {
    bindings = await import(BINDINGS_URL.href);
  } catch (cause) {
    throw new Error(`could not load the calculator engine from ${BINDINGS_URL.href}`, { cause });
  }
  try {
    await bindings.default({ module_or_path: wasmResponse });
  } catch (cause) {
    throw new Error('could not start the calculator engine (WebAssembly)', { cause });
  }
  return bindings;
}

/**
 * Whether an output value is an error value (`{ error, message }`).
 * @param {FormulaValue | undefined} value
 * @returns {value is import('../../pkg-widget/yardstick.js').FormulaError}
 */
export function isFormulaError(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
}
