// How the <yardstick-calculator> element loads its model document: one
// request per widget and per `src` change, and a document that cannot be
// used says why once, with the line and column of a JSON syntax error.
// Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixturePage, openPage, startStack, tinyModel } from './widget-fixtures.mjs';

/** Invalid JSON: the comma after `"version": "1"` is missing (line 3, column 3). */
const BROKEN_JSON = '{\n  "version": "1"\n  "title": "x"\n}';

/** A model with one problem: its output names a calculation that does not exist. */
function oneProblemModel() {
  const model = tinyModel('load-one-problem');
  model.outputs = [{ id: 'net', label: 'Net', formula: 'SUM(no_such_calculation)', format: { style: 'currency' } }];
  return model;
}

/** A model with a formula syntax error and a kind error (an output that is a series). */
function twoProblemModel() {
  const model = tinyModel('load-two-problems');
  model.calculations.push({ id: 'broken', formula: 'investment * (2' });
  model.outputs = [{ id: 'net', label: 'Net', formula: 'net_cash_flow', format: { style: 'currency' } }];
  return model;
}

describe('widget model loading', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /**
   * Opens a page with one widget on `src` and waits for its first ready or error event.
   * @param {string} name
   * @param {string} src
   */
  async function open(name, src) {
    const opened = await openPage(stack.browser.context, stack.server.url, {
      models: { 'a.json': tinyModel('load-a'), 'b.json': tinyModel('load-b'), 'one.json': oneProblemModel(), 'two.json': twoProblemModel() },
      pages: { [`${name}.html`]: fixturePage([{ id: 'w', attributes: { src, locale: 'en-US', currency: 'USD' } }]) },
    });
    await opened.page.route(`${stack.server.url}fixture-models/broken.json`, (route) => route.fulfill({ contentType: 'application/json', body: BROKEN_JSON }));
    /** @type {string[]} */
    const modelRequests = [];
    opened.page.on('request', (request) => {
      if (request.url().includes('/fixture-models/')) modelRequests.push(new URL(request.url()).pathname);
    });
    await opened.page.goto(`${stack.server.url}fixture/${name}.html`);
    await opened.page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((/** @type {any} */ e) => e.type === 'ready' || e.type === 'error'));
    return { ...opened, modelRequests };
  }

  test('the model is fetched once per widget and once per src change', async () => {
    const { page, problems, modelRequests } = await open('once', '/fixture-models/a.json');
    assert.deepEqual(modelRequests, ['/fixture-models/a.json']);
    await page.evaluate(() => document.getElementById('w')?.setAttribute('src', '/fixture-models/b.json'));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.filter((/** @type {any} */ e) => e.type === 'ready').length === 2);
    // Moving the widget disconnects and reconnects it: the model it has stays.
    await page.evaluate(() => {
      const widget = document.getElementById('w');
      if (widget) document.body.append(widget);
    });
    await page.waitForTimeout(300);
    assert.deepEqual(modelRequests, ['/fixture-models/a.json', '/fixture-models/b.json']);
    // A src changed while the widget is out of the document loads when it returns.
    await page.evaluate(() => {
      const widget = document.getElementById('w');
      widget?.remove();
      widget?.setAttribute('src', '/fixture-models/a.json');
      if (widget) document.body.append(widget);
    });
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.filter((/** @type {any} */ e) => e.type === 'ready').length === 3);
    const calcIds = await page.evaluate(() => /** @type {any} */ (window).__yardstickEvents.filter((/** @type {any} */ e) => e.type === 'ready').map((/** @type {any} */ e) => e.detail.calcId));
    assert.deepEqual(calcIds, ['load-a', 'load-b', 'load-a']);
    assert.deepEqual(modelRequests, ['/fixture-models/a.json', '/fixture-models/b.json', '/fixture-models/a.json']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('invalid JSON is reported with its line and column', async () => {
    const { page, modelRequests } = await open('json', '/fixture-models/broken.json');
    const alert = (await page.locator('#w [role="alert"]').textContent()) ?? '';
    assert.match(alert, /is not valid JSON: .*line 3 column 3/, alert);
    assert.deepEqual(modelRequests, ['/fixture-models/broken.json']);
    await page.close();
  });

  test('a model with one problem says it is invalid once, and names the problem', async () => {
    const { page } = await open('one', '/fixture-models/one.json');
    const text = (await page.locator('#w').evaluate((w) => w.shadowRoot?.textContent)) ?? '';
    assert.equal(text.match(/invalid/g)?.length, 1, text);
    assert.match(text, /outputs\[net\]\.formula: unknown name `no_such_calculation`/, text);
    await page.close();
  });

  test('an invalid model says so once and lists every problem, syntax and kind together', async () => {
    const { page } = await open('two', '/fixture-models/two.json');
    const alert = (await page.locator('#w [role="alert"]').textContent()) ?? '';
    assert.equal(alert.match(/invalid/g)?.length, 1, alert);
    const items = await page.locator('#w .problems li').allTextContents();
    assert.ok(items.some((item) => item.startsWith('calculations[broken].formula:')), items.join('\n'));
    assert.ok(items.some((item) => item.startsWith('outputs[net].formula:') && item.includes('one value')), items.join('\n'));
    await page.close();
  });
});
