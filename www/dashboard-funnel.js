// @ts-check
/**
 * The dashboard's "Develop funnel" section: reads `GET /api/funnel` (every
 * figure computed by the Rust core from the collector's page views) for
 * the date range and engaged threshold in its form, and draws the funnel
 * as bars, the daily trend as an SVG chart, and the breakdowns by page,
 * referrer and campaign as tables, each with its CSV export
 * (`GET /api/funnel.csv`). It only formats and draws; it computes no
 * figure. Without dates it asks for the server's default (the last 30 days,
 * UTC) and fills the form with the range the server answers.
 */

import { h, svg } from './widget/dom.js';

/**
 * @typedef {object} Counts
 * @property {number} visitors
 * @property {number} interested
 * @property {number} interacting
 * @property {number} leads
 * @property {number | null} lead_value null when the leads name several currencies
 * @property {string | null} lead_currency null when no lead carried a value, or several did in different currencies
 */
/** @typedef {Counts & { day: string }} Day */
/** @typedef {Counts & { kind: 'value' | 'none' | 'other', value: string | null }} BreakdownRow */
/**
 * @typedef {object} FunnelAnswer
 * @property {string} from
 * @property {string} to
 * @property {number} days
 * @property {number} engaged_s
 * @property {{ step: string, count: number, of_previous: number, of_visitors: number }[]} steps
 * @property {number | null} lead_value
 * @property {string | null} lead_currency
 * @property {{ page_views: number, downloads: number, video_plays: number, outbound_clicks: number, returning_visitors: number }} totals
 * @property {Day[]} daily
 * @property {BreakdownRow[]} pages
 * @property {BreakdownRow[]} referrers
 * @property {BreakdownRow[]} campaigns
 */

const REQUEST_TIMEOUT_MS = 20_000;
const STEP_LABELS = /** @type {Record<string, string>} */ ({
  visitors: 'Visitors',
  interested: 'Interested',
  interacting: 'Interacting',
  leads: 'Leads',
});
const SERIES = /** @type {const} */ (['visitors', 'interested', 'interacting', 'leads']);
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const plainValue = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/**
 * The leads' value in its currency, as the core reports it: it never adds
 * dollars to euros, so leads in several currencies have no one value
 * (the leads table below has them per calculator).
 * @param {{ lead_value: number | null, lead_currency: string | null }} c
 */
function leadValueText(c) {
  if (c.lead_value === null) return 'several currencies';
  if (!c.lead_currency) return plainValue.format(c.lead_value);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: c.lead_currency, maximumFractionDigits: 0 }).format(c.lead_value);
  } catch {
    return `${plainValue.format(c.lead_value)} ${c.lead_currency}`;
  }
}

const form = /** @type {HTMLFormElement} */ (document.getElementById('funnel-form'));
const fromInput = /** @type {HTMLInputElement} */ (document.getElementById('funnel-from'));
const toInput = /** @type {HTMLInputElement} */ (document.getElementById('funnel-to'));
const engagedInput = /** @type {HTMLInputElement} */ (document.getElementById('funnel-engaged'));
const engagedNote = /** @type {HTMLElement} */ (document.getElementById('funnel-engaged-seconds'));
const status = /** @type {HTMLElement} */ (document.getElementById('funnel-status'));
const body = /** @type {HTMLElement} */ (document.getElementById('funnel-body'));

/** The query of the form (only the fields filled in). */
function formQuery() {
  const query = new URLSearchParams();
  if (fromInput.value) query.set('from', fromInput.value);
  if (toInput.value) query.set('to', toInput.value);
  if (engagedInput.value) query.set('engaged_s', engagedInput.value);
  return query;
}

/**
 * A CSV download link for `table` of the answer's range and threshold.
 * @param {FunnelAnswer} answer @param {string} table @param {string} what
 */
function csvLink(answer, table, what) {
  const query = new URLSearchParams({ table, from: answer.from, to: answer.to, engaged_s: String(answer.engaged_s) });
  return h('a', { class: 'csv-link', href: `/api/funnel.csv?${query}`, download: '' }, `Download ${what} as CSV`);
}

/**
 * A table with a caption, a header row and rows of cells (the first cell
 * of each row is its header).
 * @param {string} caption @param {string[]} header @param {string[][]} rows @param {string} name
 */
function table(caption, header, rows, name) {
  const head = h('tr', {}, ...header.map((text) => h('th', { scope: 'col' }, text)));
  const lines = rows.map((cells) => h('tr', {}, h('th', { scope: 'row' }, cells[0] ?? ''), ...cells.slice(1).map((text) => h('td', {}, text))));
  // A region that may scroll sideways on a phone: focusable, so a keyboard can scroll it, and named by its caption.
  const captionId = `funnel-${name}-caption`;
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 },
    h('table', { class: 'funnel-table', 'data-table': name }, h('caption', { id: captionId }, caption), h('thead', {}, head), h('tbody', {}, ...lines)),
  );
}

/** @param {Counts} c */
function countCells(c) {
  return [number.format(c.visitors), number.format(c.interested), number.format(c.interacting), number.format(c.leads), leadValueText(c)];
}

/**
 * The funnel as horizontal bars, each with its count and conversions, and
 * a text alternative.
 * @param {FunnelAnswer} answer
 */
function funnelBars(answer) {
  const width = 640;
  const row = 52;
  const max = Math.max(1, ...answer.steps.map((s) => s.count));
  /** @param {typeof answer.steps[number]} step @param {number} index */
  const words = (step, index) => (index === 0 ? `${number.format(step.count)}` : `${number.format(step.count)} · ${percent.format(step.of_previous)} of previous`);
  const description = answer.steps
    .map((s, i) => `${STEP_LABELS[s.step] ?? s.step}: ${words(s, i)}${i === 0 ? '' : `, ${percent.format(s.of_visitors)} of visitors`}`)
    .join('; ');
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${answer.steps.length * row}`, class: 'funnel-svg funnel-bars', role: 'img', 'aria-label': `Funnel: ${description}` });
  answer.steps.forEach((step, index) => {
    const y = index * row;
    // Each step's words sit above its bar, so a narrow screen keeps them.
    drawing.append(
      svg('text', { x: 0, y: y + 18 }, `${STEP_LABELS[step.step] ?? step.step}: ${words(step, index)}`),
      svg('rect', { x: 0, y: y + 26, width: Math.max(2, (width * step.count) / max), height: 18, class: 'bar', rx: 3 }),
    );
  });
  return drawing;
}

/**
 * The daily trend: one line per step, the first and last dates and a few
 * between (at most five labels, so a phone stays readable), with a text
 * alternative; the table of days follows it.
 * @param {FunnelAnswer} answer
 */
function trendChart(answer) {
  const width = 640;
  const height = 220;
  const left = 72;
  const bottom = 28;
  const plotWidth = width - left - 8;
  const top = 24;
  const plotHeight = height - bottom - top;
  const days = answer.daily;
  const max = Math.max(1, ...days.map((d) => d.visitors));
  const x = (/** @type {number} */ i) => left + (days.length <= 1 ? plotWidth / 2 : (plotWidth * i) / (days.length - 1));
  const y = (/** @type {number} */ v) => top + plotHeight - (plotHeight * v) / max;
  const peak = days.reduce((best, d) => (d.visitors > best.visitors ? d : best), days[0] ?? { day: answer.from, visitors: 0 });
  const total = answer.steps[0]?.count ?? 0;
  const label = `Daily trend from ${answer.from} to ${answer.to}: ${number.format(total)} visitors in all; the busiest day, ${peak.day}, had ${number.format(peak.visitors)}. The table below lists every day.`;
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'trend-svg', role: 'img', 'aria-label': label });
  drawing.append(
    svg('line', { x1: left, y1: top + plotHeight, x2: width - 8, y2: top + plotHeight, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 4, class: 'tick end' }, number.format(max)),
    svg('text', { x: left - 6, y: top + plotHeight, class: 'tick end' }, '0'),
  );
  const labels = Math.min(5, days.length);
  const every = Math.max(1, Math.ceil((days.length - 1) / Math.max(1, labels - 1)));
  const last = days.length - 1;
  days.forEach((d, i) => {
    // The last day always; a regular tick only when it leaves room for it.
    if (i === last || (i % every === 0 && last - i >= every)) {
      const anchor = i === 0 ? 'start' : i === last ? 'end' : 'middle';
      drawing.append(svg('text', { x: x(i), y: height - 8, class: `tick ${anchor}` }, d.day.slice(5)));
    }
  });
  for (const series of SERIES) {
    const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d[series]).toFixed(1)}`).join(' ');
    drawing.append(svg('polyline', { points, class: `series series-${series}` }));
  }
  const legend = h('ul', { class: 'trend-legend' }, ...SERIES.map((s) => h('li', { class: `legend-${s}` }, STEP_LABELS[s] ?? s)));
  return h('figure', { class: 'trend' }, drawing, legend);
}

/**
 * One breakdown table with its CSV link.
 * @param {FunnelAnswer} answer @param {'pages' | 'referrers' | 'campaigns'} name
 */
function breakdown(answer, name) {
  const titles = {
    pages: { caption: 'By page', first: 'Page', none: '(none)' },
    referrers: { caption: 'By referrer', first: 'Referrer', none: '(direct)' },
    campaigns: { caption: 'By campaign (utm_campaign)', first: 'Campaign', none: '(none)' },
  };
  const { caption, first } = titles[name];
  const rows = answer[name].map((r) => [r.kind === 'other' ? '(other)' : r.kind === 'none' ? titles[name].none : (r.value ?? ''), ...countCells(r)]);
  const section = h('section', { class: 'funnel-breakdown', 'aria-label': caption });
  section.append(
    rows.length ? table(caption, [first, 'Visitors', 'Interested', 'Interacting', 'Leads', 'Lead value'], rows, name) : h('p', { class: 'placeholder' }, `${caption}: no visits in this range.`),
    csvLink(answer, name, caption.toLowerCase()),
  );
  return section;
}

/** @param {FunnelAnswer} answer */
function draw(answer) {
  fromInput.value = answer.from;
  toInput.value = answer.to;
  engagedInput.value = String(answer.engaged_s);
  engagedNote.textContent = String(answer.engaged_s);
  const t = answer.totals;
  const stats = h(
    'dl',
    { class: 'stats' },
    ...[
      ['Page views', number.format(t.page_views)],
      ['Downloads', number.format(t.downloads)],
      ['Video plays', number.format(t.video_plays)],
      ['Outbound clicks', number.format(t.outbound_clicks)],
      ['Returning visitors', number.format(t.returning_visitors)],
      ['Lead value', leadValueText(answer)],
    ].map(([label, value]) => h('div', { class: 'stat' }, h('dt', {}, label ?? ''), h('dd', {}, value ?? ''))),
  );
  const steps = answer.steps.map((s, i) => [STEP_LABELS[s.step] ?? s.step, number.format(s.count), i === 0 ? '—' : percent.format(s.of_previous), percent.format(s.of_visitors)]);
  const days = answer.daily.map((d) => [d.day, ...countCells(d)]);
  body.replaceChildren(
    stats,
    h('h3', {}, `Funnel, ${answer.from} to ${answer.to}`),
    funnelBars(answer),
    table('Funnel steps and conversions', ['Step', 'Visitors', 'From previous step', 'From visitors'], steps, 'funnel'),
    csvLink(answer, 'funnel', 'the funnel'),
    h('h3', {}, 'Daily trend'),
    trendChart(answer),
    h('details', { class: 'funnel-days' }, h('summary', {}, 'Every day as a table'), table('Visitors per day', ['Day', 'Visitors', 'Interested', 'Interacting', 'Leads', 'Lead value'], days, 'daily')),
    csvLink(answer, 'daily', 'the days'),
    h('h3', {}, 'Breakdowns'),
    breakdown(answer, 'pages'),
    breakdown(answer, 'referrers'),
    breakdown(answer, 'campaigns'),
  );
}

let generation = 0;

/** Loads and draws the funnel for `query`; a newer load wins over an older one. */
async function load(/** @type {URLSearchParams} */ query) {
  const mine = ++generation;
  status.textContent = 'Loading the funnel…';
  const abort = new AbortController();
  const watchdog = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(`/api/funnel?${query}`, { cache: 'no-store', signal: abort.signal });
    const answer = await response.json();
    if (mine !== generation) return;
    if (!response.ok) throw new Error(typeof answer?.error === 'string' ? answer.error : `HTTP ${response.status}`);
    draw(/** @type {FunnelAnswer} */ (answer));
    status.textContent = `Funnel from ${answer.from} to ${answer.to}, engaged after ${answer.engaged_s} s.`;
  } catch (error) {
    if (mine === generation) status.textContent = `Could not load the funnel: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(watchdog);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void load(formQuery());
});
void load(new URLSearchParams());
