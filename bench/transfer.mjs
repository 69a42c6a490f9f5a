// @ts-check
// What a visitor's browser downloads for a page, and how soon a milestone
// comes: the real yardstick-serve and Debian's Chromium (headless), a fresh
// browser profile (cold cache) per run. Shared by bench/widget.mjs and
// bench/page.mjs; it asserts nothing, it only measures and prints.
//
// For every file the page fetched: its raw size, the bytes that crossed
// the wire (yardstick-serve sends the brotli `.br` siblings `make` writes
// to browsers that accept br, as Chromium does even over http), the `.gz`
// sibling a gzip-only client gets, and gzip -9 of the same file (what a
// server compressing each response on the fly at best would send). Only
// the files whose request started before the milestone count: one
// requested later (the widget's engagement tracker, loaded after its first
// result is painted) is listed apart, with when it started.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';

/** @typedef {{ raw: number, wire: number, sibling: number, gzip: number }} FileSize */
/** @typedef {FileSize & { startedAtMs: number }} FetchedFile `startedAtMs`: when its request started (epoch ms) */

/** How long run 0 waits after the milestone for the requests that start later, to list them. */
const AFTER_MILESTONE_WAIT_MS = 2_000;

/**
 * Loads `html` (served at `/bench.html` on the real server's origin) `runs`
 * times; weighs the files of the first run (those `weigh` accepts by path),
 * split by whether their request started before the milestone, and reads
 * the milestone time the page leaves in `window[readyGlobal]`.
 * @param {{ html: string, runs: number, readyGlobal: string, weigh: (path: string) => boolean }} options
 * @returns {Promise<{ files: Map<string, FileSize>, later: Map<string, FileSize & { afterMs: number }>, times: number[] }>}
 */
export async function measureTransfer({ html, runs, readyGlobal, weigh }) {
  const server = await startServer(['--db', ':memory:']);
  /** @type {number[]} */
  const times = [];
  /** @type {Map<string, FetchedFile>} */
  const fetched = new Map();
  /** @type {Promise<void>[]} */
  const weighing = [];
  let milestoneAtMs = Infinity;
  try {
    for (let run = 0; run < runs; run += 1) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.route(`${server.url}bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
        if (run === 0) {
          page.on('response', (response) => {
            const url = new URL(response.url());
            if (url.pathname === '/bench.html' || !weigh(url.pathname)) return;
            const startedAtMs = response.request().timing().startTime;
            const weighed = async () => {
              try {
                const body = await response.body();
                // The encoded body as received: Content-Encoding not undone.
                const { responseBodySize } = await response.request().sizes();
                const sibling = fs.statSync(new URL(`..${url.pathname}.gz`, import.meta.url)).size;
                fetched.set(url.pathname, { raw: body.length, wire: responseBodySize, sibling, gzip: zlib.gzipSync(body, { level: 9 }).length, startedAtMs });
              } catch {
                // A response without a body (redirect): nothing to weigh.
              }
            };
            weighing.push(weighed());
          });
        }
        await page.goto(`${server.url}bench.html`);
        await page.waitForFunction((name) => /** @type {any} */ (window)[name] !== undefined, readyGlobal, { timeout: 30_000 });
        times.push(await page.evaluate((name) => /** @type {any} */ (window)[name], readyGlobal));
        if (run === 0) {
          // The milestone on the same clock as the requests' start times.
          milestoneAtMs = await page.evaluate((name) => performance.timeOrigin + /** @type {any} */ (window)[name], readyGlobal);
          await page.waitForTimeout(AFTER_MILESTONE_WAIT_MS);
          await Promise.all(weighing);
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
  /** @type {Map<string, FileSize>} */
  const files = new Map();
  /** @type {Map<string, FileSize & { afterMs: number }>} */
  const later = new Map();
  for (const [path, { startedAtMs, ...size }] of fetched) {
    if (startedAtMs < milestoneAtMs) files.set(path, size);
    else later.set(path, { ...size, afterMs: startedAtMs - milestoneAtMs });
  }
  return { files, later, times };
}

/**
 * Prints the files, their total against `budgetBytes`, the files requested
 * after the milestone (not counted), and the milestone's median and range.
 * @param {{ files: Map<string, FileSize>, later: Map<string, FileSize & { afterMs: number }>, times: number[] }} measured
 * @param {{ what: string, budgetBytes: number, milestone: string }} labels
 */
export function printTransfer({ files, later, times }, { what, budgetBytes, milestone }) {
  const rows = [...files.entries()].sort((a, b) => b[1].wire - a[1].wire);
  const total = { raw: 0, wire: 0, sibling: 0, gzip: 0 };
  const columns = (/** @type {string} */ name, /** @type {FileSize} */ size) =>
    [name.padEnd(40), ...[size.raw, size.wire, size.sibling, size.gzip].map((n) => String(n).padStart(9))].join(' ');
  console.log('file'.padEnd(40), ...['raw B', 'sent B', '.gz B', 'zlib-9 B'].map((n) => n.padStart(9)));
  for (const [name, size] of rows) {
    total.raw += size.raw;
    total.wire += size.wire;
    total.sibling += size.sibling;
    total.gzip += size.gzip;
    console.log(columns(name, size));
  }
  console.log(columns('total', total));
  console.log(`${what} transfer (as sent: brotli siblings): ${total.wire} B = ${((100 * total.wire) / budgetBytes).toFixed(1)}% of the ${budgetBytes.toLocaleString('en-US')}-byte budget`);
  console.log(`(a gzip-only client gets the .gz siblings: ${total.sibling} B; zlib level 9 on the fly: ${total.gzip} B)`);
  for (const [name, size] of later) {
    console.log(`requested ${size.afterMs.toFixed(0)} ms after the ${milestone}, not counted: ${columns(name, size)}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(`navigation start → ${milestone}: median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}) over ${times.length} cold runs`);
}
