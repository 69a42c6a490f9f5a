// The engagement dashboard against the real yardstick-serve and Debian's
// Chromium, with 2,000 calculators stored: it makes exactly one metrics
// request per refresh and never two at once (counted with page.route on
// /api/engagement, with the server's answers held back longer than the
// refresh pause; the Leads section reads its own route), draws a
// page of calculators, and shows a calculator whose stored aggregates are
// unreadable as an error in its own card only.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { delay, launchBrowser, repoRoot, startServer } from './harness.mjs';

const CALCULATORS = 2_000;
const PAGE_SIZE = 200;
/** Held back per answer: longer than the dashboard's 5 s refresh pause. */
const ANSWER_DELAY_MS = 6_000;
/** How long the page is watched after its first render. */
const WATCH_MS = 14_000;
const BROKEN = 'calc-0007';

/** @param {number} n */
const calcId = (n) => `calc-${String(n).padStart(4, '0')}`;
/** @param {number} n */
const uuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A view and a start of one instance of calculator `n`.
 * @param {number} n
 */
function eventsOf(n) {
  return ['calc_view', 'calc_start'].map((name, i) => ({
    event_id: uuid(n * 2 + i),
    name,
    sequence: i,
    page_view_id: uuid(10_000_000 + n),
    instance_id: 'w1',
    calc_id: calcId(n),
    calc_version: '1.0.0',
    occurred_at_ms: 1_700_000_000_000 + n,
    page_time_ms: 100,
    consent: 'unknown',
    totals: { interaction_ms: 1_000 * (n % 7), in_view_ms: 10_000, active_page_ms: 10_000, wall_ms: 10_000 },
  }));
}

describe('engagement dashboard', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-dashboard-'));
  const db = path.join(folder, 'events.sqlite');

  before(async () => {
    server = await startServer(['--db', db, '--max-lifetime-secs', '170']);
    const all = Array.from({ length: CALCULATORS }, (_, n) => eventsOf(n)).flat();
    for (let i = 0; i < all.length; i += 500) {
      const response = await fetch(new URL('/collect', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ schema: 'yardstick/events@1', events: all.slice(i, i + 500) }),
      });
      assert.equal(response.status, 200, await response.text());
    }
    // One calculator's stored totals made unreadable by hand.
    execFileSync('sqlite3', [db, `UPDATE calc_totals SET views = 'many' WHERE calc_id = '${BROKEN}'`]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('one request per refresh, never two at once, one bad calculator fails only itself', async () => {
    const page = await browser.context.newPage();
    /** @type {string[]} */
    const requests = [];
    let inFlight = 0;
    let maxInFlight = 0;
    // Only the calculators' metrics: the Develop funnel section above them
    // makes its own one request.
    await page.route('**/api/engagement**', async (route) => {
      requests.push(new URL(route.request().url()).search);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const response = await route.fetch();
        await delay(ANSWER_DELAY_MS);
        await route.fulfill({ response });
      } finally {
        inFlight -= 1;
      }
    });
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${server.url}dashboard.html`);
    await page.locator('.metric-card').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.metric-card').count(), PAGE_SIZE);
    const broken = page.locator(`section[aria-label="${BROKEN}"]`);
    assert.match(await broken.innerText(), /Could not read this calculator's metrics: .*unreadable/);
    const healthy = await page.locator('section[aria-label="calc-0003"]').innerText();
    assert.match(healthy, /Views\s+1/);
    assert.match(healthy, /Interaction, median\s+3\s*s/);
    // The funnel says what was lost in words: nothing after a step no one
    // reached, "none lost" rather than a negative zero.
    const funnel = page.locator('section[aria-label="calc-0003"] .funnel-svg');
    assert.equal(await funnel.getAttribute('aria-label'), 'Funnel: view: 1; start: 1, none lost; result: 0, 100% lost; lead: 0');
    assert.deepEqual(await funnel.locator('text').allTextContents(), [
      'view', '1', 'start', '1 (none lost since view)', 'result', '0 (100% lost since start)', 'lead', '0',
    ]);
    assert.equal(await page.getByRole('button', { name: 'Next calculators' }).count(), 1);
    fs.mkdirSync(path.join(repoRoot, 'target', 'e2e'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'target', 'e2e', 'dashboard.png') });
    await broken.screenshot({ path: path.join(repoRoot, 'target', 'e2e', 'dashboard-error-card.png') });

    await delay(WATCH_MS);
    assert.equal(maxInFlight, 1, `requests overlapped: ${requests.length} requests`);
    // A refresh every (answer delay + pause) at most: the first, and at
    // most two more in the watch window.
    assert.ok(requests.length >= 2 && requests.length <= 3, `${requests.length} requests: ${requests.join(' ')}`);
    for (const search of requests) assert.equal(search, `?metrics=all&limit=${PAGE_SIZE}`);

    // The next page: one request, cards from calc-0200 on.
    await page.getByRole('button', { name: 'Next calculators' }).click();
    await page.locator('section[aria-label="calc-0200"]').waitFor({ timeout: 30_000 });
    assert.equal(requests.at(-1), `?metrics=all&limit=${PAGE_SIZE}&after=calc-0199`);
    assert.equal(maxInFlight, 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a hidden tab pauses the refreshes; showing it refreshes at once', async () => {
    const page = await browser.context.newPage();
    /** @type {string[]} */
    const requests = [];
    // Only the calculators' metrics: the Develop funnel section above them
    // makes its own one request.
    await page.route('**/api/engagement**', async (route) => {
      requests.push(route.request().url());
      await route.continue();
    });
    await page.goto(`${server.url}dashboard.html`);
    await page.locator('.metric-card').first().waitFor({ timeout: 30_000 });
    /** @param {'hidden' | 'visible'} state */
    const show = (state) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await show('hidden');
    const whileHidden = requests.length;
    await delay(7_000);
    assert.equal(requests.length, whileHidden, 'no refresh while hidden');
    await show('visible');
    for (let waited = 0; requests.length === whileHidden && waited < 10_000; waited += 100) await delay(100);
    assert.equal(requests.length, whileHidden + 1);
    await page.close();
  });
});
