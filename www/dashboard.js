// @ts-check
/**
 * The engagement dashboard: reads one page of every calculator's metrics
 * (`GET /api/engagement?metrics=all`, computed by the Rust core) in ONE
 * request and draws them: counts, engaged rate, interaction time and the
 * funnel from view to lead. It only formats and draws; every number comes
 * from the server.
 *
 * Refreshes never overlap: the next one is scheduled only when the last
 * has finished (or timed out), and none runs while the tab is hidden. A
 * calculator the server cannot read shows its error in its own card.
 */

import { h, svg } from './widget/dom.js';

/**
 * @typedef {object} FunnelStep
 * @property {string} step
 * @property {number} count
 * @property {number} drop_off
 */
/**
 * @typedef {object} CalcMetrics
 * @property {string} calc_id
 * @property {number} views
 * @property {number} starts
 * @property {number} results
 * @property {number} leads
 * @property {number} engaged_rate
 * @property {{ median: number | null, p75: number | null, total: number }} interaction_ms
 * @property {FunnelStep[]} funnel
 * @property {{ step_index: number, count: number }[]} steps
 * @property {string[]} calc_versions
 */

/** Pause between the end of one refresh and the start of the next. */
const REFRESH_PAUSE_MS = 5000;
/** A refresh that takes longer is abandoned (and the next one scheduled). */
const REQUEST_TIMEOUT_MS = 20_000;
/** Calculators per page (the server allows up to 1,000). */
const PAGE_SIZE = 200;
const metricsRoot = /** @type {HTMLElement} */ (document.getElementById('metrics'));
const updated = /** @type {HTMLElement} */ (document.getElementById('updated'));
const pager = /** @type {HTMLElement} */ (document.getElementById('pager'));
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });

/** @param {number | null} ms */
function duration(ms) {
  return ms === null ? '—' : seconds.format(ms / 1000);
}

/**
 * @param {[string, string][]} pairs
 */
function stats(pairs) {
  const list = h('dl', { class: 'stats' });
  for (const [label, value] of pairs) {
    const item = h('div', { class: 'stat' });
    item.append(h('dt', {}, label), h('dd', {}, value));
    list.append(item);
  }
  return list;
}

/**
 * The funnel as horizontal bars, with a text alternative.
 * @param {CalcMetrics} metrics
 */
function funnelChart(metrics) {
  const width = 600;
  // Room right of the longest bar for its label, "0 (100% lost since result)".
  const labelRoom = 200;
  const row = 30;
  const height = metrics.funnel.length * row + 8;
  const max = Math.max(1, ...metrics.funnel.map((s) => s.count));
  // What was lost since the previous step, in words; empty for the first
  // step and when no one reached the previous step (no one to lose).
  /** @param {number} index @param {(words: string, since: string) => string} shape */
  const lost = (index, shape) => {
    const previous = metrics.funnel[index - 1];
    if (!previous || previous.count === 0) return '';
    const share = metrics.funnel[index]?.drop_off ?? 0;
    return shape(share > 0 ? `${percent.format(share)} lost` : 'none lost', previous.step);
  };
  const description = metrics.funnel
    .map((s, index) => `${s.step}: ${number.format(s.count)}${lost(index, (words) => `, ${words}`)}`)
    .join('; ');
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'funnel-svg', role: 'img', 'aria-label': `Funnel: ${description}` });
  metrics.funnel.forEach((step, index) => {
    const y = 4 + index * row;
    const barWidth = ((width - 86 - labelRoom) * step.count) / max;
    drawing.append(
      svg('text', { x: 0, y: y + 18 }, step.step),
      svg('rect', { x: 80, y, width: Math.max(1, barWidth), height: row - 8, class: 'bar', rx: 3 }),
      svg('text', { x: 86 + barWidth, y: y + 18 }, `${number.format(step.count)}${lost(index, (words, since) => ` (${words} since ${since})`)}`),
    );
  });
  return drawing;
}

/** @param {CalcMetrics} metrics */
function card(metrics) {
  const section = h('section', { class: 'metric-card', 'aria-label': metrics.calc_id });
  section.append(
    h('h2', {}, metrics.calc_id),
    stats([
      ['Views', number.format(metrics.views)],
      ['Starts', number.format(metrics.starts)],
      ['Results', number.format(metrics.results)],
      ['Leads', number.format(metrics.leads)],
      ['Engaged', percent.format(metrics.engaged_rate)],
      ['Interaction, median', duration(metrics.interaction_ms.median)],
      ['Interaction, P75', duration(metrics.interaction_ms.p75)],
      ['Interaction, total', duration(metrics.interaction_ms.total)],
    ]),
    h('h3', {}, 'Funnel'),
    funnelChart(metrics),
  );
  if (metrics.steps.length > 0) {
    // steps[i].count: the widgets whose visitor changed at least step_index inputs.
    const depth = metrics.steps.map(
      (s) => `${s.step_index}+ input${s.step_index === 1 ? '' : 's'}: ${number.format(s.count)} widget${s.count === 1 ? '' : 's'}`,
    );
    section.append(h('h3', {}, 'Inputs changed per visit'), h('p', {}, depth.join(' · ')));
  }
  return section;
}

/**
 * The card of a calculator the server could not read: only its error.
 * @param {{ calc_id: string, error: string }} failed
 */
function errorCard(failed) {
  const section = h('section', { class: 'metric-card metric-error', 'aria-label': failed.calc_id });
  section.append(h('h2', {}, failed.calc_id), h('p', { role: 'alert' }, `Could not read this calculator's metrics: ${failed.error}`));
  return section;
}

/**
 * @typedef {object} MetricsPage
 * @property {(CalcMetrics | { calc_id: string, error: string })[]} calcs
 * @property {string | null} next_after
 */

/** The page shown: `after` cursors of the pages before it, and its own. */
/** @type {(string | null)[]} */
const pageStarts = [null];
let inFlight = false;
let again = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;

/** @param {string | null} after */
function pageUrl(after) {
  const query = new URLSearchParams({ metrics: 'all', limit: String(PAGE_SIZE) });
  if (after !== null) query.set('after', after);
  return `/api/engagement?${query}`;
}

/**
 * Draws one page of calculators and the paging buttons.
 * @param {MetricsPage} page
 */
function draw(page) {
  const cards = page.calcs.map((entry) => ('error' in entry ? errorCard(entry) : card(/** @type {CalcMetrics} */ (entry))));
  metricsRoot.replaceChildren(...(cards.length ? cards : [h('p', { class: 'placeholder' }, 'No events yet. Use a calculator in the gallery, then come back.')]));
  const buttons = [];
  if (pageStarts.length > 1) {
    const previous = h('button', { type: 'button', class: 'button' }, 'Previous calculators');
    previous.addEventListener('click', () => {
      pageStarts.pop();
      requestRefresh();
    });
    buttons.push(previous);
  }
  const nextAfter = page.next_after;
  if (nextAfter !== null) {
    const next = h('button', { type: 'button', class: 'button' }, 'Next calculators');
    next.addEventListener('click', () => {
      pageStarts.push(nextAfter);
      requestRefresh();
    });
    buttons.push(next);
  }
  pager.replaceChildren(...buttons);
}

/** One refresh: one request; schedules the next when it ends. */
async function refresh() {
  clearTimeout(timer);
  timer = undefined;
  inFlight = true;
  const abort = new AbortController();
  const watchdog = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const url = pageUrl(pageStarts[pageStarts.length - 1] ?? null);
    const response = await fetch(url, { cache: 'no-store', signal: abort.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    draw(/** @type {MetricsPage} */ (await response.json()));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    updated.textContent = `Could not load the metrics: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(watchdog);
    inFlight = false;
    if (again) {
      again = false;
      void refresh();
    } else {
      schedule();
    }
  }
}

/** The next refresh, after the pause, unless the tab is hidden. */
function schedule() {
  clearTimeout(timer);
  timer = document.visibilityState === 'visible' ? setTimeout(() => void refresh(), REFRESH_PAUSE_MS) : undefined;
}

/** Refreshes now, or right after the refresh under way. */
function requestRefresh() {
  if (inFlight) {
    again = true;
  } else {
    void refresh();
  }
}

document.getElementById('refresh')?.addEventListener('click', requestRefresh);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') {
    clearTimeout(timer);
    timer = undefined;
  } else if (!inFlight && timer === undefined) {
    void refresh();
  }
});
void refresh();
