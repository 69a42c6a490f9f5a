// @ts-check
/**
 * How a widget or the page snippet finds the page's one `PageEngagement`
 * (`engagement.js`): it lives on `globalThis[Symbol.for('yardstick.page')]`,
 * so whichever script comes first (the snippet or a widget) makes it and
 * the other joins it, and a page's widget and page events share one page
 * view id and one sequence. While the snippet's engine loads, its promise
 * holds the place, and widgets wait for it.
 */

import { PageEngagement } from './engagement.js';

/** @typedef {import('./engagement.js').Consent} Consent */
/** @typedef {import('./engagement.js').TrackerEngine} TrackerEngine */
/** @typedef {import('./engagement.js').WidgetSinks} WidgetSinks */

/** The page's one tracker, shared by the widget bundle and the page snippet. */
const PAGE_SYMBOL = Symbol.for('yardstick.page');

/** @returns {{ [PAGE_SYMBOL]?: PageEngagement | Promise<unknown> }} */
function globalHost() {
  return /** @type {{ [PAGE_SYMBOL]?: PageEngagement | Promise<unknown> }} */ (/** @type {unknown} */ (globalThis));
}

/**
 * The page's one tracker: the one already on `globalThis` (made by the
 * widget bundle or the page snippet, whichever joined first), or a new one.
 * With an `engine`, a tracker still waiting for one gets it.
 * @param {{ consent: Consent, idleTimeoutMs?: number }} options
 * @param {TrackerEngine} [engine]
 * @returns {PageEngagement}
 */
export function pageEngagement(options, engine) {
  const host = globalHost();
  const current = host[PAGE_SYMBOL];
  const page = current && !(current instanceof Promise) ? current : new PageEngagement(options);
  host[PAGE_SYMBOL] = page;
  if (engine) page.provideEngine(engine);
  return page;
}

/**
 * While the page snippet's engine loads, the promise it registered: a
 * widget waits for it and then joins the snippet's tracker rather than
 * making its own. `null` otherwise.
 * @returns {Promise<unknown> | null}
 */
export function pendingPage() {
  const current = globalHost()[PAGE_SYMBOL];
  return current instanceof Promise ? current : null;
}

/**
 * The page snippet: registers at once (its module's first act) that the
 * page's tracker is coming, then, once its engine has loaded, makes the
 * page's tracker (or joins one a widget made first, giving it the engine
 * if it still waits for one) and starts page tracking. A second snippet on
 * the page changes nothing.
 * @param {Promise<TrackerEngine>} loading
 * @param {{ consent: Consent, collector: string | null }} snippet
 * @returns {Promise<PageEngagement | null>} the page's tracker (`null` for a second snippet)
 */
export function startPageSnippet(loading, snippet) {
  const host = globalHost();
  if (host[PAGE_SYMBOL] instanceof Promise) return Promise.resolve(null);
  /** @type {Promise<PageEngagement>} */
  const pending = loading.then(
    (engine) => {
      if (host[PAGE_SYMBOL] === pending) delete host[PAGE_SYMBOL];
      const page = pageEngagement({ consent: snippet.consent }, engine);
      page.startPage(snippet);
      return page;
    },
    (error) => {
      // Widgets waiting for it make their own tracker instead.
      if (host[PAGE_SYMBOL] === pending) delete host[PAGE_SYMBOL];
      throw error;
    },
  );
  if (!host[PAGE_SYMBOL]) host[PAGE_SYMBOL] = pending;
  return pending;
}

/**
 * Joins a widget to the page's engagement tracking. Every call is stamped
 * when made; while the page's tracker waits for its engine (`waiting`), the
 * widget loads one and hands it over (`provide`), or says it could not
 * (`failed`).
 * @param {WidgetSinks & { calcId: string, calcVersion: string, idleTimeoutMs?: number }} widget
 */
export function joinPage(widget) {
  const current = pageEngagement({ consent: widget.consent, idleTimeoutMs: widget.idleTimeoutMs });
  const member = current.add(widget, widget.calcId, widget.calcVersion);
  return {
    /** The widget's instance id, once the tracker added it. */
    get instanceId() {
      return member.instanceId;
    },
    /** The page view's id, which a lead carries to join it to its visit (once the tracker is made). */
    get pageViewId() {
      return current.tracker?.pageViewId;
    },
    get waiting() {
      return current.waiting;
    },
    /** Settles once the tracker is made or tracking is off. */
    settled: current.settled,
    /** @param {TrackerEngine} engine */
    provide: (engine) => current.provideEngine(engine),
    /** @param {unknown} error */
    failed: (error) => current.engineFailed(error),
    /** @param {number} ratio */
    intersection: (ratio) => current.fact('intersection', member, ratio),
    /** @param {string | undefined} inputId @param {boolean} committed */
    input: (inputId, committed) => current.fact(committed ? 'commit' : 'input', member, inputId),
    lead: () => current.fact('lead', member),
    /** A new idle timeout for the page (the engine checks it; `undefined`: its default). @param {number | undefined} ms */
    idleTimeout: (ms) => current.fact('idle-timeout', undefined, ms),
    /** @param {string | undefined} scenario */
    scenario: (scenario) => current.fact('scenario', member, scenario),
    /** @param {Consent} consent */
    consent: (consent) => {
      widget.consent = consent;
      current.updateConsent();
    },
    /** The widget's totals now (`null` until the tracker has added it). */
    totals: () => (member.instanceId && current.tracker ? current.tracker.totals(member.instanceId, performance.now()) : null),
    leave: () => current.remove(member, widget),
  };
}
