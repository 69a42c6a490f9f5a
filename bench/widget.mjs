// @ts-check
// The embeddable widget's weight and speed, as a visitor's browser meets it:
// the real yardstick-serve and Debian's Chromium (headless), a page with one
// `<yardstick-calculator>` of the SaaS ROI model, a fresh browser profile
// (cold cache) per run.
//
//   node bench/widget.mjs [runs]        (after `make pkg-widget server`)
//
// Prints every file the widget fetched with its raw and gzip -9 size (what
// a server or CDN that compresses would send; the dev server does not
// compress), the total against the 100 KB target, and the time from
// navigation start to the first result on screen (the `yardstick:ready`
// event, which fires after the outputs are rendered): median and range.
// It asserts nothing; it only prints.

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
/** @type {Map<string, { raw: number, gzip: number }>} */
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
            files.set(url.pathname, { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
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

const rows = [...files.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
let raw = 0;
let gzip = 0;
console.log('file'.padEnd(40), 'raw B'.padStart(9), 'gzip B'.padStart(9));
for (const [name, size] of rows) {
  raw += size.raw;
  gzip += size.gzip;
  console.log(name.padEnd(40), String(size.raw).padStart(9), String(size.gzip).padStart(9));
}
console.log('total'.padEnd(40), String(raw).padStart(9), String(gzip).padStart(9));
console.log(`widget transfer (gzip): ${(gzip / 1000).toFixed(1)} KB = ${((100 * gzip) / TARGET_BYTES).toFixed(0)}% of the 100 KB target`);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
console.log(`navigation start → first result: median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}) over ${times.length} cold runs`);
