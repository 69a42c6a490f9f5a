// @ts-check
/**
 * The cash-flow charts panel: the cumulative cash flow with the payback
 * point marked, benefits against costs by period, and the model's own
 * series charts. Which series are the net cash flow, its running total,
 * the benefits and the costs is the model's to say (`cashFlow`, see
 * docs/model-format.md); where payback falls is the engine's
 * (`model.breakEven(cashFlow.net)`). A model without `cashFlow` shows its
 * own charts and says what it leaves out.
 *
 * It draws with the widget's chart code (`widget/charts.js`) and the
 * workbench's own (`draw.js`); it computes nothing.
 */

import { h } from '../widget/dom.js';
import { createChartFrame, drawSeriesChart } from '../widget/charts.js';
import { drawCumulative } from './draw.js';
import { caseFormats, errorLine, loadBindings, messageOf } from './panel-kit.js';

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */
/** @typedef {import('./session-types.js').WorkbenchPanel} WorkbenchPanel */
/** @typedef {import('../../pkg/yardstick.js').ChartLayout} ChartLayout */
/** @typedef {import('../widget/charts.js').ChartFrame} ChartFrame */
/** @typedef {import('../widget/format.js').NumberFormats} NumberFormats */

/**
 * Mounts the panel into `root`.
 * @param {HTMLElement} root
 * @param {WorkbenchSession} session
 * @returns {WorkbenchPanel}
 */
export function mountCashCharts(root, session) {
  const { layout } = session;
  const cashFlow = layout.cashFlow;
  const seriesLayout = (/** @type {string | undefined} */ id) => layout.series.find((s) => s.id === id);
  const cumulativeSeries = seriesLayout(cashFlow?.cumulative);
  const cumulative = cumulativeSeries ? createChartFrame({ id: 'wb-cumulative', title: `${cumulativeSeries.label}, with the payback point`, type: 'line', series: [cumulativeSeries.id] }) : null;
  /** @type {ChartLayout | null} */
  const benefitsCosts =
    cashFlow?.benefits && cashFlow.costs ? { id: 'wb-benefits-costs', title: 'Benefits against costs by period', type: 'bar', series: [cashFlow.benefits, cashFlow.costs] } : null;
  /** @type {{ chart: ChartLayout, frame: ChartFrame }[]} */
  const seriesCharts = [];
  if (benefitsCosts) seriesCharts.push({ chart: benefitsCosts, frame: createChartFrame(benefitsCosts) });
  for (const chart of layout.charts) {
    if (chart.type !== 'tornado') seriesCharts.push({ chart, frame: createChartFrame(chart) });
  }
  const notes = [];
  if (!cashFlow) notes.push('The model does not say which series are its cash flow (`cashFlow`), so the cumulative cash flow and the payback point are not shown.');
  else if (!cumulative) notes.push('The model names no cumulative cash-flow series (`cashFlow.cumulative`), so the payback chart is not shown.');
  const problem = h('div', {});
  root.replaceChildren(
    h('h2', {}, 'Cash flow'),
    ...notes.map((note) => h('p', { class: 'wb-note' }, note)),
    problem,
    h('div', { class: 'wb-charts' }, cumulative?.figure ?? null, ...seriesCharts.map((c) => c.frame.figure)),
  );

  /** @type {NumberFormats | null} */
  let formats = null;
  let destroyed = false;

  /** The inputs drawn last: a change of settings alone redraws nothing. */
  let drawnInputs = '';
  const draw = (force = false) => {
    if (!formats) return;
    const inputs = JSON.stringify(session.inputs());
    if (!force && inputs === drawnInputs) return;
    drawnInputs = inputs;
    try {
      const { series } = session.current();
      if (cumulative && cumulativeSeries && cashFlow) {
        const payback = session.model.breakEven(cashFlow.net);
        drawCumulative(
          cumulative,
          cumulativeSeries.label,
          layout,
          series[cumulativeSeries.id] ?? [],
          cumulativeSeries,
          payback,
          formats,
          (months) => session.format(months, 'months', 1),
        );
      }
      for (const { chart, frame } of seriesCharts) drawSeriesChart(frame, chart, layout, series, formats);
      problem.replaceChildren();
    } catch (error) {
      problem.replaceChildren(errorLine(messageOf(error)));
    }
  };

  const unsubscribe = session.subscribe(() => draw());
  const frames = [cumulative, ...seriesCharts.map((c) => c.frame)].filter((f) => f !== null);
  const resized = new ResizeObserver(() => {
    if (frames.some((frame) => frame.width !== frame.figure.clientWidth)) draw(true);
  });
  resized.observe(root);
  loadBindings()
    .then((bindings) => {
      if (destroyed) return;
      formats = caseFormats(session, bindings);
      draw();
    })
    .catch((error) => problem.replaceChildren(errorLine(messageOf(error))));

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      resized.disconnect();
      root.replaceChildren();
    },
  };
}
