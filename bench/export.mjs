// @ts-check
// The Excel export's time: how long `Model.exportXlsx` (the pkg-export/
// build, as the workbench loads it) takes to build the five-year business
// case's workbook (examples/models/business-case-5y.json: Inputs,
// Calculations, Outputs, Scenarios and three live scenario sheets), in Node.
//
//   make pkg-export && node bench/export.mjs
//
// Five warm-up exports, then 40 timed ones; prints the median and the
// spread (min, p10, p90, max) in milliseconds, and the workbook's size. It
// asserts nothing about time; it only prints.

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const glue = path.join(repoRoot, 'pkg-export', 'yardstick.js');
if (!fs.existsSync(glue)) {
  console.error('pkg-export/ is missing: build it with `make pkg-export`');
  process.exit(1);
}
const engine = await import(pathToFileURL(glue).href);
const wasm = fs.readFileSync(path.join(repoRoot, 'pkg-export', 'yardstick_bg.wasm'));
const instantiateStart = performance.now();
engine.initSync({ module: wasm });
const instantiateMs = performance.now() - instantiateStart;

const document = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', 'business-case-5y.json'), 'utf8'));
const model = engine.Model.compile(document);
const WARM_UP = 5;
const RUNS = 40;
let bytes = 0;
for (let i = 0; i < WARM_UP; i++) bytes = model.exportXlsx(undefined).length;
/** @type {number[]} */
const times = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  model.exportXlsx({ discount_rate: 0.08 + i / 10_000 });
  times.push(performance.now() - start);
}
model.free();
times.sort((a, b) => a - b);
/** @param {number} q */
const quantile = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
const ms = (/** @type {number} */ n) => n.toFixed(2);
console.log(`pkg-export/yardstick_bg.wasm: ${wasm.length} bytes; instantiate ${ms(instantiateMs)} ms`);
console.log(`business-case-5y workbook: ${bytes} bytes`);
console.log(`exportXlsx over ${RUNS} runs (after ${WARM_UP} warm-up): median ${ms(quantile(0.5))} ms; ` +
  `min ${ms(times[0] ?? NaN)}, p10 ${ms(quantile(0.1))}, p90 ${ms(quantile(0.9))}, max ${ms(times[times.length - 1] ?? NaN)} ms`);
