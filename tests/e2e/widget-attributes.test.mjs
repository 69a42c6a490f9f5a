// The <yardstick-calculator> element after the page changes it: every
// documented attribute is re-read when it changes, and a model that fails
// to compile leaves no freed wasm object behind (the next call would throw
// into the host page). Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixturePage, loadAndPause, openPage, startStack, tinyModel } from './widget-fixtures.mjs';

/** A model the engine refuses: its output names a calculation that does not exist. */
function brokenModel() {
  const model = tinyModel('attributes-broken');
  model.outputs = [{ id: 'net', label: 'Net', formula: 'SUM(no_such_calculation)', format: { style: 'currency' } }];
  return model;
}

describe('widget attributes', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /**
   * @param {string} name
   * @param {Record<string, string>} attributes
   */
  async function open(name, attributes) {
    const html = fixturePage([{ id: 'w', attributes: { src: '/fixture-models/good.json', ...attributes } }]);
    const opened = await openPage(stack.browser.context, stack.server.url, {
      models: { 'good.json': tinyModel(`attributes-${name}`), 'bad.json': brokenModel() },
      pages: { [`${name}.html`]: html },
    });
    await loadAndPause(opened.page, `${stack.server.url}fixture/${name}.html`, ['w']);
    return opened;
  }

  test('a model that fails to compile leaves no freed model behind, and a good one loads again', async () => {
    const { page, problems } = await open('recompile', {});
    const before = await page.evaluate(() => /** @type {any} */ (document.getElementById('w')).outputs.net);
    assert.equal(before, 500);
    await page.evaluate(() => document.getElementById('w')?.setAttribute('src', '/fixture-models/bad.json'));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((/** @type {any} */ e) => e.type === 'error'));
    assert.match(await page.locator('#w [role="alert"]').textContent() ?? '', /invalid/);
    // Reading the outputs calls the model: a freed one would throw here.
    const outputs = await page.evaluate(() => {
      try {
        return { value: /** @type {any} */ (document.getElementById('w')).outputs };
      } catch (error) {
        return { thrown: String(error) };
      }
    });
    assert.deepEqual(outputs, { value: {} });
    await page.evaluate(() => document.getElementById('w')?.setAttribute('src', '/fixture-models/good.json'));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.filter((/** @type {any} */ e) => e.type === 'ready').length === 2);
    await page.locator('#w input.number').first().fill('2000');
    assert.equal(await page.evaluate(() => /** @type {any} */ (document.getElementById('w')).outputs.net), -500);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('cta-href and cta-label are re-read when they change', async () => {
    const { page, problems } = await open('cta', { 'cta-href': 'https://example.com/a', 'cta-label': 'First' });
    const cta = page.locator('#w a.cta');
    assert.equal(await cta.textContent(), 'First');
    await page.evaluate(() => document.getElementById('w')?.setAttribute('cta-label', 'Second'));
    assert.equal(await cta.textContent(), 'Second');
    await page.evaluate(() => document.getElementById('w')?.setAttribute('cta-href', 'https://example.com/b'));
    assert.equal(await cta.getAttribute('href'), 'https://example.com/b');
    assert.equal(await cta.count(), 1);
    // A link that would run script is refused, as on first render.
    await page.evaluate(() => document.getElementById('w')?.setAttribute('cta-href', 'javascript:alert(1)'));
    assert.equal(await cta.count(), 0);
    await page.evaluate(() => document.getElementById('w')?.removeAttribute('cta-href'));
    assert.equal(await cta.count(), 0);
    await page.evaluate(() => document.getElementById('w')?.setAttribute('cta-href', '/contact'));
    assert.equal(await cta.getAttribute('href'), `${stack.server.url}contact`);
    assert.equal(await cta.textContent(), 'Second');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('collector and datalayer are re-read when they change: later events go to the new ones', async () => {
    const { page, problems } = await open('sinks', { datalayer: 'firstLayer' });
    /** @type {string[]} */
    const posted = [];
    await page.route(`${stack.server.url}fixture-collect`, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      for (const event of body.events ?? []) posted.push(event.name);
      await route.fulfill({ status: 204 });
    });
    const firstBefore = await page.evaluate(() => /** @type {any} */ (window).firstLayer?.length ?? 0);
    assert.ok(firstBefore > 0, 'the view went to the first data layer');
    await page.evaluate(() => {
      const widget = document.getElementById('w');
      widget?.setAttribute('datalayer', 'secondLayer');
      widget?.setAttribute('collector', '/fixture-collect');
    });
    await page.locator('#w input.number').first().fill('2000');
    await page.evaluate(() => /** @type {any} */ (document.getElementById('w')).reportLead());
    const second = await page.evaluate(() => (/** @type {any} */ (window).secondLayer ?? []).map((/** @type {any} */ p) => p.event));
    assert.ok(second.includes('calc_start') && second.includes('calc_lead'), `second layer: ${second.join(',')}`);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).firstLayer.length), firstBefore);
    for (let i = 0; i < 50 && !posted.includes('calc_lead'); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(posted.includes('calc_start') && posted.includes('calc_lead'), `collector got: ${posted.join(',')}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
