// @ts-check
/**
 * Wires the page to the engine's interaction clock. One `Tracker` (Rust)
 * per page serves every widget: this module forwards facts to it, stamped
 * with `performance.now()` (visibility, window focus, freeze and resume,
 * pagehide and pageshow, each widget's intersection ratio and inputs), and
 * hands the events it returns to each widget's sinks: its DOM events, the
 * GTM / GA4 `dataLayer`, Segment's `analytics.track` and the collector's
 * outbox.
 *
 * The same object is the page snippet's (`www/page/page.js`): it lives on
 * `globalThis[Symbol.for('yardstick.page')]`, so whichever script loads
 * first (the snippet or a widget) creates it and the other joins it, and a
 * page's widget and page events share one page view id and one sequence.
 * The snippet starts page tracking (`startPage`), which adds the page-level
 * listeners (`page-facts.js`) and sends page events to its collector.
 *
 * It times nothing and decides nothing: when a milestone happens and what
 * the totals are is the clock's business (src/engagement/).
 */

import { Outbox } from './outbox.js';
import { listenToPage } from './page-facts.js';
import { VISIT_DAY_KEY, VISITOR_KEY, forgetStored, globalPrivacyControl, pushDataLayer, stored, storedVisitor, timeOriginMs, trackSegment } from './page-host.js';

/** @typedef {import('./engine.js').Tracker} Tracker */
/** @typedef {import('./engine.js').EngagementEvent} EngagementEvent */
/** @typedef {import('../../pkg-page/yardstick.js').PageEngagementEvent} PageEngagementEvent */
/** @typedef {import('../../pkg-page/yardstick.js').Tracker} PageTracker */
/** @typedef {typeof import('../../pkg-widget/yardstick.js').Tracker} TrackerClass */
/**
 * What the page's tracker needs from an engine build (the widget's or the
 * page snippet's): the `Tracker` class and the page's consent rule
 * (`Consent::for_page`), both from the same glue instance.
 * @typedef {{ Tracker: TrackerClass, pageConsent: typeof import('../../pkg-widget/yardstick.js').pageConsent }} TrackerEngine
 */
/** @typedef {'granted' | 'denied' | 'unknown'} Consent */
/** @typedef {import('../../pkg-widget/yardstick.js').Fact} Fact */

/** How often time-driven milestones are looked for while the page is visible. */
const ADVANCE_INTERVAL_MS = 1000;
const PAGE_SCHEMA = 'yardstick/page-events@1';
/** The page's one tracker, shared by the widget bundle and the page snippet. */
const PAGE_SYMBOL = Symbol.for('yardstick.page');

/**
 * What one widget tells the page about itself.
 * @typedef {object} WidgetSinks
 * @property {HTMLElement} element Receives the DOM events.
 * @property {string | null} collector The collector's URL, if any.
 * @property {string} dataLayerName The GTM data layer's global name.
 * @property {Consent} consent The host's consent attribute.
 */

/**
 * The page's one tracker and its listeners.
 */
class PageEngagement {
  /** The page's effective consent. @type {Consent} */
  #consent;
  #widgets;
  #outboxes;
  #pageConsent;
  /** The page snippet's stated consent and collector, once it started page tracking. @type {{ consent: Consent, collector: string | null } | null} */
  #page = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  #timer = null;
  /**
   * @param {TrackerEngine} engine
   * @param {{ consent: Consent, idleTimeoutMs?: number }} options
   */
  constructor(engine, options) {
    this.#pageConsent = engine.pageConsent;
    this.#consent = /** @type {Consent} */ (this.#pageConsent([options.consent], globalPrivacyControl()));
    if (this.#consent === 'denied') forgetStored();
    const seed = new Uint8Array(32);
    crypto.getRandomValues(seed);
    this.tracker = new engine.Tracker({
      seed,
      timeOriginMs: timeOriginMs(),
      nowMs: performance.now(),
      consent: this.#consent,
      visitorId: this.#consent === 'granted' ? storedVisitor() : undefined,
      idleTimeoutMs: options.idleTimeoutMs,
    });
    this.#rememberVisitor();
    /** @type {Map<string, WidgetSinks>} */
    this.#widgets = new Map();
    /** @type {Map<string, Outbox>} */
    this.#outboxes = new Map();
    this.#listen();
    // The page's real state now, rather than the clock's assumptions.
    this.fact(document.visibilityState === 'visible' ? 'visible' : 'hidden');
    this.fact(document.hasFocus() ? 'focus' : 'blur');
    this.#startTimer();
  }

  #rememberVisitor() {
    const id = this.tracker.visitorId;
    // The engine names the day only with consent granted and page tracking on.
    const day = this.#page ? this.#pageTracker()?.visitDay : undefined;
    if (this.#consent !== 'granted') return;
    try {
      if (id) localStorage.setItem(VISITOR_KEY, id);
      if (day) localStorage.setItem(VISIT_DAY_KEY, day);
    } catch {
      // Storage blocked: a new visitor id (and no return visit) next visit.
    }
  }

  /**
   * The page snippet starts page tracking (once; a second snippet changes
   * nothing): its consent joins the widgets', its collector receives the
   * page events, and the page's listeners start.
   * @param {{ consent: Consent, collector: string | null }} snippet
   */
  startPage(snippet) {
    if (this.#page) return;
    // A tracker from the widget's build has no page methods (they stay in
    // the snippet's build): a widget started the page's tracking first.
    const tracker = this.#pageTracker();
    if (!tracker) {
      console.warn('yardstick: page tracking is off: a calculator started tracking this page before the page snippet loaded (put the snippet first)');
      return;
    }
    this.#page = snippet;
    this.updateConsent();
    const lastVisitDay = this.#consent === 'granted' ? stored(VISIT_DAY_KEY) : undefined;
    this.#deliver(tracker.startPage(performance.now(), location.href, document.referrer, lastVisitDay));
    this.#rememberVisitor();
    listenToPage((fact, text, id, topPx, viewportPx, heightPx) => {
      let events;
      try {
        events = tracker.pageFact(fact, performance.now(), text, id, topPx, viewportPx, heightPx);
      } catch (error) {
        console.warn('yardstick: page fact refused:', error);
        return;
      }
      this.#deliver(events);
    });
  }

  /**
   * The snippet's `data-consent` changed (a consent banner answered): it
   * counts among the widgets' consents as before.
   * @param {Consent} consent
   */
  setSnippetConsent(consent) {
    if (!this.#page) return;
    this.#page.consent = consent;
    this.updateConsent();
  }

  /** The page view's totals as of the last fact (`undefined` before `startPage`). */
  pageTotals() {
    return this.#pageTracker()?.pageTotals();
  }

  /**
   * The tracker with its page methods, when its build has them (the
   * snippet's does, the widget's does not); else `null`.
   * @returns {PageTracker | null}
   */
  #pageTracker() {
    const tracker = /** @type {Partial<PageTracker>} */ (/** @type {unknown} */ (this.tracker));
    return typeof tracker.startPage === 'function' ? /** @type {PageTracker} */ (tracker) : null;
  }

  #listen() {
    document.addEventListener('visibilitychange', () => {
      const visible = document.visibilityState === 'visible';
      this.fact(visible ? 'visible' : 'hidden');
      if (visible) this.#startTimer();
      else {
        this.#stopTimer();
        this.fact('flush');
        for (const outbox of this.#outboxes.values()) void outbox.send();
      }
    });
    window.addEventListener('focus', () => this.fact('focus'));
    window.addEventListener('blur', () => this.fact('blur'));
    document.addEventListener('freeze', () => {
      this.fact('freeze');
      this.fact('flush');
      for (const outbox of this.#outboxes.values()) void outbox.send();
    });
    document.addEventListener('resume', () => this.fact('resume'));
    window.addEventListener('pagehide', () => {
      this.fact('page-hide');
      this.fact('flush');
      for (const outbox of this.#outboxes.values()) outbox.beaconAll();
    });
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) this.fact('page-show');
    });
  }

  #startTimer() {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => this.fact('advance'), ADVANCE_INTERVAL_MS);
  }

  #stopTimer() {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /**
   * Tells the tracker a fact at the current time and delivers the events
   * it returns. A refused fact (the engine says why) is reported, never
   * thrown into the host page.
   * @param {Fact} fact
   * @param {string} [instanceId] the widget a widget fact is about
   * @param {number | string} [detail] the fact's value (`Tracker.fact`)
   */
  fact(fact, instanceId, detail) {
    let events;
    try {
      events = this.tracker.fact(fact, performance.now(), instanceId, detail);
    } catch (error) {
      console.warn('yardstick: engagement fact refused:', error);
      return;
    }
    this.#deliver(events);
  }

  /** @param {(EngagementEvent | PageEngagementEvent)[]} events */
  #deliver(events) {
    for (const event of events) {
      if ('page' in event) {
        document.dispatchEvent(new CustomEvent('yardstick:page', { detail: event.envelope }));
        if (this.#page?.collector) this.#outbox(this.#page.collector, PAGE_SCHEMA).add([event.envelope]);
        continue;
      }
      const widget = this.#widgets.get(event.envelope.instance_id);
      if (!widget) continue;
      widget.element.dispatchEvent(new CustomEvent(event.domType, { detail: event.envelope, bubbles: true, composed: true }));
      pushDataLayer(widget.dataLayerName, event.dataLayer);
      trackSegment(event.segment);
      if (widget.collector) this.#outbox(widget.collector).add([event.envelope]);
    }
    if (events.length > 0) for (const outbox of this.#outboxes.values()) void outbox.send();
  }

  /**
   * @param {string} url
   * @param {string} [schema] page events go in batches of their own
   */
  #outbox(url, schema) {
    const key = `${schema ?? ''} ${url}`;
    let outbox = this.#outboxes.get(key);
    if (!outbox) {
      outbox = new Outbox({ url, schema, persist: this.#consent === 'granted' });
      this.#outboxes.set(key, outbox);
      // Events left from an earlier visit go out now.
      if (outbox.queue.length > 0) void outbox.send();
    }
    return outbox;
  }

  /**
   * @param {WidgetSinks} sinks
   * @param {string} calcId
   * @param {string} calcVersion
   */
  add(sinks, calcId, calcVersion) {
    const instanceId = this.tracker.addWidget(calcId, calcVersion, performance.now());
    this.#widgets.set(instanceId, sinks);
    if (sinks.collector) this.#outbox(sinks.collector);
    this.updateConsent();
    return instanceId;
  }

  /** @param {string} instanceId */
  remove(instanceId) {
    this.fact('remove', instanceId);
    const widget = this.#widgets.get(instanceId);
    this.#widgets.delete(instanceId);
    if (widget?.collector) void this.#outbox(widget.collector).send();
  }

  /** The page's consent applies to all its widgets (the engine's rule: the
   * strictest any widget states; denied under Global Privacy Control). */
  updateConsent() {
    const stated = [...this.#widgets.values()].map((w) => w.consent);
    if (this.#page) stated.push(this.#page.consent);
    const consent = /** @type {Consent} */ (this.#pageConsent(stated, globalPrivacyControl()));
    if (consent === this.#consent) return;
    this.#consent = consent;
    this.tracker.setConsent(consent, consent === 'granted' ? storedVisitor() : undefined);
    this.#rememberVisitor();
    for (const outbox of this.#outboxes.values()) {
      outbox.setPersist(consent === 'granted');
      // What was queued under the withdrawn consent is never sent.
      if (consent === 'denied') outbox.queue = [];
    }
    if (consent === 'denied') forgetStored();
  }
}

/** @returns {{ [PAGE_SYMBOL]?: PageEngagement | Promise<unknown> }} */
function globalHost() {
  return /** @type {{ [PAGE_SYMBOL]?: PageEngagement | Promise<unknown> }} */ (/** @type {unknown} */ (globalThis));
}

/**
 * The page's one tracker: the one already on `globalThis` (made by the
 * widget bundle or the page snippet, whichever joined first), or a new one
 * made with this engine.
 * @param {TrackerEngine} engine
 * @param {{ consent: Consent, idleTimeoutMs?: number }} options
 * @returns {PageEngagement}
 */
export function pageEngagement(engine, options) {
  const host = globalHost();
  const current = host[PAGE_SYMBOL];
  if (current && !(current instanceof Promise)) return current;
  const created = new PageEngagement(engine, options);
  host[PAGE_SYMBOL] = created;
  return created;
}

/**
 * While the page snippet's engine loads, the promise it registered: a
 * widget waits for it and then joins the snippet's tracker (which has the
 * page methods) rather than making its own. `null` otherwise.
 * @returns {Promise<unknown> | null}
 */
export function pendingPage() {
  const current = globalHost()[PAGE_SYMBOL];
  return current instanceof Promise ? current : null;
}

/**
 * The page snippet: registers at once (its module's first act) that the
 * page's tracker is coming, then, once its engine has loaded, makes the
 * page's tracker (or joins one a widget made first) and starts page
 * tracking. A second snippet on the page changes nothing.
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
      const page = pageEngagement(engine, { consent: snippet.consent });
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
 * Joins a widget to the page's engagement tracking.
 * @param {TrackerEngine} engine
 * @param {WidgetSinks & { calcId: string, calcVersion: string, idleTimeoutMs?: number }} widget
 */
export function joinPage(engine, widget) {
  const current = pageEngagement(engine, { consent: widget.consent, idleTimeoutMs: widget.idleTimeoutMs });
  const instanceId = current.add(widget, widget.calcId, widget.calcVersion);
  return {
    instanceId,
    /** The page view's id, which a lead carries to join it to its visit. */
    pageViewId: current.tracker.pageViewId,
    /** @param {number} ratio */
    intersection: (ratio) => current.fact('intersection', instanceId, ratio),
    /** @param {string | undefined} inputId @param {boolean} committed */
    input: (inputId, committed) => current.fact(committed ? 'commit' : 'input', instanceId, inputId),
    lead: () => current.fact('lead', instanceId),
    /** A new idle timeout for the page (the engine checks it; `undefined`: its default). @param {number | undefined} ms */
    idleTimeout: (ms) => current.fact('idle-timeout', undefined, ms),
    /** @param {string | undefined} scenario */
    scenario: (scenario) => current.fact('scenario', instanceId, scenario),
    /** @param {Consent} consent */
    consent: (consent) => {
      widget.consent = consent;
      current.updateConsent();
    },
    totals: () => current.tracker.totals(instanceId, performance.now()),
    leave: () => current.remove(instanceId),
  };
}
