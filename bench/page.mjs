// @ts-check
// The page snippet's weight and speed, as a visitor's browser meets it on
// a page without a calculator: the real yardstick-serve and Debian's
// Chromium (headless), a page with only
// `<script type="module" src="/pkg-page/yardstick-page.min.js">`, a fresh
// browser profile (cold cache) per run.
//
//   node bench/page.mjs [runs]        (after `make pkg-page server`)
//
// Prints every file the snippet fetched with its raw size, the bytes that
// crossed the wire (the brotli `.br` siblings `make pkg-page` writes, which
// yardstick-serve sends to Chromium), the `.gz` siblings a gzip-only client
// gets and gzip -9 of the same file; the total against the 30,000-byte
// budget (issue 11: "a page snippet on a page without a calculator sends
// at most 30,000 bytes"); and the time from navigation start to the
// `page_view` (the `yardstick:page` event): median and range. The
// collector's own requests (`/collect`, what the snippet sends) are not
// files it fetches and are left out. It asserts nothing; it only prints.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const BUDGET_BYTES = 30_000;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>page bench</title>
<script>document.addEventListener('yardstick:page', () => { window.__pageViewMs ??= performance.now(); });</script>
<script type="module" src="/pkg-page/yardstick-page.min.js" data-collector="/collect" data-consent="granted"></script></head>
<body><h1>A product page</h1><p><a href="/files/guide.pdf">The guide</a></p></body></html>`;

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
          if (url.pathname === '/bench.html' || url.pathname === '/collect') return;
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
      await page.waitForFunction(() => /** @type {any} */ (window).__pageViewMs !== undefined, undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => /** @type {any} */ (window).__pageViewMs));
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
console.log(`page snippet transfer (as sent: brotli siblings): ${total.wire} B = ${((100 * total.wire) / BUDGET_BYTES).toFixed(1)}% of the 30,000-byte budget`);
console.log(`(a gzip-only client gets the .gz siblings: ${total.sibling} B; zlib level 9 on the fly: ${total.gzip} B)`);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
console.log(`navigation start → page_view: median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}) over ${times.length} cold runs`);
