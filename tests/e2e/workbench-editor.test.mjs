// The model editor inside the workbench, in Debian's Chromium against the
// real server: a benefit line added during the meeting becomes part of
// the open case at once (the inputs typed so far kept, the new output
// equal to the engine's), a broken edit keeps the last good model and
// names the problem by the item's id, and a saved case saves its next
// revision with the edited model.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { evaluate, exampleDocument, expectedOutputs, openExample, pageOutputs } from './workbench-support.mjs';

describe('the model editor in the workbench', { timeout: 180_000 }, () => {
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

  test('an output added in the editor joins the open case with the inputs typed so far', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    await page.locator('#wb-in-discount_rate').fill('11');
    await page.locator('#wb-in-discount_rate').press('Tab');
    await page.locator('#wb-editor-details > summary').click();
    const text = page.locator('#wb-editor textarea');
    await text.waitFor();
    const edited = JSON.parse(await text.inputValue());
    edited.outputs.push({ id: 'npv_per_year', label: 'NPV per year of the horizon', formula: 'npv / 5', format: { style: 'currency' } });
    await text.fill(JSON.stringify(edited, null, 2));
    const cell = page.locator('#wb-outputs [data-output="npv_per_year"]');
    await cell.waitFor();
    const expected = expectedOutputs(edited, evaluate(edited, { discount_rate: 0.11 }));
    assert.equal(await cell.textContent(), expected.npv_per_year);
    assert.deepEqual(await pageOutputs(page), expected, 'every output at the typed discount rate');
    assert.equal(await page.locator('#wb-in-discount_rate').inputValue(), '11');

    // A broken edit: the case keeps the last good model, the problem is named by id.
    const broken = structuredClone(edited);
    broken.inputs.find((/** @type {any} */ input) => input.id === 'training_cost').max = 'lots';
    await text.fill(JSON.stringify(broken, null, 2));
    await page.locator('#wb-editor', { hasText: 'inputs[training_cost].max' }).waitFor();
    assert.deepEqual(await pageOutputs(page), expected, 'the last good model stays');
    await page.close();
  });

  test('a saved case saves its next revision with the edited model', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'saas-roi');
    const original = exampleDocument('saas-roi');
    const created = await page.evaluate(async (document) => {
      const body = { schema: 'yardstick/case@1', title: 'Editor case', customer: { id: 'acme', name: 'Acme' }, model: { id: document.id, version: document.version, document }, inputs: {}, step: 'business_review', author: 'Test' };
      const response = await fetch('/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    }, original);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    await page.goto(`${server.url}workbench.html?case=${id}`);
    await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
    await page.locator('#wb-editor-details > summary').click();
    const text = page.locator('#wb-editor textarea');
    await text.waitFor();
    const edited = JSON.parse(await text.inputValue());
    edited.version = '1.1.0';
    const first = /** @type {{ id: string }} */ (edited.outputs[0]);
    edited.outputs.push({ id: 'twice_first', label: 'Twice the first output', formula: `${first.id} * 2` });
    await text.fill(JSON.stringify(edited, null, 2));
    await page.locator('#wb-outputs [data-output="twice_first"]').waitFor();
    await page.locator('#wb-case-author').fill('Ada');
    await page.locator('#wb-save-case').click();
    // Bounded polling: the save is one request.
    let answer = null;
    for (let attempt = 0; attempt < 60 && !answer; attempt += 1) {
      const latest = await (await fetch(`${server.url}api/cases/${id}`)).json();
      if (latest.revision === 2) answer = latest;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(answer, 'revision 2 was saved');
    assert.equal(answer.case.model.version, '1.1.0');
    assert.ok(answer.case.model.document.outputs.some((/** @type {{ id: string }} */ o) => o.id === 'twice_first'));
    await page.close();
  });
});
