// @ts-check
// The workbench's first load, as a sales engineer's browser meets it: the
// real yardstick-serve (warmed by one load that is not counted) and
// Debian's Chromium (headless), `workbench.html?model=` the five-year
// business case. The milestone is the first output's text on screen
// (`#wb-outputs [data-output]` filled in, then the next animation frame,
// which paints it), timed from navigation start by a MutationObserver the
// page is given before any of its scripts run.
//
//   node bench/workbench.mjs [runs]        (after `make pkg server`)
//
// Two series: a fresh browser profile per run (cold cache: the module,
// the wasm and the model are fetched), and new pages in one browser (warm
// cache). Prints median, min and max of each. It asserts nothing.

import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] ?? 9);
const PATH = 'workbench.html?model=/models/business-case-5y.json';

/** Records when the first output shows text, in `window.__firstResultMs`. */
const OBSERVE = `(() => {
  const done = () => {
    const cell = document.querySelector('#wb-outputs [data-output]');
    if (!cell || !cell.textContent) return;
    observer.disconnect();
    window.__textMs = performance.now();
    // The frame that paints it: the first result on screen.
    requestAnimationFrame(() => { window.__firstResultMs = performance.now(); });
  };
  const observer = new MutationObserver(done);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 */
async function load(context, url) {
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  await page.goto(url);
  await page.waitForFunction(() => /** @type {any} */ (window).__firstResultMs !== undefined, undefined, { timeout: 30_000 });
  const ms = await page.evaluate(() => /** @type {any} */ (window).__firstResultMs);
  await page.close();
  return ms;
}

/** @param {number[]} times */
function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted[sorted.length - 1]?.toFixed(0)}) over ${sorted.length} runs`;
}

const server = await startServer(['--db', ':memory:']);
try {
  const url = `${server.url}${PATH}`;
  /** @type {number[]} */
  const cold = [];
  /** @type {number[]} */
  const warm = [];
  const shared = await launchBrowser();
  try {
    await load(shared.context, url); // warms the server (and this browser's cache)
    for (let run = 0; run < RUNS; run += 1) warm.push(await load(shared.context, url));
  } finally {
    await shared.close();
  }
  for (let run = 0; run < RUNS; run += 1) {
    const browser = await launchBrowser();
    try {
      cold.push(await load(browser.context, url));
    } finally {
      await browser.close();
    }
  }
  console.log(`workbench navigation start → first result, cold cache (fresh profile): ${summary(cold)}`);
  console.log(`workbench navigation start → first result, warm cache (same browser):  ${summary(warm)}`);
} finally {
  await server.stop();
}
