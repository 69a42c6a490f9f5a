// The customer journey page (www/journey.html) in Debian's Chromium against
// the real server with its demo (--success-demo): for a demo account with
// leads, each phase shows what this test computes on its own from the other
// routes (the leads at the account's domain from GET /api/leads, the cases
// from GET /api/cases and the linked one, health and the set-up degree from
// SuccessPortfolio run here on the stored success data); a committed
// project becomes the account's success plan from the keyboard alone; a
// customer known only from a case says plainly what is not known; axe-core
// finds nothing at 1280 and 390 px, and the phone width does not overflow.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { scoreAsThePageDoes } from './success-support.mjs';

const STEP_TIMEOUT_MS = 30_000;

/**
 * @param {string} url
 * @returns {Promise<any>}
 */
async function getJson(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return response.json();
}

describe('the journey page on the demo', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {any} */
  let account;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--success-demo']);
    browser = await launchBrowser();
    const data = await getJson(`${server.url}api/success/data`);
    account = data.accounts.find((/** @type {any} */ a) => a.domains);
    assert.ok(account, 'the demo has an account with domains');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * @param {number} width
   * @param {string} query
   */
  async function open(width, query) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}journey.html${query}`);
    await page.locator('body[data-ready]').waitFor();
    return { page, problems };
  }

  /**
   * The raw figure of a measure tile.
   * @param {import('playwright-core').Page} page
   * @param {string} phase
   * @param {string} measure
   * @param {'data-value' | 'data-amount'} [attribute]
   */
  async function measure(page, phase, measure, attribute = 'data-value') {
    const text = await page.locator(`#phase-${phase} [data-measure="${measure}"] dd`).first().getAttribute(attribute);
    return text === null ? null : Number(text);
  }

  test('each phase shows the figures computed here from the other routes', async () => {
    const { page, problems } = await open(1280, `?customer=${account.id}`);
    await page.locator('#phase-develop [data-measure="leads"]').waitFor();
    // Develop: the leads at the domain, as GET /api/leads lists them.
    const leads = (await getJson(`${server.url}api/leads?limit=1000`)).leads.filter((/** @type {any} */ lead) => lead.contact.email.endsWith(`@${account.domains}`));
    assert.ok(leads.length > 0);
    assert.equal(await measure(page, 'develop', 'leads'), leads.length);
    const leadValue = leads.reduce((/** @type {number} */ sum, /** @type {any} */ lead) => sum + lead.value, 0);
    assert.ok(Math.abs(/** @type {number} */ (await measure(page, 'develop', 'lead-value')) - leadValue) < 1e-6);
    assert.ok(/** @type {number} */ (await measure(page, 'develop', 'visitors')) >= 1);
    assert.ok(/** @type {number} */ (await measure(page, 'develop', 'calculator-time')) > 0);
    // Evaluate: its own cases and the case its account links all passed the business review.
    const own = (await getJson(`${server.url}api/cases?customer=${account.id}`)).cases;
    const linked = (await getJson(`${server.url}api/cases/${account.case.id}`)).figures;
    const values = [...own.map((/** @type {any} */ c) => c.value), linked.value].map((v) => Math.max(v ?? 0, 0));
    assert.equal(await measure(page, 'evaluate', 'potential'), own.length + 1);
    const potential = /** @type {number} */ (await measure(page, 'evaluate', 'potential', 'data-amount'));
    assert.ok(Math.abs(potential - values.reduce((a, b) => a + b, 0)) < 1e-6);
    const caseLink = page.locator(`#phase-evaluate [data-case-id="${account.case.id}"] a`);
    assert.equal(await caseLink.getAttribute('href'), `./workbench.html?case=${account.case.id}`);
    // Execute and Prosper: what SuccessPortfolio computes from the same data.
    const portfolio = await scoreAsThePageDoes(server.url);
    portfolio.setCases(await (await fetch(`${server.url}api/success/cases`)).text());
    const view = portfolio.account(account.id, undefined);
    const latest = view.history[view.history.length - 1];
    assert.ok(Math.abs(/** @type {number} */ (await measure(page, 'prosper', 'health')) - latest.score) < 1e-9);
    assert.equal(await measure(page, 'execute', 'setup'), view.execution.setup.degree);
    assert.equal(await measure(page, 'prosper', 'realised'), view.realised.ratio);
    // Realised money in the linked case's currency, not the account's.
    const realisedText = await page.locator('#phase-prosper [data-measure="realised"]').innerText();
    /** @param {string} code */
    const symbol = (code) => new Intl.NumberFormat('en', { style: 'currency', currency: code }).formatToParts(1).find((part) => part.type === 'currency')?.value ?? code;
    assert.notEqual(linked.currency, account.currency, 'the demo links a case in another currency than its account');
    assert.ok(realisedText.includes(symbol(linked.currency)) && !realisedText.includes(symbol(account.currency)), `${realisedText} (case ${linked.currency}, account ${account.currency})`);
    portfolio.free();
    assert.equal(await page.locator('#phase-prosper a[href^="./success.html?account="]').getAttribute('href'), `./success.html?account=${account.id}`);
    // Outcome values as recorded (up to three decimals), not rounded to a score's one.
    const shown = await getJson(`${server.url}api/journey/${account.id}`);
    assert.ok(shown.prosper.outcomes.some((/** @type {any} */ o) => o.current !== null && Math.abs(o.current * 10 - Math.round(o.current * 10)) > 1e-9), 'an outcome with a second decimal');
    for (const outcome of shown.prosper.outcomes.filter((/** @type {any} */ o) => o.current !== null)) {
      const text = await page.locator(`#phase-prosper tr[data-outcome="${outcome.id}"] [data-field="current"]`).innerText();
      assert.equal(text.trim(), `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(outcome.current)} ${outcome.unit ?? ''}`.trim());
    }
    // Dates in words, as on the success page: none left as YYYY-MM-DD.
    assert.doesNotMatch(await page.locator('#journey-body').innerText(), /\b\d{4}-\d{2}-\d{2}\b/);
    // The picker lists the customers by name.
    const names = await page.locator('#journey-customer option:not([value=""])').allInnerTexts();
    assert.ok(names.length > 100);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an address naming no known customer says so, with the picker to choose another', async () => {
    const { page, problems } = await open(1280, '?customer=no-such-customer');
    assert.equal(await page.locator('#journey-body [role="alert"]').innerText(), 'No customer has the id “no-such-customer”: choose one above.');
    assert.equal(await page.locator('#journey-customer').inputValue(), '');
    // Choosing one then shows it.
    await page.locator('#journey-customer').selectOption(account.id);
    await page.locator('#journey-form button').click();
    await page.locator('#phase-develop').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a churned customer reads as churned, not as in a stage', async () => {
    const data = await getJson(`${server.url}api/success/data`);
    const churn = data.renewals.find((/** @type {any} */ r) => r.result === 'churned');
    assert.ok(churn, 'the demo has a churn');
    const { page, problems } = await open(1280, `?customer=${churn.account}`);
    await page.locator('#phase-prosper [data-measure="stage"]').waitFor();
    assert.match(await page.locator('#phase-prosper [data-measure="stage"] dd').innerText(), /^churned \(was /);
    assert.match(await page.locator('#phase-prosper [data-measure="renewals"] dd').innerText(), /, churned$/);
    assert.equal(await page.locator('#phase-prosper [data-measure="next-renewal"] dt').innerText(), 'Churned on');
    const churnDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${churn.date}T00:00:00Z`));
    assert.equal(await page.locator('#phase-prosper [data-measure="next-renewal"] dd').innerText(), churnDay);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a committed project becomes the success plan from the keyboard alone', async () => {
    const { page, problems } = await open(1280, '');
    // Tab from the page's start to the customer picker, choose, show.
    await page.keyboard.press('Tab');
    let found = false;
    for (let step = 0; step < 20 && !found; step += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.id === 'journey-customer');
    }
    assert.ok(found, 'the customer picker is reachable with Tab');
    // Type-ahead on the focused picker, as a keyboard user chooses.
    await page.keyboard.type('Northwind');
    assert.equal(await page.locator('#journey-customer').inputValue(), 'northwind-traders');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#phase-evaluate [data-plan-case] button').waitFor();
    assert.equal(await page.locator('#phase-prosper [data-empty="no_account"]').count(), 1);
    assert.equal(await page.locator('#phase-develop [data-empty="no_domains"]').count(), 1);
    assert.equal(await measure(page, 'evaluate', 'committed'), 1);
    await page.locator('#phase-evaluate [data-plan-case] button').focus();
    await page.keyboard.press('Enter');
    await page.locator('#phase-prosper tr[data-outcome]').first().waitFor();
    assert.match(await page.locator('#journey-status').innerText(), /success plan of northwind-traders starts with 3 outcomes/);
    const data = await getJson(`${server.url}api/success/data`);
    const made = data.accounts.find((/** @type {any} */ a) => a.id === 'northwind-traders');
    assert.equal(made.annualValue, 90000, "the case's subscription_per_year");
    assert.equal(data.outcomes.filter((/** @type {any} */ o) => o.account === 'northwind-traders').length, 3);
    assert.equal(await page.locator('#phase-prosper tr[data-outcome]').count(), 3);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const width of [1280, 390]) {
    test(`axe finds nothing at ${width} px and nothing overflows`, async () => {
      const { page, problems } = await open(width, `?customer=${account.id}`);
      await page.locator('#phase-prosper [data-measure="health"]').waitFor();
      assert.deepEqual(await axeViolations(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
