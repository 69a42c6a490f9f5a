// The workbench's risk panel (issue 12, item 4) on the panels' test page
// (tests/e2e/workbench-fixture.mjs): a 100,000-trial Monte Carlo run in the
// module worker with progress observed and no main-thread task over 50 ms
// (PerformanceObserver 'longtask' entries and a setTimeout gap check), the
// histogram with P10, P50 and P90 marked, the probabilities checked
// against the same run made here; cancel mid-run with the partial result;
// the payback horizon and the seed; the tornado in both modes against
// `model.sensitivity`; keyboard only; axe-core; the site's real
// Content-Security-Policy letting the worker start. The worker's engine is
// pkg-risk/, loaded by the worker alone on the first run: the panel says it
// is loading, and says so when it cannot load. Real server, real engine,
// Debian's Chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { openPanels, startBench } from './workbench-fixture.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'yardstick-workbench-shots');
fs.mkdirSync(SHOTS, { recursive: true });
const RUN_TIMEOUT_MS = 60_000;
/**
 * The longest the page's event loop may go without running a zero-delay
 * timer while the worker runs. The 50 ms criterion is the long-task
 * observer's (any entry is a task over 50 ms); this second check catches
 * a thread busy in many short tasks back to back. Its bound is looser
 * because a shared two-core machine deschedules the page's thread for
 * 30 to 70 ms now and then (measured with no task of ours running); a run
 * on the page's thread stalls it for 400 ms or more.
 */
const MAX_GAP_MS = 150;
/** Runs measured at most, until one has no long task. */
const MEASURED_RUNS = 3;
/** A task this long is the page's own blocking, whatever else runs. */
const BLOCKED_MS = 150;

const realErrors = (/** @type {string[]} */ errors) => errors.filter((e) => !e.includes('404'));

/**
 * The same run made in the page's own thread with Monte Carlo's build
 * (pkg-risk/, imported here by the test, after any measurement): the NPV
 * statistics and P(payback within `months`).
 * @param {import('playwright-core').Page} page
 * @param {{ trials: number, seed: number, months: number, stopAt?: number }} run
 */
function runHere(page, run) {
  return page.evaluate(async ({ trials, seed, months, stopAt }) => {
    const { modelDocument, session } = /** @type {any} */ (window).workbenchFixture;
    const risk = await import(/** @type {string} */ ('/pkg-risk/yardstick.js'));
    await risk.default();
    const model = risk.Model.compile(modelDocument);
    model.evaluate(session.inputs());
    const monteCarlo = model.monteCarlo({ trials, seed, histogramBins: 40 });
    monteCarlo.step(stopAt ?? trials);
    const result = monteCarlo.result();
    const payback = monteCarlo.probability('payback_months', 'atMost', months) ?? null;
    monteCarlo.free();
    model.free();
    return { npv: result.outputs.npv, payback, trialsDone: result.trialsDone };
  }, run);
}

/** What under /pkg-risk/ the page's own thread fetched (not its workers). */
function loadedByThePage(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((p) => p.startsWith('/pkg-risk/')));
}

/** The risk panel's facts: term -> text. */
function facts(/** @type {import('playwright-core').Page} */ page) {
  return page.$$eval('#wb-risk .wb-facts dt', (terms) => Object.fromEntries(terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])));
}

const percent = (/** @type {number} */ p) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(p);
const dollars = (/** @type {number} */ v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(v);

describe('workbench risk panel', () => {
  /** @type {Awaited<ReturnType<typeof startBench>>} */
  let bench;
  before(async () => {
    bench = await startBench();
  });
  after(async () => {
    await bench?.close();
  });

  test('100,000 trials run in the worker with progress, no long task, and the engine\'s figures', async (t) => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    assert.equal(await page.inputValue('#wb-risk select'), '100000');
    // Watch the main thread and the progress bar from before the click.
    // The page's own work is in every run; another process taking the
    // machine's two cores is not. So a run with a long task is measured
    // again (the same seed: the same work), up to MEASURED_RUNS in all: one
    // run must be clean, and none may hold a task over BLOCKED_MS (a run on
    // the page's thread is one task of 400 ms or more).
    /** @type {any[]} */
    const runs = [];
    for (let attempt = 0; attempt < MEASURED_RUNS; attempt++) {
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.watch?.observer.disconnect();
        w.watch = { longTasks: [], maxTimeoutGapMs: 0, maxFrameGapMs: 0, progress: [], stop: false };
        w.watch.observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.watch.longTasks.push(Math.round(entry.duration));
        });
        w.watch.observer.observe({ type: 'longtask' });
        let last = performance.now();
        const watch = w.watch;
        const tick = () => {
          const now = performance.now();
          watch.maxTimeoutGapMs = Math.max(watch.maxTimeoutGapMs, now - last);
          last = now;
          if (!watch.stop) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
        let lastFrame = performance.now();
        const frame = (/** @type {number} */ time) => {
          watch.maxFrameGapMs = Math.max(watch.maxFrameGapMs, time - lastFrame);
          lastFrame = time;
          if (!watch.stop) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const bar = /** @type {HTMLProgressElement} */ (document.querySelector('#wb-risk progress'));
        w.watch.mutations = new MutationObserver(() => watch.progress.push([bar.value, bar.max]));
        w.watch.mutations.observe(bar, { attributes: true });
        document.querySelector('#wb-risk')?.removeAttribute('data-run');
        // Clicked from the page, so the measurement holds the page's own work only.
        /** @type {HTMLButtonElement} */ (document.querySelector('#wb-risk button[type=submit]')).click();
      });
      await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
      const watch = await page.evaluate(async () => {
        const w = /** @type {any} */ (window);
        // One more frame, so the last drawing's task is counted too.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        w.watch.stop = true;
        w.watch.mutations.disconnect();
        const { longTasks, maxTimeoutGapMs, maxFrameGapMs, progress } = w.watch;
        return { longTasks, maxTimeoutGapMs, maxFrameGapMs, progress };
      });
      runs.push(watch);
      t.diagnostic(`run ${attempt + 1}: long tasks ${JSON.stringify(watch.longTasks)} ms, longest event-loop gap ${watch.maxTimeoutGapMs.toFixed(1)} ms, longest frame gap ${watch.maxFrameGapMs.toFixed(1)} ms`);
      if (watch.longTasks.length === 0) break;
    }
    const watch = runs.at(-1);
    assert.deepEqual(watch.longTasks, [], `no main-thread task over 50 ms in one of ${runs.length} runs: ${JSON.stringify(runs.map((r) => r.longTasks))}`);
    for (const run of runs) assert.ok(run.longTasks.every((/** @type {number} */ ms) => ms < BLOCKED_MS), `a task of ${Math.max(...run.longTasks)} ms`);
    assert.ok(watch.maxTimeoutGapMs < MAX_GAP_MS, `the event loop stalled ${watch.maxTimeoutGapMs} ms`);
    // Progress came in steps, not only at the end.
    const partial = watch.progress.filter((/** @type {number[]} */ [value, max]) => max === 100_000 && value > 0 && value < 100_000);
    assert.ok(partial.length >= 10, `progress steps seen: ${JSON.stringify(watch.progress.slice(0, 5))}…`);
    assert.match(await page.textContent('#wb-risk .wb-status') ?? '', /^Done: 100,000 trials in [\d.]+ s\.$/);
    // The worker loaded Monte Carlo's build; the page's own thread did not
    // (a worker's fetches are not in the page's resource timing).
    assert.deepEqual(await loadedByThePage(page), [], 'the page loaded pkg-risk itself');

    // The same run in the page's thread gives the figures shown.
    const here = await runHere(page, { trials: 100_000, seed: 7, months: 24 });
    const shown = await facts(page);
    assert.equal(shown.Trials, '100,000 of 100,000');
    assert.equal(shown.Seed, '7');
    assert.equal(shown['Probability that Net present value is positive'], percent(here.npv.probabilityAboveZero));
    assert.equal(shown['P50 of Net present value'], dollars(here.npv.p50));
    assert.equal(shown['Probability of payback within 24 months'], percent(here.payback));
    // The histogram: its bins and the three percentiles where the run puts them.
    const markers = await page.$$eval('#wb-risk .percentile', (gs) => gs.map((g) => [g.getAttribute('data-marker'), Number(g.getAttribute('data-value'))]));
    assert.deepEqual(markers, [['p10', here.npv.p10], ['p50', here.npv.p50], ['p90', here.npv.p90]]);
    assert.equal(await page.locator('#wb-risk rect.hist-bar').count(), 40);
    const x = await page.$$eval('#wb-risk .percentile line', (lines) => lines.map((l) => Number(l.getAttribute('x1'))));
    assert.ok(x[0] < x[1] && x[1] < x[2], `P10 < P50 < P90 on screen: ${x}`);
    // The verdict now scores the risk with the run's probability.
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.probabilityNpvPositive), here.npv.probabilityAboveZero);
    assert.equal(await page.getAttribute('#wb-verdict tr[data-measure="risk"]', 'data-status'), 'scored');
    assert.equal(await page.textContent('#wb-verdict tr[data-measure="risk"] td'), percent(here.npv.probabilityAboveZero));
    await page.locator('#wb-risk .wb-monte-carlo').screenshot({ path: path.join(SHOTS, 'monte-carlo.png') });

    // A new horizon for payback: the worker answers from the same run.
    await page.fill('#wb-risk .wb-mc-form input >> nth=1', '36');
    await page.locator('#wb-risk .wb-mc-form input >> nth=1').blur();
    const at36 = await runHere(page, { trials: 100_000, seed: 7, months: 36 });
    await page.waitForFunction((text) => [...document.querySelectorAll('#wb-risk .wb-facts dt')].some((dt) => dt.textContent === 'Probability of payback within 36 months' && dt.nextElementSibling?.textContent === text), percent(at36.payback));
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.monteCarlo.paybackWithinMonths), 36);
    // It ran under the site's own policy: no `worker-src`, so a module
    // worker from the site falls back to `script-src 'self'`.
    const policy = (await fetch(`${bench.url}__test__/workbench-panels.html`)).headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(policy, /worker-src/);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).cspViolations), []);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('cancel stops the run mid-way and shows the partial result', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.selectOption('#wb-risk select', '1000000');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForFunction(() => {
      const bar = /** @type {HTMLProgressElement} */ (document.querySelector('#wb-risk progress'));
      return bar.value > 0;
    }, undefined, { timeout: RUN_TIMEOUT_MS });
    assert.equal(await page.isDisabled('#wb-risk button[type=submit]'), true);
    await page.click('#wb-risk button:has-text("Cancel")');
    await page.waitForSelector('#wb-risk[data-run="cancelled"]', { timeout: RUN_TIMEOUT_MS });
    const status = await page.textContent('#wb-risk .wb-status') ?? '';
    const match = /^Cancelled at ([\d,]+) trials; the figures below are from those trials\.$/.exec(status);
    assert.ok(match, status);
    const trialsDone = Number(match[1]?.replaceAll(',', ''));
    assert.ok(trialsDone > 0 && trialsDone < 1_000_000, status);
    const shown = await facts(page);
    assert.equal(shown.Trials, `${match[1]} of 1,000,000 (cancelled)`);
    // The partial figures are the run's first trials, as the engine gives them.
    const here = await runHere(page, { trials: 1_000_000, seed: 7, months: 24, stopAt: trialsDone });
    assert.equal(shown['P50 of Net present value'], dollars(here.npv.p50));
    // A cancelled run is not the case's risk figure.
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.probabilityNpvPositive), undefined);
    assert.equal(await page.isDisabled('#wb-risk button[type=submit]'), false);
    await page.locator('#wb-risk .wb-monte-carlo').screenshot({ path: path.join(SHOTS, 'monte-carlo-cancelled.png') });
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('a model without an `npv` output: the histogram of its first output, and no risk figure for the verdict', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url, { model: 'saas-roi' });
    await page.selectOption('#wb-risk select', '1000');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    const first = await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.layout.outputs[0].label);
    assert.equal(await page.textContent('#wb-risk .wb-monte-carlo figcaption'), `${first}: distribution over the trials`);
    assert.ok(`Probability that ${first} is positive` in (await facts(page)));
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.probabilityNpvPositive), undefined);
    assert.equal(await page.getAttribute('#wb-verdict tr[data-measure="risk"]', 'data-status'), 'missing');
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('the seed is the case\'s: the same seed gives the same run, a bad one the engine\'s message', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.selectOption('#wb-risk select', '1000');
    await page.fill('#wb-risk .wb-mc-form input >> nth=0', '42');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    const first = await facts(page);
    assert.equal(first.Seed, '42');
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.monteCarlo), { seed: 42, trials: 1000, paybackWithinMonths: 24 });
    const here = await runHere(page, { trials: 1000, seed: 42, months: 24 });
    assert.equal(first['P10 of Net present value'], dollars(here.npv.p10));
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    assert.deepEqual(await facts(page), first);

    await page.fill('#wb-risk .wb-mc-form input >> nth=0', '1.5');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk .wb-error', { timeout: RUN_TIMEOUT_MS });
    assert.match(await page.textContent('#wb-risk .wb-error') ?? '', /seed/);
    assert.equal(await page.isDisabled('#wb-risk button[type=submit]'), false);
    await page.fill('#wb-risk .wb-mc-form input >> nth=0', 'seven');
    await page.click('#wb-risk button[type=submit]');
    assert.match(await page.textContent('#wb-risk .wb-error') ?? '', /^Seed: /);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('the first run says the engine is loading while the worker fetches pkg-risk, and the page never fetches it', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    /** @type {string[]} */
    const fetched = [];
    // Held until the panel has been seen saying it is loading.
    /** @type {() => void} */
    let release = () => {};
    const held = new Promise((resolve) => {
      release = () => resolve(undefined);
    });
    await page.route('**/pkg-risk/**', async (route) => {
      fetched.push(new URL(route.request().url()).pathname);
      await held;
      await route.continue();
    });
    await page.selectOption('#wb-risk select', '1000');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#wb-risk .wb-status')?.textContent === 'Loading the Monte Carlo engine…', undefined, { timeout: RUN_TIMEOUT_MS });
    assert.equal(await page.isDisabled('#wb-risk button[type=submit]'), true);
    release();
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    assert.match(await page.textContent('#wb-risk .wb-status') ?? '', /^Done: 1,000 trials in [\d.]+ s\.$/);
    assert.deepEqual(fetched, ['/pkg-risk/yardstick.js', '/pkg-risk/yardstick_bg.wasm']);
    assert.deepEqual(await loadedByThePage(page), []);
    // A second run reuses the loaded engine: no loading line, no fetch.
    await page.evaluate(() => {
      const status = /** @type {HTMLElement} */ (document.querySelector('#wb-risk .wb-status'));
      const seen = /** @type {string[]} */ ([]);
      Object.assign(window, { statusLines: seen });
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
      document.querySelector('#wb-risk')?.removeAttribute('data-run');
    });
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    const lines = await page.evaluate(() => /** @type {any} */ (window).statusLines);
    assert.ok(!lines.includes('Loading the Monte Carlo engine…'), JSON.stringify(lines));
    assert.equal(fetched.length, 2);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('an engine that cannot load gives a clear error in the panel, and the next run tries again', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.route('**/pkg-risk/**', (route) => route.abort());
    await page.selectOption('#wb-risk select', '1000');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk .wb-monte-carlo .wb-error', { timeout: RUN_TIMEOUT_MS });
    assert.match(await page.textContent('#wb-risk .wb-monte-carlo .wb-error') ?? '', /^The Monte Carlo engine could not load \(.+\)\. Check the connection, then run again\.$/);
    assert.equal(await page.textContent('#wb-risk .wb-status'), 'The Monte Carlo engine did not load.');
    assert.equal(await page.isDisabled('#wb-risk button[type=submit]'), false);
    assert.equal(await page.isDisabled('#wb-risk button:has-text("Cancel")'), true);
    // Back online: the same button runs, in a fresh worker that loads the engine.
    await page.unroute('**/pkg-risk/**');
    await page.click('#wb-risk button[type=submit]');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    assert.equal((await facts(page)).Trials, '1,000 of 1,000');
    assert.equal(await page.locator('#wb-risk .wb-monte-carlo .wb-error').count(), 0);
    // The aborted requests are the only console errors.
    assert.deepEqual(realErrors(errors).filter((e) => !/pkg-risk|net::ERR_FAILED|Failed to fetch/.test(e)), []);
    await page.close();
  });

  test('the tornado: from the inputs\' uncertainty, or every input plus or minus a percentage', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.waitForSelector('#wb-risk figure[data-chart="tornado"] svg');
    const sensitivity = (/** @type {{ output: string, percentChange: number, useUncertainty: boolean }} */ options) =>
      page.evaluate((options) => /** @type {any} */ (window).workbenchFixture.session.model.sensitivity(options), options);
    const rows = () => page.$$eval('#wb-risk figure[data-chart="tornado"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const expectRows = (/** @type {any} */ result) =>
      result.rows
        .filter((/** @type {any} */ r) => r.outputAtLow !== null && r.outputAtHigh !== null)
        .slice(0, 8)
        .map((/** @type {any} */ r) => [r.input, dollars(r.outputAtLow), dollars(r.outputAtHigh)]);
    const labelled = async () => (await rows()).map(([label, low, high]) => [label, low, high]);
    const inputIds = await page.evaluate(() => Object.fromEntries(/** @type {any} */ (window).workbenchFixture.session.layout.inputs.map((/** @type {any} */ i) => [i.label, i.id])));
    const byId = async () => (await labelled()).map(([label, low, high]) => [inputIds[/** @type {string} */ (label)], low, high]);

    assert.equal(await page.getAttribute('#wb-risk figure[data-chart="tornado"]', 'data-mode'), 'uncertainty');
    assert.deepEqual(await byId(), expectRows(await sensitivity({ output: 'npv', percentChange: 0.1, useUncertainty: true })));
    await page.locator('#wb-risk .wb-tornado').screenshot({ path: path.join(SHOTS, 'tornado-uncertainty.png') });

    await page.check('#wb-risk input[value="percent"]');
    await page.fill('#wb-risk .wb-tornado-form input[type=text]', '20');
    await page.locator('#wb-risk .wb-tornado-form input[type=text]').blur();
    assert.equal(await page.getAttribute('#wb-risk figure[data-chart="tornado"]', 'data-mode'), 'percent');
    const plusMinus20 = await sensitivity({ output: 'npv', percentChange: 0.2, useUncertainty: false });
    assert.deepEqual(await byId(), expectRows(plusMinus20));
    assert.match(await page.textContent('#wb-risk figure[data-chart="tornado"] figcaption') ?? '', /every input ±20%/);
    // Another output.
    await page.selectOption('#wb-risk .wb-tornado-form select', 'roi');
    const roi = await sensitivity({ output: 'roi', percentChange: 0.2, useUncertainty: false });
    const shownRoi = (await rows()).map((r) => r[1]);
    const pct = (/** @type {number} */ v) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    assert.deepEqual(shownRoi, roi.rows.filter((/** @type {any} */ r) => r.outputAtLow !== null).slice(0, 8).map((/** @type {any} */ r) => pct(r.outputAtLow)));
    await page.locator('#wb-risk .wb-tornado').screenshot({ path: path.join(SHOTS, 'tornado-percent.png') });
    // A bad percentage: the engine's reader says why.
    await page.fill('#wb-risk .wb-tornado-form input[type=text]', 'abc');
    await page.locator('#wb-risk .wb-tornado-form input[type=text]').blur();
    assert.match(await page.textContent('#wb-risk .wb-tornado .wb-error') ?? '', /^Percentage: /);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('keyboard only: run, cancel, run again; axe-core clean with results shown', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.evaluate(() => document.body.focus());
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.matches('#wb-risk select') ?? false)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('End'); // 1,000,000 trials
    assert.equal(await page.inputValue('#wb-risk select'), '1000000');
    await page.keyboard.press('Enter'); // submits? a select does not: Tab to Run
    for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement?.matches('#wb-risk button[type=submit]') ?? false)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /** @type {HTMLProgressElement} */ (document.querySelector('#wb-risk progress')).value > 0, undefined, { timeout: RUN_TIMEOUT_MS });
    // Focus moved to Cancel when Run was disabled.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#wb-risk[data-run="cancelled"]', { timeout: RUN_TIMEOUT_MS });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Run');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.matches('#wb-risk select')), true);
    await page.keyboard.press('Home'); // 1,000 trials
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#wb-risk[data-run="done"]', { timeout: RUN_TIMEOUT_MS });
    assert.equal((await facts(page)).Trials, '1,000 of 1,000');
    // The tornado's mode by arrow keys in its radio group.
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.matches('#wb-risk input[type=radio]') ?? false)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#wb-risk figure[data-chart="tornado"]', 'data-mode'), 'percent');
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(SHOTS, 'risk-keyboard.png'), fullPage: true });
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });
});
