// The collector under load, over HTTP on 127.0.0.1 against the release
// `yardstick-serve` with a fresh SQLite file: fills it with a million
// events (200 calculators, about 8 events per widget instance), then
// measures
//   1. the dashboard's request (`/api/engagement?metrics=all`, 200
//      calculators' metrics) and one calculator's metrics, at 1M events;
//   2. ingest (page-view-sized batches from concurrent senders): events/s
//      and per-request p99, alone and while dashboards poll back to back;
// and prints the figures and the ratios (with / without polling).
//
// Targets (issue 9): dashboard < 200 ms at 1M events; ingest p99 < 500 ms
// while the dashboard polls.
//
// Usage: cargo build --release --bin yardstick-serve && node bench/collector.mjs
// Environment: YARDSTICK_SERVE (binary), EVENTS (default 1000000),
// PHASE_MS (each ingest phase, default 10000), CALCULATORS (default 200; 1 puts
// every event in one calculator, the worst case for the median and p75 walk).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = process.env.YARDSTICK_SERVE ?? path.join(root, 'target', 'release', 'yardstick-serve');
const TOTAL_EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const PHASE_MS = Number(process.env.PHASE_MS ?? 10_000);
const CALCULATORS = Number(process.env.CALCULATORS ?? 200);
const FILL_BATCH = 500;
const FILL_SENDERS = 3;
const INGEST_SENDERS = 4;
const INGEST_BATCH = 8;
const POLLERS = 2;
const DASHBOARD_SAMPLES = 20;

const uuid = (/** @type {number} */ n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NAMES = ['calc_view', 'calc_start', 'calc_step', 'calc_engagement', 'calc_step', 'calc_result', 'calc_engaged', 'calc_engagement'];

/** The `i`-th event: instance `i / 8` of calculator `instance % 200`. */
function eventAt(/** @type {number} */ i) {
  const instance = Math.floor(i / NAMES.length);
  const k = i % NAMES.length;
  const name = k === 7 && instance % 11 === 0 ? 'calc_lead' : NAMES[k];
  const interaction = Math.min(k * 1_500 + (instance % 97) * 130, 10_000_000);
  /** @type {Record<string, unknown>} */
  const event = {
    event_id: uuid(i),
    name,
    sequence: k,
    page_view_id: uuid(1e12 + Math.floor(instance / 2)),
    instance_id: `w${instance % 2}`,
    calc_id: `calc-${String(instance % CALCULATORS).padStart(3, '0')}`,
    calc_version: '1.0.0',
    occurred_at_ms: 1_700_000_000_000 + i,
    page_time_ms: k * 1000,
    consent: 'unknown',
    totals: { interaction_ms: interaction, in_view_ms: interaction, active_page_ms: interaction, wall_ms: interaction + 1 },
  };
  if (name === 'calc_step') {
    event.step = 'rate';
    event.step_index = k === 2 ? 1 : 2;
  }
  return event;
}

async function startServer(/** @type {string} */ db) {
  const child = spawn(binary, ['--port', '0', '--db', db, '--max-lifetime-secs', '1800'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => reject(new Error('yardstick-serve exited')));
  });
  const match = /^Yardstick serving (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(String(line).trim());
  if (!match?.[1]) throw new Error(`unexpected first line ${line}`);
  return { url: match[1], stop: () => child.kill('SIGTERM') };
}

/** @param {string} url @param {unknown[]} events */
async function post(url, events) {
  const response = await fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ schema: 'yardstick/events@1', events }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`collect: ${response.status} ${text}`);
}

/** @param {string} url @param {string} query */
async function get(url, query) {
  const started = performance.now();
  const response = await fetch(`${url}/api/engagement?${query}`);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`api: ${response.status} ${body}`);
  return { ms: performance.now() - started, body };
}

/** @param {number[]} values @param {number} p */
function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Ingest for PHASE_MS from INGEST_SENDERS senders, fresh events from `next`. */
async function ingest(/** @type {string} */ url, /** @type {{ next: number }} */ cursor, /** @type {boolean} */ polling) {
  const latencies = [];
  let events = 0;
  let polls = 0;
  const pollLatencies = [];
  const end = performance.now() + PHASE_MS;
  const sender = async () => {
    while (performance.now() < end) {
      const first = cursor.next;
      cursor.next += INGEST_BATCH;
      const batch = Array.from({ length: INGEST_BATCH }, (_, j) => eventAt(first + j));
      const started = performance.now();
      await post(url, batch);
      latencies.push(performance.now() - started);
      events += INGEST_BATCH;
    }
  };
  const poller = async () => {
    while (performance.now() < end) {
      const { ms } = await get(url, 'metrics=all');
      pollLatencies.push(ms);
      polls += 1;
    }
  };
  const started = performance.now();
  await Promise.all([...Array.from({ length: INGEST_SENDERS }, sender), ...(polling ? Array.from({ length: POLLERS }, poller) : [])]);
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSecond: events / seconds, p99: quantile(latencies, 0.99), p50: quantile(latencies, 0.5), polls, pollP50: quantile(pollLatencies, 0.5), pollMax: Math.max(0, ...pollLatencies) };
}

async function main() {
  if (!fs.existsSync(binary)) throw new Error(`no ${binary}: cargo build --release --bin yardstick-serve`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-bench-collector-'));
  const server = await startServer(path.join(folder, 'events.sqlite'));
  try {
    const fillStarted = performance.now();
    const cursor = { next: 0 };
    const filler = async () => {
      while (cursor.next < TOTAL_EVENTS) {
        const first = cursor.next;
        cursor.next = Math.min(TOTAL_EVENTS, first + FILL_BATCH);
        await post(server.url, Array.from({ length: cursor.next - first }, (_, j) => eventAt(first + j)));
      }
    };
    await Promise.all(Array.from({ length: FILL_SENDERS }, filler));
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    console.log(`fill: ${TOTAL_EVENTS} events in ${fillSeconds.toFixed(1)} s (${Math.round(TOTAL_EVENTS / fillSeconds)} events/s in batches of ${FILL_BATCH})`);

    const page = [];
    const one = [];
    let calcs = 0;
    for (let i = 0; i < DASHBOARD_SAMPLES; i += 1) {
      const answer = await get(server.url, 'metrics=all');
      page.push(answer.ms);
      calcs = JSON.parse(answer.body).calcs.length;
      one.push((await get(server.url, 'calc_id=calc-000')).ms);
    }
    console.log(`dashboard at ${TOTAL_EVENTS} events: metrics=all (${calcs} calculators) median ${quantile(page, 0.5).toFixed(1)} ms, max ${Math.max(...page).toFixed(1)} ms; one calculator median ${quantile(one, 0.5).toFixed(1)} ms`);

    const alone = await ingest(server.url, cursor, false);
    const polled = await ingest(server.url, cursor, true);
    const line = (/** @type {string} */ label, /** @type {Awaited<ReturnType<typeof ingest>>} */ r) =>
      `${label}: ${Math.round(r.eventsPerSecond)} events/s, request p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    console.log(line('ingest alone', alone));
    console.log(`${line('ingest while polling', polled)}; ${polled.polls} dashboard requests (${POLLERS} pollers back to back), p50 ${polled.pollP50.toFixed(1)} ms, max ${polled.pollMax.toFixed(1)} ms`);
    console.log(`ratios (polling / alone): events/s ${(polled.eventsPerSecond / alone.eventsPerSecond).toFixed(2)}, p99 ${(polled.p99 / alone.p99).toFixed(2)}`);
    const ok = quantile(page, 0.5) < 200 && polled.p99 < 500;
    console.log(`targets (dashboard < 200 ms, ingest p99 < 500 ms while polling): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

await main();
