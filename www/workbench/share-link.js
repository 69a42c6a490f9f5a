// @ts-check
/**
 * @file The share link: the whole case in the URL fragment
 * (`workbench.html#case=…`), so no server ever sees it. The case is JSON,
 * compressed with `CompressionStream('deflate-raw')` and written in
 * base64url; it carries the receipt hash made when the link was made, so
 * the page that opens it can say whether the engine still gives the same
 * numbers for the same model and inputs.
 *
 * Bounded both ways: a fragment longer than `MAX_FRAGMENT_CHARS` is not
 * made and not read, and inflating stops past `MAX_JSON_BYTES`, so a
 * hostile link cannot make the page allocate without end. Anything that
 * is not a link this page made is refused with a `LinkError` whose message
 * says what is wrong with it.
 */

/** @typedef {import('./case-state.js').CaseState} CaseState */

/** The fragment's key: `#case=<base64url>`. */
export const FRAGMENT_KEY = 'case';
/** The format of the JSON inside (bumped when its shape changes). */
export const LINK_FORMAT = 1;
/** Longest fragment made or read (browsers keep about 2 MB of URL). */
export const MAX_FRAGMENT_CHARS = 400_000;
/** Most bytes of JSON a link may inflate to (a model document is at most 1 MiB). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** A link that cannot be opened; `message` is for the person who followed it. */
export class LinkError extends Error {}

/**
 * What a link carries: the case, the receipt hash and when it was made.
 * @typedef {{ state: CaseState, receiptHash: string, madeAt: string }} SharedCase
 */

/**
 * The fragment (without `#`) that reproduces `state`.
 * @param {CaseState} state
 * @param {string} receiptHash `model.receipt(state.inputs).hash`
 * @param {Date} now when the link is made (shown when it is opened)
 * @returns {Promise<string>}
 */
export async function makeFragment(state, receiptHash, now) {
  const json = JSON.stringify({ format: LINK_FORMAT, madeAt: now.toISOString(), receiptHash, state });
  const packed = await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Infinity);
  const fragment = `${FRAGMENT_KEY}=${base64url(packed)}`;
  if (fragment.length > MAX_FRAGMENT_CHARS) {
    throw new LinkError(`This case is too large for a link (${fragment.length.toLocaleString('en-US')} characters; at most ${MAX_FRAGMENT_CHARS.toLocaleString('en-US')}). Serve the model and open it by URL, so the link need not carry the document.`);
  }
  return fragment;
}

/**
 * Whether a fragment (with or without `#`) is a shared case at all.
 * @param {string} hash
 */
export function isCaseFragment(hash) {
  return hash.replace(/^#/, '').startsWith(`${FRAGMENT_KEY}=`);
}

/**
 * Reads a shared case from a fragment (with or without `#`).
 * @param {string} hash
 * @returns {Promise<SharedCase>}
 */
export async function readFragment(hash) {
  const text = hash.replace(/^#/, '');
  if (text.length > MAX_FRAGMENT_CHARS) throw new LinkError(`This link is too long to be a case (${text.length.toLocaleString('en-US')} characters).`);
  if (!isCaseFragment(text)) throw new LinkError('This link does not hold a case.');
  const bytes = fromBase64url(text.slice(FRAGMENT_KEY.length + 1));
  let json;
  try {
    const inflated = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch (error) {
    if (error instanceof LinkError) throw error;
    throw new LinkError('This link is damaged: its case cannot be unpacked (was it cut short when it was copied?).');
  }
  return checkShape(json);
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {CompressionStream | DecompressionStream} stream
 * @param {number} maxBytes
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
async function transform(bytes, stream, maxBytes) {
  const writer = stream.writable.getWriter();
  // Written and closed without awaiting: the reader below drains the
  // stream, and a damaged input rejects both (the read reports it).
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new LinkError(`This link unpacks to more than ${(maxBytes / 1024 / 1024).toFixed(0)} MiB; it is not a case this page made.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new LinkError('This link is damaged: it has characters a case link never has (was it changed or cut when it was copied?).');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** @param {unknown} value */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** @param {unknown} value */
const isText = (value) => typeof value === 'string';

/**
 * The parsed JSON as a shared case, or a LinkError naming the first part
 * that is not what this page writes.
 * @param {unknown} json
 * @returns {SharedCase}
 */
function checkShape(json) {
  /** @param {string} what */
  const damaged = (what) => new LinkError(`This link is damaged: ${what}.`);
  if (!isObject(json)) throw damaged('it holds no case');
  const record = /** @type {Record<string, unknown>} */ (json);
  if (record.format !== LINK_FORMAT) throw new LinkError(`This link was made by another version of the workbench (format ${String(record.format)}); this page reads format ${LINK_FORMAT}.`);
  const state = /** @type {Record<string, unknown>} */ (record.state);
  if (!isObject(state)) throw damaged('it holds no case');
  const model = /** @type {Record<string, unknown>} */ (state.model);
  if (!isObject(model) || !isText(model.id) || !isText(model.version)) throw damaged('the model it names is unreadable');
  if (model.kind === 'document') {
    if (!isObject(model.document)) throw damaged('the model document it carries is missing');
  } else if (model.kind === 'served' || model.kind === 'url') {
    if (!isText(model.url)) throw damaged("the model's address is missing");
  } else {
    throw damaged('the model it names is unreadable');
  }
  if (!isObject(state.inputs)) throw damaged('its inputs are missing');
  for (const value of Object.values(/** @type {object} */ (state.inputs))) {
    if (!['number', 'string', 'boolean'].includes(typeof value)) throw damaged('an input value is neither a number, text nor true/false');
  }
  if (!Array.isArray(state.saved) || !state.saved.every((s) => isObject(s) && isText(s.name) && isObject(s.inputs))) throw damaged('its saved scenarios are unreadable');
  if (!isObject(state.sources)) throw damaged('its assumption sources are unreadable');
  for (const source of Object.values(/** @type {object} */ (state.sources))) {
    if (!isObject(source) || !isText(source.who) || !isText(source.basis) || !isText(source.note)) throw damaged('an assumption source is unreadable');
  }
  if (!isText(state.locale) || !isText(state.currency) || !isText(state.customer)) throw damaged('its locale, currency or customer is unreadable');
  if (state.scenario !== null && !isText(state.scenario)) throw damaged('its scenario is unreadable');
  const monteCarlo = /** @type {Record<string, unknown>} */ (state.monteCarlo);
  if (!isObject(monteCarlo) || !['seed', 'trials', 'paybackWithinMonths'].every((key) => Number.isFinite(monteCarlo[key]))) throw damaged('its Monte Carlo settings are unreadable');
  if (!isObject(state.verdict)) throw damaged('its verdict settings are unreadable');
  if (!isText(record.receiptHash) || !/^[0-9a-f]{64}$/.test(/** @type {string} */ (record.receiptHash))) throw damaged('its receipt hash is unreadable');
  if (!isText(record.madeAt)) throw damaged('the date it was made is unreadable');
  return {
    state: /** @type {CaseState} */ (/** @type {unknown} */ (state)),
    receiptHash: /** @type {string} */ (record.receiptHash),
    madeAt: /** @type {string} */ (record.madeAt),
  };
}
