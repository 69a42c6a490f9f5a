// Side-by-side finance benchmark: Yardstick (wasm) against formula.js and
// HyperFormula, in one Node process, on the reference vectors.
//
//   node bench/finance.mjs [--verbose]      (npm run bench; make bench)
//
// Workload: the rows of tests/data/finance_vectors.tsv (or the file named by
// YARDSTICK_FINANCE_VECTORS). Each row is one call `FN(args)` with number,
// array, TRUE/FALSE or omitted arguments, an expected number, error code or
// array, and a relative tolerance: a row passes when
// |actual - expected| <= tolerance * max(1, |expected|); errors must match.
//
// For every function family and engine it prints agreement (rows within
// tolerance / rows the engine can run) and throughput (evaluations per
// second after a warm-up, timed with performance.now()), and the ratio
// Yardstick / peer. It asserts nothing about time; it only prints.
//
// How each engine is driven, so the numbers are read fairly:
//   Yardstick     evaluate(formulaText): parse + evaluate per call, result
//                 object with diagnostics built for JavaScript.
//   Yardstick compiled  new Formula(text) once, then formula.evaluate() per
//                 call: no parsing in the timed loop, like formula.js.
//   Yardstick batch  rows grouped by template (the call with each number or
//                 omitted argument made a parameter; omitted ones are NaN, a
//                 blank): one new Formula(template, params) per template, then
//                 one formula.evaluateRows(Float64Array, others) per template and pass,
//                 so a call is a row of numbers, with no JavaScript/wasm
//                 crossing per row. A template of a single row is that row's
//                 own formula, evaluated as Yardstick compiled does.
//   formula.js    formulajs[FN](...args): arguments pre-parsed once, so it
//                 does no parsing at all in the timed loop.
//   HyperFormula  one sheet, one formula cell per row; a timed evaluation is
//                 setCellContents(cell, '=' + formula), which parses (with
//                 HyperFormula's parse cache) and recalculates the cell; one
//                 batch() per pass over the rows, so it recalculates once per pass.

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');

/** Warm-up and measurement time per engine and family. */
const WARMUP_MS = 80;
const MEASURE_MS = 300;

/** Function families, in print order. */
const FAMILIES = [
  { name: 'TVM', functions: ['PV', 'FV', 'PMT', 'NPER', 'RATE'] },
  { name: 'amortization', functions: ['IPMT', 'PPMT', 'CUMIPMT', 'CUMPRINC'] },
  { name: 'cash flow', functions: ['NPV', 'XNPV', 'MIRR'] },
  { name: 'IRR family', functions: ['IRR', 'XIRR'] },
  { name: 'rates', functions: ['EFFECT', 'NOMINAL', 'RRI', 'PDURATION'] },
  { name: 'business', functions: ['ROI', 'PAYBACK', 'DPAYBACK', 'BREAKEVEN'] },
];

// ---------------------------------------------------------------- vectors

/**
 * @typedef {number | boolean | string | { error: string } | Cell[][]} Cell
 * @typedef {{ id: string, formula: string, fn: string, args: (Cell | undefined)[], expected: Cell, tolerance: number }} Row
 */

function vectorsPath() {
  const candidates = [
    process.env.YARDSTICK_FINANCE_VECTORS,
    path.join(repoRoot, 'tests', 'data', 'finance_vectors.tsv'),
  ];
  const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
  if (!found) throw new Error('no finance vectors: expected tests/data/finance_vectors.tsv');
  return found;
}

/** @param {string} file @returns {Row[]} */
function readVectors(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  /** @type {string[] | null} */
  let header = null;
  /** @type {Row[]} */
  const rows = [];
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (header === null) {
      header = fields.map((field) => field.trim());
      continue;
    }
    const column = (/** @type {string} */ name) => fields[/** @type {string[]} */ (header).indexOf(name)]?.trim() ?? '';
    const formula = column('formula');
    const call = /^([A-Za-z][A-Za-z0-9.]*)\((.*)\)$/s.exec(formula);
    if (!call) throw new Error(`${file}: not a single call: ${formula}`);
    rows.push({
      id: column('id'),
      formula,
      fn: (call[1] ?? '').toUpperCase(),
      args: splitTopLevel(call[2] ?? '', ',').map(parseArgument),
      expected: parseLiteral(column('expected')),
      tolerance: Number(column('tolerance') || '0'),
    });
  }
  return rows;
}

/**
 * Splits at `separator` outside braces and quotes.
 * @param {string} text @param {string} separator
 */
function splitTopLevel(text, separator) {
  if (text.trim() === '') return [''];
  const parts = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '{') depth += 1;
    if (!quoted && ch === '}') depth -= 1;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** @param {string} text @returns {Cell | undefined} */
function parseArgument(text) {
  return text.trim() === '' ? undefined : parseLiteral(text);
}

/** @param {string} raw @returns {Cell} */
function parseLiteral(raw) {
  const text = raw.trim();
  if (text.startsWith('#')) return { error: text };
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  if (text.startsWith('"')) return text.slice(1, -1).replaceAll('""', '"');
  if (text.startsWith('{')) {
    return splitTopLevel(text.slice(1, -1), ';').map((row) => splitTopLevel(row, ',').map(parseLiteral));
  }
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`cannot read literal ${raw}`);
  return n;
}

// ---------------------------------------------------------------- comparing

/**
 * @param {Cell | undefined} actual @param {Cell} expected @param {number} tolerance
 * @returns {boolean}
 */
function agrees(actual, expected, tolerance) {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    const cells = expected.flat();
    const got = Array.isArray(actual) ? actual.flat() : [actual];
    return cells.length === got.length && cells.every((cell, index) => agrees(got[index], cell, tolerance));
  }
  if (typeof expected === 'object') {
    return typeof actual === 'object' && actual !== null && !Array.isArray(actual) && actual.error === expected.error;
  }
  return actual === expected;
}

/** @param {Cell | undefined} value */
function show(value) {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && !Array.isArray(value)) return value.error;
  return JSON.stringify(value);
}

// ---------------------------------------------------------------- engines

/**
 * An engine under test.
 * @typedef {object} Engine
 * @property {string} name
 * @property {(row: Row) => boolean} supports whether it has the row's function
 * @property {(rows: Row[]) => { results: (Cell | undefined)[], pass: () => void }} prepare
 *   computes each row's value once, and returns one timed pass over all rows
 */

/**
 * A literal argument as formula text (numbers are parameters in the batch engine).
 * @param {Cell | undefined} cell @returns {string}
 */
function literalText(cell) {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'string') return `"${cell.replaceAll('"', '""')}"`;
  if (Array.isArray(cell)) return `{${cell.map((row) => row.map(literalText).join(',')).join(';')}}`;
  return cell.error;
}

/**
 * The batch engine: rows sharing a template share one parameterized Formula.
 * @typedef {{ evaluate(): Cell, evaluateRows(rows: Float64Array, others?: Cell[]): Float64Array }} BatchFormula
 * @param {{ Formula: new (text: string, parameters?: string[]) => BatchFormula }} bindings the pkg/ module
 * @param {Set<string>} names the engine's function names
 * @returns {Engine}
 */
function batchEngine(bindings, names) {
  return {
    name: 'Yardstick batch',
    supports: (row) => names.has(row.fn),
    prepare: (rows) => {
      /** @type {Map<string, { template: string, parameters: string[], indices: number[], numbers: number[] }>} */
      const groups = new Map();
      rows.forEach((row, index) => {
        /** @type {string[]} */
        const parameters = [];
        /** @type {number[]} */
        const numbers = [];
        const args = row.args.map((arg) => {
          if (arg !== undefined && typeof arg !== 'number') return literalText(arg);
          const name = `p${parameters.length}`;
          numbers.push(arg ?? Number.NaN); // NaN: a blank, as the omitted argument
          parameters.push(name);
          return name;
        });
        const template = `${row.fn}(${args.join(',')})`;
        let group = groups.get(template);
        if (!group) {
          group = { template, parameters, indices: [], numbers: [] };
          groups.set(template, group);
        }
        group.indices.push(index);
        group.numbers.push(...numbers);
      });
      // A template only one row has is that row's own formula: nothing to batch.
      const batches = [...groups.values()].map((group) => {
        const single = group.indices.length === 1;
        const text = single ? /** @type {Row} */ (rows[/** @type {number} */ (group.indices[0])]).formula : group.template;
        const parameters = single ? [] : group.parameters;
        return { formula: new bindings.Formula(text, parameters), width: parameters.length, indices: group.indices, data: Float64Array.from(group.numbers) };
      });
      /** @type {(Cell | undefined)[]} */
      const results = new Array(rows.length);
      for (const batch of batches) {
        if (batch.width === 0) {
          for (const index of batch.indices) results[index] = batch.formula.evaluate();
          continue;
        }
        /** @type {Cell[]} */
        const others = [];
        const values = batch.formula.evaluateRows(batch.data, others);
        batch.indices.forEach((index, row) => {
          results[index] = Number.isNaN(values[row]) ? others[row] : values[row];
        });
      }
      return {
        results,
        pass: () => {
          for (const batch of batches) {
            if (batch.width === 0) {
              for (let i = 0; i < batch.indices.length; i += 1) batch.formula.evaluate();
            } else {
              batch.formula.evaluateRows(batch.data, []); // the same values and errors as above
            }
          }
        },
      };
    },
  };
}

/** @returns {Promise<Engine & { version: string, compiled: Engine, batch: Engine }>} */
async function yardstickEngine() {
  const glue = path.join(repoRoot, 'pkg', 'yardstick.js');
  const wasm = path.join(repoRoot, 'pkg', 'yardstick_bg.wasm');
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    throw new Error('pkg/ is missing: build the engine first with `make pkg`');
  }
  const bindings = await import(new URL(`file://${glue}`).href);
  bindings.initSync({ module: fs.readFileSync(wasm) });
  const names = new Set(bindings.functions().map((/** @type {{ name: string }} */ info) => info.name));
  /** @param {Row} row */
  const evaluate = (row) => /** @type {Cell} */ (bindings.evaluate(row.formula).value);
  /** @type {Engine} */
  const compiled = {
    name: 'Yardstick compiled',
    supports: (row) => names.has(row.fn),
    prepare: (rows) => {
      const formulas = rows.map((row) => new bindings.Formula(row.formula));
      return {
        results: formulas.map(safely((_, index) => /** @type {Cell} */ (formulas[index]?.evaluate()))),
        pass: () => {
          for (const formula of formulas) formula.evaluate();
        },
      };
    },
  };
  return {
    name: 'Yardstick',
    version: bindings.version(),
    compiled,
    batch: batchEngine(bindings, names),
    supports: (row) => names.has(row.fn),
    prepare: (rows) => ({
      results: rows.map(safely(evaluate)),
      pass: () => {
        for (const row of rows) bindings.evaluate(row.formula);
      },
    }),
  };
}

/** @returns {Promise<Engine>} */
async function formulajsEngine() {
  const formulajs = /** @type {Record<string, unknown>} */ (await import('@formulajs/formulajs'));
  /** @param {Row} row */
  const fnOf = (row) => /** @type {(...args: unknown[]) => unknown} */ (formulajs[row.fn]);
  /** @param {Cell | undefined} arg */
  const toJs = (arg) => {
    if (!Array.isArray(arg)) return arg;
    return arg.length === 1 ? arg[0] : arg; // one row → a flat JS array
  };
  /** @param {unknown} value @returns {Cell} */
  const fromJs = (value) => {
    if (value instanceof Error) return { error: value.message };
    if (Array.isArray(value)) return Array.isArray(value[0]) ? value : [value];
    return /** @type {Cell} */ (value);
  };
  return {
    name: 'formula.js',
    supports: (row) => typeof formulajs[row.fn] === 'function',
    prepare: (rows) => {
      const argLists = rows.map((row) => row.args.map(toJs));
      return {
        results: rows.map(safely((row, index) => fromJs(fnOf(row)(...(argLists[index] ?? []))))),
        pass: () => {
          rows.forEach((row, index) => fnOf(row)(...(argLists[index] ?? [])));
        },
      };
    },
  };
}

/** @returns {Promise<Engine>} */
async function hyperformulaEngine() {
  const { HyperFormula } = await import('hyperformula');
  const names = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  return {
    name: 'HyperFormula',
    supports: (row) => names.has(row.fn),
    prepare: (rows) => {
      const hf = HyperFormula.buildFromArray(rows.map((row) => [`=${row.formula}`]), { licenseKey: 'gpl-v3' });
      /** @param {unknown} value @returns {Cell} */
      const fromHf = (value) => {
        if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
          return { error: value.value };
        }
        return /** @type {Cell} */ (value);
      };
      return {
        results: rows.map(safely((_, index) => fromHf(hf.getCellValue({ sheet: 0, row: index, col: 0 })))),
        // One batch per pass: HyperFormula recalculates once at the end of it.
        pass: () => {
          hf.batch(() => {
            rows.forEach((row, index) => hf.setCellContents({ sheet: 0, row: index, col: 0 }, [[`=${row.formula}`]]));
          });
        },
      };
    },
  };
}

/**
 * Turns a thrown exception into a `#THROWN` value so a crash is a disagreement, not an abort.
 * @param {(row: Row, index: number) => Cell} compute
 * @returns {(row: Row, index: number) => Cell}
 */
function safely(compute) {
  return (row, index) => {
    try {
      return compute(row, index);
    } catch (error) {
      return { error: `#THROWN(${error instanceof Error ? error.message : String(error)})` };
    }
  };
}

// ---------------------------------------------------------------- measuring

/**
 * Evaluations per second over repeated passes through `rows`, after a warm-up.
 * @param {Row[]} rows @param {() => void} pass evaluates every row once
 */
function throughput(rows, pass) {
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) pass();
  let evaluations = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    pass();
    evaluations += rows.length;
    elapsed = performance.now() - start;
  } while (elapsed < MEASURE_MS);
  return (evaluations / elapsed) * 1000;
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

/** @param {number} bytes */
function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function printSizes() {
  const pkg = path.join(repoRoot, 'pkg');
  const files = fs.readdirSync(pkg).filter((file) => file.endsWith('.wasm') || file === 'yardstick.js').sort();
  const table = [['file', 'raw', 'gzip -9']];
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(pkg, file));
    const gzipped = zlib.gzipSync(bytes, { level: 9 });
    table.push([`pkg/${file}`, `${integer.format(bytes.length)} B (${kib(bytes.length)})`, `${integer.format(gzipped.length)} B (${kib(gzipped.length)})`]);
  }
  console.log('\nDownload size');
  printTable(table);
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const file = vectorsPath();
  const rows = readVectors(file);
  const yardstick = await yardstickEngine();
  const engines = [yardstick, yardstick.compiled, yardstick.batch, await formulajsEngine(), await hyperformulaEngine()];
  const peers = engines.slice(3);

  console.log(`Yardstick ${yardstick.version} vs formula.js and HyperFormula (Node ${process.versions.node})`);
  console.log(`Workload: ${rows.length} rows of ${path.relative(repoRoot, file)}`);
  console.log(`Throughput: evaluations per second, ${WARMUP_MS} ms warm-up then >= ${MEASURE_MS} ms per engine and family.`);
  console.log('Yardstick parses each formula per call; Yardstick compiled parses once; formula.js gets pre-parsed arguments;');
  console.log('HyperFormula re-enters each cell formula (one batch per pass). Yardstick batch evaluates a parameterized Formula over all rows of a template in one evaluateRows call.');
  console.log('Ratios: text = Yardstick/peer, compiled = Yardstick compiled/peer, batch = Yardstick batch/peer.');

  /** @type {Map<string, { passed: number, total: number, missing: number }>} */
  const overall = new Map(engines.map((engine) => [engine.name, { passed: 0, total: 0, missing: 0 }]));
  const grouped = new Set(FAMILIES.flatMap((family) => family.functions));
  const others = [...new Set(rows.map((row) => row.fn).filter((fn) => !grouped.has(fn)))];
  const families = others.length > 0 ? [...FAMILIES, { name: 'other', functions: others }] : FAMILIES;

  for (const family of families) {
    const familyRows = rows.filter((row) => family.functions.includes(row.fn));
    if (familyRows.length === 0) continue;
    console.log(`\n${family.name} (${family.functions.join(' ')}): ${familyRows.length} rows`);
    const table = [['engine', 'agreement', 'evals/s', 'text/peer', 'compiled/peer', 'batch/peer']];
    /** @type {number | null} */
    let yardstickRate = null;
    /** @type {number | null} */
    let compiledRate = null;
    /** @type {number | null} */
    let batchRate = null;
    for (const engine of engines) {
      const supported = familyRows.filter((row) => engine.supports(row));
      const missing = [...new Set(familyRows.filter((row) => !engine.supports(row)).map((row) => row.fn))];
      const tally = /** @type {{ passed: number, total: number, missing: number }} */ (overall.get(engine.name));
      tally.missing += familyRows.length - supported.length;
      if (supported.length === 0) {
        table.push([engine.name, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
        continue;
      }
      const { results, pass } = engine.prepare(supported);
      let passed = 0;
      supported.forEach((row, index) => {
        if (agrees(results[index], row.expected, row.tolerance)) {
          passed += 1;
        } else if (verbose) {
          console.log(`    ${engine.name} disagrees on ${row.id}: ${row.formula} = ${show(results[index])}, expected ${show(row.expected)}`);
        }
      });
      tally.passed += passed;
      tally.total += supported.length;
      const rate = throughput(supported, pass);
      if (engine === yardstick) yardstickRate = rate;
      if (engine === yardstick.compiled) compiledRate = rate;
      if (engine === yardstick.batch) batchRate = rate;
      const note = missing.length > 0 ? ` (n/a: ${missing.join(' ')})` : '';
      const isPeer = peers.includes(engine);
      /** @param {number | null} ours */
      const ratio = (ours) => (isPeer && ours !== null ? `${(ours / rate).toFixed(2)}x` : '');
      table.push([engine.name, `${passed}/${supported.length}${note}`, integer.format(rate), ratio(yardstickRate), ratio(compiledRate), ratio(batchRate)]);
    }
    printTable(table);
  }

  console.log('\nAgreement over all rows (rows the engine lacks a function for are n/a)');
  printTable([
    ['engine', 'agreement', 'n/a rows'],
    ...[...overall].map(([name, tally]) => [name, `${tally.passed}/${tally.total}`, String(tally.missing)]),
  ]);
  if (!verbose) console.log('  (node bench/finance.mjs --verbose lists every disagreement)');
  printSizes();
  console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s; peers: ${peers.map((peer) => peer.name).join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
