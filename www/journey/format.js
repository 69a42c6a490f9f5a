// @ts-check
/**
 * Number, money, duration and date text for the journey page. Formatting
 * only: every figure comes from `GET /api/journey/{customerId}`.
 */

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const fraction = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const share = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** @param {number} value */
export function count(value) {
  return whole.format(value);
}

/** @param {number | null} value */
export function percent(value) {
  return value === null ? '—' : share.format(value);
}

/** @param {number | null} value */
export function points(value) {
  if (value === null) return '—';
  const text = fraction.format(value);
  return value > 0 ? `+${text}` : text;
}

const measured = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/**
 * A measured value as the customer recorded it (a cost per click of 1.18
 * stays 1.18), up to three decimals.
 * @param {number | null} value
 */
export function amount(value) {
  return value === null ? '—' : measured.format(value);
}

/** @param {number | null} value */
export function score(value) {
  return value === null ? '—' : fraction.format(value);
}

/**
 * A value in `currency` (whole units); a plain number without a currency
 * or for a code Intl does not know.
 * @param {number | null} value
 * @param {string | null} currency
 */
export function money(value, currency) {
  if (value === null) return '—';
  if (!currency) return whole.format(value);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${whole.format(value)} ${currency}`;
  }
}

/**
 * Milliseconds as hours, minutes and seconds (`1 h 5 min`, `3 min 20 s`, `45 s`).
 * @param {number} ms
 */
export function duration(ms) {
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${count(hours)} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}

// Days in the reader's words ("Nov 10, 2026"), as the success page writes
// them; every date the server sends is a UTC day.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * The UTC day of epoch ms.
 * @param {number} ms
 */
export function day(ms) {
  return dayFormat.format(ms);
}

/**
 * A `YYYY-MM-DD` day; '—' for none, the text as sent when it is not a date.
 * @param {string | null | undefined} iso
 */
export function isoDay(iso) {
  if (!iso) return '—';
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(time) ? iso : dayFormat.format(time);
}

/** The step names people read. */
export const STEP_LABELS = /** @type {Record<string, string>} */ ({
  business_review: 'Business review',
  high_level_case: 'High-level business case',
  projects_review: 'Projects review',
  detailed_case: 'Detailed business case',
  decision: 'Decision',
  commitment: 'Commitment',
});

/** Each step's measure, as the domain names it. */
export const MEASURE_LABELS = /** @type {Record<string, string>} */ ({
  potential: 'Potential projects',
  positive_high_level_case: 'Positive high-level case',
  moving_on: 'Moving on to investigation',
  positive_detailed_case: 'Positive detailed case',
  approved: 'Approved',
  committed: 'Committed',
});

/** Outcome statuses and grades as words. */
export const WORDS = /** @type {Record<string, string>} */ ({
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  missed: 'missed',
  no_data: 'no data yet',
  healthy: 'healthy',
  average: 'average',
  onboarding: 'onboarding',
  established: 'established',
  pre_renewal: 'pre-renewal',
  renewed: 'renewed',
  churned: 'churned',
});

/** @param {string | null} word */
export function words(word) {
  return word === null ? '—' : (WORDS[word] ?? word);
}
