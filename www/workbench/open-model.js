// @ts-check
/**
 * @file Where a model comes from: a served example (`GET /api/models`), a
 * URL, a local file (the file input, or dropped anywhere on the page), or
 * a case saved on the server (`?case=<id>`, `case-store.js`).
 * Each way gives a document or an `OpenError` whose message says what went
 * wrong in words for the person opening it (the fetch that failed, the
 * text that is not JSON, every diagnostic of an invalid model with its
 * path). Compiling is the engine's; this module only fetches and reads.
 */

import { h } from '../widget/dom.js';
import { fetchModels } from '../site-models.js';
import { CaseStoreError, readCase } from './case-store.js';

/** @typedef {import('./session-types.js').ModelDocument} ModelDocument */

/** Largest model file read (the engine's own bound is 1 MiB of document). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A model that cannot be opened; `details` lists the engine's diagnostics. */
export class OpenError extends Error {
  /**
   * @param {string} message
   * @param {{ path: string, message: string }[]} [details]
   */
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
}

/**
 * The document at `url`, or an OpenError that says why not.
 * @param {string} url
 * @returns {Promise<{ document: ModelDocument, url: string }>}
 */
export async function fetchDocument(url) {
  let absolute;
  try {
    absolute = new URL(url, location.href);
  } catch {
    throw new OpenError(`"${url}" is not a URL.`);
  }
  if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') throw new OpenError(`"${url}" is not an http or https address.`);
  let response;
  try {
    response = await fetch(absolute, { headers: { Accept: 'application/json' } });
  } catch {
    throw new OpenError(`The model at ${absolute.href} could not be fetched: the address cannot be reached, or its server does not let this page read it.`);
  }
  if (!response.ok) throw new OpenError(`The model at ${absolute.href} could not be fetched: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  const text = await response.text();
  return { document: parseDocument(text, absolute.href), url: absolute.pathname.startsWith('/') && absolute.origin === location.origin ? absolute.pathname + absolute.search : absolute.href };
}

/**
 * The document in a local file.
 * @param {File} file
 * @returns {Promise<ModelDocument>}
 */
export async function readFileDocument(file) {
  if (file.size > MAX_FILE_BYTES) throw new OpenError(`${file.name} is ${file.size.toLocaleString('en-US')} bytes; a model file is at most ${MAX_FILE_BYTES.toLocaleString('en-US')}.`);
  return parseDocument(await file.text(), file.name);
}

/**
 * @param {string} text
 * @param {string} where the URL or file name, for messages
 * @returns {ModelDocument}
 */
function parseDocument(text, where) {
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new OpenError(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new OpenError(`${where} is JSON but not a model: a model is an object with "schema": "yardstick/model@1".`);
  return document;
}

/**
 * Compiles a document, turning the engine's refusal into an OpenError
 * with every diagnostic.
 * @param {typeof import('../../pkg/yardstick.js').Model} Model
 * @param {ModelDocument} document
 * @param {string} where
 */
export function compileDocument(Model, document, where) {
  try {
    return Model.compile(document);
  } catch (error) {
    const diagnostics = /** @type {{ diagnostics?: { path: string, message: string }[] }} */ (error).diagnostics;
    if (Array.isArray(diagnostics)) {
      const count = diagnostics.length;
      throw new OpenError(`${where} is not a valid model: the engine found ${count} problem${count === 1 ? '' : 's'}.`, diagnostics);
    }
    throw new OpenError(`${where} could not be compiled: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Fills the example picker from `GET /api/models` (models the engine
 * refuses are left out: the gallery names them).
 * @param {HTMLSelectElement} select
 * @returns {Promise<import('../site-models.js').ModelEntry[]>}
 */
export async function fillServedModels(select) {
  let listing;
  try {
    listing = await fetchModels();
  } catch (error) {
    select.replaceChildren(h('option', { value: '' }, 'The models could not be listed'));
    throw new OpenError(`The example models could not be listed (${error instanceof Error ? error.message : String(error)}).`);
  }
  const usable = listing.models.filter((entry) => entry.problem === undefined && typeof entry.title === 'string');
  select.replaceChildren(h('option', { value: '' }, 'Choose a model…'), ...usable.map((entry) => h('option', { value: entry.url }, `${entry.title} (${entry.id} ${entry.version})`)));
  return usable;
}

/**
 * Shows an OpenError (or any error) in `box`, every diagnostic listed
 * with its path.
 * @param {HTMLElement} box
 * @param {unknown} error
 */
export function showOpenError(box, error) {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof OpenError ? error.details : [];
  box.replaceChildren(h('p', {}, message));
  if (details.length) {
    box.append(h('ul', { class: 'wb-diagnostics' }, ...details.map((d) => h('li', {}, h('code', {}, d.path || '(the document)'), ' ', d.message))));
  }
  box.append(h('p', { class: 'hint' }, 'The model shown before, if any, is still open.'));
  box.hidden = false;
}

/**
 * The saved case the address names (`?case=<id>[&revision=<n>]`), or an
 * OpenError that says plainly why it cannot be opened.
 * @param {string} idText
 * @param {string | null} revisionText
 * @returns {Promise<import('./case-store.js').RevisionAnswer>}
 */
export async function fetchSavedCase(idText, revisionText) {
  const id = Number(idText);
  const revision = revisionText === null ? undefined : Number(revisionText);
  if (!/^[1-9][0-9]{0,15}$/.test(idText)) throw new OpenError(`“${idText}” is not a saved case number (the address should end ?case= and a number such as 7).`);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) throw new OpenError(`“${revisionText}” is not a revision number.`);
  try {
    return await readCase(id, revision);
  } catch (error) {
    if (error instanceof CaseStoreError && error.kind === 'missing') {
      throw new OpenError(revision === undefined ? `There is no saved case ${id} on this server: check the address, or find the case under “Saved cases”.` : `Case ${id} has no revision ${revision} (or there is no case ${id}).`);
    }
    if (error instanceof CaseStoreError && error.kind === 'unreachable') throw new OpenError(`Saved case ${id} could not be opened: the server could not be reached. Check that yardstick-serve is running, then reload the page.`);
    throw new OpenError(`Saved case ${id} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}
