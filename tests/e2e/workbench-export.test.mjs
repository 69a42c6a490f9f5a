// The workbench's Excel button, in Debian's Chromium against the real
// server: the export engine is fetched on the first click only, the file
// that arrives is the open case's workbook (the inputs as typed, named by
// the model), and a model the export cannot translate faithfully gets the
// engine's refusal beside the button, not a file.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chooseFiles, launchBrowser, startServer } from './harness.mjs';
import { exampleDocument, openExample } from './workbench-support.mjs';

describe('the Excel workbook from the workbench', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '170']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the first click fetches the export engine and downloads the case as typed', async () => {
    const page = await browser.context.newPage();
    const requested = /** @type {string[]} */ ([]);
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await openExample(page, server.url, 'business-case-5y');
    assert.deepEqual(requested.filter((p) => p.startsWith('/pkg-export/')), [], 'fetched before any export');
    // The case as typed: the workbook carries this value in its named cell.
    const field = page.locator('#wb-in-discount_rate');
    await field.fill('11');
    await field.press('Tab');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the Excel workbook' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'business-case-5y-1.0.0.xlsx');
    const bytes = fs.readFileSync(await file.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(requested.includes('/pkg-export/yardstick.js'), requested.join(' '));
    await page.locator('#wb-export-status', { hasText: 'Downloaded business-case-5y-1.0.0.xlsx' }).waitFor();
    // The typed input is in the workbook: the Inputs sheet's XML holds 0.11.
    const { exportWorkbook } = await import('./workbench-export-node.mjs');
    const expected = exportWorkbook(exampleDocument('business-case-5y'), { discount_rate: 0.11 });
    assert.deepEqual(bytes, Buffer.from(expected), 'the same bytes the engine gives for the typed inputs');
    await page.close();
  });

  test('a model the export cannot translate gets the refusal beside the button', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'saas-roi');
    const document = exampleDocument('saas-roi');
    const first = /** @type {{ id: string, formula: string }} */ (document.outputs[0]);
    // IRRROOTS has no Excel twin (LET, SEQUENCE and XLOOKUP now translate).
    first.formula = `COUNT(IRRROOTS({-100; 60; 60})) * 0 + (${first.formula})`;
    await chooseFiles(page.locator('#wb-file'), [['roots.json', JSON.stringify(document)]]);
    await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
    let downloaded = false;
    page.on('download', () => {
      downloaded = true;
    });
    await page.getByRole('button', { name: 'Download the Excel workbook' }).click();
    await page.locator('#wb-export-status', { hasText: 'No workbook:' }).waitFor();
    assert.match(await page.locator('#wb-export-status').textContent() ?? '', /IRRROOTS/);
    assert.equal(downloaded, false);
    await page.close();
  });
});
