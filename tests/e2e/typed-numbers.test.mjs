// What the widget's number boxes show reads back through the engine as the
// same number, in every locale the widget formats for: www/widget/format.js
// (Intl) writes the text, the widget build's `readTypedNumber` (core
// `typed_number`) reads it. Needs pkg-widget/ built; no browser.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { NumberFormats } from '../../www/widget/format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const engine = await import(pathToFileURL(path.join(root, 'pkg-widget', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(root, 'pkg-widget', 'yardstick_bg.wasm')) });

test('what fieldText shows reads back as the same number', () => {
  const values = [0, 0.125, 1, 12.75, 1234.5, 1234567.25, -0.5, -98765.4321, 0.001];
  for (const locale of ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'ja-JP']) {
    const formats = new NumberFormats(locale, 'EUR', engine.readTypedNumber);
    for (const value of values) {
      for (const kind of /** @type {const} */ (['number', 'currency', 'percent'])) {
        const text = formats.fieldText(value, kind);
        const back = formats.parseField(text, kind);
        assert.ok(Math.abs(back - value) <= 1e-12 * Math.max(1, Math.abs(value)), `${locale} ${kind} ${value} -> ${text} -> ${back}`);
      }
    }
  }
});

test('grouped output text pasted back reads as the same number', () => {
  for (const locale of ['de-DE', 'en-US']) {
    const formats = new NumberFormats(locale, 'EUR', engine.readTypedNumber);
    for (const value of [1234.5, 1234567, 0.125, 1000.125]) {
      const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
      assert.equal(formats.parseField(text, 'number'), value, `${locale} ${text}`);
    }
  }
});

test('a refused entry throws the engine message with code invalid-input', () => {
  const formats = new NumberFormats('en-US', 'USD', engine.readTypedNumber);
  assert.equal(formats.parseField('12.5%', 'percent'), 0.125);
  assert.throws(() => formats.parseField('2,5', 'number'), { code: 'invalid-input', message: '“2,5” is not a number.' });
  assert.throws(() => formats.parseField('12345678901234567890', 'number'), { code: 'invalid-input', message: 'Enter at most 15 significant digits.' });
  assert.throws(() => formats.parseField('  ', 'number'), { code: 'invalid-input', message: 'Enter a value.' });
});
