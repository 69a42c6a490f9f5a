// @ts-check
/**
 * Fetching a calculator's model document for the widget, with messages a
 * page author can act on: the address, the HTTP status, what to check
 * when another site refuses (a browser hides a CORS refusal's reason), and
 * the browser's own JSON syntax message (line and column in Chromium and
 * Firefox).
 */

import { crossOriginHint } from './urls.js';

/**
 * Fetches a model document; says what went wrong in words a page author can act on.
 * @param {URL} url
 * @returns {Promise<import('../../pkg-widget/yardstick.js').ModelDocument>}
 */
export async function fetchModel(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new Error(`Could not load the calculator model from ${url.href}${crossOriginHint(url)}.`, { cause });
  }
  if (!response.ok) throw new Error(`Could not load the calculator model from ${url.href} (HTTP ${response.status}).`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    // The browser's own message says where (Chromium and Firefox give the line and column).
    throw new Error(`The calculator model at ${url.href} is not valid JSON: ${cause instanceof Error ? cause.message : cause}`, { cause });
  }
}

