// Shared set-up for the widget's browser tests: a small model and fixture
// pages served through Playwright routes on the real server's origin (so
// the widget, the engine and the collector are the real ones), a fake clock
// for exact interaction times, and helpers to read totals and events.

import { launchBrowser, startServer } from './harness.mjs';

/** Every Playwright wait is bounded by this. */
export const STEP_TIMEOUT_MS = 15_000;

/**
 * A two-input model, short enough that two widgets fit in the viewport.
 * @param {string} id the model id (each test uses its own, so collector metrics don't mix)
 */
export function tinyModel(id) {
  return {
    schema: 'yardstick/model@1',
    id,
    version: '1.0.0',
    title: 'Tiny case',
    currency: 'USD',
    horizon: { periods: 3, unit: 'year' },
    inputs: [
      { id: 'investment', label: 'Investment', kind: 'currency', default: 1000, min: 0, max: 5000, step: 100 },
      { id: 'yearly_benefit', label: 'Yearly benefit', kind: 'currency', default: 500, min: 0, max: 2000, step: 50 },
    ],
    calculations: [{ id: 'net_cash_flow', per_period: true, formula: 'IF(period = 0, -investment, yearly_benefit)' }],
    outputs: [{ id: 'net', label: 'Net benefit', formula: 'SUM(net_cash_flow)', format: { style: 'currency' } }],
    scenarios: [
      { id: 'low', label: 'Low', inputs: { yearly_benefit: 300 } },
      { id: 'high', label: 'High', inputs: { yearly_benefit: 900 } },
    ],
  };
}

/**
 * A fixture page on the server's origin holding the given widgets.
 * @param {{ id: string, attributes: Record<string, string> }[]} widgets
 */
export function fixturePage(widgets) {
  const escape = (/** @type {string} */ text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const elements = widgets
    .map((w) => `<yardstick-calculator id="${w.id}" ${Object.entries(w.attributes).map(([k, v]) => `${k}="${escape(v)}"`).join(' ')}></yardstick-calculator>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widget fixture</title>
<script type="module" src="/pkg-widget/yardstick-widget.min.js"></script></head>
<body style="margin:0"><main>${elements}</main></body></html>`;
}

/**
 * Starts the server (in-memory event store) and Chromium.
 */
export async function startStack() {
  const server = await startServer(['--db', ':memory:']);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * A new page with the fixture routes, a running fake clock, and a log of
 * every `yardstick:*` event and problem.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} baseUrl
 * @param {{ models?: Record<string, object>, pages?: Record<string, string>, initScript?: () => void }} options
 */
export async function openPage(context, baseUrl, options) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  if (process.env.YARDSTICK_E2E_DEBUG) page.on('console', (m) => console.error('[page]', m.type(), m.text()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  for (const [name, model] of Object.entries(options.models ?? {})) {
    await page.route(`${baseUrl}fixture-models/${name}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(model) }));
  }
  for (const [name, html] of Object.entries(options.pages ?? {})) {
    await page.route(`${baseUrl}fixture/${name}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  }
  await page.addInitScript(() => {
    const log = /** @type {{ type: string, detail: any }[]} */ ([]);
    Object.defineProperty(window, '__yardstickEvents', { value: log });
    for (const type of ['view', 'start', 'step', 'result', 'lead', 'engaged', 'engagement', 'ready', 'error']) {
      document.addEventListener(`yardstick:${type}`, (event) => log.push({ type, detail: /** @type {CustomEvent} */ (event).detail }));
    }
  });
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.clock.install({ time: new Date('2026-11-22T10:00:00Z') });
  // The browser's clock is shared by its pages, and an earlier test may
  // have paused it: time runs while this page loads (the widget loads its
  // tracker after a painted frame), until `loadAndPause` stops it.
  await page.clock.resume();
  return { page, problems };
}

/**
 * Navigates, waits until every widget is ready and in view, then pauses
 * the fake clock so that from here on time moves only when the test says.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {string[]} widgetIds
 */
export async function loadAndPause(page, url, widgetIds) {
  await page.goto(url);
  for (const id of widgetIds) {
    await page.waitForFunction((wid) => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready' && document.getElementById(wid)?.totals?.()), id);
  }
  // Let the IntersectionObserver report, then freeze time at a round instant.
  await page.waitForFunction((ids) => ids.every((wid) => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'view' && e.detail.instance_id === /** @type {any} */ (document.getElementById(wid))?.instanceId)), widgetIds).catch(() => {});
  await page.clock.pauseAt(new Date('2026-11-22T10:01:00Z'));
}

/**
 * A widget's totals now.
 * @param {import('playwright-core').Page} page
 * @param {string} id
 * @returns {Promise<{ interaction_ms: number, in_view_ms: number, active_page_ms: number, wall_ms: number }>}
 */
export function totals(page, id) {
  return page.evaluate((wid) => /** @type {any} */ (document.getElementById(wid)).totals(), id);
}

/**
 * The `yardstick:*` events seen so far.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ type: string, detail: any }[]>}
 */
export function events(page) {
  return page.evaluate(() => /** @type {any} */ (window).__yardstickEvents.map((e) => ({ type: e.type, detail: e.detail })));
}

/**
 * Simulates the page being hidden or shown (Playwright keeps pages visible).
 * @param {import('playwright-core').Page} page
 * @param {boolean} visible
 */
export async function setVisible(page, visible) {
  await page.evaluate((isVisible) => {
    Object.defineProperty(document, 'visibilityState', { value: isVisible ? 'visible' : 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: !isVisible, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/**
 * The collector's metrics for one calculator, polled until `ready` says yes
 * (deliveries are asynchronous) or the time is up.
 * @param {string} baseUrl
 * @param {string} calcId
 * @param {(metrics: any) => boolean} ready
 */
export async function metricsWhen(baseUrl, calcId, ready) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last = null;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}api/engagement?calc_id=${encodeURIComponent(calcId)}`);
    last = await response.json();
    if (ready(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}
