// One account's Execute phase on the success page (www/success.html
// ?account=ID) in Debian's Chromium against the real server with its demo
// (--success-demo: checklist states, play completions and a demo case
// linked to a few accounts with realised values): the degrees, the plays'
// health change and realised against projected value equal what
// SuccessPortfolio computes in this test from the same stored data and
// cases; axe-core finds nothing at 1280 and 390 px; the tables' regions
// are reached from the keyboard.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { cellValue, scoreAsThePageDoes } from './success-support.mjs';

const STEP_TIMEOUT_MS = 30_000;

describe('an account\u2019s Execute phase on the demo portfolio', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {any} */
  let expected;
  /** @type {{ checklist: string, plays: string, linked: string }} */
  let accounts;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--success-demo']);
    browser = await launchBrowser();
    expected = await scoreAsThePageDoes(server.url);
    const cases = await (await fetch(`${server.url}api/success/cases`)).text();
    expected.setCases(cases);
    const data = await (await fetch(`${server.url}api/success/data`)).json();
    const ids = data.accounts.map((/** @type {{ id: string }} */ a) => a.id);
    const checklist = ids.find((/** @type {string} */ id) => {
      const view = expected.account(id, undefined);
      return view.execution.setup.degree !== null && view.execution.setup.missing.length > 0 && view.execution.execution.degree !== null;
    });
    const plays = ids.find((/** @type {string} */ id) => expected.account(id, undefined).plays.some((/** @type {any} */ p) => p.change !== null));
    const linked = JSON.parse(cases).cases[0]?.account;
    assert.ok(checklist && plays && linked, 'the demo has checklists, plays and a linked case');
    accounts = { checklist, plays, linked };
  });
  after(async () => {
    expected?.free();
    await browser?.close();
    await server?.stop();
  });

  /**
   * @param {number} width
   * @param {string} id
   */
  async function open(width, id) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}success.html?account=${encodeURIComponent(id)}`);
    await page.locator('#execute').waitFor();
    return { page, problems };
  }

  test('an address naming no stored account says so in words, and the status is not left loading', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${server.url}success.html?account=no-such-account`);
    const alert = page.locator('#success-body [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'No account has the id “no-such-account”: pick one from the portfolio.');
    assert.equal(await page.locator('#success-status').innerText(), '');
    assert.equal(await page.locator('#success-back a').getAttribute('href'), './success.html');
    await page.close();
  });

  test('the degrees and the items not done are the ones the engine computes', async () => {
    const view = expected.account(accounts.checklist, undefined);
    const { page, problems } = await open(1280, accounts.checklist);
    for (const [id, list] of [['#setup-degree', view.execution.setup], ['#execution-degree', view.execution.execution]]) {
      const shown = page.locator(id);
      assert.equal(Number(await shown.getAttribute('data-degree')), list.degree, id);
      assert.equal(Number(await shown.locator('meter').getAttribute('value')), list.degree, id);
      const missing = await shown.locator('.missing li').evaluateAll((items) => items.map((item) => item.getAttribute('data-item')));
      assert.deepEqual(missing, list.missing.map((/** @type {{ id: string }} */ item) => item.id), id);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('completed plays show the score then, later and the change', async () => {
    const view = expected.account(accounts.plays, undefined);
    const { page } = await open(1280, accounts.plays);
    const rows = page.locator('#plays tbody tr');
    assert.equal(await rows.count(), view.plays.length);
    for (const play of view.plays) {
      const row = page.locator(`#plays tr[data-play="${play.play}"][data-completed="${play.completed}"]`);
      assert.equal(await cellValue(row.locator('[data-field="before"]')), play.before?.score ?? null);
      assert.equal(await cellValue(row.locator('[data-field="after"]')), play.after?.score ?? null);
      assert.equal(await cellValue(row.locator('[data-field="change"]')), play.change);
    }
    await page.close();
  });

  test('realised against projected per benefit line and the ratio', async () => {
    const realised = expected.account(accounts.linked, undefined).realised;
    assert.equal(realised.status, 'compared');
    assert.ok(realised.lines.length > 1);
    const { page } = await open(1280, accounts.linked);
    assert.equal(await page.locator('#realised').getAttribute('data-status'), 'compared');
    for (const line of realised.lines) {
      const row = page.locator(`#realised-lines tr[data-line="${line.id}"]`);
      assert.equal(await cellValue(row.locator('[data-field="projected"]')), line.projected, line.id);
      assert.equal(await cellValue(row.locator('[data-field="realised"]')), line.realised, line.id);
      assert.equal(await cellValue(row.locator('[data-field="variance"]')), line.variance, line.id);
    }
    assert.equal(await cellValue(page.locator('#realised-ratio')), realised.ratio);
    // Money in the case's currency (the demo's linked case is in dollars,
    // its account in euros), as the case reports it.
    const figures = (await (await fetch(`${server.url}api/cases/${realised.case.id}`)).json()).figures;
    assert.equal(realised.currency, figures.currency);
    const account = (await (await fetch(`${server.url}api/success/data`)).json()).accounts.find((/** @type {{ id: string }} */ a) => a.id === accounts.linked);
    assert.notEqual(account.currency, realised.currency, 'the demo links a case in another currency than its account');
    /** @param {string} code */
    const symbol = (code) => new Intl.NumberFormat('en', { style: 'currency', currency: code }).formatToParts(1).find((part) => part.type === 'currency')?.value ?? code;
    const projectedText = await page.locator(`#realised-lines tr[data-line="${realised.lines[0].id}"] [data-field="projected"]`).innerText();
    assert.ok(projectedText.includes(symbol(realised.currency)) && !projectedText.includes(symbol(account.currency)), projectedText);
    await page.close();
    // An account without a case says so in words.
    const unlinked = expected.portfolio(undefined).rows.find((/** @type {{ id: string }} */ row) => expected.account(row.id, undefined).realised.status === 'no_case');
    const other = await open(1280, unlinked.id);
    assert.match(await other.page.locator('#realised').innerText(), /No business case is linked/);
    await other.page.close();
  });

  test('the tables\u2019 regions are reached with Tab', async () => {
    const { page } = await open(1280, accounts.linked);
    await page.locator('#account-title').click();
    const reached = new Set();
    for (let step = 0; step < 120 && reached.size < 1; step += 1) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? '');
      if (label === 'realised-lines-caption') reached.add(label);
    }
    assert.deepEqual([...reached], ['realised-lines-caption']);
    await page.close();
  });

  for (const width of [1280, 390]) {
    test(`axe-core finds nothing at ${width} px, and the page does not overflow`, async () => {
      for (const id of new Set([accounts.checklist, accounts.plays, accounts.linked])) {
        const { page } = await open(width, id);
        assert.deepEqual(await axeViolations(page), [], id);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${id} overflows by ${overflow} px at ${width}`);
        await page.close();
      }
    });
  }
});
