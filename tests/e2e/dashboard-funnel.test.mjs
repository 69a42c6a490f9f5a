// The dashboard's Develop funnel against the real yardstick-serve and
// Debian's Chromium: a scripted set of visits (page events and widget
// events sharing page view ids, over the last three UTC days) is posted to
// the collector, and the dashboard shows exactly its funnel, conversions,
// days and breakdowns for the default range; a lower engaged threshold
// makes one more visitor interested; a reversed range shows the server's
// reason; the CSV links export the shown range.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';

const DAY_MS = 86_400_000;
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const isoDay = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
const uuid = (/** @type {number} */ n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A page event of page view `view`, `daysAgo` days before today (UTC), at 01:00.
 * @param {number} id @param {number} view @param {number} sequence @param {string} name
 * @param {number} daysAgo @param {Record<string, unknown>} page @param {Record<string, unknown>} [extra]
 */
function pageEvent(id, view, sequence, name, daysAgo, page, extra = {}) {
  return {
    event_id: uuid(id),
    name,
    sequence,
    page_view_id: uuid(1_000 + view),
    occurred_at_ms: today - daysAgo * DAY_MS + 3_600_000 + sequence,
    page_time_ms: sequence * 10,
    consent: 'unknown',
    page,
    totals: { engaged_ms: 0, active_page_ms: 0, wall_ms: 0, scroll_percent: 0 },
    ...extra,
  };
}

/** @param {number} id @param {number} view @param {string} name */
function calcEvent(id, view, name) {
  return {
    event_id: uuid(id),
    name,
    sequence: 50 + (id % 10),
    page_view_id: uuid(1_000 + view),
    instance_id: 'w1',
    calc_id: 'saas-roi',
    calc_version: '1.0.0',
    occurred_at_ms: today,
    page_time_ms: 100,
    consent: 'unknown',
    totals: { interaction_ms: 0, in_view_ms: 0, active_page_ms: 0, wall_ms: 0 },
  };
}

const granted = { consent: 'granted', visitor_id: 'v-a' };
const pricing = { path: '/pricing', referrer_host: 'news.example', utm_campaign: 'spring' };
/**
 * Visitor A (consent) read /pricing for 12 s two days ago and used the
 * calculator on /roi yesterday; B downloaded a PDF two days ago; C read
 * /blog for 3 s yesterday; D came from partner.example today, used the
 * calculator and sent a lead. 4 visitors, 3 interested, 2 interacting, 1 lead.
 */
const pageEvents = [
  pageEvent(1, 1, 0, 'page_view', 2, pricing, granted),
  pageEvent(2, 1, 1, 'page_engagement', 2, pricing, { ...granted, totals: { engaged_ms: 12_000, active_page_ms: 15_000, wall_ms: 20_000, scroll_percent: 75 } }),
  pageEvent(3, 2, 0, 'page_view', 1, { path: '/roi' }, { ...granted, returning: true }),
  pageEvent(4, 3, 0, 'page_view', 2, { path: '/pricing' }),
  pageEvent(5, 3, 1, 'page_download', 2, { path: '/pricing' }, { target: { path: '/files/a.pdf', extension: 'pdf' } }),
  pageEvent(6, 4, 0, 'page_engagement', 1, { path: '/blog' }, { totals: { engaged_ms: 3_000, active_page_ms: 3_000, wall_ms: 4_000, scroll_percent: 20 } }),
  pageEvent(7, 5, 0, 'page_view', 0, { path: '/roi', referrer_host: 'partner.example' }),
];
const calcEvents = [calcEvent(100, 2, 'calc_view'), calcEvent(101, 2, 'calc_start'), calcEvent(102, 5, 'calc_start'), calcEvent(103, 5, 'calc_lead')];

/** @param {string} url @param {string} schema @param {unknown[]} events */
async function post(url, schema, events) {
  const response = await fetch(new URL('/collect', url), {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ schema, events }),
  });
  assert.equal(response.status, 200, await response.text());
}

/**
 * The text of every cell of a table, row by row (header row first).
 * @param {import('playwright-core').Page} page @param {string} name
 */
function tableText(page, name) {
  return page.locator(`[data-table="${name}"]`).evaluate((table) =>
    [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

describe('the Develop funnel on the dashboard', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;

  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '110']);
    await post(server.url, 'yardstick/page-events@1', pageEvents);
    await post(server.url, 'yardstick/events@1', calcEvents);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows the exact funnel of the scripted visits', async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL('dashboard.html', server.url).href);
    await page.waitForSelector('[data-table="funnel"]');
    // The default range: the 30 days ending today (UTC), filled in the form.
    assert.equal(await page.inputValue('#funnel-from'), isoDay(today - 29 * DAY_MS));
    assert.equal(await page.inputValue('#funnel-to'), isoDay(today));
    assert.equal(await page.textContent('#funnel-engaged-seconds'), '10');
    const pct = (/** @type {number} */ x) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(x);
    assert.deepEqual(await tableText(page, 'funnel'), [
      ['Step', 'Visitors', 'From previous step', 'From visitors'],
      ['Visitors', '4', '—', pct(1)],
      ['Interested', '3', pct(0.75), pct(0.75)],
      ['Interacting', '2', pct(2 / 3), pct(0.5)],
      ['Leads', '1', pct(0.5), pct(0.25)],
    ]);
    const bars = await page.getAttribute('.funnel-bars', 'aria-label');
    assert.match(bars ?? '', /^Funnel: Visitors: 4; Interested: 3 · 75% of previous, 75% of visitors; /);
    const days = await tableText(page, 'daily');
    assert.equal(days.length, 31);
    assert.deepEqual(days.slice(-3), [
      [isoDay(today - 2 * DAY_MS), '2', '2', '0', '0', '0'],
      [isoDay(today - DAY_MS), '2', '1', '1', '0', '0'],
      [isoDay(today), '1', '1', '1', '1', '0'],
    ]);
    assert.deepEqual(await tableText(page, 'pages'), [
      ['Page', 'Visitors', 'Interested', 'Interacting', 'Leads', 'Lead value'],
      ['/pricing', '2', '2', '0', '0', '0'],
      ['/roi', '2', '2', '2', '1', '0'],
      ['/blog', '1', '0', '0', '0', '0'],
    ]);
    assert.deepEqual((await tableText(page, 'referrers')).slice(1), [
      ['(direct)', '3', '2', '1', '0', '0'],
      ['news.example', '1', '1', '0', '0', '0'],
      ['partner.example', '1', '1', '1', '1', '0'],
    ]);
    assert.deepEqual((await tableText(page, 'campaigns')).slice(1), [
      ['(none)', '4', '3', '2', '1', '0'],
      ['spring', '1', '1', '0', '0', '0'],
    ]);
    const stats = await page.locator('#funnel-body .stat').allTextContents();
    assert.deepEqual(stats.slice(0, 2), ['Page views5', 'Downloads1']);
    assert.ok(stats.includes('Returning visitors1'), stats.join(' | '));

    // Every table exports the range shown, and the CSV says the same.
    const href = await page.getAttribute('a.csv-link[href*="table=pages"]', 'href');
    assert.equal(href, `/api/funnel.csv?table=pages&from=${isoDay(today - 29 * DAY_MS)}&to=${isoDay(today)}&engaged_s=10`);
    const csv = await (await fetch(new URL(href ?? '', server.url))).text();
    assert.equal(csv.split('\r\n')[2], '/roi,2,2,2,1,0,');
    assert.equal(await page.locator('a.csv-link').count(), 5);
    await page.close();
  });

  test('a lower threshold makes C interested; a reversed range shows the reason', async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL('dashboard.html', server.url).href);
    await page.waitForSelector('[data-table="funnel"]');
    await page.fill('#funnel-engaged', '3');
    await page.click('#funnel-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('funnel-engaged-seconds')?.textContent === '3');
    const rows = await tableText(page, 'funnel');
    assert.deepEqual(rows[2]?.slice(0, 2), ['Interested', '4']);

    await page.fill('#funnel-from', isoDay(today));
    await page.fill('#funnel-to', isoDay(today - DAY_MS));
    await page.click('#funnel-form button[type="submit"]');
    await page.waitForFunction(() => (document.getElementById('funnel-status')?.textContent ?? '').startsWith('Could not'));
    assert.equal(
      await page.textContent('#funnel-status'),
      `Could not load the funnel: from (${isoDay(today)}) must not be after to (${isoDay(today - DAY_MS)})`,
    );
    await page.close();
  });
});
