// Unit tests of www/widget/tracker-queue.js: the calls made before the
// page's tracker exists run once it does, in the order made; after it,
// calls run at once; an engine that never comes drops them, says so once,
// and the number held is bounded.

import assert from 'node:assert/strict';
import { mock, test } from 'node:test';

import { TrackerQueue } from '../../www/widget/tracker-queue.js';

/** A stand-in tracker: the queue only hands it to the calls. */
const TRACKER = /** @type {any} */ ({ name: 'tracker' });

test('calls made before the tracker run when it comes, in order, then later ones at once', async () => {
  const queue = new TrackerQueue();
  /** @type {string[]} */
  const ran = [];
  queue.run(() => ran.push('add'));
  queue.run(() => ran.push('intersection'));
  queue.run(() => ran.push('input'));
  assert.deepEqual(ran, []);
  assert.equal(queue.waiting, true);
  queue.start(TRACKER);
  assert.deepEqual(ran, ['add', 'intersection', 'input']);
  queue.run((tracker) => ran.push(`commit with ${/** @type {any} */ (tracker).name}`));
  assert.deepEqual(ran, ['add', 'intersection', 'input', 'commit with tracker']);
  assert.equal(queue.waiting, false);
  assert.equal(queue.tracker, TRACKER);
  await queue.settled;
});

test('a second tracker changes nothing', () => {
  const queue = new TrackerQueue();
  queue.start(TRACKER);
  queue.start(/** @type {any} */ ({ name: 'another' }));
  assert.equal(queue.tracker, TRACKER);
});

test('an engine that never comes: the held calls go, later ones too, and the console hears once', async () => {
  const warn = mock.method(console, 'warn', () => {});
  try {
    const queue = new TrackerQueue();
    let ran = 0;
    queue.run(() => (ran += 1));
    queue.stop(new Error('wasm refused'));
    queue.stop(new Error('again'));
    queue.run(() => (ran += 1));
    queue.start(TRACKER);
    assert.equal(ran, 0);
    assert.equal(queue.tracker, null);
    assert.equal(queue.waiting, false);
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0]?.arguments[0]), /engagement tracking is off/);
    await queue.settled;
  } finally {
    warn.mock.restore();
  }
});

test('past 10,000 held calls tracking goes off rather than holding more', () => {
  const warn = mock.method(console, 'warn', () => {});
  try {
    const queue = new TrackerQueue();
    let ran = 0;
    for (let call = 0; call < 10_001; call += 1) queue.run(() => (ran += 1));
    assert.equal(queue.waiting, false);
    queue.start(TRACKER);
    assert.equal(ran, 0);
    assert.equal(warn.mock.callCount(), 1);
  } finally {
    warn.mock.restore();
  }
});

test('a call the engine refuses is reported and the calls after it still run', () => {
  const warn = mock.method(console, 'warn', () => {});
  try {
    const queue = new TrackerQueue();
    /** @type {string[]} */
    const ran = [];
    queue.run(() => ran.push('add'));
    queue.run(() => {
      throw new Error('invalid-id');
    });
    queue.run(() => ran.push('input'));
    queue.start(TRACKER);
    queue.run(() => {
      throw new Error('time-went-backwards');
    });
    queue.run(() => ran.push('commit'));
    assert.deepEqual(ran, ['add', 'input', 'commit']);
    assert.equal(warn.mock.callCount(), 2);
  } finally {
    warn.mock.restore();
  }
});
