// @ts-check
/**
 * The proof's ROC curve as inline SVG: the share of churned renewals
 * flagged (true positive rate) against the share of renewed ones flagged
 * (false positive rate) as the threshold score rises, with the diagonal
 * of a score that knows nothing. Its text alternative gives the AUC with
 * its standard error. The points are the engine's; this only places them.
 */

import { svg } from '../widget/dom.js';
import { countText, statisticText } from './format.js';

/** @typedef {import('./engine.js').ProofView} ProofView */

/**
 * @param {ProofView} proof
 */
export function rocChart(proof) {
  const size = 260;
  const left = 40;
  const top = 10;
  // The same room for the axis labels below as on the left.
  const plot = size - left - top;
  const x = (/** @type {number} */ rate) => left + rate * plot;
  const y = (/** @type {number} */ rate) => top + (1 - rate) * plot;
  const points = proof.roc.map((point) => `${x(point.falsePositiveRate).toFixed(1)},${y(point.truePositiveRate).toFixed(1)}`).join(' ');
  const label =
    `ROC curve of today's score over ${countText(proof.observations)} renewals: ` +
    `AUC ${statisticText(proof.auc.auc)} ± ${statisticText(proof.auc.standardError)} (standard error); ` +
    '0.5 is the diagonal, a score that knows nothing, and 1 a perfect warning.';
  /** @type {SVGElement[]} */
  const parts = [];
  for (const tick of [0, 0.5, 1]) {
    parts.push(svg('line', { class: 'grid', x1: x(0), x2: x(1), y1: y(tick), y2: y(tick) }));
    parts.push(svg('line', { class: 'grid', x1: x(tick), x2: x(tick), y1: y(0), y2: y(1) }));
    parts.push(svg('text', { class: 'axis', x: left - 4, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)));
    parts.push(svg('text', { class: 'axis', x: x(tick), y: y(0) + 14, 'text-anchor': 'middle' }, String(tick)));
  }
  parts.push(svg('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }));
  parts.push(svg('polyline', { class: 'roc-line', points }));
  parts.push(svg('text', { class: 'axis', x: left + plot / 2, y: size - 6, 'text-anchor': 'middle' }, 'Renewed accounts flagged'));
  parts.push(svg('text', { class: 'axis', x: 12, y: top + plot / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${top + plot / 2})` }, 'Churned accounts flagged'));
  return svg('svg', { class: 'roc-chart', id: 'proof-roc', viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label }, ...parts);
}
