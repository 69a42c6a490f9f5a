// Shortens the names the widget's wasm and its JavaScript glue share, in
// both files together: `./yardstick_bg.js` becomes `a`, each import
// (`__wbg_get_539ac017689bc643`, ...) and each export (`tracker_fact`,
// ...) a name of one or two letters. wasm-bindgen makes each import name
// unique with a hash, which no compressor can shorten, and both files
// carry every name: 1.2 KB of the widget's download as served in all, for
// nothing a browser needs.
//
// It never changes what the module does: only the names in the import and
// export sections are rewritten, and the `target_features` section (read
// by wasm-bindgen, by no browser) dropped; every other byte of the wasm is
// copied as it is. Each import name must appear in the glue exactly once, as a key of
// the import object, or nothing is written; the glue reads each export as
// a property of the instance's exports (`wasm.tracker_fact`), and the
// types of those exports (`InitOutput`, `yardstick_bg.wasm.d.ts`) take the
// new names too. The glue's own exports (`Model`, `Tracker`, ...) keep
// theirs. Run once on a fresh wasm-bindgen output; a second run finds
// nothing to rename and refuses.
// Usage: node scripts/short-wasm-names.mjs pkg-widget
import { readFileSync, writeFileSync } from 'node:fs';

const GLUE_MODULE = './yardstick_bg.js';
const SHORT_MODULE = 'a';
const CUSTOM_SECTION = 0;
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/short-wasm-names.mjs <wasm-bindgen output folder>');
const wasmPath = `${dir}/yardstick_bg.wasm`;
const gluePath = `${dir}/yardstick.js`;
const typesPath = `${dir}/yardstick.d.ts`;
const wasmTypesPath = `${dir}/yardstick_bg.wasm.d.ts`;
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
let types = readFileSync(typesPath, 'utf8');
let wasmTypes = readFileSync(wasmTypesPath, 'utf8');

/** Reads an unsigned LEB128 number at `at`; returns it and where it ends. */
function readUnsigned(at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** @param {number} value */
function unsigned(value) {
  const bytes = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/** @param {number} at */
function readName(at) {
  const [length, start] = readUnsigned(at);
  return [wasm.subarray(start, start + length).toString('utf8'), start + length];
}

/** @param {string} text */
function name(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([unsigned(bytes.length), bytes]);
}

/** Where an import's description (after its two names) ends. */
function skipDescription(at) {
  const kind = wasm[at++];
  const limits = (from) => {
    const flags = wasm[from++];
    let end = readUnsigned(from)[1];
    if (flags & 1) end = readUnsigned(end)[1];
    return end;
  };
  if (kind === 0) return readUnsigned(at)[1]; // function: its type index
  if (kind === 1) return limits(at + 1); // table: element type, limits
  if (kind === 2) return limits(at); // memory: limits
  if (kind === 3) return at + 2; // global: value type, mutability
  throw new Error(`import of unknown kind ${kind} at byte ${at - 1}`);
}

/** The n-th short name: a ... z, A ... Z, then two letters. */
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let text = '';
  do {
    text += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  } while (n > 0);
  return text;
}

/** Escapes `text` for a regular expression. */
function literal(text) {
  return text.replace(/[^\w]/g, '\\$&');
}

/** Renames export `field`: in the glue where it is read (`.field`), and in the types. */
function renameExport(field, replacement) {
  glue = glue.replace(new RegExp(`(?<=\\.)${literal(field)}\\b`, 'g'), replacement);
  // wasm-bindgen's own `__abort_handler` and `__instance_terminated` have no type.
  const once = (text, pattern, path) => {
    const found = text.match(pattern)?.length ?? 0;
    if (found > 1) throw new Error(`${path}: export ${field} found ${found} times, not once`);
    return text.replace(pattern, `$1${replacement}:`);
  };
  types = once(types, new RegExp(`(^    readonly )${literal(field)}:`, 'gm'), typesPath);
  wasmTypes = once(wasmTypes, new RegExp(`(^export const )${literal(field)}:`, 'gm'), wasmTypesPath);
}

/** Replaces the one `key:` of the import object named `key` in the glue. */
function renameKey(key, replacement) {
  const pattern = new RegExp(`(?<=[{,]\\s*)${literal(key)}(?=\\s*:)`, 'g');
  const found = glue.match(pattern)?.length ?? 0;
  if (found !== 1) throw new Error(`${gluePath}: import key ${key} found ${found} times, not once`);
  glue = glue.replace(pattern, replacement);
}

const parts = [wasm.subarray(0, 8)];
let renamed = 0;
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = readUnsigned(at + 1);
  const end = start + size;
  if (id === EXPORT_SECTION) {
    let [count, next] = readUnsigned(start);
    const section = [unsigned(count)];
    for (let i = 0; i < count; i++) {
      const [field, afterField] = readName(next);
      const afterIndex = readUnsigned(afterField + 1)[1]; // kind, then index
      const short = shortName(i);
      renameExport(field, short);
      section.push(name(short), wasm.subarray(afterField, afterIndex));
      next = afterIndex;
    }
    const content = Buffer.concat(section);
    parts.push(Buffer.from([EXPORT_SECTION]), unsigned(content.length), content);
    at = end;
    continue;
  }
  if (id === CUSTOM_SECTION && readName(start)[0] === 'target_features') {
    at = end; // what wasm-bindgen read to bind; browsers never do
    continue;
  }
  if (id !== IMPORT_SECTION) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, next] = readUnsigned(start);
  const section = [unsigned(count)];
  for (let i = 0; i < count; i++) {
    const [module, afterModule] = readName(next);
    const [field, afterField] = readName(afterModule);
    const afterDescription = skipDescription(afterField);
    if (module === GLUE_MODULE) {
      const short = shortName(renamed++);
      renameKey(field, short);
      section.push(name(SHORT_MODULE), name(short));
    } else {
      section.push(wasm.subarray(next, afterField));
    }
    section.push(wasm.subarray(afterField, afterDescription));
    next = afterDescription;
  }
  const content = Buffer.concat(section);
  parts.push(Buffer.from([IMPORT_SECTION]), unsigned(content.length), content);
  at = end;
}
if (renamed === 0) throw new Error(`${wasmPath} imports nothing from ${GLUE_MODULE} (already shortened?)`);
renameKey(JSON.stringify(GLUE_MODULE), SHORT_MODULE);
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
writeFileSync(typesPath, types);
writeFileSync(wasmTypesPath, wasmTypes);
console.log(`${wasmPath}: ${renamed} import names and the export names shortened`);
