// A synthetic success portfolio for bench/success.mjs: `accounts` accounts,
// `metrics` metrics with one signal per account, metric and month end over
// `months` months, and settings whose scorecard (one per stage) has one
// linear measure per metric with weight 1. Seeded (a plain LCG), so every
// run scores the same data. Runs in Node and in the page alike.

/**
 * @param {number} seed
 * @returns {() => number} uniform numbers in [0, 1)
 */
function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** @param {number} count */
export function metricIds(count) {
  return Array.from({ length: count }, (_, i) => `metric_${String(i).padStart(2, '0')}`);
}

/**
 * Month ends from `first` (year, month 1-12) on, as ISO dates.
 * @param {number} year @param {number} month @param {number} months
 */
export function monthEnds(year, month, months) {
  return Array.from({ length: months }, (_, i) => new Date(Date.UTC(year, month - 1 + i + 1, 0)).toISOString().slice(0, 10));
}

/**
 * The data document's JSON text, built in pieces (one string per account).
 * @param {{ accounts: number, months: number, metrics: number, seed?: number }} size
 */
export function dataText({ accounts, months, metrics, seed = 7 }) {
  const random = lcg(seed);
  const ids = metricIds(metrics);
  const dates = monthEnds(2024, 12, months);
  const accountRows = [];
  const signalRows = [];
  for (let a = 0; a < accounts; a += 1) {
    const id = `acct-${a}`;
    accountRows.push(`{"id":"${id}","name":"Account ${a}","owner":"owner-${a % 12}","annualValue":${1000 + Math.floor(random() * 99000)},"currency":"EUR","contractStart":"2024-11-01","renewal":"2026-11-01"}`);
    const parts = [];
    for (const date of dates) for (const metric of ids) parts.push(`{"account":"${id}","date":"${date}","metric":"${metric}","value":${random().toFixed(3)}}`);
    signalRows.push(parts.join(','));
  }
  return `{"schema":"yardstick/success@1","accounts":[${accountRows.join(',')}],"signals":[${signalRows.join(',')}]}`;
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
    ],
    plays: [{ id: 'rescue', title: 'Rescue plan', ownerRole: 'CSM', dueInDays: 7, steps: ['Call the sponsor'] }],
  });
}
