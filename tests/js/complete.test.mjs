// Unit tests of the playground's autocomplete choice (www/complete.js):
// which functions to offer for the name being typed. Which name the caret
// is typing is the engine's (`nameAt`, read with the formula lexer), tested
// in crates/core/src/formula/name_at_test.rs and the wasm API tests.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { suggestionsFor } from '../../www/complete.js';

/** A catalog entry with only what the choice reads. @param {string} name */
const fn = (name) => /** @type {import('../../www/engine.js').FunctionInfo} */ ({ name });
const catalog = ['IF', 'IFS', 'IRR', 'NPV', 'PMT', 'PV', 'SUM', 'SUMPRODUCT'].map(fn);
const names = (/** @type {{ name: string }[]} */ list) => list.map((info) => info.name);

test('offers the functions whose names start with the prefix, in any case', () => {
  assert.deepEqual(names(suggestionsFor(catalog, 'su', '')), ['SUM', 'SUMPRODUCT']);
  assert.deepEqual(names(suggestionsFor(catalog, 'P', '')), ['PMT', 'PV']);
  assert.deepEqual(names(suggestionsFor(catalog, 'x', '')), []);
});

test('is silent once the only match is typed in full with its parenthesis', () => {
  assert.deepEqual(names(suggestionsFor(catalog, 'npv', '(')), []);
  // Without the parenthesis, or with other matches, the list stays.
  assert.deepEqual(names(suggestionsFor(catalog, 'npv', '')), ['NPV']);
  assert.deepEqual(names(suggestionsFor(catalog, 'IF', '(')), ['IF', 'IFS']);
});

test('offers at most eight', () => {
  const many = Array.from({ length: 12 }, (_, i) => fn(`F${String(i).padStart(2, '0')}`));
  assert.equal(suggestionsFor(many, 'f', '').length, 8);
});
