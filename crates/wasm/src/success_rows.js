// @ts-check
// The portfolio view's rows, built in JavaScript from the columns
// `SuccessPortfolio.portfolio` fills in wasm (crates/wasm/src/success_portfolio.rs):
// one object per account in one JIT-compiled loop, where setting each
// property from wasm was one call across the boundary per figure (half a
// million for 10,000 accounts). Conversion only: NaN in a column that may
// be null (score, trend, sparkline) is `null`; every figure is the core's.

/** Figures per row in `numbers`: score, coverage, the four trend changes, open alerts, annual value, value at risk. */
const NUMBERS = 9;
/** Flags per row in `flags`: churned, low coverage, stage changed. */
const FLAGS = 3;
/** Texts per row in `texts`: id, name, segment, owner, currency, stage, grade, renewal. */
const TEXTS = 8;

/** @param {number} value */
const orNull = (value) => (Number.isNaN(value) ? null : value);

/**
 * The view: `head` (asOf, snapshot, snapshots, totals) with its rows.
 * @param {{ asOf: string, snapshot: number, snapshots: string[], totals: unknown[] }} head
 * @param {string} textsJson a JSON list of every row's texts, TEXTS a row
 * @param {Float64Array} numbers NUMBERS a row
 * @param {Uint8Array} flags FLAGS a row
 * @param {Float64Array} sparklines `width` scores a row
 * @param {number} width
 */
export function portfolioView(head, textsJson, numbers, flags, sparklines, width) {
  /** @type {(string | null)[]} */
  const texts = JSON.parse(textsJson);
  const count = Math.floor(flags.length / FLAGS);
  const rows = new Array(count);
  for (let row = 0; row < count; row += 1) {
    const t = row * TEXTS;
    const n = row * NUMBERS;
    const f = row * FLAGS;
    const s = row * width;
    const sparkline = new Array(width);
    for (let k = 0; k < width; k += 1) sparkline[k] = orNull(sparklines[s + k] ?? NaN);
    rows[row] = {
      id: texts[t],
      name: texts[t + 1],
      segment: texts[t + 2],
      owner: texts[t + 3],
      currency: texts[t + 4],
      stage: texts[t + 5],
      churned: flags[f] === 1,
      score: orNull(numbers[n] ?? NaN),
      grade: texts[t + 6],
      coverage: numbers[n + 1],
      lowCoverage: flags[f + 1] === 1,
      trend: {
        previous: orNull(numbers[n + 2] ?? NaN),
        days7: orNull(numbers[n + 3] ?? NaN),
        days30: orNull(numbers[n + 4] ?? NaN),
        days90: orNull(numbers[n + 5] ?? NaN),
        stageChanged: flags[f + 2] === 1,
      },
      sparkline,
      openAlerts: numbers[n + 6],
      renewal: texts[t + 7],
      annualValue: numbers[n + 7],
      valueAtRisk: numbers[n + 8],
    };
  }
  return { asOf: head.asOf, snapshot: head.snapshot, snapshots: head.snapshots, rows, totals: head.totals };
}
