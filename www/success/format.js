// @ts-check
/**
 * How the success page writes the engine's figures: Intl in the page's
 * locale, grades and stages in words (never colour alone), money in the
 * account's currency. Formatting only.
 */

const LOCALE = document.documentElement.lang || undefined;
const score = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const signed = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
const plain = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const share = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const statistic = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const signedStatistic = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const day = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

/** @type {Record<string, string>} */
const GRADES = { healthy: 'Healthy', average: 'Average', at_risk: 'At risk' };
/** @type {Record<string, string>} */
const STAGES = { onboarding: 'Onboarding', established: 'Established', pre_renewal: 'Pre-renewal' };
/** @type {Record<string, string>} */
const STATUSES = { achieved: 'Achieved', on_track: 'On track', at_risk: 'At risk', missed: 'Missed', no_data: 'No data yet', not_started: 'Not started (before its baseline)' };

/** @param {number | null} value */
export const scoreText = (value) => (value === null ? '—' : score.format(value));
/** @param {number | null} value */
export const changeText = (value) => (value === null ? '—' : signed.format(value));
/** @param {number | null} value */
export const numberText = (value) => (value === null ? '—' : plain.format(value));
/** @param {number} value */
export const countText = (value) => whole.format(value);
/** @param {number | null} value a share from 0 to 1 */
export const shareText = (value) => (value === null ? '—' : share.format(value));
/** @param {number | null} value a rate from 0 to 1, to a tenth of a percent */
export const rateText = (value) => (value === null ? '—' : rate.format(value));
/** @param {number | null} value an AUC, standard error or information value, to 3 decimals */
export const statisticText = (value) => (value === null ? '—' : statistic.format(value));
/** @param {number | null} value a weight of evidence, signed, to 2 decimals */
export const evidenceText = (value) => (value === null ? '—' : signedStatistic.format(value));
/** @param {string | null} grade */
export const gradeText = (grade) => (grade === null ? 'No score' : (GRADES[grade] ?? grade));
/** @param {string | null} stage */
export const stageText = (stage) => (stage === null ? 'No stage' : (STAGES[stage] ?? stage));
/**
 * A history cell's stage: "Before the contract" for the snapshots before
 * the account's contract starts (the engine gives them no stage), the
 * stage with "(churned)" once the score is frozen.
 * @param {{ date: string, stage: string | null, frozen: boolean }} cell
 * @param {string} contractStart ISO date
 */
export const cellStageText = (cell, contractStart) => {
  if (cell.frozen) return `${stageText(cell.stage)} (churned)`;
  // ISO dates compare as text.
  if (cell.stage === null && cell.date < contractStart) return 'Before the contract';
  return stageText(cell.stage);
};
/** @param {string} status */
export const outcomeStatusText = (status) => STATUSES[status] ?? status;

/**
 * An ISO date (`2025-06-30`) as the locale writes it.
 * @param {string | null} iso
 */
export function dateText(iso) {
  if (iso === null) return '—';
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(time) ? iso : day.format(time);
}

/**
 * The engine's evidence text with its ISO dates written as the page
 * writes every other date (the engine's text is also the nightly
 * scorer's and the API's, so it keeps ISO dates).
 * @param {string} text
 */
export const evidenceDatesText = (text) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => dateText(iso));

/**
 * A value in `currency` (whole units), or a plain number and the code for
 * a code Intl does not know.
 * @param {number} value
 * @param {string} currency
 */
export function moneyText(value, currency) {
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${whole.format(value)} ${currency}`;
  }
}
