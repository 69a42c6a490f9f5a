// A rejected entry never drives the results (issue 11, defect 1). Typing
// `60` into a field whose maximum is 52 passes through `6`, a valid value
// the visitor never meant: the results must go back to the field's settled
// value, say in words that they are held there, and the slider must not
// move; a valid entry then updates them. Each case is typed key by key, as
// a visitor types, into the SaaS ROI example on the real server and engine.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixturePage, openPage, startStack, STEP_TIMEOUT_MS } from './widget-fixtures.mjs';

/** @typedef {import('playwright-core').Page} Page */

/**
 * Every result's text, by output id, with its note when one is shown (a
 * note left over from a keystroke on the way, such as `1`% on the way to
 * `150`%, would be a result the visitor did not enter).
 * @param {Page} page
 */
function results(page) {
  return page.locator('#a [data-output]').evaluateAll((rows) =>
    rows.map((row) => {
      const note = /** @type {HTMLElement | null} */ (row.querySelector('.output-note'));
      const shown = note && note.checkVisibility() ? ` (${note.textContent})` : '';
      return `${row.getAttribute('data-output')}=${row.querySelector('output')?.textContent}${shown}`;
    }),
  );
}

/** @param {Page} page @param {string} id */
const box = (page, id) => page.locator(`#a input.number[data-input="${id}"]`);
/** @param {Page} page @param {string} id */
const slider = (page, id) => page.locator(`#a input.slider[data-input="${id}"]`);
/**
 * What a slider stands for: its value, or on a log-scale slider (team size)
 * the value it speaks.
 * @param {Page} page
 * @param {string} id
 */
const sliderShows = async (page, id) => (id === 'team_size' ? await slider(page, id).getAttribute('aria-valuetext') : await slider(page, id).inputValue());
/** @param {Page} page */
const heldStatus = (page) => page.locator('#a p.held[role="status"]');

/**
 * Replaces a box's text by typing `text` one key at a time.
 * @param {Page} page
 * @param {string} id
 * @param {string} text
 */
async function typeInto(page, id, text) {
  await box(page, id).selectText();
  await page.keyboard.type(text);
}

/**
 * The cases of the issue: the field, the settled value typed first (and
 * committed with Tab), the invalid text, the slider's value while it is
 * held (on a log-scale slider, whose positions are ratios, the value it
 * speaks), a valid entry that must then update the results, and (where the
 * engine refuses the value) the message beside the field, in the input's
 * words (issue 11, defect 2).
 */
const CASES = [
  { field: 'working_weeks_per_year', label: 'Working weeks per year', settle: '48', invalid: '60', sliderHeld: '48', valid: '40', message: 'Working weeks per year must be at most 52 weeks' },
  { field: 'productive_share', label: 'Share of saved time put to productive use', settle: '50', invalid: '150', sliderHeld: '0.5', valid: '70', message: 'Share of saved time put to productive use must be at most 100%' },
  { field: 'team_size', label: 'People who will use the platform', settle: '30', invalid: '12.5', sliderHeld: '30 people', valid: '12', message: 'People who will use the platform must be a whole number' },
  { field: 'hours_saved_per_week', label: 'Hours saved per person per week', settle: '4', invalid: '2,5', sliderHeld: '4', valid: '2.5' },
  { field: 'team_size', label: 'People who will use the platform', settle: '30', invalid: '12345678901234567890', sliderHeld: '30 people', valid: '1234' },
  { field: 'current_annual_revenue', label: 'Current annual revenue', settle: '9000000', invalid: '12345678901234567890', sliderHeld: null, valid: '123456789' },
];

describe('a rejected entry never drives the results', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {Page} */
  let page;
  /** @type {string[]} */
  let problems;
  before(async () => {
    stack = await startStack();
    const html = fixturePage([{ id: 'a', attributes: { src: '/models/saas-roi.json', locale: 'en-US' } }]);
    ({ page, problems } = await openPage(stack.browser.context, stack.server.url, { pages: { 'entries.html': html } }));
    await page.goto(`${stack.server.url}fixture/entries.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((/** @type {any} */ e) => e.type === 'ready'), null, { timeout: STEP_TIMEOUT_MS });
  });
  after(async () => {
    await page?.close();
    await stack?.stop();
  });

  for (const c of CASES) {
    test(`${c.label}: "${c.invalid}" holds the results at ${c.settle}`, async () => {
      await typeInto(page, c.field, c.settle);
      await page.keyboard.press('Tab');
      const settled = await results(page);
      assert.equal(await heldStatus(page).textContent(), '');

      await typeInto(page, c.field, c.invalid);
      assert.equal(await box(page, c.field).inputValue(), c.invalid, 'the box keeps what the visitor typed');
      assert.deepEqual(await results(page), settled, 'the results are still those of the settled value');
      const status = (await heldStatus(page).textContent()) ?? '';
      assert.match(status, /held/i);
      assert.ok(status.includes(c.label), `the status names the field: ${status}`);
      assert.ok(await heldStatus(page).isVisible(), 'the held status is shown');
      assert.equal(await box(page, c.field).getAttribute('aria-invalid'), 'true');
      if (c.message) assert.equal(await page.locator(`#a .field:has(input[data-input="${c.field}"]) .field-error`).textContent(), c.message);
      if (c.sliderHeld !== null) assert.equal(await sliderShows(page, c.field), c.sliderHeld, 'the slider stays at the settled value');
      // Leaving the field does not commit the invalid entry either.
      await page.keyboard.press('Tab');
      assert.deepEqual(await results(page), settled);
      assert.equal(await box(page, c.field).inputValue(), c.invalid);

      await typeInto(page, c.field, c.valid);
      assert.notDeepEqual(await results(page), settled, 'a valid entry updates the results');
      assert.equal(await heldStatus(page).textContent(), '');
      assert.equal(await box(page, c.field).getAttribute('aria-invalid'), null);
      if (c.sliderHeld !== null) {
        const expected = c.field === 'productive_share' ? String(Number(c.valid) / 100) : c.field === 'team_size' ? `${Number(c.valid).toLocaleString('en-US')} people` : c.valid;
        assert.equal(await sliderShows(page, c.field), expected, 'the slider follows a valid entry');
      }
      await page.keyboard.press('Tab');
    });
  }

  test('no page errors', () => {
    assert.deepEqual(problems, []);
  });
});
