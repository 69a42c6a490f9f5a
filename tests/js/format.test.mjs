// Unit tests of www/widget/format.js: reading typed numbers in the widget's
// locale and showing numbers back. Node's Intl has the full ICU data, so the
// locales behave as in a browser.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { NumberFormats } from '../../www/widget/format.js';

const de = new NumberFormats('de-DE', 'EUR');
const en = new NumberFormats('en-US', 'USD');

describe('parseField in de-DE (decimal comma, grouping dot)', () => {
  const cases = [
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1.234', 1234],
    ['12,75', 12.75],
    ['-3,5', -3.5],
    ['\u22123,5', -3.5],
    ['2.5', 2.5], // a dot where no group of three follows is a decimal point
    // A leading-zero group is never grouping: 0.125 is a decimal.
    ['0.125', 0.125],
    ['0,125', 0.125],
    ['-0.125', -0.125],
    ['1.234 €', 1234],
    ['  42  ', 42],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} reads as ${expected}`, () => {
      assert.equal(de.parseField(text, 'number'), expected);
    });
  }
  for (const text of ['', 'abc', '1,2,3', '1.23.4', '1.234.5,6,7', '0.125,5', '--1']) {
    test(`${JSON.stringify(text)} is not a number`, () => {
      assert.equal(de.parseField(text, 'number'), null);
    });
  }
});

describe('parseField in en-US (decimal point, grouping comma)', () => {
  const cases = [
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1,234', 1234],
    ['0.125', 0.125],
    ['.5', 0.5],
    ['$1,000', 1000],
    ['-2.5', -2.5],
    ['+7', 7],
    ['1e3', 1000],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} reads as ${expected}`, () => {
      assert.equal(en.parseField(text, 'number'), expected);
    });
  }
  // `0,125` is no grouping of 125 (a group never starts the number with a
  // zero), and en-US reads no comma as a decimal mark: it is refused rather
  // than taken as 125.
  for (const text of ['0,125', '00,125', '1,23', '1.2.3', '1,234.5.6', 'Infinity', 'NaN', '1e999']) {
    test(`${JSON.stringify(text)} is not a number`, () => {
      assert.equal(en.parseField(text, 'number'), null);
    });
  }
});

// A double keeps 15 significant digits: more would be read as another
// number than the one typed, so it is refused (NaN) instead. Zeros that only
// place the point are not significant.
test('more than 15 significant digits are refused, not rounded', () => {
  assert.ok(Number.isNaN(en.parseField('12345678901234567890', 'number')));
  assert.ok(Number.isNaN(en.parseField('1234567890.123456', 'number')));
  assert.ok(Number.isNaN(de.parseField('1.234.567.890.123.456', 'number')));
  assert.equal(en.parseField('123456789012345', 'number'), 123456789012345);
  assert.equal(en.parseField('100000000000000000000', 'number'), 1e20);
  assert.equal(en.parseField('0.000000000000000012', 'number'), 1.2e-17);
});

test('percent inputs are typed in percentage points', () => {
  assert.equal(en.parseField('12.5%', 'percent'), 0.125);
  assert.equal(de.parseField('12,5 %', 'percent'), 0.125);
  assert.equal(en.fieldText(0.125, 'percent'), '12.5');
  assert.equal(de.fieldText(0.125, 'percent'), '12,5');
});

test('what fieldText shows reads back as the same number', () => {
  const values = [0, 0.125, 1, 12.75, 1234.5, 1234567.25, -0.5, -98765.4321, 0.001];
  for (const locale of ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'ja-JP']) {
    const formats = new NumberFormats(locale, 'EUR');
    for (const value of values) {
      for (const kind of /** @type {const} */ (['number', 'currency', 'percent'])) {
        const text = formats.fieldText(value, kind);
        const back = formats.parseField(text, kind);
        assert.ok(back !== null && Math.abs(back - value) <= 1e-12 * Math.max(1, Math.abs(value)), `${locale} ${kind} ${value} -> ${text} -> ${back}`);
      }
    }
  }
});

test('grouped output text reads back as the same number', () => {
  // A visitor may paste a figure the widget showed, grouping marks and all.
  for (const [formats, locale] of [[de, 'de-DE'], [en, 'en-US']]) {
    for (const value of [1234.5, 1234567, 0.125, 1000.125]) {
      const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
      assert.equal(formats.parseField(text, 'number'), value, `${locale} ${text}`);
    }
  }
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
  const formats = new NumberFormats('not a locale', 'NOT-A-CURRENCY');
  assert.equal(formats.currency, 'USD');
  assert.equal(formats.parseField('1,234.5', 'number'), 1234.5);
});
