// @ts-check
/**
 * Delivery to a collector that loses nothing: every event goes to an
 * outbox first (in `localStorage` only with consent, in memory otherwise),
 * is sent in batches with `fetch`, and leaves the outbox only when the
 * collector has answered 2xx. Network errors, 429 and 5xx are retried with
 * exponential backoff and full jitter (honouring `Retry-After`); a 413
 * splits the batch. When the page is hidden the outbox is sent with a
 * `keepalive` fetch; on `pagehide`, whatever is unconfirmed goes by
 * `sendBeacon`, whose return value is checked and whose refused batches are
 * split. Events still stored are replayed on the next visit. `unload` is
 * never used. The collector stores by event id, so sending an event twice
 * (a beacon after a keepalive fetch, a replay) counts it once.
 */

/** @typedef {import('../../pkg-page/yardstick.js').EngagementEvent['envelope'] | import('../../pkg-page/yardstick.js').PageEventEnvelope} Envelope */

const SCHEMA = 'yardstick/events@1';
/** Events per batch (the collector takes up to 500). */
const BATCH_EVENTS = 50;
/** Bytes per batch: under the 64 KiB that keepalive fetches and beacons share. */
const BATCH_BYTES = 48 * 1024;
/** The most events kept; beyond it the oldest go (and a warning says so). */
const MAX_QUEUED_EVENTS = 2000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60_000;
const STORAGE_PREFIX = 'yardstick:outbox:';

/**
 * @typedef {object} OutboxOptions
 * @property {string} url The collector's `/collect` URL.
 * @property {boolean} persist Whether storage may be written (consent granted, no GPC).
 * @property {string} [schema] The batch's schema tag: `yardstick/events@1` (default) or
 *   `yardstick/page-events@1` (the page snippet's events, stored under their own key).
 * @property {typeof fetch} [fetchImpl]
 * @property {(url: string, body: Blob) => boolean} [beacon]
 */

export class Outbox {
  // Private members (#): the element never reaches into them, and the
  // minifier may shorten their names, which it may not for public ones.
  #url;
  #schema;
  #persist;
  #fetchImpl;
  #beacon;
  /** Event ids in a request now, so a second send does not duplicate them. @type {Set<string>} */
  #inFlight = new Set();
  #attempt = 0;
  /** @type {ReturnType<typeof setTimeout> | null} */
  #retryTimer = null;
  #sending = false;
  /** Events arrived while a round was sending: send another round. */
  #sendAgain = false;
  /** A collector's `Retry-After`, in ms, for the next retry. */
  #retryAfterMs = 0;
  /** @param {OutboxOptions} options */
  constructor(options) {
    this.#url = options.url;
    this.#schema = options.schema ?? SCHEMA;
    this.#persist = options.persist;
    this.#fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    this.#beacon = options.beacon ?? ((url, body) => navigator.sendBeacon(url, body));
    /** @type {Envelope[]} */
    this.queue = this.#persist ? this.#load() : [];
  }

  get #storageKey() {
    // Page events keep their own key: one batch holds one schema.
    return STORAGE_PREFIX + (this.#schema === SCHEMA ? '' : 'page:') + this.#url;
  }

  /** @returns {Envelope[]} */
  #load() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.#storageKey) ?? '[]');
      return Array.isArray(stored) ? stored.filter((e) => e && typeof e.event_id === 'string') : [];
    } catch {
      return [];
    }
  }

  #save() {
    if (!this.#persist) return;
    try {
      if (this.queue.length === 0) localStorage.removeItem(this.#storageKey);
      else localStorage.setItem(this.#storageKey, JSON.stringify(this.queue));
    } catch {
      // Storage full or blocked: the events stay in memory for this visit.
    }
  }

  /**
   * Consent changed: start or stop writing storage. Granted after all, the
   * events an earlier visit stored join the queue (else saving would
   * overwrite them). Erasing what was stored is the page's business
   * (`engagement.js`), for every key at once.
   * @param {boolean} persist
   */
  setPersist(persist) {
    const stored = persist && !this.#persist ? this.#load() : [];
    this.#persist = persist;
    this.add(stored);
    this.#save();
  }

  /** @param {Envelope[]} events */
  add(events) {
    if (events.length === 0) return;
    const known = new Set(this.queue.map((e) => e.event_id));
    for (const event of events) if (!known.has(event.event_id)) this.queue.push(event);
    if (this.queue.length > MAX_QUEUED_EVENTS) {
      const dropped = this.queue.splice(0, this.queue.length - MAX_QUEUED_EVENTS);
      console.warn(`yardstick: outbox full, ${dropped.length} oldest events dropped`);
    }
    this.#save();
  }

  /** Events not yet in a request, in batches within both limits. */
  #batches() {
    /** @type {Envelope[][]} */
    const batches = [];
    /** @type {Envelope[]} */
    let current = [];
    let bytes = 64;
    for (const event of this.queue) {
      if (this.#inFlight.has(event.event_id)) continue;
      const size = JSON.stringify(event).length + 1;
      if (current.length > 0 && (current.length >= BATCH_EVENTS || bytes + size > BATCH_BYTES)) {
        batches.push(current);
        current = [];
        bytes = 64;
      }
      current.push(event);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  /** @param {Envelope[]} events */
  #body(events) {
    return JSON.stringify({ schema: this.#schema, events });
  }

  /** @param {Envelope[]} events */
  #confirm(events) {
    const done = new Set(events.map((e) => e.event_id));
    this.queue = this.queue.filter((e) => !done.has(e.event_id));
    this.#save();
  }

  /**
   * Sends every queued event by `fetch`, batch by batch, until none is left
   * (events that arrive meanwhile go in the same round); on a retryable
   * failure schedules one retry with backoff. Every request is `keepalive`,
   * so one that is under way when the page goes away still completes.
   */
  async send() {
    if (this.#sending) {
      this.#sendAgain = true;
      return;
    }
    this.#sending = true;
    try {
      do {
        this.#sendAgain = false;
        for (const batch of this.#batches()) {
          if ((await this.#post(batch, true)) === 'retry') {
            this.#scheduleRetry();
            return;
          }
        }
      } while (this.#sendAgain);
      this.#attempt = 0;
    } finally {
      this.#sending = false;
    }
  }

  /**
   * @param {Envelope[]} batch
   * @param {boolean} keepalive
   * @returns {Promise<'sent' | 'retry'>}
   */
  async #post(batch, keepalive) {
    for (const event of batch) this.#inFlight.add(event.event_id);
    try {
      const response = await this.#fetchImpl(this.#url, {
        method: 'POST',
        // text/plain keeps this a "simple" request: no CORS preflight.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: this.#body(batch),
        keepalive,
        credentials: 'omit',
        mode: 'cors',
      });
      if (response.ok) {
        this.#confirm(batch);
        return 'sent';
      }
      if (response.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        for (const part of [batch.slice(0, half), batch.slice(half)]) {
          if ((await this.#post(part, keepalive)) === 'retry') return 'retry';
        }
        return 'sent';
      }
      if (response.status === 429 || response.status >= 500) {
        this.#retryAfterMs = retryAfterMs(response.headers.get('retry-after'));
        return 'retry';
      }
      // Any other answer (400, 403, a lone event over the size limit) will
      // not change on a retry: drop the batch so it cannot block the rest.
      console.warn(`yardstick: the collector refused ${batch.length} events (HTTP ${response.status})`, await safeText(response));
      this.#confirm(batch);
      return 'sent';
    } catch {
      return 'retry';
    } finally {
      for (const event of batch) this.#inFlight.delete(event.event_id);
    }
  }

  #scheduleRetry() {
    if (this.#retryTimer !== null) return;
    this.#attempt += 1;
    const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.#attempt, 16));
    // Full jitter spreads the retries of many visitors after an outage.
    const delay = Math.max(this.#retryAfterMs, Math.random() * cap);
    this.#retryAfterMs = 0;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.send();
    }, delay);
  }

  /**
   * The page is going away: hand every unconfirmed event to `sendBeacon`.
   * A refused batch is split until the browser takes it; an event it still
   * refuses stays in the outbox (stored, with consent) for the next visit.
   * Beaconed events stay stored too until the next visit's replay, because a
   * beacon's delivery is never confirmed; the collector counts them once.
   */
  beaconAll() {
    /** @type {Envelope[][]} */
    const pending = [];
    for (const batch of this.#batches()) pending.push(batch);
    for (const event of this.queue) if (this.#inFlight.has(event.event_id)) pending.push([event]);
    /** @type {Envelope[]} */
    const handed = [];
    while (pending.length > 0) {
      const batch = /** @type {Envelope[]} */ (pending.shift());
      let accepted = false;
      try {
        accepted = this.#beacon(this.#url, new Blob([this.#body(batch)], { type: 'text/plain;charset=UTF-8' }));
      } catch {
        accepted = false;
      }
      if (accepted) handed.push(...batch);
      else if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        pending.unshift(batch.slice(0, half), batch.slice(half));
      }
    }
    if (!this.#persist) this.#confirm(handed);
    return handed.length;
  }
}

/**
 * @param {string | null} header
 * @returns {number}
 */
function retryAfterMs(header) {
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(BACKOFF_CAP_MS, Math.max(0, seconds * 1000));
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.min(BACKOFF_CAP_MS, Math.max(0, date - Date.now())) : 0;
}

/** @param {Response} response */
async function safeText(response) {
  try {
    return (await response.text()).slice(0, 300);
  } catch {
    return '';
  }
}
