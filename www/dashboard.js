// @ts-check
/**
 * The engagement dashboard: reads the collector's metrics
 * (`GET /api/engagement`, computed by the Rust core) and draws them: counts,
 * engaged rate, interaction time and the funnel from view to lead. It only
 * formats and draws; every number comes from the server.
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

const REFRESH_MS = 5000;
const metricsRoot = /** @type {HTMLElement} */ (document.getElementById('metrics'));
const updated = /** @type {HTMLElement} */ (document.getElementById('updated'));
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
  const width = 560;
  const row = 30;
  const height = metrics.funnel.length * row + 8;
  const max = Math.max(1, ...metrics.funnel.map((s) => s.count));
  // The collector gives the first step a drop-off of 0; nothing comes
  // before it, so it shows none.
  /** @param {FunnelStep} step @param {number} index @param {(lost: string) => string} shape */
  const lost = (step, index, shape) => (index === 0 ? '' : shape(percent.format(step.drop_off)));
  const description = metrics.funnel
    .map((s, index) => `${s.step}: ${number.format(s.count)}${lost(s, index, (p) => `, ${p} lost`)}`)
    .join('; ');
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'funnel-svg', role: 'img', 'aria-label': `Funnel: ${description}` });
  metrics.funnel.forEach((step, index) => {
    const y = 4 + index * row;
    const barWidth = ((width - 220) * step.count) / max;
    drawing.append(
      svg('text', { x: 0, y: y + 18 }, step.step),
      svg('rect', { x: 80, y, width: Math.max(1, barWidth), height: row - 8, class: 'bar', rx: 3 }),
      svg('text', { x: 86 + barWidth, y: y + 18 }, `${number.format(step.count)}${lost(step, index, (p) => ` (−${p} since ${metrics.funnel[index - 1]?.step})`)}`),
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
 * @param {string} url
 * @returns {Promise<unknown>}
 */
async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function refresh() {
  try {
    const listing = /** @type {{ calcs: { calc_id: string }[] }} */ (await getJson('/api/engagement'));
    const all = await Promise.all(listing.calcs.map((c) => getJson(`/api/engagement?calc_id=${encodeURIComponent(c.calc_id)}`)));
    const cards = all.map((metrics) => card(/** @type {CalcMetrics} */ (metrics)));
    metricsRoot.replaceChildren(...(cards.length ? cards : [h('p', { class: 'placeholder' }, 'No events yet. Use a calculator in the gallery, then come back.')]));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    updated.textContent = `Could not load the metrics: ${error instanceof Error ? error.message : String(error)}`;
  }
}

document.getElementById('refresh')?.addEventListener('click', () => void refresh());
void refresh();
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, REFRESH_MS);
