// The results a visitor is editing for stay readable and in sight:
// - a huge entry in an input without a maximum (1e300) gives results that
//   fit their boxes (compact, then scientific notation), never a 300-digit
//   line spilling out of the widget;
// - on a wide layout the results column stays in view while the visitor
//   edits the last inputs (sticky); on a phone, where the results come after
//   every input, a compact bar at the foot of the screen shows the headline
//   result as it changes.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixturePage, openPage, startStack } from './widget-fixtures.mjs';

/** Many inputs, one without a maximum, so the results sit far above the last ones. */
function tallModel() {
  const inputs = Array.from({ length: 14 }, (_, index) => ({ id: `cost_${index}`, label: `Cost line ${index + 1}`, kind: 'currency', default: 100, min: 0, max: 10000, help: 'A yearly cost the platform removes.' }));
  inputs.push({ id: 'revenue', label: 'Current annual revenue', kind: 'currency', default: 1000000, min: 0, help: 'No maximum: the visitor may type anything.' });
  return {
    schema: 'yardstick/model@1',
    id: 'layout-tall',
    version: '1.0.0',
    title: 'Tall case',
    currency: 'USD',
    inputs,
    outputs: [
      { id: 'saving', label: 'Yearly saving', formula: inputs.slice(0, 14).map((i) => i.id).join(' + '), format: { style: 'currency' } },
      { id: 'share', label: 'Saving as a share of revenue', formula: 'saving / revenue', format: { style: 'percent', decimals: 1 } },
      { id: 'scaled', label: 'Revenue at stake', formula: 'revenue * 3', format: { style: 'currency' } },
    ],
  };
}

describe('results stay readable and in sight', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** @param {number} width */
  async function open(width) {
    const { page, problems } = await openPage(stack.browser.context, stack.server.url, {
      models: { 'tall.json': tallModel() },
      pages: { 'tall.html': fixturePage([{ id: 'w', attributes: { src: '/fixture-models/tall.json' } }]) },
    });
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${stack.server.url}fixture/tall.html`);
    await page.locator('#w [data-output="saving"] output').waitFor();
    return { page, problems };
  }

  test('a 1e300 entry in an unbounded input gives results that fit their boxes', async () => {
    const { page, problems } = await open(1200);
    const revenue = page.locator('#w input.number[data-input="revenue"]');
    await revenue.fill('1e300');
    await page.waitForFunction(() => document.getElementById('w')?.shadowRoot?.querySelector('[data-output="scaled"] output')?.textContent === '$3E300');
    const boxes = await page.locator('#w output.output-value').evaluateAll((outputs) =>
      outputs.map((o) => {
        const box = /** @type {HTMLElement} */ (o.closest('.outputs'));
        return { text: o.textContent ?? '', right: o.getBoundingClientRect().right, limit: box.getBoundingClientRect().right, scroll: box.scrollWidth - box.clientWidth };
      }),
    );
    for (const box of boxes) {
      assert.ok(box.text.length <= 16, `${box.text} is at most 16 characters`);
      assert.ok(box.right <= box.limit + 0.5 && box.scroll <= 0, `${box.text} fits: ${JSON.stringify(box)}`);
    }
    assert.equal(await page.locator('#w [data-output="share"] output').textContent(), '0.0%');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('on a wide layout the results stay in view while the last inputs are edited', async () => {
    const { page, problems } = await open(1200);
    const last = page.locator('#w input.number[data-input="cost_13"]');
    await last.scrollIntoViewIfNeeded();
    await last.fill('250');
    await page.waitForFunction(() => document.getElementById('w')?.shadowRoot?.querySelector('[data-output="saving"] output')?.textContent === '$1,550');
    const results = await page.locator('#w .outputs').evaluate((o) => {
      const rect = o.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: innerHeight };
    });
    assert.ok(results.top >= 0 && results.top < results.height / 2, `results in view: ${JSON.stringify(results)}`);
    assert.equal(await page.locator('#w .result-bar').isVisible(), false, 'no bar where the results are beside the inputs');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('on a phone a bar at the foot of the screen shows the headline result as it changes', async () => {
    const { page, problems } = await open(390);
    const field = page.locator('#w input.number[data-input="cost_6"]');
    await field.scrollIntoViewIfNeeded();
    const results = await page.locator('#w .outputs').evaluate((o) => o.getBoundingClientRect().top);
    assert.ok(results > 800, `the results are below the screen (${results} px)`);
    await field.fill('1100');
    const bar = page.locator('#w .result-bar');
    await page.waitForFunction(() => document.getElementById('w')?.shadowRoot?.querySelector('.result-bar strong')?.textContent === '$2,400');
    assert.ok(await bar.isVisible());
    const rect = await bar.evaluate((b) => ({ top: b.getBoundingClientRect().top, bottom: b.getBoundingClientRect().bottom, height: innerHeight }));
    assert.ok(rect.bottom <= rect.height + 0.5 && rect.top > rect.height / 2, `the bar is at the foot of the screen: ${JSON.stringify(rect)}`);
    assert.match(String(await bar.textContent()), /Yearly saving\s*\$2,400/);
    assert.equal(await bar.getAttribute('aria-hidden'), 'true');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
