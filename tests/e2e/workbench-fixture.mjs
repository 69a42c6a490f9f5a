// The workbench panels' test bench: the real `yardstick-serve` serving a
// copy of the site with a test-only page (tests/e2e/fixtures/) that builds a
// WorkbenchSession from the engine and mounts the analysis panels, as the
// workbench page will. The copy lives in a temporary root (`--root`):
// `www/` copied with the fixture under `/__test__/`, `pkg/`, `pkg-risk/` and
// the example models linked, so the server sends the fixture with the site's real
// Content-Security-Policy and nothing test-only enters the site.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, withTimeout } from './harness.mjs';

/**
 * Starts the server on a temporary root holding the fixture.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startFixtureServer() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-wb-'));
  fs.cpSync(path.join(repoRoot, 'www'), path.join(root, 'www'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'tests', 'e2e', 'fixtures'), path.join(root, 'www', '__test__'), { recursive: true });
  fs.symlinkSync(path.join(repoRoot, 'pkg'), path.join(root, 'pkg'));
  // The Monte Carlo worker's engine.
  fs.symlinkSync(path.join(repoRoot, 'pkg-risk'), path.join(root, 'pkg-risk'));
  fs.mkdirSync(path.join(root, 'examples'));
  fs.symlinkSync(path.join(repoRoot, 'examples', 'models'), path.join(root, 'examples', 'models'));
  const server = await startServer(['--root', root, '--db', ':memory:']);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the fixture page for `model` and waits until the panels are mounted.
 * Collects CSP violations and page errors into the returned lists.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url the server's
 * @param {{ model?: string, locale?: string }} [options]
 */
export async function openPanels(context, url, options = {}) {
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript(() => {
    /** @type {string[]} */
    const violations = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const query = new URLSearchParams({ model: options.model ?? 'business-case-5y', ...(options.locale ? { locale: options.locale } : {}) });
  await page.goto(`${url}__test__/workbench-panels.html?${query}`);
  await page.waitForSelector('body[data-ready]', { timeout: 15_000 });
  const ready = await page.getAttribute('body', 'data-ready');
  if (ready !== 'true') throw new Error(`the fixture did not start: ${await page.textContent('#fixture-status')}`);
  return { page, errors };
}

/**
 * Server and browser for one test file; `close` stops both.
 */
export async function startBench() {
  const server = await startFixtureServer();
  const browser = await launchBrowser().catch(async (error) => {
    await server.stop();
    throw error;
  });
  return {
    url: server.url,
    context: browser.context,
    close: async () => {
      await withTimeout(browser.close(), 30_000, 'the browser did not close').catch(() => {});
      await server.stop();
    },
  };
}
