// Unit tests of the playground's number display (www/render.js): what a
// person reads for each kind of value. Display only; the values come from
// the engine.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compactValue, fullPrecision, readableNumber } from '../../www/render.js';

test('readableNumber groups thousands and rounds for reading', () => {
  assert.equal(readableNumber(1234567), '1,234,567');
  assert.equal(readableNumber(-1368.9871853199804), '-1,368.99');
  assert.equal(readableNumber(0.123456), '0.1235');
  assert.equal(readableNumber(0), '0');
  assert.equal(readableNumber(0.00001234), '1.2340e-5');
  assert.equal(readableNumber(1e15), '1.0000e+15');
  assert.equal(readableNumber(Infinity), '∞');
  assert.equal(readableNumber(-Infinity), '−∞');
  assert.equal(readableNumber(NaN), 'NaN');
});

test('fullPrecision keeps every digit and the sign of zero', () => {
  assert.equal(fullPrecision(-1368.9871853199804), '-1368.9871853199804');
  assert.equal(fullPrecision(0.1 + 0.2), '0.30000000000000004');
  assert.equal(fullPrecision(-0), '-0');
});

test('compactValue says each kind of value in a few characters', () => {
  assert.equal(compactValue(2500.5), '2,500.50');
  assert.equal(compactValue('a "b"'), '"a \\"b\\""');
  assert.equal(compactValue(true), 'TRUE');
  assert.equal(compactValue([[1, 2, 3], [4, 5, 6]]), 'array 2×3');
  assert.equal(compactValue(/** @type {any} */ ({ error: '#DIV/0!', message: 'division by zero' })), '#DIV/0!');
});
