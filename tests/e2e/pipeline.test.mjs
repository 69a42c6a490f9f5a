// The Evaluate pipeline page (www/pipeline.html) in Debian's Chromium
// against the real server: six scripted cases for two customers, saved
// through the API, and the page's counts, values, "without a positive
// case", cases at each step and conversions equal to figures this test
// computes on its own from the same inputs (the engine's Model for the
// value, its business-case Scorecard for the verdict, and the documented
// rules of docs/cases.md for the stages). Also: one table per currency
// with a note, the customer filter and the stalled list used with the
// keyboard only, the empty and the error states, and axe-core clean.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { axeViolations } from './axe.mjs';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 15_000;
const SHOTS = '/tmp/shots-cases';
const engine = await import(pathToFileURL(path.join(repoRoot, 'pkg', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg', 'yardstick_bg.wasm')) });

/** @param {string} file */
function model(file) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', file), 'utf8'));
}
const BUSINESS_CASE = model('business-case-5y.json');
const SAAS = model('saas-roi.json');
const STEPS = ['business_review', 'high_level_case', 'projects_review', 'detailed_case', 'decision', 'commitment'];

/**
 * The scripted cases: customer, model, inputs, settings, step. Chosen so
 * that some are positive at high level and detailed depth and some not.
 * @type {{ title: string, customer: [string, string], document: any, inputs: Record<string, number>, settings: Record<string, any>, step: string }[]}
 */
const PLAN = [
  { title: 'Acme desk', customer: ['acme', 'Acme Corp'], document: BUSINESS_CASE, inputs: {}, settings: { strategicFit: 4, probabilityNpvPositive: 0.85 }, step: 'decision' },
  { title: 'Acme ERP', customer: ['acme', 'Acme Corp'], document: BUSINESS_CASE, inputs: { implementation_cost: 2000000 }, settings: { strategicFit: 4 }, step: 'business_review' },
  { title: 'Acme CRM', customer: ['acme', 'Acme Corp'], document: BUSINESS_CASE, inputs: {}, settings: { strategicFit: 4 }, step: 'detailed_case' },
  { title: 'Globex plant', customer: ['globex', 'Globex'], document: BUSINESS_CASE, inputs: { productivity_benefit_per_year: 600000 }, settings: { strategicFit: 4, probabilityNpvPositive: 0.85 }, step: 'commitment' },
  { title: 'Globex seats', customer: ['globex', 'Globex'], document: SAAS, inputs: { team_size: 120 }, settings: {}, step: 'projects_review' },
  { title: 'Globex Europe', customer: ['globex', 'Globex'], document: BUSINESS_CASE, inputs: {}, settings: { strategicFit: 4, currency: 'EUR' }, step: 'high_level_case' },
];

/**
 * What the engine says of one planned case, computed here and not read
 * from the server: its value (the model's leadValue output), its currency
 * and whether it is a positive high-level and detailed case.
 * @param {typeof PLAN[number]} item
 */
function expectedCase(item) {
  const compiled = engine.Model.compile(item.document);
  const outputs = compiled.evaluate(item.inputs).outputs;
  const layout = compiled.layout();
  const value = outputs[layout.leadValue];
  const numbers = /** @type {Record<string, number>} */ ({});
  for (const id of ['npv', 'irr', 'payback_months']) if (typeof outputs[id] === 'number') numbers[id] = outputs[id];
  const supplied = /** @type {Record<string, number>} */ ({});
  if (item.settings.strategicFit !== undefined) supplied.strategic_fit = item.settings.strategicFit;
  if (item.settings.probabilityNpvPositive !== undefined) supplied.probability_npv_positive = item.settings.probabilityNpvPositive;
  const score = engine.Scorecard.businessCase({}).score({ outputs: numbers, supplied });
  return {
    value: typeof value === 'number' ? Math.max(value, 0) : 0,
    currency: item.settings.currency ?? layout.currency,
    positive: [score.highLevelCasePositive, score.detailedCasePositive],
    step: STEPS.indexOf(item.step),
    customer: item.customer[0],
  };
}

/**
 * The stages docs/cases.md defines for cases saved once each at their
 * step: a case passed every step up to its own, except a gate (the
 * high-level or detailed case) whose case is not positive at that depth.
 * Its furthest stage is its step, or the one before when it waits at a
 * gate. A stage counts the cases whose furthest stage is it or later.
 * @param {ReturnType<typeof expectedCase>[]} cases
 */
function expectedStages(cases) {
  const furthest = cases.map((c) => {
    const gatePositive = c.step === 1 ? c.positive[0] : c.step === 3 ? c.positive[1] : true;
    return gatePositive ? c.step : c.step - 1;
  });
  return STEPS.map((_, k) => {
    const reached = cases.filter((_, i) => (furthest[i] ?? -1) >= k);
    const gate = k === 1 ? 0 : k === 3 ? 1 : -1;
    return {
      count: reached.length,
      value: reached.reduce((sum, c) => sum + c.value, 0),
      without: gate < 0 ? 0 : reached.filter((c) => !c.positive[gate]).length,
      atStep: cases.filter((c) => c.step === k).length,
    };
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} currency
 */
async function table(page, currency) {
  return page.locator(`section[data-currency="${currency}"] tbody tr`).evaluateAll((rows) =>
    rows.map((row) => {
      /** @param {string} field */
      const cell = (field) => row.querySelector(`[data-field="${field}"]`)?.textContent ?? '';
      return { stage: row.getAttribute('data-stage'), count: cell('count'), value: cell('value'), without: cell('without-positive-case'), atStep: cell('at-step'), conversion: cell('conversion'), days: cell('median-days') };
    }),
  );
}

/**
 * The rows the page should show for `cases` in `currency`, formatted by
 * the page's own Intl (so the locale matches).
 * @param {import('playwright-core').Page} page
 * @param {ReturnType<typeof expectedCase>[]} cases
 * @param {string} currency
 */
async function expectedRows(page, cases, currency) {
  const stages = expectedStages(cases.filter((c) => c.currency === currency));
  return page.evaluate(
    ({ stages, currency, steps, atStepValues }) => {
      const money = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
      const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
      const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
      return stages.map((s, k) => {
        const previous = stages[k - 1];
        return {
          stage: steps[k],
          count: count.format(s.count),
          value: money.format(s.value),
          without: count.format(s.without),
          atStep: `${count.format(s.atStep)} (${money.format(atStepValues[k] ?? 0)})`,
          conversion: previous === undefined || previous.count === 0 ? '—' : percent.format(s.count / previous.count),
        };
      });
    },
    {
      stages,
      currency,
      steps: STEPS,
      atStepValues: STEPS.map((_, k) => cases.filter((c) => c.currency === currency && c.step === k).reduce((sum, c) => sum + c.value, 0)),
    },
  );
}

/** @param {{ stage: string | null, count: string, value: string, without: string, atStep: string, conversion: string, days: string }[]} rows */
function withoutDays(rows) {
  return rows.map(({ days: _days, ...rest }) => rest);
}

describe('the pipeline page', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  const expected = PLAN.map(expectedCase);
  /** @type {number[]} */
  const ids = [];
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '170']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an empty pipeline says so', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);
    await page.getByText('No saved cases yet').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test('counts, values and conversions are the ones the engine and the rules give', async () => {
    // The plan's verdicts cover both sides of each gate.
    assert.deepEqual(
      expected.map((c) => c.positive),
      [
        [true, true],
        [false, false],
        [true, false],
        [true, true],
        [false, false],
        [true, false],
      ],
    );
    for (const item of PLAN) {
      const body = {
        schema: 'yardstick/case@1',
        title: item.title,
        customer: { id: item.customer[0], name: item.customer[1] },
        model: { id: item.document.id, version: item.document.version, document: item.document },
        inputs: item.inputs,
        settings: item.settings,
        step: item.step,
        author: 'Ada',
      };
      const response = await fetch(new URL('/api/cases', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(response.status, 201, await response.clone().text());
      ids.push((await response.json()).id);
    }
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);
    await page.locator('section[data-currency="USD"] tbody tr').first().waitFor();
    assert.deepEqual(withoutDays(await table(page, 'USD')), await expectedRows(page, expected, 'USD'));
    assert.deepEqual(withoutDays(await table(page, 'EUR')), await expectedRows(page, expected, 'EUR'));
    // Every case was saved moments ago: days in step are 0.
    const days = (await table(page, 'USD')).map((row) => row.days);
    assert.ok(days.slice(0, 5).every((d) => d === '0'), days.join(' '));
    assert.equal(days[5], '—', 'commitment has no time in step');
    await page.getByText('These cases use 2 currencies (EUR, USD)').waitFor();
    // "as of" in words, as the other pages write dates ("Dec 4, 2026, 9:34 AM").
    const asOf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date()).slice(0, 3);
    assert.match(await page.locator('#pipeline-status').innerText(), new RegExp(`as of ${asOf}`));
    // Globex seats moved past the high-level gate without a positive case.
    const unsupported = await page.locator('.pipeline-cases li').evaluateAll((items) => items.map((li) => li.getAttribute('data-case-id')));
    assert.ok(unsupported.includes(String(ids[4])), unsupported.join(' '));
    await page.screenshot({ path: `${SHOTS}/pipeline-all.png`, fullPage: true });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      assert.deepEqual(await axeViolations(page), [], `at ${width} px`);
    }
    await page.screenshot({ path: `${SHOTS}/pipeline-phone.png`, fullPage: true });
    await page.close();
  });

  test('the customer filter and the stalled list work with the keyboard alone', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);
    await page.locator('section[data-currency="USD"] tbody tr').first().waitFor();
    // Skip link, brand-free header links, then the form: Tab until the customer select has focus.
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'pipeline-customer')); i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pipeline-customer');
    // Options: All customers, Acme Corp, Globex (by name). Choose Globex.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => /^Globex: /.test(document.getElementById('pipeline-status')?.textContent ?? ''));
    const globex = expected.filter((c) => c.customer === 'globex');
    assert.deepEqual(withoutDays(await table(page, 'USD')), await expectedRows(page, globex, 'USD'));
    assert.equal(new URL(page.url()).searchParams.get('customer'), 'globex');
    // Stalled after 0 days: every Globex case not at commitment.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pipeline-stalled');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('stalled-title')?.textContent?.includes('more than 0 days'));
    const stalled = await page.locator('#stalled-title + ul li').evaluateAll((items) => items.map((li) => li.getAttribute('data-case-id')));
    assert.deepEqual(stalled.sort(), [String(ids[4]), String(ids[5])].sort());
    await page.screenshot({ path: `${SHOTS}/pipeline-globex-stalled.png`, fullPage: true });
    // Tab on to the first stalled case's link and open it with Enter.
    const link = page.locator('#stalled-title + ul a').first();
    const href = await link.getAttribute('href');
    for (let i = 0; i < 30 && !(await link.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
    assert.ok(await link.evaluate((a) => a === document.activeElement), 'the stalled link takes focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/workbench\.html\?case=\d+$/);
    assert.match(href ?? '', /^\.\/workbench\.html\?case=\d+$/);
    await page.close();
  });

  test('bad input: the form refuses a threshold out of range, the server names a bad address', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);
    await page.locator('section[data-currency="USD"]').waitFor();
    const requests = /** @type {string[]} */ ([]);
    page.on('request', (request) => requests.push(request.url()));
    await page.locator('#pipeline-stalled').fill('99999');
    await page.locator('#pipeline-stalled').press('Enter');
    assert.equal(await page.locator('#pipeline-stalled').evaluate((input) => /** @type {HTMLInputElement} */ (input).validity.valid), false);
    await page.waitForTimeout(300);
    assert.deepEqual(requests.filter((url) => url.includes('/api/pipeline')), [], 'nothing is asked of the server');
    await page.goto(new URL('/pipeline.html?stalledAfterDays=5000', server.url).href);
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /must be a number of days from 0 to 3650/);
    await page.close();
  });

  test('a server that stopped answering is reported with a way to try again', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);
    await page.locator('section[data-currency="USD"]').waitFor();
    await server.stop();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Could not load the pipeline/);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Try again');
    await page.screenshot({ path: `${SHOTS}/pipeline-error.png`, fullPage: true });
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
});
