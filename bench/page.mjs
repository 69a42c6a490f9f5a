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

import { measureTransfer, printTransfer } from './transfer.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>page bench</title>
<script>document.addEventListener('yardstick:page', () => { window.__pageViewMs ??= performance.now(); });</script>
<script type="module" src="/pkg-page/yardstick-page.min.js" data-collector="/collect" data-consent="granted"></script></head>
<body><h1>A product page</h1><p><a href="/files/guide.pdf">The guide</a></p></body></html>`;

// What the snippet sends (`/collect`) is not a file it fetches.
const measured = await measureTransfer({ html: PAGE, runs: RUNS, readyGlobal: '__pageViewMs', weigh: (path) => path !== '/collect' });
printTransfer(measured, { what: 'page snippet', budgetBytes: 30_000, milestone: 'page_view' });
