// @ts-check
// Monte Carlo in the workbench's worker: trials per second in Debian's
// Chromium (the real server, the real worker,
// www/workbench/monte-carlo-worker.js) against the same runs in Node, in
// one session, and the ratio. The model is the five-year business case
// (examples/models/business-case-5y.json), 100,000 trials a run.
//
//   node bench/monte-carlo-browser.mjs     (needs `make pkg-risk` and the server built)
//
// How each is timed, so the figures compare:
//   Node      pkg-risk/ (Monte Carlo's build, the worker's) loaded with initSync; per run Model.compile + evaluate of
//             the defaults + monteCarlo({ trials, seed }) stepped in chunks
//             of 1,000 (as the panel does) + result(): the worker's work.
//   worker    the page posts the panel's `run` message and waits for
//             `done`; timed in the page from the post to the answer
//             (compile, trials, result, progress messages and the result's
//             copy back), plus the worker's own figure (from its start of
//             work to `done`, without the copy back).
//   page      the same work on the page's main thread, for reference (the
//             panel never does this: it would block the page).
// One warm-up run each, then RUNS timed runs: median and range. It asserts
// nothing; it only prints (bench/README.md).

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { launchBrowser, repoRoot, startServer } from '../tests/e2e/harness.mjs';

const TRIALS = 100_000;
const CHUNK_TRIALS = 1_000;
const SEED = 7;
const RUNS = 7;
const MODEL = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', 'business-case-5y.json'), 'utf8'));

/** @param {number[]} values */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? Number(sorted[middle]) : (Number(sorted[middle - 1]) + Number(sorted[middle])) / 2;
  return { median, min: Number(sorted[0]), max: Number(sorted.at(-1)) };
}

/** Trials per second of each run in Node. */
async function nodeRuns() {
  const bindings = await import(pathToFileURL(path.join(repoRoot, 'pkg-risk', 'yardstick.js')).href);
  bindings.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg-risk', 'yardstick_bg.wasm')) });
  const once = () => {
    const start = performance.now();
    const model = bindings.Model.compile(MODEL);
    model.evaluate(undefined);
    const run = model.monteCarlo({ trials: TRIALS, seed: SEED, histogramBins: 40 });
    while (!run.step(CHUNK_TRIALS).done);
    const result = run.result();
    const elapsed = performance.now() - start;
    run.free();
    model.free();
    if (result.trialsDone !== TRIALS) throw new Error(`ran ${result.trialsDone} trials`);
    return { perSecond: (TRIALS / elapsed) * 1000, p50: result.outputs.npv.p50 };
  };
  once();
  return Array.from({ length: RUNS }, once);
}

/**
 * Trials per second in Chromium: through the worker, and on the page's thread.
 * @param {import('playwright-core').Page} page
 */
function browserRuns(page) {
  return page.evaluate(
    async ({ model, trials, chunkTrials, seed, runs }) => {
      const worker = new Worker('/workbench/monte-carlo-worker.js', { type: 'module' });
      let runId = 0;
      const viaWorker = () =>
        new Promise((resolve, reject) => {
          runId += 1;
          const id = runId;
          const start = performance.now();
          worker.onmessage = (event) => {
            const message = event.data;
            if (message.runId !== id) return;
            if (message.type === 'error') reject(new Error(message.message));
            if (message.type === 'done') {
              const elapsed = performance.now() - start;
              resolve({ perSecond: (trials / elapsed) * 1000, workerPerSecond: (trials / message.elapsedMs) * 1000, p50: message.result.outputs.npv.p50 });
            }
          };
          worker.postMessage({ type: 'run', runId: id, document: model, inputs: {}, trials, seed, histogramBins: 40, chunkTrials });
        });
      /** @type {any[]} */
      const workerRuns = [];
      await viaWorker();
      for (let i = 0; i < runs; i++) workerRuns.push(await viaWorker());
      worker.terminate();

      const bindings = await import('/pkg-risk/yardstick.js');
      await bindings.default();
      const onPage = () => {
        const start = performance.now();
        const compiled = bindings.Model.compile(model);
        compiled.evaluate(undefined);
        const run = compiled.monteCarlo({ trials, seed, histogramBins: 40 });
        while (!run.step(chunkTrials).done);
        const result = run.result();
        const elapsed = performance.now() - start;
        run.free();
        compiled.free();
        return { perSecond: (trials / elapsed) * 1000, p50: result.outputs.npv?.p50 };
      };
      onPage();
      const pageRuns = Array.from({ length: runs }, onPage);
      return { workerRuns, pageRuns };
    },
    { model: MODEL, trials: TRIALS, chunkTrials: CHUNK_TRIALS, seed: SEED, runs: RUNS },
  );
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const show = (/** @type {{ median: number, min: number, max: number }} */ s) => `${integer.format(s.median)}  (${integer.format(s.min)} to ${integer.format(s.max)})`;

const node = await nodeRuns();
const server = await startServer(['--db', ':memory:']);
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}index.html`);
  const { workerRuns, pageRuns } = await browserRuns(page);
  const p50s = new Set([...node, ...workerRuns, ...pageRuns].map((r) => r.p50));
  if (p50s.size !== 1) throw new Error(`the runs disagree: P50s ${[...p50s].join(', ')}`);
  const nodeSpread = spread(node.map((r) => r.perSecond));
  const workerSpread = spread(workerRuns.map((/** @type {any} */ r) => r.perSecond));
  const workerOwn = spread(workerRuns.map((/** @type {any} */ r) => r.workerPerSecond));
  const pageSpread = spread(pageRuns.map((r) => r.perSecond));
  console.log(`Monte Carlo, ${integer.format(TRIALS)} trials a run of examples/models/business-case-5y.json (seed ${SEED}, chunks of ${integer.format(CHUNK_TRIALS)}),`);
  console.log(`${RUNS} runs after one warm-up; trials per second, median (range). Every run's P50 of NPV agrees: ${[...p50s][0]}.`);
  console.log(`  Node (pkg-risk/, same work as the worker)   ${show(nodeSpread)}`);
  console.log(`  Chromium worker, post to answer            ${show(workerSpread)}   ${integer.format(TRIALS / workerSpread.median * 1000)} ms a run`);
  console.log(`  Chromium worker, its own work               ${show(workerOwn)}`);
  console.log(`  Chromium page thread (reference only)       ${show(pageSpread)}`);
  console.log(`  ratio worker (post to answer) / Node        ${(workerSpread.median / nodeSpread.median).toFixed(2)}`);
  console.log(`  Chromium ${browser.context.browser()?.version() ?? ''}, Node ${process.version}`);
} finally {
  await browser.close();
  await server.stop();
}
