// The widget's engagement clock, delivery and privacy, end to end: the real
// yardstick-serve (collector with an in-memory SQLite store), the real
// widget and engine, Debian's Chromium, and Playwright's fake clock so that
// interaction times are exact.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { events, fixturePage, loadAndPause, metricsWhen, openPage, setVisible, startStack, tinyModel, totals } from './widget-fixtures.mjs';

const IDLE_TIMEOUT_MS = 15_000;

describe('widget engagement', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /**
   * One page with widgets of a fresh model id.
   * @param {string} calcId
   * @param {{ id: string, attributes?: Record<string, string> }[]} widgets
   * @param {() => void} [initScript]
   */
  async function open(calcId, widgets, initScript) {
    const html = fixturePage(widgets.map((w) => ({ id: w.id, attributes: { src: `/fixture-models/${calcId}.json`, collector: '/collect', ...(w.attributes ?? {}) } })));
    const opened = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html }, initScript });
    await loadAndPause(opened.page, `${stack.server.url}fixture/${calcId}.html`, widgets.map((w) => w.id));
    return opened;
  }

  /**
   * Types a value into a widget's first number box (an input event).
   * @param {import('playwright-core').Page} page
   * @param {string} widgetId
   * @param {string} value
   */
  async function type(page, widgetId, value) {
    await page.locator(`#${widgetId} input.number`).first().fill(value);
  }

  test('no input for 60 s gives zero interaction time, while in-view time runs', async () => {
    const { page, problems } = await open('clock-idle', [{ id: 'a' }]);
    const before = await totals(page, 'a');
    await page.clock.runFor(60_000);
    const after = await totals(page, 'a');
    assert.equal(after.interaction_ms, 0);
    assert.equal(after.in_view_ms - before.in_view_ms, 60_000);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('one input then 60 s idle credits exactly the idle timeout', async () => {
    const { page, problems } = await open('clock-one-input', [{ id: 'a' }]);
    await type(page, 'a', '2000');
    await page.clock.runFor(60_000);
    const after = await totals(page, 'a');
    assert.equal(after.interaction_ms, IDLE_TIMEOUT_MS);
    assert.ok(after.interaction_ms <= after.in_view_ms && after.in_view_ms <= after.active_page_ms && after.active_page_ms <= after.wall_ms);
    const names = (await events(page)).map((e) => e.type);
    assert.ok(names.includes('start') && names.includes('result') && names.includes('engaged'), names.join(','));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('changing idle-timeout-ms changes the idle timeout of the page', async () => {
    const { page, problems } = await open('clock-idle-attribute', [{ id: 'a' }]);
    /** @type {string[]} */
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.evaluate(() => document.getElementById('a')?.setAttribute('idle-timeout-ms', '5000'));
    await type(page, 'a', '2000');
    await page.clock.runFor(60_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 5_000);
    // Out of range: the engine refuses it (a warning) and 5 s stays.
    await page.evaluate(() => document.getElementById('a')?.setAttribute('idle-timeout-ms', '90000'));
    await type(page, 'a', '2100');
    await page.clock.runFor(60_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 10_000);
    // Removed: the engine's default again.
    await page.evaluate(() => document.getElementById('a')?.removeAttribute('idle-timeout-ms'));
    await type(page, 'a', '2200');
    await page.clock.runFor(60_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 10_000 + IDLE_TIMEOUT_MS);
    assert.ok(warnings.length === 1 && warnings[0].includes('90000'), warnings.join('\n'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a hidden tab and a blurred window stop the clock', async () => {
    const { page } = await open('clock-hidden', [{ id: 'a' }]);
    await type(page, 'a', '1500');
    await page.clock.runFor(3_000);
    await setVisible(page, false);
    await page.clock.runFor(20_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 3_000);
    await setVisible(page, true);
    await page.clock.runFor(30_000);
    // The last input is older than the idle timeout: nothing more accrues.
    assert.equal((await totals(page, 'a')).interaction_ms, 3_000);

    await type(page, 'a', '1600');
    await page.clock.runFor(2_000);
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.clock.runFor(30_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 5_000);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.clock.runFor(1_000);
    // Back in focus with the last input 33 s old: still nothing.
    assert.equal((await totals(page, 'a')).interaction_ms, 5_000);
    await page.close();
  });

  test('two widgets on one page are attributed separately and never both accrue', async () => {
    const { page } = await open('clock-two', [{ id: 'a' }, { id: 'b' }]);
    await type(page, 'a', '2000');
    await page.clock.runFor(5_000);
    await type(page, 'b', '3000');
    await page.clock.runFor(60_000);
    const a = await totals(page, 'a');
    const b = await totals(page, 'b');
    assert.equal(a.interaction_ms, 5_000);
    assert.equal(b.interaction_ms, IDLE_TIMEOUT_MS);
    assert.ok(a.interaction_ms + b.interaction_ms <= a.active_page_ms);
    const ids = new Set((await events(page)).filter((e) => e.type === 'start').map((e) => e.detail.instance_id));
    assert.equal(ids.size, 2);
    await page.close();
  });

  test('closing the page after interacting delivers the final total to the collector', async () => {
    const { page } = await open('deliver-close', [{ id: 'a' }]);
    await type(page, 'a', '2500');
    await page.clock.runFor(7_000);
    assert.equal((await totals(page, 'a')).interaction_ms, 7_000);
    await page.close({ runBeforeUnload: true });
    const metrics = await metricsWhen(stack.server.url, 'deliver-close', (m) => m.interaction_ms?.total === 7_000);
    assert.equal(metrics.interaction_ms.total, 7_000, JSON.stringify(metrics));
    assert.equal(metrics.views, 1);
    assert.equal(metrics.starts, 1);
  });

  test('a collector answering 500 three times still ends with the total counted once', async () => {
    const calcId = 'deliver-retry';
    const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json`, collector: '/collect' } }]);
    const { page } = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html } });
    let failures = 0;
    let posts = 0;
    await page.route(`${stack.server.url}collect`, async (route) => {
      posts += 1;
      if (failures < 3) {
        failures += 1;
        await route.fulfill({ status: 500, body: 'collector down' });
      } else {
        await route.continue();
      }
    });
    await loadAndPause(page, `${stack.server.url}fixture/${calcId}.html`, ['a']);
    await type(page, 'a', '2000');
    await page.clock.runFor(8_000);
    await setVisible(page, false);
    // Backoff with jitter: a few minutes of fake time cover every retry.
    for (let i = 0; i < 10; i += 1) await page.clock.runFor(30_000);
    const metrics = await metricsWhen(stack.server.url, calcId, (m) => m.interaction_ms?.total === 8_000);
    assert.equal(failures, 3);
    assert.ok(posts > 3, `only ${posts} posts`);
    assert.equal(metrics.interaction_ms.total, 8_000, JSON.stringify(metrics));
    assert.equal(metrics.views, 1);
    assert.equal(metrics.starts, 1);
    await page.close();
  });

  test('the same batch sent twice is counted once', async () => {
    const batch = {
      schema: 'yardstick/events@1',
      events: [
        {
          event_id: '0b6a2f44-3c1d-4e8a-9d2b-7f1e5c4a3b21',
          name: 'calc_view',
          sequence: 0,
          page_view_id: '5d0c9a8e-1f2b-4c3d-8e7f-6a5b4c3d2e1f',
          instance_id: 'w1',
          calc_id: 'dedupe',
          calc_version: '1.0.0',
          occurred_at_ms: 1_795_000_000_000,
          page_time_ms: 120,
          consent: 'unknown',
          totals: { interaction_ms: 0, in_view_ms: 0, active_page_ms: 120, wall_ms: 120 },
        },
      ],
    };
    const post = () => fetch(`${stack.server.url}collect`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(batch) });
    const first = await post();
    const second = await post();
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { accepted: 0, duplicates: 1 });
    const metrics = await metricsWhen(stack.server.url, 'dedupe', (m) => m.views === 1);
    assert.equal(metrics.views, 1);
  });

  test('with Global Privacy Control the widget writes nothing to storage and sends no visitor id', async () => {
    const gpc = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
    const { page, problems } = await open('privacy-gpc', [{ id: 'a', attributes: { consent: 'granted' } }], gpc);
    await type(page, 'a', '2000');
    await page.clock.runFor(12_000);
    await setVisible(page, false);
    await page.clock.runFor(1_000);
    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    assert.deepEqual(storage, { local: 0, session: 0, cookie: '' });
    const sent = (await events(page)).filter((e) => e.detail?.event_id);
    assert.ok(sent.length >= 4);
    for (const event of sent) {
      assert.equal(event.detail.consent, 'denied');
      assert.equal(event.detail.visitor_id, undefined);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('with consent granted (and no GPC) the visitor id and outbox may be stored', async () => {
    const { page } = await open('privacy-granted', [{ id: 'a', attributes: { consent: 'granted' } }]);
    await type(page, 'a', '2000');
    const stored = await page.evaluate(() => localStorage.getItem('yardstick:visitor'));
    assert.match(String(stored), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const sent = (await events(page)).filter((e) => e.detail?.event_id);
    assert.ok(sent.every((e) => e.detail.visitor_id === stored && e.detail.consent === 'granted'));
    await page.close();
  });

  test('the dataLayer receives one push per milestone, with valid names and parameters', async () => {
    const { page } = await open('datalayer', [{ id: 'a' }], () => {
      /** @type {any} */ (window).dataLayer = [];
    });
    await type(page, 'a', '2000');
    await page.locator('#a input.number').first().dispatchEvent('change');
    await page.clock.runFor(20_000);
    await page.evaluate(() => /** @type {any} */ (document.getElementById('a')).reportLead());
    await setVisible(page, false);
    const pushes = await page.evaluate(() => /** @type {any} */ (window).dataLayer.filter((p) => String(p.event).startsWith('calc_')));
    const domEvents = (await events(page)).filter((e) => e.detail?.event_id);
    assert.equal(pushes.length, domEvents.length);
    const names = pushes.map((p) => p.event);
    for (const name of ['calc_view', 'calc_start', 'calc_step', 'calc_result', 'calc_lead', 'calc_engaged', 'calc_engagement']) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(',')}`);
    }
    for (const name of ['calc_view', 'calc_start', 'calc_step', 'calc_result', 'calc_engaged']) {
      assert.equal(names.filter((n) => n === name).length, 1, `${name} pushed more than once`);
    }
    const reserved = /^(google_|ga_|firebase_)|^(engagement_time_msec|session_id|session_number|page_location|page_referrer|page_title|user_id|client_id|gclid|dclid|srsltid|_)$/;
    for (const push of pushes) {
      const keys = Object.keys(push).filter((k) => k !== 'event');
      assert.ok(keys.length <= 25, `${keys.length} parameters`);
      assert.ok(String(push.event).length <= 40);
      for (const key of keys) {
        assert.match(key, /^[A-Za-z][A-Za-z0-9_]{0,39}$/);
        assert.doesNotMatch(key, reserved);
      }
    }
    await page.close();
  });
});
