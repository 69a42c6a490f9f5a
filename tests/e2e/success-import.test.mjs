// The success page's CSV import (www/success/import-view.js) in Debian's
// Chromium against a real server with an empty store: a file with bad rows
// lists every problem (line, column, reason) and stores nothing (the
// server's GET /api/success/data says so); several files with problems are
// all listed, file by file, and the good file among them is not stored
// either; realised, checklist and plays files are accepted; then good files
// are stored and the portfolio shows them with the scores SuccessPortfolio
// computes here.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chooseFiles, launchBrowser, startServer } from './harness.mjs';
import { cellValue, scoreAsThePageDoes } from './success-support.mjs';

const STEP_TIMEOUT_MS = 30_000;

const BAD_ACCOUNTS = [
  'id,name,owner,annual_value,currency,contract_start,renewal',
  'north,North Ltd,dana,50000,EUR,2025-01-01,2026-01-01',
  'south,South Ltd,dana,lots,EUR,2025-01-01,2026-01-01',
  'east,East Ltd,emeka,20000,EUR,2025-13-01,2026-01-01',
].join('\n');

const GOOD_ACCOUNTS = [
  'id,name,owner,annual_value,currency,contract_start,renewal',
  'north,North Ltd,dana,50000,EUR,2025-01-01,2026-01-01',
  'south,South Ltd,emeka,20000,EUR,2025-02-01,2026-02-01',
].join('\n');

const GOOD_SIGNALS = [
  'account,date,metric,value',
  'north,2025-05-31,licence_utilisation,0.7',
  'north,2025-06-30,licence_utilisation,0.8',
  'south,2025-05-31,licence_utilisation,0.1',
  'south,2025-06-30,licence_utilisation,0.3',
].join('\n');

const BAD_SIGNALS = [
  'account,date,metric,value',
  'north,2025-05-31,licence_utilisation,0.7',
  'north,2025-06-30,licence_utilisation,lots',
].join('\n');

const BAD_PLAYS = ['account,play,alert,date,by,note', 'north,new_sponsor,,2025-13-01,,'].join('\n');

// The default settings' ids (success::settings_default).
const GOOD_CHECKLIST = ['account,list,item,date,done,note', 'north,setup,sponsor,2025-02-01,true,'].join('\n');
const GOOD_PLAYS = ['account,play,alert,date,by,note', 'south,rescue,,2025-06-15,dana,called'].join('\n');

describe('the success import', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('bad rows are all listed and nothing is stored; good files show in the portfolio', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}success.html`);
    await page.locator('#success-body .success-error, #portfolio-table').first().waitFor();

    await chooseFiles(page.locator('#import-files'), [['accounts.csv', BAD_ACCOUNTS]]);
    await page.locator('#import-form button[type="submit"]').press('Enter');
    await page.locator('.import-problems li').first().waitFor();
    const listed = await page.locator('.import-problems li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-line')}:${li.getAttribute('data-column')}`));
    assert.deepEqual(listed.sort(), ['3:annual_value', '4:contract_start']);
    assert.match(await page.locator('.import-error').innerText(), /Nothing of it was stored/);
    const stored = await (await fetch(`${server.url}api/success/data`)).json();
    assert.deepEqual(stored.accounts, []);

    // Three files, two refused: both listed, the good one not stored.
    await chooseFiles(page.locator('#import-files'), [['accounts.csv', GOOD_ACCOUNTS], ['signals.csv', BAD_SIGNALS], ['plays.csv', BAD_PLAYS]]);
    await page.locator('#import-form button[type="submit"]').press('Enter');
    await page.locator('.import-problems[data-file="plays.csv"] li').first().waitFor();
    const refusedFiles = await page.locator('.import-problems').evaluateAll((lists) => lists.map((ul) => ul.getAttribute('data-file')));
    assert.deepEqual(refusedFiles.sort(), ['plays.csv', 'signals.csv']);
    assert.equal(await page.locator('.import-problems[data-file="signals.csv"] li[data-line="3"][data-column="value"]').count(), 1);
    assert.match(await page.locator('.import-error').innerText(), /Nothing of the files was stored; no problem in accounts\.csv/);
    const stillEmpty = await (await fetch(`${server.url}api/success/data`)).json();
    assert.deepEqual(stillEmpty.accounts, []);

    await chooseFiles(page.locator('#import-files'), [['signals.csv', GOOD_SIGNALS], ['accounts.csv', GOOD_ACCOUNTS], ['checklist.csv', GOOD_CHECKLIST], ['plays.csv', GOOD_PLAYS]]);
    await page.locator('#import-form button[type="submit"]').press('Enter');
    await page.locator('#portfolio-table tr[data-account="south"]').waitFor();
    const storedLines = await page.locator('.import-stored').evaluateAll((lines) => lines.map((p) => p.textContent));
    assert.deepEqual(storedLines, ['signals.csv: 4 rows stored.', 'accounts.csv: 2 rows stored.', 'checklist.csv: 1 row stored.', 'plays.csv: 1 row stored.']);
    const expected = await scoreAsThePageDoes(server.url);
    const view = expected.portfolio(undefined);
    expected.free();
    assert.equal(view.rows.length, 2);
    for (const row of view.rows) {
      assert.notEqual(row.score, null, row.id);
      const cell = page.locator(`#portfolio-table tr[data-account="${row.id}"] [data-field="score"]`);
      assert.equal(await cellValue(cell), row.score);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
