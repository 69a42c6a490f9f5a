// The page snippet end to end (docs/engagement.md, "The page snippet"): the
// real yardstick-serve (collector, in-memory SQLite), the real snippet and
// widget bundles, Debian's Chromium and Playwright's fake clock. A scripted
// set of visits (with and without consent, under Global Privacy Control,
// one using a calculator and sending a lead, one returning the next day)
// must give exactly the Develop funnel `GET /api/funnel` answers.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { STEP_TIMEOUT_MS, tinyModel } from './widget-fixtures.mjs';

const IDLE_TIMEOUT_MS = 15_000;
const DAY_1 = '2026-11-22';
const DAY_2 = '2026-11-23';
const SECRET = 'ann%40corp.example';
/** Bounds every wait (never a timed assertion): generous, since the machine may be busy. */
const WAIT_MS = 4 * STEP_TIMEOUT_MS;

/**
 * A fixture page: the snippet (with its consent, if any), a PDF link, an
 * outbound link, a video and enough height to scroll; clicks never navigate.
 * @param {{ consent?: string, widget?: boolean, widgetFirst?: boolean }} options
 */
function fixtureHtml({ consent, widget = false, widgetFirst = false }) {
  const consentAttribute = consent ? ` data-consent="${consent}"` : '';
  const widgetHtml = widget
    ? `<script type="module" src="/pkg-widget/yardstick-widget.min.js"></script>
<yardstick-calculator id="calc" src="/fixture-models/page-calc.json" collector="/collect" consent="granted"></yardstick-calculator>`
    : '';
  const snippet = `<script type="module" src="/pkg-page/yardstick-page.min.js" data-collector="/collect"${consentAttribute}></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page fixture</title>
${widgetFirst ? '' : snippet}</head>
<body style="margin:0">${widgetHtml}${widgetFirst ? snippet : ''}
<p><a id="pdf" href="/files/Guide.PDF?email=${SECRET}#page=2">The guide</a>
<a id="out" href="https://partner.example/welcome?ref=${SECRET}">Partner</a></p>
<video id="demo" muted preload="none" src="/media/demo.webm?token=${SECRET}"></video>
<div style="height:4000px"></div>
<script>document.addEventListener('click', (event) => event.preventDefault());</script>
</body></html>`;
}

/**
 * A page of `browser` at fake time `isoTime`, logging the page events and
 * the widget's events, with the fixture routes.
 * @param {{ context: import('playwright-core').BrowserContext }} browser
 * @param {{ html: string, isoTime: string, gpc?: boolean }} options
 */
async function openFixture(browser, { html, isoTime, gpc = false }) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.route((url) => url.pathname === '/fixture/page.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route((url) => url.pathname === '/fixture-models/page-calc.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(tinyModel('page-calc')) }));
  await page.addInitScript((isGpc) => {
    const log = /** @type {{ page: any[], calc: any[] }} */ ({ page: [], calc: [] });
    Object.defineProperty(window, '__log', { value: log });
    document.addEventListener('yardstick:page', (event) => log.page.push(/** @type {CustomEvent} */ (event).detail));
    for (const type of ['view', 'start', 'lead', 'engagement', 'result', 'engaged', 'step']) {
      document.addEventListener(`yardstick:${type}`, (event) => log.calc.push(/** @type {CustomEvent} */ (event).detail));
    }
    if (isGpc) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
  }, gpc);
  await page.clock.install({ time: new Date(isoTime) });
  return { page, problems };
}

/**
 * Navigates with a referrer and the campaign (and a secret) in the query,
 * then waits for the `page_view`.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 */
async function visit(page, baseUrl) {
  await page.goto(`${baseUrl}fixture/page.html?utm_source=news&utm_campaign=spring&email=${SECRET}&utm_term=${SECRET}`, { referer: `https://search.example/?q=${SECRET}` });
  await page.waitForFunction(() => /** @type {any} */ (window).__log.page.some((/** @type {any} */ e) => e.name === 'page_view'));
}

/** @param {import('playwright-core').Page} page @returns {Promise<any[]>} */
const pageEvents = (page) => page.evaluate(() => /** @type {any} */ (window).__log.page);
/** @param {import('playwright-core').Page} page @returns {Promise<any>} */
const pageTotals = (page) => page.evaluate(() => /** @type {any} */ (globalThis)[Symbol.for('yardstick.page')].pageTotals());
/** @param {import('playwright-core').Page} page */
const yardstickKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('yardstick:')).sort());

/**
 * The page leaves: `pagehide` flushes and beacons; the last page event is
 * then `page_engagement` (or nothing changed).
 * @param {import('playwright-core').Page} page
 */
async function leave(page) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
}

describe('the page snippet', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  before(async () => {
    server = await startServer(['--db', ':memory:']);
  });
  after(async () => {
    await server?.stop();
  });

  /** The funnel over both days, polled until `ready` (deliveries are asynchronous). @param {(f: any) => boolean} ready */
  async function funnelWhen(ready) {
    const deadline = Date.now() + WAIT_MS;
    let last = null;
    while (Date.now() < deadline) {
      last = await (await fetch(`${server.url}api/funnel?from=${DAY_1}&to=${DAY_2}`)).json();
      if (ready(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return last;
  }

  test('a scripted set of visits gives the exact funnel', async () => {
    // Visitor A, consent granted: download, video, scrolling, engaged time;
    // the next day, the same profile returns.
    let a = await launchBrowser({ keepProfile: true });
    try {
      const { page, problems } = await openFixture(a, { html: fixtureHtml({ consent: 'granted' }), isoTime: `${DAY_1}T10:00:00Z` });
      await visit(page, server.url);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForFunction(() => /** @type {any} */ (globalThis)[Symbol.for('yardstick.page')].pageTotals().scroll_percent === 100);
      await page.click('#pdf');
      await page.evaluate(() => document.getElementById('demo')?.dispatchEvent(new Event('play')));
      await page.waitForFunction(() => /** @type {any} */ (window).__log.page.some((/** @type {any} */ e) => e.name === 'page_video'));
      // Engaged time: once idle, one key press credits exactly the idle timeout.
      await page.clock.pauseAt(new Date(`${DAY_1}T10:05:00Z`));
      await page.clock.runFor(60_000);
      const idle = (await pageTotals(page)).engaged_ms;
      await page.keyboard.press('Shift');
      await page.clock.runFor(60_000);
      const engaged = (await pageTotals(page)).engaged_ms;
      assert.equal(engaged - idle, IDLE_TIMEOUT_MS);
      await leave(page);
      const events = await pageEvents(page);
      assert.deepEqual(events.map((e) => e.name), ['page_view', 'page_download', 'page_video', 'page_engagement']);
      const [view, download, video, engagement] = events;
      assert.deepEqual(view.page, { path: '/fixture/page.html', referrer_host: 'search.example', utm_source: 'news', utm_campaign: 'spring' });
      assert.equal(view.returning, false);
      assert.ok(view.visitor_id);
      assert.deepEqual(download.target, { path: '/files/Guide.PDF', extension: 'pdf' });
      assert.deepEqual(video.target, { source: '/media/demo.webm' });
      assert.equal(engagement.totals.engaged_ms, engaged);
      assert.equal(engagement.totals.scroll_percent, 100);
      assert.deepEqual(events.map((e) => e.sequence), [0, 1, 2, 3]);
      // No query string, and so no e-mail address, ever leaves the page.
      assert.ok(!JSON.stringify(events).includes('corp.example'), JSON.stringify(events));
      // With consent: the visitor id, the visit's day and (until delivered) the page outbox.
      const keys = await yardstickKeys(page);
      assert.ok(keys.includes('yardstick:last-visit') && keys.includes('yardstick:visitor'), keys.join());
      assert.ok(keys.every((k) => ['yardstick:last-visit', 'yardstick:visitor', `yardstick:outbox:page:${server.url}collect`].includes(k)), keys.join());
      assert.equal(await page.evaluate(() => localStorage.getItem('yardstick:last-visit')), DAY_1);
      assert.deepEqual(problems, []);
      await page.close();

      // The next day, the same profile (its storage) in a new browser.
      await a.close();
      a = await launchBrowser({ reuse: a.profile });
      const next = await openFixture(a, { html: fixtureHtml({ consent: 'granted' }), isoTime: `${DAY_2}T09:00:00Z` });
      await visit(next.page, server.url);
      const [returning] = await pageEvents(next.page);
      assert.equal(returning.returning, true);
      assert.equal(new Date(returning.occurred_at_ms).toISOString().slice(0, 10), DAY_2);
      assert.equal(returning.visitor_id, view.visitor_id);
      assert.equal(await next.page.evaluate(() => localStorage.getItem('yardstick:last-visit')), DAY_2);
      await leave(next.page);
      await next.page.close();
    } finally {
      await a.close();
      fs.rmSync(a.profile, { recursive: true, force: true, maxRetries: 3 });
    }

    // Visitor B, consent denied: an outbound click; nothing stored, never returning.
    let b = await launchBrowser({ keepProfile: true });
    try {
      for (const day of [DAY_1, DAY_2]) {
        if (day === DAY_2) {
          await b.close();
          b = await launchBrowser({ reuse: b.profile });
        }
        const { page, problems } = await openFixture(b, { html: fixtureHtml({ consent: 'denied' }), isoTime: `${day}T11:00:00Z` });
        await visit(page, server.url);
        await page.click('#out');
        await leave(page);
        const events = await pageEvents(page);
        assert.deepEqual(events.map((e) => e.name), ['page_view', 'page_outbound', 'page_engagement']);
        assert.deepEqual(events[1].target, { host: 'partner.example' });
        assert.equal(new Date(events[0].occurred_at_ms).toISOString().slice(0, 10), day);
        for (const event of events) {
          assert.equal(event.consent, 'denied');
          assert.equal(event.returning, undefined);
          assert.equal(event.visitor_id, undefined);
        }
        assert.deepEqual(await yardstickKeys(page), []);
        assert.deepEqual(problems, []);
        await page.close();
      }
    } finally {
      await b.close();
      fs.rmSync(b.profile, { recursive: true, force: true, maxRetries: 3 });
    }

    // Visitor C, consent granted: the snippet and a widget on one page, an
    // input and a lead; one page view id and one sequence for both.
    const c = await launchBrowser();
    try {
      const { page, problems } = await openFixture(c, { html: fixtureHtml({ consent: 'granted', widget: true }), isoTime: `${DAY_1}T12:00:00Z` });
      await visit(page, server.url);
      await page.waitForFunction(() => /** @type {any} */ (document.getElementById('calc'))?.totals?.());
      await page.locator('#calc input.number').first().fill('2000');
      await page.evaluate(() => /** @type {any} */ (document.getElementById('calc')).reportLead());
      await leave(page);
      const { page: pageLog, calc } = await page.evaluate(() => /** @type {any} */ (window).__log);
      const ids = new Set([...pageLog, ...calc].map((e) => e.page_view_id));
      assert.equal(ids.size, 1, [...ids].join(' '));
      const sequences = [...pageLog, ...calc].map((e) => e.sequence).sort((x, y) => x - y);
      assert.deepEqual(sequences, sequences.map((_, i) => i));
      assert.ok(calc.some((e) => e.name === 'calc_start') && calc.some((e) => e.name === 'calc_lead'), calc.map((e) => e.name).join());
      assert.deepEqual(problems, []);
      // The pagehide handed the events to sendBeacon; closing the browser
      // at once could cut a beacon in flight (a real browser lets it finish),
      // so wait (bounded) until the collector counts this visitor's lead.
      await funnelWhen((f) => (f.steps?.[3]?.count ?? 0) >= 1);
      await page.close();
    } finally {
      await c.close();
    }

    // Visitor D: the page says granted, Global Privacy Control says no.
    const d = await launchBrowser();
    try {
      const { page, problems } = await openFixture(d, { html: fixtureHtml({ consent: 'granted' }), isoTime: `${DAY_2}T12:00:00Z`, gpc: true });
      await visit(page, server.url);
      await leave(page);
      const events = await pageEvents(page);
      assert.ok(events.every((e) => e.consent === 'denied' && e.visitor_id === undefined && e.returning === undefined));
      assert.deepEqual(await yardstickKeys(page), []);
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await d.close();
    }

    // A (2 page views), B (2, one visitor each without consent), C, D.
    const expected = {
      steps: [
        { step: 'visitors', count: 5, of_previous: 1, of_visitors: 1 },
        { step: 'interested', count: 2, of_previous: 0.4, of_visitors: 0.4 },
        { step: 'interacting', count: 1, of_previous: 0.5, of_visitors: 0.2 },
        { step: 'leads', count: 1, of_previous: 1, of_visitors: 0.2 },
      ],
      totals: { page_views: 6, downloads: 1, video_plays: 1, outbound_clicks: 2, returning_visitors: 1 },
    };
    const funnel = await funnelWhen((f) => JSON.stringify(f.steps) === JSON.stringify(expected.steps) && JSON.stringify(f.totals) === JSON.stringify(expected.totals));
    assert.deepEqual({ steps: funnel.steps, totals: funnel.totals }, expected);
    assert.deepEqual(
      funnel.daily.map((/** @type {any} */ d) => [d.day, d.visitors, d.interested, d.interacting, d.leads]),
      [
        [DAY_1, 3, 2, 1, 1],
        [DAY_2, 3, 0, 0, 0],
      ],
    );
  });

  test('a widget whose script comes first still joins the snippet\'s tracker', async () => {
    const browser = await launchBrowser();
    try {
      // Another day, outside the funnel above.
      const { page, problems } = await openFixture(browser, { html: fixtureHtml({ consent: 'granted', widget: true, widgetFirst: true }), isoTime: '2026-11-25T12:00:00Z' });
      await visit(page, server.url);
      await page.waitForFunction(() => /** @type {any} */ (document.getElementById('calc'))?.totals?.());
      await page.locator('#calc input.number').first().fill('2000');
      await leave(page);
      const { page: pageLog, calc } = await page.evaluate(() => /** @type {any} */ (window).__log);
      assert.equal(new Set([...pageLog, ...calc].map((e) => e.page_view_id)).size, 1);
      assert.ok(calc.some((e) => e.name === 'calc_start'));
      assert.deepEqual(pageLog.map((e) => e.name), ['page_view', 'page_engagement']);
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  test('a consent banner answering later: data-consent changes apply, storage follows', async () => {
    const browser = await launchBrowser();
    try {
      // Another day, outside the funnel above.
      const { page, problems } = await openFixture(browser, { html: fixtureHtml({}), isoTime: '2026-11-26T12:00:00Z' });
      await visit(page, server.url);
      assert.deepEqual(await yardstickKeys(page), []);
      const setConsent = (/** @type {string} */ consent) =>
        page.evaluate((value) => document.querySelector('script[data-collector]')?.setAttribute('data-consent', value), consent);
      await setConsent('granted');
      await page.waitForFunction(() => localStorage.getItem('yardstick:last-visit') === '2026-11-26');
      await page.click('#out');
      await setConsent('denied');
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('yardstick:')));
      await page.click('#out');
      const events = await pageEvents(page);
      assert.deepEqual(
        events.map((e) => [e.name, e.consent, e.visitor_id !== undefined, e.returning]),
        [
          ['page_view', 'unknown', false, undefined],
          ['page_outbound', 'granted', true, false],
          ['page_outbound', 'denied', false, undefined],
        ],
      );
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
