// @ts-check
/**
 * The page's tracker calls made before its engine has loaded, held in
 * order and run once it is there. The widget shows its first result with
 * the model engine alone and loads the tracker (the page snippet's build,
 * `pkg-page/`) afterwards; every call meanwhile is a closure that already
 * holds its `performance.now()` and arguments, so running it later gives
 * the tracker exactly the facts, times and order it would have had.
 *
 * Plumbing only: it decides nothing about what a call means.
 */

/** @typedef {import('../../pkg-page/yardstick.js').Tracker} PageTracker */

/**
 * The most calls held while the engine loads. The page's clock tick is one
 * call a second, so this is hours of a page whose engine never comes; past
 * it tracking stops rather than holding memory without end.
 */
const MAX_HELD_CALLS = 10_000;

export class TrackerQueue {
  /** The tracker, once made. @type {PageTracker | null} */
  tracker = null;
  /** @type {((tracker: PageTracker) => void)[]} */
  #held = [];
  /** Tracking is off for good (the engine did not load). */
  #off = false;
  /** @type {() => void} */
  #settle = () => {};
  /** Settles once the tracker is made or tracking is off. @type {Promise<void>} */
  settled = new Promise((resolve) => {
    this.#settle = resolve;
  });

  /** True while calls are being held (no tracker yet, not given up). */
  get waiting() {
    return this.tracker === null && !this.#off;
  }

  /**
   * Runs `call` with the tracker now, or holds it until the tracker is
   * made. After `stop`, calls are dropped.
   * @param {(tracker: PageTracker) => void} call
   */
  run(call) {
    if (this.tracker) runOne(call, this.tracker);
    else if (this.#off) return;
    else if (this.#held.length < MAX_HELD_CALLS) this.#held.push(call);
    else this.stop('the engagement tracker did not load in time');
  }

  /**
   * The tracker is made: runs every held call, in the order made.
   * @param {PageTracker} tracker
   */
  start(tracker) {
    if (!this.waiting) return;
    this.tracker = tracker;
    const held = this.#held;
    this.#held = [];
    for (const call of held) runOne(call, tracker);
    this.#settle();
  }

  /**
   * Drops the held calls and every later one; says why once on the
   * console (never to the visitor: the calculator works without it).
   * @param {unknown} reason
   */
  stop(reason) {
    if (!this.waiting) return;
    this.#off = true;
    this.#held = [];
    this.#settle();
    console.warn('yardstick: engagement tracking is off:', reason);
  }
}

/**
 * One call; a refusal the engine throws is reported, and neither stops
 * the calls after it nor reaches the host page.
 * @param {(tracker: PageTracker) => void} call
 * @param {PageTracker} tracker
 */
function runOne(call, tracker) {
  try {
    call(tracker);
  } catch (error) {
    console.warn('yardstick: engagement call refused:', error);
  }
}
