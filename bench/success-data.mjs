// A synthetic success portfolio for bench/success.mjs: `accounts` accounts,
// `metrics` metrics with one signal per account, metric and month end over
// `months` months from 2024-12, and settings whose scorecard (one per
// stage) has one linear measure per metric with weight 1. Seeded (a plain
// LCG), so every run scores the same data. `dataText` runs in Node and,
// from its source, in the page alike.

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
  const ids = Array.from({ length: metrics }, (_, i) => `metric_${String(i).padStart(2, '0')}`);
  const dates = Array.from({ length: months }, (_, i) => new Date(Date.UTC(2024, 11 + i + 1, 0)).toISOString().slice(0, 10));
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
