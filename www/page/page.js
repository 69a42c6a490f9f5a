// @ts-check
/**
 * The page snippet (docs/engagement.md, "The page snippet"): one module for
 * pages with or without a calculator,
 *
 *   <script type="module" src="https://host/pkg-page/yardstick-page.min.js"
 *     data-collector="https://host/collect" data-consent="granted"></script>
 *
 * It loads the tracker-only engine (`pkg-page/`, no model engine), joins
 * or creates the page's one tracker (`Symbol.for('yardstick.page')`, shared
 * with any `<yardstick-calculator>` on the page) and starts page tracking:
 * page view, engaged time, scroll depth, downloads, video plays, outbound
 * clicks and, with consent only, return visits. What each fact means and
 * what may leave the page is the engine's decision; this file reads its
 * own `<script>` element's attributes and hands them over.
 */

import initEngine, { Tracker, pageConsent } from '../../pkg-page/yardstick.js';
import { startPageSnippet } from '../widget/page-join.js';

/** The engine's wasm: beside the bundled snippet (`pkg-page/`). */
const WASM_URL = new URL('../pkg-page/yardstick_bg.wasm', import.meta.url);

/** @typedef {import('../widget/engagement.js').Consent} Consent */

/**
 * The `<script>` element that loaded this module (modules have no
 * `document.currentScript`): the one whose resolved `src` is this module's
 * URL, else the first with a `data-collector` that names this file.
 * @returns {HTMLScriptElement | null}
 */
function ownScript() {
  const scripts = [...document.querySelectorAll('script[src]')].map((s) => /** @type {HTMLScriptElement} */ (s));
  return scripts.find((s) => s.src === import.meta.url) ?? scripts.find((s) => s.src.includes('yardstick-page') && s.dataset.collector !== undefined) ?? null;
}

/** @param {string | undefined} text @returns {Consent} */
function consentOf(text) {
  return text === 'granted' || text === 'denied' ? text : 'unknown';
}

/** The tracker-only engine, loaded once. */
async function loadEngine() {
  await initEngine({ module_or_path: fetch(WASM_URL) });
  return { Tracker, pageConsent };
}

// At once, before the engine loads: a widget on the page then waits for
// this snippet's tracker instead of making its own.
const script = ownScript();
const collectorText = script?.dataset.collector;
startPageSnippet(loadEngine(), {
  consent: consentOf(script?.dataset.consent),
  collector: collectorText ? new URL(collectorText, document.baseURI).href : null,
})
  .then((page) => {
    // A consent banner that answers later sets `data-consent`; the engine
    // then applies it as a widget's `consent` attribute change.
    if (!page || !script) return;
    new MutationObserver(() => page.setSnippetConsent(consentOf(script.dataset.consent))).observe(script, { attributes: true, attributeFilter: ['data-consent'] });
  })
  .catch((error) => {
    // Measuring is never allowed to break the host page.
    console.warn('yardstick: page tracking is off:', error);
  });
