// Saved cases in the workbench (www/workbench/case-panel.js and friends)
// against the real server and engine in Debian's Chromium: a new case is
// saved and reopened by its address with the same inputs, sources,
// scenarios and outputs; a revision's inputs diff shows in the history; a
// second browser saving over an old revision gets the conflict view, and
// "save mine as a copy" keeps both versions (checked through the API)
// while "load theirs" needs a confirmation; a refused save names the
// server's path and keeps what was typed; duplicate, compare, read-only
// revisions and restore; a step move is a revision the pipeline shows;
// unknown cases and a server that cannot be reached are said plainly;
// everything works from the keyboard; axe finds nothing with the save
// form, the history and the conflict open, at 1280 and 390 px.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { STEP_TIMEOUT_MS, evaluate, exampleDocument, expectedOutputs, formatted, openExample, pageOutputs } from './workbench-support.mjs';

const SHOTS = process.env.WORKBENCH_SHOTS ?? '';
const MODEL_ID = 'business-case-5y';

/**
 * The server's answer to a request made outside the page.
 * @param {string} url
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [init]
 */
async function api(url, path, init = {}) {
  const response = await fetch(new URL(path, url), {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Fills the save form and saves; resolves once the page says which revision it saved.
 * @param {import('playwright-core').Page} page
 * @param {{ title?: string, customerName?: string, customerId?: string, author?: string }} fields
 * @param {number} revision  the revision the save should make
 */
async function saveCase(page, fields, revision) {
  if (fields.title !== undefined) await page.locator('#wb-case-title').fill(fields.title);
  if (fields.customerName !== undefined) await page.locator('#wb-case-customer-name').fill(fields.customerName);
  if (fields.customerId !== undefined) await page.locator('#wb-case-customer-id').fill(fields.customerId);
  if (fields.author !== undefined) await page.locator('#wb-case-author').fill(fields.author);
  await page.locator('#wb-save-case').click();
  await page.locator('#wb-step-notes').filter({ hasText: new RegExp(`revision ${revision}\\b`) }).waitFor();
}

/** @param {import('playwright-core').Page} page */
const caseIdOf = async (page) => Number(new URL(page.url()).searchParams.get('case'));

/**
 * @param {import('playwright-core').Page} page
 * @param {string} id
 * @param {string} text
 */
async function typeInput(page, id, text) {
  const field = page.locator(`#wb-in-${id}`);
  await field.fill(text);
  await field.press('Tab');
}

/**
 * Screenshots one part of the page (to look at) when WORKBENCH_SHOTS names a folder.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} [selector]
 */
async function shoot(page, name, selector = '.wb-saved-case') {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.locator(selector).screenshot({ path: `${SHOTS}/${name}.png` });
}

describe('saved cases in the workbench', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  const document = exampleDocument(MODEL_ID);
  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '290']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a new case is saved, and its address reopens the same inputs, sources, scenarios and outputs', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    await typeInput(page, 'implementation_cost', '150000');
    await page.locator('[data-input="implementation_cost"] summary').click();
    await page.locator('#wb-src-implementation_cost-who').fill('Acme CFO');
    await page.locator('#wb-src-implementation_cost-basis').selectOption('customer');
    await page.locator('#wb-src-implementation_cost-note').fill('Quote of 12 May');
    await page.locator('#wb-scenario-name').fill('Cautious');
    await page.locator('#wb-scenario-name').press('Enter');
    await page.locator('th[data-column="saved:0"]').waitFor();
    await page.locator('#wb-locale').fill('en-GB');
    await page.locator('#wb-currency').fill('GBP');
    await page.locator('#wb-settings-form button').click();
    assert.equal(await page.locator('#wb-case-status').textContent(), 'This case is not saved yet.');
    await saveCase(page, { title: 'Acme: support desk', customerName: 'Acme Corp', author: 'Ada' }, 1);
    assert.equal(await page.locator('#wb-case-customer-id').inputValue(), 'acme-corp', 'the id follows the name until typed');
    const id = await caseIdOf(page);
    assert.ok(id >= 1, page.url());
    assert.equal(new URL(page.url()).hash, '');
    assert.match(await page.locator('#wb-case-status').textContent() ?? '', new RegExp(`Case ${id}, revision 1, saved by Ada .* no unsaved changes`));

    // What the server stored is the page's case, in the document's words.
    const stored = (await api(server.url, `/api/cases/${id}`)).body;
    assert.equal(stored.case.inputs.implementation_cost, 150000);
    assert.deepEqual(stored.case.sources.implementation_cost, { by: 'Acme CFO', basis: 'customer data', note: 'Quote of 12 May' });
    assert.deepEqual(stored.case.scenarios.map((/** @type {any} */ s) => [s.id, s.label]), [['cautious', 'Cautious']]);
    assert.equal(stored.case.settings.locale, 'en-GB');
    assert.equal(stored.case.settings.currency, 'GBP');
    assert.deepEqual(stored.case.customer, { id: 'acme-corp', name: 'Acme Corp' });
    assert.equal(stored.case.step, 'business_review');
    assert.deepEqual(stored.case.model.document, document);
    const before = await pageOutputs(page);
    assert.deepEqual(before, expectedOutputs(document, evaluate(document, stored.case.inputs), 'en-GB', 'GBP'));

    await page.reload();
    await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
    assert.deepEqual(await pageOutputs(page), before);
    assert.equal(await page.locator('#wb-in-implementation_cost').inputValue(), '150000');
    assert.equal(await page.locator('#wb-src-implementation_cost-who').inputValue(), 'Acme CFO');
    assert.equal(await page.locator('#wb-src-implementation_cost-basis').inputValue(), 'customer');
    assert.equal(await page.locator('#wb-src-implementation_cost-note').inputValue(), 'Quote of 12 May');
    assert.match(await page.locator('th[data-column="saved:0"]').textContent() ?? '', /Cautious/);
    assert.equal(await page.locator('#wb-locale').inputValue(), 'en-GB');
    assert.equal(await page.locator('#wb-case-title').inputValue(), 'Acme: support desk');
    assert.equal(await page.locator('#wb-customer-line').textContent(), 'Prepared for Acme Corp');
    assert.match(await page.locator('#wb-case-status').textContent() ?? '', /revision 1, .* no unsaved changes/);
    // Saved again as opened: a revision that changes nothing.
    await page.locator('#wb-case-author').fill('Ada');
    await page.locator('#wb-save-case').click();
    await page.locator('tr[data-revision="2"]').waitFor();
    assert.deepEqual((await api(server.url, `/api/cases/${id}`)).body.changes, { inputs: 0, sources: 0, scenarios: 0, settings: 0, fields: [] });
    assert.equal(await page.locator('tr[data-revision="2"] .wb-change-summary').textContent(), 'no changes');
    // A share link of a saved case is the page with the case in its
    // fragment; the address keeps naming the saved case.
    await page.locator('#wb-share').click();
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById('wb-share-link')).value.includes('#case='));
    const link = new URL(await page.locator('#wb-share-link').inputValue());
    assert.equal(link.search, '');
    assert.equal(new URL(page.url()).searchParams.get('case'), String(id));
    assert.equal(new URL(page.url()).hash, '');
    await page.close();
  });

  test('an edit saved is revision 2, with its inputs diff in the history; compare 1 and 2; open 1 read-only and restore it', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    await saveCase(page, { title: 'Globex rollout', customerName: 'Globex', author: 'Ada' }, 1);
    const id = await caseIdOf(page);
    await typeInput(page, 'implementation_cost', '155000');
    await page.locator('#wb-case-status').filter({ hasText: 'unsaved changes' }).waitFor();
    await saveCase(page, { author: 'Grace' }, 2);
    const row = page.locator('tr[data-revision="2"]');
    await row.waitFor();
    assert.match(await row.textContent() ?? '', /Grace/);
    assert.match(await row.locator('.wb-change-summary').textContent() ?? '', /^1 input$/);
    await row.getByRole('button', { name: 'What changed in revision 2' }).click();
    const costLabel = document.inputs.find((/** @type {any} */ i) => i.id === 'implementation_cost').label;
    const was = formatted(document.inputs.find((/** @type {any} */ i) => i.id === 'implementation_cost').default, { style: 'currency', decimals: 0 });
    const now = formatted(155000, { style: 'currency', decimals: 0 });
    await page.locator('#wb-revision-2-changes li').filter({ hasText: `${costLabel}: ${was} → ${now}` }).waitFor();

    await page.locator('#wb-compare-from').selectOption('1');
    await page.locator('#wb-compare-to').selectOption('2');
    await page.locator('#wb-compare-form button').click();
    await page.locator('#wb-compare-result li').filter({ hasText: `${costLabel}: ${was} → ${now}` }).waitFor();
    assert.equal(await page.locator('#wb-compare-result li').count(), 1);

    await page.locator('[data-open-revision="1"]').click();
    await page.locator('#wb-readonly:not([hidden])').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('revision'), '1');
    assert.equal(await page.locator('#wb-in-implementation_cost').isDisabled(), true);
    assert.equal(await page.locator('#wb-save-case').isDisabled(), true);
    await shoot(page, 'read-only-1280');
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document)));
    // Trying a scenario on the old revision changes nothing that is restored.
    await page.locator('[data-focus-key="apply:model:optimistic"]').click();
    await page.locator('#wb-restore').click();
    await page.locator('#wb-step-notes').filter({ hasText: 'Revision 1 restored as revision 3' }).waitFor();
    assert.equal(await page.locator('#wb-in-implementation_cost').isDisabled(), false);
    const latest = (await api(server.url, `/api/cases/${id}`)).body;
    assert.equal(latest.revision, 3);
    assert.equal(latest.case.inputs.implementation_cost, document.inputs.find((/** @type {any} */ i) => i.id === 'implementation_cost').default);
    const first = (await api(server.url, `/api/cases/${id}/revisions/1`)).body;
    assert.deepEqual({ ...latest.case, author: 'x' }, { ...first.case, author: 'x' });
    assert.match(await page.locator('#wb-case-status').textContent() ?? '', /revision 3, .* no unsaved changes/);
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document)));
    await page.close();
  });

  test('two browsers on one case: the second save gets the conflict view; a copy keeps both; loading theirs asks first', async () => {
    const pageA = await browser.context.newPage();
    await openExample(pageA, server.url, MODEL_ID);
    await saveCase(pageA, { title: 'Initech', customerName: 'Initech', author: 'Ada' }, 1);
    const id = await caseIdOf(pageA);
    const other = await launchBrowser();
    try {
      const pageB = await other.context.newPage();
      pageB.setDefaultTimeout(STEP_TIMEOUT_MS);
      await pageB.goto(`${server.url}workbench.html?case=${id}`);
      await pageB.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });

      await typeInput(pageA, 'implementation_cost', '160000');
      await saveCase(pageA, {}, 2);
      await typeInput(pageB, 'training_cost', '41000');
      await pageB.locator('#wb-case-author').fill('Bob');
      await pageB.locator('#wb-save-case').click();
      const conflict = pageB.locator('#wb-conflict:not([hidden])');
      await conflict.waitFor();
      assert.match(await conflict.locator('h3').textContent() ?? '', /Someone saved revision 2 while you were working on revision 1/);
      assert.ok(await pageB.evaluate(() => document.activeElement?.id === 'wb-conflict-heading'), 'focus moves to the conflict');
      const costLabel = document.inputs.find((/** @type {any} */ i) => i.id === 'implementation_cost').label;
      assert.match(await conflict.locator('li').first().textContent() ?? '', new RegExp(`${costLabel}: .* → ${formatted(160000, { style: 'currency', decimals: 0 }).replace(/[$]/g, '\\$')}`));
      assert.equal(await pageB.locator('#wb-in-training_cost').inputValue(), '41000', 'nothing typed is lost');
      // Their revision is in the history, with who saved it.
      assert.match(await pageB.locator('tr[data-revision="2"]').textContent() ?? '', /Ada.*1 input/);
      assert.equal((await api(server.url, `/api/cases/${id}`)).body.case.inputs.implementation_cost, 160000);
      await shoot(pageB, 'conflict-1280');

      await pageB.locator('#wb-save-mine-copy').click();
      await pageB.locator('#wb-step-notes').filter({ hasText: `Case ${id} keeps its own revisions` }).waitFor();
      const copyId = await caseIdOf(pageB);
      assert.notEqual(copyId, id);
      const original = (await api(server.url, `/api/cases/${id}`)).body;
      const copy = (await api(server.url, `/api/cases/${copyId}`)).body;
      assert.equal(original.revision, 2);
      assert.equal(original.case.inputs.implementation_cost, 160000);
      assert.equal(original.case.inputs.training_cost, document.inputs.find((/** @type {any} */ i) => i.id === 'training_cost').default);
      assert.equal(copy.revision, 1);
      assert.equal(copy.case.inputs.training_cost, 41000);
      assert.equal(copy.case.title, 'Initech (copy)');
      assert.equal(copy.author, 'Bob');

      // Back on the original, behind again: load theirs, after a confirmation.
      await pageB.goto(`${server.url}workbench.html?case=${id}`);
      await pageB.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
      await typeInput(pageA, 'implementation_cost', '170000');
      await saveCase(pageA, {}, 3);
      await typeInput(pageB, 'training_cost', '42000');
      await pageB.locator('#wb-save-case').click();
      await conflict.waitFor();
      await pageB.locator('#wb-load-theirs').click();
      assert.equal(await pageB.locator('#wb-in-training_cost').inputValue(), '42000', 'nothing is discarded before the confirmation');
      await pageB.locator('#wb-cancel-discard').click();
      assert.equal(await pageB.locator('#wb-in-training_cost').inputValue(), '42000');
      await pageB.locator('#wb-load-theirs').click();
      await pageB.locator('#wb-confirm-discard').click();
      await pageB.locator('#wb-case-status').filter({ hasText: `Case ${id}, revision 3` }).waitFor();
      assert.equal(await pageB.locator('#wb-in-implementation_cost').inputValue(), '170000');
      assert.notEqual(await pageB.locator('#wb-in-training_cost').inputValue(), '42000');
      assert.equal(await pageB.locator('#wb-conflict').isHidden(), true);
    } finally {
      await other.close();
    }
    await pageA.close();
  });

  test('a refused save shows the server’s reason and path beside the field, and keeps everything typed', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    await typeInput(page, 'implementation_cost', '123456');
    await page.locator('#wb-case-title').fill('Umbrella');
    await page.locator('#wb-case-customer-name').fill('Umbrella');
    await page.locator('#wb-case-customer-id').fill('Umbrella Corp');
    await page.locator('#wb-case-author').fill('Ada');
    await page.locator('#wb-save-case').click();
    const error = page.locator('#wb-save-error:not([hidden])');
    await error.waitFor();
    assert.equal(await error.locator('li[data-path="customer.id"]').count(), 1, await error.textContent() ?? '');
    assert.match(await error.textContent() ?? '', /must be 1 to 64 of A-Z a-z 0-9/);
    assert.equal(await page.locator('#wb-case-customer-id').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.evaluate(() => document.activeElement?.id === 'wb-case-customer-id'), 'the refused field has focus');
    assert.equal(await page.locator('#wb-case-customer-id').inputValue(), 'Umbrella Corp');
    await shoot(page, 'refused-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'refused-390');
    assert.deepEqual(await axeViolations(page), [], 'axe with a refused save');
    assert.equal(await page.locator('#wb-in-implementation_cost').inputValue(), '123456');
    assert.equal(new URL(page.url()).searchParams.get('case'), null, 'nothing was saved');
    await page.locator('#wb-case-customer-id').fill('umbrella');
    await saveCase(page, {}, 1);
    assert.equal(await error.count(), 0);
    await page.close();
  });

  test('saved cases are listed by customer, opened and duplicated; a step move is a revision the pipeline shows', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    await saveCase(page, { title: 'Hooli platform', customerName: 'Hooli', author: 'Ada' }, 1);
    const id = await caseIdOf(page);
    assert.equal(await page.locator('#wb-pipeline-link').getAttribute('href'), 'pipeline.html?customer=hooli');

    await page.locator('#wb-case-step').selectOption('high_level_case');
    await page.locator('#wb-move-step').click();
    await page.locator('#wb-step-notes').filter({ hasText: 'Moved to High-level business case: revision 2' }).waitFor();
    assert.match(await page.locator('#wb-case-status').textContent() ?? '', /revision 2, .* no unsaved changes/);
    const figures = (await api(server.url, `/api/cases/${id}`)).body.figures;
    assert.match(await page.locator('[data-note="verdict"]').textContent() ?? '', new RegExp(`scorecard: ${figures.verdict.verdict} \\(grade ${figures.verdict.grade}`));
    const pipeline = (await api(server.url, '/api/pipeline?customer=hooli')).body;
    assert.deepEqual(pipeline.cases.map((/** @type {any} */ c) => [c.id, c.step]), [[id, 'high_level_case']]);
    const summary = await page.locator('tr[data-revision="2"] .wb-change-summary').textContent();
    assert.equal(summary, 'pipeline step');
    if (!figures.verdict.highLevelCasePositive) {
      assert.match(await page.locator('[data-note="without-positive-case"]').textContent() ?? '', /without a positive high-level business case/);
    }

    await page.locator('#wb-list-customer').fill('hooli');
    await page.locator('#wb-list-form button').click();
    const listed = page.locator(`#wb-case-list tr[data-case="${id}"]`);
    await listed.waitFor();
    assert.match(await listed.textContent() ?? '', /Hooli platform.*Hooli \(hooli\).*High-level business case/);
    await listed.locator('[data-duplicate-case]').click();
    await page.locator('#wb-case-status').filter({ hasText: /revision 1,/ }).waitFor();
    const copyId = await caseIdOf(page);
    assert.notEqual(copyId, id);
    assert.equal(await page.locator('#wb-case-title').inputValue(), 'Hooli platform (copy)');
    assert.equal((await api(server.url, `/api/cases/${copyId}`)).body.case.step, 'high_level_case');
    await page.locator('#wb-list-form button').click();
    await page.locator(`#wb-case-list tr[data-case="${id}"] [data-open-case]`).click();
    await page.locator('#wb-case-status').filter({ hasText: `Case ${id}, revision 2` }).waitFor();
    assert.equal(await caseIdOf(page), id);
    // Unsaved changes are only dropped after a confirmation.
    await typeInput(page, 'training_cost', '47000');
    /** @type {string[]} */
    const asked = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator(`#wb-case-list tr[data-case="${copyId}"] [data-open-case]`).click();
    await page.waitForTimeout(300);
    assert.deepEqual(asked, [`Case ${id} has unsaved changes. Discard them?`]);
    assert.equal(await caseIdOf(page), id);
    assert.equal(await page.locator('#wb-in-training_cost').inputValue(), '47000');
    // Leaving the page asks too.
    const leaving = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(leaving, true, 'unsaved changes hold the page');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator(`#wb-case-list tr[data-case="${copyId}"] [data-open-case]`).click();
    await page.locator('#wb-case-status').filter({ hasText: `Case ${copyId}, revision 1` }).waitFor();
    // The pipeline page's stalled cases open in the workbench.
    await page.goto(`${server.url}pipeline.html?customer=hooli&stalledAfterDays=0`);
    await page.locator(`a[href="./workbench.html?case=${id}"]`).first().click();
    await page.locator('#wb-case-status').filter({ hasText: `Case ${id}, revision 2` }).waitFor();
    assert.equal(await page.locator('#wb-case-step').inputValue(), 'high_level_case');
    await page.close();
  });

  test('"saved by" is kept for the tab, and on the device only when the box is ticked', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    await saveCase(page, { title: 'Names', customerName: 'Names Inc', author: 'Tab Only' }, 1);
    await page.reload();
    await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#wb-case-author').inputValue(), 'Tab Only', 'kept for the tab');
    const other = await browser.context.newPage();
    await openExample(other, server.url, MODEL_ID);
    assert.equal(await other.locator('#wb-case-author').inputValue(), '', 'not kept beyond the tab');
    await page.locator('#wb-case-author').fill('Remembered');
    await page.locator('#wb-case-remember').check();
    await saveCase(page, {}, 2);
    await other.reload();
    await other.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await other.locator('#wb-case-author').inputValue(), 'Remembered');
    assert.equal(await other.locator('#wb-case-remember').isChecked(), true);
    await other.locator('#wb-case-remember').uncheck();
    assert.equal(await other.evaluate(() => localStorage.getItem('yardstick.workbench.author')), null, 'unticking forgets it');
    await other.close();
    await page.close();
  });

  test('an unknown case, a malformed address and a server that cannot be reached are said plainly', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${server.url}workbench.html?case=987654`);
    await page.locator('#wb-open-error:not([hidden])').filter({ hasText: 'There is no saved case 987654 on this server' }).waitFor();
    assert.equal(await page.locator('#wb-case').isHidden(), true);
    await page.goto(`${server.url}workbench.html?case=abc`);
    await page.locator('#wb-open-error:not([hidden])').filter({ hasText: '“abc” is not a saved case number' }).waitFor();
    await page.route('**/api/cases/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${server.url}workbench.html?case=1`);
    await page.locator('#wb-open-error:not([hidden])').filter({ hasText: 'the server could not be reached' }).waitFor();
    await page.close();
  });

  test('save, conflict and the history from the keyboard alone; axe finds nothing at 1280 and 390 px', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, MODEL_ID);
    /** Tabs until the element matching `selector` has focus. */
    const tabTo = async (/** @type {string} */ selector) => {
      for (let step = 0; step < 300; step++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      assert.fail(`Tab never reached ${selector}`);
    };
    await page.keyboard.press('Tab');
    await tabTo('#wb-case-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Keyboard case');
    await tabTo('#wb-case-customer-name');
    await page.keyboard.type('Stark Industries');
    await tabTo('#wb-case-author');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await page.locator('#wb-step-notes').filter({ hasText: 'revision 1' }).waitFor();
    const id = await caseIdOf(page);
    assert.deepEqual((await api(server.url, `/api/cases/${id}`)).body.case.customer, { id: 'stark-industries', name: 'Stark Industries' });

    // Someone else saves meanwhile (through the API).
    const theirs = (await api(server.url, `/api/cases/${id}`)).body;
    theirs.case.inputs.implementation_cost = 99000;
    assert.equal((await api(server.url, `/api/cases/${id}`, { method: 'PUT', body: { baseRevision: 1, case: { ...theirs.case, author: 'Eve' } } })).status, 200);
    await page.locator('#wb-in-training_cost').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('43000');
    await tabTo('#wb-case-author');
    await page.keyboard.press('Enter');
    await page.locator('#wb-conflict:not([hidden])').waitFor();
    assert.ok(await page.evaluate(() => document.activeElement?.id === 'wb-conflict-heading'));
    await page.locator('tr[data-revision="1"]').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.deepEqual(await axeViolations(page), [], 'axe at 1280 px with the save form, history and conflict open');
    await shoot(page, 'saved-case-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await axeViolations(page), [], 'axe at 390 px');
    await shoot(page, 'saved-case-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.keyboard.press('Tab');
    await tabTo('#wb-save-mine-copy');
    await page.keyboard.press('Enter');
    await page.locator('#wb-step-notes').filter({ hasText: `Case ${id} keeps its own revisions` }).waitFor();
    const copyId = await caseIdOf(page);
    assert.equal((await api(server.url, `/api/cases/${copyId}`)).body.case.inputs.training_cost, 43000);

    // The history and a comparison, by keyboard.
    await typeInput(page, 'training_cost', '44000');
    await tabTo('#wb-case-author');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-revision="2"]').waitFor();
    await tabTo('tr[data-revision="2"] button[aria-expanded]');
    await page.keyboard.press('Enter');
    await page.locator('#wb-revision-2-changes li').first().waitFor();
    await tabTo('#wb-compare-form button');
    await page.keyboard.press('Enter');
    await page.locator('#wb-compare-result li').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe with the history expanded and a comparison');
    await shoot(page, 'history-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone each revision is a card: nothing scrolls sideways, and the
    // changes sit under the revision, labelled, not in a clipped column.
    const history = await page.locator('.wb-history-scroll').evaluate((box) => {
      const row = /** @type {HTMLElement} */ (box.querySelector('tr[data-revision="2"]'));
      const changes = /** @type {HTMLElement} */ (row.querySelector('.wb-summary-cell'));
      return {
        overflow: box.scrollWidth - box.clientWidth,
        indent: changes.getBoundingClientRect().left - row.getBoundingClientRect().left,
        label: getComputedStyle(changes, '::before').content,
      };
    });
    assert.ok(history.overflow <= 1, `the history fits 390 px (overflow ${history.overflow} px)`);
    assert.ok(Math.abs(history.indent) < 12, `the changes start at the card's edge (${history.indent} px in)`);
    assert.equal(history.label, '"Changes: "');
    assert.deepEqual(await axeViolations(page), [], 'axe with the history as cards at 390 px');
    await shoot(page, 'history-390');

    await page.locator('#wb-list-form button').click();
    await page.locator('#wb-case-list tr').nth(1).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe with the saved cases listed');
    await shoot(page, 'list-390', '.wb-open');
    await page.close();
  });
});
