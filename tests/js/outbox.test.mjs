// Unit tests of www/widget/outbox.js: batching, confirmation, retries,
// splitting on 413, beacons and storage, against a fake collector (an
// injected fetch and beacon) and an in-memory localStorage.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';

import { Outbox } from '../../www/widget/outbox.js';

const URL_COLLECT = 'https://collector.example/collect';

/** An in-memory Storage, enough for the outbox. */
class MemoryStorage {
  #items = new Map();
  getItem(/** @type {string} */ key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }
  setItem(/** @type {string} */ key, /** @type {string} */ value) {
    this.#items.set(key, String(value));
  }
  removeItem(/** @type {string} */ key) {
    this.#items.delete(key);
  }
}

/** @param {number} count @param {string} [prefix] */
function events(count, prefix = 'e') {
  return Array.from({ length: count }, (_, i) => /** @type {any} */ ({ event_id: `${prefix}${i}`, type: 'view', payload: 'x'.repeat(10) }));
}

/**
 * A collector that answers each request with the next status (the last
 * one repeats) and records the event ids of each request.
 * @param {number[]} statuses
 * @param {Record<string, string>} [headers]
 */
function collector(statuses, headers = {}) {
  /** @type {string[][]} */
  const requests = [];
  /** @type {RequestInit[]} */
  const inits = [];
  const fetchImpl = async (/** @type {string} */ url, /** @type {RequestInit} */ init) => {
    assert.equal(url, URL_COLLECT);
    const body = JSON.parse(String(init.body));
    assert.equal(body.schema, 'yardstick/events@1');
    requests.push(body.events.map((/** @type {any} */ e) => e.event_id));
    inits.push(init);
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
    return new Response(status === 204 ? null : 'answer', { status, headers });
  };
  return { requests, inits, fetchImpl: /** @type {typeof fetch} */ (/** @type {unknown} */ (fetchImpl)) };
}

beforeEach(() => {
  globalThis.localStorage = /** @type {Storage} */ (/** @type {unknown} */ (new MemoryStorage()));
  mock.method(console, 'warn', () => {});
});

afterEach(() => {
  mock.restoreAll();
  mock.timers.reset();
  delete globalThis.localStorage;
});

test('events are sent in batches of at most 50 and leave once confirmed', async () => {
  const fake = collector([204]);
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  outbox.add(events(120));
  await outbox.send();
  assert.deepEqual(fake.requests.map((r) => r.length), [50, 50, 20]);
  assert.deepEqual(fake.requests.flat(), events(120).map((e) => e.event_id));
  assert.equal(outbox.queue.length, 0);
  for (const init of fake.inits) {
    assert.equal(init.keepalive, true);
    assert.equal(init.credentials, 'omit');
    assert.equal(/** @type {Record<string, string>} */ (init.headers)['content-type'], 'text/plain;charset=UTF-8');
  }
});

test('a batch stays under the byte limit that keepalive and beacons share', async () => {
  const fake = collector([200]);
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  const big = events(10).map((e) => ({ ...e, payload: 'y'.repeat(20_000) }));
  outbox.add(big);
  await outbox.send();
  assert.ok(fake.requests.length >= 5, `${fake.requests.length} requests`);
  for (const init of fake.inits) assert.ok(String(init.body).length < 64 * 1024);
  assert.equal(outbox.queue.length, 0);
});

test('an event added twice is queued once', () => {
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: collector([200]).fetchImpl });
  outbox.add(events(3));
  outbox.add(events(5));
  assert.deepEqual(outbox.queue.map((e) => e.event_id), ['e0', 'e1', 'e2', 'e3', 'e4']);
});

test('past 2000 queued events the oldest go', () => {
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: collector([200]).fetchImpl });
  outbox.add(events(2005));
  assert.equal(outbox.queue.length, 2000);
  assert.equal(outbox.queue[0]?.event_id, 'e5');
});

test('a 413 splits the batch until the collector takes the halves', async () => {
  const fake = collector([413, 200]);
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  outbox.add(events(8));
  await outbox.send();
  assert.deepEqual(fake.requests.map((r) => r.length), [8, 4, 4]);
  assert.equal(outbox.queue.length, 0);
});

test('a 400 drops the batch so it cannot block the rest', async () => {
  const fake = collector([400, 200]);
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  outbox.add(events(60));
  await outbox.send();
  assert.deepEqual(fake.requests.map((r) => r.length), [50, 10]);
  assert.equal(outbox.queue.length, 0);
});

test('a 503 keeps the events and retries after a backoff', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  mock.method(Math, 'random', () => 0.5);
  const fake = collector([503, 200]);
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  outbox.add(events(3));
  await outbox.send();
  assert.equal(fake.requests.length, 1);
  assert.equal(outbox.queue.length, 3);
  // First retry: full jitter over 2 s, Math.random() = 0.5 gives 1 s.
  mock.timers.tick(999);
  await settle();
  assert.equal(fake.requests.length, 1);
  mock.timers.tick(1);
  await settle();
  assert.equal(fake.requests.length, 2);
  assert.equal(outbox.queue.length, 0);
});

test('Retry-After holds the retry back', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  mock.method(Math, 'random', () => 0);
  const fake = collector([429, 200], { 'retry-after': '5' });
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: fake.fetchImpl });
  outbox.add(events(1));
  await outbox.send();
  mock.timers.tick(4999);
  await settle();
  assert.equal(fake.requests.length, 1);
  mock.timers.tick(1);
  await settle();
  assert.equal(fake.requests.length, 2);
});

test('a network error keeps the events for the retry', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const fetchImpl = /** @type {typeof fetch} */ (async () => {
    throw new TypeError('network down');
  });
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl });
  outbox.add(events(2));
  await outbox.send();
  assert.equal(outbox.queue.length, 2);
});

test('beacons split refused batches and hand over what the browser takes', () => {
  /** @type {number[]} */
  const sizes = [];
  const beacon = (/** @type {string} */ url, /** @type {Blob} */ body) => {
    assert.equal(url, URL_COLLECT);
    assert.equal(body.type, 'text/plain;charset=utf-8');
    sizes.push(body.size);
    // The browser refuses anything over 2,000 bytes.
    return body.size <= 2000;
  };
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: collector([200]).fetchImpl, beacon });
  outbox.add(events(40));
  const handed = outbox.beaconAll();
  assert.equal(handed, 40);
  assert.ok(sizes.some((size) => size > 2000), 'the first batch was refused');
  // Without storage a beaconed event is done: nothing would replay it.
  assert.equal(outbox.queue.length, 0);
});

test('with storage, beaconed and unsent events stay stored and replay on the next visit', async () => {
  const outbox = new Outbox({ url: URL_COLLECT, persist: true, fetchImpl: collector([200]).fetchImpl, beacon: () => true });
  outbox.add(events(3));
  assert.equal(outbox.beaconAll(), 3);
  const fake = collector([200]);
  const nextVisit = new Outbox({ url: URL_COLLECT, persist: true, fetchImpl: fake.fetchImpl });
  assert.deepEqual(nextVisit.queue.map((e) => e.event_id), ['e0', 'e1', 'e2']);
  await nextVisit.send();
  assert.deepEqual(fake.requests, [['e0', 'e1', 'e2']]);
  assert.equal(localStorage.getItem(`yardstick:outbox:${URL_COLLECT}`), null);
});

test('without consent nothing is written to storage; granting it later merges what was stored', () => {
  localStorage.setItem(`yardstick:outbox:${URL_COLLECT}`, JSON.stringify(events(2, 'old')));
  const outbox = new Outbox({ url: URL_COLLECT, persist: false, fetchImpl: collector([200]).fetchImpl });
  assert.equal(outbox.queue.length, 0);
  outbox.add(events(1, 'new'));
  assert.deepEqual(JSON.parse(localStorage.getItem(`yardstick:outbox:${URL_COLLECT}`) ?? '[]').map((/** @type {any} */ e) => e.event_id), ['old0', 'old1']);
  outbox.setPersist(true);
  assert.deepEqual(outbox.queue.map((e) => e.event_id), ['new0', 'old0', 'old1']);
  assert.equal(JSON.parse(localStorage.getItem(`yardstick:outbox:${URL_COLLECT}`) ?? '[]').length, 3);
});

test('corrupt storage is ignored', () => {
  localStorage.setItem(`yardstick:outbox:${URL_COLLECT}`, '{not json');
  assert.equal(new Outbox({ url: URL_COLLECT, persist: true, fetchImpl: collector([200]).fetchImpl }).queue.length, 0);
  localStorage.setItem(`yardstick:outbox:${URL_COLLECT}`, JSON.stringify([{ nope: 1 }, { event_id: 'ok' }]));
  assert.deepEqual(new Outbox({ url: URL_COLLECT, persist: true, fetchImpl: collector([200]).fetchImpl }).queue, [{ event_id: 'ok' }]);
});

/** Lets the promise chains a timer started run to the end. */
async function settle() {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
