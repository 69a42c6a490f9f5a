// The widget as a visitor and a marketer meet it: the gallery renders the
// example models with the engine's numbers, typing in the locale's notation
// updates results on every keystroke, model text is never run as HTML, axe
// finds no violation, keyboard alone works, and the dashboard shows what the
// collector received. Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness.mjs';
import { fixturePage, openPage, startStack, STEP_TIMEOUT_MS, tinyModel } from './widget-fixtures.mjs';

const saasReference = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', 'models', 'saas-roi.reference.json'), 'utf8'));

/**
 * A widget's shown output text.
 * @param {import('playwright-core').Page} page
 * @param {string} widgetId
 * @param {string} outputId
 */
function outputText(page, widgetId, outputId) {
  return page.locator(`#${widgetId} [data-output="${outputId}"] output`).textContent();
}

/** @param {import('playwright-core').Page} page @param {string} id */
async function waitReady(page, id) {
  await page.waitForFunction((wid) => (/** @type {any} */ (document.getElementById(wid))?.instanceId ?? null) !== null, id, { timeout: STEP_TIMEOUT_MS });
}

describe('widget pages', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  test('the engine goes out as brotli to browsers that take it, else gzip, else plain', async () => {
    const wasmPath = path.join(repoRoot, 'pkg-widget', 'yardstick_bg.wasm');
    const plainFile = fs.readFileSync(wasmPath);
    /** @param {Record<string, string>} headers @returns {Promise<{ headers: http.IncomingHttpHeaders, body: Buffer }>} */
    const get = (headers) =>
      new Promise((resolve, reject) => {
        // node:http, not fetch: fetch would undo the Content-Encoding.
        http
          .get(new URL('pkg-widget/yardstick_bg.wasm', stack.server.url), { headers }, (response) => {
            const chunks = /** @type {Buffer[]} */ ([]);
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const brotli = await get({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(brotli.headers['content-type'], 'application/wasm');
    assert.deepEqual(zlib.brotliDecompressSync(brotli.body), plainFile);
    const gzipped = await get({ 'accept-encoding': 'gzip, deflate' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(gzipped.headers['content-type'], 'application/wasm');
    assert.ok(gzipped.body.length < plainFile.length / 2, `sent ${gzipped.body.length} of ${plainFile.length} bytes`);
    assert.deepEqual(zlib.gunzipSync(gzipped.body), plainFile);
    assert.ok(brotli.body.length < gzipped.body.length, `brotli ${brotli.body.length} B, gzip ${gzipped.body.length} B`);
    const plain = await get({ 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, plainFile);
  });

  test('the gallery shows the SaaS ROI model with the reference figures', async () => {
    const page = await stack.browser.context.newPage();
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${stack.server.url}gallery.html`);
    await waitReady(page, 'saas-roi');
    await waitReady(page, 'business-case');
    const expected = saasReference.cases.find((c) => c.scenario === null).outputs;
    const shown = await outputText(page, 'saas-roi', 'net_benefit_3y');
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, minimumFractionDigits: 0 });
    assert.equal(shown, money.format(expected.net_benefit_3y));
    // Charts are SVG images with a description and a data table.
    const charts = await page.locator('#saas-roi figure.chart svg[role="img"]').count();
    assert.equal(charts, 2);
    const tornadoRows = await page.locator('#saas-roi figure[data-chart="net_benefit_drivers"] table tbody tr').count();
    assert.ok(tornadoRows >= 3, `${tornadoRows} tornado rows`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('typing updates results on every keystroke, in the locale\'s notation', async () => {
    const model = { ...tinyModel('locale-de'), locale: 'de-DE', currency: 'EUR' };
    const html = fixturePage([{ id: 'a', attributes: { src: '/fixture-models/de.json' } }]);
    const { page, problems } = await openPage(stack.browser.context, stack.server.url, { models: { 'de.json': model }, pages: { 'de.html': html } });
    await page.goto(`${stack.server.url}fixture/de.html`);
    await waitReady(page, 'a');
    const box = page.locator('#a input.number').nth(1); // yearly benefit
    await box.click();
    await box.press('Control+A');
    const seen = [];
    for (const key of ['1', '2', '5', '0', ',', '5']) {
      await box.press(key);
      seen.push(await outputText(page, 'a', 'net'));
    }
    // 3 years of 1.250,5 less 1.000 investment = 2.751,50 €, shown without decimals.
    const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
    assert.equal(seen.at(-1), euro.format(3 * 1250.5 - 1000));
    assert.equal(seen[1], euro.format(3 * 12 - 1000)); // "12" typed so far
    assert.equal(new Set(seen).size >= 4, true, seen.join(' | '));
    // A value outside the bounds is refused with the engine's message, and the last good result stays.
    await box.fill('99999');
    const error = page.locator('#a .field-error:not([hidden])');
    await error.waitFor();
    assert.match(String(await error.textContent()), /yearly_benefit|2000|at most/i);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('text from a model is shown as text and never runs', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const model = tinyModel('xss');
    model.title = `Title ${payload}`;
    model.inputs[0].label = `Label ${payload}`;
    model.inputs[0].help = 'Help <script>window.__pwned=2</script>';
    model.outputs[0].label = `Output ${payload}`;
    model.scenarios[0].label = `Scenario ${payload}`;
    const html = fixturePage([{ id: 'a', attributes: { src: '/fixture-models/xss.json' } }]);
    const { page, problems } = await openPage(stack.browser.context, stack.server.url, { models: { 'xss.json': model }, pages: { 'xss.html': html } });
    await page.goto(`${stack.server.url}fixture/xss.html`);
    await waitReady(page, 'a');
    await page.clock.runFor(2_000);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined);
    assert.equal(await page.locator('#a .title').textContent(), `Title ${payload}`);
    assert.equal(await page.locator('#a label').first().textContent(), `Label ${payload}`);
    assert.equal(await page.evaluate(() => document.getElementById('a')?.shadowRoot?.querySelectorAll('img, script').length), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('axe-core finds no violation on the gallery page', async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(`${stack.server.url}gallery.html`);
    await waitReady(page, 'saas-roi');
    await waitReady(page, 'business-case');
    // Evaluated, not added as an inline <script>: the page's CSP refuses those.
    await page.evaluate(fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const result = await page.evaluate(async () => {
      const axe = /** @type {any} */ (window).axe;
      const run = await axe.run(document, { resultTypes: ['violations'] });
      return run.violations.map((/** @type {any} */ v) => `${v.id}: ${v.help} (${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join('; ')})`);
    });
    assert.deepEqual(result, []);
    await page.close();
  });

  test('the widget works by keyboard alone', async () => {
    const html = fixturePage([{ id: 'a', attributes: { src: '/fixture-models/kbd.json' } }]);
    const { page } = await openPage(stack.browser.context, stack.server.url, { models: { 'kbd.json': tinyModel('keyboard') }, pages: { 'kbd.html': html } });
    await page.goto(`${stack.server.url}fixture/kbd.html`);
    await waitReady(page, 'a');
    const focused = () => page.evaluate(() => {
      const active = document.getElementById('a')?.shadowRoot?.activeElement;
      return active ? `${active.tagName.toLowerCase()}.${active.className}${active.getAttribute('data-scenario') ?? ''}` : null;
    });
    const start = await outputText(page, 'a', 'net');
    // Tab order: "Your numbers", the scenario buttons, then each input's slider and number box.
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'button.tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'button.tablow');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#a button[data-scenario="high"]').getAttribute('aria-pressed'), 'true');
    const high = await outputText(page, 'a', 'net');
    assert.notEqual(high, start);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'input.slider');
    await page.keyboard.press('ArrowRight'); // investment +100
    const afterSlider = await outputText(page, 'a', 'net');
    assert.notEqual(afterSlider, high);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'input.number');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    assert.equal(await outputText(page, 'a', 'net'), '$2,700');
    await page.close();
  });

  test('the dashboard shows the interaction just had', async () => {
    const calcId = 'dashboard';
    const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json`, collector: '/collect' } }]);
    const { page } = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html } });
    await page.goto(`${stack.server.url}fixture/${calcId}.html`);
    await waitReady(page, 'a');
    await page.locator('#a input.number').first().fill('1200');
    await page.clock.runFor(4_000);
    await page.close({ runBeforeUnload: true });

    const dashboard = await stack.browser.context.newPage();
    await dashboard.goto(`${stack.server.url}dashboard.html`);
    const card = dashboard.locator('section.metric-card[aria-label="dashboard"]');
    await card.waitFor({ timeout: STEP_TIMEOUT_MS });
    const text = String(await card.textContent());
    assert.match(text, /Views\s*1/);
    assert.match(text, /Starts\s*1/);
    assert.match(text, /Interaction, total\s*4 s/);
    await dashboard.close();
  });
});
