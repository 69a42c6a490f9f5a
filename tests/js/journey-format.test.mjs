// The journey page's formatting (www/journey/format.js): durations from
// milliseconds, signed points, money with and without a known currency,
// UTC days, and dashes for what is not known.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amount, day, duration, isoDay, money, percent, points, score, words } from '../../www/journey/format.js';

test('durations read as hours, minutes and seconds', () => {
  assert.equal(duration(0), '0 s');
  assert.equal(duration(45_400), '45 s');
  assert.equal(duration(200_000), '3 min 20 s');
  assert.equal(duration(3_900_000), '1 h 5 min');
  assert.equal(duration(559_000), '9 min 19 s');
});

test('points carry their sign and unknown figures a dash', () => {
  assert.equal(points(5.75), '+5.8');
  assert.equal(points(-5.75), '-5.8');
  assert.equal(points(0), '0');
  assert.equal(points(null), '—');
  assert.equal(score(null), '—');
  // Measured values keep up to three decimals; scores one.
  assert.equal(amount(1.18), new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(1.18));
  assert.notEqual(amount(1.18), score(1.18));
  assert.equal(amount(null), '—');
  assert.equal(percent(null), '—');
  assert.equal(money(null, 'EUR'), '—');
});

test('money uses the currency when Intl knows it', () => {
  assert.equal(money(1234.4, null), new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(1234));
  assert.ok(money(1234, 'EUR').includes('1'));
  assert.notEqual(money(1234, 'EUR'), money(1234, null));
  assert.ok(money(5, 'ZZ1').endsWith(' ZZ1'), 'an invalid code stays beside the number');
});

test('days are UTC, in words, and words are readable', () => {
  const inWords = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
  assert.equal(day(0), inWords.format(0));
  // 2025-03-10T15:00Z is the 10th in UTC whatever the machine's zone.
  assert.equal(day(1_741_618_800_000), inWords.format(Date.UTC(2025, 2, 10)));
  assert.equal(isoDay('2025-03-10'), inWords.format(Date.UTC(2025, 2, 10)));
  assert.doesNotMatch(isoDay('2025-03-10'), /2025-03-10/);
  assert.equal(isoDay(null), '—');
  assert.equal(isoDay('not a date'), 'not a date');
  assert.equal(words('on_track'), 'on track');
  assert.equal(words('pre_renewal'), 'pre-renewal');
  assert.equal(words('something_new'), 'something_new');
  assert.equal(words(null), '—');
});
