// The workbench's share link, files, keyboard, accessibility and print, in
// Debian's Chromium against the real server: a link reproduces the case
// exactly and its receipt matches; a link made with another version of
// the model says so plainly; a damaged link is refused with a clear
// message; a model file opens by the file input and by drag and drop, a
// broken one lists every diagnostic and keeps the open case; everything
// works from the keyboard; axe finds nothing at 1280 and 390 px; the
// executive summary prints on one or two A4 pages.

import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { chooseFiles, launchBrowser, startServer } from './harness.mjs';
import { engine, evaluate, exampleDocument, expectedOutputs, openExample, pageOutputs } from './workbench-support.mjs';

/**
 * A share fragment as a page that knew another version of the model
 * would have made it: the case, and the receipt that version gave.
 * @param {object} state
 * @param {string} receiptHash
 */
function fragmentOf(state, receiptHash) {
  const json = JSON.stringify({ format: 1, madeAt: '2026-01-15T10:00:00.000Z', receiptHash, state });
  return `case=${zlib.deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

describe('sharing, files, keyboard, axe and print in the workbench', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '290']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a share link reproduces inputs, sources, scenarios, locale and outputs exactly, and its receipt matches', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    await page.locator('#wb-in-implementation_cost').fill('152500');
    await page.locator('#wb-in-adoption_year1').fill('45');
    await page.locator('[data-input="implementation_cost"] summary').click();
    await page.locator('#wb-src-implementation_cost-who').fill('Acme IT (M. Chen)');
    await page.locator('#wb-src-implementation_cost-basis').selectOption('customer');
    await page.locator('#wb-src-implementation_cost-note').fill('Statement of work, March');
    await page.locator('#wb-scenario-name').fill('Workshop');
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await page.locator('#wb-customer').fill('Acme GmbH');
    await page.locator('#wb-locale').fill('de-DE');
    await page.locator('#wb-currency').fill('eur');
    await page.getByRole('button', { name: 'Apply' }).click();
    const inputs = { implementation_cost: 152500, adoption_year1: 0.45 };
    const expected = expectedOutputs(document, evaluate(document, inputs), 'de-DE', 'EUR');
    assert.deepEqual(await pageOutputs(page), expected);
    const hash = await page.locator('#wb-receipt-hash').textContent();
    const model = engine.Model.compile(document);
    assert.equal(hash, model.receipt(inputs).hash, "the page's receipt is the engine's");
    model.free();
    await page.getByRole('button', { name: 'Make a share link' }).click();
    await page.locator('#wb-share-status').filter({ hasText: /Link copied|selected/ }).waitFor();
    const link = await page.locator('#wb-share-link').inputValue();
    assert.match(link, /workbench\.html\?model=.*#case=[A-Za-z0-9_-]+$/);
    await page.close();

    const other = await browser.context.newPage();
    other.setDefaultTimeout(15_000);
    await other.goto(link);
    await other.locator('#wb-link-status[data-match="true"]').waitFor();
    assert.deepEqual(await pageOutputs(other), expected);
    assert.equal(await other.locator('#wb-receipt-hash').textContent(), hash);
    assert.equal(await other.locator('[data-hash="link"]').textContent(), hash);
    assert.equal(await other.locator('#wb-in-implementation_cost').inputValue(), '152500');
    assert.equal(await other.locator('#wb-in-adoption_year1').inputValue(), '45');
    assert.equal(await other.locator('#wb-src-implementation_cost-who').inputValue(), 'Acme IT (M. Chen)');
    assert.equal(await other.locator('#wb-src-implementation_cost-basis').inputValue(), 'customer');
    assert.match(await other.locator('.wb-assumptions [data-input="implementation_cost"]').textContent() ?? '', /Customer's own data · Acme IT \(M\. Chen\) · Statement of work, March/);
    assert.equal(await other.locator('#wb-customer-line').textContent(), 'Prepared for Acme GmbH');
    assert.equal(await other.locator('#wb-currency').inputValue(), 'EUR');
    assert.ok(await other.locator('th[data-column="saved:0"]').filter({ hasText: 'Workshop' }).count());
    await other.close();
  });

  test('a link made with another version of the model says the model changed', async () => {
    const document = exampleDocument('business-case-5y');
    const earlier = { ...document, version: '0.9.0', inputs: document.inputs.map((/** @type {any} */ input) => (input.id === 'discount_rate' ? { ...input, default: 0.07 } : input)) };
    const model = engine.Model.compile(earlier);
    const inputs = model.current().inputs;
    const hash = model.receipt(inputs).hash;
    model.free();
    const state = {
      model: { kind: 'served', url: '/models/business-case-5y.json', id: 'business-case-5y', version: '0.9.0' },
      customer: 'Acme', inputs, scenario: null, saved: [], sources: {}, locale: 'en-US', currency: 'USD',
      monteCarlo: { seed: 7, trials: 5000, paybackWithinMonths: 24 }, verdict: {},
    };
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}workbench.html#${fragmentOf(state, hash)}`);
    const status = page.locator('#wb-link-status[data-match="false"]');
    await status.waitFor();
    assert.match(await status.textContent() ?? '', /The model has changed since this link was made: it was version 0\.9\.0, it is now version 1\.0\.0/);
    assert.equal(await page.locator('[data-hash="link"]').textContent(), hash);
    // The link's inputs are applied to today's model.
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document, inputs)));
    assert.equal(await page.locator('#wb-in-discount_rate').inputValue(), '7');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test('a damaged link is refused with a clear message', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    for (const [fragment, message] of [
      ['case=abc$%def', /^This link is damaged: it has characters/],
      ['case=' + zlib.deflateRawSync(Buffer.from('{"format":1}'.repeat(40))).toString('base64url').slice(0, 30), /This link is damaged: its case cannot be unpacked/],
      [`case=${zlib.deflateRawSync(Buffer.from('{"format":1,"state":{}}')).toString('base64url')}`, /This link is damaged: the model it names is unreadable/],
      [`case=${zlib.deflateRawSync(Buffer.from('{"format":7}')).toString('base64url')}`, /made by another version of the workbench/],
    ]) {
      await page.goto(`${server.url}workbench.html#${fragment}`);
      await page.locator('#wb-open-error:not([hidden])').filter({ hasText: message }).waitFor();
      assert.equal(await page.locator('#wb-case').isHidden(), true);
    }
    await page.close();
  });

  test('a model file opens from the file input and by drag and drop; a broken one lists every diagnostic and keeps the case', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'saas-roi');
    const document = exampleDocument('business-case-5y');
    await chooseFiles(page.locator('#wb-file'), [['case.json', JSON.stringify(document)]]);
    await page.locator('#wb-title').filter({ hasText: document.title }).waitFor();
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document)));

    const broken = { ...document, inputs: [{ ...document.inputs[0], section: 'costz' }, ...document.inputs.slice(1)], outputs: [{ id: 'npv', label: 'NPV', formula: 'NPV(' }] };
    const drop = async (/** @type {string} */ name, /** @type {string} */ text) => {
      const transfer = await page.evaluateHandle(([fileName, content]) => {
        const data = new DataTransfer();
        data.items.add(new File([content], fileName, { type: 'application/json' }));
        return data;
      }, [name, text]);
      await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
      await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    };
    await drop('broken.json', JSON.stringify(broken));
    const error = page.locator('#wb-open-error:not([hidden])');
    await error.waitFor();
    assert.match(await error.textContent() ?? '', /broken\.json is not a valid model: the engine found \d+ problems/);
    const paths = await error.locator('li code').allTextContents();
    assert.ok(paths.includes('inputs[licence_setup_cost].section'), paths.join());
    assert.ok(paths.includes('outputs[npv].formula'), paths.join());
    assert.equal(await page.locator('#wb-title').textContent(), document.title, 'the open case stays');
    await drop('notes.json', 'this is not JSON');
    await error.filter({ hasText: 'notes.json is not JSON' }).waitFor();
    const saas = exampleDocument('saas-roi');
    await drop('saas.json', JSON.stringify(saas));
    await page.locator('#wb-title').filter({ hasText: saas.title }).waitFor();
    assert.equal(await error.count(), 0);
    // A URL that cannot be fetched.
    await page.locator('#wb-url').fill('/models/no-such-model.json');
    await page.locator('#wb-open-url button').click();
    await page.locator('#wb-open-error:not([hidden])').filter({ hasText: 'could not be fetched: the server answered 404' }).waitFor();
    await page.close();
  });

  test('everything works from the keyboard alone', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    /** Tabs until the element with `id` (or matching `selector`) has focus. */
    const tabTo = async (/** @type {string} */ selector) => {
      for (let step = 0; step < 250; step++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      assert.fail(`Tab never reached ${selector}`);
    };
    await page.keyboard.press('Tab');
    await tabTo('#wb-in-training_cost');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('42000');
    const expected = expectedOutputs(document, evaluate(document, { training_cost: 42000 }));
    await page.waitForFunction((npv) => document.querySelector('[data-output="npv"]')?.textContent === npv, expected.npv);
    // The source editor opens and fills from the keyboard.
    await tabTo('[data-input="training_cost"] summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('HR');
    await tabTo('#wb-scenario-name');
    await page.keyboard.type('Keyboard');
    await page.keyboard.press('Enter');
    await page.locator('th[data-column="saved:0"]').waitFor();
    await tabTo('[data-focus-key="apply:model:optimistic"]');
    await page.keyboard.press('Enter');
    assert.deepEqual(await pageOutputs(page), expectedOutputs(document, evaluate(document, document.scenarios[2].inputs)));
    assert.ok(await page.evaluate(() => document.activeElement?.getAttribute('data-focus-key') === 'apply:model:optimistic'), 'focus stays on the button');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await tabTo('#wb-share');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById('wb-share-link')).value.includes('#case='));
    await tabTo('#wb-base');
    await page.keyboard.press('ArrowDown');
    await page.locator('th.wb-base-column[data-column="model:conservative"]').waitFor();
    assert.match(await page.locator('.wb-assumptions [data-input="training_cost"]').textContent() ?? '', /HR/);
    await page.close();
  });

  test('axe finds nothing at 1280 and 390 px, with sources, errors and scenarios showing', async () => {
    for (const width of [1280, 390]) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await openExample(page, server.url, 'business-case-5y');
      await page.locator('[data-input="training_cost"] summary').click();
      await page.locator('#wb-in-discount_rate').fill('90');
      await page.locator('[data-input="discount_rate"] .wb-refusal:not(:empty)').waitFor();
      await page.locator('#wb-scenario-name').fill('Saved');
      await page.getByRole('button', { name: 'Save as scenario' }).click();
      await page.locator('#wb-url').fill('/models/nope.json');
      await page.locator('#wb-open-url button').click();
      await page.locator('#wb-open-error:not([hidden])').waitFor();
      assert.deepEqual(await axeViolations(page), [], `at ${width} px`);
      await page.close();
    }
  });

  test('the executive summary prints on one or two A4 pages with the headline figures, assumptions and receipt', async () => {
    const page = await browser.context.newPage();
    await openExample(page, server.url, 'business-case-5y');
    const document = exampleDocument('business-case-5y');
    await page.locator('#wb-customer').fill('Acme GmbH');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('[data-input="discount_rate"] summary').click();
    await page.locator('#wb-src-discount_rate-who').fill('Acme treasury');
    // With every panel's findings: a finished Monte Carlo run prints too.
    await page.locator('#wb-risk button', { hasText: 'Run' }).click();
    await page.locator('#wb-risk[data-run="done"]').waitFor({ state: 'attached' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
    // What the printed page shows: the print stylesheet's DOM.
    await page.emulateMedia({ media: 'print' });
    const expected = expectedOutputs(document, evaluate(document));
    for (const [id, text] of Object.entries(expected)) {
      const cell = page.locator(`#wb-outputs [data-output="${id}"]`);
      assert.equal(await cell.textContent(), text);
      assert.ok(await cell.isVisible(), `${id} is printed`);
    }
    for (const selector of ['#wb-title', '#wb-customer-line', '.wb-scenario-table', '#wb-assumptions', '#wb-receipt-hash',
      '#wb-charts svg >> nth=0', '#wb-verdict .wb-verdict', '#wb-risk .wb-facts', '#wb-risk svg >> nth=0']) {
      assert.ok(await page.locator(selector).isVisible(), `${selector} is printed`);
    }
    for (const selector of ['.wb-open', '.wb-inputs', '.wb-settings', 'site-header', '.wb-periods', '#wb-goal', '.wb-tornado', '#wb-risk form']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is not printed`);
    }
    assert.match(await page.locator('#wb-assumptions [data-input="discount_rate"]').textContent() ?? '', /Acme treasury/);
    await page.close();
  });
});
