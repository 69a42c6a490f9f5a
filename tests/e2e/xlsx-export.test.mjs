// @ts-check
// The Excel export in JavaScript. In Node, against the built pkg-export/:
// `Model.exportXlsx` gives an .xlsx (a zip: "PK") for every example model
// and refuses bad inputs and untranslatable formulas with a clear Error
// and code. In Chromium, against the real server: www/xlsx-export.js loads
// /pkg-export/ only when asked, makes a Blob of the workbook and offers it
// as a download. (That LibreOffice recalculates the workbooks to
// Yardstick's values is `make test-export`, crates/xlsx/tests/libreoffice.rs.)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;
const MODELS = ['business-case-5y', 'saas-roi', 'project-portfolio'];

const engine = await import(pathToFileURL(path.join(repoRoot, 'pkg-export', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg-export', 'yardstick_bg.wasm')) });

/** @param {string} id */
function modelDocument(id) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', `${id}.json`), 'utf8'));
}

/** @param {() => unknown} call @param {string} code @param {RegExp} [message] */
function throwsCode(call, code, message) {
  assert.throws(call, (/** @type {any} */ error) => {
    assert.ok(error instanceof Error, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('Model.exportXlsx in Node', () => {
  for (const id of MODELS) {
    test(`${id}: a zip, the same bytes for the same inputs`, () => {
      const model = engine.Model.compile(modelDocument(id));
      const bytes = model.exportXlsx(undefined);
      assert.ok(bytes instanceof Uint8Array);
      assert.equal(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0), 'PK');
      assert.ok(bytes.length > 5000, `${bytes.length} bytes`);
      assert.deepEqual(model.exportXlsx({}), bytes);
      model.free();
    });
  }

  test('other inputs give another workbook', () => {
    const model = engine.Model.compile(modelDocument('business-case-5y'));
    assert.notDeepEqual(model.exportXlsx({ discount_rate: 0.12 }), model.exportXlsx(undefined));
    model.free();
  });

  test('bad inputs are refused with the input\'s words and a code', () => {
    const model = engine.Model.compile(modelDocument('business-case-5y'));
    throwsCode(() => model.exportXlsx({ discount_rate: 7 }), 'invalid-input', /Discount rate must be at most 50%/);
    throwsCode(() => model.exportXlsx({ no_such_input: 1 }), 'unknown-id');
    throwsCode(() => model.exportXlsx({ discount_rate: 'lots' }), 'invalid-input');
    throwsCode(() => model.exportXlsx(/** @type {any} */ (42)), 'invalid-argument');
    model.free();
  });

  test('a formula without a faithful translation is refused with its path and function', () => {
    const document = {
      schema: 'yardstick/model@1', id: 'lookup', version: '1', title: 'Lookup',
      inputs: [{ id: 'tier', label: 'Tier', kind: 'integer', default: 2, min: 1, max: 3 }],
      outputs: [
        { id: 'ok', label: 'OK', formula: 'tier * 2' },
        // A SEQUENCE that reads an input cannot be an array constant, and
        // LibreOffice 7.4 has no SEQUENCE.
        { id: 'price', label: 'Price', formula: 'SUM(SEQUENCE(tier)) * 10' },
      ],
    };
    const model = engine.Model.compile(document);
    throwsCode(() => model.exportXlsx(undefined), 'not-exportable', /outputs\[1\]\.formula.*SEQUENCE.*LibreOffice 7\.4.*`tier`/);
    model.free();
  });
});

describe('www/xlsx-export.js in Chromium', { timeout: 120_000 }, () => {
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

  test('loads the export engine only when asked, then downloads the workbook', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const problems = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => problems.push(error.message));
    const requested = /** @type {string[]} */ ([]);
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(server.url + 'index.html');
    await page.evaluate(async () => {
      await import('/xlsx-export.js');
    });
    assert.deepEqual(requested.filter((p) => p.startsWith('/pkg-export/')), [], 'loaded before any export');

    const download = page.waitForEvent('download');
    const result = await page.evaluate(async () => {
      const { exportWorkbook, downloadWorkbook, XLSX_TYPE } = await import('/xlsx-export.js');
      const document = await (await fetch('/models/business-case-5y.json')).json();
      const blob = await exportWorkbook(document, { discount_rate: 0.1 });
      const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
      downloadWorkbook(window.document, blob, 'business-case-5y.xlsx');
      let refusal = '';
      try {
        await exportWorkbook(document, { discount_rate: 7 });
      } catch (error) {
        refusal = `${/** @type {any} */ (error).code}: ${/** @type {Error} */ (error).message}`;
      }
      return { size: blob.size, type: blob.type, typeOk: blob.type === XLSX_TYPE, head: String.fromCharCode(...head), refusal };
    });
    assert.equal(result.head, 'PK');
    assert.ok(result.typeOk, result.type);
    assert.ok(result.size > 5000, String(result.size));
    assert.match(result.refusal, /^invalid-input: Discount rate must be at most 50%/);
    assert.ok(requested.includes('/pkg-export/yardstick.js'), requested.join(' '));
    const file = await (await download).path();
    assert.equal(await (await download).suggestedFilename(), 'business-case-5y.xlsx');
    assert.equal(fs.readFileSync(file).subarray(0, 2).toString('latin1'), 'PK');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
