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

import { measureTransfer, printTransfer } from './transfer.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget bench</title>
<script type="module" src="/pkg-widget/yardstick-widget.min.js"></script></head>
<body><yardstick-calculator id="calc" src="/models/saas-roi.json"></yardstick-calculator>
<script>
  document.addEventListener('yardstick:ready', () => { window.__firstResultMs = performance.now(); });
</script></body></html>`;

// The model document is counted apart (issue 11's budget leaves it out).
const measured = await measureTransfer({ html: PAGE, runs: RUNS, readyGlobal: '__firstResultMs', weigh: (path) => !path.startsWith('/models/') });
printTransfer(measured, { what: 'widget', budgetBytes: 100_000, milestone: 'first result' });
