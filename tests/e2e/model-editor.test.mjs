// The workbench's model editor (www/workbench/model-editor.js) on a
// test-only page: the editor mounted with an example model beside a small
// calculator readout that recompiles on `onDocument`, as the workbench
// page does. Real server, real engine, Debian's Chromium, keyboard only:
// - a bad `max` is listed at `inputs[team_size].max`, and choosing the
//   entry selects that value in the text;
// - a formula typo selects exactly the typo inside the formula's string;
// - a JSON syntax error shows the browser's message and where;
// - a benefit line (a calculation and an output) typed in reaches the
//   readout, and the calculator keeps the last valid model meanwhile;
// - Tab inserts two spaces, Escape then Tab leaves; Format, Download;
// - axe-core finds nothing, with problems listed and without.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;
const SHOTS = process.env.YARDSTICK_SHOTS;

/** The fixture: the editor and a readout of every output, served on the server's origin. */
const FIXTURE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Model editor fixture</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main style="max-width: 1100px; margin: 1rem auto; display: grid; grid-template-columns: 2fr 1fr; gap: 1rem">
<h1 style="grid-column: 1 / -1">Model editor</h1>
<div id="editor"></div>
<section aria-labelledby="readout-title"><h2 id="readout-title">Calculator</h2><dl id="readout"></dl><p id="applied">0</p></section>
</main>
<script type="module">
import init, { Model } from '/pkg/yardstick.js';
import { mountModelEditor } from '/workbench/model-editor.js';
await init();
const text = await (await fetch('/models/saas-roi.json')).text();
const readout = document.getElementById('readout');
let applied = 0;
function show(documentObject) {
  const model = Model.compile(documentObject);
  const outputs = model.current().outputs;
  model.free();
  readout.replaceChildren();
  for (const output of documentObject.outputs) {
    const dt = document.createElement('dt');
    dt.textContent = output.label;
    const dd = document.createElement('dd');
    dd.dataset.id = output.id;
    const value = outputs[output.id];
    dd.textContent = typeof value === 'number' ? value.toFixed(2) : JSON.stringify(value);
    readout.append(dt, dd);
  }
}
show(JSON.parse(text));
window.editor = mountModelEditor(document.getElementById('editor'), {
  text,
  Model,
  onDocument: (documentObject) => {
    applied += 1;
    document.getElementById('applied').textContent = String(applied);
    show(documentObject);
  },
});
window.editorReady = true;
</script></body></html>`;

describe('the model editor', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {string[]} */
  const problems = [];

  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '170']);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.route(`${server.url}fixture/model-editor.html`, (route) => route.fulfill({ contentType: 'text/html', body: FIXTURE }));
    await page.goto(`${server.url}fixture/model-editor.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).editorReady === true);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const textarea = () => page.locator('.model-editor-text');
  const status = () => page.locator('.model-editor-status');
  const text = () => textarea().inputValue();
  const selected = () => textarea().evaluate((t) => /** @type {HTMLTextAreaElement} */ (t).value.slice(/** @type {HTMLTextAreaElement} */ (t).selectionStart, /** @type {HTMLTextAreaElement} */ (t).selectionEnd));
  const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
  const readout = (id) => page.locator(`#readout dd[data-id="${id}"]`).textContent();
  const applied = async () => Number(await page.locator('#applied').textContent());
  const shot = async (name) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  /**
   * Puts the caret on the `occurrence`-th `needle` of the text (what a
   * person does with the arrow keys, in one step) with `needle` selected.
   */
  async function selectText(needle, occurrence = 0) {
    await textarea().evaluate((t, [n, k]) => {
      const area = /** @type {HTMLTextAreaElement} */ (t);
      let at = -1;
      for (let i = 0; i <= Number(k); i += 1) at = area.value.indexOf(String(n), at + 1);
      if (at < 0) throw new Error(`no ${n}`);
      area.setSelectionRange(at, at + String(n).length);
    }, [needle, occurrence]);
  }

  /** Tabs from the textarea to the first problem's entry, keys only. */
  async function leaveToFirstProblem() {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'model-editor-goto', 'Escape then Tab leaves the textarea for the problem list');
  }

  test('the example model opens with no problems and a readout', async () => {
    await assert.doesNotReject(status().filter({ hasText: 'No problems' }).waitFor());
    assert.equal(await textarea().getAttribute('aria-invalid'), 'false');
    assert.match((await readout('net_annual_benefit')) ?? '', /^\d+\.\d\d$/);
    // Keyboard only from the page: Format, Download, then the text.
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'model-editor-format');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'model-editor-download');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'model-editor-text');
    assert.deepEqual(await axeViolations(page), []);
  });

  test('a bad max is listed at inputs[team_size].max and choosing it selects the value', async () => {
    const before = await readout('net_annual_benefit');
    const appliedBefore = await applied();
    await selectText('5000');
    await page.keyboard.type('"lots"');
    const entry = page.locator('.model-editor-goto').filter({ hasText: 'inputs[team_size].max' });
    await entry.waitFor();
    assert.match((await entry.textContent()) ?? '', /invalid-value/);
    // Two problems: the max itself, and the log scale that needs a max.
    assert.equal((await status().textContent()) ?? '', '2 problems; the calculator keeps the last valid model.');
    await page.locator('.model-editor-goto').filter({ hasText: 'inputs[team_size].scale' }).waitFor();
    assert.equal(await textarea().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.model-editor-mark').count(), 2, 'the max line and the scale line are marked');
    // The calculator keeps the last valid model.
    assert.equal(await readout('net_annual_benefit'), before);
    assert.equal(await applied(), appliedBefore);
    // Keyboard: leave the text, choose the entry, land on the value.
    await page.keyboard.press('End');
    await leaveToFirstProblem();
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'model-editor-text');
    assert.equal(await selected(), '"lots"');
    const caret = (await page.locator('.model-editor-caret').textContent()) ?? '';
    const lines = (await text()).slice(0, (await text()).indexOf('"lots"')).split('\n');
    assert.equal(caret, `Line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1}`);
    await shot('1-bad-max');
    assert.deepEqual(await axeViolations(page), []);
    // Fixed again: applied.
    await page.keyboard.type('5000');
    await status().filter({ hasText: 'No problems' }).waitFor();
    await page.waitForFunction((n) => Number(document.getElementById('applied')?.textContent) > n, appliedBefore);
  });

  test('a formula typo is selected inside its formula', async () => {
    await selectText('hours_saved_per_year * loaded_hourly_cost');
    await page.keyboard.type('hours_saved_per_year * loaded_hourly_cots');
    const entry = page.locator('.model-editor-goto').filter({ hasText: 'calculations[savings_per_year].formula' });
    await entry.waitFor();
    assert.match((await entry.textContent()) ?? '', /unknown-name/);
    await leaveToFirstProblem();
    await page.keyboard.press('Enter');
    assert.equal(await selected(), 'loaded_hourly_cots');
    await page.keyboard.type('loaded_hourly_cost');
    await status().filter({ hasText: 'No problems' }).waitFor();
  });

  test('a JSON syntax error shows the browser message and where', async () => {
    await selectText('"currency": "USD",');
    await page.keyboard.type('"currency": "USD"');
    const entry = page.locator('.model-editor-goto').filter({ hasText: 'json-syntax' });
    await entry.waitFor();
    assert.match((await entry.textContent()) ?? '', /JSON/);
    await leaveToFirstProblem();
    await page.keyboard.press('Enter');
    assert.match(await selected(), /"/, 'the selection is where JSON.parse stopped');
    await shot('2-json-syntax');
    await selectText('"currency": "USD"');
    await page.keyboard.type('"currency": "USD",');
    await status().filter({ hasText: 'No problems' }).waitFor();
  });

  test('a benefit line typed in reaches the calculator; Tab inserts spaces', async () => {
    const appliedBefore = await applied();
    const calculations = (await text()).indexOf('"calculations": [') + '"calculations": ['.length;
    await textarea().evaluate((t, at) => /** @type {HTMLTextAreaElement} */ (t).setSelectionRange(at, at), calculations);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'model-editor-text', 'Tab stays in the textarea');
    await page.keyboard.type('{ "id": "support_savings", "formula": "team_size * 150" },');
    assert.match(await text(), /\[\n {4}\{ "id": "support_savings"/, 'two Tabs are four spaces');
    const outputs = (await text()).indexOf('"outputs": [') + '"outputs": ['.length;
    await textarea().evaluate((t, at) => /** @type {HTMLTextAreaElement} */ (t).setSelectionRange(at, at), outputs);
    await page.keyboard.type('{ "id": "support_savings_per_year", "label": "Support savings per year", "formula": "support_savings", "format": { "style": "currency" } },');
    await page.waitForFunction(() => document.querySelector('#readout dd[data-id="support_savings_per_year"]'));
    assert.equal(await readout('support_savings_per_year'), (40 * 150).toFixed(2));
    assert.ok((await applied()) > appliedBefore);
    await shot('3-benefit-line');
  });

  test('Format pretty-prints and keeps the caret on its value', async () => {
    const unformatted = await text();
    const at = unformatted.indexOf('"team_size * 150"');
    await textarea().evaluate((t, offset) => {
      const area = /** @type {HTMLTextAreaElement} */ (t);
      area.focus();
      area.setSelectionRange(offset + 3, offset + 3);
    }, at);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'model-editor-format', 'Shift+Tab leaves the textarea');
    await page.keyboard.press('Enter');
    const formatted = await text();
    assert.equal(formatted, `${JSON.stringify(JSON.parse(formatted), null, 2)}\n`);
    assert.match(formatted, /\n {4}\{\n {6}"id": "support_savings",\n {6}"formula": "team_size \* 150"\n {4}\},/);
    const caretAt = await textarea().evaluate((t) => /** @type {HTMLTextAreaElement} */ (t).selectionStart);
    assert.ok(formatted.slice(caretAt).startsWith('"team_size * 150"'), formatted.slice(caretAt, caretAt + 30));
    assert.equal(await focused(), 'model-editor-text');
    // Undo brings the unformatted text back (one edit); Format again.
    await page.keyboard.press('Control+z');
    assert.equal(await text(), unformatted);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.equal(await text(), formatted);
  });

  test('Download saves the text as <id>-<version>.json', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'model-editor-download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'saas-roi-1.0.0.json');
    const saved = fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8');
    assert.equal(saved, await text());
    assert.deepEqual(await axeViolations(page), []);
    await shot('4-formatted');
    assert.deepEqual(problems, []);
  });
});
