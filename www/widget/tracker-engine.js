// @ts-check
/**
 * The widget's engagement tracker engine, loaded only after its first
 * result is on screen: the page snippet's build (`pkg-page/`: the Tracker
 * and its page methods, no model engine), whose glue is imported at run
 * time rather than bundled, so the embed script and the widget's wasm
 * carry none of it. Both files resolve against this module's own URL, as
 * the widget's wasm does, so a widget embedded on another site loads them
 * from wherever it was served (under the same `--allow-origin` rules).
 *
 * A page with the snippet never needs this: the snippet's tracker is the
 * page's, and widgets join it (`page-join.js`).
 */

import { crossOriginHint } from './urls.js';

/** @typedef {typeof import('../../pkg-page/yardstick.js')} PageGlue */
/** @typedef {import('./engagement.js').TrackerEngine} TrackerEngine */

/** The page build's glue and wasm: beside the embed script's folder (`pkg-page/`). */
const GLUE_URL = new URL('../pkg-page/yardstick.js', import.meta.url);
const WASM_URL = new URL('../pkg-page/yardstick_bg.wasm', import.meta.url);

/** How long a page that stopped painting waits for the tracker's load. */
const HIDDEN_FALLBACK_MS = 1000;

/** @type {Promise<TrackerEngine> | null} */
let loading = null;

/**
 * Loads the tracker's engine once per page; every widget shares it.
 * @returns {Promise<TrackerEngine>}
 */
export function loadTrackerEngine() {
  loading ??= instantiate();
  return loading;
}

/** @returns {Promise<TrackerEngine>} */
async function instantiate() {
  try {
    const glue = /** @type {PageGlue} */ (await import(GLUE_URL.href));
    await glue.default({ module_or_path: fetch(WASM_URL) });
    return { Tracker: glue.Tracker, pageConsent: glue.pageConsent };
  } catch (cause) {
    throw new Error(`Could not start the engagement tracker (from ${GLUE_URL.href})${crossOriginHint(GLUE_URL)}.`, { cause });
  }
}

/**
 * Runs `task` once the frame that shows the first result has been painted:
 * the next animation frame, then a task after it. A page hidden now, or
 * hidden before that frame, paints nothing and runs no animation frames:
 * there a timer runs it, so the calls held meanwhile are not kept waiting
 * for the visitor to come back.
 * @param {() => void} task
 */
export function afterNextPaint(task) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, document.visibilityState === 'visible' ? HIDDEN_FALLBACK_MS : 0);
}
