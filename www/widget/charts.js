// @ts-check
/**
 * The model's charts as accessible SVG: bars and lines of series over the
 * horizon, and the tornado of one output's sensitivity. Each chart is a
 * `figure` with its title as caption, an SVG marked `role="img"` whose
 * description summarises it, and a visually hidden table of the numbers for
 * screen readers.
 *
 * It draws the engine's numbers; it computes none (the tornado's swings
 * come from `model.sensitivity`). What it does decide is presentation: each
 * drawing is as wide as its figure in CSS pixels, so text keeps its true
 * size from a phone to a wide page, and which labels fit is measured.
 */

import { h, svg, uniqueId } from './dom.js';

/** @typedef {import('./engine.js').ChartLayout} ChartLayout */
/** @typedef {import('./engine.js').ModelLayout} ModelLayout */
/** @typedef {import('./engine.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg-widget/yardstick.js').NumberFormat} NumberFormat */
/** @typedef {import('../../pkg-widget/yardstick.js').SeriesLayout} SeriesLayout */
/** @typedef {import('./format.js').NumberFormats} NumberFormats */
/** @typedef {import('../../pkg-widget/yardstick.js').SensitivityResult} SensitivityResult */

/** Used until the figure has a width (not yet laid out, or hidden). */
const FALLBACK_WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 28 };
/** Every chart text, in true pixels (the drawing is never scaled). */
const FONT_PX = 12;
/** The space kept between two labels side by side. */
const GAP_PX = 8;
/** The tornado's label column takes at most this share of the width. */
const LABEL_SHARE = 0.45;
/** Series colours come from the theme, with accessible defaults. */
const SERIES_COLOURS = ['var(--yardstick-series-1, #2454d6)', 'var(--yardstick-series-2, #d9730d)', 'var(--yardstick-series-3, #0f7b6c)', 'var(--yardstick-series-4, #9b3fb5)'];

/**
 * A chart's figure, the ids its SVG is labelled by, and the width it was
 * last drawn at.
 * @typedef {{ figure: HTMLElement, captionId: string, descId: string, width: number }} ChartFrame
 */

/**
 * Labels of the periods 0..N: "Start", "Year 1", ... or, short, "Start",
 * "Y1", ... (the description and the table keep the long ones).
 * @param {ModelLayout['horizon']} horizon
 * @param {boolean} [short]
 */
export function periodLabels(horizon, short = false) {
  const unit = /** @type {string} */ ({ year: 'Year', quarter: 'Quarter', month: 'Month' }[horizon.unit]);
  return Array.from({ length: horizon.periods + 1 }, (_, period) => (period === 0 ? 'Start' : short ? `${unit[0]}${period}` : `${unit} ${period}`));
}

/**
 * A chart's frame: caption, SVG with description, hidden data table.
 * @param {ChartLayout} chart
 * @returns {ChartFrame}
 */
export function createChartFrame(chart) {
  const captionId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const figure = h('figure', { class: 'chart', part: 'chart', 'data-chart': chart.id }, h('figcaption', { id: captionId }, chart.title));
  return { figure, captionId, descId, width: 0 };
}

/**
 * The width to draw at: the figure's own, in CSS pixels, remembered so a
 * resize can tell whether the drawing is stale.
 * @param {ChartFrame} frame
 */
function drawingWidth(frame) {
  frame.width = frame.figure.clientWidth;
  return frame.width || FALLBACK_WIDTH;
}

/** @type {CanvasRenderingContext2D | undefined} */
let canvas;

/**
 * A text measure in the chart's font: a canvas measures without layout,
 * so it works before the drawing is in the page.
 * @param {Element} figure
 * @returns {(text: string) => number}
 */
function measurer(figure) {
  canvas ??= /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d'));
  canvas.font = `${FONT_PX}px ${getComputedStyle(figure).fontFamily}`;
  return (text) => /** @type {CanvasRenderingContext2D} */ (canvas).measureText(text).width;
}

/**
 * An empty drawing, one CSS pixel per unit.
 * @param {ChartFrame} frame
 * @param {number} width
 * @param {number} height
 */
function drawingSvg(frame, width, height) {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${frame.captionId} ${frame.descId}`, class: 'chart-svg', 'font-size': FONT_PX });
}

/**
 * Whether labels placed in order leave a gap between neighbours.
 * @param {{ left: number, right: number }[]} boxes
 */
function apart(boxes) {
  return boxes.every((box, i) => i === 0 || /** @type {{ right: number }} */ (boxes[i - 1]).right + GAP_PX <= box.left);
}

/**
 * The period labels to draw: every long one ("Year 1") when all fit, else
 * short ones ("Y1"), every `step`-th from the first plus the last, at the
 * smallest step at which no two overlap.
 * @param {ModelLayout['horizon']} horizon
 * @param {(period: number) => number} centre
 * @param {number} width the drawing's; a label never crosses its edge
 * @param {(text: string) => number} measure
 */
function periodTicks(horizon, centre, width, measure) {
  const place = (/** @type {string[]} */ labels) =>
    labels.map((text, period) => {
      const half = measure(text) / 2;
      const x = Math.min(Math.max(centre(period), half), width - half);
      return { text, x, left: x - half, right: x + half };
    });
  const long = place(periodLabels(horizon));
  if (apart(long)) return long;
  const brief = place(periodLabels(horizon, true));
  const last = /** @type {{ text: string, x: number, left: number, right: number }} */ (brief.at(-1));
  let shown = brief;
  for (let step = 2; step <= horizon.periods && !apart(shown); step++) {
    shown = brief.filter((_, period) => period % step === 0 && period < horizon.periods);
    // The last period always shows; the regular label crowding it goes.
    if (shown.length > 1 && /** @type {{ right: number }} */ (shown.at(-1)).right + GAP_PX > last.left) shown.pop();
    shown.push(last);
  }
  return shown;
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
 * @param {ChartFrame} frame
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
  const width = drawingWidth(frame);
  const measure = measurer(frame.figure);
  const plotTop = MARGIN.top;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const y = linearScale(all, plotTop, plotBottom);
  // One axis for the chart, in its first series' format. Zero, the bottom
  // and the top, each only if it has a line of its own.
  const axis = series[0]?.format;
  const ticks = [0, y.low, y.high]
    .filter((tick, index, candidates) => candidates.slice(0, index).every((kept) => Math.abs(y.at(kept) - y.at(tick)) > FONT_PX * 1.5))
    .map((tick) => ({ tick, text: axis ? short(tick, axis, formats) : '' }));
  // The left margin is as wide as the widest value label.
  const plotLeft = Math.max(...ticks.map((t) => measure(t.text))) + GAP_PX;
  const plotRight = width - MARGIN.right;
  const band = (plotRight - plotLeft) / Math.max(1, labels.length);

  const drawing = drawingSvg(frame, width, HEIGHT);
  const summary = series
    .map((s) => `${s.label}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? 'no value' : short(v, s.format, formats)}`).join(', ')}`)
    .join('. ');
  drawing.append(svg('desc', { id: frame.descId }, summary));

  for (const { tick, text } of ticks) {
    const at = y.at(tick);
    drawing.append(
      svg('line', { x1: plotLeft, x2: plotRight, y1: at, y2: at, class: tick === 0 ? 'axis' : 'grid' }),
      svg('text', { x: plotLeft - 6, y: at + 4, 'text-anchor': 'end', class: 'tick' }, text),
    );
  }
  for (const { text, x } of periodTicks(layout.horizon, (period) => plotLeft + band * (period + 0.5), width, measure)) {
    drawing.append(svg('text', { x, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, text));
  }

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
 * @param {ChartFrame} frame
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
  const width = drawingWidth(frame);
  const measure = measurer(frame.figure);
  const names = rows.map((row) => layout.inputs.find((i) => i.id === row.input)?.label ?? row.input);
  // The label column is as wide as the widest label, up to a share of the width.
  const labelWidth = Math.min(Math.max(0, ...names.map(measure)), width * LABEL_SHARE);
  const lines = labelLines(names, labelWidth, measure);
  const lineHeight = FONT_PX + 3;
  const rowHeight = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 9;
  const height = MARGIN.top + rows.length * rowHeight + 24;
  const values = rows.flatMap((row) => [Number(row.outputAtLow), Number(row.outputAtHigh)]).concat(sensitivity.base);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const left = labelWidth + GAP_PX;
  const right = width - MARGIN.right;
  const x = (/** @type {number} */ value) => left + ((value - low) / span) * (right - left);

  const drawing = drawingSvg(frame, width, height);
  const summary = rows
    .map((row, index) => `${names[index]}: ${formats.output(Number(row.outputAtLow), format)} to ${formats.output(Number(row.outputAtHigh), format)}`)
    .join('. ');
  drawing.append(svg('desc', { id: frame.descId }, `Base ${formats.output(sensitivity.base, format)}. ${summary}`));
  const atBase = x(sensitivity.base);
  rows.forEach((row, index) => {
    const top = MARGIN.top + index * rowHeight;
    const atLow = x(Number(row.outputAtLow));
    const atHigh = x(Number(row.outputAtHigh));
    const rowLines = /** @type {string[]} */ (lines[index]);
    // The lines centred on the row; the full label shows on hover.
    const firstBaseline = top + (rowHeight - rowLines.length * lineHeight) / 2 + FONT_PX - 1;
    const label = svg('text', { x: labelWidth, y: firstBaseline, 'text-anchor': 'end', class: 'tick' }, ...rowLines.map((line, i) => svg('tspan', { x: labelWidth, dy: i && lineHeight }, line)));
    drawing.append(
      svg('g', {}, svg('title', {}, /** @type {string} */ (names[index])), label),
      // A bar keeps a visible length even when the input barely moves the output.
      svg('rect', { x: Math.min(atLow, atBase), y: top + 3, width: Math.max(2, Math.abs(atBase - atLow)), height: rowHeight - 6, class: 'bar low' }),
      svg('rect', { x: Math.min(atHigh, atBase), y: top + 3, width: Math.max(2, Math.abs(atHigh - atBase)), height: rowHeight - 6, class: 'bar high' }),
    );
  });
  const baseText = formats.output(sensitivity.base, format);
  const half = measure(baseText) / 2;
  drawing.append(
    svg('line', { x1: atBase, x2: atBase, y1: MARGIN.top - 4, y2: height - 20, class: 'axis' }),
    svg('text', { x: Math.min(Math.max(atBase, half), width - half), y: height - 6, 'text-anchor': 'middle', class: 'tick' }, baseText),
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
      ...rows.map((row, index) =>
        h('tr', {}, h('th', { scope: 'row' }, names[index]), h('td', {}, formats.output(Number(row.outputAtLow), format)), h('td', {}, formats.output(Number(row.outputAtHigh), format))),
      ),
    ),
  );
  replaceDrawing(frame.figure, drawing, legend, table);
}

/**
 * Each tornado label as lines that fit the column: wrapped at spaces, and
 * at most two (its head and its tail, the middle left out) when the
 * shortened labels stay as distinct as the full ones; otherwise every line.
 * @param {string[]} names
 * @param {number} room
 * @param {(text: string) => number} measure
 */
function labelLines(names, room, measure) {
  const wrapped = names.map((name) => wrap(name, room, measure));
  const two = wrapped.map((lines) => (lines.length > 2 ? [/** @type {string} */ (lines[0]), shorten(lines.slice(1).join(' '), room, measure, true)] : lines));
  return new Set(two.map((lines) => lines.join(' '))).size === new Set(names).size ? two : wrapped;
}

/**
 * Text as lines no wider than `room`, broken at spaces; a word wider than
 * that on its own is shortened.
 * @param {string} text
 * @param {number} room
 * @param {(text: string) => number} measure
 */
function wrap(text, room, measure) {
  const lines = [''];
  for (const word of text.split(' ')) {
    const line = /** @type {string} */ (lines.at(-1));
    if (line && measure(`${line} ${word}`) > room) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.map((line) => shorten(line, room, measure));
}

/**
 * Text shortened with an ellipsis until it fits `room`: its end left out,
 * or its start when `keepEnd`.
 * @param {string} text
 * @param {number} room
 * @param {(text: string) => number} measure
 * @param {boolean} [keepEnd]
 */
function shorten(text, room, measure, keepEnd = false) {
  // From the start, whole words go first ("…value over 3 years").
  while (text.length > 1 && measure(text) > room) text = keepEnd ? text.replace(/^…?\S+ |^…?./, '…') : `${text.slice(0, -2)}…`;
  return text;
}
