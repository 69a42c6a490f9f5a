// Charts stay readable from a phone to a wide page (issue 11, defect 7):
// every example model, and a 12-month model, at 360, 768 and 1280 px. No
// two texts of a chart overlap, no text is smaller than 11 px on screen, the
// period axis keeps its first and last period, and the tornado's labels are
// distinct and inside the drawing. Real server, real engine, Debian's Chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness.mjs';
import { fixturePage, startStack, STEP_TIMEOUT_MS } from './widget-fixtures.mjs';

const WIDTHS = [360, 768, 1280];
const MIN_FONT_PX = 11;

/** The case: a monthly horizon whose labels ran together ("StartMonth1Month2"). */
const MONTHLY = {
  schema: 'yardstick/model@1',
  id: 'monthly-charts',
  version: '1.0.0',
  title: 'Monthly',
  currency: 'EUR',
  horizon: { periods: 12, unit: 'month' },
  inputs: [
    { id: 'setup', label: 'Set-up cost paid in the first month', kind: 'currency', default: 120000, min: 0, max: 500000, step: 1000 },
    { id: 'monthly_saving', label: 'Saving per month', kind: 'currency', default: 15000, min: 0, max: 100000, step: 500 },
  ],
  calculations: [
    { id: 'cash', label: 'Cash', per_period: true, formula: 'IF(period = 0, -setup, monthly_saving)', format: { style: 'currency' } },
    { id: 'cumulative', label: 'Cumulative', per_period: true, formula: 'PREV(cumulative) + cash', format: { style: 'currency' } },
  ],
  outputs: [{ id: 'net', label: 'Net', formula: 'SUM(cash)', format: { style: 'currency' } }],
  charts: [
    { id: 'monthly_bars', title: 'Cash by month', type: 'bar', series: ['cash', 'cumulative'] },
    { id: 'monthly_line', title: 'Cumulative by month', type: 'line', series: ['cumulative'] },
    { id: 'monthly_drivers', title: 'What moves the net', type: 'tornado', output: 'net' },
  ],
};

const EXAMPLES = fs.readdirSync(path.join(repoRoot, 'examples', 'models')).filter((name) => name.endsWith('.json'));

/** Every model under test: file name -> document. */
const MODELS = {
  ...Object.fromEntries(EXAMPLES.map((name) => [name, JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', name), 'utf8'))])),
  'monthly.json': MONTHLY,
};

/**
 * Every chart of widget `#w` as drawn on screen: each text's box and
 * on-screen font size, and the SVG's box.
 * @param {import('playwright-core').Page} page
 */
function readCharts(page) {
  return page.evaluate(() => {
    const root = /** @type {ShadowRoot} */ (/** @type {HTMLElement} */ (document.getElementById('w')).shadowRoot);
    return [...root.querySelectorAll('figure[data-chart]')].map((figure) => {
      const drawing = /** @type {SVGSVGElement} */ (figure.querySelector('svg'));
      const box = drawing.getBoundingClientRect();
      // CSS scales the viewBox to the element: a font size in the drawing is that much smaller or larger on screen.
      const scale = box.width / drawing.viewBox.baseVal.width;
      const texts = [...drawing.querySelectorAll('text')].map((text) => {
        const r = text.getBoundingClientRect();
        return {
          text: text.textContent ?? '',
          // A tornado label's full text, for hover and screen readers.
          title: text.parentElement?.querySelector(':scope > title')?.textContent ?? null,
          anchor: text.getAttribute('text-anchor'),
          y: Number(text.getAttribute('y')),
          x: r.left,
          fontPx: parseFloat(getComputedStyle(text).fontSize) * scale,
          box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
        };
      });
      const rowHeaders = [...figure.querySelectorAll('table tbody th')].map((th) => th.textContent ?? '');
      return { id: figure.getAttribute('data-chart') ?? '', rowHeaders, box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom }, texts };
    });
  });
}

/**
 * Whether two boxes share more than half a pixel each way.
 * @param {{ left: number, right: number, top: number, bottom: number }} a
 * @param {{ left: number, right: number, top: number, bottom: number }} b
 */
function overlap(a, b) {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
}

describe('widget charts at phone, tablet and desktop widths', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {string[]} */
  const problems = [];
  before(async () => {
    stack = await startStack();
    page = await stack.browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.route(`${stack.server.url}fixture-models/monthly.json`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(MONTHLY) }));
    for (const name of Object.keys(MODELS)) {
      const src = name === 'monthly.json' ? '/fixture-models/monthly.json' : `/models/${name}`;
      await page.route(`${stack.server.url}fixture/${name}.html`, (route) => route.fulfill({ contentType: 'text/html', body: fixturePage([{ id: 'w', attributes: { src } }]) }));
    }
  });
  after(async () => {
    await page?.close();
    await stack?.stop();
  });

  /**
   * Opens one model's widget at a width and waits until its charts are drawn.
   * @param {string} name
   * @param {number} width
   */
  async function open(name, width) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${stack.server.url}fixture/${name}.html`);
    await page.waitForFunction(() => /** @type {HTMLElement | null} */ (document.getElementById('w'))?.shadowRoot?.querySelector('figure svg') ?? null);
    // Two animation frames: any redraw the first layout asked for is done.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return readCharts(page);
  }

  for (const [name, model] of Object.entries(MODELS)) {
    for (const width of WIDTHS) {
      test(`${name} at ${width} px: readable, nothing overlaps, first and last periods shown`, async () => {
        const charts = await open(name, width);
        assert.equal(charts.length, model.charts.length);
        for (const chart of charts) {
          const declared = model.charts.find((/** @type {{ id: string }} */ c) => c.id === chart.id);
          const where = `${name} ${chart.id} at ${width} px`;
          // (b) every text at least 11 px on screen.
          for (const text of chart.texts) assert.ok(text.fontPx >= MIN_FONT_PX, `${where}: "${text.text}" is ${text.fontPx.toFixed(1)} px`);
          // (a) no two texts overlap.
          chart.texts.forEach((a, i) =>
            chart.texts.slice(i + 1).forEach((b) => assert.ok(!overlap(a.box, b.box), `${where}: "${a.text}" overlaps "${b.text}"`)),
          );
          if (declared.type === 'tornado') {
            // (d) labels distinct and inside the drawing.
            const labels = chart.texts.filter((t) => t.anchor === 'end');
            assert.ok(labels.length > 0, `${where}: no labels`);
            assert.equal(new Set(labels.map((l) => l.text)).size, labels.length, `${where}: labels repeat: ${labels.map((l) => l.text).join(' | ')}`);
            assert.deepEqual(labels.map((l) => l.title), chart.rowHeaders, `${where}: each label's title is the input's full label`);
            for (const label of labels) {
              assert.ok(label.box.left >= chart.box.left - 0.5 && label.box.right <= chart.box.right + 0.5, `${where}: "${label.text}" is clipped`);
            }
          } else {
            // (c) the period axis is the bottom row; it keeps the first and last period.
            const bottom = Math.max(...chart.texts.map((t) => t.y));
            const periods = chart.texts.filter((t) => t.y === bottom).sort((a, b) => a.x - b.x);
            assert.equal(periods[0]?.text, 'Start', `${where}: first period label`);
            assert.match(periods.at(-1)?.text ?? '', new RegExp(`\\D${model.horizon.periods}$`), `${where}: last period label`);
          }
        }
        assert.deepEqual(problems, []);
      });
    }
  }

  test('a chart drawn wide redraws in true pixels when its widget narrows', async () => {
    await open('monthly.json', 1280);
    await page.setViewportSize({ width: 360, height: 900 });
    // The ResizeObserver redraws on the next animation frame; wait for the new drawing.
    await page.waitForFunction(() => {
      const drawing = /** @type {HTMLElement} */ (document.getElementById('w')).shadowRoot?.querySelector('figure svg');
      return drawing instanceof SVGSVGElement && Math.abs(drawing.viewBox.baseVal.width - drawing.getBoundingClientRect().width) < 1;
    });
    for (const chart of await readCharts(page)) {
      for (const text of chart.texts) assert.ok(text.fontPx >= MIN_FONT_PX, `${chart.id} after narrowing: "${text.text}" is ${text.fontPx.toFixed(1)} px`);
    }
    assert.deepEqual(problems, []);
  });
});
