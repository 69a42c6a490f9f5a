// Shared by the success page's browser tests: the success engine
// (pkg-success) loaded in Node, so a test computes the figures the page
// must show from the same stored data, on its own.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.mjs';

const engine = await import(pathToFileURL(path.join(repoRoot, 'pkg-success', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg-success', 'yardstick_bg.wasm')) });

/**
 * The server's stored data and settings, scored in Node as the page does.
 * @param {string} url the server's base URL
 */
export async function scoreAsThePageDoes(url) {
  const data = await (await fetch(`${url}api/success/data`)).text();
  const stored = await (await fetch(`${url}api/success/settings`)).json();
  const settings = stored.settings === null ? undefined : JSON.stringify(stored.settings);
  return new engine.SuccessPortfolio(data, settings, undefined);
}

/**
 * The raw figure a cell keeps (`data-value`), as a number or null.
 * @param {import('playwright-core').Locator} cell
 */
export async function cellValue(cell) {
  const text = await cell.getAttribute('data-value');
  return text === null || text === '' ? null : Number(text);
}
