// axe-core finds no violation on any page of the site, on a wide screen and
// on a phone, with a calculator's lead form open wherever a calculator is
// (the gallery and the iframe's embed page) and the dashboard holding data.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './axe.mjs';
import { launchBrowser, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;
const WIDTHS = [1280, 390];

/** @type {{ path: string, ready: string, leadForm?: boolean }[]} */
const PAGES = [
  { path: '/', ready: 'main' },
  { path: '/gallery.html', ready: 'yardstick-calculator [data-output]', leadForm: true },
  { path: '/embed-this.html', ready: 'section.snippet pre code' },
  { path: '/dashboard.html', ready: 'main h1' },
  { path: '/pipeline.html', ready: '#pipeline-body .placeholder, #pipeline-body table' },
  // An empty store: the success page says so (the demo's page: success-page.test.mjs).
  { path: '/success.html', ready: '#success-body .success-error' },
  // An empty store: no customer yet (the demo's page: journey.test.mjs).
  { path: '/journey.html', ready: '#journey-body .journey-empty' },
  { path: '/workbench.html?model=/models/business-case-5y.json', ready: '#wb-case[data-ready]' },
  { path: '/embed.html?src=/models/saas-roi.json&collector=/collect', ready: 'yardstick-calculator [data-output]', leadForm: true },
];

describe('every page passes axe', { timeout: 240_000 }, () => {
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

  for (const width of WIDTHS) {
    for (const { path, ready, leadForm } of PAGES) {
      test(`${path} at ${width} px${leadForm ? ', lead form open' : ''}`, async () => {
        const page = await browser.context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        await page.setViewportSize({ width, height: 900 });
        await page.goto(new URL(path, server.url).href);
        await page.locator(ready).first().waitFor();
        if (leadForm) {
          const calculator = page.locator('yardstick-calculator').first();
          await calculator.locator('button.cta').click();
          await calculator.locator('.lead-form input[name="name"]').waitFor();
        }
        assert.deepEqual(await axeViolations(page), []);
        await page.close();
      });
    }
  }
});
