// Leads over HTTP on 127.0.0.1 against the release `yardstick-serve` with a
// fresh SQLite file: posts LEADS verified leads for the SaaS ROI example one
// after another (each one finds the served model, compiles it, applies the
// inputs and stores the case in its own transaction) and prints the
// per-request median and p99; then the list's first page (`GET
// /api/leads`, 100 leads with the totals of all) and the CSV export
// (`GET /api/leads.csv`, up to 10,000 leads), a few samples each.
// It asserts nothing.
//
// Usage: cargo build --release --bin yardstick-serve && node bench/leads.mjs
// Environment: YARDSTICK_SERVE (binary), LEADS (default 2000).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = process.env.YARDSTICK_SERVE ?? path.join(root, 'target', 'release', 'yardstick-serve');
const LEADS = Number(process.env.LEADS ?? 2000);
const SAMPLES = 10;

const uuid = (/** @type {number} */ n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const model = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'models', 'saas-roi.json'), 'utf8'));

/** @param {number} n */
function lead(n) {
  /** @type {Record<string, unknown>} */
  const inputs = {};
  for (const input of model.inputs) inputs[input.id] = input.default;
  inputs.team_size = 1 + (n % 4000);
  return JSON.stringify({
    schema: 'yardstick/lead@1',
    lead_id: uuid(n),
    calc_id: 'saas-roi',
    calc_version: model.version,
    model_path: '/models/saas-roi.json',
    page_view_id: uuid(1_000_000 + n),
    instance_id: 'w1',
    occurred_at_ms: Date.now(),
    page_path: '/pricing',
    contact: { name: `Prospect ${n}`, email: `p${n}@example.com`, company: `Company ${n}` },
    consent: { contact: true },
    inputs,
    entered: ['team_size'],
  });
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-leads-bench-'));
const child = spawn(binary, ['--port', '0', '--db', path.join(folder, 'leads.sqlite'), '--max-lifetime-secs', '600'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve));
const base = String(firstLine).replace('Yardstick serving ', '').trim();

try {
  /** @type {number[]} */
  const posts = [];
  for (let n = 0; n < LEADS; n += 1) {
    const started = performance.now();
    const response = await fetch(new URL('/api/leads', base), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: lead(n) });
    const answer = await response.json();
    posts.push(performance.now() - started);
    if (!answer.verified) throw new Error(`lead ${n} was not verified: ${JSON.stringify(answer)}`);
  }
  console.log(`POST /api/leads (${LEADS} verified leads, one at a time): median ${quantile(posts, 0.5).toFixed(2)} ms, p99 ${quantile(posts, 0.99).toFixed(2)} ms`);
  for (const [target, what] of [['/api/leads', 'first page of 100 with totals'], ['/api/leads.csv', `CSV of all ${LEADS}`]]) {
    /** @type {number[]} */
    const times = [];
    let bytes = 0;
    for (let i = 0; i < SAMPLES; i += 1) {
      const started = performance.now();
      const response = await fetch(new URL(target, base));
      bytes = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - started);
    }
    console.log(`GET ${target} (${what}, ${bytes} bytes): median ${quantile(times, 0.5).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
  }
} finally {
  child.kill();
  fs.rmSync(folder, { recursive: true, force: true });
}
