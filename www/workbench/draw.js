// @ts-check
/**
 * The workbench's own drawings, beside the widget's (`widget/charts.js`,
 * whose bytes the widget budget counts): the cumulative cash flow with
 * its payback point marked, and the histogram of a Monte Carlo output
 * with P10, P50 and P90 marked. Each is an SVG marked `role="img"` with a
 * description, in a chart frame from the widget, plus a visually hidden
 * table of the numbers.
 *
 * It draws the engine's numbers (the series, `breakEven`, the run's
 * statistics); it computes none.
 */

import { h, svg } from '../widget/dom.js';
import { periodLabels } from '../widget/charts.js';

/** @typedef {import('../widget/charts.js').ChartFrame} ChartFrame */
/** @typedef {import('../../pkg/yardstick.js').ModelLayout} ModelLayout */
/** @typedef {import('../../pkg/yardstick.js').NumberFormat} NumberFormat */
/** @typedef {import('../../pkg/yardstick.js').BreakEven} BreakEven */
/** @typedef {import('../../pkg-risk/yardstick.js').OutputDistribution} OutputDistribution */
/** @typedef {import('../../pkg/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../widget/format.js').NumberFormats} NumberFormats */

const FALLBACK_WIDTH = 480;
const HEIGHT = 240;
const FONT_PX = 12;
const MARGIN = { top: 40, right: 16, bottom: 28, left: 64 };

/**
 * The drawing's width: its figure's, in CSS pixels.
 * @param {ChartFrame} frame
 */
function widthOf(frame) {
  frame.width = frame.figure.clientWidth;
  return frame.width || FALLBACK_WIDTH;
}

/**
 * @param {ChartFrame} frame
 * @param {number} width
 * @param {number} height
 * @param {string} description
 */
function drawing(frame, width, height, description) {
  const element = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${frame.captionId} ${frame.descId}`, class: 'chart-svg', 'font-size': FONT_PX });
  element.append(svg('desc', { id: frame.descId }, description));
  return element;
}

/**
 * Replaces the figure's drawing and table.
 * @param {ChartFrame} frame
 * @param {SVGSVGElement} picture
 * @param {HTMLTableElement} table
 */
function replace(frame, picture, table) {
  for (const old of frame.figure.querySelectorAll('svg, table')) old.remove();
  frame.figure.append(picture, table);
}

/**
 * A scale from `low..high` (widened to include 0 when `withZero`) to pixels.
 * @param {number} low
 * @param {number} high
 * @param {number} from
 * @param {number} to
 */
function scale(low, high, from, to) {
  if (low === high) high = low + 1;
  return (/** @type {number} */ value) => from + ((value - low) / (high - low)) * (to - from);
}

/**
 * A visually hidden table: a caption, column heads and rows of text.
 * @param {string} caption
 * @param {string[]} heads
 * @param {string[][]} rows
 */
function hiddenTable(caption, heads, rows) {
  return h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...heads.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head ?? ''), ...cells.map((cell) => h('td', {}, cell))))),
  );
}

/**
 * The cumulative cash flow over the horizon, a line, with the payback
 * point (where the engine's break-even puts it) marked on the zero line.
 * @param {ChartFrame} frame
 * @param {string} title
 * @param {ModelLayout} layout
 * @param {FormulaValue[]} cumulative the model's cumulative series
 * @param {NumberFormat} format the series' format
 * @param {BreakEven | null} payback `model.breakEven(cashFlow.net)`
 * @param {NumberFormats} formats
 * @param {(value: number) => string} months how a number of months reads
 */
export function drawCumulative(frame, title, layout, cumulative, format, payback, formats, months) {
  const values = cumulative.map((v) => (typeof v === 'number' ? v : null));
  const numbers = values.filter((v) => v !== null).map(Number);
  const width = widthOf(frame);
  const labels = periodLabels(layout.horizon);
  const shortLabels = periodLabels(layout.horizon, true);
  const low = Math.min(0, ...numbers);
  const high = Math.max(0, ...numbers);
  const pad = (high - low || 1) * 0.08;
  const y = scale(low - pad, high + pad, HEIGHT - MARGIN.bottom, MARGIN.top);
  const band = (width - MARGIN.left - MARGIN.right) / Math.max(1, labels.length);
  const x = (/** @type {number} */ period) => MARGIN.left + band * (period + 0.5);
  const axisText = (/** @type {number} */ value) => (format.style === 'currency' || format.style === 'number' ? formats.compact(value, format.style) : formats.output(value, format));
  const paybackText = payback && payback.months !== null ? `Payback after ${months(payback.months)}` : 'No payback within the horizon';
  const picture = drawing(
    frame,
    width,
    HEIGHT,
    `${paybackText}. ${values.map((v, i) => `${labels[i]} ${v === null ? 'no value' : formats.output(v, format)}`).join(', ')}.`,
  );
  for (const tick of [low, 0, high].filter((t, i, all) => all.indexOf(t) === i)) {
    picture.append(
      svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick), class: tick === 0 ? 'axis' : 'grid' }),
      svg('text', { x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' }, axisText(tick)),
    );
  }
  // Every label when they fit, else every other one and the last.
  const every = band > 56 ? 1 : Math.ceil(56 / band);
  shortLabels.forEach((text, period) => {
    if (period % every !== 0 && period !== labels.length - 1) return;
    picture.append(svg('text', { x: x(period), y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, band > 56 ? /** @type {string} */ (labels[period]) : text));
  });
  const points = values.map((v, period) => (v === null ? null : `${x(period)},${y(v)}`)).filter(Boolean).join(' ');
  picture.append(svg('polyline', { points, fill: 'none', stroke: 'var(--yardstick-series-1, #2454d6)', 'stroke-width': 2.5, class: 'line' }));
  values.forEach((v, period) => {
    if (v !== null) picture.append(svg('circle', { cx: x(period), cy: y(v), r: 3, class: v < 0 ? 'point negative' : 'point' }));
  });
  if (payback && payback.period !== null && payback.months !== null) {
    const at = x(payback.period);
    const anchor = at > width - 120 ? 'end' : at < 120 ? 'start' : 'middle';
    picture.append(
      svg(
        'g',
        { class: 'payback-marker', 'data-payback-period': payback.period, 'data-payback-months': payback.months },
        svg('line', { x1: at, x2: at, y1: MARGIN.top - 6, y2: HEIGHT - MARGIN.bottom, class: 'marker' }),
        svg('circle', { cx: at, cy: y(0), r: 5, class: 'marker-point' }),
        svg('text', { x: at, y: MARGIN.top - 12, 'text-anchor': anchor, class: 'marker-label' }, paybackText),
      ),
    );
  }
  const rows = values.map((v, i) => [/** @type {string} */ (labels[i]), v === null ? '—' : formats.output(v, format)]);
  replace(frame, picture, hiddenTable(`${title}. ${paybackText}.`, ['Period', 'Cumulative'], rows));
}

/**
 * The histogram of one Monte Carlo output, with P10, P50 and P90 marked
 * and zero, when inside the range.
 * @param {ChartFrame} frame
 * @param {string} title
 * @param {OutputDistribution} distribution
 * @param {NumberFormat} format the output's format
 * @param {NumberFormats} formats
 */
export function drawHistogram(frame, title, distribution, format, formats) {
  const bins = distribution.histogram ?? [];
  const width = widthOf(frame);
  const first = bins[0];
  const last = bins.at(-1);
  const shown = (/** @type {number} */ v) => formats.output(v, format);
  const axisText = (/** @type {number} */ value) => (format.style === 'currency' || format.style === 'number' ? formats.compact(value, format.style) : formats.output(value, format));
  const markers = /** @type {const} */ (['p10', 'p50', 'p90']).flatMap((key) => {
    const value = distribution[key];
    return value === undefined ? [] : [{ key, label: key.toUpperCase(), value }];
  });
  const description = `${markers.map((m) => `${m.label} ${shown(m.value)}`).join(', ')}. ${bins.length} bins of trials.`;
  const picture = drawing(frame, width, HEIGHT, description);
  if (!first || !last) {
    replace(frame, picture, hiddenTable(title, ['From', 'To', 'Trials'], []));
    return;
  }
  const x = scale(first.lower, last.upper, MARGIN.left, width - MARGIN.right);
  const most = Math.max(1, ...bins.map((b) => b.count));
  // Room above the bars for the three rows of percentile labels.
  const y = scale(0, most, HEIGHT - MARGIN.bottom, MARGIN.top + 12);
  picture.append(svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(0), y2: y(0), class: 'axis' }));
  for (const bin of bins) {
    const left = x(bin.lower);
    picture.append(svg('rect', { x: left, y: y(bin.count), width: Math.max(1, x(bin.upper) - left - 1), height: y(0) - y(bin.count), class: bin.upper <= 0 ? 'hist-bar negative' : 'hist-bar' }));
  }
  picture.append(
    svg('text', { x: MARGIN.left, y: HEIGHT - 8, 'text-anchor': 'start', class: 'tick' }, axisText(first.lower)),
    svg('text', { x: width - MARGIN.right, y: HEIGHT - 8, 'text-anchor': 'end', class: 'tick' }, axisText(last.upper)),
    svg('text', { x: MARGIN.left - 6, y: y(most) + 4, 'text-anchor': 'end', class: 'tick' }, formats.compact(most, 'number')),
  );
  if (first.lower < 0 && last.upper > 0) {
    const zeroText = axisText(0);
    const clear = Math.abs(x(0) - MARGIN.left) > 60 && Math.abs(width - MARGIN.right - x(0)) > 60;
    picture.append(svg('line', { x1: x(0), x2: x(0), y1: MARGIN.top + 12, y2: y(0), class: 'zero' }));
    if (clear) picture.append(svg('text', { x: x(0), y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, zeroText));
  }
  // Labels on three rows, so close percentiles never overlap.
  markers.forEach((marker, row) => {
    const at = x(marker.value);
    const anchor = at > width - 90 ? 'end' : at < MARGIN.left + 90 ? 'start' : 'middle';
    picture.append(
      svg(
        'g',
        { class: 'percentile', 'data-marker': marker.key, 'data-value': marker.value },
        svg('line', { x1: at, x2: at, y1: 8 + (row + 1) * 12, y2: y(0), class: 'marker' }),
        svg('text', { x: at + (anchor === 'start' ? 3 : anchor === 'end' ? -3 : 0), y: 4 + (row + 1) * 12, 'text-anchor': anchor, class: 'marker-label' }, `${marker.label} ${axisText(marker.value)}`),
      ),
    );
  });
  const rows = bins.map((bin) => [shown(bin.lower), shown(bin.upper), formats.compact(bin.count, 'number')]);
  replace(frame, picture, hiddenTable(`${title}: ${description}`, ['From', 'To', 'Trials'], rows));
}
