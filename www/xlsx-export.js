// @ts-check
/**
 * The Excel export for the workbench: the case as an `.xlsx` workbook of
 * live formulas (docs/xlsx-export.md).
 *
 * The export engine (`/pkg-export/`, built by `make pkg-export`) carries
 * the xlsx writer, so it is imported only when a user exports: the pages'
 * own engine (`/pkg/`) stays small. This module computes nothing: the
 * workbook's every formula and value come from the Rust core.
 */

/** @typedef {import('../pkg-export/yardstick.js').ModelDocument} ModelDocument */
/** @typedef {import('../pkg-export/yardstick.js').InputValues} InputValues */
/** @typedef {typeof import('../pkg-export/yardstick.js')} ExportBindings */

/** The export engine's glue, on the site's own origin. */
const EXPORT_URL = new URL('/pkg-export/yardstick.js', import.meta.url);

/** The media type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** @type {Promise<ExportBindings> | null} */
let loading = null;

/**
 * Loads and instantiates the export engine once; later calls share it.
 * A failed load is forgotten, so the next export tries again.
 * @returns {Promise<ExportBindings>}
 */
function exportEngine() {
  if (loading === null) {
    loading = (async () => {
      /** @type {ExportBindings} */
      let bindings;
      try {
        bindings = await import(EXPORT_URL.href);
      } catch (cause) {
        throw new Error(`could not load the export module ${EXPORT_URL.pathname}`, { cause });
      }
      await bindings.default();
      return bindings;
    })();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * The workbook of `document` (a model) with `inputs` (id → value; missing
 * ids keep their defaults). Rejects with the engine's Error (`code`
 * `not-exportable`, `invalid-input`, `unknown-id`, `invalid-model`).
 * @param {ModelDocument} document
 * @param {InputValues | undefined} inputs
 * @returns {Promise<Blob>}
 */
export async function exportWorkbook(document, inputs) {
  const bindings = await exportEngine();
  const model = bindings.Model.compile(document);
  try {
    // The glue copies the bytes out of wasm memory into a fresh ArrayBuffer
    // (never a shared one), which is what a Blob takes.
    const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (model.exportXlsx(inputs));
    return new Blob([bytes], { type: XLSX_TYPE });
  } finally {
    model.free();
  }
}

/**
 * Offers `blob` to the user as a download named `fileName`.
 * @param {Document} page the page whose body briefly holds the link
 * @param {Blob} blob
 * @param {string} fileName such as `business-case-5y.xlsx`
 */
export function downloadWorkbook(page, blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = page.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  page.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL may go after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
