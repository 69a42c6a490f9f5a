// @ts-check
/**
 * What the page's tracker (`engagement.js`) needs from the host page:
 * Global Privacy Control, the time origin, the few `localStorage` items it
 * may keep (only with consent granted: the visitor id and the last visit's
 * day) and their erasure, and the GTM / Segment sinks. No decisions: what
 * consent applies and what is stored when is the engine's rule and
 * `engagement.js`'s wiring.
 */

export const VISITOR_KEY = 'yardstick:visitor';
/** The UTC day of the visitor's last page view, the engine's `visitDay` (consent granted only). */
export const VISIT_DAY_KEY = 'yardstick:last-visit';

/** Global Privacy Control overrides any consent the page states. */
export function globalPrivacyControl() {
  return /** @type {{ globalPrivacyControl?: boolean }} */ (navigator).globalPrivacyControl === true;
}

/**
 * The epoch time of `performance.now()`'s zero. Some environments (old
 * WebViews, patched or faked timers) report no usable `timeOrigin`; the
 * wall clock minus the page time is the same instant to within a tick.
 */
export function timeOriginMs() {
  const origin = performance.timeOrigin;
  return Number.isFinite(origin) && origin > 0 ? origin : Math.max(0, Date.now() - performance.now());
}

/** @returns {string | undefined} */
export function storedVisitor() {
  return stored(VISITOR_KEY);
}

/**
 * A `localStorage` item; call only with consent granted.
 * @param {string} key
 * @returns {string | undefined}
 */
export function stored(key) {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Consent denied (or GPC): every `yardstick:` key any version of the widget
 * wrote goes, from both storages. `unknown` erases nothing (a consent banner
 * that has not answered yet must not wipe a returning visitor's choice).
 */
export function forgetStored() {
  try {
    for (const storage of [localStorage, sessionStorage]) {
      for (const key of Object.keys(storage)) if (key.startsWith('yardstick:')) storage.removeItem(key);
    }
  } catch {
    // Storage blocked: nothing was stored.
  }
}

/**
 * @param {string} name
 * @param {Record<string, string | number>} parameters
 */
export function pushDataLayer(name, parameters) {
  const host = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (window));
  const existing = host[name];
  if (existing === undefined) host[name] = [];
  const layer = /** @type {{ push?: (item: unknown) => void }} */ (host[name]);
  if (typeof layer?.push === 'function') layer.push({ ...parameters });
}

/** @param {{ event: string, properties: Record<string, string | number> }} segment */
export function trackSegment(segment) {
  const analytics = /** @type {{ analytics?: { track?: (name: string, properties: object) => void } }} */ (/** @type {unknown} */ (window)).analytics;
  if (typeof analytics?.track === 'function') analytics.track(segment.event, { ...segment.properties });
}
