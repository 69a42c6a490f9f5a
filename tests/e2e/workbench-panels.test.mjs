// The workbench's analysis panels (issue 12, items 4 to 6) on a test page
// that builds the session from the engine as the workbench page will
// (tests/e2e/workbench-fixture.mjs): the cash-flow charts with the payback
// point, goal seek (found, checked by re-evaluating the model with the
// value; and out of reach, with the closest the output gets), break-even,
// and the business-case verdict against the Scorecard computed here, with
// the hurdle rate edited. Keyboard only, axe-core clean, screenshots.
// Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { openPanels, startBench } from './workbench-fixture.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'yardstick-workbench-shots');
fs.mkdirSync(SHOTS, { recursive: true });

/** Errors other than the favicon the fixture page does not have. */
const realErrors = (/** @type {string[]} */ errors) => errors.filter((e) => !e.includes('404'));

/**
 * The model re-evaluated in the page on a fresh compile with `inputs`:
 * outputs and the break-even of `net_cash_flow`, as the engine gives them.
 * @param {import('playwright-core').Page} page
 * @param {Record<string, number | string | boolean>} changes
 */
function evaluateFresh(page, changes) {
  return page.evaluate((changes) => {
    const { Model, modelDocument, session } = /** @type {any} */ (window).workbenchFixture;
    const model = Model.compile(modelDocument);
    const evaluation = model.evaluate({ ...session.inputs(), ...changes });
    const breakEven = model.breakEven('net_cash_flow');
    model.free();
    return { outputs: evaluation.outputs, breakEven };
  }, changes);
}

/**
 * The business-case score computed here, from a fresh Scorecard over the
 * session's model.
 * @param {import('playwright-core').Page} page
 * @param {{ hurdleRate?: number, paybackLimitMonths?: number }} options
 * @param {Record<string, number>} supplied
 */
function scoreHere(page, options, supplied) {
  return page.evaluate(async ({ options, supplied }) => {
    const { Scorecard } = await import('/pkg/yardstick.js');
    const { session } = /** @type {any} */ (window).workbenchFixture;
    const scorecard = Scorecard.businessCase(options);
    const result = scorecard.scoreModel(session.model, supplied);
    scorecard.free();
    return result;
  }, { options, supplied });
}

/**
 * Presses Tab until the focused element matches `selector` (at most 80 times).
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('workbench analysis panels', () => {
  /** @type {Awaited<ReturnType<typeof startBench>>} */
  let bench;
  before(async () => {
    bench = await startBench();
  });
  after(async () => {
    await bench?.close();
  });

  test('the cumulative cash flow marks the engine\'s payback point; benefits and costs are drawn per period', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.waitForSelector('#wb-charts .payback-marker');
    const fresh = await evaluateFresh(page, {});
    const marker = await page.$eval('#wb-charts .payback-marker', (g) => ({ period: Number(g.getAttribute('data-payback-period')), months: Number(g.getAttribute('data-payback-months')), text: g.textContent }));
    assert.equal(marker.period, fresh.breakEven.period);
    assert.equal(marker.months, fresh.breakEven.months);
    assert.match(marker.text ?? '', /Payback after 29\.1 months/);
    // The cumulative line has one point per period, from the model's series.
    const points = await page.$$eval('#wb-charts figure[data-chart="wb-cumulative"] circle.point', (c) => c.length);
    assert.equal(points, 6);
    const table = await page.$$eval('#wb-charts figure[data-chart="wb-cumulative"] table tbody td', (cells) => cells.map((c) => c.textContent));
    const series = await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.current().series.cumulative_cash_flow);
    assert.deepEqual(table, series.map((/** @type {number} */ v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(v)));
    // Benefits against costs: two series, one bar each per period.
    const bars = await page.$$eval('#wb-charts figure[data-chart="wb-benefits-costs"] rect.bar', (r) => r.length);
    assert.equal(bars, 12);
    const heads = await page.$$eval('#wb-charts figure[data-chart="wb-benefits-costs"] thead th', (h) => h.map((x) => x.textContent));
    assert.deepEqual(heads, ['Period', 'Benefits (risk-adjusted)', 'Costs']);
    // The model's own series charts too (its tornado lives in the risk panel).
    assert.equal(await page.locator('#wb-charts figure[data-chart="costs_vs_benefits"] svg').count(), 1);
    assert.equal(await page.locator('#wb-charts figure[data-chart="cumulative"] svg').count(), 1);
    await page.locator('#wb-charts').screenshot({ path: path.join(SHOTS, 'cash-charts.png') });

    // Changing an input moves the payback point, as the engine says.
    await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.setInput('implementation_cost', 400000));
    const moved = await evaluateFresh(page, {});
    assert.equal(Number(await page.getAttribute('#wb-charts .payback-marker', 'data-payback-months')), moved.breakEven.months);
    assert.ok(Number(moved.breakEven.months) > Number(fresh.breakEven.months));
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('a model without cashFlow says what it leaves out', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url, { model: 'project-portfolio' });
    assert.match(await page.textContent('#wb-charts') ?? '', /does not say which series are its cash flow/);
    assert.match(await page.textContent('#wb-goal .wb-break-even') ?? '', /no break-even to show/);
    assert.equal(await page.locator('#wb-charts .payback-marker').count(), 0);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('another model\'s payback point is its own PAYBACK output', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url, { model: 'saas-roi' });
    await page.waitForSelector('#wb-charts .payback-marker');
    const months = Number(await page.getAttribute('#wb-charts .payback-marker', 'data-payback-months'));
    const output = await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.current().outputs.payback_months);
    assert.ok(Math.abs(months - output) <= 1e-9 * output, `${months} vs PAYBACK ${output}`);
    assert.ok((await page.locator('#wb-charts figure[data-chart="wb-benefits-costs"] svg').count()) === 1);
    await page.locator('#wb-charts').screenshot({ path: path.join(SHOTS, 'cash-charts-saas.png') });
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('goal seek finds the value, and Apply sets it', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.selectOption('#wb-goal select >> nth=0', 'npv');
    await page.fill('#wb-goal input[type=text]', '500,000');
    await page.selectOption('#wb-goal select >> nth=1', 'productivity_benefit_per_year');
    await page.click('#wb-goal button[type=submit]');
    const value = Number(await page.getAttribute('#wb-goal .wb-found', 'data-value'));
    const fresh = await evaluateFresh(page, { productivity_benefit_per_year: value });
    assert.ok(Math.abs(Number(fresh.outputs.npv) - 500_000) <= 1e-3, `NPV at ${value} is ${fresh.outputs.npv}`);
    assert.match(await page.textContent('#wb-goal .wb-found') ?? '', /Net present value reaches \$500,000 when Productivity gain per year \(at full adoption\) is \$/);
    await page.locator('#wb-goal').screenshot({ path: path.join(SHOTS, 'goal-found.png') });
    const before = await page.textContent('#wb-goal .wb-break-even');
    await page.click('#wb-goal .wb-apply');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.inputs().productivity_benefit_per_year), value);
    // Break-even follows the applied value.
    const applied = await evaluateFresh(page, {});
    const after = await page.textContent('#wb-goal .wb-break-even');
    assert.notEqual(after, before);
    assert.ok(after?.includes(`${applied.breakEven.months?.toFixed(1)} months`), `${after} vs ${applied.breakEven.months}`);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('goal seek out of reach says so plainly, with the closest the output gets', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.selectOption('#wb-goal select >> nth=0', 'npv');
    await page.fill('#wb-goal input[type=text]', '5000000');
    await page.selectOption('#wb-goal select >> nth=1', 'discount_rate');
    await page.click('#wb-goal button[type=submit]');
    const text = await page.textContent('#wb-goal .wb-not-found');
    assert.match(text ?? '', /No value of Discount rate between 0% and 50% makes Net present value \$5,000,000\./);
    // The closest is the NPV at the rate's lower bound (0%): NPV falls as the rate rises.
    const closest = Number(await page.getAttribute('#wb-goal .wb-closest', 'data-value'));
    const atZero = await evaluateFresh(page, { discount_rate: 0 });
    assert.ok(Math.abs(closest - Number(atZero.outputs.npv)) <= 1e-6 * Math.abs(closest), `${closest} vs ${atZero.outputs.npv}`);
    await page.locator('#wb-goal').screenshot({ path: path.join(SHOTS, 'goal-not-found.png') });

    // Bad input: the engine's message, the field marked.
    await page.fill('#wb-goal input[type=text]', 'lots');
    await page.click('#wb-goal button[type=submit]');
    assert.match(await page.textContent('#wb-goal .wb-error') ?? '', /^Target: /);
    assert.equal(await page.getAttribute('#wb-goal input[type=text]', 'aria-invalid'), 'true');
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('the verdict matches the Scorecard computed here, and editing the hurdle rate changes it', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.waitForSelector('#wb-verdict .wb-verdict');
    const expected = await scoreHere(page, {}, { strategic_fit: 4 });
    const shown = async () =>
      page.evaluate(() => ({
        score: Number(document.querySelector('#wb-verdict [data-score]')?.getAttribute('data-score')),
        grade: document.querySelector('#wb-verdict [data-grade]')?.getAttribute('data-grade'),
        verdict: document.querySelector('#wb-verdict .wb-verdict')?.textContent,
        highLevel: document.querySelector('#wb-verdict .wb-verdict')?.getAttribute('data-high-level'),
        detailed: document.querySelector('#wb-verdict .wb-verdict')?.getAttribute('data-detailed'),
        rows: [...document.querySelectorAll('#wb-verdict tbody tr')].map((tr) => [tr.getAttribute('data-measure'), tr.getAttribute('data-status'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]),
      }));
    let now = await shown();
    assert.equal(now.score, expected.score);
    assert.equal(now.grade, expected.grade);
    assert.equal(now.highLevel, String(expected.highLevelCasePositive));
    assert.equal(now.detailed, String(expected.detailedCasePositive));
    assert.match(now.verdict ?? '', expected.detailedCasePositive ? /Positive detailed/ : expected.highLevelCasePositive ? /Positive high-level/ : /Not yet/);
    // Without a Monte Carlo run the risk measure is missing, and shown so.
    assert.deepEqual(now.rows.find((r) => r[0] === 'risk')?.slice(1, 3), ['missing', 'missing']);
    const one = (/** @type {number} */ n) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
    for (const measure of expected.measures) {
      const row = now.rows.find((r) => r[0] === measure.id);
      assert.ok(row, measure.id);
      assert.equal(row[1], measure.status);
      assert.equal(row[3], one(measure.points), `${measure.id} points`);
      assert.equal(row[5], one(measure.contribution), `${measure.id} contribution`);
    }
    await page.locator('#wb-verdict').screenshot({ path: path.join(SHOTS, 'verdict.png') });

    // A 50% hurdle: the IRR (about 46%) earns no points, and the score drops.
    await page.fill('#wb-verdict input >> nth=0', '50');
    await page.press('#wb-verdict input >> nth=0', 'Enter');
    await page.locator('#wb-verdict input >> nth=0').blur();
    const harder = await scoreHere(page, { hurdleRate: 0.5 }, { strategic_fit: 4 });
    now = await shown();
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.hurdleRate), 0.5);
    assert.equal(now.score, harder.score);
    assert.ok(harder.score < expected.score);
    assert.equal(now.rows.find((r) => r[0] === 'irr')?.[3], '0.0');
    // A payback limit shorter than the payback: that measure too earns nothing.
    await page.fill('#wb-verdict input >> nth=1', '12');
    await page.locator('#wb-verdict input >> nth=1').blur();
    const strict = await scoreHere(page, { hurdleRate: 0.5, paybackLimitMonths: 12 }, { strategic_fit: 4 });
    now = await shown();
    assert.equal(now.score, strict.score);
    assert.equal(now.grade, strict.grade);
    // Strategic fit unrated: missing.
    await page.selectOption('#wb-verdict select', '');
    now = await shown();
    assert.equal(now.rows.find((r) => r[0] === 'strategic_fit')?.[1], 'missing');
    assert.equal(now.score, (await scoreHere(page, { hurdleRate: 0.5, paybackLimitMonths: 12 }, {})).score);
    await page.locator('#wb-verdict').screenshot({ path: path.join(SHOTS, 'verdict-edited.png') });

    // A negative NPV fails the gate: not yet, and why (no payback either).
    await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.setInput('implementation_cost', 2_000_000));
    now = await shown();
    assert.match(now.verdict ?? '', /^Not yet a positive business case \(not met: Net present value is positive; no value yet: Payback within the limit, Probability that NPV is positive, Strategic fit \(1 to 5\)\)$/);
    // Bad input keeps the last good value and says why.
    await page.fill('#wb-verdict input >> nth=0', 'ten');
    await page.locator('#wb-verdict input >> nth=0').blur();
    assert.match(await page.textContent('#wb-verdict .wb-error') ?? '', /^Hurdle rate: /);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.hurdleRate), 0.5);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('typed numbers follow the case\'s locale', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url, { locale: 'de-DE' });
    await page.selectOption('#wb-goal select >> nth=0', 'irr');
    await page.fill('#wb-goal input[type=text]', '30,5');
    await page.selectOption('#wb-goal select >> nth=1', 'productivity_benefit_per_year');
    await page.click('#wb-goal button[type=submit]');
    const value = Number(await page.getAttribute('#wb-goal .wb-found', 'data-value'));
    const fresh = await evaluateFresh(page, { productivity_benefit_per_year: value });
    assert.ok(Math.abs(Number(fresh.outputs.irr) - 0.305) <= 1e-6, `IRR ${fresh.outputs.irr}`);
    assert.match(await page.textContent('#wb-goal .wb-found') ?? '', /reaches 30,5\s% when .* is 180\.\d{3},\d{2}\s\$/);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('keyboard only: goal seek, apply, and the verdict\'s settings', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.evaluate(() => document.body.focus());
    await tabTo(page, '#wb-goal select');
    await page.keyboard.press('Home'); // the first output (NPV)
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('450000');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Productivity'); // a closed select's type-ahead
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#wb-goal .wb-found');
    const value = Number(await page.getAttribute('#wb-goal .wb-found', 'data-value'));
    const input = await page.$eval('#wb-goal select >> nth=1', (s) => /** @type {HTMLSelectElement} */ (s).value);
    const fresh = await evaluateFresh(page, { [input]: value });
    assert.ok(Math.abs(Number(fresh.outputs.npv) - 450_000) <= 1e-3);
    await tabTo(page, '#wb-goal .wb-apply');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate((id) => /** @type {any} */ (window).workbenchFixture.session.inputs()[id], input), value);
    await tabTo(page, '#wb-verdict input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).workbenchFixture.session.verdict.hurdleRate), 0.2);
    // Focus is visible where it lands.
    const outline = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.screenshot({ path: path.join(SHOTS, 'keyboard.png'), fullPage: true });
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('at 400 px wide nothing makes the page scroll sideways', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.setViewportSize({ width: 400, height: 800 });
    await page.selectOption('#wb-goal select >> nth=1', 'productivity_benefit_per_year');
    await page.fill('#wb-goal input[type=text]', '500000');
    await page.click('#wb-goal button[type=submit]');
    await page.waitForSelector('#wb-goal .wb-found');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 400);
    await page.screenshot({ path: path.join(SHOTS, 'narrow.png'), fullPage: true });
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('destroy empties each panel and stops listening', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    const left = await page.evaluate(() => {
      const { session, panels, listenerCount } = /** @type {any} */ (window).workbenchFixture;
      if (listenerCount() !== 4) throw new Error(`${listenerCount()} listeners before destroy`);
      for (const panel of Object.values(panels)) /** @type {any} */ (panel).destroy();
      if (listenerCount() !== 0) throw new Error(`${listenerCount()} listeners after destroy`);
      session.setInput('implementation_cost', 150000);
      session.changed();
      return ['wb-charts', 'wb-risk', 'wb-goal', 'wb-verdict'].map((id) => document.getElementById(id)?.childElementCount);
    });
    assert.deepEqual(left, [0, 0, 0, 0]);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });

  test('axe-core finds no violations in the panels', async () => {
    const { page, errors } = await openPanels(bench.context, bench.url);
    await page.selectOption('#wb-goal select >> nth=1', 'productivity_benefit_per_year');
    await page.fill('#wb-goal input[type=text]', '500000');
    await page.click('#wb-goal button[type=submit]');
    await page.waitForSelector('#wb-goal .wb-found');
    assert.deepEqual(await axeViolations(page), []);
    await page.fill('#wb-goal input[type=text]', 'x');
    await page.click('#wb-goal button[type=submit]');
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(SHOTS, 'panels.png'), fullPage: true });
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).cspViolations), []);
    assert.deepEqual(realErrors(errors), []);
    await page.close();
  });
});
