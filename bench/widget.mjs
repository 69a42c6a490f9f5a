// @ts-check
// The embeddable widget's weight and speed, as a visitor's browser meets it:
// the real yardstick-serve and Debian's Chromium (headless), a page with one
// `<yardstick-calculator>` of the SaaS ROI model, a fresh browser profile
// (cold cache) per run.
//
//   node bench/widget.mjs [runs]        (after `make pkg-widget server`)
//
// Prints every file the widget fetched with its raw size, the bytes that
// actually crossed the wire (yardstick-serve sends the brotli `.br` siblings
// `make pkg-widget` writes to browsers that accept br, as Chromium does even
// over http), what a gzip-only client gets (the zopfli `.gz` siblings) and,
// for comparison, gzip -9 of
// the same file (what a CDN compressing on the fly at best would send); the
// transferred total against the 100 KB target; and the time from
// navigation start to the first result on screen (the `yardstick:ready`
// event, which fires after the outputs are rendered): median and range.
// It asserts nothing; it only prints.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const TARGET_BYTES = 100 * 1000;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget bench</title>
<script type="module" src="/pkg-widget/yardstick-widget.min.js"></script></head>
<body><yardstick-calculator id="calc" src="/models/saas-roi.json"></yardstick-calculator>
<script>
  document.addEventListener('yardstick:ready', () => { window.__firstResultMs = performance.now(); });
</script></body></html>`;

const server = await startServer(['--db', ':memory:']);
/** @type {number[]} */
const times = [];
/** @type {Map<string, { raw: number, wire: number, sibling: number, gzip: number }>} */
const files = new Map();
try {
  for (let run = 0; run < RUNS; run += 1) {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.route(`${server.url}bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
      if (run === 0) {
        page.on('response', async (response) => {
          const url = new URL(response.url());
          if (url.pathname === '/bench.html' || url.pathname.startsWith('/models/')) return;
          try {
            const body = await response.body();
            // The encoded body as received: Content-Encoding not undone.
            const { responseBodySize } = await response.request().sizes();
            const sibling = fs.statSync(new URL(`..${url.pathname}.gz`, import.meta.url)).size;
            files.set(url.pathname, { raw: body.length, wire: responseBodySize, sibling, gzip: zlib.gzipSync(body, { level: 9 }).length });
          } catch {
            // A response without a body (redirect): nothing to weigh.
          }
        });
      }
      await page.goto(`${server.url}bench.html`);
      await page.waitForFunction(() => /** @type {any} */ (window).__firstResultMs !== undefined, undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => /** @type {any} */ (window).__firstResultMs));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}

const rows = [...files.entries()].sort((a, b) => b[1].wire - a[1].wire);
const total = { raw: 0, wire: 0, sibling: 0, gzip: 0 };
const columns = (/** @type {string} */ name, /** @type {{ raw: number, wire: number, sibling: number, gzip: number }} */ size) =>
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
console.log(`widget transfer (as sent: brotli siblings): ${(total.wire / 1000).toFixed(1)} KB = ${((100 * total.wire) / TARGET_BYTES).toFixed(1)}% of the 100 KB target`);
console.log(`(a gzip-only client gets the .gz siblings: ${(total.sibling / 1000).toFixed(1)} KB; zlib level 9 on the fly, as a server compressing each response would: ${(total.gzip / 1000).toFixed(1)} KB)`);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
console.log(`navigation start → first result: median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}) over ${times.length} cold runs`);
