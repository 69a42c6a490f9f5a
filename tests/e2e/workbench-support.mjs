// Shared support for the workbench's browser tests: the engine in Node (the
// reference every figure on the page is checked against, computed here and
// never copied from the page), number formatting as the page's case does
// it, and opening the page on a model.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.mjs';

export const engine = await import(pathToFileURL(path.join(repoRoot, 'pkg', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(repoRoot, 'pkg', 'yardstick_bg.wasm')) });
const { NumberFormats } = await import(pathToFileURL(path.join(repoRoot, 'www', 'widget', 'format.js')).href);

/** Every Playwright wait in these files is bounded by this. */
export const STEP_TIMEOUT_MS = 15_000;

export const EXAMPLES = ['business-case-5y', 'saas-roi', 'project-portfolio'];

/** @param {string} id */
export function exampleDocument(id) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', `${id}.json`), 'utf8'));
}

/**
 * The engine's outputs for `inputs` (missing ids at their defaults).
 * @param {object} document
 * @param {Record<string, unknown>} [inputs]
 */
export function evaluate(document, inputs = {}) {
  const model = engine.Model.compile(document);
  try {
    return model.evaluate(inputs);
  } finally {
    model.free();
  }
}

/**
 * A value as the page writes it for a case in `locale` and `currency`.
 * @param {unknown} value
 * @param {{ style: string, decimals: number }} format
 */
export function formatted(value, format, locale = 'en-US', currency = 'USD') {
  if (typeof value !== 'number') return /** @type {any} */ (value).error;
  return new NumberFormats(locale, currency, engine.readTypedNumber).output(value, format);
}

/**
 * The layout of a document, as the page reads it.
 * @param {object} document
 */
export function layoutOf(document) {
  const model = engine.Model.compile(document);
  try {
    return model.layout();
  } finally {
    model.free();
  }
}

/**
 * Opens the workbench on a served example and waits for its first result.
 * @param {import('playwright-core').Page} page
 * @param {string} url  the server's base URL
 * @param {string} id   the example's id (file name)
 */
export async function openExample(page, url, id) {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(`${url}workbench.html?model=/models/${id}.json`);
  await page.locator('#wb-case[data-ready]').waitFor({ state: 'attached' });
}

/**
 * Every output's text on the page, by id.
 * @param {import('playwright-core').Page} page
 */
export async function pageOutputs(page) {
  return page.locator('#wb-outputs [data-output]').evaluateAll((cells) => Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-output'), cell.textContent])));
}

/**
 * Every output's text as the page should show it for `evaluation`.
 * @param {object} document
 * @param {{ outputs: Record<string, unknown> }} evaluation
 */
export function expectedOutputs(document, evaluation, locale = 'en-US', currency = 'USD') {
  const layout = layoutOf(document);
  return Object.fromEntries(layout.outputs.map((/** @type {any} */ output) => [output.id, formatted(evaluation.outputs[output.id], output, locale, currency)]));
}
