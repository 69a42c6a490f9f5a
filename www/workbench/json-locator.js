// @ts-check
/**
 * @file Where a model diagnostic's path is in the JSON text being edited:
 * editor mechanics, no model logic. A small scanner walks the text (never
 * building a tree) along a path's steps (`inputs[team_size].max`: a key, an
 * item named by its id or by its position, a key) and gives the UTF-16
 * range of the value there, which is what a textarea's selection takes.
 * A formula diagnostic's `start`/`end` (UTF-16 offsets in the decoded
 * formula) are mapped into the string literal, escapes (`\"`, `\n`,
 * `\u00e9`) included. Also the reverse, the position steps of the value
 * around an offset, so Format can keep the caret on the same value.
 *
 * Work is bounded: each step scans at most the text of the value it is in,
 * nesting is walked with a counter (no recursion on the text), and a text
 * that is not valid JSON gives `null` rather than a guess.
 */

/**
 * One step of a path: a field of an object, an item by position, or an
 * item of a list named by its `id` field.
 * @typedef {{ key: string } | { index: number } | { id: string }} PathStep
 */

/**
 * A range of the text, in UTF-16 offsets (`end` exclusive).
 * @typedef {{ start: number, end: number }} TextRange
 */

/**
 * Where a path leads: the range of the deepest value found and how many
 * steps were followed (fewer than asked when the document lacks the rest,
 * as for a missing field).
 * @typedef {TextRange & { steps: number }} Located
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Deepest value `stepsAt` descends to: past the engine's document depth
 * (32), so every model is covered, and each level rescans its value, so a
 * bound keeps a pathological text linear.
 */
const MAX_CARET_DEPTH = 64;

/**
 * Reads a diagnostic's displayed path into steps: `inputs[team_size].max`
 * → key, id, key. A bracket holding digits is a position; any other is an
 * id (ids never start with a digit). A key may itself hold dots (a
 * scenario's input id is data): `locate` then joins the parts it cannot
 * find one by one.
 * @param {string} path
 * @returns {PathStep[]}
 */
export function parsePath(path) {
  /** @type {PathStep[]} */
  const steps = [];
  const pattern = /\[([^\]]*)\]|\.?([^.[]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) {
      steps.push(/^\d+$/.test(match[1]) ? { index: Number(match[1]) } : { id: match[1] });
    } else if (match[2] !== undefined) {
      steps.push({ key: match[2] });
    }
  }
  return steps;
}

/** The offset of the first non-whitespace character at or after `at`. */
function skipSpace(/** @type {string} */ text, /** @type {number} */ at) {
  while (at < text.length && WHITESPACE.has(text.charAt(at))) at += 1;
  return at;
}

/**
 * The end (exclusive) of the string literal whose opening quote is at
 * `at`, or -1.
 */
function stringEnd(/** @type {string} */ text, /** @type {number} */ at) {
  // Jump from quote to quote (indexOf is native and fast); a quote after an
  // odd run of backslashes is escaped.
  let quote = text.indexOf('"', at + 1);
  while (quote >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * The end (exclusive) of the JSON value starting at `at` (no leading
 * space), or -1. Containers are skipped with a depth counter, so deep
 * nesting costs no stack.
 */
function valueEnd(/** @type {string} */ text, /** @type {number} */ at) {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = at;
    while (i < text.length && !WHITESPACE.has(text.charAt(i)) && !',]}'.includes(text.charAt(i))) i += 1;
    return i > at ? i : -1;
  }
  let depth = 0;
  for (let i = at; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The decoded text of the string literal `text[start, end)` (quotes
 * included), as `JSON.parse` gives it.
 */
function decodeString(/** @type {string} */ text, /** @type {number} */ start, /** @type {number} */ end) {
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return String(JSON.parse(raw));
  } catch {
    return '';
  }
}

/**
 * Calls `visit(key, valueStart, valueEnd)` for each member of the object
 * at `at` (or each item of the list, with its position as `key`) until it
 * returns true. False when the text there is not that container.
 * @param {string} text
 * @param {number} at
 * @param {(key: string | number, start: number, end: number) => boolean | void} visit
 */
function eachChild(text, at, visit) {
  const open = text.charAt(at);
  if (open !== '{' && open !== '[') return false;
  const close = open === '{' ? '}' : ']';
  let i = skipSpace(text, at + 1);
  let position = 0;
  if (text.charAt(i) === close) return true;
  while (i < text.length) {
    /** @type {string | number} */
    let key = position;
    if (open === '{') {
      const keyEnd = stringEnd(text, i);
      if (text.charAt(i) !== '"' || keyEnd < 0) return false;
      key = decodeString(text, i, keyEnd);
      i = skipSpace(text, keyEnd);
      if (text.charAt(i) !== ':') return false;
      i = skipSpace(text, i + 1);
    }
    const end = valueEnd(text, i);
    if (end < 0) return false;
    if (visit(key, i, end)) return true;
    position += 1;
    i = skipSpace(text, end);
    if (text.charAt(i) === close) return true;
    if (text.charAt(i) !== ',') return false;
    i = skipSpace(text, i + 1);
  }
  return false;
}

/**
 * A container's children as `eachChild` finds them: keys (positions in a
 * list) and value ranges, in order.
 * @typedef {{ keys: (string | number)[], ranges: TextRange[] }} Children
 */

/**
 * A locator over one text: `locate(steps)` as below, remembering what it
 * scanned (each container's children, each list's ids), so that locating
 * every diagnostic of a check costs about one pass over the text rather
 * than one per diagnostic.
 * @param {string} text
 * @returns {(steps: PathStep[]) => Located | null}
 */
export function createLocator(text) {
  /** @type {Map<number, Children | null>} */
  const childrenAt = new Map();
  /** @type {Map<number, Map<string, number>>} */
  const idsAt = new Map();

  /** @param {number} at */
  function children(at) {
    let known = childrenAt.get(at);
    if (known === undefined) {
      /** @type {Children} */
      const found = { keys: [], ranges: [] };
      const ok = eachChild(text, at, (key, start, end) => {
        found.keys.push(key);
        found.ranges.push({ start, end });
      });
      known = ok ? found : null;
      childrenAt.set(at, known);
    }
    return known;
  }

  /**
   * The range of the member `key` of the object at `at` (the last one, as
   * `JSON.parse` keeps), or null.
   * @param {number} at
   * @param {string} key
   */
  function member(at, key) {
    const list = text.charAt(at) === '{' ? children(at) : null;
    const index = list ? list.keys.lastIndexOf(key) : -1;
    return list && index >= 0 ? list.ranges[index] ?? null : null;
  }

  /**
   * Each item's position by its `id` text (the first item with it) in the
   * list at `at`.
   * @param {number} at
   * @param {Children} list
   */
  function ids(at, list) {
    let known = idsAt.get(at);
    if (known === undefined) {
      known = new Map();
      for (const [position, item] of list.ranges.entries()) {
        const id = member(item.start, 'id');
        if (id === null || text.charAt(id.start) !== '"') continue;
        const name = decodeString(text, id.start, id.end);
        if (!known.has(name)) known.set(name, position);
      }
      idsAt.set(at, known);
    }
    return known;
  }

  /**
   * The range of the child `step` names in the value at `at`, or null.
   * @param {number} at
   * @param {PathStep} step
   * @returns {TextRange | null}
   */
  function child(at, step) {
    if ('key' in step) return member(at, step.key);
    const list = text.charAt(at) === '[' ? children(at) : null;
    if (list === null) return null;
    const position = 'index' in step ? step.index : ids(at, list).get(step.id);
    return position === undefined ? null : list.ranges[position] ?? null;
  }

  const rootStart = skipSpace(text, 0);
  const rootEnd = valueEnd(text, rootStart);

  return (steps) => {
    if (rootEnd < 0) return null;
    /** @type {Located} */
    let here = { start: rootStart, end: rootEnd, steps: 0 };
    let taken = 0;
    while (taken < steps.length) {
      const step = /** @type {PathStep} */ (steps[taken]);
      let next = child(here.start, step);
      let used = 1;
      // A key with dots in it was split by parsePath: join it back.
      let joined = 'key' in step ? step.key : null;
      while (next === null && joined !== null && taken + used < steps.length) {
        const following = /** @type {PathStep} */ (steps[taken + used]);
        if (!('key' in following)) break;
        joined = `${joined}.${following.key}`;
        used += 1;
        next = child(here.start, { key: joined });
      }
      if (next === null) break;
      taken += used;
      here = { ...next, steps: taken };
    }
    return here;
  };
}

/**
 * Follows `steps` from the document's root: the range of the deepest
 * value found and how many steps led there. A key not found is tried
 * joined with the following key steps (`se.at`, a key with a dot). Null
 * when the text is not a JSON value. (`createLocator` for many paths.)
 * @param {string} text
 * @param {PathStep[]} steps
 * @returns {Located | null}
 */
export function locate(text, steps) {
  return createLocator(text)(steps);
}

/**
 * Maps a range inside a decoded string (UTF-16 offsets of the formula, as
 * diagnostics give them) into the text of its string literal at
 * `literal` (quotes included): each escape (`\n`, `\"`, `\u00e9`) is one
 * decoded unit and 2 or 6 units of text; anything else is itself.
 * @param {string} text
 * @param {TextRange} literal
 * @param {TextRange} decoded
 * @returns {TextRange}
 */
export function literalRange(text, literal, decoded) {
  let decodedAt = 0;
  let i = literal.start + 1;
  const last = literal.end - 1;
  let start = -1;
  while (i < last) {
    if (decodedAt === decoded.start && start < 0) start = i;
    if (decodedAt === decoded.end) return { start: start < 0 ? i : start, end: i };
    i += text.charAt(i) !== '\\' ? 1 : text.charAt(i + 1) === 'u' ? 6 : 2;
    decodedAt += 1;
  }
  const end = Math.min(i, last);
  return { start: start < 0 ? end : start, end };
}

/**
 * The position steps (keys and indices) of the innermost value whose text
 * holds `offset`: where Format should put the caret back.
 * @param {string} text
 * @param {number} offset
 * @returns {PathStep[]}
 */
export function stepsAt(text, offset) {
  /** @type {PathStep[]} */
  const steps = [];
  let at = skipSpace(text, 0);
  while (steps.length < MAX_CARET_DEPTH) {
    /** @type {PathStep | null} */
    let inner = null;
    let innerStart = -1;
    const isObject = text.charAt(at) === '{';
    eachChild(text, at, (key, start, end) => {
      if (offset < start || offset > end) return false;
      inner = isObject ? { key: String(key) } : { index: Number(key) };
      innerStart = start;
      return true;
    });
    const step = /** @type {PathStep | null} */ (inner);
    if (step === null) return steps;
    steps.push(step);
    at = innerStart;
  }
  return steps;
}

/**
 * Line and column (both from 1) of `offset`, counting UTF-16 units as a
 * textarea does.
 * @param {string} text
 * @param {number} offset
 */
export function lineColumn(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
