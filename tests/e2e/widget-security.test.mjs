// The widget and the embed page against a hostile link: a call to action
// that would run script, a model or collector from an origin the site never
// allowed, and storage that outlives a withdrawn consent. Real server, real
// widget and engine, Debian's Chromium; foreign origins are Playwright routes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness.mjs';
import { fixturePage, loadAndPause, openPage, setVisible, startStack, tinyModel } from './widget-fixtures.mjs';

/** A foreign origin, answered by Playwright routes (never the network). */
const FOREIGN = 'https://models.example';

/** Payloads that would run script (or show a page of the attacker's) if they became a link. */
const HOSTILE_LINKS = [
  'javascript:void(window.__pwned=1)',
  'JaVaScRiPt:void(window.__pwned=1)',
  '  javascript:void(window.__pwned=1)',
  '\u0001javascript:void(window.__pwned=1)',
  'java\tscript:void(window.__pwned=1)',
  'jav\na\rscript:void(window.__pwned=1)',
  'javascript:alert(document.domain)',
  'data:text/html,<script>opener.__pwned=1</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  ' \tVbScript:msgbox(1)',
];

describe('widget security', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /**
   * A page with a model under /fixture-models/, a log of console warnings,
   * of dialogs, and of requests to the foreign origin.
   * @param {string} calcId
   * @param {{ pages?: Record<string, string>, initScript?: () => void }} [options]
   */
  async function openWith(calcId, options = {}) {
    const opened = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, ...options });
    const { page } = opened;
    /** @type {string[]} */
    const warnings = [];
    /** @type {string[]} */
    const dialogs = [];
    /** @type {string[]} */
    const foreign = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.route(`${FOREIGN}/**`, (route) => {
      foreign.push(`${route.request().method()} ${route.request().url()}`);
      const headers = { 'access-control-allow-origin': '*' };
      if (route.request().url().endsWith('.json')) return route.fulfill({ headers, contentType: 'application/json', body: JSON.stringify({ ...tinyModel(calcId), title: 'Call +1 555 0100 to claim your prize' }) });
      return route.fulfill({ headers, contentType: 'application/json', body: '{"accepted":1,"duplicates":0}' });
    });
    return { ...opened, warnings, dialogs, foreign };
  }

  /** @param {import('playwright-core').Page} page */
  function waitForWidget(page) {
    return page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready' || e.type === 'error'));
  }

  /** @param {Record<string, string>} params */
  function embedUrl(params, file = 'embed.html') {
    return `${stack.server.url}${file}?${new URLSearchParams(params)}`;
  }

  test('a call to action that is not an http(s) link is never rendered and runs nothing when clicked', async () => {
    for (const href of HOSTILE_LINKS) {
      const { page, warnings, dialogs, problems } = await openWith('cta-hostile');
      await page.goto(embedUrl({ src: '/fixture-models/cta-hostile.json', 'cta-href': href, 'cta-label': 'Book a call' }));
      await waitForWidget(page);
      const cta = page.locator('yardstick-calculator a.cta');
      const rendered = await cta.count();
      if (rendered > 0) {
        await cta.click({ timeout: 2_000 }).catch(() => {});
        await page.clock.runFor(500);
        await page.waitForTimeout(200);
      }
      const pwned = await page.evaluate(() => /** @type {any} */ (window).__pwned ?? null).catch(() => 'page gone');
      assert.equal(pwned, null, `${JSON.stringify(href)} ran script`);
      assert.deepEqual(dialogs, [], `${JSON.stringify(href)} opened a dialog`);
      assert.equal(rendered, 0, `${JSON.stringify(href)} became a link`);
      assert.ok(warnings.some((w) => w.includes('cta-href')), `no warning for ${JSON.stringify(href)}: ${warnings.join(' | ')}`);
      // The rest of the widget still works.
      assert.notEqual((await page.locator('yardstick-calculator [data-output="net"] output').textContent())?.trim() ?? '', '');
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('http(s) and relative calls to action become links, relative ones resolved against the page', async () => {
    const cases = [
      ['/contact?from=calc', `${stack.server.url}contact?from=calc`],
      ['https://sales.example/demo', 'https://sales.example/demo'],
      ['  HTTP://sales.example/x', 'http://sales.example/x'],
    ];
    for (const [href, expected] of cases) {
      const { page, problems } = await openWith('cta-ok');
      await page.goto(embedUrl({ src: '/fixture-models/cta-ok.json', 'cta-href': href }));
      await waitForWidget(page);
      assert.equal(await page.locator('yardstick-calculator a.cta').getAttribute('href'), expected);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('the element itself refuses a javascript: call to action set as an attribute', async () => {
    const html = fixturePage([{ id: 'a', attributes: { src: '/fixture-models/cta-element.json', 'cta-href': ' java\tscript:void(window.__pwned=1)' } }]);
    const { page, warnings } = await openWith('cta-element', { pages: { 'cta-element.html': html } });
    await page.goto(`${stack.server.url}fixture/cta-element.html`);
    await waitForWidget(page);
    assert.equal(await page.locator('#a a.cta').count(), 0);
    assert.ok(warnings.some((w) => w.includes('cta-href')), warnings.join(' | '));
    await page.close();
  });

  test('embed.html refuses a data: model with a message and loads no widget', async () => {
    const model = JSON.stringify({ ...tinyModel('data-src'), title: 'Call +1 555 0100 to claim your prize' });
    for (const src of [`data:application/json,${encodeURIComponent(model)}`, ` data:application/json;base64,${Buffer.from(model).toString('base64')}`]) {
      const { page, problems } = await openWith('data-src');
      await page.goto(embedUrl({ src }));
      const alert = page.locator('#calculator [role="alert"]');
      await alert.waitFor();
      assert.match(String(await alert.textContent()), /not allowed/);
      assert.equal(await page.locator('yardstick-calculator').count(), 0);
      assert.doesNotMatch(String(await page.locator('body').textContent()), /555/);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('embed.html refuses a model from another origin', async () => {
    for (const src of [`${FOREIGN}/m.json`, '//models.example/m.json', `http://localhost:${new URL(stack.server.url).port}/fixture-models/x.json`, 'blob:https://models.example/1']) {
      const { page, foreign, problems } = await openWith('foreign-src');
      await page.goto(embedUrl({ src }));
      await page.locator('#calculator [role="alert"]').waitFor();
      assert.equal(await page.locator('yardstick-calculator').count(), 0, src);
      assert.deepEqual(foreign, [], src);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('embed.html loads a same-origin model given relative or absolute', async () => {
    for (const src of ['/fixture-models/own-src.json', 'fixture-models/own-src.json', `${stack.server.url}fixture-models/own-src.json`]) {
      const { page, problems } = await openWith('own-src');
      await page.goto(embedUrl({ src }));
      await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
      assert.equal(await page.locator('#calculator [role="alert"]').count(), 0);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('embed.html drops a collector on another origin (with a warning) and still loads the widget', async () => {
    const { page, foreign, warnings, problems } = await openWith('foreign-collector');
    await page.goto(embedUrl({ src: '/fixture-models/foreign-collector.json', collector: `${FOREIGN}/collect` }));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
    await page.locator('yardstick-calculator input.number').first().fill('2000');
    await page.clock.runFor(12_000);
    await setVisible(page, false);
    await page.clock.runFor(1_000);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('yardstick-calculator').getAttribute('collector'), null);
    assert.deepEqual(foreign, []);
    assert.ok(warnings.some((w) => w.includes('collector')), warnings.join(' | '));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an origin listed in the yardstick-embed-origins meta may serve the model and the collector', async () => {
    const shipped = fs.readFileSync(path.join(repoRoot, 'www', 'embed.html'), 'utf8');
    const meta = '<meta name="yardstick-embed-origins" content="">';
    assert.ok(shipped.includes(meta), 'www/embed.html carries the empty allow-list meta');
    const configured = shipped.replace(meta, `<meta name="yardstick-embed-origins" content="https://other.example  ${FOREIGN}">`);
    const { page, foreign, problems } = await openWith('allowed-origin');
    // Served beside embed.html, so its relative ./embed.js is the real one.
    await page.route(`${stack.server.url}embed-configured.html*`, (route) => route.fulfill({ contentType: 'text/html', body: configured }));
    await page.goto(embedUrl({ src: `${FOREIGN}/m.json`, collector: `${FOREIGN}/collect` }, 'embed-configured.html'));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
    assert.equal(await page.locator('yardstick-calculator').getAttribute('collector'), `${FOREIGN}/collect`);
    await page.locator('yardstick-calculator input.number').first().fill('2000');
    await setVisible(page, false);
    await page.clock.runFor(1_000);
    await page.waitForTimeout(300);
    assert.ok(foreign.includes(`GET ${FOREIGN}/m.json`), foreign.join(' | '));
    assert.ok(foreign.includes(`POST ${FOREIGN}/collect`), foreign.join(' | '));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('embed.html and its widget work under the site content security policy', async () => {
    const { page, problems } = await openWith('csp');
    const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
    await page.route(`${stack.server.url}embed.html*`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    await page.addInitScript(() => {
      const violations = /** @type {string[]} */ ([]);
      Object.defineProperty(window, '__violations', { value: violations });
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // The example model has charts: their legend swatches must not need inline styles either.
    await page.goto(embedUrl({ src: '/models/saas-roi.json', collector: '/collect', 'cta-href': '/contact' }));
    await page.waitForFunction(() => /** @type {any} */ (window).__yardstickEvents.some((e) => e.type === 'ready'));
    await page.locator('yardstick-calculator input.number').first().fill('2000');
    await page.clock.runFor(1_000);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('withdrawn consent erases what consent stored', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** The `yardstick:` keys of both storages, and one key of the host's own. */
  /** @param {import('playwright-core').Page} page */
  function stored(page) {
    return page.evaluate(() => {
      /** @param {Storage} s */
      const keys = (s) => Object.keys(s).filter((k) => k.startsWith('yardstick:')).sort();
      return { local: keys(localStorage), session: keys(sessionStorage), host: localStorage.getItem('host:theme') };
    });
  }

  /**
   * A granted visit whose collector is unreachable: the visitor id and an
   * outbox of events stay in localStorage. Returns the stored event ids.
   * @param {string} calcId
   */
  async function grantedVisit(calcId) {
    const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json`, collector: '/collect', consent: 'granted' } }]);
    const { page } = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html } });
    await page.route(`${stack.server.url}collect`, (route) => route.abort());
    // A clean origin: only the host's own key, then the widget's visit.
    await page.route(`${stack.server.url}fixture/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto(`${stack.server.url}fixture/blank.html`);
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem('host:theme', 'dark');
    });
    await loadAndPause(page, `${stack.server.url}fixture/${calcId}.html`, ['a']);
    await page.locator('#a input.number').first().fill('2000');
    await page.clock.runFor(12_000);
    await setVisible(page, false);
    await page.clock.runFor(1_000);
    const visit = await page.evaluate(() => {
      const outboxKey = Object.keys(localStorage).find((k) => k.startsWith('yardstick:outbox:'));
      const outbox = JSON.parse((outboxKey && localStorage.getItem(outboxKey)) || '[]');
      return { visitor: localStorage.getItem('yardstick:visitor'), ids: outbox.map((/** @type {any} */ e) => e.event_id) };
    });
    assert.ok(visit.visitor, 'the granted visit stored a visitor id');
    assert.ok(visit.ids.length >= 3, `the granted visit stored its outbox (${visit.ids.length} events)`);
    await page.close();
    return visit.ids;
  }

  /**
   * The next visit, with a log of every event id posted to the collector.
   * @param {string} calcId
   * @param {string} consent
   * @param {{ initScript?: () => void, collectorUp: boolean }} options
   */
  async function nextVisit(calcId, consent, options) {
    const html = fixturePage([{ id: 'a', attributes: { src: `/fixture-models/${calcId}.json`, collector: '/collect', consent } }]);
    const { page, problems } = await openPage(stack.browser.context, stack.server.url, { models: { [`${calcId}.json`]: tinyModel(calcId) }, pages: { [`${calcId}.html`]: html }, initScript: options.initScript });
    // sessionStorage belongs to the tab: this visit's, as an older widget might have left it.
    await page.addInitScript(() => sessionStorage.setItem('yardstick:probe', '1'));
    /** @type {string[]} */
    const posted = [];
    const state = { up: options.collectorUp };
    await page.route(`${stack.server.url}collect`, (route) => {
      if (!state.up) return route.abort();
      const body = JSON.parse(route.request().postData() ?? '{}');
      for (const event of body.events ?? []) posted.push(event.event_id);
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ accepted: (body.events ?? []).length, duplicates: 0 }) });
    });
    await loadAndPause(page, `${stack.server.url}fixture/${calcId}.html`, ['a']);
    return { page, problems, posted, state };
  }

  /**
   * Types, lets time pass and hides the page, so whatever is queued goes out.
   * @param {import('playwright-core').Page} page
   */
  async function useAndFlush(page) {
    await page.locator('#a input.number').first().fill('3000');
    await page.clock.runFor(12_000);
    await setVisible(page, false);
    // Every backoff retry falls within these minutes.
    for (let i = 0; i < 6; i += 1) await page.clock.runFor(30_000);
    await page.waitForTimeout(300);
  }

  test('a later visit with consent denied erases the visitor id and the outbox, and sends none of it', async () => {
    const ids = await grantedVisit('erase-denied');
    const { page, posted, problems } = await nextVisit('erase-denied', 'denied', { collectorUp: true });
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    await useAndFlush(page);
    assert.ok(posted.length > 0, 'the denied visit still reports anonymously');
    assert.deepEqual(posted.filter((id) => ids.includes(id)), []);
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a later visit with Global Privacy Control erases them too, whatever the consent attribute says', async () => {
    const ids = await grantedVisit('erase-gpc');
    const gpc = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
    const { page, posted, problems } = await nextVisit('erase-gpc', 'granted', { initScript: gpc, collectorUp: true });
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    await useAndFlush(page);
    assert.deepEqual(posted.filter((id) => ids.includes(id)), []);
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('consent turning to denied during a visit erases storage and the queued events at once', async () => {
    const ids = await grantedVisit('erase-runtime');
    // Granted again: the stored outbox is read back and waits for the collector.
    const { page, posted, state } = await nextVisit('erase-runtime', 'granted', { collectorUp: false });
    const before = await stored(page);
    assert.ok(before.local.includes('yardstick:visitor') && before.local.length >= 2 && before.session.length === 1, JSON.stringify(before));
    await page.evaluate(() => document.getElementById('a')?.setAttribute('consent', 'denied'));
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    state.up = true;
    await useAndFlush(page);
    assert.ok(posted.length > 0, 'events after the withdrawal still go out, anonymously');
    assert.deepEqual(posted.filter((id) => ids.includes(id)), []);
    assert.deepEqual(await stored(page), { local: [], session: [], host: 'dark' });
    await page.close();
  });

  test('consent unknown leaves what an earlier granted visit stored in place, unread, and granting it later sends it', async () => {
    const ids = await grantedVisit('keep-unknown');
    const { page, posted } = await nextVisit('keep-unknown', 'unknown', { collectorUp: true });
    const kept = await stored(page);
    assert.ok(kept.local.includes('yardstick:visitor') && kept.local.length >= 2, JSON.stringify(kept));
    await useAndFlush(page);
    assert.deepEqual(posted.filter((id) => ids.includes(id)), []);
    // The consent banner answers "granted": the earlier visit's events go out after all.
    await page.evaluate(() => document.getElementById('a')?.setAttribute('consent', 'granted'));
    await setVisible(page, true);
    await page.locator('#a input.number').first().fill('4000');
    await useAndFlush(page);
    assert.deepEqual(ids.filter((id) => !posted.includes(id)), [], 'every stored event was sent');
    await page.close();
  });
});
