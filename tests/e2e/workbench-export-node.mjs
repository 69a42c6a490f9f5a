// The export engine in Node (pkg-export/), for tests that compare what the
// browser downloaded with what the engine makes from the same inputs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.mjs';

const engine = await import(pathToFileURL(path.join(repoRoot, 'pkg-export', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg-export', 'yardstick_bg.wasm')) });

/**
 * The workbook bytes of `document` with `inputs`.
 * @param {object} document
 * @param {Record<string, unknown>} inputs
 * @returns {Uint8Array}
 */
export function exportWorkbook(document, inputs) {
  const model = engine.Model.compile(document);
  try {
    return model.exportXlsx(inputs);
  } finally {
    model.free();
  }
}
