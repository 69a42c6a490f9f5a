// A synthetic success portfolio for bench/success.mjs: `accounts` accounts,
// `metrics` metrics with one signal per account, metric and month end over
// `months` months from 2024-12, a renewal history, champion-left events,
// and settings whose scorecard (one per stage) has one linear measure per
// metric with weight 1, with every kind of alert rule that reads the table
// or the data. Seeded (a plain LCG), so every run scores the same data.
// `dataText` runs in Node and, from its source, in the page alike.
//
// The renewal history: each account's one-year contract starts on one of
// 336 days of 2024 (a month by the account's number, a day from the 1st
// to the 28th), renews or churns on each anniversary up to the last month
// end, and stops sending signals after a churn. Each account has a hidden
// health from 0 to 1: the first four metrics lean on it and the chance of
// churning at a renewal is 0.6 × (1 − health)², so the score warns of
// churn and the proof has something to find. Renewals fall on hundreds of
// distinct days, as in a real portfolio, so the proof's days (each renewal
// date − 90 days) would not fit the core's MAX_TABLE_SLOTS (4,000,000) one
// table date each: the engine snaps them to a coarser grid
// (docs/success-proof.md, "Bounded dates"), which this measures too.

/** @param {number} count */
export function metricIds(count) {
  return Array.from({ length: count }, (_, i) => `metric_${String(i).padStart(2, '0')}`);
}

/**
 * The data document's JSON text, built in pieces (one string per account).
 * Self-contained (no outer names), so a page can run its source too.
 * @param {{ accounts: number, months: number, metrics: number, seed?: number }} size
 */
export function dataText({ accounts, months, metrics, seed = 7 }) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const iso = (/** @type {number} */ year, /** @type {number} */ month, /** @type {number} */ day) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
  const ids = Array.from({ length: metrics }, (_, i) => `metric_${String(i).padStart(2, '0')}`);
  const dates = Array.from({ length: months }, (_, i) => iso(2024, 11 + i + 1, 0));
  const lastDate = dates.at(-1) ?? '2024-12-31';
  const planted = Math.min(4, metrics);
  const accountRows = [];
  const signalRows = [];
  const renewalRows = [];
  const eventRows = [];
  for (let a = 0; a < accounts; a += 1) {
    const id = `acct-${a}`;
    const health = random();
    const cohortMonth = a % 12;
    const cohortDay = 1 + (Math.floor(a / 12) % 28);
    const start = iso(2024, cohortMonth, cohortDay);
    // Anniversaries up to the last month end: renewed or churned.
    let churnedOn = null;
    for (let year = 2025; iso(year, cohortMonth, cohortDay) <= lastDate; year += 1) {
      const date = iso(year, cohortMonth, cohortDay);
      const churns = random() < 0.6 * (1 - health) ** 2;
      renewalRows.push(`{"account":"${id}","date":"${date}","result":"${churns ? 'churned' : 'renewed'}","value":${churns ? 0 : 1000 + Math.floor(random() * 99000)}}`);
      if (churns) {
        churnedOn = date;
        break;
      }
    }
    // `renewal` is the first anniversary: later ones follow the rows.
    accountRows.push(`{"id":"${id}","name":"Account ${a}","owner":"owner-${a % 12}","annualValue":${1000 + Math.floor(random() * 99000)},"currency":"EUR","contractStart":"${start}","renewal":"${iso(2025, cohortMonth, cohortDay)}"}`);
    const parts = [];
    for (const date of dates) {
      if (churnedOn !== null && date > churnedOn) break;
      for (let m = 0; m < ids.length; m += 1) {
        const value = m < planted ? 0.6 * health + 0.4 * random() : random();
        parts.push(`{"account":"${id}","date":"${date}","metric":"${ids[m]}","value":${value.toFixed(3)}}`);
      }
    }
    signalRows.push(parts.join(','));
    // One account in seven loses its champion once, on a day of some month.
    if (random() < 1 / 7) {
      const month = Math.floor(random() * months);
      const day = iso(2024, 11 + month, 1 + Math.floor(random() * 28));
      if (churnedOn === null || day <= churnedOn) eventRows.push(`{"account":"${id}","date":"${day}","kind":"champion_left"}`);
    }
  }
  return `{"schema":"yardstick/success@1","accounts":[${accountRows.join(',')}],"signals":[${signalRows.filter((s) => s).join(',')}],"events":[${eventRows.join(',')}],"renewals":[${renewalRows.join(',')}]}`;
}

/** @param {number} metrics */
export function settingsText(metrics) {
  const measures = metricIds(metrics).map((id) => ({ id, label: id, metric: id, weight: 1, rule: { kind: 'linear', zeroAt: 0, fullAt: 1 } }));
  const scorecards = ['onboarding', 'established', 'pre_renewal'].map((stage) => ({ stage, measures }));
  return JSON.stringify({
    schema: 'yardstick/success-settings@1',
    scorecards,
    alerts: [
      { id: 'to_at_risk', kind: 'grade', to: 'at_risk', play: 'rescue' },
      { id: 'fast_drop', kind: 'drop', points: 15, withinDays: 62, play: 'rescue' },
      { id: 'metric_down', kind: 'metric_change', metric: 'metric_00', percent: -30, withinDays: 31, play: 'rescue' },
      { id: 'long_at_risk', kind: 'days_at_risk', days: 60, play: 'rescue' },
      { id: 'champion', kind: 'event', event: 'champion_left', play: 'rescue' },
    ],
    plays: [{ id: 'rescue', title: 'Rescue plan', ownerRole: 'CSM', dueInDays: 7, steps: ['Call the sponsor'] }],
  });
}
