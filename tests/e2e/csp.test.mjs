// Every page works under the Content-Security-Policy yardstick-serve sends:
// the real server, the real engine, Debian's Chromium. A page that needed
// something the policy forbids (an inline script, eval, a foreign
// connection, WebAssembly without 'wasm-unsafe-eval') reports a
// `securitypolicyviolation` event, which fails the test.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';

/** Every Playwright wait in this file is bounded by this. */
const STEP_TIMEOUT_MS = 15_000;

/** Each page, and an element that exists only once its scripts have run. */
const PAGES = [
  { path: 'index.html', ready: '#formula:not([disabled])' },
  { path: 'gallery.html', ready: 'yardstick-calculator' },
  { path: 'dashboard.html', ready: 'main' },
  { path: 'pipeline.html', ready: '#pipeline-status:not(:empty)' },
  { path: 'workbench.html?model=/models/business-case-5y.json', ready: '#wb-case[data-ready]' },
  { path: 'embed-this.html', ready: 'main' },
  { path: 'embed.html?src=/models/saas-roi.json', ready: 'yardstick-calculator' },
];

describe('pages under the Content-Security-Policy', { timeout: 180_000 }, () => {
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

  for (const { path, ready } of PAGES) {
    test(`${path} reports no violation`, async () => {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      const problems = /** @type {string[]} */ ([]);
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const seen = /** @type {any} */ (window).cspViolations ?? [];
          seen.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
          /** @type {any} */ (window).cspViolations = seen;
        });
      });
      const response = await page.goto(server.url + path);
      assert.ok(response, 'no response');
      const policy = response.headers()['content-security-policy'] ?? '';
      assert.match(policy, /default-src 'self'/);
      await page.locator(ready).first().waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      // The widget's engine is WebAssembly: it must have rendered numbers.
      if (ready === 'yardstick-calculator') {
        await page.waitForFunction(() => {
          const element = document.querySelector('yardstick-calculator');
          return (element?.shadowRoot?.textContent ?? '').match(/\d/) !== null;
        });
      }
      const violations = await page.evaluate(() => /** @type {any} */ (window).cspViolations ?? []);
      assert.deepEqual(violations, []);
      assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), []);
      await page.close();
    });
  }
});
