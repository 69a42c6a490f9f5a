// The widget's engagement tracker loads after its first result: on a page
// without the page snippet, the widget shows its numbers with the model
// engine alone, then loads the snippet's engine (`pkg-page/`) for its
// Tracker. What happens meanwhile is held with its time and delivered once
// the tracker is there, exactly as it would have been; a tracker that
// cannot load costs the visitor nothing. Real server, real engine,
// Debian's Chromium; the tracker's wasm is held back or refused with
// Playwright routes.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './harness.mjs';
import { events, fixturePage, openPage, startStack, STEP_TIMEOUT_MS, tinyModel, totals } from './widget-fixtures.mjs';

const TRACKER_WASM = '**/pkg-page/yardstick_bg.wasm';
const TRACKER_GLUE = '/pkg-page/yardstick.js';
/** How long test (b) holds the tracker's wasm back. */
const TRACKER_DELAY_MS = 3_000;

/** @returns {{ promise: Promise<void>, resolve: () => void }} */
function gate() {
  /** @type {() => void} */
  let resolve = () => {};
  const promise = new Promise((done) => {
    resolve = () => done(undefined);
  });
  return { promise, resolve };
}

describe('the widget loads its engagement tracker after its first result', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /**
   * A widget-only page (no snippet) of a fresh model id, with the fake clock.
   * @param {string} calcId
   */
  async function open(calcId) {
    const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json` } }]);
    const opened = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html } });
    return { ...opened, url: `${stack.server.url}fixture/${calcId}.html` };
  }

  test('a view and an input before the tracker loaded are delivered with their own times, in order', async () => {
    const { page, problems, url } = await open('deferred-replay');
    const held = gate();
    await page.route(TRACKER_WASM, async (route) => {
      await held.promise;
      await route.continue();
    });
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
    // Time stands still from here; the facts below carry these instants.
    await page.clock.pauseAt(new Date('2026-11-22T10:01:00Z'));
    const inputMs = await page.evaluate(() => performance.now());
    await page.locator('#a input.number').first().fill('2000');
    await page.clock.runFor(3_000);
    const heldUntilMs = await page.evaluate(() => performance.now());
    // The tracker is still waiting for its wasm: nothing was delivered yet.
    assert.equal(await page.evaluate(() => /** @type {any} */ (document.getElementById('a')).instanceId), null);
    assert.deepEqual((await events(page)).map((e) => e.type), ['ready']);

    held.resolve();
    await page.waitForFunction(() => /** @type {any} */ (document.getElementById('a')).instanceId !== null);
    const delivered = (await events(page)).filter((e) => e.type !== 'ready').map((e) => e.detail);
    const names = delivered.map((e) => e.name);
    assert.deepEqual(names.slice(0, 3), ['calc_view', 'calc_start', 'calc_result'], names.join(','));
    assert.deepEqual(
      delivered.map((e) => e.sequence),
      delivered.map((_, index) => index),
    );
    const [view, start, result] = delivered;
    // Each at the instant its fact happened, not when the tracker ran it
    // (`heldUntilMs`): the view on the first intersection, before the
    // pause; the start at the input; the result once settled (2 s later).
    assert.ok(view.page_time_ms < inputMs, `view at ${view.page_time_ms} ms, input at ${inputMs} ms`);
    assert.equal(start.page_time_ms, inputMs);
    assert.equal(result.page_time_ms, inputMs + 2_000);
    assert.ok(delivered.every((e) => e.page_time_ms <= heldUntilMs));
    // The clock ran from the input on as if the tracker had been there.
    assert.equal((await totals(page, 'a')).interaction_ms, heldUntilMs - inputMs);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the first result is on screen before the tracker is even requested', async () => {
    const calcId = 'deferred-first-result';
    // A browser of its own: the shared one's fake clock would hold back
    // the animation frame the tracker's load waits for.
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      /** @type {string[]} */
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json` } }]);
      await page.route(`${stack.server.url}fixture/${calcId}.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
      await page.route(`${stack.server.url}fixture-models/${calcId}.json`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(tinyModel(calcId)) }));
      await page.route(TRACKER_WASM, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, TRACKER_DELAY_MS));
        await route.continue();
      });
      await page.addInitScript(() => {
        document.addEventListener('yardstick:ready', () => {
          /** @type {any} */ (window).__firstResultMs = performance.now();
        });
      });
      await page.goto(`${stack.server.url}fixture/${calcId}.html`);
      await page.waitForFunction(() => /** @type {any} */ (window).__firstResultMs !== undefined);
      assert.match((await page.locator('#a [data-output="net"] output').textContent()) ?? '', /\d/);
      await page.waitForFunction(() => /** @type {any} */ (document.getElementById('a')).instanceId !== null, undefined, { timeout: STEP_TIMEOUT_MS + TRACKER_DELAY_MS });
      const timing = await page.evaluate(() => {
        const entries = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
        const find = (/** @type {string} */ suffix) => entries.find((e) => new URL(e.name).pathname.endsWith(suffix));
        const glue = find('/pkg-page/yardstick.js');
        const wasm = find('/pkg-page/yardstick_bg.wasm');
        return { firstResultMs: /** @type {any} */ (window).__firstResultMs, glueStartMs: glue?.startTime, wasmStartMs: wasm?.startTime, wasmEndMs: wasm?.responseEnd };
      });
      assert.ok(timing.glueStartMs !== undefined && timing.wasmStartMs !== undefined && timing.wasmEndMs !== undefined, JSON.stringify(timing));
      assert.ok(timing.glueStartMs > timing.firstResultMs, JSON.stringify(timing));
      assert.ok(timing.wasmStartMs > timing.firstResultMs, JSON.stringify(timing));
      assert.ok(timing.wasmEndMs - timing.firstResultMs >= TRACKER_DELAY_MS, JSON.stringify(timing));
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('a tracker that cannot load leaves the calculator working and the page without errors', async () => {
    const { page, problems, url } = await open('deferred-refused');
    /** @type {string[]} */
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.route(TRACKER_WASM, (route) => route.abort());
    const warned = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('yardstick: engagement tracking is off') });
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
    const output = page.locator('#a [data-output="net"] output');
    const shown = await output.textContent();
    await page.locator('#a input.number').first().fill('2000');
    await page.waitForFunction((before) => document.querySelector('#a')?.shadowRoot?.querySelector('[data-output="net"] output')?.textContent !== before, shown);
    await page.clock.runFor(5_000);
    await warned;
    // Time for a second note, if there were one.
    await page.clock.runFor(5_000);
    assert.equal(await page.evaluate(() => /** @type {any} */ (document.getElementById('a')).instanceId), null);
    assert.equal(await page.evaluate(() => /** @type {any} */ (document.getElementById('a')).totals()), null);
    assert.deepEqual((await events(page)).map((e) => e.type), ['ready']);
    const offNotes = warnings.filter((text) => text.startsWith('yardstick: engagement tracking is off'));
    assert.equal(offNotes.length, 1, warnings.join('\n'));
    // The browser's own note of the refused request is the only console error.
    assert.deepEqual(
      problems.filter((text) => !text.includes('Failed to load resource')),
      [],
    );
    // Nothing shown to the visitor about it.
    assert.equal(await page.locator('#a [role="alert"]').count(), 0);
    await page.close();
  });

  test('on a page with the snippet, the widget joins its tracker and loads no engine of its own', async () => {
    const calcId = 'deferred-snippet';
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snippet and widget</title>
<script type="module" src="/pkg-page/yardstick-page.min.js" data-collector="/collect"></script>
<script type="module" src="/pkg-widget/yardstick-widget.min.js"></script></head>
<body><yardstick-calculator id="a" src="/fixture-models/${calcId}.json"></yardstick-calculator></body></html>`;
    const { page, problems } = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html } });
    /** @type {string[]} */
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${stack.server.url}fixture/${calcId}.html`);
    await page.waitForFunction(() => /** @type {any} */ (document.getElementById('a')).instanceId !== null);
    await page.clock.runFor(2_000);
    const pageViewIds = await page.evaluate(() => {
      const host = /** @type {any} */ (globalThis)[Symbol.for('yardstick.page')];
      return { page: host.tracker.pageViewId, widget: /** @type {any} */ (window).__yardstickEvents.find((e) => e.type === 'view')?.detail.page_view_id };
    });
    assert.equal(pageViewIds.widget, pageViewIds.page);
    assert.ok(!requested.includes(TRACKER_GLUE), requested.join('\n'));
    assert.equal(requested.filter((p) => p === '/pkg-page/yardstick_bg.wasm').length, 1, requested.join('\n'));
    assert.deepEqual(problems, []);
    await page.close();
  });
});
