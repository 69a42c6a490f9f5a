// Unit tests of the playground's editing help (www/complete.js): the
// function name the caret is typing. The call the caret sits in is the
// engine's (`callAt`), tested in crates/core/src/formula/call_at_test.rs.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { namePrefixAt } from '../../www/complete.js';

/** The text with `|` marking the caret, as (text, caret). */
function at(/** @type {string} */ marked) {
  const caret = marked.indexOf('|');
  assert.ok(caret >= 0, 'the case marks the caret with |');
  return /** @type {const} */ ([marked.slice(0, caret) + marked.slice(caret + 1), caret]);
}

test('namePrefixAt finds the name that ends at the caret', () => {
  assert.deepEqual(namePrefixAt(...at('=SU|')), { start: 1, end: 3, prefix: 'SU' });
  assert.deepEqual(namePrefixAt(...at('1+npv|(')), { start: 2, end: 5, prefix: 'npv' });
  // The rest of the name after the caret is part of the range it replaces.
  assert.deepEqual(namePrefixAt(...at('=SU|M(1)')), { start: 1, end: 4, prefix: 'SU' });
  assert.deepEqual(namePrefixAt(...at('=F.DI|')), { start: 1, end: 5, prefix: 'F.DI' });
});

test('namePrefixAt is silent inside strings, numbers and after nothing', () => {
  assert.equal(namePrefixAt(...at('="SU|')), null);
  assert.equal(namePrefixAt(...at('="a""SU|')), null);
  assert.equal(namePrefixAt(...at('=1E|')), null);
  assert.equal(namePrefixAt(...at('=1.5E|')), null);
  assert.equal(namePrefixAt(...at('=SUM(|')), null);
  assert.equal(namePrefixAt(...at('|')), null);
  // After a closed string the caret is outside it again.
  assert.deepEqual(namePrefixAt(...at('="a"&LE|')), { start: 5, end: 7, prefix: 'LE' });
});
