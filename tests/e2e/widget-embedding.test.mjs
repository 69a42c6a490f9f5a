// Embedding on another site, with the snippets a marketer copies from the
// embed page:
// - the iframe grows to its content's height through the documented
//   `yardstick:resize` message and the one-line resizer (no scroll bar
//   inside, no 900 px box cutting off a 2,000 px calculator), and shrinks
//   again when the content does;
// - a calculator in a cross-origin iframe that is never clicked (so never
//   focused) is still counted as viewed;
// - a script snippet on a page whose origin the server does not allow
//   shows its fallback link instead of a blank box, and a model that cannot
//   be fetched from another site says what to check.

//
// The host site is a small server of its own on 127.0.0.1 (another port,
// so another origin): a routed public-looking origin would meet Chromium's
// Local Network Access checks, which block a public page from framing a
// loopback server (a deployed Yardstick server is public, so they do not
// apply there). `localhost` on the same port is the site nobody allowed.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 20_000;

describe('embedding on another site', { timeout: 180_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {Record<string, string>} the business case's snippets, by heading */
  const snippets = {};
  /** @type {Map<string, string>} the host site's pages, by path */
  const hostPages = new Map();
  const hostSite = http.createServer((request, response) => {
    const body = hostPages.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  let HOST = '';
  let STRANGER = '';
  before(async () => {
    await new Promise((resolve) => hostSite.listen(0, '127.0.0.1', () => resolve(undefined)));
    const port = /** @type {import('node:net').AddressInfo} */ (hostSite.address()).port;
    HOST = `http://127.0.0.1:${port}`;
    STRANGER = `http://localhost:${port}`;
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '170', '--allow-origin', HOST]);
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}embed-this.html`);
    const card = page.locator('section.snippet[data-file="business-case-5y.json"]');
    await card.locator('pre code').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    for (const block of await card.locator('.snippet-block, div:has(> h3)').all()) {
      const heading = await block.locator('h3').textContent();
      const code = await block.locator('pre code').textContent();
      if (heading && code) snippets[heading] = code;
    }
    await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    hostSite.close();
  });

  /**
   * A new tab, and the host site's `/pricing` holding `body`.
   * @param {string} body
   */
  async function hostPage(body) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    hostPages.set('/pricing', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body style="margin:0">${body}</body></html>`);
    return page;
  }

  test('the iframe sizes itself to its content with the copied resizer', async () => {
    const iframe = snippets['Iframe'];
    const resizer = snippets['Iframe height to fit (once per host page)'];
    assert.ok(iframe && resizer, `snippets found: ${Object.keys(snippets).join(', ')}`);
    assert.match(iframe, /height:900px/);
    const page = await hostPage(`<h1>Pricing</h1>${iframe}${resizer}`);
    await page.goto(`${HOST}/pricing`);
    const frame = page.frameLocator('iframe');
    await frame.locator('yardstick-calculator').locator('[data-output]').first().waitFor();
    const fits = async () => {
      const outer = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
      const inner = await frame.locator('body').evaluate((b) => ({ body: b.getBoundingClientRect().height, scroll: document.documentElement.scrollHeight, view: innerHeight }));
      return { outer, ...inner };
    };
    await page.waitForFunction(() => (document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) > 1000);
    let size = await fits();
    assert.ok(Math.abs(size.outer - size.body) <= 1, JSON.stringify(size));
    assert.ok(size.scroll <= size.view + 1, `no scroll bar inside: ${JSON.stringify(size)}`);
    // Narrower host column: the content reflows taller, the frame follows;
    // wider again: it shrinks back (the height is the body's, not the frame's).
    const tall = size.outer;
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForFunction((before) => (document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) > before + 50, tall);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.waitForFunction((before) => Math.abs((document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) - before) <= 1, tall);
    size = await fits();
    assert.ok(Math.abs(size.outer - size.body) <= 1, JSON.stringify(size));
    await page.close();
  });

  test('a calculator in a cross-origin iframe is viewed without a click', async () => {
    const page = await hostPage(`${snippets['Iframe']}${snippets['Iframe height to fit (once per host page)']}`);
    await page.goto(`${HOST}/pricing`);
    const frame = page.frames().find((f) => f.url().startsWith(server.url)) ?? null;
    const embedded = frame ?? (await (await page.waitForSelector('iframe')).contentFrame());
    assert.ok(embedded);
    // No click, no focus on the frame: the view still arrives.
    assert.equal(await embedded.evaluate(() => document.hasFocus()), false);
    await embedded.waitForFunction(() => (/** @type {any} */ (window).dataLayer ?? []).some((/** @type {any} */ e) => e.event === 'calc_view'), undefined, { timeout: 6_000 });
    await page.close();
  });

  test('a script snippet on an allowed site loads its tracker from the server and reports a view', async () => {
    const script = snippets['Script and element'];
    assert.ok(script);
    const page = await hostPage(script);
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const trackerGlue = page.waitForResponse((response) => new URL(response.url()).pathname === '/pkg-page/yardstick.js');
    await page.goto(`${HOST}/pricing`);
    // The tracker's glue comes from the server, beside the embed script.
    const glue = await trackerGlue;
    assert.equal(new URL(glue.url()).origin, new URL(server.url).origin);
    assert.equal(glue.status(), 200);
    await page.waitForFunction(() => (/** @type {any} */ (window).dataLayer ?? []).some((/** @type {any} */ e) => e.event === 'calc_view'), undefined, { timeout: 6_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a script snippet on a page the server does not allow shows its link, not a blank box', async () => {
    const script = snippets['Script and element'];
    assert.ok(script);
    const page = await hostPage(script);
    await page.goto(`${STRANGER}/pricing`);
    const link = page.locator('yardstick-calculator > a');
    await link.waitFor();
    assert.ok(await link.isVisible());
    assert.match(String(await link.textContent()), /Open the calculator: /);
    assert.match(String(await link.getAttribute('href')), /\/embed\.html\?src=/);
    // The link opens the calculator on its own site, where it works.
    await link.click();
    await page.locator('yardstick-calculator').locator('[data-output]').first().waitFor();
    await page.close();
  });

  test('a model another site will not share says what to check', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Nothing listens on port 1: the fetch fails as a CORS refusal does,
    // with no reason a script may read.
    await page.route(`${server.url}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><script type="module" src="/pkg-widget/yardstick-widget.min.js"></script></head><body><yardstick-calculator src="http://127.0.0.1:1/m.json"></yardstick-calculator></body></html>' }));
    await page.goto(`${server.url}host.html`);
    const alert = page.locator('yardstick-calculator').locator('[role="alert"]');
    await alert.waitFor();
    const text = String(await alert.textContent());
    const origin = 'http:\\/\\/127\\.0\\.0\\.1:\\d+';
    const expected = new RegExp(`Could not load the calculator model from http://127\\.0\\.0\\.1:1/m\\.json: the network failed, or that server does not allow pages from ${origin} \\(yardstick-serve --allow-origin ${origin}\\)\\.`);
    assert.match(text, expected, text);
    await page.close();
  });
});
