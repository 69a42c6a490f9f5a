// Unit tests of www/widget/format.js: showing numbers in the widget's
// locale. Node's Intl has the full ICU data, so the locales behave as in a
// browser. Reading typed numbers is the engine's (core `typed_number`,
// tested natively); tests/e2e/typed-numbers.test.mjs reads what these
// formats show back through the engine.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { NumberFormats } from '../../www/widget/format.js';

/** No reading in these tests: what the box shows is read back in the engine-backed test. */
const unread = () => {
  throw new Error('not read here');
};
const de = new NumberFormats('de-DE', 'EUR', unread);
const en = new NumberFormats('en-US', 'USD', unread);

test('percent inputs show in percentage points', () => {
  assert.equal(en.fieldText(0.125, 'percent'), '12.5');
  assert.equal(de.fieldText(0.125, 'percent'), '12,5');
});

test('output formats follow the model format and the locale', () => {
  const nbsp = /[\u00a0\u202f]/g;
  assert.equal(en.output(1234.5, { style: 'currency', decimals: 2 }), '$1,234.50');
  assert.equal(de.output(1234.5, { style: 'currency', decimals: 0 }).replace(nbsp, ' '), '1.235 €');
  assert.equal(en.output(0.125, { style: 'percent', decimals: 1 }), '12.5%');
  assert.equal(en.output(1234.5, { style: 'number', decimals: 0 }), '1,235');
  assert.equal(en.output(3, { style: 'months', decimals: 0 }), '3 months');
  assert.equal(en.compact(1_200_000, 'number'), '1.2M');
  assert.equal(en.compact(40_000, 'currency'), '$40K');
});

test('spoken values carry their unit', () => {
  const input = (/** @type {string} */ kind, /** @type {string | undefined} */ unit) =>
    /** @type {import('../../www/widget/engine.js').InputLayout} */ (/** @type {unknown} */ ({ id: 'x', label: 'X', kind, unit }));
  assert.equal(en.spoken(1500, input('currency')), '$1,500.00');
  assert.equal(en.spoken(0.25, input('percent')), '25%');
  assert.equal(en.spoken(12, input('integer', 'seats')), '12 seats');
});

test('an unsupported locale or currency falls back to en-US and USD', () => {
  const formats = new NumberFormats('not a locale', 'NOT-A-CURRENCY', unread);
  assert.equal(formats.currency, 'USD');
  assert.equal(formats.output(1234.5, { style: 'currency', decimals: 2 }), '$1,234.50');
});

test('a result too wide for its box is shown compact, and scientific past the trillions', () => {
  const currency = { style: /** @type {const} */ ('currency'), decimals: 0 };
  assert.equal(en.output(1234.5, currency), '$1,235');
  assert.equal(en.output(12_345_678_901_234, currency), '$12.3T');
  assert.equal(en.output(1e300, currency), '$1E300');
  assert.equal(en.output(-5e20, { style: 'number', decimals: 2 }), '-5E20');
  for (const value of [1e300, -1e300, 123456789012345, 1e20]) {
    for (const style of /** @type {const} */ (['currency', 'percent', 'number', 'months'])) {
      const text = en.output(value, { style, decimals: 2 });
      assert.ok(text.length <= 16, `${style} ${value}: ${text}`);
    }
  }
});
