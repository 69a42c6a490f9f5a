// The Develop funnel under load, over HTTP on 127.0.0.1 against the
// release `yardstick-serve` with a fresh SQLite file: fills it through
// `POST /collect` with a million events over the 90 days ending today
// (page views with engagement flushes, downloads, videos and outbound
// clicks; widget events on a third of them; leads), then times
// `GET /api/funnel` for the default range (the last 30 days) and for 90
// days, RUNS times each, and prints the median and the range. It asserts
// nothing.
//
// Budget (issue 11): the dashboard answers in under 200 ms with a million
// stored events over 90 days.
//
// Usage: make server && node bench/funnel.mjs
// Environment: YARDSTICK_SERVE (binary), EVENTS (default 1000000), RUNS
// (default 9), DB (keep the filled database at this path and reuse it when
// it exists, to time again without refilling).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = process.env.YARDSTICK_SERVE ?? path.join(root, 'target', 'release', 'yardstick-serve');
const TOTAL_EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 9);
const FILL_BATCH = 500;
const FILL_SENDERS = 3;
const DAY_MS = 86_400_000;
const PATHS = 400;
const REFERRERS = 40;
const CAMPAIGNS = 25;
const VISITORS = 40_000;

const uuid = (/** @type {number} */ n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A small deterministic generator (mulberry32), so every run stores the same events. */
function generator(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The events of page view `n`: page events (one batch kind) and widget
 * events (the other), about 4.6 events per page view on average.
 * @param {number} n @param {number} startMs @param {() => number} random
 */
function pageView(n, startMs, random) {
  const occurred = startMs + Math.floor(random() * 90 * DAY_MS);
  const pageViewId = uuid(1e12 + n);
  const granted = random() < 0.4;
  const consent = granted ? { consent: 'granted', visitor_id: `v-${Math.floor(random() * VISITORS)}` } : { consent: 'unknown' };
  const page = {
    path: `/page-${Math.floor(random() ** 2 * PATHS)}`,
    referrer_host: random() < 0.5 ? null : `ref-${Math.floor(random() * REFERRERS)}.example`,
    utm_campaign: random() < 0.7 ? null : `campaign-${Math.floor(random() * CAMPAIGNS)}`,
  };
  let sequence = 0;
  let id = n * 16;
  const engaged = Math.floor(random() * 60_000);
  /** @type {Record<string, unknown>[]} */
  const pageEvents = [];
  /** @param {string} name @param {number} engagedMs @param {Record<string, unknown>} [extra] */
  const add = (name, engagedMs, extra = {}) =>
    pageEvents.push({
      event_id: uuid(id++),
      name,
      sequence: sequence++,
      page_view_id: pageViewId,
      occurred_at_ms: occurred + sequence * 1000,
      page_time_ms: sequence * 1000,
      ...consent,
      ...(granted ? { returning: random() < 0.3 } : {}),
      page,
      totals: { engaged_ms: engagedMs, active_page_ms: engagedMs, wall_ms: engagedMs + 1000, scroll_percent: Math.floor(random() * 101) },
      ...extra,
    });
  add('page_view', 0);
  add('page_engagement', Math.floor(engaged / 2));
  add('page_engagement', engaged);
  if (random() < 0.1) add('page_download', engaged, { target: { path: '/files/guide.pdf', extension: 'pdf' } });
  if (random() < 0.05) add('page_video', engaged, { target: { source: '/media/demo.mp4' } });
  if (random() < 0.1) add('page_outbound', engaged, { target: { host: 'partner.example' } });
  /** @type {Record<string, unknown>[]} */
  const calcEvents = [];
  if (random() < 0.3) {
    const names = ['calc_view', 'calc_start', 'calc_result', 'calc_engagement'];
    if (random() < 0.1) names.push('calc_lead');
    for (const name of names) {
      const interaction = name === 'calc_engagement' ? 20_000 : 0;
      calcEvents.push({
        event_id: uuid(id++),
        name,
        sequence: sequence++,
        page_view_id: pageViewId,
        instance_id: 'w1',
        calc_id: `calc-${n % 20}`,
        calc_version: '1.0.0',
        occurred_at_ms: occurred + sequence * 1000,
        page_time_ms: sequence * 1000,
        ...consent,
        totals: { interaction_ms: interaction, in_view_ms: interaction, active_page_ms: interaction, wall_ms: interaction + 1000 },
      });
    }
  }
  return { pageEvents, calcEvents };
}

async function startServer(/** @type {string} */ db) {
  const child = spawn(binary, ['--port', '0', '--db', db, '--max-lifetime-secs', '3600'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => reject(new Error('yardstick-serve exited')));
  });
  const match = /^Yardstick serving (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(String(line).trim());
  if (!match?.[1]) throw new Error(`unexpected first line ${line}`);
  return { url: match[1], stop: () => child.kill('SIGTERM') };
}

/** @param {string} url @param {string} schema @param {unknown[]} events */
async function post(url, schema, events) {
  const response = await fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ schema, events }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`collect: ${response.status} ${text}`);
}

/** Fills the store with TOTAL_EVENTS events; returns how many page views. */
async function fill(/** @type {string} */ url) {
  const random = generator(11);
  const startMs = Math.floor(Date.now() / DAY_MS) * DAY_MS - 89 * DAY_MS;
  let stored = 0;
  let views = 0;
  /** @type {Record<string, unknown>[]} */
  let pages = [];
  /** @type {Record<string, unknown>[]} */
  let calcs = [];
  /** @type {Promise<void>[]} */
  let inFlight = [];
  const send = async (/** @type {string} */ schema, /** @type {unknown[]} */ events) => {
    inFlight.push(post(url, schema, events));
    if (inFlight.length >= FILL_SENDERS) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  };
  while (stored < TOTAL_EVENTS) {
    const { pageEvents, calcEvents } = pageView(views, startMs, random);
    views += 1;
    stored += pageEvents.length + calcEvents.length;
    pages.push(...pageEvents);
    calcs.push(...calcEvents);
    // A page view adds at most 6 page events and 5 widget events.
    if (pages.length > FILL_BATCH - 6) {
      await send('yardstick/page-events@1', pages);
      pages = [];
    }
    if (calcs.length > FILL_BATCH - 5) {
      await send('yardstick/events@1', calcs);
      calcs = [];
    }
  }
  if (pages.length) await send('yardstick/page-events@1', pages);
  if (calcs.length) await send('yardstick/events@1', calcs);
  await Promise.all(inFlight);
  return { stored, views };
}

/** @param {string} url @param {string} query */
async function timeFunnel(url, query) {
  const times = [];
  let body = '';
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/api/funnel${query}`);
    body = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`funnel: ${response.status} ${body}`);
  }
  times.sort((a, b) => a - b);
  const answer = JSON.parse(body);
  return { median: times[Math.floor(times.length / 2)] ?? NaN, min: times[0] ?? NaN, max: times[times.length - 1] ?? NaN, answer };
}

async function main() {
  if (!fs.existsSync(binary)) throw new Error(`no ${binary}: make server`);
  const keep = process.env.DB;
  const folder = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-bench-funnel-'));
  const db = keep ?? path.join(folder ?? '', 'events.sqlite');
  const reuse = keep !== undefined && fs.existsSync(keep);
  const server = await startServer(db);
  try {
    if (reuse) {
      console.log(`reusing ${db}`);
    } else {
      const started = performance.now();
      const { stored, views } = await fill(server.url);
      const seconds = (performance.now() - started) / 1000;
      console.log(`fill: ${stored} events (${views} page views over 90 days) in ${seconds.toFixed(1)} s (${Math.round(stored / seconds)} events/s)`);
    }
    const day = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    for (const [label, query] of [
      ['default range (30 days)', ''],
      ['90 days', `?from=${day(today - 89 * DAY_MS)}&to=${day(today)}`],
    ]) {
      const { median, min, max, answer } = await timeFunnel(server.url, query ?? '');
      const steps = answer.steps.map((/** @type {{ step: string, count: number }} */ s) => `${s.step} ${s.count}`).join(', ');
      console.log(
        `GET /api/funnel, ${label}: median ${median.toFixed(1)} ms (${min.toFixed(1)} to ${max.toFixed(1)}, ${RUNS} runs); ` +
          `${answer.totals.page_views} page views: ${steps}`,
      );
    }
  } finally {
    server.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
}

await main();
