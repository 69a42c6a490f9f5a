// Browser end-to-end harness: starts the real `yardstick-serve` and Debian's
// Chromium (through playwright-core, which never downloads a browser), and
// tears both down again, and chooses files in file inputs. Every wait is
// bounded.
//
// Environment:
//   YARDSTICK_SERVE   path to the server binary (default: target/release/yardstick-serve)
//   CHROMIUM_PATH     path to Chromium (default: /usr/bin/chromium)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const SERVER_START_TIMEOUT_MS = 15_000;
const SERVER_STOP_TIMEOUT_MS = 5_000;
const BROWSER_LAUNCH_TIMEOUT_MS = 30_000;
const FIRST_LINE = /^Yardstick serving (http:\/\/127\.0\.0\.1:\d+\/)$/;

/**
 * Starts `yardstick-serve --port 0` from the repository root and resolves
 * with its URL, read from the first line it prints.
 * @param {string[]} [extraArgs] more options, e.g. `['--db', ':memory:']`
 * @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startServer(extraArgs = []) {
  const binary = path.resolve(process.env.YARDSTICK_SERVE ?? path.join(repoRoot, 'target', 'release', 'yardstick-serve'));
  if (!fs.existsSync(binary)) {
    throw new Error(`yardstick-serve not found at ${binary}; build it with \`cargo build --release --bin yardstick-serve\` (and the site's engine with \`make pkg\`) or set YARDSTICK_SERVE`);
  }
  const child = spawn(binary, ['--port', '0', ...extraArgs], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(SERVER_STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await Promise.race([exited, delay(SERVER_STOP_TIMEOUT_MS)]);
    }
  };

  const lines = readline.createInterface({ input: child.stdout });
  const firstLine = new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
    exited.then(({ code, signal }) => reject(new Error(`yardstick-serve exited (code ${code}, signal ${signal}) before printing its URL; stderr:\n${log}`)));
  });
  try {
    const line = String(await withTimeout(firstLine, SERVER_START_TIMEOUT_MS, 'yardstick-serve did not print its URL'));
    const match = FIRST_LINE.exec(line.trim());
    if (!match || !match[1]) throw new Error(`unexpected first line from yardstick-serve: ${JSON.stringify(line)}`);
    // Keep draining stdout so the server never blocks on a full pipe.
    lines.on('line', (next) => {
      log += `${next}\n`;
    });
    return { url: match[1], stop, output: () => log };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Launches headless Chromium with a fresh profile in a temporary directory,
 * or, with `reuse`, the profile a browser launched with `keepProfile` left
 * (a visitor coming back: the same storage).
 * @param {{ keepProfile?: boolean, reuse?: string }} [options]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close: () => Promise<void>, profile: string }>}
 */
export async function launchBrowser(options = {}) {
  const profile = options.reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-e2e-'));
  const keep = options.keepProfile === true;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      timeout: BROWSER_LAUNCH_TIMEOUT_MS,
      viewport: { width: 1200, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await withTimeout(context.close(), BROWSER_LAUNCH_TIMEOUT_MS, 'Chromium did not close').catch(() => {});
    if (!keep) fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return { context, close, profile };
}

/** @param {number} ms */
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The media types of the files tests choose, by extension. */
const FILE_TYPES = new Map([
  ['.csv', 'text/csv'],
  ['.json', 'application/json'],
]);

/**
 * Chooses files in a file input as a user picking them would: each
 * `[name, text]`, typed by its name's extension. Playwright sets the
 * input's files and fires its `input` and `change` events.
 * @param {import('playwright-core').Locator} input
 * @param {Array<[string, string]>} files
 */
export async function chooseFiles(input, files) {
  await input.setInputFiles(files.map(([name, text]) => ({ name, mimeType: FILE_TYPES.get(path.extname(name)) ?? 'application/octet-stream', buffer: Buffer.from(text) })));
}
