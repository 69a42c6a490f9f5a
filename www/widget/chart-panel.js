// @ts-check
/**
 * The widget's charts (`charts.js` draws each): one figure per chart of
 * the model's layout, drawn with every result, at most once per animation
 * frame while the visitor types, and again when a figure changes width
 * (charts draw in their figure's own pixels, so text keeps its size). A
 * chart that cannot be drawn shows why in its figure.
 */

import { createChartFrame, drawSeriesChart, drawTornado } from './charts.js';
import { h } from './dom.js';

/** @typedef {import('./engine.js').Model} Model */
/** @typedef {import('./engine.js').ModelLayout} ModelLayout */
/** @typedef {import('./engine.js').FormulaValue} FormulaValue */

export class ChartPanel {
  /** @type {{ chart: import('./engine.js').ChartLayout, frame: ReturnType<typeof createChartFrame> }[]} */
  #charts;
  /** @type {() => Record<string, FormulaValue[]> | null} */
  #currentSeries;
  /** @type {(series: Record<string, FormulaValue[]>) => void} */
  #drawAll;
  #pending = false;
  /** Redraws a chart whose figure changed width. */
  #resizer;
  /** The charts' container, or null when the model has none. @type {HTMLElement | null} */
  element;

  /**
   * @param {ModelLayout} layout
   * @param {() => Record<string, FormulaValue[]> | null} currentSeries every series now (null without a model)
   * @param {(series: Record<string, FormulaValue[]>) => void} drawAll draws every chart (the element's {@link ChartPanel.draw} with its model)
   */
  constructor(layout, currentSeries, drawAll) {
    this.#currentSeries = currentSeries;
    this.#drawAll = drawAll;
    this.#charts = layout.charts.map((chart) => ({ chart, frame: createChartFrame(chart) }));
    this.element = this.#charts.length ? h('div', { class: 'charts', part: 'charts' }, ...this.#charts.map((c) => c.frame.figure)) : null;
    this.#resizer = new ResizeObserver(() => {
      if (this.#charts.some(({ frame }) => frame.figure.clientWidth && frame.figure.clientWidth !== frame.width)) this.schedule();
    });
    for (const { frame } of this.#charts) this.#resizer.observe(frame.figure);
  }

  /** Stops watching the figures' widths (the panel is being replaced). */
  disconnect() {
    this.#resizer.disconnect();
  }

  /** Draws every chart with the current series on the next frame (once however often asked). */
  schedule() {
    if (this.#pending || this.#charts.length === 0) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      const series = this.#currentSeries();
      if (series) this.#drawAll(series);
    });
  }

  /**
   * Draws every chart now.
   * @param {Model} model
   * @param {ModelLayout} layout
   * @param {Record<string, FormulaValue[]>} series every series' values
   * @param {import('./format.js').NumberFormats} formats
   */
  draw(model, layout, series, formats) {
    for (const { chart, frame } of this.#charts) {
      try {
        if (chart.type === 'tornado' && chart.output) {
          drawTornado(frame, chart, layout, model.sensitivity({ output: chart.output }), formats);
        } else {
          drawSeriesChart(frame, chart, layout, series, formats);
        }
      } catch (error) {
        frame.figure.replaceChildren(frame.figure.firstChild ?? '', h('p', { class: 'status' }, error instanceof Error ? error.message : String(error)));
      }
    }
  }
}
