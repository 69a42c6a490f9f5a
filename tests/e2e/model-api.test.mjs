// @ts-check
// The JavaScript model API as README.md shows it, run in Node against the
// built pkg/: compile, evaluate, set, scenarios, sensitivity, goal seek,
// break-even, receipts, scorecards and the pipeline; and Monte Carlo against
// its own build pkg-risk/, which alone has it (pkg/ neither has nor declares
// it), bit for bit the native core's run. Values are checked against the
// LibreOffice reference figures in tests/data/models/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const engine = await import(pathToFileURL(path.join(root, 'pkg', 'yardstick.js')).href);
engine.initSync({ module: fs.readFileSync(path.join(root, 'pkg', 'yardstick_bg.wasm')) });
const risk = await import(pathToFileURL(path.join(root, 'pkg-risk', 'yardstick.js')).href);
risk.initSync({ module: fs.readFileSync(path.join(root, 'pkg-risk', 'yardstick_bg.wasm')) });

const spec = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'models', 'business-case-5y.json'), 'utf8'));
const reference = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'models', 'business-case-5y.reference.json'), 'utf8'));
const expected = reference.cases.find((c) => c.scenario === null).outputs;

/** @param {number} actual @param {number} wanted @param {number} tolerance */
function close(actual, wanted, tolerance) {
  assert.ok(Math.abs(actual - wanted) <= tolerance * Math.abs(wanted), `${actual} vs ${wanted}`);
}

test('a model compiles, evaluates and matches LibreOffice', () => {
  const model = engine.Model.compile(spec);
  const { outputs, series, inputs } = model.evaluate();
  close(outputs.npv, expected.npv, 1e-9);
  close(outputs.irr, expected.irr, 1e-7);
  close(outputs.payback_months, expected.payback_months, 1e-9);
  assert.equal(series.net_cash_flow.length, 6);
  assert.equal(typeof inputs.discount_rate, 'number');
  model.free();
});

test('set returns only what changed, and bad values throw clear errors', () => {
  const model = engine.Model.compile(spec);
  const changed = model.set('discount_rate', 0.12);
  assert.ok('npv' in changed && !('irr' in changed), JSON.stringify(Object.keys(changed)));
  // In the input's words, for the person who typed it: its label and the bound as a percent.
  assert.throws(() => model.set('discount_rate', 7), { message: 'Discount rate must be at most 50%' });
  assert.throws(() => model.set('no_such_input', 1), /no input has the id/);
  model.free();
});

test('an invalid model throws one Error listing every problem', () => {
  assert.throws(
    () => engine.Model.compile({ schema: 'yardstick/model@1' }),
    (/** @type {any} */ error) => error instanceof Error && Array.isArray(error.diagnostics) && error.diagnostics.length >= 4,
  );
});

test('thrown errors carry a stable code beside the message', () => {
  /** @param {() => unknown} call @param {string} code */
  const throwsCode = (call, code) =>
    assert.throws(call, (/** @type {any} */ error) => error instanceof Error && error.code === code && error.message.length > 0);
  throwsCode(() => engine.Model.compile({ schema: 'yardstick/model@1' }), 'invalid-model');
  const model = engine.Model.compile(spec);
  throwsCode(() => model.set('discount_rate', 7), 'invalid-input');
  throwsCode(() => model.set('no_such_input', 1), 'unknown-id');
  throwsCode(() => model.sensitivity({}), 'invalid-option');
  model.free();
  // Rows that are not whole rows: an Error with its code, and the formula
  // stays usable (a throw used to leave it borrowed, so even free() failed).
  const formula = new engine.Formula('rate * n', ['rate', 'n']);
  throwsCode(() => formula.evaluateRows([0.5, 2, 3]), 'invalid-argument');
  assert.deepEqual([...formula.evaluateRows([0.5, 2])], [1]);
  formula.free();
});

test('analyses: scenarios, tornado, goal seek, break-even, receipt', () => {
  const model = engine.Model.compile(spec);
  assert.deepEqual(model.scenarios().map((s) => s.id), ['default', 'conservative', 'expected', 'optimistic']);
  const tornado = model.sensitivity({ output: 'npv' });
  assert.ok(tornado.rows.length > 3 && tornado.rows[0].swing >= tornado.rows[1].swing);
  const seek = model.goalSeek({ input: 'subscription_per_year', output: 'payback_months', target: 24 });
  assert.equal(seek.found, true);
  if (seek.found) close(seek.outputValue, 24, 1e-8);
  const breakEven = model.breakEven('net_cash_flow');
  close(/** @type {number} */ (breakEven.months), expected.payback_months, 1e-9);
  const receipt = model.receipt();
  assert.match(receipt.hash, /^[0-9a-f]{64}$/);
  assert.equal(receipt.hash, engine.Model.compile(spec).receipt().hash, 'the same model and inputs give the same hash');
  model.free();
});

test('Monte Carlo is in pkg-risk/ alone: the full build neither has nor declares it', () => {
  assert.equal('MonteCarloRun' in engine, false, 'pkg/ exports MonteCarloRun');
  assert.equal('monteCarlo' in engine.Model.prototype, false, 'pkg/ has Model.prototype.monteCarlo');
  assert.equal(typeof risk.MonteCarloRun, 'function');
  assert.equal(typeof risk.Model.prototype.monteCarlo, 'function');
  const fullTypes = fs.readFileSync(path.join(root, 'pkg', 'yardstick.d.ts'), 'utf8');
  assert.doesNotMatch(fullTypes, /MonteCarlo|monteCarlo|OutputDistribution|HistogramBin/);
  const riskTypes = fs.readFileSync(path.join(root, 'pkg-risk', 'yardstick.d.ts'), 'utf8');
  assert.match(riskTypes, /export class MonteCarloRun \{/);
  assert.match(riskTypes, /monteCarlo\(options: MonteCarloOptions \| undefined\): MonteCarloRun;/);
  for (const type of ['MonteCarloOptions', 'MonteCarloProgress', 'MonteCarloResult', 'OutputDistribution', 'HistogramBin']) {
    assert.match(riskTypes, new RegExp(`export interface ${type} \\{`), type);
  }
  // Monte Carlo's build is not a second full build: no goal seek, scoring or formulas.
  assert.equal('goalSeek' in risk.Model.prototype, false);
  assert.equal('Scorecard' in risk, false);
  assert.equal('Formula' in risk, false);
});

test('pkg-risk/ gives the native core\'s Monte Carlo bit for bit', () => {
  // The golden bits the core's own test asserts natively (seed 9, 600 trials).
  const source = fs.readFileSync(path.join(root, 'crates', 'core', 'tests', 'model_examples.rs'), 'utf8');
  const constant = /GOLDEN_MONTE_CARLO_NPV_BITS: \[u64; 3\] = \[([^\]]*)\]/.exec(source);
  assert.ok(constant?.[1], 'GOLDEN_MONTE_CARLO_NPV_BITS not found');
  const golden = constant[1].split(',').map((text) => text.trim()).filter(Boolean).map((bits) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(bits));
    return view.getFloat64(0);
  });
  assert.equal(golden.length, 3);
  const model = risk.Model.compile(spec);
  const run = model.monteCarlo({ trials: 600, seed: 9 });
  run.step(600);
  const npv = run.result().outputs.npv;
  assert.deepEqual([npv.mean, npv.p10, npv.p90], golden);
  run.free();
  model.free();
});

test('Monte Carlo (pkg-risk/) steps to the end, and scorecards and the pipeline explain themselves', () => {
  const model = engine.Model.compile(spec);
  const riskModel = risk.Model.compile(spec);
  const run = riskModel.monteCarlo({ trials: 4000, seed: 42 });
  let steps = 0;
  while (!run.step(1000).done) steps += 1;
  assert.equal(steps, 3);
  const npv = run.result().outputs.npv;
  assert.ok(npv.p10 < npv.p50 && npv.p50 < npv.p90);
  const probability = /** @type {number} */ (run.probability('npv', 'above', 0));
  const score = engine.Scorecard.businessCase({ hurdleRate: 0.12 }).scoreModel(model, { strategic_fit: 4, probability_npv_positive: probability });
  const total = score.measures.reduce((sum, m) => sum + m.contribution, 0);
  close(total, score.score, 1e-12);
  assert.equal('evaluatePipeline' in engine, false, 'the pipeline is the server\'s (GET /api/pipeline), not the JS API\'s');
  run.free();
  riskModel.free();
  model.free();
});
