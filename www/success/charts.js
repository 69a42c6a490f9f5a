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
 * Drawn in `width` px (the space it will take, at most 640), so its 11 px
 * text stays 11 px on a phone instead of shrinking with the picture.
 * @param {AccountView} account
 * @param {number} [width]
 */
export function historyChart(account, width = 640) {
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
  // Where each of the two label rows ends so far.
  const rowEnds = [-Infinity, -Infinity];
  // The frozen snapshots after a churn are a span of their own.
  const spanOf = (/** @type {AccountView['history'][number] | undefined} */ cell) => (cell?.frozen ? 'churned' : (cell?.stage ?? null));
  for (let index = 1; index <= count; index += 1) {
    const span = spanOf(history[start]);
    if (index < count && spanOf(history[index]) === span) continue;
    const x0 = Math.max(left, x(start) - step / 2);
    const x1 = Math.min(width - right, x(index - 1) + step / 2);
    parts.push(svg('rect', { class: `span span-${span ?? 'none'}`, x: x0, y: top, width: Math.max(1, x1 - x0), height: height - top - bottom }));
    const first = history[start];
    const words = span === 'churned' ? 'Churned (score frozen)' : span === null && first ? cellStageText(first, account.contractStart) : stageText(span);
    // The first row that is free here; else the label moves right, past
    // the row that ends sooner, while it still ends inside its span (a
    // span too narrow for its label goes unlabelled: the table below and
    // the chart's text alternative name every snapshot's stage).
    // About 6.5 px a character at the labels' 11 px.
    const textWidth = words.length * 6.5;
    const free = rowEnds.findIndex((end) => x0 + 3 >= end);
    const row = free >= 0 ? free : (rowEnds[0] ?? 0) <= (rowEnds[1] ?? 0) ? 0 : 1;
    const at = Math.max(x0 + 3, rowEnds[row] ?? 0);
    if (free >= 0 || at + textWidth <= x1) {
      parts.push(svg('text', { class: 'span-label', x: at, y: row === 0 ? top - 10 : top + 12 }, words));
      rowEnds[row] = at + textWidth + 6;
    }
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
