// @ts-check
/**
 * @file The saved cases API (docs/cases.md) as the workbench calls it:
 * create, revise over a base revision, read the latest or one revision,
 * list, the revisions, compare two, duplicate, move a step, and the
 * pipeline, drop and reopen. Every answer that is not a success becomes a `CaseStoreError`
 * whose `kind` says what the page should do (show the server's reason and
 * path, show a conflict, say the case does not exist, say the server is
 * down) and whose `body` is the server's answer as it came. It decides
 * nothing about cases: the server and its core do.
 */

/** @typedef {import('./case-document.js').CaseDocument} CaseDocument */

/** A request that takes longer is abandoned and reported. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The figures a save answers (docs/cases.md, "Figures").
 * @typedef {object} CaseFigures
 * @property {number | null} [value]
 * @property {string} [currency]
 * @property {{ score: number, grade: string, verdict: string, highLevelCasePositive: boolean, detailedCasePositive: boolean, missingMeasures: string[], failedGates: string[] }} [verdict]
 * @property {string} [receiptHash]
 */

/** @typedef {{ id: number, revision: number, savedAtMs: number, figures: CaseFigures }} SaveAnswer */
/**
 * @typedef {object} RevisionAnswer
 * @property {number} id
 * @property {number} revision
 * @property {number} latestRevision
 * @property {number} savedAtMs
 * @property {string} author
 * @property {CaseDocument} case
 * @property {CaseFigures} figures
 */
/** @typedef {{ inputs: number, sources: number, scenarios: number, settings: number, fields: string[] }} ChangeSummary */
/** @typedef {{ revision: number, savedAtMs: number, author: string, step: string, value: number | null, verdict: string, dropped: { reason: string } | null, changes: ChangeSummary }} RevisionEntry */
/** @typedef {{ key: string, change: 'added' | 'removed' | 'changed', before: unknown, after: unknown }} Change */
/** @typedef {{ inputs: Change[], sources: Change[], scenarios: Change[], settings: Change[], fields: Change[] }} Changes */
/** @typedef {{ error: string, baseRevision: number, currentRevision: number, changes: Changes | null }} ConflictAnswer */
/**
 * @typedef {object} CaseListEntry
 * @property {number} id
 * @property {string} title
 * @property {{ id: string, name: string }} customer
 * @property {string} step
 * @property {number} revision
 * @property {number} updatedAtMs
 * @property {string} author
 * @property {number | null} value
 * @property {string} currency
 * @property {string} verdict
 * @property {{ reason: string } | null} [dropped]
 */

/**
 * A request the server refused or could not answer.
 * `kind`: `invalid` (400: `body.error`, `body.path`, `body.problems`),
 * `conflict` (409: `body` is a `ConflictAnswer`), `missing` (404),
 * `unreachable` (no answer at all), `failed` (any other status).
 */
export class CaseStoreError extends Error {
  /**
   * @param {'invalid' | 'conflict' | 'missing' | 'unreachable' | 'failed'} kind
   * @param {string} message
   * @param {number} status
   * @param {any} body
   */
  constructor(kind, message, status, body) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.body = body;
  }
}

/**
 * @param {string} method
 * @param {string} path  under the site's origin
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function request(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  /** @type {RequestInit} */
  const init = { method, signal: controller.signal, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response;
  let text;
  try {
    response = await fetch(new URL(path, location.href), init);
    text = await response.text();
  } catch {
    throw new CaseStoreError('unreachable', 'The server could not be reached (is yardstick-serve running?). Nothing was saved or changed; try again.', 0, null);
  } finally {
    clearTimeout(timer);
  }
  let answer = null;
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    answer = null;
  }
  if (response.ok) return answer;
  const reason = typeof answer?.error === 'string' ? answer.error : `the server answered ${response.status}`;
  if (response.status === 400) throw new CaseStoreError('invalid', reason, 400, answer);
  if (response.status === 409) throw new CaseStoreError('conflict', reason, 409, answer);
  if (response.status === 404) throw new CaseStoreError('missing', reason, 404, answer);
  throw new CaseStoreError('failed', `The server refused this (${response.status}): ${reason}.`, response.status, answer);
}

/** @param {CaseDocument} document @returns {Promise<SaveAnswer>} */
export const createCase = (document) => request('POST', '/api/cases', document);

/**
 * @param {number} id
 * @param {number} baseRevision  the revision the page opened
 * @param {CaseDocument} document
 * @returns {Promise<SaveAnswer>}
 */
export const reviseCase = (id, baseRevision, document) => request('PUT', `/api/cases/${id}`, { baseRevision, case: document });

/**
 * The latest revision, or revision `revision`.
 * @param {number} id
 * @param {number} [revision]
 * @returns {Promise<RevisionAnswer>}
 */
export const readCase = (id, revision) => request('GET', revision === undefined ? `/api/cases/${id}` : `/api/cases/${id}/revisions/${revision}`);

/**
 * @param {{ customer?: string, limit?: number }} filter
 * @returns {Promise<{ cases: CaseListEntry[], more: boolean }>}
 */
export function listCases(filter) {
  const query = new URLSearchParams();
  if (filter.customer) query.set('customer', filter.customer);
  if (filter.limit) query.set('limit', String(filter.limit));
  return request('GET', `/api/cases${query.size ? `?${query}` : ''}`);
}

/** @param {number} id @returns {Promise<{ id: number, revisions: RevisionEntry[] }>} */
export const listRevisions = (id) => request('GET', `/api/cases/${id}/revisions`);

/**
 * @param {number} id
 * @param {number} from
 * @param {number} to
 * @returns {Promise<{ id: number, from: number, to: number, changes: Changes }>}
 */
export const compareRevisions = (id, from, to) => request('GET', `/api/cases/${id}/compare?from=${from}&to=${to}`);

/**
 * @param {number} id
 * @param {{ author?: string, title?: string, revision?: number }} options
 * @returns {Promise<SaveAnswer>}
 */
export const duplicateCase = (id, options) => request('POST', `/api/cases/${id}/duplicate`, options);

/**
 * @param {number} id
 * @param {number} baseRevision
 * @param {string} step
 * @param {string} author
 * @returns {Promise<SaveAnswer>}
 */
export const moveStep = (id, baseRevision, step, author) => request('POST', `/api/cases/${id}/step`, { baseRevision, step, author });

/**
 * Drops the case (closed without a commitment) for `reason`, as a revision.
 * @param {number} id
 * @param {number} baseRevision
 * @param {string} reason
 * @param {string} author
 * @returns {Promise<SaveAnswer>}
 */
export const dropCase = (id, baseRevision, reason, author) => request('POST', `/api/cases/${id}/drop`, { baseRevision, reason, author });

/**
 * Reopens a dropped case, as a revision.
 * @param {number} id
 * @param {number} baseRevision
 * @param {string} author
 * @returns {Promise<SaveAnswer>}
 */
export const reopenCase = (id, baseRevision, author) => request('POST', `/api/cases/${id}/reopen`, { baseRevision, author });

/**
 * The pipeline's entry for one case (docs/cases.md, `GET /api/pipeline`).
 * @param {string} customer
 * @returns {Promise<{ cases: { id: number | string, step: string, stalled: boolean, daysInStep: number, withoutPositiveCase: string[], highLevelCasePositive: boolean, detailedCasePositive: boolean }[] }>}
 */
export const readPipeline = (customer) => request('GET', `/api/pipeline?customer=${encodeURIComponent(customer)}`);
