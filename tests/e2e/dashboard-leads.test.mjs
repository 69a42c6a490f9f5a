// The dashboard's Leads section against the real yardstick-serve and
// Debian's Chromium: two leads posted to POST /api/leads (one for a served
// model, one for a model served elsewhere) appear in the table with the
// value the server computed in the model's currency, their case opens
// with the entered inputs, outputs and receipt hash, the count is shown,
// the CSV link downloads both leads, and axe finds no violation with a
// case open. Before any lead the section says so.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;

/** @param {number} n */
const uuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A lead for the SaaS ROI example with `seats` seats (every input at its
 * default otherwise), or for `calcId` when given.
 * @param {number} n
 * @param {number} seats
 * @param {string} [calcId]
 */
function lead(n, seats, calcId = 'saas-roi') {
  const model = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', 'saas-roi.json'), 'utf8'));
  /** @type {Record<string, unknown>} */
  const inputs = {};
  for (const input of model.inputs) inputs[input.id] = input.default;
  inputs.team_size = seats;
  return {
    schema: 'yardstick/lead@1',
    lead_id: uuid(n),
    calc_id: calcId,
    calc_version: '1.0.0',
    page_view_id: uuid(1000 + n),
    instance_id: 'w1',
    occurred_at_ms: Date.now(),
    page_path: '/pricing',
    contact: { name: `Prospect ${n}`, email: `p${n}@example.com`, company: `Company ${n}` },
    consent: { contact: true },
    inputs,
    entered: ['team_size'],
  };
}

describe('dashboard leads', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;

  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '110']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('says so before any lead, then shows both leads, their cases and the CSV', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/dashboard.html', server.url).href);
    await page.getByText('No leads yet.').waitFor();

    /** @type {{ value: number | null, verified: boolean }[]} */
    const answers = [];
    for (const body of [lead(1, 50), lead(2, 10, 'hosted-elsewhere')]) {
      const response = await fetch(new URL('/api/leads', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      answers.push(JSON.parse(text));
    }
    const [verified, unverified] = answers;
    assert.equal(verified?.verified, true);
    assert.equal(typeof verified?.value, 'number');
    assert.deepEqual([unverified?.verified, unverified?.value], [false, null]);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const table = page.getByRole('table', { name: 'Leads, newest first' });
    await table.waitFor();
    const rows = page.locator('tr.lead-row');
    assert.equal(await rows.count(), 2);
    // Newest first: the unverified lead was posted last.
    const cells = async (/** @type {number} */ index) => (await rows.nth(index).locator('th, td').allTextContents()).map((t) => t.trim());
    const [, name2, company2, email2, calc2, value2, verified2] = await cells(0);
    assert.deepEqual([name2, company2, email2, calc2, value2, verified2], ['Prospect 2', 'Company 2', 'p2@example.com', 'hosted-elsewhere', '—', 'No']);
    const [, name1, , , calc1, value1, verified1] = await cells(1);
    const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(/** @type {number} */ (verified?.value));
    assert.deepEqual([name1, calc1, value1, verified1], ['Prospect 1', 'saas-roi', expected, 'Yes']);
    const summary = await page.locator('#leads-summary').textContent();
    assert.match(summary ?? '', /^2 leads, worth \$[\d,]+ in all\./);
    assert.ok(summary?.includes(`saas-roi: 1, ${expected}`), summary ?? '');

    // The case behind the verified lead.
    const disclosure = page.getByText("Case behind Prospect 1's lead");
    await disclosure.click();
    const details = page.locator('details.lead-case[open]');
    await details.waitFor();
    const text = (await details.textContent()) ?? '';
    assert.ok(text.includes('People who will use the platform'), text);
    assert.ok(text.includes('Net annual benefit (the lead\'s value)'), text);
    const hash = await details.locator('.receipt-hash').textContent();
    assert.match(hash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(await axeViolations(page), []);

    // The CSV link downloads both leads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const file = await download.path();
    const csv = fs.readFileSync(/** @type {string} */ (file), 'utf8');
    const lines = csv.trim().split('\n');
    assert.equal(lines.length, 3, csv);
    assert.ok(lines[0]?.startsWith('received_at_utc,occurred_at_utc,lead_id,calc_id'), lines[0]);
    assert.ok(csv.includes(`,${verified?.value},USD,net_annual_benefit,Prospect 1,p1@example.com,`), csv);
    assert.ok(csv.includes(',false,,,,Prospect 2,p2@example.com,'), csv);
    await page.close();
  });

  // Runs after the test above, with its two leads stored.
  test('the leads table is readable on a phone', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(new URL('/dashboard.html', server.url).href);
    await page.getByRole('table', { name: 'Leads, newest first' }).waitFor();
    // The page itself never scrolls sideways; the table scrolls in its region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
});
