// @ts-check
// Side-by-side model benchmark: the five-year business case
// (examples/models/business-case-5y.json) built three ways in one Node
// process: Yardstick (Model.compile of the JSON; the full build, pkg/, and
// the widget build, pkg-widget/, when it is built), HyperFormula and IronCalc
// (the same model as cells and formulas, translated from the JSON below).
//
//   node bench/models.mjs          (npm run bench:models)
//
// Before anything is timed, and after every measured input change, it checks
// that the sheets compute Yardstick's numbers: npv, roi and payback_months
// to 1e-9 relative, irr to 1e-7 (and the widget build, pkg-widget/, the
// full build's). It prints agreement, then:
//   cold start      engine instance + model/sheet built + NPV and IRR read;
//   one change      one input set, updated NPV and IRR read: the same
//                   warm-up for every engine, then 5 rounds in turn
//                   (median of the rounds' medians, and their range);
//   Monte Carlo     trials per second over 5 runs (median and range);
// and the ratio Yardstick / peer (full build and widget build) with the
// targets beside it. It asserts nothing about time; it only prints.
//
// How each engine is driven, so the numbers are read fairly:
//   Yardstick     Model.compile(document) (compiles and evaluates the
//                 defaults), model.current() for the first result;
//                 model.set(id, value) per change (incremental recompute; it
//                 returns the changed outputs, merged into a plain object);
//                 model.monteCarlo({ trials, seed }).step(trials) + result()
//                 in Monte Carlo's build, pkg-risk/ (the full build has none).
//   HyperFormula  buildFromArray(grid) with smartRounding off (full doubles);
//                 setCellContents(input, value) per change, which recalculates
//                 what depends on the cell, then getCellValue(npv / irr);
//                 a Monte Carlo trial sets the uncertain inputs in one batch()
//                 (one recalculation) and reads NPV.
//   IronCalc      new Model(...), every cell entered with setUserInput while
//                 evaluation is paused, the output cells given a scientific
//                 number format, then evaluate(); per change setUserInput
//                 (which re-evaluates the workbook) then the values. Its wasm
//                 API exposes values only as formatted text, so outputs are
//                 read with getFormattedCellValue in 0.00000000000000E+00
//                 (15 significant digits) and Number(). A Monte Carlo trial
//                 pauses evaluation, sets the uncertain inputs, resumes and
//                 calls evaluate() once.
// Peers' Monte Carlo inputs come from a seeded PRNG in this file (see
// `sampler`); Yardstick draws its own (PCG32). The two streams differ, so the
// means agree only within sampling error; a few peer trials are re-checked
// against Yardstick's evaluate() with the same inputs.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODEL_FILE = path.join(repoRoot, 'examples', 'models', 'business-case-5y.json');

/** Outputs whose agreement is checked, with their relative tolerance. */
const CHECKED_OUTPUTS = /** @type {const} */ ({ npv: 1e-9, irr: 1e-7, payback_months: 1e-9, roi: 1e-9 });
/** Cold starts per engine after the first one (the median is reported). */
const COLD_REPEATS = 15;
/**
 * Input changes per engine: an untimed warm-up, the same count for every
 * engine and enough for V8's top JIT tier (HyperFormula) and Liftoff's
 * tier-up to TurboFan (the wasm engines) to have finished, then ROUNDS
 * timed rounds, the engines taking turns round by round so a busy moment
 * of the machine falls on all of them alike.
 */
const CHANGE_WARMUP = 3000;
const ROUNDS = 5;
const CHANGES_PER_ROUND = 1000;
const CHANGES = ROUNDS * CHANGES_PER_ROUND;
/** The inputs changed, in turn, and the range their values sweep. */
const CHANGED_INPUTS = [
  { id: 'productivity_benefit_per_year', low: 160000, high: 300000 },
  { id: 'discount_rate', low: 0.04, high: 0.15 },
  { id: 'adoption_year1', low: 0.25, high: 0.55 },
];
/**
 * Monte Carlo: ROUNDS timed runs per engine after the same warm-up; per run
 * Yardstick's trials, and the peers' cap and time box (a peer is about a
 * thousand times slower per trial).
 */
const MC_WARMUP_TRIALS = 300;
const MC_TRIALS = 40000;
const MC_PEER_TRIALS = 1000;
const MC_PEER_TIME_BOX_MS = 1500;
const MC_SEED = 42;
/** Peer trials re-checked against Yardstick's evaluate() with the same inputs. */
const MC_CHECKED_TRIALS = 20;

/** The issue's targets: printed beside the ratios, never asserted. */
const TARGET_CHANGE_RATIO = 30;
const TARGET_MC_RATIO = 100;
const TARGET_WASM_GZIP_BYTES = 120 * 1024;

// ---------------------------------------------------------------- the model document

/**
 * @typedef {{ distribution: 'uniform', min: number, max: number }
 *   | { distribution: 'triangular' | 'pert', min: number, mode: number, max: number }
 *   | { distribution: 'normal', mean: number, sd: number, min?: number, max?: number }} Uncertainty
 * @typedef {{ id: string, kind: string, default: number | boolean | string, uncertainty?: Uncertainty }} InputDoc
 * @typedef {{ id: string, formula: string, per_period?: boolean }} CalculationDoc
 * @typedef {{ id: string, formula: string }} OutputDoc
 * @typedef {{ id: string, horizon: { periods: number }, inputs: InputDoc[], calculations: CalculationDoc[], outputs: OutputDoc[] }} ModelDoc
 */

// ---------------------------------------------------------------- model → sheet

/**
 * The model as a spreadsheet: row 1 holds the period numbers in C..; each
 * input, scalar calculation and output has its value or formula in column B
 * (its id in A); each per-period calculation is one row across C.. for
 * periods 0..N. Payback functions get the usual helper rows.
 * @typedef {string | number | boolean | null} GridCell
 * @typedef {{ row: number, col: number }} CellAddress zero-based
 * @typedef {{ grid: GridCell[][], inputs: Map<string, CellAddress>, outputs: Map<string, CellAddress> }} Sheet
 */

const VALUE_COL = 1; // column B
const FIRST_PERIOD_COL = 2; // column C holds period 0

/** @param {number} col zero-based @returns {string} */
function columnName(col) {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * @typedef {{ kind: 'number' | 'string' | 'name' | 'op', text: string }} Token
 */
const TOKEN_PATTERN =
  /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_.]*)|(<>|<=|>=|[-+*/^&=<>(),%{};:])/y;

/** @param {string} formula @returns {Token[]} */
function tokenize(formula) {
  /** @type {Token[]} */
  const tokens = [];
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.lastIndex < formula.length) {
    const at = TOKEN_PATTERN.lastIndex;
    const match = TOKEN_PATTERN.exec(formula);
    if (!match) throw new Error(`cannot read formula at ${at}: ${formula}`);
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'name', text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: 'op', text: match[4] });
  }
  return tokens;
}

/**
 * Translates a model document into a sheet. Handles the model language's
 * own functions: PREV(x) is the previous column's cell (0, or the default,
 * in period 0); `period` is the column's cell in row 1; a series named in a
 * per-period formula is its cell in the same column and elsewhere its row;
 * DROP(x, n) the row without its first n cells; INDEX(x, k) the k-th cell;
 * ROI(gain, cost) is (gain - cost) / cost; PAYBACK(x) and DPAYBACK(rate, x)
 * use helper rows (cumulative flow, "has been negative", crossing where
 * the cumulative flow goes from negative to >= 0; the first one wins) with
 * Yardstick's policy: the first recovery after the cumulative flow first
 * turns negative, interpolated linearly; 0 if it is never negative; #N/A if
 * it never recovers. Every other function is passed through unchanged.
 * @param {ModelDoc} doc
 * @returns {Sheet}
 */
function modelToSheet(doc) {
  const periods = doc.horizon.periods;
  const lastCol = FIRST_PERIOD_COL + periods;
  /** @type {GridCell[][]} */
  const grid = [];
  /** @param {number} row @param {number} col @param {GridCell} value */
  const put = (row, col, value) => {
    while (grid.length <= row) grid.push([]);
    const line = /** @type {GridCell[]} */ (grid[row]);
    while (line.length <= col) line.push(null);
    line[col] = value;
  };
  /** @param {number} row @param {number} t */
  const cellAt = (row, t) => `${columnName(FIRST_PERIOD_COL + t)}${row + 1}`;
  /** @param {number} row @param {number} from @param {number} to periods, inclusive */
  const rangeOf = (row, from, to) => `$${columnName(FIRST_PERIOD_COL + from)}$${row + 1}:$${columnName(FIRST_PERIOD_COL + to)}$${row + 1}`;
  /** @param {number} t */
  const periodCell = (t) => `${columnName(FIRST_PERIOD_COL + t)}$1`;

  put(0, 0, 'period');
  for (let t = 0; t <= periods; t += 1) put(0, FIRST_PERIOD_COL + t, t);
  let nextRow = 1;

  /** @type {Map<string, string>} id → absolute cell */
  const scalars = new Map();
  /** @type {Map<string, number>} id → row */
  const seriesRows = new Map();
  /** @type {Map<string, CellAddress>} */
  const inputs = new Map();
  /** @type {Map<string, CellAddress>} */
  const outputs = new Map();

  for (const input of doc.inputs) {
    if (typeof input.default !== 'number' && typeof input.default !== 'boolean') {
      throw new Error(`input ${input.id}: only number and toggle inputs are translated`);
    }
    const row = nextRow++;
    put(row, 0, input.id);
    put(row, VALUE_COL, input.default);
    scalars.set(input.id.toLowerCase(), `$B$${row + 1}`);
    inputs.set(input.id, { row, col: VALUE_COL });
  }
  // Rows first, formulas second: a formula may name a later calculation.
  /** @type {{ calc: CalculationDoc, row: number }[]} */
  const calcRows = doc.calculations.map((calc) => ({ calc, row: nextRow++ }));
  for (const { calc, row } of calcRows) {
    put(row, 0, calc.id);
    if (calc.per_period) seriesRows.set(calc.id.toLowerCase(), row);
    else scalars.set(calc.id.toLowerCase(), `$B$${row + 1}`);
  }
  const outputRows = doc.outputs.map((output) => ({ output, row: nextRow++ }));

  /**
   * Helper rows for a payback over the flows in `flowRow`; returns the formula.
   * @param {number} flowRow
   */
  const paybackHelpers = (flowRow) => {
    const cumulative = nextRow++;
    const underwater = nextRow++;
    const crossing = nextRow++;
    put(cumulative, 0, '(payback: cumulative flow)');
    put(underwater, 0, '(payback: has been negative)');
    put(crossing, 0, '(payback: crossing)');
    for (let t = 0; t <= periods; t += 1) {
      const col = FIRST_PERIOD_COL + t;
      if (t === 0) {
        put(cumulative, col, `=${cellAt(flowRow, 0)}`);
        put(underwater, col, `=${cellAt(cumulative, 0)}<0`);
        continue;
      }
      put(cumulative, col, `=${cellAt(cumulative, t - 1)}+${cellAt(flowRow, t)}`);
      put(underwater, col, `=OR(${cellAt(underwater, t - 1)},${cellAt(cumulative, t)}<0)`);
      put(
        crossing,
        col,
        `=IF(AND(${cellAt(cumulative, t - 1)}<0,${cellAt(cumulative, t)}>=0),${periodCell(t)}-1+(-${cellAt(cumulative, t - 1)})/${cellAt(flowRow, t)},"")`,
      );
    }
    const crossings = rangeOf(crossing, 1, periods);
    return `IF(COUNT(${crossings})>0,MIN(${crossings}),IF(${cellAt(underwater, periods)},NA(),0))`;
  };

  /**
   * @param {Token[]} tokens
   * @param {number | null} t the column's period, or null outside per-period formulas
   * @returns {string}
   */
  const translate = (tokens, t) => {
    let out = '';
    for (let i = 0; i < tokens.length; i += 1) {
      const token = /** @type {Token} */ (tokens[i]);
      if (token.kind === 'name' && tokens[i + 1]?.text === '(') {
        const close = matchingParen(tokens, i + 1);
        out += translateCall(token.text.toUpperCase(), splitArguments(tokens.slice(i + 2, close)), t);
        i = close;
      } else if (token.kind === 'name') {
        out += translateName(token.text, t);
      } else {
        out += token.text;
      }
    }
    return out;
  };

  /** @param {string} name @param {number | null} t */
  const translateName = (name, t) => {
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return name.toUpperCase();
    if (lower === 'period') {
      if (t === null) throw new Error('`period` outside a per-period formula');
      return periodCell(t);
    }
    const scalar = scalars.get(lower);
    if (scalar) return scalar;
    const row = seriesRows.get(lower);
    if (row !== undefined) return t === null ? rangeOf(row, 0, periods) : cellAt(row, t);
    throw new Error(`unknown name ${name}`);
  };

  /** @param {Token[]} tokens @returns {number} the series' row */
  const seriesArgument = (tokens) => {
    const row = tokens.length === 1 ? seriesRows.get((tokens[0]?.text ?? '').toLowerCase()) : undefined;
    if (row === undefined) throw new Error(`expected the name of a per-period calculation, got ${tokens.map((k) => k.text).join('')}`);
    return row;
  };

  /** @param {Token[]} tokens @returns {number | null} */
  const literalNumber = (tokens) => (tokens.length === 1 && tokens[0]?.kind === 'number' ? Number(tokens[0].text) : null);

  /** @param {string} name @param {Token[][]} args @param {number | null} t */
  const translateCall = (name, args, t) => {
    const [first = [], second = []] = args;
    switch (name) {
      case 'PREV': {
        const row = seriesArgument(first);
        if (t === null) throw new Error('PREV outside a per-period formula');
        if (t > 0) return cellAt(row, t - 1);
        return args.length > 1 ? `(${translate(second, t)})` : '0';
      }
      case 'DROP': {
        const row = seriesArgument(first);
        const count = literalNumber(second);
        if (count === null || !Number.isInteger(count)) throw new Error('DROP(x, n) needs a whole number n');
        return count >= 0 ? rangeOf(row, count, periods) : rangeOf(row, 0, periods + count);
      }
      case 'INDEX': {
        const position = literalNumber(second);
        if (args.length === 2 && first.length === 1 && seriesRows.has((first[0]?.text ?? '').toLowerCase()) && position !== null) {
          return `$${columnName(FIRST_PERIOD_COL + position - 1)}$${seriesArgument(first) + 1}`;
        }
        break;
      }
      case 'ROI': {
        const gain = translate(first, t);
        const cost = translate(second, t);
        return `((${gain})-(${cost}))/(${cost})`;
      }
      case 'PAYBACK':
        return paybackHelpers(seriesArgument(first));
      case 'DPAYBACK': {
        const flowRow = seriesArgument(second);
        const discounted = nextRow++;
        put(discounted, 0, '(discounted payback: discounted flow)');
        const rate = translate(first, null);
        for (let p = 0; p <= periods; p += 1) {
          put(discounted, FIRST_PERIOD_COL + p, `=${cellAt(flowRow, p)}/(1+(${rate}))^${periodCell(p)}`);
        }
        return paybackHelpers(discounted);
      }
      default:
        break;
    }
    return `${name}(${args.map((arg) => translate(arg, t)).join(',')})`;
  };

  for (const { calc, row } of calcRows) {
    const tokens = tokenize(calc.formula);
    if (calc.per_period) {
      for (let t = 0; t <= periods; t += 1) put(row, FIRST_PERIOD_COL + t, `=${translate(tokens, t)}`);
    } else {
      put(row, VALUE_COL, `=${translate(tokens, null)}`);
    }
  }
  for (const { output, row } of outputRows) {
    put(row, 0, output.id);
    put(row, VALUE_COL, `=${translate(tokenize(output.formula), null)}`);
    outputs.set(output.id, { row, col: VALUE_COL });
  }
  // Square the grid so every row spans the period columns.
  for (let row = 0; row < grid.length; row += 1) put(row, lastCol, grid[row]?.[lastCol] ?? null);
  return { grid, inputs, outputs };
}

/** @param {Token[]} tokens @param {number} open index of '(' */
function matchingParen(tokens, open) {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const text = tokens[i]?.text;
    if (text === '(' || text === '{') depth += 1;
    if (text === ')' || text === '}') depth -= 1;
    if (depth === 0) return i;
  }
  throw new Error('unbalanced parentheses');
}

/** @param {Token[]} tokens @returns {Token[][]} */
function splitArguments(tokens) {
  if (tokens.length === 0) return [];
  /** @type {Token[][]} */
  const args = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.text === '(' || token.text === '{') depth += 1;
    if (token.text === ')' || token.text === '}') depth -= 1;
    if (depth === 0 && token.text === ',') args.push([]);
    else args[args.length - 1]?.push(token);
  }
  return args;
}

// ---------------------------------------------------------------- engines

/**
 * One engine's live model.
 * @typedef {object} Session
 * @property {(id: string) => number} read an output's current value (NaN for an error value)
 * @property {(inputId: string, value: number) => [number, number]} change
 *   sets one input and returns the updated [npv, irr]: the timed unit
 * @property {(values: [string, number][]) => number} trial sets several inputs, returns npv
 * @property {() => void} dispose
 *
 * An engine under test.
 * @typedef {object} Engine
 * @property {string} name
 * @property {string} version
 * @property {() => Session} start cold start: build the instance and the model
 */

/** @param {unknown} value */
function toNumber(value) {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * @param {ModelDoc} doc
 * @returns {Promise<Engine & { bindings: YardstickBindings }>}
 *
 * @typedef {{ version: () => string, Model: { compile: (doc: unknown) => YardstickModel } }} YardstickBindings
 * @typedef {{ current: () => { outputs: Record<string, unknown> }, evaluate: (inputs?: Record<string, number>) => { outputs: Record<string, unknown> },
 *   set: (id: string, value: number) => Record<string, unknown>, free: () => void,
 *   monteCarlo?: (options: { trials: number, seed: number }) => MonteCarloRun }} YardstickModel
 * @typedef {{ step: (maxTrials: number) => { trialsDone: number, trialsTotal: number, done: boolean },
 *   result: () => { trialsDone?: number, trials?: number, outputs: Record<string, { mean: number, stdDev?: number, p10: number, p50: number, p90: number }> }, free?: () => void }} MonteCarloRun
 */
async function yardstickEngine(doc, build = 'pkg') {
  const glue = path.join(repoRoot, build, 'yardstick.js');
  const wasm = path.join(repoRoot, build, 'yardstick_bg.wasm');
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    throw new Error(`${build}/ is missing: build the engine first with \`make ${build}\``);
  }
  const bindings = /** @type {YardstickBindings & { initSync: (m: { module: Buffer }) => void }} */ (
    await import(pathToFileURL(glue).href)
  );
  bindings.initSync({ module: fs.readFileSync(wasm) });
  return {
    name: { pkg: 'Yardstick', 'pkg-widget': 'Yardstick widget' }[build] ?? `Yardstick ${build}`,
    version: bindings.version(),
    bindings,
    start: () => {
      const model = bindings.Model.compile(doc);
      const outputs = { ...model.current().outputs };
      return {
        read: (id) => toNumber(outputs[id]),
        change: (inputId, value) => {
          Object.assign(outputs, model.set(inputId, value));
          return [toNumber(outputs.npv), toNumber(outputs.irr)];
        },
        trial: () => {
          throw new Error('Yardstick runs Monte Carlo itself');
        },
        dispose: () => model.free(),
      };
    },
  };
}

/** @param {Sheet} sheet @returns {Promise<Engine>} */
async function hyperformulaEngine(sheet) {
  const { HyperFormula } = await import('hyperformula');
  const npvCell = { sheet: 0, ...cellOf(sheet.outputs, 'npv') };
  const irrCell = { sheet: 0, ...cellOf(sheet.outputs, 'irr') };
  return {
    name: 'HyperFormula',
    version: HyperFormula.version,
    start: () => {
      const hf = HyperFormula.buildFromArray(sheet.grid, { licenseKey: 'gpl-v3', smartRounding: false });
      /** @param {{ sheet: number, row: number, col: number }} address */
      const value = (address) => toNumber(hf.getCellValue(address));
      return {
        read: (id) => value({ sheet: 0, ...cellOf(sheet.outputs, id) }),
        change: (inputId, input) => {
          hf.setCellContents({ sheet: 0, ...cellOf(sheet.inputs, inputId) }, input);
          return [value(npvCell), value(irrCell)];
        },
        trial: (values) => {
          hf.batch(() => {
            for (const [id, input] of values) hf.setCellContents({ sheet: 0, ...cellOf(sheet.inputs, id) }, input);
          });
          return value(npvCell);
        },
        dispose: () => hf.destroy(),
      };
    },
  };
}

/** Full-precision text for IronCalc's values (it rounds to 15 significant digits). */
const IRONCALC_NUMBER_FORMAT = '0.00000000000000E+00';

/** @param {Sheet} sheet @returns {Promise<Engine>} */
async function ironcalcEngine(sheet) {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@ironcalc/wasm');
  const packageJson = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), 'package.json'), 'utf8'));
  const ironcalc = await import(pathToFileURL(entry).href);
  ironcalc.initSync({ module: fs.readFileSync(path.join(path.dirname(entry), 'wasm_bg.wasm')) });
  // IronCalc is 1-based.
  const npv = cellOf(sheet.outputs, 'npv');
  const irr = cellOf(sheet.outputs, 'irr');
  return {
    name: 'IronCalc',
    version: packageJson.version,
    start: () => {
      /** @type {import('@ironcalc/wasm').Model} */
      const model = new ironcalc.Model('business-case-5y', 'en', 'UTC', 'en');
      model.pauseEvaluation();
      sheet.grid.forEach((line, row) => {
        line.forEach((cell, col) => {
          if (cell === null) return;
          const text = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
          model.setUserInput(0, row + 1, col + 1, text);
        });
      });
      for (const { row, col } of sheet.outputs.values()) {
        model.updateRangeStyle({ sheet: 0, row: row + 1, column: col + 1, width: 1, height: 1 }, 'num_fmt', IRONCALC_NUMBER_FORMAT);
      }
      model.resumeEvaluation();
      model.evaluate();
      /** @param {{ row: number, col: number }} address */
      const value = (address) => Number(model.getFormattedCellValue(0, address.row + 1, address.col + 1));
      return {
        read: (id) => value(cellOf(sheet.outputs, id)),
        change: (inputId, input) => {
          const { row, col } = cellOf(sheet.inputs, inputId);
          model.setUserInput(0, row + 1, col + 1, String(input));
          return [value(npv), value(irr)];
        },
        trial: (values) => {
          model.pauseEvaluation();
          for (const [id, input] of values) {
            const { row, col } = cellOf(sheet.inputs, id);
            model.setUserInput(0, row + 1, col + 1, String(input));
          }
          model.resumeEvaluation();
          model.evaluate();
          return value(npv);
        },
        dispose: () => model.free(),
      };
    },
  };
}

/** @param {Map<string, CellAddress>} cells @param {string} id */
function cellOf(cells, id) {
  const cell = cells.get(id);
  if (!cell) throw new Error(`no cell for ${id}`);
  return cell;
}

// ---------------------------------------------------------------- agreement

/** @param {number} actual @param {number} expected */
function relativeGap(actual, expected) {
  if (actual === expected) return 0;
  if (Number.isNaN(actual) && Number.isNaN(expected)) return 0; // both an error value
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

/**
 * Worst relative gap per checked output over a run of cases.
 * @typedef {{ cases: number, agreeing: number, worst: Record<string, number> }} Agreement
 */
function newAgreement() {
  return { cases: 0, agreeing: 0, worst: Object.fromEntries(Object.keys(CHECKED_OUTPUTS).map((id) => [id, 0])) };
}

/**
 * @param {Agreement} agreement
 * @param {Record<string, number>} ours
 * @param {Record<string, number>} theirs
 */
function record(agreement, ours, theirs) {
  let all = true;
  for (const [id, tolerance] of Object.entries(CHECKED_OUTPUTS)) {
    const gap = relativeGap(theirs[id] ?? Number.NaN, ours[id] ?? Number.NaN);
    agreement.worst[id] = Math.max(agreement.worst[id] ?? 0, gap);
    if (!(gap <= tolerance)) all = false;
  }
  agreement.cases += 1;
  if (all) agreement.agreeing += 1;
}

/** @param {Session} session @returns {Record<string, number>} */
function checkedValues(session) {
  return Object.fromEntries(Object.keys(CHECKED_OUTPUTS).map((id) => [id, session.read(id)]));
}

// ---------------------------------------------------------------- sampling for the peers

/**
 * mulberry32: a small seeded 32-bit PRNG, uniform in [0, 1).
 * @param {number} seed
 */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the model's uncertain inputs: uniform; triangular by its inverse
 * CDF; PERT as min + (max - min) * Beta(1 + 4(mode-min)/(max-min),
 * 1 + 4(max-mode)/(max-min)), the beta from two Marsaglia-Tsang gamma
 * draws; normal by Box-Muller, truncated to [min, max] by rejection.
 * @param {InputDoc[]} inputs
 * @param {number} seed
 * @returns {() => [string, number][]}
 */
function sampler(inputs, seed) {
  const uniform = mulberry32(seed);
  let spareNormal = Number.NaN;
  const standardNormal = () => {
    if (!Number.isNaN(spareNormal)) {
      const z = spareNormal;
      spareNormal = Number.NaN;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  /** @param {number} shape >= 1 */
  const gamma = (shape) => {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = standardNormal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = uniform();
      if (Math.log(1 - u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  /** @type {[string, () => number][]} */
  const draws = inputs.flatMap((input) => {
    const spec = input.uncertainty;
    if (!spec) return [];
    /** @type {() => number} */
    let draw;
    switch (spec.distribution) {
      case 'uniform':
        draw = () => spec.min + uniform() * (spec.max - spec.min);
        break;
      case 'triangular': {
        const { min, mode, max } = spec;
        const split = (mode - min) / (max - min);
        draw = () => {
          const u = uniform();
          return u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
        };
        break;
      }
      case 'pert': {
        const { min, mode, max } = spec;
        const alpha = 1 + (4 * (mode - min)) / (max - min);
        const beta = 1 + (4 * (max - mode)) / (max - min);
        draw = () => {
          const x = gamma(alpha);
          return min + ((max - min) * x) / (x + gamma(beta));
        };
        break;
      }
      case 'normal': {
        const { mean, sd, min = -Infinity, max = Infinity } = spec;
        draw = () => {
          for (let attempt = 0; attempt < 1000; attempt += 1) {
            const value = mean + sd * standardNormal();
            if (value >= min && value <= max) return value;
          }
          return Math.min(max, Math.max(min, mean));
        };
        break;
      }
      default:
        throw new Error(`input ${input.id}: unknown distribution`);
    }
    return [[input.id, draw]];
  });
  return () => draws.map(([id, draw]) => [id, draw()]);
}

/**
 * The mean of an input's distribution (a truncated normal's by the usual
 * formula, with an erf approximation good to ~1e-7).
 * @param {Uncertainty} spec
 */
function distributionMean(spec) {
  switch (spec.distribution) {
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'triangular':
      return (spec.min + spec.mode + spec.max) / 3;
    case 'pert':
      return (spec.min + 4 * spec.mode + spec.max) / 6;
    case 'normal': {
      const lower = spec.min === undefined ? -Infinity : (spec.min - spec.mean) / spec.sd;
      const upper = spec.max === undefined ? Infinity : (spec.max - spec.mean) / spec.sd;
      const density = (/** @type {number} */ z) => (Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0);
      const cdf = (/** @type {number} */ z) => (Number.isFinite(z) ? 0.5 * (1 + erf(z / Math.SQRT2)) : z > 0 ? 1 : 0);
      return spec.mean + (spec.sd * (density(lower) - density(upper))) / (cdf(upper) - cdf(lower));
    }
    default:
      return Number.NaN;
  }
}

/** Abramowitz and Stegun 7.1.26. @param {number} x */
function erf(x) {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

// ---------------------------------------------------------------- measuring

/** @param {Float64Array | number[]} sorted @param {number} q in [0, 1] */
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return /** @type {number} */ (sorted[index]);
}

/**
 * Cold starts: the first in this process, and the median of the repeats.
 * @param {Engine} engine
 */
function coldStart(engine) {
  const once = () => {
    const start = performance.now();
    const session = engine.start();
    const npv = session.read('npv');
    const irr = session.read('irr');
    const elapsed = performance.now() - start;
    session.dispose();
    if (!Number.isFinite(npv) || !Number.isFinite(irr)) throw new Error(`${engine.name}: no NPV/IRR after a cold start`);
    return elapsed;
  };
  const first = once();
  const repeats = Float64Array.from({ length: COLD_REPEATS }, once).sort();
  return { first, median: quantile(repeats, 0.5) };
}

/** The k-th measured change: which input, which value. @param {number} k */
function changeAt(k) {
  const which = /** @type {typeof CHANGED_INPUTS[number]} */ (CHANGED_INPUTS[k % CHANGED_INPUTS.length]);
  // A golden-ratio sweep over [low, high]: no value repeats, so every change is real.
  const fraction = ((k + 1) * 0.6180339887498949) % 1;
  return { id: which.id, value: which.low + fraction * (which.high - which.low) };
}

/** @param {Session} session */
function warmUpChanges(session) {
  for (let k = 0; k < CHANGE_WARMUP; k += 1) {
    const { id, value } = changeAt(k);
    session.change(id, value);
  }
}

/**
 * One timed round of CHANGES_PER_ROUND changes (continuing the sweep, so
 * every value is new), each timed alone; after each, the checked outputs
 * are kept (read outside the timer).
 * @param {Session} session @param {number} round
 */
function measureRound(session, round) {
  const first = CHANGE_WARMUP + round * CHANGES_PER_ROUND;
  const latencies = new Float64Array(CHANGES_PER_ROUND);
  /** @type {Record<string, number>[]} */
  const values = [];
  /** @type {number[][]} */
  const byInput = CHANGED_INPUTS.map(() => []);
  for (let k = 0; k < CHANGES_PER_ROUND; k += 1) {
    const { id, value } = changeAt(first + k);
    const start = performance.now();
    const [npv, irr] = session.change(id, value);
    const elapsed = performance.now() - start;
    latencies[k] = elapsed;
    byInput[(first + k) % CHANGED_INPUTS.length]?.push(elapsed);
    values.push({ ...checkedValues(session), npv, irr });
  }
  latencies.sort();
  return { median: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), byInput, values };
}

/**
 * A measure over rounds: the median of the rounds' figures and their range.
 * @typedef {{ median: number, min: number, max: number }} Spread
 * @param {number[]} figures @returns {Spread}
 */
function spread(figures) {
  const sorted = Float64Array.from(figures).sort();
  return { median: quantile(sorted, 0.5), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/**
 * Drives a peer through Monte Carlo trials: sample, set, read NPV.
 * @param {Session} session @param {() => [string, number][]} draw
 */
function peerMonteCarlo(session, draw) {
  const npvs = new Float64Array(MC_PEER_TRIALS);
  /** @type {{ inputs: [string, number][], npv: number }[]} */
  const checked = [];
  let trials = 0;
  const start = performance.now();
  while (trials < MC_PEER_TRIALS && performance.now() - start < MC_PEER_TIME_BOX_MS) {
    const inputs = draw();
    const npv = session.trial(inputs);
    npvs[trials] = npv;
    if (trials < MC_CHECKED_TRIALS) checked.push({ inputs, npv });
    trials += 1;
  }
  const elapsed = performance.now() - start;
  const sample = npvs.slice(0, trials).sort();
  const mean = sample.reduce((sum, x) => sum + x, 0) / trials;
  const variance = sample.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (trials - 1);
  return { trials, perSecond: (trials / elapsed) * 1000, mean, standardError: Math.sqrt(variance / trials), p10: quantile(sample, 0.1), p50: quantile(sample, 0.5), p90: quantile(sample, 0.9), checked };
}

/**
 * A Yardstick Monte Carlo run of `trials` trials, timed as a whole (setup,
 * every trial, the summary); null when the build has no Monte Carlo.
 * @param {YardstickModel} model @param {number} trials @param {number} seed
 */
function yardstickMonteCarlo(model, trials, seed) {
  const monteCarlo = model.monteCarlo;
  if (typeof monteCarlo !== 'function') return null;
  const start = performance.now();
  const mc = monteCarlo.call(model, { trials, seed });
  let progress = mc.step(trials);
  while (!progress.done) progress = mc.step(trials);
  const result = mc.result();
  const elapsed = performance.now() - start;
  mc.free?.();
  const npv = result.outputs.npv;
  const done = result.trialsDone ?? result.trials ?? Number.NaN;
  if (done !== trials) throw new Error(`ran ${done} trials, asked for ${trials}`);
  return { trials, perSecond: (trials / elapsed) * 1000, mean: npv?.mean ?? Number.NaN, standardError: (npv?.stdDev ?? Number.NaN) / Math.sqrt(trials), p10: npv?.p10 ?? Number.NaN, p50: npv?.p50 ?? Number.NaN, p90: npv?.p90 ?? Number.NaN };
}

// ---------------------------------------------------------------- printing

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** @param {string[][]} table */
function printTable(table) {
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of table.entries()) {
    console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('   ')}`);
    if (index === 0) console.log(`  ${widths.map((width) => '-'.repeat(width)).join('   ')}`);
  }
}

/** @param {number} ms */
function formatMs(ms) {
  if (ms < 0.1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(3)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** @param {number} ratio "Nx faster" (or slower) */
function faster(ratio) {
  if (!Number.isFinite(ratio)) return 'n/a';
  return ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
}

/** @param {number} ratio @param {number} target */
function versusTarget(ratio, target) {
  return `target >= ${target}x: ${ratio >= target ? 'met' : 'not met'}`;
}

/** @param {number} bytes */
function kib(bytes) {
  return `${integer.format(bytes)} B (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** @param {number} value */
function gapText(value) {
  return value === 0 ? '0' : value.toExponential(1);
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  /** @type {ModelDoc} */
  const doc = JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8'));
  const sheet = modelToSheet(doc);
  const yardstick = await yardstickEngine(doc);
  // The widget build (make pkg-widget): what a prospect's browser runs.
  const widget = fs.existsSync(path.join(repoRoot, 'pkg-widget', 'yardstick_bg.wasm')) ? await yardstickEngine(doc, 'pkg-widget') : null;
  const peers = [await hyperformulaEngine(sheet), await ironcalcEngine(sheet)];
  /** Every engine but the full build, each checked against it. */
  const others = [...(widget ? [widget] : []), ...peers];
  const engines = [yardstick, ...others];

  console.log(`Model benchmark: ${path.relative(repoRoot, MODEL_FILE)} (${doc.inputs.length} inputs, ${doc.calculations.length} calculations over periods 0..${doc.horizon.periods}, ${doc.outputs.length} outputs)`);
  console.log(`Engines (Node ${process.versions.node}, one process): ${engines.map((e) => `${e.name} ${e.version}`).join(', ')}`);
  if (!widget) console.log('  (no pkg-widget/: run `make pkg-widget` to measure the widget build too)');
  console.log(`Peers compute a sheet translated from the model JSON: ${sheet.grid.length} rows x ${sheet.grid[0]?.length ?? 0} columns, ${sheet.grid.flat().filter((c) => typeof c === 'string' && c.startsWith('=')).length} formulas.`);

  // ------------------------------------------------ agreement at the defaults
  const sessions = engines.map((engine) => engine.start());
  const [ours, ...theirs] = sessions.map(checkedValues);
  const reference = /** @type {Record<string, number>} */ (ours);
  console.log('\nAgreement at the default inputs (tolerance: npv, roi, payback_months 1e-9 relative; irr 1e-7)');
  const defaultsTable = [['output', ...engines.map((e) => e.name), ...others.map((p) => `gap ${p.name}`)]];
  let defaultsAgree = true;
  for (const [id, tolerance] of Object.entries(CHECKED_OUTPUTS)) {
    const gaps = theirs.map((values) => relativeGap(values[id] ?? Number.NaN, reference[id] ?? Number.NaN));
    if (gaps.some((gap) => !(gap <= tolerance))) defaultsAgree = false;
    defaultsTable.push([id, ...[reference, ...theirs].map((values) => String(values[id])), ...gaps.map(gapText)]);
  }
  printTable(defaultsTable);
  console.log(`  ${defaultsAgree ? 'all agree' : 'DISAGREEMENT: the timings below compare different computations'}`);

  // ------------------------------------------------ one input change
  for (const session of sessions) warmUpChanges(session);
  /** @type {ReturnType<typeof measureRound>[][]} rounds by engine */
  const roundsByEngine = engines.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    sessions.forEach((session, index) => roundsByEngine[index]?.push(measureRound(session, round)));
  }
  for (const session of sessions) session.dispose();
  const roundsOf = (/** @type {number} */ index) => /** @type {ReturnType<typeof measureRound>[]} */ (roundsByEngine[index]);
  const valuesOf = (/** @type {number} */ index) => roundsOf(index).flatMap((round) => round.values);
  const agreements = others.map((_, index) => {
    const agreement = newAgreement();
    const reference = valuesOf(0);
    valuesOf(index + 1).forEach((values, k) => record(agreement, /** @type {Record<string, number>} */ (reference[k]), values));
    return agreement;
  });
  console.log(`\nAgreement after each of the ${CHANGES} measured changes (worst relative gap per output)`);
  printTable([
    ['engine', 'changes agreeing', ...Object.keys(CHECKED_OUTPUTS)],
    ...others.map((other, index) => {
      const agreement = /** @type {Agreement} */ (agreements[index]);
      return [other.name, `${agreement.agreeing}/${agreement.cases}`, ...Object.keys(CHECKED_OUTPUTS).map((id) => gapText(agreement.worst[id] ?? 0))];
    }),
  ]);

  // ------------------------------------------------ cold start
  /** @type {Map<string, { first: number, median: number }>} */
  const cold = new Map(engines.map((engine) => [engine.name, coldStart(engine)]));

  // ------------------------------------------------ Monte Carlo
  // Monte Carlo's own build (make pkg-risk), the one the workbench's worker runs.
  const risk = await yardstickEngine(doc, 'pkg-risk');
  const mcModel = /** @type {YardstickModel} */ (/** @type {unknown} */ (risk.bindings.Model.compile(doc)));
  /** @type {NonNullable<ReturnType<typeof yardstickMonteCarlo>>[]} */
  const ourMc = [];
  let mcUnavailable = 'Yardstick: monteCarlo not available in pkg-risk/';
  const peerSessions = peers.map((peer) => peer.start());
  const draws = peers.map(() => sampler(doc.inputs, MC_SEED));
  /** @type {ReturnType<typeof peerMonteCarlo>[][]} runs by peer */
  const peerMc = peers.map(() => []);
  try {
    // The same warm-up for every engine, then the engines take turns run by run.
    yardstickMonteCarlo(mcModel, MC_WARMUP_TRIALS, MC_SEED + 1);
    peerSessions.forEach((session, index) => {
      const draw = /** @type {() => [string, number][]} */ (draws[index]);
      for (let k = 0; k < MC_WARMUP_TRIALS; k += 1) session.trial(draw());
    });
    for (let run = 0; run < ROUNDS; run += 1) {
      const result = yardstickMonteCarlo(mcModel, MC_TRIALS, MC_SEED + run);
      if (result) ourMc.push(result);
      peerSessions.forEach((session, index) => peerMc[index]?.push(peerMonteCarlo(session, /** @type {() => [string, number][]} */ (draws[index]))));
    }
  } catch (error) {
    mcUnavailable = `Yardstick: monteCarlo failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  for (const session of peerSessions) session.dispose();
  // Re-check some peer trials: Yardstick with the same inputs must give the same NPV.
  const mcAgreement = peerMc.map((runs) => {
    let agreeing = 0;
    let worst = 0;
    const checked = runs.flatMap((result) => result.checked);
    for (const { inputs, npv } of checked) {
      const expected = toNumber(mcModel.evaluate(Object.fromEntries(inputs)).outputs.npv);
      const gap = relativeGap(npv, expected);
      worst = Math.max(worst, gap);
      if (gap <= CHECKED_OUTPUTS.npv) agreeing += 1;
    }
    return { agreeing, total: checked.length, worst };
  });
  // NPV is multilinear in the (independent) uncertain inputs here, so its
  // expectation is its value at the inputs' means: a check on both samplers.
  const meanInputs = Object.fromEntries(doc.inputs.flatMap((input) => (input.uncertainty ? [[input.id, distributionMean(input.uncertainty)]] : [])));
  const expectedNpv = toNumber(mcModel.evaluate(meanInputs).outputs.npv);
  mcModel.free();

  // ------------------------------------------------ results
  const coldOf = (/** @type {string} */ name) => /** @type {{ first: number, median: number }} */ (cold.get(name));
  console.log('\nCold start to first NPV and IRR');
  console.log('  Included: Yardstick Model.compile(document) (validate, compile, evaluate the defaults) + current() + reading npv/irr;');
  console.log('  HyperFormula buildFromArray(grid) + getCellValue(npv/irr); IronCalc new Model + setUserInput of every cell (evaluation');
  console.log('  paused) + number formats of the outputs + evaluate() + getFormattedCellValue(npv/irr). Excluded: module import, wasm');
  console.log(`  instantiation, JSON.parse of the model, and translating the model to a grid. First run in this process, then median of ${COLD_REPEATS}.`);
  printTable([
    ['engine', 'first', 'median', 'Yardstick/peer (first)', 'Yardstick/peer (median)'],
    ...engines.map((engine) => {
      const { first, median } = coldOf(engine.name);
      const ys = coldOf(yardstick.name);
      const isPeer = peers.includes(engine);
      return [engine.name, formatMs(first), formatMs(median), isPeer ? faster(first / ys.first) : '', isPeer ? faster(median / ys.median) : ''];
    }),
  ]);

  console.log(`\nOne input change to updated NPV and IRR: ${CHANGE_WARMUP} untimed changes per engine, then ${ROUNDS} rounds of ${CHANGES_PER_ROUND}`);
  console.log('  (engines in turn round by round), each change timed with performance.now(). Figures: the median over the rounds of each');
  console.log("  round's median (or p90), with the rounds' range; a ratio is peer / Yardstick within each round, median and range.");
  console.log(`  Changes cycle through ${CHANGED_INPUTS.map((c) => c.id).join(', ')}, every value new.`);
  /** @param {number} index @param {'median' | 'p90'} figure */
  const figureOf = (index, figure) => spread(roundsOf(index).map((round) => round[figure]));
  /** @param {number} peerIndex @param {number} oursIndex */
  const ratioOf = (peerIndex, oursIndex) => spread(roundsOf(peerIndex).map((round, r) => round.median / (roundsOf(oursIndex)[r]?.median ?? Number.NaN)));
  const spreadMs = (/** @type {Spread} */ s) => `${formatMs(s.median)} (${formatMs(s.min)}-${formatMs(s.max)})`;
  const ratioText = (/** @type {Spread} */ s) => `${faster(s.median)} (${s.min.toFixed(1)}-${s.max.toFixed(1)})`;
  const ourBuilds = widget ? [yardstick, widget] : [yardstick];
  printTable([
    ['engine', 'median (range)', 'p90', ...ourBuilds.map((y) => `${y.name}/peer`), ''],
    ...engines.map((engine, index) => {
      const row = [engine.name, spreadMs(figureOf(index, 'median')), formatMs(figureOf(index, 'p90').median)];
      if (!peers.includes(engine)) return [...row, ...ourBuilds.map(() => ''), ''];
      const ratios = ourBuilds.map((y) => ratioOf(index, engines.indexOf(y)));
      return [...row, ...ratios.map(ratioText), `target >= ${TARGET_CHANGE_RATIO}x: ${ratios.map((r) => (r.median >= TARGET_CHANGE_RATIO ? 'met' : 'not met')).join(' / ')}`];
    }),
  ]);
  if (widget) {
    const widgetIndex = engines.indexOf(widget);
    const w = ratioOf(widgetIndex, 0);
    console.log(`  ${widget.name} / Yardstick (time of one change, per round): ${w.median.toFixed(2)} (${w.min.toFixed(2)}-${w.max.toFixed(2)}); 1.00 is the full build's speed.`);
  }
  console.log('  Median by changed input (all rounds; Yardstick/peer):');
  printTable([
    ['engine', ...CHANGED_INPUTS.map((c) => c.id)],
    ...engines.map((engine, index) => {
      const medians = CHANGED_INPUTS.map((_, which) => quantile(Float64Array.from(roundsOf(index).flatMap((round) => round.byInput[which] ?? [])).sort(), 0.5));
      const ys = CHANGED_INPUTS.map((_, which) => quantile(Float64Array.from(roundsOf(0).flatMap((round) => round.byInput[which] ?? [])).sort(), 0.5));
      return [engine.name, ...medians.map((median, which) => (peers.includes(engine) ? `${formatMs(median)} (${faster(median / (ys[which] ?? Number.NaN))})` : formatMs(median)))];
    }),
  ]);

  console.log('\nMonte Carlo: trials per second (NPV of each trial)');
  console.log(`  ${MC_WARMUP_TRIALS} untimed trials per engine, then ${ROUNDS} timed runs each, engines in turn. Yardstick: monteCarlo({ trials: ${MC_TRIALS}, seed })`);
  console.log(`  + step until done + result() (all outputs summarised), a new seed per run. Peers: per trial, draw the ${doc.inputs.filter((i) => i.uncertainty).length} uncertain`);
  console.log('  inputs in JS (seeded mulberry32; triangular, PERT via gamma, truncated normal, uniform), set them (one recalculation),');
  console.log(`  read NPV; up to ${MC_PEER_TRIALS} trials or ${MC_PEER_TIME_BOX_MS / 1000} s per run. Sampling time is included for every engine.`);
  console.log('  Figures: the median run and the runs\' range; a ratio pairs run r of Yardstick with run r of the peer.');
  if (ourMc.length === 0) console.log(`  ${mcUnavailable}`);
  if (widget) console.log(`  ${widget.name}: no Monte Carlo (the widget build leaves the workbench analyses out).`);
  const mcRows = [['engine', 'trials', 'trials/s (range)', 'NPV mean ± s.e.', 'NPV p10', 'NPV p50', 'NPV p90', 'Yardstick/peer', '']];
  /** @param {{ mean: number, standardError: number }} result */
  const meanText = (result) => `${integer.format(result.mean)} ± ${integer.format(result.standardError)}`;
  /** @param {{ perSecond: number }[]} runs */
  const rateText = (runs) => {
    const s = spread(runs.map((r) => r.perSecond));
    return `${integer.format(s.median)} (${integer.format(s.min)}-${integer.format(s.max)})`;
  };
  /** @param {{ trials: number, mean: number, standardError: number, p10: number, p50: number, p90: number }} r */
  const summary = (r) => [integer.format(r.trials), meanText(r), integer.format(r.p10), integer.format(r.p50), integer.format(r.p90)];
  const ourFirst = ourMc[0];
  if (ourFirst) {
    const [trials, ...rest] = summary(ourFirst);
    mcRows.push(['Yardstick', `${trials} x ${ourMc.length}`, rateText(ourMc), ...rest, '', '']);
  }
  peers.forEach((peer, index) => {
    const runs = /** @type {ReturnType<typeof peerMonteCarlo>[]} */ (peerMc[index]);
    const first = runs[0];
    if (!first) return;
    const ratio = spread(runs.map((run, r) => (ourMc[r]?.perSecond ?? Number.NaN) / run.perSecond));
    const [trials, ...rest] = summary(first);
    mcRows.push([peer.name, `${trials} (first run)`, rateText(runs), ...rest, ourFirst ? ratioText(ratio) : 'n/a', ourFirst ? versusTarget(ratio.median, TARGET_MC_RATIO) : '']);
  });
  printTable(mcRows);
  console.log(`  NPV summaries are of the first run. Expected NPV (NPV at the uncertain inputs' means; NPV is multilinear in them): ${integer.format(expectedNpv)}.`);
  peers.forEach((peer, index) => {
    const check = /** @type {{ agreeing: number, total: number, worst: number }} */ (mcAgreement[index]);
    console.log(`  ${peer.name}: ${check.agreeing}/${check.total} sampled trials give Yardstick's NPV for the same inputs (worst gap ${gapText(check.worst)}).`);
  });

  console.log('\nDownload size');
  const wasm = fs.readFileSync(path.join(repoRoot, 'pkg', 'yardstick_bg.wasm'));
  const gzipped = zlib.gzipSync(wasm, { level: 9 }).length;
  const ironcalcWasm = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@ironcalc/wasm')), 'wasm_bg.wasm'));
  const hyperformulaBundle = fs.readFileSync(path.join(repoRoot, 'node_modules', 'hyperformula', 'dist', 'hyperformula.full.min.js'));
  const widgetPath = path.join(repoRoot, 'pkg-widget', 'yardstick_bg.wasm');
  /** The precompressed sibling `make` writes (zopfli) and yardstick-serve sends; null without one. */
  const served = (/** @type {string} */ file) => (fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : null);
  /** @param {number} bytes @param {number | null} servedBytes */
  const verdict = (bytes, servedBytes) =>
    `zlib -9: ${bytes < TARGET_WASM_GZIP_BYTES ? 'under' : 'over'}; as served: ${servedBytes === null ? 'no .gz' : servedBytes < TARGET_WASM_GZIP_BYTES ? 'under' : 'over'}`;
  const wasmPath = path.join(repoRoot, 'pkg', 'yardstick_bg.wasm');
  const wasmServed = served(wasmPath);
  /** @type {string[][]} */
  const widgetRows = [];
  if (fs.existsSync(widgetPath)) {
    // The widget build (make pkg-widget): no goal seek, Monte Carlo, scoring or pipeline.
    const widget = fs.readFileSync(widgetPath);
    const widgetGzipped = zlib.gzipSync(widget, { level: 9 }).length;
    const widgetServed = served(widgetPath);
    widgetRows.push(['pkg-widget/yardstick_bg.wasm', kib(widget.length), kib(widgetGzipped), widgetServed === null ? '' : kib(widgetServed), `widget build; ${verdict(widgetGzipped, widgetServed)}`]);
  }
  console.log(`  target: the full build under ${TARGET_WASM_GZIP_BYTES / 1024} KiB gzipped; "as served" is the zopfli .gz yardstick-serve sends;`);
  console.log('  "zlib -9" is Node\'s zlib at level 9 (what a server compressing each response sends at best; GNU gzip -9, in bench/size.sh, is about 1% smaller).');
  printTable([
    ['file', 'raw', 'zlib -9', 'as served (.gz)', ''],
    ['pkg/yardstick_bg.wasm', kib(wasm.length), kib(gzipped), wasmServed === null ? '' : kib(wasmServed), `target: ${verdict(gzipped, wasmServed)}`],
    ...widgetRows,
    ['@ironcalc/wasm wasm_bg.wasm', kib(ironcalcWasm.length), kib(zlib.gzipSync(ironcalcWasm, { level: 9 }).length), '', ''],
    ['hyperformula dist/hyperformula.full.min.js', kib(hyperformulaBundle.length), kib(zlib.gzipSync(hyperformulaBundle, { level: 9 }).length), '', ''],
  ]);
  console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s; peers: ${peers.map((peer) => `${peer.name} ${peer.version}`).join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
