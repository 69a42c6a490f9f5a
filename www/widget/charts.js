// @ts-check
/**
 * The model's charts as accessible SVG: bars and lines of series over the
 * horizon, and the tornado of one output's sensitivity. Each chart is a
 * `figure` with its title as caption, an SVG marked `role="img"` whose
 * description summarises it, and a visually hidden table of the numbers for
 * screen readers.
 *
 * It draws the engine's numbers; it computes none (the tornado's swings
 * come from `model.sensitivity`).
 */

import { h, svg, uniqueId } from './dom.js';

/** @typedef {import('./engine.js').ChartLayout} ChartLayout */
/** @typedef {import('./engine.js').ModelLayout} ModelLayout */
/** @typedef {import('./engine.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg-widget/yardstick.js').NumberFormat} NumberFormat */
/** @typedef {import('../../pkg-widget/yardstick.js').SeriesLayout} SeriesLayout */
/** @typedef {import('./format.js').NumberFormats} NumberFormats */
/** @typedef {import('../../pkg-widget/yardstick.js').SensitivityResult} SensitivityResult */

const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 64 };
/** Series colours come from the theme, with accessible defaults. */
const SERIES_COLOURS = ['var(--yardstick-series-1, #2454d6)', 'var(--yardstick-series-2, #d9730d)', 'var(--yardstick-series-3, #0f7b6c)', 'var(--yardstick-series-4, #9b3fb5)'];

/**
 * Labels of the periods 0..N: "Start", "Year 1", ...
 * @param {ModelLayout['horizon']} horizon
 */
export function periodLabels(horizon) {
  const unit = { year: 'Year', quarter: 'Quarter', month: 'Month' }[horizon.unit];
  return Array.from({ length: horizon.periods + 1 }, (_, period) => (period === 0 ? 'Start' : `${unit} ${period}`));
}

/**
 * A chart's frame: caption, SVG with description, hidden data table.
 * @param {ChartLayout} chart
 */
export function createChartFrame(chart) {
  const captionId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const figure = h('figure', { class: 'chart', part: 'chart', 'data-chart': chart.id }, h('figcaption', { id: captionId }, chart.title));
  return { figure, captionId, descId };
}

/**
 * Replaces the drawing in a chart's figure.
 * @param {HTMLElement} figure
 * @param {SVGSVGElement} drawing
 * @param {HTMLElement | null} legend
 * @param {HTMLTableElement} table
 */
function replaceDrawing(figure, drawing, legend, table) {
  for (const old of figure.querySelectorAll('svg, .legend, table')) old.remove();
  figure.append(drawing);
  if (legend) figure.append(legend);
  figure.append(table);
}

/**
 * Numbers of a series (errors and text as gaps).
 * @param {FormulaValue[] | undefined} values
 * @returns {(number | null)[]}
 */
function numbers(values) {
  return (values ?? []).map((value) => (typeof value === 'number' ? value : null));
}

/**
 * A scale from the data's range (always including 0) to pixels.
 * @param {number[]} values
 * @param {number} top
 * @param {number} bottom
 */
function linearScale(values, top, bottom) {
  let low = Math.min(0, ...values);
  let high = Math.max(0, ...values);
  if (low === high) high = low + 1;
  const pad = (high - low) * 0.05;
  if (high > 0) high += pad;
  if (low < 0) low -= pad;
  const at = (/** @type {number} */ value) => bottom - ((value - low) / (high - low)) * (bottom - top);
  return { at, low, high };
}

/**
 * Bars or lines of series over the horizon.
 * @param {{ figure: HTMLElement, captionId: string, descId: string }} frame
 * @param {ChartLayout} chart
 * @param {ModelLayout} layout
 * @param {Record<string, FormulaValue[]>} seriesValues
 * @param {NumberFormats} formats
 */
export function drawSeriesChart(frame, chart, layout, seriesValues, formats) {
  const labels = periodLabels(layout.horizon);
  // Each series in the format the core gives it (layout.series holds every
  // series a chart names: the core checked the ids when it compiled).
  const series = chart.series.map((id, index) => {
    const format = /** @type {SeriesLayout} */ (layout.series.find((s) => s.id === id));
    return { label: format.label, format, values: numbers(seriesValues[id]), colour: /** @type {string} */ (SERIES_COLOURS[index % SERIES_COLOURS.length]) };
  });
  const all = series.flatMap((s) => s.values.filter((v) => v !== null)).map(Number);
  const plotTop = MARGIN.top;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const plotLeft = MARGIN.left;
  const plotRight = WIDTH - MARGIN.right;
  const y = linearScale(all, plotTop, plotBottom);
  const band = (plotRight - plotLeft) / Math.max(1, labels.length);
  // One axis for the chart, in its first series' format.
  const axis = series[0]?.format;

  const drawing = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${frame.captionId} ${frame.descId}`,
    class: 'chart-svg',
    preserveAspectRatio: 'xMidYMid meet',
  });
  const summary = series
    .map((s) => `${s.label}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? 'no value' : short(v, s.format, formats)}`).join(', ')}`)
    .join('. ');
  drawing.append(svg('desc', { id: frame.descId }, summary));

  // Grid: zero line and the top and bottom values.
  for (const tick of [y.low, 0, y.high]) {
    const at = y.at(tick);
    drawing.append(
      svg('line', { x1: plotLeft, x2: plotRight, y1: at, y2: at, class: tick === 0 ? 'axis' : 'grid' }),
      svg('text', { x: plotLeft - 6, y: at + 4, 'text-anchor': 'end', class: 'tick' }, axis ? short(tick, axis, formats) : ''),
    );
  }
  labels.forEach((label, index) => {
    drawing.append(svg('text', { x: plotLeft + band * (index + 0.5), y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, label));
  });

  if (chart.type === 'bar') {
    const barWidth = (band * 0.8) / Math.max(1, series.length);
    series.forEach((s, seriesIndex) => {
      s.values.forEach((value, period) => {
        if (value === null) return;
        const x = plotLeft + band * period + band * 0.1 + barWidth * seriesIndex;
        const top = Math.min(y.at(value), y.at(0));
        const height = Math.abs(y.at(value) - y.at(0));
        drawing.append(svg('rect', { x, y: top, width: Math.max(1, barWidth - 2), height: Math.max(0.5, height), fill: s.colour, class: value < 0 ? 'bar negative' : 'bar' }));
      });
    });
  } else {
    for (const s of series) {
      const points = s.values
        .map((value, period) => (value === null ? null : `${plotLeft + band * (period + 0.5)},${y.at(value)}`))
        .filter(Boolean)
        .join(' ');
      drawing.append(svg('polyline', { points, fill: 'none', stroke: s.colour, 'stroke-width': 2.5, class: 'line' }));
    }
  }

  // The swatch colour goes through the CSSOM: a style attribute is inline
  // style, which a Content-Security-Policy without 'unsafe-inline' blocks.
  const legend =
    series.length > 1
      ? h(
          'ul',
          { class: 'legend', 'aria-hidden': 'true' },
          ...series.map((s) => {
            const swatch = h('span', { class: 'swatch' });
            swatch.style.background = s.colour;
            return h('li', {}, swatch, s.label);
          }),
        )
      : null;
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, chart.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Period'), ...series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h(
      'tbody',
      {},
      ...labels.map((label, period) =>
        h('tr', {}, h('th', { scope: 'row' }, label), ...series.map((s) => h('td', {}, formatCell(s.values[period] ?? null, s.format, formats)))),
      ),
    ),
  );
  replaceDrawing(frame.figure, drawing, legend, table);
}

/**
 * A table cell: the value in its series' format, or a dash for a gap.
 * @param {number | null} value
 * @param {NumberFormat} format
 * @param {NumberFormats} formats
 */
function formatCell(value, format, formats) {
  return value === null ? '—' : formats.output(value, format);
}

/**
 * A short label for an axis tick or the description: amounts and plain
 * numbers in compact notation (`$40K`, `1.2M`), percentages and months in
 * their own format (`12.5%`).
 * @param {number} value
 * @param {NumberFormat} format
 * @param {NumberFormats} formats
 */
function short(value, format, formats) {
  return format.style === 'currency' || format.style === 'number' ? formats.compact(value, format.style) : formats.output(value, format);
}

/**
 * The tornado of one output: one bar per input from its low to its high
 * outcome, widest swing first.
 * @param {{ figure: HTMLElement, captionId: string, descId: string }} frame
 * @param {ChartLayout} chart
 * @param {ModelLayout} layout
 * @param {SensitivityResult} sensitivity
 * @param {NumberFormats} formats
 */
export function drawTornado(frame, chart, layout, sensitivity, formats) {
  // The output's own format, as the core filled it in (the core checked
  // that a tornado names an output when it compiled).
  const format = /** @type {NumberFormat} */ (layout.outputs.find((o) => o.id === chart.output));
  const rows = sensitivity.rows.filter((row) => row.outputAtLow !== null && row.outputAtHigh !== null).slice(0, 8);
  const rowHeight = 24;
  const labelWidth = 170;
  const height = MARGIN.top + rows.length * rowHeight + 24;
  const values = rows.flatMap((row) => [Number(row.outputAtLow), Number(row.outputAtHigh)]).concat(sensitivity.base);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const left = labelWidth;
  const right = WIDTH - MARGIN.right;
  const x = (/** @type {number} */ value) => left + ((value - low) / span) * (right - left);
  const inputLabel = (/** @type {string} */ id) => layout.inputs.find((i) => i.id === id)?.label ?? id;

  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${frame.captionId} ${frame.descId}`, class: 'chart-svg' });
  const summary = rows
    .map((row) => `${inputLabel(row.input)}: ${formats.output(Number(row.outputAtLow), format)} to ${formats.output(Number(row.outputAtHigh), format)}`)
    .join('. ');
  drawing.append(svg('desc', { id: frame.descId }, `Base ${formats.output(sensitivity.base, format)}. ${summary}`));
  rows.forEach((row, index) => {
    const top = MARGIN.top + index * rowHeight;
    const atLow = x(Number(row.outputAtLow));
    const atHigh = x(Number(row.outputAtHigh));
    const atBase = x(sensitivity.base);
    drawing.append(
      svg('text', { x: labelWidth - 8, y: top + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'tick' }, truncate(inputLabel(row.input), 28)),
      svg('rect', { x: Math.min(atLow, atBase), y: top + 3, width: Math.max(1, Math.abs(atBase - atLow)), height: rowHeight - 6, class: 'bar low' }),
      svg('rect', { x: Math.min(atHigh, atBase), y: top + 3, width: Math.max(1, Math.abs(atHigh - atBase)), height: rowHeight - 6, class: 'bar high' }),
    );
  });
  const baseX = x(sensitivity.base);
  drawing.append(
    svg('line', { x1: baseX, x2: baseX, y1: MARGIN.top - 4, y2: height - 20, class: 'axis' }),
    svg('text', { x: baseX, y: height - 6, 'text-anchor': 'middle', class: 'tick' }, formats.output(sensitivity.base, format)),
  );
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' }, h('li', {}, h('span', { class: 'swatch low' }), 'Input at its low'), h('li', {}, h('span', { class: 'swatch high' }), 'Input at its high'));
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, chart.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Input'), h('th', { scope: 'col' }, 'At its low'), h('th', { scope: 'col' }, 'At its high'))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h('tr', {}, h('th', { scope: 'row' }, inputLabel(row.input)), h('td', {}, formats.output(Number(row.outputAtLow), format)), h('td', {}, formats.output(Number(row.outputAtHigh), format))),
      ),
    ),
  );
  replaceDrawing(frame.figure, drawing, legend, table);
}

/**
 * @param {string} text
 * @param {number} length
 */
function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
