// The workbench (www/workbench.html) against the real server and engine in
// Debian's Chromium: every example opens with its inputs grouped by
// section; an edit updates every output as the engine computes it (in
// Node, here); a refused value shows the engine's message and holds the
// results; the scenarios table and its differences; saving a scenario;
// the period table's totals, TSV and CSV.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { EXAMPLES, engine, evaluate, exampleDocument, expectedOutputs, formatted, layoutOf, openExample, pageOutputs } from './workbench-support.mjs';

describe('the workbench', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '230']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const id of EXAMPLES) {
    test(`${id} opens from the picker with its sections and the engine's outputs`, async () => {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.url}workbench.html`);
      const picker = page.locator('#wb-served');
      await picker.locator(`option[value="/models/${id}.json"]`).waitFor({ state: 'attached' });
      await picker.selectOption(`/models/${id}.json`);
      await page.getByRole('button', { name: 'Open' }).first().click();
      await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
      const document = exampleDocument(id);
      assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document)));
      const headings = await page.locator('#wb-input-groups section h3').allTextContents();
      assert.deepEqual(headings, document.sections.map((/** @type {any} */ s) => s.label));
      for (const section of document.sections) {
        const inSection = await page.locator(`[data-section="${section.id}"] [data-input]`).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-input')));
        assert.deepEqual(inSection, document.inputs.filter((/** @type {any} */ i) => i.section === section.id).map((/** @type {any} */ i) => i.id));
      }
      assert.equal(await page.locator('#wb-title').textContent(), document.title);
      await page.close();
    });
  }

  test('every output follows each keystroke, as the engine computes it', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    const field = page.locator('#wb-in-implementation_cost');
    await field.fill('');
    await field.pressSequentially('155000');
    const expected = expectedOutputs(document, evaluate(document, { implementation_cost: 155000 }));
    await page.waitForFunction((npv) => document.querySelector('[data-output="npv"]')?.textContent === npv, expected.npv);
    assert.deepEqual(await pageOutputs(page), expected);
    // A percent is typed in points; the unit and help are beside the field.
    const rate = page.locator('#wb-in-discount_rate');
    await rate.fill('12');
    const atTwelve = expectedOutputs(document, evaluate(document, { implementation_cost: 155000, discount_rate: 0.12 }));
    await page.waitForFunction((npv) => document.querySelector('[data-output="npv"]')?.textContent === npv, atTwelve.npv);
    assert.deepEqual(await pageOutputs(page), atTwelve);
    assert.match(await page.locator('[data-input="admin_fte"] .wb-unit').textContent() ?? '', /FTE/);
    assert.match(await page.locator('[data-input="discount_rate"] .wb-help').textContent() ?? '', /yearly return/);
    await page.close();
  });

  test("a refused value shows the engine's message and holds the results", async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    const before = await pageOutputs(page);
    const model = engine.Model.compile(document);
    /** @type {string} */
    let message = '';
    try {
      model.set('discount_rate', 0.75);
    } catch (error) {
      message = /** @type {Error} */ (error).message;
    } finally {
      model.free();
    }
    assert.ok(message, 'the engine refuses 75%');
    const rate = page.locator('#wb-in-discount_rate');
    await rate.click();
    await rate.fill('75');
    await page.locator('[data-input="discount_rate"] .wb-refusal').filter({ hasText: message }).waitFor();
    assert.equal(await rate.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#wb-held').textContent() ?? '', /held at the last valid entry/);
    assert.deepEqual(await pageOutputs(page), before);
    // Typing on from a valid prefix (7 on the way to 75) still holds the
    // value the field had when it got focus.
    await rate.fill('');
    await rate.pressSequentially('75');
    await page.locator('[data-input="discount_rate"] .wb-refusal').filter({ hasText: message }).waitFor();
    assert.deepEqual(await pageOutputs(page), before);
    // Text that is not a number: the engine's reader says so.
    await rate.fill('abc');
    assert.notEqual(await page.locator('[data-input="discount_rate"] .wb-refusal').textContent(), '');
    assert.deepEqual(await pageOutputs(page), before);
    await rate.fill('9');
    await page.locator('#wb-held:empty').waitFor({ state: 'attached' });
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document, { discount_rate: 0.09 })));
    await page.close();
  });

  test('the scenarios table shows every scenario beside this customer, with differences to the base', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    const layout = layoutOf(document);
    const npv = layout.outputs.find((/** @type {any} */ o) => o.id === 'npv');
    const irr = layout.outputs.find((/** @type {any} */ o) => o.id === 'irr');
    const headers = await page.locator('.wb-scenario-table thead th').allTextContents();
    assert.deepEqual(headers.map((t) => t.replace(/ \((base|applied)\)/g, '')), ['Output', 'This customer', 'Conservative', 'Expected', 'Optimistic']);
    const customer = evaluate(document);
    const conservative = evaluate(document, document.scenarios[0].inputs);
    const cell = (/** @type {string} */ output, /** @type {string} */ column) => page.locator(`[data-output-row="${output}"] td[data-column="${column}"]`);
    assert.equal(await cell('npv', 'model:conservative').locator('.wb-cell-value').textContent(), formatted(conservative.outputs.npv, npv));
    const delta = conservative.outputs.npv - customer.outputs.npv;
    const expectedDiff = `−${formatted(Math.abs(delta), npv)} (−${formatted(Math.abs(delta / customer.outputs.npv), { style: 'percent', decimals: 1 })})`;
    assert.equal(await cell('npv', 'model:conservative').locator('.wb-diff').textContent(), expectedDiff);
    // A percentage differs in points.
    const points = (conservative.outputs.irr - customer.outputs.irr) * 100;
    assert.equal(await cell('irr', 'model:conservative').locator('.wb-diff').textContent(), `−${new Intl.NumberFormat('en-US', { minimumFractionDigits: irr.decimals, maximumFractionDigits: irr.decimals }).format(Math.abs(points))} pp`);
    // Another base: the expected scenario equals the defaults here.
    await page.locator('#wb-base').selectOption('model:expected');
    assert.equal(await cell('npv', 'customer').locator('.wb-diff').textContent(), 'same');
    // Which inputs differ: the engine's list, over the four columns.
    const differing = await page.locator('.wb-differing [data-input-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-input-row')));
    const model = engine.Model.compile(document);
    const sets = [model.current().inputs, ...model.scenarioInputs().map((/** @type {any} */ s) => s.inputs)];
    assert.deepEqual(differing, model.differingInputs(sets));
    model.free();
    assert.ok(differing.includes('risk_adjustment'));
    await page.close();
  });

  test('the current inputs save as a named scenario, which can be applied again', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    const layout = layoutOf(document);
    await page.locator('#wb-in-training_cost').fill('45000');
    await page.locator('#wb-scenario-name').fill('Customer workshop');
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    const column = page.locator('[data-output-row="npv"] td[data-column="saved:0"] .wb-cell-value');
    const saved = evaluate(document, { training_cost: 45000 });
    assert.equal(await column.textContent(), formatted(saved.outputs.npv, layout.outputs[0]));
    // A second name that is taken is refused.
    await page.locator('#wb-scenario-name').fill('Customer workshop');
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    assert.match(await page.locator('.wb-save-scenario [role="status"]').textContent() ?? '', /already called/);
    // Apply the optimistic scenario, then the saved one again.
    await page.getByRole('button', { name: 'Use Optimistic' }).click();
    const optimistic = evaluate(document, document.scenarios[2].inputs);
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, optimistic));
    assert.equal(await page.locator('#wb-in-adoption_year1').inputValue(), '50');
    await page.getByRole('button', { name: 'Use Customer workshop' }).click();
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, saved));
    assert.equal(await page.locator('#wb-in-training_cost').inputValue(), '45000');
    await page.close();
  });

  test('the period table totals what may be added up, and copies and downloads as the engine writes it', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    const layout = layoutOf(document);
    await page.locator('#wb-in-training_cost').fill('31000');
    const evaluation = evaluate(document, { training_cost: 31000 });
    const currency = { style: 'currency', decimals: 0 };
    const total = (/** @type {string} */ id) => page.locator(`[data-series="${id}"] .wb-total`);
    await page.waitForFunction((text) => document.querySelector('[data-series="net_cash_flow"] .wb-total')?.textContent === text, formatted(evaluation.outputs.net_benefit_5y, currency));
    assert.equal(await total('total_costs').textContent(), formatted(evaluation.outputs.total_costs_5y, currency));
    assert.equal(await total('cumulative_cash_flow').getAttribute('data-total'), 'none');
    assert.equal(await total('adoption').getAttribute('data-total'), 'none');
    const periods = await page.locator('.wb-period-table thead th').allTextContents();
    assert.deepEqual(periods, ['Series', 'Start', 'Year 1', 'Year 2', 'Year 3', 'Year 4', 'Year 5', 'Total']);
    assert.equal(layout.series.length, await page.locator('.wb-period-table tbody tr').count());
    const model = engine.Model.compile(document);
    model.set('training_cost', 31000);
    const tsv = model.periodTableText('tsv');
    const csv = model.periodTableText('csv');
    model.free();
    await page.getByRole('button', { name: 'Copy as TSV' }).click();
    await page.locator('#wb-period-note').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tsv);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'business-case-5y-by-period.csv');
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    assert.equal(text, csv);
    assert.ok(text.startsWith('Series,Start,Year 1'), text);
    assert.ok(text.includes('\r\nOne-off costs,191000,0,0,0,0,0,191000\r\n'), text);
    await page.close();
  });
});
