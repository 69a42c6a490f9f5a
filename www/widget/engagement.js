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
 * The same object is the page snippet's (`www/page/page.js`); how each
 * finds it is `page-join.js`. The snippet starts page tracking (`startPage`), which adds the page-level
 * listeners (`page-facts.js`) and sends page events to its collector.
 *
 * The tracker comes from the page snippet's engine build (`pkg-page/`),
 * loaded by the snippet, or by a widget after its first result: until one
 * of them provides it, every call waits in a `TrackerQueue` with its time.
 *
 * It times nothing and decides nothing: when a milestone happens and what
 * the totals are is the clock's business (src/engagement/).
 */

import { Outbox } from './outbox.js';
import { listenToPage } from './page-facts.js';
import { VISIT_DAY_KEY, VISITOR_KEY, forgetStored, globalPrivacyControl, pushDataLayer, stored, storedVisitor, timeOriginMs, trackSegment } from './page-host.js';
import { TrackerQueue } from './tracker-queue.js';

/** @typedef {import('../../pkg-page/yardstick.js').EngagementEvent} EngagementEvent */
/** @typedef {import('../../pkg-page/yardstick.js').PageEngagementEvent} PageEngagementEvent */
/** @typedef {import('../../pkg-page/yardstick.js').Tracker} PageTracker */
/**
 * What the page's tracker needs from the page build's engine: the
 * `Tracker` class and the page's consent rule (`Consent::for_page`), both
 * from the same glue instance.
 * @typedef {{ Tracker: typeof import('../../pkg-page/yardstick.js').Tracker, pageConsent: typeof import('../../pkg-page/yardstick.js').pageConsent }} TrackerEngine
 */
/** @typedef {'granted' | 'denied' | 'unknown'} Consent */
/** @typedef {import('../../pkg-page/yardstick.js').Fact} Fact */
/** A widget on the page; its instance id is the tracker's answer to `addWidget`, once it ran. @typedef {{ instanceId: string | null }} Member */

/** How often time-driven milestones are looked for while the page is visible. */
const ADVANCE_INTERVAL_MS = 1000;
const PAGE_SCHEMA = 'yardstick/page-events@1';

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
export class PageEngagement {
  /** The page's effective consent, the engine's answer (`unknown` until it is there). @type {Consent} */
  #consent = 'unknown';
  /** The engine's consent rule, once it is there. @type {TrackerEngine['pageConsent'] | null} */
  #pageConsent = null;
  /** The calls made before the tracker exists, and the tracker. */
  #queue = new TrackerQueue();
  /** What the tracker is made with, as of this object's creation (its time, GPC then). */
  #creation;
  /** The widgets the tracker added, by instance id: where their events go. @type {Map<string, WidgetSinks>} */
  #widgets = new Map();
  /** Every widget on the page now, for the consents they state. @type {Set<WidgetSinks>} */
  #members = new Set();
  /** @type {Map<string, Outbox>} */
  #outboxes = new Map();
  /** The page snippet's stated consent and collector, once it started page tracking. @type {{ consent: Consent, collector: string | null } | null} */
  #page = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  #timer = null;
  /**
   * Starts listening at once; the tracker itself is made when an engine
   * is provided (`provideEngine`), with this instant as its start.
   * @param {{ consent: Consent, idleTimeoutMs?: number }} options
   */
  constructor(options) {
    this.#creation = { ...options, nowMs: performance.now(), gpc: globalPrivacyControl() };
    this.#listen();
    // The page's real state now, rather than the clock's assumptions.
    this.fact(document.visibilityState === 'visible' ? 'visible' : 'hidden');
    this.fact(document.hasFocus() ? 'focus' : 'blur');
    this.#startTimer();
  }

  /** The page's tracker, once made (`null` before, and if its engine never loads). */
  get tracker() {
    return this.#queue.tracker;
  }

  /** True while the tracker waits for an engine. */
  get waiting() {
    return this.#queue.waiting;
  }

  /** Settles once the tracker is made or tracking is off. */
  get settled() {
    return this.#queue.settled;
  }

  /**
   * An engine is here (the page snippet's, or the one a widget loaded):
   * makes the page's tracker as of this object's creation, then runs every
   * call made meanwhile, in order. A second engine changes nothing.
   * @param {TrackerEngine} engine
   */
  provideEngine(engine) {
    if (!this.#queue.waiting) return;
    const { consent, idleTimeoutMs, nowMs, gpc } = this.#creation;
    let tracker;
    try {
      this.#pageConsent = engine.pageConsent;
      this.#consent = this.#pageConsent([consent], gpc);
      if (this.#consent === 'denied') forgetStored();
      const seed = new Uint8Array(32);
      crypto.getRandomValues(seed);
      tracker = new engine.Tracker({
        seed,
        timeOriginMs: timeOriginMs(),
        nowMs,
        consent: this.#consent,
        visitorId: this.#consent === 'granted' ? storedVisitor() : undefined,
        idleTimeoutMs,
      });
    } catch (error) {
      this.engineFailed(error);
      return;
    }
    this.#rememberVisitor(tracker);
    this.#queue.start(tracker);
  }

  /**
   * No engine could load: the calls made so far go, and later ones with
   * them (said once on the console; the calculator keeps working).
   * @param {unknown} error
   */
  engineFailed(error) {
    this.#queue.stop(error);
  }

  /** @param {PageTracker} tracker */
  #rememberVisitor(tracker) {
    const id = tracker.visitorId;
    // The engine names the day only with consent granted and page tracking on.
    const day = this.#page ? tracker.visitDay : undefined;
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
   * page events, and the page's listeners start. The snippet provides its
   * engine first, so the tracker exists unless it failed to start.
   * @param {{ consent: Consent, collector: string | null }} snippet
   */
  startPage(snippet) {
    const tracker = this.#queue.tracker;
    if (this.#page || !tracker) return;
    this.#page = snippet;
    this.updateConsent();
    const lastVisitDay = this.#consent === 'granted' ? stored(VISIT_DAY_KEY) : undefined;
    this.#deliver(tracker.startPage(performance.now(), location.href, document.referrer, lastVisitDay));
    this.#rememberVisitor(tracker);
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
    return this.#queue.tracker?.pageTotals();
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
   * Tells the tracker a fact stamped now and delivers the events it
   * returns (later, with this time, while the tracker waits for its
   * engine). A refused fact (the engine says why) is reported, never
   * thrown into the host page.
   * @param {Fact} fact
   * @param {Member} [member] the widget a widget fact is about
   * @param {number | string} [detail] the fact's value (`Tracker.fact`)
   */
  fact(fact, member, detail) {
    const nowMs = performance.now();
    this.#queue.run((tracker) => {
      // A widget the tracker refused to add has no facts.
      if (member && !member.instanceId) return;
      let events;
      try {
        events = tracker.fact(fact, nowMs, member?.instanceId ?? undefined, detail);
      } catch (error) {
        console.warn('yardstick: engagement fact refused:', error);
        return;
      }
      this.#deliver(events);
    });
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
   * Adds a widget stamped now; its instance id is filled in once the
   * tracker has added it.
   * @param {WidgetSinks} sinks
   * @param {string} calcId
   * @param {string} calcVersion
   * @returns {Member}
   */
  add(sinks, calcId, calcVersion) {
    const nowMs = performance.now();
    /** @type {Member} */
    const member = { instanceId: null };
    this.#members.add(sinks);
    this.#queue.run((tracker) => {
      try {
        member.instanceId = tracker.addWidget(calcId, calcVersion, nowMs);
      } catch (error) {
        // Engagement tracking is never allowed to break the calculator.
        this.#members.delete(sinks);
        console.warn('yardstick: engagement tracking is off:', error);
        return;
      }
      this.#widgets.set(member.instanceId, sinks);
      if (sinks.collector) this.#outbox(sinks.collector);
    });
    this.updateConsent();
    return member;
  }

  /**
   * @param {Member} member
   * @param {WidgetSinks} sinks
   */
  remove(member, sinks) {
    this.fact('remove', member);
    this.#members.delete(sinks);
    this.#queue.run(() => {
      if (!member.instanceId) return;
      this.#widgets.delete(member.instanceId);
      if (sinks.collector) void this.#outbox(sinks.collector).send();
    });
  }

  /** The page's consent applies to all its widgets (the engine's rule: the
   * strictest any widget states; denied under Global Privacy Control). The
   * consents stated now are what counts, even if the engine answers later. */
  updateConsent() {
    const stated = [...this.#members].map((w) => w.consent);
    if (this.#page) stated.push(this.#page.consent);
    const gpc = globalPrivacyControl();
    this.#queue.run((tracker) => this.#applyConsent(tracker, stated, gpc));
  }

  /**
   * @param {PageTracker} tracker
   * @param {Consent[]} stated
   * @param {boolean} gpc
   */
  #applyConsent(tracker, stated, gpc) {
    if (!this.#pageConsent) return;
    const consent = this.#pageConsent(stated, gpc);
    if (consent === this.#consent) return;
    this.#consent = consent;
    tracker.setConsent(consent, consent === 'granted' ? storedVisitor() : undefined);
    this.#rememberVisitor(tracker);
    for (const outbox of this.#outboxes.values()) {
      outbox.setPersist(consent === 'granted');
      // What was queued under the withdrawn consent is never sent.
      if (consent === 'denied') outbox.queue = [];
    }
    if (consent === 'denied') forgetStored();
  }
}
