// The success page's Proof and Team panels (www/success.html) in Debian's
// Chromium against the real server with its seeded demo portfolio
// (--success-demo): the AUC and every information value shown equal what
// SuccessPortfolio.proof computes in this test from the same stored data;
// the planted metrics rank above the noise ones; a weight change, and
// "Use the suggested weights", update the proof to the figures this test
// computes after the same change; the team table equals team(); axe-core
// finds nothing at 1280 and 390 px and the phone width does not overflow.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { cellValue, scoreAsThePageDoes } from './success-support.mjs';

const STEP_TIMEOUT_MS = 30_000;
// crates/core/src/success/demo.rs: the metrics that drive churn, and the noise.
const PLANTED = ['licence_utilisation', 'weekly_active_share', 'open_tickets'];
const NOISE = ['webinar_attendance', 'feature_requests', 'survey_responses'];

describe('the proof and the team on the demo portfolio', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--success-demo']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** @param {number} width */
  async function open(width) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}success.html`);
    await page.locator('#proof-auc').waitFor();
    await page.locator('#team-table tbody tr').first().waitFor();
    return { page, problems };
  }

  /**
   * The proof's figures as the page shows them.
   * @param {import('playwright-core').Page} page
   */
  async function shownProof(page) {
    const auc = await cellValue(page.locator('#proof-auc'));
    const se = Number(await page.locator('#proof-auc').getAttribute('data-se'));
    const measures = await page.locator('#proof-measures tbody tr').evaluateAll((rows) => rows.map((row) => ({ id: row.getAttribute('data-measure'), iv: Number(row.querySelector('[data-field="iv"]')?.getAttribute('data-value')), strength: row.querySelector('[data-field="strength"]')?.textContent })));
    const rates = await page.locator('#proof-grades tbody [data-field="rate"]').evaluateAll((cells) => cells.map((c) => (c.getAttribute('data-value') === '' ? null : Number(c.getAttribute('data-value')))));
    const backtest = page.locator('#proof-backtest');
    const today = Number(await backtest.getAttribute('data-today'));
    const suggested = Number(await backtest.getAttribute('data-suggested'));
    return { auc, se, measures, rates, today, suggested };
  }

  /**
   * Asserts the page's proof equals the engine's.
   * @param {Awaited<ReturnType<typeof shownProof>>} shown
   * @param {any} proof
   */
  function assertSameProof(shown, proof) {
    assert.equal(shown.auc, proof.auc.auc);
    assert.equal(shown.se, proof.auc.standardError);
    const byIv = [...proof.measures].sort((/** @type {any} */ a, /** @type {any} */ b) => b.informationValue - a.informationValue);
    assert.deepEqual(
      shown.measures.map((m) => [m.id, m.iv]),
      byIv.map((/** @type {any} */ m) => [m.id, m.informationValue]),
    );
    assert.deepEqual(
      shown.rates,
      proof.grades.map((/** @type {any} */ g) => g.rate),
    );
    assert.equal(shown.today, proof.backtest.meanTodayAuc);
    assert.equal(shown.suggested, proof.backtest.meanFittedAuc);
  }

  test('the AUC, grades and information values are what proof() computes; planted metrics rank first', async () => {
    const expected = await scoreAsThePageDoes(server.url);
    const proof = expected.proof(undefined);
    expected.free();
    assert.ok(proof.observations > 100, `the demo has hundreds of renewals: ${proof.observations}`);
    const { page, problems } = await open(1280);
    const shown = await shownProof(page);
    assertSameProof(shown, proof);
    const order = shown.measures.map((m) => m.id ?? '');
    for (const planted of PLANTED) {
      for (const noise of NOISE) {
        assert.ok(order.indexOf(planted) >= 0 && order.indexOf(planted) < order.indexOf(noise), `${planted} above ${noise}: ${order.join(', ')}`);
      }
    }
    for (const measure of shown.measures) {
      const words = measure.iv < 0.02 ? 'Not predictive' : measure.iv < 0.1 ? 'Weak' : measure.iv <= 0.3 ? 'Medium' : 'Strong';
      assert.equal(measure.strength, words, measure.id ?? '');
    }
    const label = await page.locator('#proof-roc').getAttribute('aria-label');
    assert.match(label ?? '', /AUC \d\.\d{3} ± \d\.\d{3}/);
    assert.equal(await page.locator('#proof-roc .diagonal').count(), 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a weight change, and the suggested weights, update the proof to the figures computed here', async () => {
    const expected = await scoreAsThePageDoes(server.url);
    const before = expected.proof(undefined);
    const { page, problems } = await open(1280);
    // Renewals are scored 90 days before, inside the pre-renewal stage.
    const settings = expected.settings();
    const position = settings.scorecards.findIndex((/** @type {any} */ c) => c.stage === 'pre_renewal');
    await page.locator(`#weight-${position}-open_tickets`).fill('9');
    expected.setWeight(position, 'open_tickets', 9);
    const changed = expected.proof(undefined);
    assert.notEqual(changed.auc.auc, before.auc.auc, 'the weight moves the AUC');
    await page.waitForFunction((wanted) => document.querySelector('#proof-auc')?.getAttribute('data-value') === String(wanted), changed.auc.auc);
    assertSameProof(await shownProof(page), changed);

    // From the keyboard: the button puts the suggestion in force, unsaved.
    await page.locator('#proof-use').focus();
    await page.keyboard.press('Enter');
    expected.useSuggestedWeights(undefined);
    const used = expected.proof(undefined);
    await page.waitForFunction((wanted) => document.querySelector('#proof-auc')?.getAttribute('data-value') === String(wanted), used.auc.auc);
    assertSameProof(await shownProof(page), used);
    const inForce = expected.settings();
    expected.free();
    for (const [card, scorecard] of inForce.scorecards.entries()) {
      for (const measure of scorecard.measures) {
        assert.equal(Number(await page.locator(`#weight-${card}-${measure.id}`).inputValue()), measure.weight, measure.id);
      }
    }
    await page.locator('#proof-used').waitFor();
    const saved = await (await fetch(`${server.url}api/success/settings`)).json();
    assert.equal(saved.version, 1, 'nothing is saved until "Save settings"');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the team table shows every figure team() computes', async () => {
    const expected = await scoreAsThePageDoes(server.url);
    const team = expected.team(undefined);
    expected.free();
    const { page, problems } = await open(1280);
    const rows = page.locator('#team-table tbody tr');
    assert.equal(await rows.count(), team.owners.length);
    assert.ok(team.owners.length >= 2, `the demo has several owners: ${team.owners.length}`);
    const fields = ['accounts', 'churned', 'outcomes', 'outcomesAchieved', 'outcomesOnTrack', 'successPlans', 'milestonesOnTime', 'milestonesDue', 'playsCompleted', 'playsWithChange', 'meanHealthChange', 'medianDaysToFirstValue'];
    for (const [index, owner] of team.owners.entries()) {
      const row = rows.nth(index);
      assert.equal(await row.getAttribute('data-owner'), owner.owner ?? '');
      for (const field of fields) {
        assert.equal(await cellValue(row.locator(`[data-field="${field}"]`)), owner[field], `${owner.owner} ${field}`);
      }
      const value = await row.locator('[data-field="annualValue"]').getAttribute('data-value');
      assert.deepEqual(JSON.parse(value ?? 'null'), owner.annualValue);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a weight out of range, or a scorecard of zeros, is refused at the field in words and changes nothing', async () => {
    const { page, problems } = await open(1280);
    const before = await page.locator('#proof-auc').getAttribute('data-value');
    const card = page.locator('#weights-body fieldset').first();
    const inputs = card.locator('input');
    const first = inputs.first();
    const label = (await card.locator('label').first().evaluate((l) => l.firstChild?.textContent ?? '')).trim();
    const stage = (await card.locator('legend').innerText()).toLowerCase();
    const note = page.locator(`#${await first.getAttribute('id')}-error`);
    for (const bad of ['-1', '1000001']) {
      await first.fill(bad);
      await page.waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', await first.elementHandle());
      assert.equal(await note.innerText(), `the weight of ${label} (${stage} scorecard) must be a number from 0 to 1,000,000, not ${Number(bad)}`);
      assert.equal(await page.locator('#proof-auc').getAttribute('data-value'), before, 'a refused weight changes nothing');
    }
    // Every weight of the scorecard at 0: the last one is refused.
    const count = await inputs.count();
    for (let i = 0; i < count; i += 1) await inputs.nth(i).fill('0');
    const last = inputs.nth(count - 1);
    assert.equal(await last.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(`#${await last.getAttribute('id')}-error`).innerText(), `at least one weight of the ${stage} scorecard must be above 0`);
    // A good weight clears the field's note.
    await first.fill('2');
    await page.waitForFunction((el) => !el?.hasAttribute('aria-invalid'), await first.elementHandle());
    assert.equal(await note.innerText(), '');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('at 1280 px every table fits its region: no figure hides behind a scroll bar', async () => {
    const { page, problems } = await open(1280);
    const tables = await page.locator('.table-scroll table').evaluateAll((all) => all.map((table) => ({ id: table.id, width: table.scrollWidth, room: table.parentElement?.clientWidth ?? 0 })));
    assert.ok(tables.some((table) => table.id === 'team-table') && tables.some((table) => table.id === 'proof-measures'), JSON.stringify(tables));
    for (const table of tables) assert.ok(table.width <= table.room, `${table.id} is ${table.width} px wide in ${table.room} px`);
    // The team's headings come in groups: each column has one heading of
    // its own, and the groups' spans cover the columns under them.
    const heads = await page.locator('#team-table').evaluate((table) => ({
      cells: table.querySelector('tbody tr')?.children.length,
      own: [...table.querySelectorAll('th[scope="col"]')].length,
      groups: [...table.querySelectorAll('th[scope="colgroup"]')].map((th) => [th.textContent, Number(th.getAttribute('colspan'))]),
      colgroups: [...table.querySelectorAll('colgroup')].reduce((sum, group) => sum + Number(group.getAttribute('span')), 0),
    }));
    assert.equal(heads.own, heads.cells);
    assert.equal(heads.colgroups, heads.cells);
    assert.deepEqual(heads.groups, [['Accounts', 3], ['Outcomes', 3], ['Milestones', 2], ['Plays', 3]]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const width of [1280, 390]) {
    test(`axe-core finds nothing in the panels at ${width} px, and the page does not overflow`, async () => {
      const { page } = await open(width);
      assert.deepEqual(await axeViolations(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `overflows by ${overflow} px at ${width}`);
      await page.close();
    });
  }
});
