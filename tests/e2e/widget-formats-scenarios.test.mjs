// Two decisions the widget takes from the engine instead of making them:
// each chart series is shown in the format the model declares for it
// (layout()), never guessed from the inputs, and a scenario button sets
// every field from the engine's one answer (applyScenario): the scenario's
// values, and the defaults for the inputs it does not name, even ones the
// visitor changed. Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixturePage, openPage, startStack, STEP_TIMEOUT_MS } from './widget-fixtures.mjs';

/** A model with a percent, a plain and a currency series, and a scenario that names two of three inputs. */
const MODEL = {
  schema: 'yardstick/model@1',
  id: 'formats-scenarios',
  version: '1.0.0',
  title: 'Formats and scenarios',
  currency: 'USD',
  horizon: { periods: 3, unit: 'year' },
  inputs: [
    { id: 'investment', label: 'Investment', kind: 'currency', default: 1000, min: 0, max: 5000, step: 100 },
    { id: 'yearly_benefit', label: 'Yearly benefit', kind: 'currency', default: 500, min: 0, max: 2000, step: 50 },
    { id: 'start', label: 'Start', kind: 'date', default: '2026-01-01' },
  ],
  calculations: [
    { id: 'margin', label: 'Margin', per_period: true, formula: 'IF(period = 0, 0, yearly_benefit / (yearly_benefit + 500))', format: { style: 'percent' } },
    { id: 'units', label: 'Units', per_period: true, formula: 'period * 2' },
    { id: 'cash', label: 'Cash', per_period: true, formula: 'IF(period = 0, -investment, yearly_benefit)', format: { style: 'currency' } },
  ],
  outputs: [{ id: 'net', label: 'Net', formula: 'SUM(cash) + 0 * YEAR(start)', format: { style: 'currency' } }],
  scenarios: [{ id: 'big', label: 'Big', inputs: { investment: 3000, start: '2027-06-30' } }],
  charts: [
    { id: 'margin_chart', title: 'Margin and units', type: 'line', series: ['margin', 'units'] },
    { id: 'cash_chart', title: 'Cash', type: 'bar', series: ['cash'] },
  ],
};

/**
 * The hidden data table of a chart, as rows of cell texts.
 * @param {import('playwright-core').Page} page
 * @param {string} chartId
 */
function tableRows(page, chartId) {
  return page.locator(`#a figure[data-chart="${chartId}"] table tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

/**
 * The axis labels of a chart.
 * @param {import('playwright-core').Page} page
 * @param {string} chartId
 */
function ticks(page, chartId) {
  return page.locator(`#a figure[data-chart="${chartId}"] svg text.tick`).allTextContents();
}

describe('widget formats and scenarios', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {string[]} */
  let problems;
  before(async () => {
    stack = await startStack();
    const html = fixturePage([{ id: 'a', attributes: { src: '/fixture-models/formats.json' } }]);
    ({ page, problems } = await openPage(stack.browser.context, stack.server.url, { models: { 'formats.json': MODEL }, pages: { 'formats.html': html } }));
    await page.goto(`${stack.server.url}fixture/formats.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((/** @type {any} */ e) => e.type === 'ready'), null, { timeout: STEP_TIMEOUT_MS });
  });
  after(async () => {
    await page?.close();
    await stack?.stop();
  });

  test('each series is shown in its declared format, not as money because an input is', async () => {
    // Year 1: margin 500 / 1000 = 50.0% (percent, 1 decimal by default);
    // units 2 (no format: a plain number, 2 decimals).
    assert.deepEqual(await tableRows(page, 'margin_chart'), [
      ['Start', '0.0%', '0.00'],
      ['Year 1', '50.0%', '2.00'],
      ['Year 2', '50.0%', '4.00'],
      ['Year 3', '50.0%', '6.00'],
    ]);
    const marginTicks = await ticks(page, 'margin_chart');
    assert.ok(marginTicks.some((t) => t.endsWith('%')), `percent axis: ${marginTicks.join(' | ')}`);
    assert.ok(!marginTicks.some((t) => t.includes('$')), `no currency on a percent axis: ${marginTicks.join(' | ')}`);
    const description = (await page.locator('#a figure[data-chart="margin_chart"] svg desc').textContent()) ?? '';
    assert.match(description, /Margin: Start 0\.0%, Year 1 50\.0%/);
    assert.doesNotMatch(description, /\$/);
    assert.deepEqual((await tableRows(page, 'cash_chart'))[0], ['Start', '-$1,000']);
    assert.ok((await ticks(page, 'cash_chart')).some((t) => t.includes('$')));
    assert.deepEqual(problems, []);
  });

  test('a scenario sets every field from the engine: its values, and defaults for the rest', async () => {
    const investment = page.locator('#a input.number').nth(0);
    const benefit = page.locator('#a input.number').nth(1);
    const start = page.locator('#a input.date');
    // The visitor changes an input the scenario does not name.
    await benefit.fill('900');
    await page.waitForFunction(() => document.getElementById('a')?.shadowRoot?.querySelector('[data-output="net"] output')?.textContent === '$1,700');
    await start.fill('2030-05-05');
    await page.locator('#a button[data-scenario="big"]').click();
    assert.equal(await page.locator('#a button[data-scenario="big"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await investment.inputValue(), '3000');
    assert.equal(await benefit.inputValue(), '500', 'back to its default');
    assert.equal(await start.inputValue(), '2027-06-30');
    // -3000 + 3 × 500, and the charts follow at once.
    assert.equal(await page.locator('#a [data-output="net"] output').textContent(), '-$1,500');
    assert.deepEqual((await tableRows(page, 'cash_chart'))[0], ['Start', '-$3,000']);
    assert.deepEqual((await tableRows(page, 'margin_chart'))[1], ['Year 1', '50.0%', '2.00']);
    // The visitor's own numbers were kept: "Your numbers" brings them back.
    const own = page.locator('#a button[data-scenario=""]');
    assert.equal(await own.textContent(), 'Your numbers');
    assert.equal(await own.getAttribute('aria-pressed'), 'false');
    await own.click();
    assert.equal(await own.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#a button[data-scenario="big"]').getAttribute('aria-pressed'), 'false');
    assert.equal(await benefit.inputValue(), '900');
    assert.equal(await start.inputValue(), '2030-05-05');
    assert.equal(await page.locator('#a [data-output="net"] output').textContent(), '$1,700');
    // The pressed button looks pressed (the style follows aria-pressed).
    const look = (/** @type {string} */ id) => page.locator(`#a button[data-scenario="${id}"]`).evaluate((b) => getComputedStyle(b).borderBottomColor);
    assert.notEqual(await look(''), await look('big'));
    // Typing after a scenario leaves it: the numbers are the visitor's own.
    await page.locator('#a button[data-scenario="big"]').click();
    await benefit.fill('700');
    await page.waitForFunction(() => document.getElementById('a')?.shadowRoot?.querySelector('button[data-scenario="big"]')?.getAttribute('aria-pressed') === 'false');
    assert.equal(await own.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#a [data-output="net"] output').textContent(), '-$900');
    assert.deepEqual(problems, []);
  });
});
