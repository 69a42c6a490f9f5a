// End-to-end test of the formula playground: the real yardstick-serve, the
// real engine, Debian's Chromium. Run with `npm run test:e2e`.
//
// Set YARDSTICK_SCREENSHOT_DIR to also save screenshots (desktop and mobile).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

/** Every Playwright wait in this file is bounded by this. */
const STEP_TIMEOUT_MS = 10_000;

/** Excel's PMT for a loan without future value, due at period end (the oracle). */
function pmt(ratePerPeriod, periods, presentValue) {
  return (-presentValue * ratePerPeriod) / (1 - (1 + ratePerPeriod) ** -periods);
}

/**
 * @param {number} actual
 * @param {number} expected
 * @param {number} relative
 */
function assertClose(actual, expected, relative = 1e-9) {
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected)),
    `expected ${actual} to be within ${relative} (relative) of ${expected}`,
  );
}

describe('formula playground', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  /** Console errors, uncaught exceptions and failed requests seen by the page. */
  const problems = /** @type {string[]} */ ([]);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(server.url);
    await page.locator('#formula:not([disabled])').waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Replaces the formula by typing it key by key (one input event per key). */
  async function typeFormula(text) {
    const input = page.locator('#formula');
    await input.fill('');
    await input.pressSequentially(text);
  }

  /** The result's number at full precision. */
  async function resultNumber() {
    const digits = await page.locator('#result .value-full-digits').textContent();
    return Number(digits);
  }

  test('shows the engine version and a starting result', async () => {
    const version = await page.locator('#engine-version').textContent();
    assert.match(version ?? '', /^Engine \S+/);
    assert.doesNotMatch(version ?? '', /unavailable|loading/i);
    await page.locator('#result .value').waitFor();
  });

  test('evaluates a formula as it is typed', async () => {
    await typeFormula('=PMT(8%/12,10,10000)');
    await page.locator('#result [data-kind="number"]').waitFor();
    const value = await resultNumber();
    assertClose(value, pmt(0.08 / 12, 10, 10000));
    assert.match(String(value), /^-1037\.03/);
    assert.equal(await page.locator('#result .value-primary').textContent(), '-1,037.03');
    assert.equal(await page.locator('#diagnostics').isHidden(), true);
    assert.equal(await page.locator('#formula').getAttribute('aria-invalid'), null);
  });

  test('updates on every input event, without a leading =', async () => {
    await typeFormula('2*3');
    await page.locator('#result .value-full-digits', { hasText: /^6$/ }).waitFor();
    await page.locator('#formula').press('Backspace');
    await page.locator('#result [data-kind="error"]').waitFor();
  });

  test('explains a broken formula in place', async () => {
    const broken = '=IF(1,2';
    await typeFormula(broken);
    await page.locator('#diagnostics').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#result .error-code').textContent(), '#ERROR!');
    assert.equal(await page.locator('#formula').getAttribute('aria-invalid'), 'true');

    const messages = await page.locator('#diagnostic-list .diagnostic-message').allTextContents();
    assert.ok(messages.length >= 1, 'at least one diagnostic is listed');
    assert.ok(messages.some((message) => message.includes(')')), `a message mentions the missing ")": ${JSON.stringify(messages)}`);

    const marks = page.locator('#mirror mark');
    assert.ok((await marks.count()) >= 1, 'the offending span is highlighted');
    const mirrorText = (await page.locator('#mirror').textContent()) ?? '';
    assert.equal(mirrorText.replace(/\u00a0$/, ''), broken, 'the mirror shows the formula text');

    // The position button selects the span in the input.
    await page.locator('#diagnostic-list .diagnostic-jump').first().click();
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'formula');
  });

  test('shows an error value with its code and message', async () => {
    await typeFormula('=1/0');
    assert.equal(await page.locator('#result .error-code').textContent(), '#DIV/0!');
    const message = (await page.locator('#result .error-message').textContent()) ?? '';
    assert.ok(message.trim().length > 0, 'the error has a message');
    assert.equal(await page.locator('#diagnostics').isHidden(), true);
  });

  test('shows an array as a table', async () => {
    await typeFormula('={1,2;3,4}');
    await page.locator('#result table.array-table').waitFor();
    const rows = page.locator('#result table.array-table tr');
    assert.equal(await rows.count(), 2);
    assert.deepEqual(await rows.nth(1).locator('td').allTextContents(), ['3', '4']);
  });

  test('clicking an example evaluates it', async () => {
    await page.locator('button.example', { hasText: 'PMT(6%/12, 36, 45000)' }).click();
    assert.equal(await page.locator('#formula').inputValue(), '=PMT(6%/12, 36, 45000)');
    await page.locator('#result [data-kind="number"]').waitFor();
    assertClose(await resultNumber(), pmt(0.06 / 12, 36, 45000));

    await page.locator('button.example', { hasText: 'XIRR(' }).click();
    await page.locator('#result [data-kind="number"]').waitFor();
    // Excel's documented XIRR for these flows: 0.373362535 (37.34%).
    assertClose(await resultNumber(), 0.373362535, 1e-6);
  });

  test('every example evaluates without a diagnostic', async () => {
    const examples = page.locator('button.example');
    const count = await examples.count();
    assert.ok(count >= 7, `at least 7 examples, found ${count}`);
    for (let i = 0; i < count; i += 1) {
      await examples.nth(i).click();
      const formula = await page.locator('#formula').inputValue();
      assert.equal(await page.locator('#diagnostics').isHidden(), true, `no diagnostics for ${formula}`);
      assert.equal(await page.locator('#result [data-kind="error"]').count(), 0, `no error value for ${formula}`);
    }
  });

  test('autocomplete works with the keyboard alone', async () => {
    const input = page.locator('#formula');
    await input.focus();
    await typeFormula('=P');
    const listbox = page.locator('#suggestions[role="listbox"]');
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('aria-expanded'), 'true');

    const options = listbox.locator('[role="option"]');
    const names = await options.locator('.suggestion-name').allTextContents();
    assert.ok(names.length >= 2, `several functions start with P: ${names.join(', ')}`);
    assert.ok(names.every((name) => name.startsWith('P')), `only names starting with P: ${names.join(', ')}`);
    assert.ok(names.includes('PMT'), 'PMT is suggested');
    // Each suggestion carries its summary, from the site's summaries file
    // (the wasm has none; crates/core/tests/function_summaries.rs keeps the
    // file equal to the registry).
    const summaries = JSON.parse(fs.readFileSync(path.join(repoRoot, 'www', 'function-summaries.json'), 'utf8'));
    const pmtSummary = options.nth(names.indexOf('PMT')).locator('.suggestion-summary');
    assert.equal(await pmtSummary.textContent(), summaries.PMT);

    const activeId = async () => input.getAttribute('aria-activedescendant');
    const firstId = await activeId();
    assert.equal(firstId, await options.nth(0).getAttribute('id'));
    await input.press('ArrowDown');
    assert.equal(await activeId(), await options.nth(1).getAttribute('id'));
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await input.press('ArrowUp');
    assert.equal(await activeId(), firstId);

    // Walk to PMT and insert it with Tab.
    const target = names.indexOf('PMT');
    for (let i = 0; i < target; i += 1) await input.press('ArrowDown');
    assert.equal(await activeId(), await options.nth(target).getAttribute('id'));
    await input.press('Tab');
    assert.equal(await input.inputValue(), '=PMT(');
    await listbox.waitFor({ state: 'hidden' });
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'formula', 'focus stays in the input');

    // The signature hint follows the caret into the call.
    const signature = page.locator('#signature');
    await signature.waitFor({ state: 'visible' });
    assert.match((await signature.textContent()) ?? '', /PMT\(rate, nper, pv, \[fv\], \[type\]\)/);
    assert.equal(await signature.locator('.signature-summary').textContent(), summaries.PMT);
    const active = signature.locator('.signature-active');
    assert.equal(await active.textContent(), 'rate');
    // The engine's lexer counts `;` as the parser does, and a string's
    // commas and parentheses as text.
    await input.pressSequentially('8%/12;CHOOSE(1;10;"a,(");');
    await page.waitForFunction(() => document.querySelector('#signature .signature-active')?.textContent === 'pv');
    await input.pressSequentially('10000)');
    await signature.waitFor({ state: 'hidden' });
    await input.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('#signature .signature-active')?.textContent === 'pv');
    assertClose(await resultNumber(), pmt(0.08 / 12, 10, 10000));

    // Enter inserts too, and Escape closes the list.
    await typeFormula('=ro');
    await listbox.waitFor({ state: 'visible' });
    await input.press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    await input.press('ArrowDown');
    await listbox.waitFor({ state: 'visible' });
    const first = (await options.nth(0).locator('.suggestion-name').textContent()) ?? '';
    await input.press('Enter');
    assert.equal(await input.inputValue(), `=${first}(`);
  });

  test('is accessible (axe-core: no serious or critical violations)', async () => {
    await page.locator('button.example').first().click();
    const axePath = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
    // Evaluated, not added as an inline <script>: the page's CSP refuses those.
    await page.evaluate(fs.readFileSync(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      // @ts-ignore axe is injected above
      const report = await window.axe.run(document, { resultTypes: ['violations'] });
      return report.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
    });
    assert.deepEqual(violations, []);
  });

  test('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.locator('button.example', { hasText: 'XIRR(' }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    const shots = process.env.YARDSTICK_SCREENSHOT_DIR;
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'playground-mobile.png'), fullPage: true });
      await page.setViewportSize({ width: 1200, height: 900 });
      await typeFormula('=IF(1,2');
      await page.screenshot({ path: path.join(shots, 'playground-diagnostic.png'), fullPage: true });
      await typeFormula('=NPV(8%, 12000, 15000, 18000, 21000, 24000) - 50000');
      await page.screenshot({ path: path.join(shots, 'playground-desktop.png'), fullPage: true });
      await typeFormula('=X');
      await page.screenshot({ path: path.join(shots, 'playground-autocomplete.png') });
    }
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  test('logged no console errors, page errors or failed requests', () => {
    assert.deepEqual(problems, []);
  });
});
