// Unit tests of www/workbench/case-document.js: the workbench's case state
// written as a saved case document (docs/cases.md) and read back. The
// example cases in tests/data/cases go through the page's state and come
// back unchanged (the fields the page keeps), so opening and saving a
// case never rewrites what someone else wrote.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { caseDocument, caseStateOf, idFromName } from '../../www/workbench/case-document.js';

/** @param {string} name */
const example = (name) => JSON.parse(fs.readFileSync(new URL(`../data/cases/${name}.json`, import.meta.url), 'utf8'));
const MODEL_DEFAULTS = { locale: 'en-US', currency: 'USD' };

test('an example case goes through the page state and back unchanged', () => {
  const saved = example('acme-business-case');
  const state = caseStateOf(saved, MODEL_DEFAULTS);
  assert.equal(state.customer, 'Acme Corp');
  assert.deepEqual(state.sources.implementation_cost, { who: 'Acme CFO', basis: 'customer', note: 'Quote of 12 May' });
  assert.deepEqual(state.saved, [{ id: 'cautious', name: 'Cautious', inputs: { adoption_year1: 0.3 } }]);
  assert.deepEqual(state.verdict, { hurdleRate: 0.12, paybackLimitMonths: 30, strategicFit: 4, probabilityNpvPositive: 0.87 });
  assert.deepEqual(state.monteCarlo, { seed: 42, trials: 10000, paybackWithinMonths: 24 });
  assert.equal(state.locale, 'en-GB');
  const again = caseDocument(state, saved.model.document, { title: saved.title, customer: saved.customer, step: saved.step, author: saved.author });
  assert.deepEqual(again, saved);
});

test('a basis in the case’s own words is kept; empty source fields are left out', () => {
  const saved = example('acme-business-case');
  saved.sources.adoption_year1.basis = 'Gartner 2025 survey';
  const state = caseStateOf(saved, MODEL_DEFAULTS);
  assert.deepEqual(state.sources.adoption_year1, { who: 'Ada (SE)', basis: 'other', note: '', basisText: 'Gartner 2025 survey' });
  const again = caseDocument(state, saved.model.document, { title: saved.title, customer: saved.customer, step: saved.step, author: saved.author });
  assert.deepEqual(again.sources, saved.sources);
  state.sources.adoption_year1 = { who: '', basis: '', note: '' };
  state.sources.other = { who: '', basis: 'other', note: '' };
  const trimmed = caseDocument(state, saved.model.document, { title: 't', customer: saved.customer, step: saved.step, author: 'a' });
  assert.deepEqual(Object.keys(trimmed.sources ?? {}), ['implementation_cost', 'other']);
  assert.deepEqual(trimmed.sources?.other, { basis: 'other' });
});

test('a case without settings takes the model’s locale and currency and the default Monte Carlo run', () => {
  const saved = example('globex-minimal');
  const state = caseStateOf(saved, { locale: 'de-DE', currency: 'EUR' });
  assert.equal(state.locale, saved.settings?.locale ?? 'de-DE');
  assert.equal(state.currency, saved.settings?.currency ?? 'EUR');
  assert.equal(typeof state.monteCarlo.seed, 'number');
  assert.deepEqual(state.saved, (saved.scenarios ?? []).map((/** @type {any} */ s) => ({ id: s.id, name: s.label, inputs: s.inputs })));
});

test('scenario ids come from their names, unique ignoring case, within the id alphabet', () => {
  const saved = example('acme-business-case');
  const state = caseStateOf(saved, MODEL_DEFAULTS);
  state.saved = [
    { name: 'Best case!', inputs: {} },
    { name: 'best CASE', inputs: {} },
    { name: 'Ärger über Kosten', inputs: {} },
    { name: '???', inputs: {} },
  ];
  const written = caseDocument(state, saved.model.document, { title: 't', customer: saved.customer, step: saved.step, author: 'a' });
  assert.deepEqual(written.scenarios?.map((s) => s.id), ['best-case', 'best-case-2', 'arger-uber-kosten', 'scenario']);
  assert.equal(idFromName('Acme Corp', ''), 'acme-corp');
  assert.equal(idFromName('  ', ''), '');
  assert.equal(idFromName('x'.repeat(80)).length, 64);
});

test('a dropped case keeps its reason through the page state; an open one has no field', () => {
  const saved = example('initech-dropped');
  const state = caseStateOf(saved, MODEL_DEFAULTS);
  const meta = { title: saved.title, customer: saved.customer, step: saved.step, author: saved.author };
  const written = caseDocument(state, saved.model.document, { ...meta, dropped: saved.dropped });
  assert.deepEqual(written.dropped, { reason: 'The customer chose to build it in house' });
  assert.equal(written.step, 'projects_review');
  const reopened = caseDocument(state, saved.model.document, { ...meta, dropped: null });
  assert.equal('dropped' in reopened, false);
});
