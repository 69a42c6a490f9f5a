// The header every site page shares (<site-header>, www/site-header.js):
// under the server's Content-Security-Policy each page shows one banner
// with the same navigation, its own link marked as the current page, and
// the children the page put inside (the playground's engine version) kept.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 15_000;
const PAGES = [
  ['index.html', 'Playground'],
  ['gallery.html', 'Calculators'],
  ['workbench.html', 'Workbench'],
  ['embed-this.html', 'Embed'],
  ['dashboard.html', 'Engagement'],
  ['pipeline.html', 'Pipeline'],
  ['success.html', 'Success'],
  ['journey.html', 'Journey'],
];

describe('the shared site header', { timeout: 120_000 }, () => {
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

  for (const [file, current] of PAGES) {
    test(`${file} has the one header with ${current} as the current page`, async () => {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const problems = /** @type {string[]} */ ([]);
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(server.url + file);
      await page.locator('site-header nav a').first().waitFor();
      assert.equal(await page.getByRole('banner').count(), 1);
      const links = await page.getByRole('navigation', { name: 'Site' }).getByRole('link').evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), current: a.getAttribute('aria-current') })),
      );
      assert.deepEqual(links, PAGES.map(([f, label]) => ({ text: label, href: `./${f}`, current: f === file ? 'page' : null })));
      // On a laptop screen the brand and the navigation keep one row each.
      await page.setViewportSize({ width: 1280, height: 800 });
      const tops = await page.locator('site-header nav a').evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
      assert.equal(new Set(tops).size, 1, `navigation rows at ${tops.join(', ')}`);
      const brand = await page.locator('site-header .brand').evaluate((p) => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
      assert.ok(brand < 1.5, `the brand takes ${brand} lines`);
      if (file === 'index.html') {
        assert.equal(await page.locator('header.site-header #engine-version').count(), 1);
        await page.waitForFunction(() => /\d/.test(document.getElementById('engine-version')?.textContent ?? ''));
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
