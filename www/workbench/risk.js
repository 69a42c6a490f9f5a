// @ts-check
/**
 * The risk panel: a Monte Carlo run of the case in a Web Worker (progress
 * bar, cancel button, the histogram of NPV with P10, P50 and P90 marked,
 * the probability that NPV is positive and that payback comes within N
 * months), and the tornado of one output, its ranges from the inputs'
 * uncertainty or from plus or minus a percentage.
 *
 * The run's settings (trials, seed, N) are the case's (`session.monteCarlo`);
 * a finished run writes its probability that NPV is positive into
 * `session.verdict`, so the verdict scores the risk. Every number comes
 * from the engine: the worker's `monteCarlo` run and `model.sensitivity`.
 *
 * Monte Carlo is not in the page's engine (pkg/): the worker loads its own
 * build (pkg-risk/) on the first run, and the status line says so meanwhile.
 */

import { h } from '../widget/dom.js';
import { createChartFrame, drawTornado } from '../widget/charts.js';
import { drawHistogram } from './draw.js';
import { caseFormats, errorLine, field, loadBindings, messageOf, numberBox, select } from './panel-kit.js';

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */
/** @typedef {import('./session-types.js').WorkbenchPanel} WorkbenchPanel */
/** @typedef {import('../../pkg-risk/yardstick.js').MonteCarloResult} MonteCarloResult */
/** @typedef {import('../../pkg/yardstick.js').OutputLayout} OutputLayout */
/** @typedef {import('../widget/format.js').NumberFormats} NumberFormats */

/** The output the histogram and the verdict's risk measure read (the business-case scorecard's NPV). */
const NPV_OUTPUT = 'npv';
/** The output "payback within N months" asks about (the scorecard's payback). */
const PAYBACK_OUTPUT = 'payback_months';
const TRIAL_CHOICES = [1_000, 10_000, 100_000, 1_000_000];
const HISTOGRAM_BINS = 40;
/** Progress is posted after each chunk; a hundred per run at most, at least this many trials each. */
const MIN_CHUNK_TRIALS = 500;
const WORKER_URL = new URL('./monte-carlo-worker.js', import.meta.url);

/**
 * Mounts the panel into `root`.
 * @param {HTMLElement} root
 * @param {WorkbenchSession} session
 * @returns {WorkbenchPanel}
 */
export function mountRisk(root, session) {
  const { layout } = session;
  const settings = session.monteCarlo;
  const npv = layout.outputs.find((o) => o.id === NPV_OUTPUT) ?? layout.outputs[0];
  const payback = layout.outputs.find((o) => o.id === PAYBACK_OUTPUT);

  // Monte Carlo controls.
  const trialsPicker = select(
    [...new Set([...TRIAL_CHOICES, settings.trials])].sort((a, b) => a - b).map((n) => ({ value: String(n), label: session.format(n, 'number', 0) })),
    String(settings.trials),
  );
  const seedBox = numberBox(String(settings.seed));
  const withinBox = numberBox(String(settings.paybackWithinMonths));
  const runButton = h('button', { type: 'submit' }, 'Run');
  const cancelButton = h('button', { type: 'button', disabled: true }, 'Cancel');
  const progress = h('progress', { max: settings.trials, value: 0, 'aria-label': 'Monte Carlo progress' });
  const status = h('p', { class: 'wb-status', role: 'status' }, 'Not run yet.');
  const mcError = h('div', {});
  // Not a live region: the status line announces each run's end, and the
  // facts are redrawn on every change of the case.
  const facts = h('dl', { class: 'wb-facts' });
  const histogram = createChartFrame({ id: 'monte-carlo', title: `${npv?.label ?? 'Output'}: distribution over the trials`, type: 'bar', series: [] });
  histogram.figure.hidden = true;
  const form = h(
    'form',
    { class: 'wb-mc-form', novalidate: true },
    field('Trials', trialsPicker),
    field('Seed', seedBox, 'The same seed and inputs give the same run.'),
    payback ? field('Payback within (months)', withinBox) : null,
    h('div', { class: 'wb-buttons' }, runButton, cancelButton),
  );

  // Tornado controls.
  const tornadoOutput = select(layout.outputs.map((o) => ({ value: o.id, label: o.label })), npv?.id);
  const byUncertainty = h('input', { type: 'radio', name: `${root.id || 'wb'}-range`, value: 'uncertainty', checked: true, id: `${root.id || 'wb'}-range-uncertainty` });
  const byPercent = h('input', { type: 'radio', name: `${root.id || 'wb'}-range`, value: 'percent', id: `${root.id || 'wb'}-range-percent` });
  const percentBox = numberBox('10');
  const tornadoError = h('div', {});
  const tornado = createChartFrame({ id: 'tornado', title: 'What moves the output', type: 'tornado', series: [] });
  const tornadoForm = h(
    'div',
    { class: 'wb-tornado-form' },
    field('Output', tornadoOutput),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Range of each input'),
      h('div', {}, byUncertainty, h('label', { for: byUncertainty.id }, 'From the inputs’ uncertainty (others ± the percentage)')),
      h('div', {}, byPercent, h('label', { for: byPercent.id }, 'Every input ± the percentage')),
      field('Percentage (±%)', percentBox),
    ),
  );

  root.replaceChildren(
    h('h2', {}, 'Risk'),
    h('section', { class: 'wb-monte-carlo', 'aria-label': 'Monte Carlo' }, h('h3', {}, 'Monte Carlo'), form, progress, status, mcError, facts, histogram.figure),
    h('section', { class: 'wb-tornado', 'aria-label': 'Tornado' }, h('h3', {}, 'Tornado'), tornadoForm, tornadoError, tornado.figure),
  );

  /** @type {NumberFormats | null} */
  let formats = null;
  /** @type {Worker | null} */
  let worker = null;
  let runId = 0;
  let running = false;
  /** The inputs of the run shown, to say when they are out of date. */
  let shownInputs = '';
  /** @type {{ result: MonteCarloResult, probability: number | null, complete: boolean, elapsedMs: number } | null} */
  let shown = null;
  let destroyed = false;

  const readWhole = (/** @type {HTMLInputElement} */ box, /** @type {string} */ name) => {
    if (!formats) throw new Error('the engine is still loading');
    try {
      const value = formats.parseField(box.value, 'number');
      box.removeAttribute('aria-invalid');
      return value;
    } catch (error) {
      box.setAttribute('aria-invalid', 'true');
      throw new Error(`${name}: ${messageOf(error)}`);
    }
  };

  const paybackQuery = () => (payback ? { output: payback.id, comparison: 'atMost', threshold: settings.paybackWithinMonths } : undefined);

  const renderFacts = () => {
    if (!shown || !npv) {
      facts.replaceChildren();
      return;
    }
    const { result, probability, complete } = shown;
    const distribution = result.outputs[npv.id];
    const rows = [
      ['Trials', `${session.format(result.trialsDone, 'number', 0)} of ${session.format(result.trialsTotal, 'number', 0)}${complete ? '' : ' (cancelled)'}`],
      ['Seed', session.format(result.seed, 'number', 0)],
    ];
    if (distribution) {
      rows.push([`Probability that ${npv.label} is positive`, distribution.probabilityAboveZero === null ? '—' : session.format(distribution.probabilityAboveZero, 'percent', 1)]);
      for (const key of /** @type {const} */ (['p10', 'p50', 'p90'])) {
        const value = distribution[key];
        if (value !== undefined) rows.push([`${key.toUpperCase()} of ${npv.label}`, session.format(value, npv.style, npv.decimals)]);
      }
      if (distribution.failedTrials) rows.push(['Trials without a value', session.format(distribution.failedTrials, 'number', 0)]);
    }
    if (payback) rows.push([`Probability of payback within ${session.format(settings.paybackWithinMonths, 'months', 0)}`, probability === null ? '—' : session.format(probability, 'percent', 1)]);
    if (shownInputs !== JSON.stringify(session.inputs())) rows.push(['Note', 'The inputs changed since this run; run again for the current case.']);
    facts.replaceChildren(...rows.flatMap(([term, value], index) => [h('dt', {}, term ?? ''), h('dd', { 'data-fact': String(index) }, value ?? '')]));
    const p = facts.querySelectorAll('dd');
    p.forEach((dd, index) => dd.setAttribute('data-fact', /** @type {string} */ (rows[index]?.[0])));
    if (distribution && formats && distribution.histogram) {
      histogram.figure.hidden = false;
      drawHistogram(histogram, histogram.figure.querySelector('figcaption')?.textContent ?? '', distribution, npv, formats);
    }
  };

  const setRunning = (/** @type {boolean} */ on) => {
    running = on;
    // Focus moves to the button that works now, so the keyboard never
    // loses its place on a button that was just disabled.
    const moveFocus = document.activeElement === (on ? runButton : cancelButton);
    runButton.disabled = on;
    cancelButton.disabled = !on;
    if (moveFocus) (on ? cancelButton : runButton).focus();
    root.toggleAttribute('data-running', on);
  };

  /** @param {MessageEvent} event */
  const onMessage = (event) => {
    const message = event.data;
    if (message.runId !== runId) return;
    switch (message.type) {
      case 'loading':
        status.textContent = 'Loading the Monte Carlo engine…';
        break;
      case 'load-failed':
        // A worker whose engine failed to import keeps failing; the next
        // run starts a fresh one, which tries the download again.
        worker?.terminate();
        worker = null;
        setRunning(false);
        status.textContent = 'The Monte Carlo engine did not load.';
        mcError.replaceChildren(errorLine(`The Monte Carlo engine could not load (${message.message}). Check the connection, then run again.`));
        break;
      case 'progress':
        progress.max = message.trialsTotal;
        progress.value = message.trialsDone;
        status.textContent = `Running: ${session.format(message.trialsDone, 'number', 0)} of ${session.format(message.trialsTotal, 'number', 0)} trials.`;
        break;
      case 'done':
      case 'cancelled': {
        setRunning(false);
        const complete = message.type === 'done';
        shown = { result: message.result, probability: message.probability, complete, elapsedMs: message.elapsedMs };
        const trials = session.format(message.result.trialsDone, 'number', 0);
        status.textContent = complete
          ? `Done: ${trials} trials in ${session.format(message.elapsedMs / 1000, 'number', 2)} s.`
          : `Cancelled at ${trials} trials${message.result.trialsDone ? '; the figures below are from those trials' : ''}.`;
        root.setAttribute('data-run', message.type);
        if (complete) {
          settings.trials = message.result.trialsTotal;
          // Only the scorecard's own NPV is the verdict's risk figure.
          if (npv?.id === NPV_OUTPUT) session.verdict.probabilityNpvPositive = message.result.outputs[NPV_OUTPUT]?.probabilityAboveZero ?? undefined;
          // The facts are drawn by this panel's own listener.
          session.changed();
        } else {
          renderFacts();
        }
        break;
      }
      case 'probability':
        if (shown) shown.probability = message.probability;
        renderFacts();
        break;
      case 'error':
        setRunning(false);
        status.textContent = 'The run stopped with an error.';
        mcError.replaceChildren(errorLine(message.message));
        break;
    }
  };

  const ensureWorker = () => {
    if (!worker) {
      worker = new Worker(WORKER_URL, { type: 'module', name: 'yardstick-monte-carlo' });
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (event) => {
        setRunning(false);
        mcError.replaceChildren(errorLine(`The Monte Carlo worker failed: ${event.message || 'it could not start'}`));
      });
    }
    return worker;
  };

  /** @param {SubmitEvent} event */
  const onRun = (event) => {
    event.preventDefault();
    if (running) return;
    mcError.replaceChildren();
    let seed;
    let within;
    try {
      seed = readWhole(seedBox, 'Seed');
      within = payback ? readWhole(withinBox, 'Payback within') : settings.paybackWithinMonths;
    } catch (error) {
      mcError.replaceChildren(errorLine(messageOf(error)));
      return;
    }
    const trials = Number(trialsPicker.value);
    Object.assign(settings, { trials, seed, paybackWithinMonths: within });
    session.changed();
    runId += 1;
    setRunning(true);
    root.removeAttribute('data-run');
    progress.max = trials;
    progress.value = 0;
    status.textContent = `Starting ${session.format(trials, 'number', 0)} trials…`;
    shownInputs = JSON.stringify(session.inputs());
    ensureWorker().postMessage({
      type: 'run',
      runId,
      document: session.document,
      inputs: session.inputs(),
      trials,
      seed,
      histogramBins: HISTOGRAM_BINS,
      chunkTrials: Math.max(MIN_CHUNK_TRIALS, Math.ceil(trials / 100)),
      probability: paybackQuery(),
    });
  };

  const onCancel = () => {
    if (running && worker) worker.postMessage({ type: 'cancel', runId });
  };

  const onWithin = () => {
    try {
      settings.paybackWithinMonths = readWhole(withinBox, 'Payback within');
    } catch (error) {
      mcError.replaceChildren(errorLine(messageOf(error)));
      return;
    }
    mcError.replaceChildren();
    session.changed();
    if (shown && worker && !running) worker.postMessage({ type: 'probability', runId, ...paybackQuery() });
  };

  /** The inputs the tornado was drawn for: a change of settings alone keeps it. */
  let tornadoInputs = '';
  const drawTheTornado = () => {
    if (!formats) return;
    tornadoInputs = JSON.stringify(session.inputs());
    const output = layout.outputs.find((o) => o.id === tornadoOutput.value);
    if (!output) return;
    let percentChange;
    try {
      percentChange = formats.parseField(percentBox.value, 'percent');
      percentBox.removeAttribute('aria-invalid');
    } catch (error) {
      percentBox.setAttribute('aria-invalid', 'true');
      tornadoError.replaceChildren(errorLine(`Percentage: ${messageOf(error)}`));
      return;
    }
    const useUncertainty = byUncertainty.checked;
    try {
      const result = session.model.sensitivity({ output: output.id, percentChange, useUncertainty });
      tornadoError.replaceChildren();
      tornado.figure.setAttribute('data-mode', useUncertainty ? 'uncertainty' : 'percent');
      const caption = tornado.figure.querySelector('figcaption');
      if (caption) caption.textContent = `What moves ${output.label} (${useUncertainty ? 'inputs’ uncertainty' : `every input ±${session.format(percentChange, 'percent', 0)}`})`;
      drawTornado(tornado, { id: 'tornado', title: caption?.textContent ?? '', type: 'tornado', series: [], output: output.id }, layout, result, formats);
    } catch (error) {
      tornadoError.replaceChildren(errorLine(messageOf(error)));
    }
  };

  const onSessionChange = () => {
    renderFacts();
    if (JSON.stringify(session.inputs()) !== tornadoInputs) drawTheTornado();
  };

  form.addEventListener('submit', onRun);
  cancelButton.addEventListener('click', onCancel);
  withinBox.addEventListener('change', onWithin);
  for (const control of [tornadoOutput, byUncertainty, byPercent, percentBox]) control.addEventListener('change', () => drawTheTornado());
  const unsubscribe = session.subscribe(onSessionChange);
  // Redrawn at the figure's new width when the panel is resized.
  const resized = new ResizeObserver(() => {
    if (tornado.width !== tornado.figure.clientWidth) drawTheTornado();
    if (shown && histogram.width !== histogram.figure.clientWidth) renderFacts();
  });
  resized.observe(root);

  loadBindings()
    .then((bindings) => {
      if (destroyed) return;
      formats = caseFormats(session, bindings);
      drawTheTornado();
    })
    .catch((error) => tornadoError.replaceChildren(errorLine(messageOf(error))));

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      resized.disconnect();
      worker?.terminate();
      worker = null;
      root.replaceChildren();
    },
  };
}
