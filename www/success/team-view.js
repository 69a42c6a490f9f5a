// @ts-check
/**
 * The Team panel: one row per owner as `SuccessPortfolio.team` gives it
 * (named owners, then the unassigned accounts), with every figure of the
 * team view: the book, outcomes and success plans, milestones on time,
 * plays and the mean health change after them, and the median days to
 * first value. Each cell keeps the engine's raw figure in `data-value`.
 * Drawing only.
 */

import { h } from '../widget/dom.js';
import { changeText, countText, moneyText, numberText } from './format.js';
import { numberCell, scrollTable } from './tables.js';

/** @typedef {import('./engine.js').TeamView} TeamView */
/** @typedef {import('./engine.js').OwnerView} OwnerView */

/** @param {OwnerView} owner */
function ownerRow(owner) {
  const name = owner.owner ?? 'Unassigned';
  const value = owner.annualValue.map((entry) => moneyText(entry.value, entry.currency)).join(', ') || '—';
  return h(
    'tr',
    { 'data-owner': owner.owner ?? '' },
    h('th', { scope: 'row' }, name),
    numberCell('accounts', owner.accounts, countText(owner.accounts)),
    numberCell('churned', owner.churned, countText(owner.churned)),
    h('td', { class: 'number', 'data-field': 'annualValue', 'data-value': JSON.stringify(owner.annualValue) }, value),
    numberCell('outcomes', owner.outcomes, countText(owner.outcomes)),
    numberCell('outcomesAchieved', owner.outcomesAchieved, countText(owner.outcomesAchieved)),
    numberCell('outcomesOnTrack', owner.outcomesOnTrack, countText(owner.outcomesOnTrack)),
    numberCell('successPlans', owner.successPlans, countText(owner.successPlans)),
    numberCell('milestonesOnTime', owner.milestonesOnTime, countText(owner.milestonesOnTime)),
    numberCell('milestonesDue', owner.milestonesDue, countText(owner.milestonesDue)),
    numberCell('playsCompleted', owner.playsCompleted, countText(owner.playsCompleted)),
    numberCell('playsWithChange', owner.playsWithChange, countText(owner.playsWithChange)),
    numberCell('meanHealthChange', owner.meanHealthChange, changeText(owner.meanHealthChange)),
    numberCell('medianDaysToFirstValue', owner.medianDaysToFirstValue, numberText(owner.medianDaysToFirstValue)),
  );
}

/**
 * Draws the team view into `root`.
 * @param {HTMLElement} root
 * @param {TeamView} team
 */
export function drawTeam(root, team) {
  // Grouped under shared headings, so each column's own heading is a word
  // or two and fourteen columns fit a laptop's width.
  const headers = [
    { label: 'Owner' },
    {
      group: 'Accounts',
      columns: [
        { label: 'Active', numeric: true },
        { label: 'Churned', numeric: true },
        { label: 'Annual value', numeric: true },
      ],
    },
    {
      group: 'Outcomes',
      columns: [
        { label: 'Tracked', numeric: true },
        { label: 'Achieved', numeric: true },
        { label: 'On track', numeric: true },
      ],
    },
    { label: 'Success plans', numeric: true },
    {
      group: 'Milestones',
      columns: [
        { label: 'On time', numeric: true },
        { label: 'Due', numeric: true },
      ],
    },
    {
      group: 'Plays',
      columns: [
        { label: 'Completed', numeric: true },
        { label: 'Followed up', numeric: true },
        { label: `Mean health change after ${team.followUpDays} days`, numeric: true },
      ],
    },
    { label: 'Median days to first value', numeric: true },
  ];
  root.replaceChildren(scrollTable('team-table', `${countText(team.owners.length)} owners`, headers, team.owners.map(ownerRow)));
}
