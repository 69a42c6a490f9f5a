// @ts-check
/**
 * The Proof panel: did the health score warn of churn, and which weights
 * would have warned better? As `SuccessPortfolio.proof` gives it: the ROC
 * curve with the AUC ± its standard error, churn per grade with the 95%
 * Wilson interval, each measure's information value (strongest first, in
 * the usual words) with its weight of evidence per band, and the
 * suggested weights beside today's with the backtest's held-out AUCs and
 * a button that puts them in force (re-scored here, saved only with "Save
 * settings"). Every figure is the engine's; this draws and orders.
 */

import { h } from '../widget/dom.js';
import { rocChart } from './proof-chart.js';
import { countText, evidenceText, gradeText, numberText, rateText, shareText, statisticText } from './format.js';
import { numberCell, scrollTable } from './tables.js';

/** @typedef {import('./engine.js').ProofView} ProofView */
/** @typedef {import('./engine.js').MeasureEvidenceView} MeasureEvidenceView */

/**
 * An information value in words: under 0.02 not predictive, 0.02 to 0.1
 * weak, 0.1 to 0.3 medium, above 0.3 strong (the rule of thumb of credit
 * scorecards, Siddiqi 2006, "Credit Risk Scorecards", ch. 6).
 * @param {number} iv
 */
export function strengthText(iv) {
  if (iv < 0.02) return 'Not predictive';
  if (iv < 0.1) return 'Weak';
  if (iv <= 0.3) return 'Medium';
  return 'Strong';
}

/**
 * A band of values in words (`0.2 to under 0.5`, `missing`).
 * @param {MeasureEvidenceView['bands'][number]} band
 */
function bandText(band) {
  if (band.missing) return 'missing';
  if (band.from === null && band.below === null) return 'all values';
  if (band.from === null) return `under ${numberText(band.below)}`;
  if (band.below === null) return `${numberText(band.from)} and up`;
  return `${numberText(band.from)} to under ${numberText(band.below)}`;
}

/** @param {ProofView} proof */
function gradeTable(proof) {
  const rows = proof.grades.map((grade) =>
    h(
      'tr',
      { 'data-grade': grade.grade },
      h('th', { scope: 'row' }, gradeText(grade.grade)),
      numberCell('observations', grade.observations, countText(grade.observations)),
      numberCell('churned', grade.churned, countText(grade.churned)),
      numberCell('rate', grade.rate, rateText(grade.rate)),
      h('td', { class: 'number', 'data-field': 'interval', 'data-low': grade.low ?? '', 'data-high': grade.high ?? '' }, grade.low === null ? '—' : `${rateText(grade.low)} to ${rateText(grade.high)}`),
    ),
  );
  const headers = [{ label: 'Grade' }, { label: 'Renewals', numeric: true }, { label: 'Churned', numeric: true }, { label: 'Churn rate', numeric: true }, { label: '95% interval (Wilson)', numeric: true }];
  return scrollTable('proof-grades', `Churn per grade ${proof.daysBeforeRenewal} days before renewal`, headers, rows);
}

/** @param {ProofView} proof */
function measureTable(proof) {
  const measures = [...proof.measures].sort((a, b) => b.informationValue - a.informationValue);
  const rows = measures.map((measure) =>
    h(
      'tr',
      { 'data-measure': measure.id },
      h('th', { scope: 'row' }, measure.label),
      numberCell('iv', measure.informationValue, statisticText(measure.informationValue)),
      h('td', { 'data-field': 'strength' }, strengthText(measure.informationValue)),
      numberCell('observed', measure.observed, countText(measure.observed)),
      h(
        'td',
        { 'data-field': 'bands' },
        h('ul', { class: 'woe-list' }, ...measure.bands.map((band) => h('li', { 'data-value': band.weightOfEvidence }, `${bandText(band)}: ${evidenceText(band.weightOfEvidence)} (${countText(band.observations)})`))),
      ),
    ),
  );
  const headers = [{ label: 'Measure' }, { label: 'Information value', numeric: true }, { label: 'Strength' }, { label: 'Renewals with a value', numeric: true }, { label: `Weight of evidence per band (${measures.some((m) => m.banded) ? "the rule's bands or deciles" : 'deciles'}; renewals)` }];
  return scrollTable('proof-measures', 'Information value per measure, strongest first', headers, rows);
}

/**
 * @param {ProofView} proof
 * @param {() => void} onUse
 */
function suggestionPart(proof, onUse) {
  if (proof.suggestion === null) {
    return [h('p', { class: 'success-error', id: 'proof-suggestion-error' }, `No weights can be suggested: ${proof.suggestionError?.message ?? ''}`)];
  }
  const rows = proof.suggestion.weights.map((weight) =>
    h(
      'tr',
      { 'data-measure': weight.id },
      h('th', { scope: 'row' }, weight.label),
      numberCell('today', weight.today, shareText(weight.today)),
      numberCell('suggested', weight.suggested, shareText(weight.suggested)),
      h('td', { 'data-field': 'note' }, weight.clipped ? 'Higher points went with more churn: check the rule’s direction' : weight.fitted ? '' : 'No renewal had a value'),
    ),
  );
  const headers = [{ label: 'Measure' }, { label: 'Today', numeric: true }, { label: 'Suggested', numeric: true }, { label: 'Note' }];
  const fit = proof.suggestion.firth ? "Firth's bias-reduced fit" : 'a penalised logistic fit';
  const backtest =
    proof.backtest === null
      ? h('p', { id: 'proof-backtest' }, `No backtest: ${proof.backtestError?.message ?? ''}`)
      : h(
          'p',
          { id: 'proof-backtest', 'data-today': proof.backtest.meanTodayAuc, 'data-suggested': proof.backtest.meanFittedAuc },
          `Backtest over ${countText(proof.backtest.folds.length)} folds (each fold's renewals held out of the fit): mean AUC of today's weights `,
          h('strong', {}, statisticText(proof.backtest.meanTodayAuc)),
          ', of the suggested weights ',
          h('strong', {}, statisticText(proof.backtest.meanFittedAuc)),
          '.',
        );
  const button = h('button', { type: 'button', class: 'button', id: 'proof-use' }, 'Use the suggested weights');
  button.addEventListener('click', onUse);
  return [
    scrollTable('proof-weights', `Weights as shares of the total: today's and suggested by ${fit}`, headers, rows),
    backtest,
    h('p', { class: 'section-note' }, 'Using them sets every scorecard’s weights to the suggested shares (as percentages) and re-scores here; nothing is saved until “Save settings”.'),
    button,
  ];
}

/**
 * Draws the proof into `root`.
 * @param {HTMLElement} root
 * @param {ProofView} proof
 * @param {() => void} onUse puts the suggested weights in force
 */
export function drawProof(root, proof, onUse) {
  const skipped = proof.skippedWithoutScore + proof.skippedNotInTable;
  root.replaceChildren(
    h(
      'p',
      { id: 'proof-summary' },
      `${countText(proof.observations)} renewals up to the snapshot, each scored ${countText(proof.daysBeforeRenewal)} days before it${proof.gridDays > 1 ? ` (read on a ${countText(proof.gridDays)}-day grid: the grid date on or before that day, so the renewals' many days stay within the table's bound)` : ''}: `,
      `${countText(proof.churned)} churned, ${countText(proof.renewed)} renewed`,
      skipped > 0 ? `; ${countText(skipped)} more had no score then and are left out.` : '.',
    ),
    h('h3', { id: 'proof-roc-title' }, 'How well the score ranked churn'),
    h('div', { class: 'proof-roc' }, rocChart(proof), h('p', { id: 'proof-auc', 'data-value': proof.auc.auc, 'data-se': proof.auc.standardError }, `AUC ${statisticText(proof.auc.auc)} ± ${statisticText(proof.auc.standardError)} (standard error). The chance that a churned account scored lower than a renewed one; 0.5 is no better than chance.`)),
    h('h3', {}, 'Churn per grade'),
    gradeTable(proof),
    h('h3', {}, 'Which measures told churn apart'),
    measureTable(proof),
    h('h3', {}, 'Suggested weights'),
    ...suggestionPart(proof, onUse),
  );
}
