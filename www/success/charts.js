// @ts-check
/**
 * The success page's two SVG charts, each with a text alternative: the
 * portfolio's sparkline of scores, and an account's health history with
 * its stage spans shaded and labelled. Scores are the engine's; this only
 * places them (0 to 100 on the vertical axis) and leaves gaps where there
 * is no score.
 */

import { svg } from '../widget/dom.js';
import { cellStageText, dateText, gradeText, scoreText, stageText } from './format.js';

/** @typedef {import('./engine.js').AccountView} AccountView */

/**
 * Polyline point lists, one per run of scores without a gap.
 * @param {(number | null)[]} scores
 * @param {(index: number) => number} x
 * @param {(score: number) => number} y
 */
function runs(scores, x, y) {
  /** @type {string[]} */
  const lines = [];
  /** @type {string[]} */
  let current = [];
  scores.forEach((score, index) => {
    if (score === null) {
      if (current.length) lines.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(index).toFixed(1)},${y(score).toFixed(1)}`);
  });
  if (current.length) lines.push(current.join(' '));
  return lines;
}

/**
 * A small line of scores; its label says first, last and how many.
 * @param {(number | null)[]} scores
 * @param {string} name the account's name
 */
export function sparkline(scores, name) {
  const width = 80;
  const height = 24;
  const known = scores.filter((score) => score !== null);
  const first = known[0] ?? null;
  const last = known[known.length - 1] ?? null;
  const label = known.length ? `${name}: score ${scoreText(first)} to ${scoreText(last)} over ${scores.length} snapshots` : `${name}: no score yet`;
  const step = scores.length > 1 ? (width - 4) / (scores.length - 1) : 0;
  const lines = runs(
    scores,
    (index) => 2 + index * step,
    (score) => height - 2 - (score / 100) * (height - 4),
  );
  return svg(
    'svg',
    { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
    ...lines.map((points) => (points.includes(' ') ? svg('polyline', { points, fill: 'none' }) : svg('circle', { cx: points.split(',')[0], cy: points.split(',')[1], r: 1.5 }))),
  );
}

/**
 * The account's score over its snapshots, stage spans shaded and named.
 * @param {AccountView} account
 */
export function historyChart(account) {
  const width = 640;
  const height = 220;
  const left = 36;
  const right = 8;
  const top = 26;
  const bottom = 24;
  const history = account.history;
  const count = history.length;
  const step = count > 1 ? (width - left - right) / (count - 1) : 0;
  const x = (/** @type {number} */ index) => left + index * step;
  const y = (/** @type {number} */ score) => top + (1 - score / 100) * (height - top - bottom);
  /** @type {SVGElement[]} */
  const parts = [];
  // Stage spans: runs of snapshots with the same stage. A label that
  // would run into the one before drops to a second row.
  let start = 0;
  let labelEnd = -Infinity;
  let row = 0;
  for (let index = 1; index <= count; index += 1) {
    const stage = history[start]?.stage ?? null;
    if (index < count && (history[index]?.stage ?? null) === stage) continue;
    const x0 = Math.max(left, x(start) - step / 2);
    const x1 = Math.min(width - right, x(index - 1) + step / 2);
    parts.push(svg('rect', { class: `span span-${stage ?? 'none'}`, x: x0, y: top, width: Math.max(1, x1 - x0), height: height - top - bottom }));
    const first = history[start];
    const words = stage === null && first ? cellStageText({ ...first, frozen: false }, account.contractStart) : stageText(stage);
    row = x0 + 3 < labelEnd ? 1 - row : 0;
    parts.push(svg('text', { class: 'span-label', x: x0 + 3, y: row === 0 ? top - 10 : top + 12 }, words));
    // About 6.5 px a character at the labels' 11 px.
    labelEnd = Math.max(labelEnd, x0 + 3 + words.length * 6.5);
    start = index;
  }
  for (const level of [0, 50, 100]) {
    parts.push(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(level), y2: y(level) }));
    parts.push(svg('text', { class: 'axis', x: left - 4, y: y(level) + 4, 'text-anchor': 'end' }, String(level)));
  }
  for (const points of runs(history.map((cell) => cell.score), x, y)) {
    parts.push(points.includes(' ') ? svg('polyline', { class: 'score-line', points }) : svg('circle', { class: 'score-dot', cx: points.split(',')[0], cy: points.split(',')[1], r: 3 }));
  }
  const firstDate = history[0]?.date ?? null;
  const lastCell = history[count - 1];
  parts.push(svg('text', { class: 'axis', x: left, y: height - 6 }, dateText(firstDate)));
  parts.push(svg('text', { class: 'axis', x: width - right, y: height - 6, 'text-anchor': 'end' }, dateText(lastCell?.date ?? null)));
  const label = lastCell
    ? `Health score of ${account.name} on ${count} snapshots from ${dateText(firstDate)} to ${dateText(lastCell.date)}; now ${scoreText(lastCell.score)} (${gradeText(lastCell.grade)}). The table below lists every snapshot.`
    : `No snapshots for ${account.name}.`;
  return svg('svg', { class: 'history-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label }, ...parts);
}
