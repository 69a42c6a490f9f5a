// Unit tests of www/workbench/json-locator.js: a model diagnostic's path
// (keys, items by position or by id) to the range of its value in the JSON
// text being edited, formula spans mapped through escapes, and the reverse
// (the steps of the value around an offset) that Format keeps the caret by.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createLocator, lineColumn, literalRange, locate, parsePath, stepsAt } from '../../www/workbench/json-locator.js';

const MODEL = `{
  "id": "saas",
  "inputs": [
    { "id": "team_size", "label": "Team size", "max": 500 },
    { "id": "price", "label": "Price", "max": "lots", "options": [ { "value": 1 }, { "value": true } ] }
  ],
  "calculations": [ { "id": "flow", "formula": "IF(period = 0, -100, revenu)" } ],
  "scenarios": [ { "id": "low", "inputs": { "se.at": 5, "team_size": 7 } } ]
}`;

/** The text `path` leads to in `text`. */
function textAt(text, path) {
  const found = locate(text, parsePath(path));
  return found && text.slice(found.start, found.end);
}

test('parsePath reads keys, positions and ids', () => {
  assert.deepEqual(parsePath('inputs[team_size].max'), [{ key: 'inputs' }, { id: 'team_size' }, { key: 'max' }]);
  assert.deepEqual(parsePath('inputs[2].options[1].value'), [{ key: 'inputs' }, { index: 2 }, { key: 'options' }, { index: 1 }, { key: 'value' }]);
  assert.deepEqual(parsePath(''), []);
  assert.deepEqual(parsePath('grid[1][3]'), [{ key: 'grid' }, { index: 1 }, { index: 3 }]);
});

test('a path leads to its value, by id or by position', () => {
  assert.equal(textAt(MODEL, 'inputs[team_size].max'), '500');
  assert.equal(textAt(MODEL, 'inputs[1].max'), '"lots"');
  assert.equal(textAt(MODEL, 'inputs[price].options[1].value'), 'true');
  assert.equal(textAt(MODEL, 'calculations[flow].formula'), '"IF(period = 0, -100, revenu)"');
  assert.equal(textAt(MODEL, 'id'), '"saas"');
  assert.equal(textAt(MODEL, ''), MODEL);
  // A key that is data may hold a dot: the path's parts are joined back.
  assert.equal(textAt(MODEL, 'scenarios[low].inputs.se.at'), '5');
  assert.equal(textAt(MODEL, 'scenarios[low].inputs.team_size'), '7');
});

test('where the document lacks the rest of the path, the deepest value found', () => {
  const found = locate(MODEL, parsePath('inputs[team_size].default'));
  assert.equal(found?.steps, 2);
  assert.ok(MODEL.slice(found.start, found.end).startsWith('{ "id": "team_size"'));
  assert.equal(locate(MODEL, parsePath('inputs[nobody].max'))?.steps, 1);
  assert.equal(locate(MODEL, parsePath('inputs[9].max'))?.steps, 1);
  assert.equal(locate('{"a": ', []), null, 'not JSON');
});

test('a repeated key leads to the last one, as JSON.parse keeps', () => {
  assert.equal(textAt('{"a": 1, "a": 2}', 'a'), '2');
});

test('keys and ids with escapes and non-ASCII text are decoded', () => {
  const text = '{"inputs": [{"id": "caf\\u00e9"}, {"id": "\u00e9t\u00e9", "max": "\u{1F600}"}], "\\"q\\"": 1}';
  assert.equal(textAt(text, 'inputs[été].max'), '"\u{1F600}"');
  assert.equal(textAt(text, 'inputs[café].id'), '"caf\\u00e9"');
  assert.equal(textAt(text, '"q"'), '1');
});

test('a formula span maps into its string literal through escapes', () => {
  const formula = 'IF(a, "x\n", é + 😀b)';
  const text = JSON.stringify({ calculations: [{ id: 'c', formula }] });
  const literal = /** @type {{ start: number, end: number }} */ (locate(text, parsePath('calculations[c].formula')));
  const b = formula.indexOf('b');
  const range = literalRange(text, literal, { start: b, end: b + 1 });
  assert.equal(text.slice(range.start, range.end), 'b');
  const quoted = formula.indexOf('"');
  const quotedRange = literalRange(text, literal, { start: quoted, end: quoted + 4 });
  assert.equal(text.slice(quotedRange.start, quotedRange.end), '\\"x\\n\\"');
  // \u escapes are one decoded unit and six of text.
  const escaped = '{"f": "\\u0041 + bad"}';
  const at = /** @type {{ start: number, end: number }} */ (locate(escaped, parsePath('f')));
  const bad = literalRange(escaped, at, { start: 4, end: 7 });
  assert.equal(escaped.slice(bad.start, bad.end), 'bad');
  // A span at or past the end stops at the closing quote.
  const end = literalRange(escaped, at, { start: 7, end: 99 });
  assert.deepEqual(end, { start: at.end - 1, end: at.end - 1 });
});

test('stepsAt gives the position steps of the value around an offset', () => {
  const offset = MODEL.indexOf('"lots"') + 2;
  assert.deepEqual(stepsAt(MODEL, offset), [{ key: 'inputs' }, { index: 1 }, { key: 'max' }]);
  const formatted = JSON.stringify(JSON.parse(MODEL), null, 2);
  const back = locate(formatted, stepsAt(MODEL, offset));
  assert.equal(formatted.slice(back?.start, back?.end), '"lots"');
  assert.deepEqual(stepsAt(MODEL, 0), []);
});

test('deep nesting costs no stack and huge input stays linear', () => {
  const depth = 100_000;
  const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const found = locate(deep, [{ index: 0 }]);
  assert.equal(found?.start, 1);
  assert.equal(found?.end, deep.length - 1);
  // A 1.3 MB list of 50,000 items: one locator answers 200 paths (a check's
  // worth of diagnostics) for about the price of one pass, not 200.
  const items = Array.from({ length: 50_000 }, (_, i) => ({ id: `x${i}`, max: i }));
  const text = JSON.stringify({ inputs: items });
  let started = performance.now();
  assert.equal(textAt(text, 'inputs[x49999].max'), '49999');
  const once = performance.now() - started;
  started = performance.now();
  const find = createLocator(text);
  for (let k = 0; k < 200; k += 1) {
    const found = find(parsePath(`inputs[x${49_999 - k}].max`));
    assert.equal(text.slice(found?.start, found?.end), String(49_999 - k));
  }
  assert.equal(find(parsePath('inputs[49999].max'))?.start, text.lastIndexOf('49999'));
  const many = performance.now() - started;
  assert.ok(many < 4 * once + 50, `200 paths: ${many} ms; one: ${once} ms`);
});

test('lineColumn counts lines and UTF-16 columns from 1', () => {
  assert.deepEqual(lineColumn('ab\ncd', 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  assert.deepEqual(lineColumn('ab\n', 3), { line: 2, column: 1 });
});

test('stepsAt stops at a depth no model reaches, so deep text stays linear', () => {
  const depth = 100_000;
  const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const started = performance.now();
  assert.equal(stepsAt(deep, depth).length, 64);
  assert.ok(performance.now() - started < 2_000, `${performance.now() - started} ms`);
});

test('the editor selects what a diagnostic is about', async () => {
  const { diagnosticRange } = await import('../../www/workbench/model-editor.js');
  const slice = (d) => {
    const r = diagnosticRange(MODEL, d);
    return MODEL.slice(r.start, r.end);
  };
  assert.equal(slice({ code: 'invalid-value', message: '', path: 'inputs[price].max' }), '"lots"');
  // A formula span: the name inside the string literal.
  const formula = 'IF(period = 0, -100, revenu)';
  const at = formula.indexOf('revenu');
  assert.equal(slice({ code: 'unknown-name', message: '', path: 'calculations[flow].formula', start: at, end: at + 6 }), 'revenu');
  // A missing field: the item it is missing from.
  assert.match(slice({ code: 'missing-field', message: '', path: 'inputs[team_size].kind' }), /^\{ "id": "team_size".*\}$/);
  // A missing top-level field: the document's first character, not all of it.
  assert.equal(slice({ code: 'missing-field', message: '', path: 'title' }), '{');
});
