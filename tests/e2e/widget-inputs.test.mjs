// Inputs a prospect can use (issue 11, defect 9): an input that applies
// only while a toggle is on is disabled, dimmed and says why while the
// toggle is off, as the engine decides (`inapplicable`), and comes back
// with its value when the toggle is on again, after a scenario too; a
// slider over a wide range (team size 1 to 5,000) moves in equal ratios,
// lands exactly on its bounds, speaks the real value and follows the
// number box. Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness.mjs';
import { fixturePage, openPage, startStack, STEP_TIMEOUT_MS } from './widget-fixtures.mjs';

/** @typedef {import('playwright-core').Page} Page */

const UPLIFT_INPUTS = ['current_annual_revenue', 'revenue_uplift', 'gross_margin'];

describe('inputs that apply only when a toggle is on, and log sliders', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {Page} */
  let page;
  /** @type {string[]} */
  let problems;
  before(async () => {
    stack = await startStack();
    const html = fixturePage([{ id: 'a', attributes: { src: '/models/saas-roi.json', locale: 'en-US' } }]);
    ({ page, problems } = await openPage(stack.browser.context, stack.server.url, { pages: { 'inputs.html': html } }));
    await page.goto(`${stack.server.url}fixture/inputs.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((/** @type {any} */ e) => e.type === 'ready'), null, { timeout: STEP_TIMEOUT_MS });
  });
  after(async () => {
    await page?.close();
    await stack?.stop();
  });

  /** @param {string} id */
  const field = (id) => page.locator(`#a .field:has([data-input="${id}"])`);
  /** Each control of an input: whether it is disabled, and its aria-disabled. @param {string} id */
  const controlStates = (id) => page.locator(`#a [data-input="${id}"]`).evaluateAll((controls) => controls.map((c) => [/** @type {HTMLInputElement} */ (c).disabled, c.getAttribute('aria-disabled')]));
  const toggle = () => page.locator('#a input.toggle[data-input="include_revenue_uplift"]');
  const uplift = () => page.locator('#a output').nth(1);

  test('switching the toggle off disables its dependent fields, says why, and switching it on brings them back', async () => {
    for (const id of UPLIFT_INPUTS) {
      assert.deepEqual(await controlStates(id), [[false, 'false'], [false, 'false']], `${id} applies at first`);
    }
    assert.equal(await field('revenue_uplift').getByText("Applies when 'Count a revenue uplift' is on").isVisible(), false);
    await page.locator('#a input.number[data-input="revenue_uplift"]').fill('2');
    await page.keyboard.press('Tab');
    await toggle().click();
    assert.equal(await uplift().textContent(), '$0');
    for (const id of UPLIFT_INPUTS) {
      assert.deepEqual(await controlStates(id), [[true, 'true'], [true, 'true']], `${id} is off`);
      assert.equal(await field(id).getAttribute('data-inapplicable'), '');
      const why = field(id).getByText("Applies when 'Count a revenue uplift' is on");
      assert.ok(await why.isVisible(), `${id} says why`);
      // The reason is part of the control's description.
      const whyId = await why.getAttribute('id');
      const describedBy = String(await page.locator(`#a input.number[data-input="${id}"]`).getAttribute('aria-describedby')).split(' ');
      assert.ok(describedBy.includes(String(whyId)), `${id}: ${describedBy}`);
    }
    // Dimmed: the field's controls are drawn at half opacity.
    const opacity = await field('revenue_uplift').locator('input.number').evaluate((box) => getComputedStyle(box).opacity);
    assert.equal(opacity, '0.5');
    // Other fields are untouched.
    assert.deepEqual(await controlStates('team_size'), [[false, null], [false, null]]);
    await toggle().click();
    for (const id of UPLIFT_INPUTS) assert.deepEqual(await controlStates(id), [[false, 'false'], [false, 'false']], `${id} is back`);
    assert.equal(await field('revenue_uplift').getAttribute('data-inapplicable'), null);
    // The visitor's entry was kept: 2% of $8,000,000 at a 65% margin.
    assert.equal(await page.locator('#a input.number[data-input="revenue_uplift"]').inputValue(), '2');
    assert.equal(await uplift().textContent(), '$104,000');
  });

  test('a scenario and "Your numbers" set the applicable fields from the engine', async () => {
    await toggle().click();
    assert.deepEqual(await controlStates('gross_margin'), [[true, 'true'], [true, 'true']]);
    // A scenario sets every input it does not name to its default: the toggle is on.
    await page.locator('#a button[data-scenario="expected"]').click();
    assert.equal(await toggle().isChecked(), true);
    assert.deepEqual(await controlStates('gross_margin'), [[false, 'false'], [false, 'false']]);
    await page.locator('#a button[data-scenario=""]').click();
    assert.equal(await toggle().isChecked(), false);
    assert.deepEqual(await controlStates('gross_margin'), [[true, 'true'], [true, 'true']]);
    await toggle().click();
  });

  test('axe-core finds no violation while fields are off', async () => {
    await toggle().click();
    await page.evaluate(fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = /** @type {any} */ (window).axe;
      // The fixture page has no heading of its own; the widget is what is checked.
      const run = await axe.run(document, { resultTypes: ['violations'], rules: { 'page-has-heading-one': { enabled: false } } });
      return run.violations.map((/** @type {any} */ v) => `${v.id}: ${v.help} (${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join('; ')})`);
    });
    assert.deepEqual(violations, []);
    await toggle().click();
  });

  test('the team size slider moves in equal ratios, lands on its bounds and speaks the real value', async () => {
    const slider = page.locator('#a input.slider[data-input="team_size"]');
    const box = page.locator('#a input.number[data-input="team_size"]');
    const spoken = async () => String(await slider.getAttribute('aria-valuetext'));
    assert.equal(await spoken(), '40 people');
    await slider.focus();
    await page.keyboard.press('Home');
    assert.equal(await box.inputValue(), '1');
    assert.equal(await spoken(), '1 people');
    // One arrow step from 1 is the next whole person, never nothing.
    await page.keyboard.press('ArrowRight');
    assert.equal(await box.inputValue(), '2');
    await page.keyboard.press('End');
    assert.equal(await box.inputValue(), '5000');
    assert.equal(await spoken(), '5,000 people');
    // Equal ratios: each arrow step down from 5,000 takes off the same share (about 8%).
    const values = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowLeft');
      values.push(Number(await box.inputValue()));
    }
    const ratios = [5000 / values[0], values[0] / values[1], values[1] / values[2]];
    for (const ratio of ratios) assert.ok(Math.abs(ratio - 5000 ** 0.01) < 0.002, `ratios ${ratios}`);
    // Ten steps (a page) from 5,000 to about 2,133: equal spacing in ratio, not in people.
    await page.keyboard.press('End');
    await page.keyboard.press('PageDown');
    assert.equal(await box.inputValue(), '2133');
    // The number box takes the real value, and the slider follows it.
    await box.fill('250');
    await page.keyboard.press('Tab');
    assert.equal(await spoken(), '250 people');
    assert.equal(await slider.inputValue(), String(Math.round((100 * Math.log(250)) / Math.log(5000))));
  });

  test('no page errors', () => {
    assert.deepEqual(problems, []);
  });
});
