// The models a marketer places in the server's models folder reach the
// gallery and the embed page without touching any code (the server lists
// them at GET /api/models), a file the engine refuses is named with its
// reason, and the embed page says which other sites may embed this server's
// calculators and how to allow one (make demo ALLOW_ORIGIN=...).
//
// The server runs on a temporary root whose www/, pkg/, pkg-widget/ and
// pkg-page/ (the widget's engagement tracker) are links to the
// repository's and whose models folder is its own, so the test can add
// models without touching examples/models.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;

const NEW_TITLE = 'Warehouse savings (placed by a marketer)';

describe('models placed in the models folder', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {string} */
  let root;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-site-models-'));
    for (const folder of ['www', 'pkg', 'pkg-widget', 'pkg-page']) fs.symlinkSync(path.join(repoRoot, folder), path.join(root, folder));
    const models = path.join(root, 'examples', 'models');
    fs.mkdirSync(models, { recursive: true });
    for (const file of ['saas-roi.json', 'business-case-5y.json']) fs.copyFileSync(path.join(repoRoot, 'examples', 'models', file), path.join(models, file));
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '170', '--root', root, '--allow-origin', 'https://shop.example']);
    // Placed while the server runs: no restart, no list to edit.
    const model = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', 'project-portfolio.json'), 'utf8'));
    model.id = 'warehouse-savings';
    model.title = NEW_TITLE;
    // Its author forgot a maximum: the engine advises one, on the embed page.
    delete model.inputs[0].max;
    fs.writeFileSync(path.join(models, 'warehouse-savings.json'), JSON.stringify(model));
    fs.writeFileSync(path.join(models, 'draft.json'), '{"schema": "yardstick/model@1", "id": "draft",');
    fs.writeFileSync(path.join(models, 'notes.txt'), 'not a model');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('the embed page lists every served model, and says why one is refused', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}embed-this.html`);
    const card = page.locator('section.snippet[data-file="warehouse-savings.json"]');
    await card.waitFor();
    assert.equal(await card.locator('h2').textContent(), NEW_TITLE);
    assert.match(String(await card.locator('pre code').first().textContent()), /src="http:\/\/127\.0\.0\.1:\d+\/models\/warehouse-savings\.json"/);
    const files = await page.locator('section.snippet').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-file')));
    assert.deepEqual(files, ['business-case-5y.json', 'draft.json', 'saas-roi.json', 'warehouse-savings.json']);
    const refused = page.locator('section.snippet[data-file="draft.json"] .model-problem');
    assert.match(String(await refused.textContent()), /not valid JSON/);
    // The engine's advice shows under the card of a model that loads, and
    // only there.
    const advice = card.locator('.model-advice[role="note"]');
    assert.equal(await advice.locator('h3').textContent(), 'Advice');
    assert.deepEqual(await advice.locator('li').allTextContents(), [
      "inputs[value_a].max: 'Project A (Automated invoice matching): value over 3 years' has no maximum: a visitor can enter any amount (1e300); give it a max that no real customer exceeds",
    ]);
    assert.equal(await page.locator('section.snippet[data-file="saas-roi.json"] .model-advice').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the embed page says how to allow another site and which ones are allowed', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${server.url}embed-this.html`);
    const howTo = page.getByRole('region', { name: /allow it first/i });
    assert.match(String(await howTo.textContent()), /make demo ALLOW_ORIGIN=https:\/\/your-site\.example/);
    assert.match(String(await howTo.textContent()), /yardstick-serve --allow-origin/);
    await page.locator('#allowed-origins code.origin').first().waitFor();
    assert.deepEqual(await page.locator('#allowed-origins code.origin').allTextContents(), ['https://shop.example']);
    await page.locator('section.snippet[data-file="draft.json"]').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test('the gallery embeds the new model and names the refused one', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}gallery.html`);
    const item = page.locator('section.gallery-item[data-file="warehouse-savings.json"]');
    await item.waitFor();
    assert.equal(await item.locator(':scope > h2').textContent(), NEW_TITLE);
    // The widget loads and computes the new model.
    await page.waitForFunction(() => {
      const element = document.querySelector('section[data-file="warehouse-savings.json"] yardstick-calculator');
      return (/** @type {any} */ (element)?.instanceId ?? null) !== null;
    }, null, { timeout: STEP_TIMEOUT_MS });
    // The two hand-configured calculators are not repeated.
    assert.equal(await page.locator('yardstick-calculator[src$="saas-roi.json"]').count(), 1);
    assert.equal(await page.locator('yardstick-calculator').count(), 3);
    const refused = page.locator('.gallery-problems li[data-file="draft.json"]');
    assert.match(String(await refused.textContent()), /draft\.json.*not valid JSON/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
