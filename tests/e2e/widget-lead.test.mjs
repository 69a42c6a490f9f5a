// The lead form, used by keyboard alone, against the real collector: the
// call to action opens it inside the widget, the browser's checks and the
// consent box hold back an incomplete lead (nothing is sent), the lead that
// goes reaches the collector with the case (the server computes its value
// from the model it serves), and the `lead` milestone reaches the dataLayer,
// Segment and the DOM without any personal detail. axe finds nothing with
// the form open.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness.mjs';
import { fixturePage, openPage, startStack } from './widget-fixtures.mjs';

const NAME = 'Ada Lovelace';
const EMAIL = 'ada@example.com';
const COMPANY = 'Analytical Engines';

describe('the lead form', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  async function open() {
    const html = fixturePage([{ id: 'w', attributes: { src: '/models/saas-roi.json', collector: '/collect', 'privacy-href': 'https://host.example/privacy' } }]);
    const opened = await openPage(stack.browser.context, stack.server.url, {
      pages: { 'lead.html': html },
      initScript: () => {
        const calls = /** @type {unknown[]} */ ([]);
        Object.defineProperty(window, '__segment', { value: calls });
        /** @type {any} */ (window).analytics = { track: (/** @type {string} */ name, /** @type {object} */ properties) => calls.push([name, properties]) };
      },
    });
    const sent = /** @type {string[]} */ ([]);
    opened.page.on('request', (request) => {
      if (request.url().endsWith('/api/leads')) sent.push(request.postData() ?? '');
    });
    await opened.page.clock.resume();
    await opened.page.goto(`${stack.server.url}fixture/lead.html`);
    await opened.page.locator('#w [data-output="net_annual_benefit"] output').waitFor();
    return { ...opened, sent };
  }

  /** @param {import('playwright-core').Page} page */
  const focused = (page) => page.evaluate(() => {
    const active = document.getElementById('w')?.shadowRoot?.activeElement;
    return active ? active.getAttribute('name') ?? active.getAttribute('type') ?? active.textContent : null;
  });

  test('by keyboard alone: checked, consented, sent with its case, nothing personal in analytics', async () => {
    const { page, problems, sent } = await open();
    const cta = page.locator('#w button.cta', { hasText: 'Send me this business case' });
    await cta.focus();
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'name', 'the form takes focus');
    await page.keyboard.type(NAME);
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada@');
    await page.keyboard.press('Tab');
    await page.keyboard.type(COMPANY);
    await page.keyboard.press('Enter');
    // The email is incomplete: said, focused, marked, and nothing sent.
    const status = page.locator('#w .lead-form .lead-status');
    assert.notEqual(await status.textContent(), '');
    assert.equal(await focused(page), 'email');
    assert.equal(await page.locator('#w input[name="email"]').getAttribute('aria-invalid'), '');
    await page.keyboard.type('example.com');
    await page.keyboard.press('Enter');
    // No consent, no lead.
    assert.equal(await status.textContent(), 'Tick the box so we may contact you.');
    assert.equal(await focused(page), 'checkbox');
    assert.deepEqual(sent, []);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the privacy notice link
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'submit');
    await page.keyboard.press('Enter');
    await page.locator('#w .lead-form [role="status"]', { hasText: 'Thank you' }).waitFor();
    assert.equal(sent.length, 1);
    const body = JSON.parse(sent[0] ?? '{}');
    assert.deepEqual(body.contact, { name: NAME, email: EMAIL, company: COMPANY });
    assert.equal(body.consent.privacy_url, 'https://host.example/privacy');
    // The collector has it, with the value it computed from the model it serves.
    const answer = await (await fetch(`${stack.server.url}api/leads`)).json();
    const leads = answer.leads ?? answer.items ?? [];
    assert.equal(leads.length, 1, JSON.stringify(answer));
    const lead = leads[0];
    assert.equal(lead.verified, true);
    const shown = String(await page.locator('#w [data-output="net_annual_benefit"] output').textContent());
    assert.equal(`$${Math.round(lead.value).toLocaleString('en-US')}`, shown);
    // The milestone went everywhere, without a personal detail.
    const dataLayer = await page.evaluate(() => JSON.stringify(/** @type {any} */ (window).dataLayer));
    const segment = await page.evaluate(() => JSON.stringify(/** @type {any} */ (window).__segment));
    const dom = await page.evaluate(() => JSON.stringify(/** @type {any} */ (window).__yardstickEvents.filter((/** @type {any} */ e) => e.type === 'lead')));
    assert.match(dataLayer, /"calc_lead"/);
    assert.match(segment, /Calculator Lead Submitted/);
    assert.match(dom, /calc_lead/);
    for (const text of [dataLayer, segment, dom]) {
      for (const secret of [EMAIL, 'Ada', 'Lovelace', COMPANY]) assert.ok(!text.includes(secret), `${secret} leaked`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Escape closes the form and gives focus back; axe finds nothing with it open', async () => {
    const { page, problems, sent } = await open();
    const cta = page.locator('#w button.cta', { hasText: 'Send me this business case' });
    await cta.click();
    await page.locator('#w .lead-form').waitFor();
    await page.evaluate(fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = /** @type {any} */ (window).axe;
      // The widget and its shadow tree (the fixture page around it is no real page).
      const run = await axe.run(document.getElementById('w'), { resultTypes: ['violations'] });
      return run.violations.map((/** @type {any} */ v) => `${v.id}: ${v.help} (${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join('; ')})`);
    });
    assert.deepEqual(violations, []);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#w .lead-form').count(), 0);
    assert.ok(await cta.isVisible());
    assert.equal(await page.evaluate(() => document.getElementById('w')?.shadowRoot?.activeElement?.textContent), 'Send me this business case');
    assert.deepEqual(sent, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
