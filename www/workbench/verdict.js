// @ts-check
/**
 * The business-case verdict panel: the default business-case scorecard
 * (`Scorecard.businessCase`) scored on the model's current outputs plus
 * the values rated by hand (strategic fit) and the last Monte Carlo run's
 * probability that NPV is positive. It shows the score, the grade, the
 * verdict in words (a positive detailed case, a positive high-level case,
 * or not yet and why), and each measure's value, points, weight share and
 * contribution. The hurdle rate, the payback limit and the strategic fit
 * are the case's own (`session.verdict`).
 *
 * It weighs nothing itself: the score, the gates and both verdicts come
 * from the core.
 */

import { h } from '../widget/dom.js';
import { caseFormats, errorLine, field, loadBindings, messageOf, numberBox, select, updateLive } from './panel-kit.js';

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */
/** @typedef {import('./session-types.js').WorkbenchPanel} WorkbenchPanel */
/** @typedef {import('../../pkg/yardstick.js').ScoreResult} ScoreResult */
/** @typedef {import('../../pkg/yardstick.js').MeasureScore} MeasureScore */
/** @typedef {import('./panel-kit.js').Bindings} Bindings */

/** The defaults `Scorecard.businessCase` documents, shown in empty boxes. */
const DEFAULT_HURDLE_RATE = 0.1;
const DEFAULT_PAYBACK_LIMIT_MONTHS = 36;

/**
 * Mounts the panel into `root`.
 * @param {HTMLElement} root
 * @param {WorkbenchSession} session
 * @returns {WorkbenchPanel}
 */
export function mountVerdict(root, session) {
  const settings = session.verdict;
  const hurdleBox = numberBox('');
  const paybackBox = numberBox('');
  const fitPicker = select(
    [{ value: '', label: 'Not rated' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n}${n === 1 ? ' (poor)' : n === 5 ? ' (excellent)' : ''}` }))],
    settings.strategicFit === undefined ? '' : String(settings.strategicFit),
  );
  const formError = h('div', { class: 'wb-form-error' });
  const summary = h('div', { class: 'wb-verdict-summary', 'aria-live': 'polite' });
  // Scrolls sideways on a narrow screen; focusable, so the keyboard can scroll it.
  const breakdown = h('div', { class: 'wb-breakdown wb-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'How the score is made' });
  root.replaceChildren(
    h('h2', {}, 'Business-case verdict'),
    h(
      'div',
      { class: 'wb-verdict-settings' },
      field('Hurdle rate (% per year)', hurdleBox),
      field('Payback limit (months)', paybackBox),
      field('Strategic fit (1 to 5)', fitPicker),
    ),
    formError,
    summary,
    breakdown,
  );

  /** @type {Bindings | null} */
  let bindings = null;
  /** @type {import('../widget/format.js').NumberFormats | null} */
  let formats = null;
  let destroyed = false;

  const fillBoxes = () => {
    if (!formats) return;
    hurdleBox.value = formats.fieldText(settings.hurdleRate ?? DEFAULT_HURDLE_RATE, 'percent');
    paybackBox.value = formats.fieldText(settings.paybackLimitMonths ?? DEFAULT_PAYBACK_LIMIT_MONTHS, 'number');
  };

  const render = () => {
    if (!bindings) return;
    /** @type {Record<string, number>} */
    const supplied = {};
    if (settings.strategicFit !== undefined) supplied.strategic_fit = settings.strategicFit;
    if (settings.probabilityNpvPositive !== undefined) supplied.probability_npv_positive = settings.probabilityNpvPositive;
    /** @type {ScoreResult} */
    let result;
    try {
      const scorecard = bindings.Scorecard.businessCase({ hurdleRate: settings.hurdleRate, paybackLimitMonths: settings.paybackLimitMonths });
      try {
        result = scorecard.scoreModel(session.model, supplied);
      } finally {
        scorecard.free();
      }
    } catch (error) {
      summary.replaceChildren(errorLine(messageOf(error)));
      breakdown.replaceChildren();
      return;
    }
    updateLive(summary, summaryOf(result, session));
    breakdown.replaceChildren(breakdownTable(result, session));
  };

  /**
   * Reads one box into the settings; an unreadable one says why and keeps
   * the last good value.
   * @param {HTMLInputElement} box
   * @param {'hurdleRate' | 'paybackLimitMonths'} key
   * @param {string} name
   */
  const readBox = (box, key, name) => {
    if (!formats) return;
    try {
      const text = box.value.trim();
      settings[key] = text === '' ? undefined : formats.parseField(text, key === 'hurdleRate' ? 'percent' : 'number');
      box.removeAttribute('aria-invalid');
      formError.replaceChildren();
    } catch (error) {
      box.setAttribute('aria-invalid', 'true');
      formError.replaceChildren(errorLine(`${name}: ${messageOf(error)}`));
      return;
    }
    session.changed();
  };
  const onHurdle = () => readBox(hurdleBox, 'hurdleRate', 'Hurdle rate');
  const onPayback = () => readBox(paybackBox, 'paybackLimitMonths', 'Payback limit');
  const onFit = () => {
    settings.strategicFit = fitPicker.value === '' ? undefined : Number(fitPicker.value);
    session.changed();
  };
  hurdleBox.addEventListener('change', onHurdle);
  paybackBox.addEventListener('change', onPayback);
  fitPicker.addEventListener('change', onFit);
  const unsubscribe = session.subscribe(render);

  loadBindings()
    .then((loaded) => {
      if (destroyed) return;
      bindings = loaded;
      formats = caseFormats(session, loaded);
      fillBoxes();
      render();
    })
    .catch((error) => summary.replaceChildren(errorLine(messageOf(error))));

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      hurdleBox.removeEventListener('change', onHurdle);
      paybackBox.removeEventListener('change', onPayback);
      fitPicker.removeEventListener('change', onFit);
      root.replaceChildren();
    },
  };
}

/**
 * The score, the grade and the verdict in words.
 * @param {ScoreResult} result
 * @param {WorkbenchSession} session
 */
function summaryOf(result, session) {
  const words = result.detailedCasePositive
    ? 'Positive detailed business case'
    : result.highLevelCasePositive
      ? 'Positive high-level business case'
      : 'Not yet a positive business case';
  const missing = result.measures.filter((m) => m.status === 'missing');
  // A gate without a value is said once, as missing.
  const failed = result.measures.filter((m) => result.failedGates.includes(m.id) && m.status !== 'missing');
  const why = [];
  if (failed.length) why.push(`not met: ${failed.map((m) => m.label).join(', ')}`);
  if (!result.detailedCasePositive && missing.length) why.push(`no value yet: ${missing.map((m) => m.label).join(', ')}`);
  return [
    h(
      'p',
      { class: 'wb-verdict', 'data-verdict': result.verdict, 'data-high-level': String(result.highLevelCasePositive), 'data-detailed': String(result.detailedCasePositive) },
      h('strong', {}, words),
      why.length ? ` (${why.join('; ')})` : '',
    ),
    h(
      'p',
      { class: 'wb-score' },
      'Score ',
      h('strong', { 'data-score': String(result.score) }, session.format(result.score, 'number', 1)),
      ' of 100, grade ',
      h('strong', { 'data-grade': result.grade }, result.grade),
      ` (${result.verdict}).`,
    ),
  ];
}

/**
 * Each measure's value, points, weight share and contribution.
 * @param {ScoreResult} result
 * @param {WorkbenchSession} session
 */
function breakdownTable(result, session) {
  const header = ['Measure', 'Value', 'Points', 'Weight', 'Contribution'];
  return h(
    'table',
    { class: 'wb-table' },
    h('caption', {}, 'How the score is made'),
    h('thead', {}, h('tr', {}, ...header.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      ...result.measures.map((measure) =>
        h(
          'tr',
          { 'data-measure': measure.id, 'data-status': measure.status },
          h('th', { scope: 'row' }, measure.label, measure.gate ? ' (must pass)' : ''),
          h('td', {}, measure.value === null ? (measure.status === 'excluded' ? 'excluded' : 'missing') : valueText(measure, measure.value, session)),
          h('td', {}, session.format(measure.points, 'number', 1)),
          h('td', {}, session.format(measure.weightShare, 'percent', 1)),
          h('td', {}, session.format(measure.contribution, 'number', 1)),
        ),
      ),
    ),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 4 }, 'Score'), h('td', {}, session.format(result.score, 'number', 1)))),
  );
}

/**
 * A measure's value in its source's format: a model output in the
 * output's own format, a probability as a percentage, a rating as is.
 * @param {MeasureScore} measure
 * @param {number} value
 * @param {WorkbenchSession} session
 */
function valueText(measure, value, session) {
  if (measure.source === 'output') {
    const output = session.layout.outputs.find((o) => o.id === measure.sourceId);
    if (output) return session.format(value, output.style, output.decimals);
  }
  if (measure.sourceId === 'probability_npv_positive') return session.format(value, 'percent', 1);
  return session.format(value, 'number', 0);
}
