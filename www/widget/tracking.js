// @ts-check
/**
 * @file A calculator element's engagement tracking (`element.js` keeps the
 * element itself): joining the page's one tracker (`page-join.js`), after
 * the page snippet's own tracker when that is on its way; the tracker's
 * engine loaded after the first result is painted, with what the widget
 * reports meanwhile held in the tracker's queue (`tracker-queue.js`); the
 * sinks and consent the element's `collector`, `datalayer`, `consent` and
 * `idle-timeout-ms` attributes say, re-read when they change; the in-view
 * observer; and leaving when the element leaves the page or reloads.
 * Engagement tracking never breaks the calculator: a tracker that cannot
 * be joined is a console warning and no membership.
 */

import { joinPage, pendingPage } from './page-join.js';
import { afterNextPaint, loadTrackerEngine } from './tracker-engine.js';
import { observeInView } from './in-view.js';
import { randomUuid } from './lead-form.js';

/** @typedef {ReturnType<typeof joinPage>} Membership */
/** @typedef {import('./engagement.js').Consent} Consent */
/** @typedef {import('./engagement.js').WidgetSinks} WidgetSinks */
/** @typedef {{ id: string, version: string }} CalcIdentity */

/** How long a lead waits for an engagement tracker still loading, for its page view id. */
const LEAD_WAITS_FOR_TRACKER_MS = 3000;

/** One calculator element's part in the page's engagement tracking. */
export class WidgetTracking {
  /** @type {HTMLElement} */
  #element;
  /** The model's id and version, once one is shown. @type {() => CalcIdentity | null} */
  #calc;
  /** @type {Membership | null} */
  #membership = null;
  /** The sinks this widget joined the page with; the page reads them at every event. @type {WidgetSinks | null} */
  #sinks = null;
  /** @type {IntersectionObserver | null} */
  #observer = null;

  /**
   * @param {HTMLElement} element the calculator, whose attributes name the sinks and consent
   * @param {() => CalcIdentity | null} calc the model shown, if any
   */
  constructor(element, calc) {
    this.#element = element;
    this.#calc = calc;
  }

  /** The page membership, once joined: the element reports its events to it. */
  get membership() {
    return this.#membership;
  }

  /** The `collector` attribute: where events and leads go, or null. */
  collector() {
    return this.#element.getAttribute('collector') || null;
  }

  /** @returns {Consent} */
  #consent() {
    const stated = this.#element.getAttribute('consent');
    return stated === 'granted' || stated === 'denied' ? stated : 'unknown';
  }

  #dataLayerName() {
    return this.#element.getAttribute('datalayer') || 'dataLayer';
  }

  /**
   * Joins the page's engagement tracking. Nothing here waits for the
   * tracker: its engine loads after the first result is painted, and what
   * the widget reports meanwhile is held with its time (`tracker-queue.js`).
   */
  join() {
    const calc = this.#calc();
    if (this.#membership || !calc) return;
    // The page snippet's tracker is on its way: join it once it is there.
    const snippet = pendingPage();
    if (snippet) {
      const join = () => this.join();
      void snippet.then(join, join);
      return;
    }
    const idle = Number(this.#element.getAttribute('idle-timeout-ms'));
    const widget = {
      element: this.#element,
      collector: this.collector(),
      dataLayerName: this.#dataLayerName(),
      consent: this.#consent(),
      calcId: calc.id,
      calcVersion: calc.version,
      idleTimeoutMs: Number.isFinite(idle) && idle > 0 ? idle : undefined,
    };
    let membership;
    try {
      membership = joinPage(widget);
    } catch (error) {
      // Engagement tracking is never allowed to break the calculator.
      console.warn('yardstick: engagement tracking is off:', error);
      return;
    }
    this.#membership = membership;
    this.#sinks = widget;
    if (membership.waiting) afterNextPaint(() => loadTrackerEngine().then(membership.provide, membership.failed));
    this.#observer = observeInView(this.#element, (ratio) => membership.intersection(ratio));
  }

  /** Leaves the page's tracking (the element left the page, or loads another model). */
  leave() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#membership?.leave();
    this.#membership = null;
    this.#sinks = null;
  }

  /** `collector` or `datalayer` changed: the page reads the sinks at every event, so the next one goes to the new ones. */
  route() {
    if (!this.#sinks) return;
    this.#sinks.collector = this.collector();
    this.#sinks.dataLayerName = this.#dataLayerName();
  }

  /** `consent` changed. */
  consentChanged() {
    this.#membership?.consent(this.#consent());
  }

  /** `idle-timeout-ms` changed to `after` (null: removed, the engine's default). @param {string | null} after */
  idleTimeoutChanged(after) {
    this.#membership?.idleTimeout(after === null ? undefined : Number(after));
  }

  /**
   * The page view and instance ids a lead names: a tracker still loading
   * gets a moment to be there (past it, the lead goes with a fresh page
   * view id and `w1`).
   * @returns {Promise<{ pageViewId: string, instanceId: string }>}
   */
  async leadIds() {
    const membership = this.#membership;
    if (membership?.waiting) await Promise.race([membership.settled, new Promise((resolve) => setTimeout(resolve, LEAD_WAITS_FOR_TRACKER_MS))]);
    return { pageViewId: this.#membership?.pageViewId ?? randomUuid(), instanceId: this.#membership?.instanceId ?? 'w1' };
  }
}
