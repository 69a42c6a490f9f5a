// @ts-check
// Success tracking at portfolio scale: a weight change re-scored in the
// browser (pkg-success in Debian's Chromium, the success page's engine)
// with everything the page shows after it, against the same weighted score
// and the proof's simplest figures as SQL in DuckDB (@duckdb/node-api, in
// this Node process), and the ratio. 10,000 accounts × 24 monthly
// snapshots × 12 measures (bench/success-data.mjs: 2.4 million signals,
// a renewal history of 20,000 rows, champion-left events).
//
//   node bench/success.mjs [accounts]   (needs `make pkg-success`, the server built, `npm install`)
//
// What each run times, part by part (median and range of each):
//   setWeight  SuccessPortfolio.setWeight: re-sums the stored points of
//              both tables (the snapshots', and the proof's cells).
//   portfolio  portfolio(): per account the trends, sparkline, open
//              alerts, renewal, value at risk, and the totals; the first
//              call after a re-score reads every alert rule over every
//              account and snapshot (one pass).
//   alerts     account() of one account: its alerts with evidence and
//              plays, milestones, outcomes, history.
//   proof      proof(): the proof's figures from the re-summed table
//              (churn per grade, AUC, ROC, information values, lift,
//              suggested weights, backtest).
//   DuckDB     UPDATE of one weight, then CREATE OR REPLACE TABLE of the
//              weighted score per account and snapshot (linear points
//              clamped to 0..100, as the bench's settings), its grade, the
//              change against the previous snapshot (LAG) and the starts of
//              at-risk and 15-point-drop episodes; then churn per grade and
//              the AUC over two renewals per account, and the value at risk
//              on the last snapshot. Less work than the engine's (no
//              coverage, contributions, stages, staleness, metric or event
//              alerts, information values, fits or backtest): the ratio
//              flatters DuckDB.
// Also printed: building the portfolio from the data's bytes, the first
// proof (which builds its table) and the wasm memory after it. One
// warm-up each, then RUNS runs. It asserts nothing (bench/README.md).

import { performance } from 'node:perf_hooks';
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';
import { dataText, settingsText } from './success-data.mjs';

const ACCOUNTS = Number(process.argv[2] ?? 10_000);
const MONTHS = 24;
const METRICS = 12;
const RUNS = 7;

/** @param {number[]} values */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? Number(sorted[middle]) : (Number(sorted[middle - 1]) + Number(sorted[middle])) / 2;
  return { median, min: Number(sorted[0]), max: Number(sorted.at(-1)) };
}

/** @param {{ median: number, min: number, max: number }} s */
const show = (s) => `median ${s.median.toFixed(1)} ms (${s.min.toFixed(1)} to ${s.max.toFixed(1)})`;

async function chromiumRuns() {
  const server = await startServer(['--db', ':memory:']);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`${server.url}success.html`);
    // The generator's source runs in the page, so 200 MB of text never
    // crosses the DevTools protocol.
    await page.evaluate(`window.makeData = ${dataText.toString()};`);
    return await page.evaluate(
      async ({ size, settings, runs }) => {
        const bindings = await import('/pkg-success/yardstick.js');
        const exports = await bindings.default();
        const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
        const bytes = new TextEncoder().encode(/** @type {any} */ (window).makeData(size));
        let start = performance.now();
        const portfolio = new bindings.SuccessPortfolio(bytes, settings, undefined);
        const buildMs = performance.now() - start;
        // The proof's table is built on the first proof (untimed: once).
        start = performance.now();
        portfolio.proof(undefined);
        const firstProofMs = performance.now() - start;
        const memoryMb = memory ? memory.buffer.byteLength / 2 ** 20 : NaN;
        /** @type {Record<string, number[]>} */
        const parts = { setWeight: [], portfolio: [], alerts: [], proof: [], total: [] };
        let checks = {};
        for (let run = 0; run <= runs; run += 1) {
          const t0 = performance.now();
          portfolio.setWeight('established', 'metric_03', 1 + (run % 2));
          const t1 = performance.now();
          const view = portfolio.portfolio(undefined);
          const t2 = performance.now();
          // An account's view reads every alert fired over the portfolio.
          const account = portfolio.account(view.rows[0].id, undefined);
          const t3 = performance.now();
          const proof = portfolio.proof(undefined);
          const t4 = performance.now();
          if (run > 0) {
            parts.setWeight.push(t1 - t0);
            parts.portfolio.push(t2 - t1);
            parts.alerts.push(t3 - t2);
            parts.proof.push(t4 - t3);
            parts.total.push(t4 - t0);
          }
          checks = {
            rows: view.rows.length,
            openAlerts: view.rows.reduce((sum, row) => sum + row.openAlerts, 0),
            valueAtRisk: view.totals.reduce((sum, total) => sum + total.valueAtRisk, 0),
            accountAlerts: account.alerts.length,
            observations: proof.observations,
            auc: proof.auc.auc,
            gridDays: proof.gridDays,
          };
        }
        portfolio.free();
        return { buildMs, firstProofMs, memoryMb, bytes: bytes.length, parts, checks };
      },
      { size: { accounts: ACCOUNTS, months: MONTHS, metrics: METRICS }, settings: settingsText(METRICS), runs: RUNS },
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function duckdbRuns() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('SELECT setseed(0.7)');
  await connection.run(`CREATE TABLE slots AS SELECT a.range AS account, s.range AS snapshot, m.range AS measure, random() AS value
    FROM range(${ACCOUNTS}) a, range(${MONTHS}) s, range(${METRICS}) m`);
  await connection.run(`CREATE TABLE weights AS SELECT range AS measure, 1.0 AS weight FROM range(${METRICS})`);
  const rescore = `CREATE OR REPLACE TABLE scores AS
    WITH cell AS (
      SELECT account, snapshot, SUM(LEAST(GREATEST(value * 100, 0), 100) * w.weight) / SUM(w.weight) AS score
      FROM slots JOIN weights w USING (measure) GROUP BY account, snapshot),
    graded AS (
      SELECT account, snapshot, score,
        CASE WHEN score >= 70 THEN 'healthy' WHEN score >= 40 THEN 'average' ELSE 'at_risk' END AS grade,
        score - LAG(score) OVER (PARTITION BY account ORDER BY snapshot) AS change
      FROM cell)
    SELECT *,
      grade = 'at_risk' AND LAG(grade) OVER (PARTITION BY account ORDER BY snapshot) IS DISTINCT FROM 'at_risk' AS at_risk_starts,
      change <= -15 AND COALESCE(LAG(change) OVER (PARTITION BY account ORDER BY snapshot), 0) > -15 AS drop_starts
    FROM graded`;
  // The proof's figures on renewals: each account's two renewals read 90
  // days before (snapshots 3 and 15), one in five churned; per run the
  // churn per grade and the AUC (Mann-Whitney over ranks), and the
  // portfolio's value at risk per currency on the last snapshot.
  await connection.run(`CREATE TABLE accounts AS SELECT range AS account, 'EUR' AS currency, 1000 + floor(random() * 99000) AS annual_value FROM range(${ACCOUNTS})`);
  await connection.run(`CREATE TABLE renewals AS SELECT a.range AS account, s.snapshot, random() < 0.2 AS churned
    FROM range(${ACCOUNTS}) a, (VALUES (3), (15)) s(snapshot)`);
  const proofQueries = [
    `SELECT grade, count(*) AS observations, count(*) FILTER (WHERE churned) AS churned
      FROM renewals JOIN scores USING (account, snapshot) GROUP BY grade`,
    `WITH ranked AS (SELECT churned, rank() OVER (ORDER BY score) AS r FROM renewals JOIN scores USING (account, snapshot)),
      counts AS (SELECT count(*) FILTER (WHERE churned) AS n1, count(*) FILTER (WHERE NOT churned) AS n0,
        sum(r) FILTER (WHERE churned) AS r1 FROM ranked)
      SELECT 1 - (r1 - n1 * (n1 + 1) / 2) / (n1 * n0) AS auc FROM counts`,
    `SELECT currency, count(*) AS accounts, sum(annual_value) FILTER (WHERE grade = 'at_risk') AS value_at_risk,
        count(*) FILTER (WHERE at_risk_starts OR drop_starts) AS alert_starts
      FROM scores JOIN accounts USING (account) WHERE snapshot = ${MONTHS - 1} GROUP BY currency`,
  ];
  const times = [];
  /** @type {unknown[]} */
  let figures = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const start = performance.now();
    await connection.run(`UPDATE weights SET weight = ${1 + (run % 2)} WHERE measure = 3`);
    await connection.run(rescore);
    figures = [];
    for (const query of proofQueries) figures.push((await connection.runAndReadAll(query)).getRowObjects());
    if (run > 0) times.push(performance.now() - start);
  }
  const count = await connection.runAndReadAll('SELECT count(*) AS cells, count(*) FILTER (WHERE at_risk_starts) AS alerts FROM scores');
  connection.closeSync();
  return { times, rows: count.getRowObjects()[0], figures };
}

const browser = await chromiumRuns();
const numbers = (/** @type {unknown} */ value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
console.log(`success: ${ACCOUNTS} accounts × ${MONTHS} snapshots × ${METRICS} measures (${(browser.bytes / 1e6).toFixed(0)} MB of JSON)`);
console.log(`  Chromium build from bytes  ${browser.buildMs.toFixed(0)} ms, first proof (builds its table) ${browser.firstProofMs.toFixed(0)} ms, wasm memory ${browser.memoryMb.toFixed(1)} MB`);
for (const [part, times] of Object.entries(browser.parts)) console.log(`  Chromium ${part.padEnd(10)} ${show(spread(times))}`);
console.log(`  Chromium figures ${numbers(browser.checks)}`);
const chromium = spread(browser.parts.total ?? []);
console.log(`  Chromium weight change + portfolio + alerts + proof  ${show(chromium)}`);
const duck = await duckdbRuns();
const duckdb = spread(duck.times);
console.log(`  DuckDB   weight change + scores, grades, trend, episode starts, churn per grade, AUC, value at risk  ${show(duckdb)}  (${numbers(duck.rows)})`);
console.log(`  DuckDB   figures ${numbers(duck.figures)}`);
console.log(`  ratio Chromium / DuckDB (medians): ${(chromium.median / duckdb.median).toFixed(2)}`);
