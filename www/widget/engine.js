// @ts-check
/**
 * The widget's door to the Yardstick model engine: loads the small widget
 * build (`pkg-widget/`: no workbench analyses and no engagement tracker,
 * which `tracker-engine.js` loads after the first result) once per page,
 * relative to this module's own URL, so a widget embedded on any site
 * fetches the engine from wherever `yardstick.js` was served.
 *
 * It computes nothing; every number comes from the Rust core.
 */

/** @typedef {typeof import('../../pkg-widget/yardstick.js')} Glue */
/** @typedef {{ Model: Glue['Model'], readTypedNumber: Glue['readTypedNumber'] }} WidgetBindings */
/** @typedef {import('../../pkg-widget/yardstick.js').Model} Model */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelLayout} ModelLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').InputLayout} InputLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').OutputLayout} OutputLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').ChartLayout} ChartLayout */
/** @typedef {import('../../pkg-widget/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg-widget/yardstick.js').InputValue} InputValue */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelEvaluation} ModelEvaluation */
/** @typedef {import('../../pkg-widget/yardstick.js').ModelDiagnostic} ModelDiagnostic */

// The wasm-bindgen glue is bundled into the embed script (one download
// fewer); `make pkg-widget` writes it before esbuild runs. Unbundled, from
// /widget/engine.js, the same path names /pkg-widget/yardstick.js.
// Only what the element uses, so esbuild leaves the rest of the glue out.
import { crossOriginHint } from './urls.js';
import initEngine, { Model as EngineModel, readTypedNumber } from '../../pkg-widget/yardstick.js';

/** The engine's wasm: beside the embed script (`pkg-widget/`). */
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
  try {
    await initEngine({ module_or_path: fetch(WASM_URL) });
  } catch (cause) {
    throw new Error(`Could not start the calculator engine (WebAssembly from ${WASM_URL.href})${crossOriginHint(WASM_URL)}.`, { cause });
  }
  return { Model: EngineModel, readTypedNumber };
}
