// The saved cases API from a page in Debian's Chromium against the real
// server (docs/cases.md): a page of the server's own origin saves a case,
// revises it, and a second save over the old revision is refused with 409,
// the current revision and what changed, with nothing lost; a case the
// model refuses comes back 400 with the path; a page of another origin (a
// second server on localhost) cannot write cases at all.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, repoRoot, startServer } from './harness.mjs';

const STEP_TIMEOUT_MS = 15_000;
const MODEL = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'models', 'business-case-5y.json'), 'utf8'));

/**
 * A case of the five-year business case.
 * @param {Record<string, number>} inputs
 */
function caseDocument(inputs) {
  return {
    schema: 'yardstick/case@1',
    title: 'Acme support desk',
    customer: { id: 'acme', name: 'Acme Corp' },
    model: { id: MODEL.id, version: MODEL.version, document: MODEL },
    inputs,
    sources: { implementation_cost: { by: 'Acme CFO', basis: 'customer data' } },
    settings: { strategicFit: 4 },
    step: 'business_review',
    author: 'Ada',
  };
}

/**
 * `fetch` inside the page: the request a workbench page would make.
 * @param {import('playwright-core').Page} page
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
function send(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const init = body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      const response = await fetch(url, init);
      return { status: response.status, body: await response.json() };
    },
    { method, url, body },
  );
}

describe('the cases API from the browser', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let other;
  /** @type {Awaited<ReturnType<typeof launchBrowser>>} */
  let browser;
  before(async () => {
    server = await startServer(['--db', ':memory:', '--max-lifetime-secs', '110']);
    other = await startServer(['--db', ':memory:', '--max-lifetime-secs', '110']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await other?.stop();
  });

  test('save, revise, and a conflicting save refused with nothing lost', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('/pipeline.html', server.url).href);

    const created = await send(page, 'POST', '/api/cases', caseDocument({ implementation_cost: 140000 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.revision, 1);
    const id = created.body.id;
    assert.equal(created.body.figures.valueSource, 'leadValue');

    // Two tabs opened revision 1. The first saves...
    const first = await send(page, 'PUT', `/api/cases/${id}`, { baseRevision: 1, case: caseDocument({ implementation_cost: 150000 }) });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.revision, 2);
    // ...the second is refused, told the current revision and what changed.
    const second = await send(page, 'PUT', `/api/cases/${id}`, { baseRevision: 1, case: caseDocument({ implementation_cost: 99000 }) });
    assert.equal(second.status, 409);
    assert.equal(second.body.currentRevision, 2);
    assert.deepEqual(second.body.changes.inputs, [{ key: 'implementation_cost', change: 'changed', before: 140000, after: 150000 }]);
    // Reload: the first save is there, the second was not stored.
    const latest = await send(page, 'GET', `/api/cases/${id}`);
    assert.equal(latest.body.revision, 2);
    assert.equal(latest.body.case.inputs.implementation_cost, 150000);
    // The second tab saves its version as a copy instead.
    const copy = await send(page, 'POST', '/api/cases', caseDocument({ implementation_cost: 99000 }));
    assert.equal(copy.status, 201);
    assert.notEqual(copy.body.id, id);

    const revisions = await send(page, 'GET', `/api/cases/${id}/revisions`);
    assert.deepEqual(
      revisions.body.revisions.map((/** @type {any} */ r) => [r.revision, r.author, r.changes.inputs]),
      [
        [1, 'Ada', 1],
        [2, 'Ada', 1],
      ],
    );
    const compared = await send(page, 'GET', `/api/cases/${id}/compare?from=1&to=2`);
    assert.equal(compared.body.changes.inputs[0].after, 150000);

    const moved = await send(page, 'POST', `/api/cases/${id}/step`, { baseRevision: 2, step: 'high_level_case', author: 'Bob' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.revision, 3);

    const refused = await send(page, 'POST', '/api/cases', caseDocument({ implementation_cost: -1, seats: 3 }));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.path, 'inputs.implementation_cost');
    assert.deepEqual(
      refused.body.problems.map((/** @type {any} */ p) => p.path),
      ['inputs.implementation_cost', 'inputs.seats'],
    );
    const list = await send(page, 'GET', '/api/cases');
    assert.equal(list.body.cases.length, 2, 'the refused case was not stored');
    await page.close();
  });

  test('a page of another origin cannot write cases', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Another site on loopback (Chromium blocks public origins from 127.0.0.1 anyway).
    const foreign = new URL(other.url);
    await page.goto(`http://localhost:${foreign.port}/pipeline.html`);
    const before = await (await fetch(new URL('/api/cases', server.url))).json();
    const outcome = await page.evaluate(async (target) => {
      try {
        const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        return `status ${response.status}`;
      } catch (error) {
        return `refused: ${error instanceof Error ? error.name : String(error)}`;
      }
    }, new URL('/api/cases', server.url).href);
    assert.match(outcome, /^refused/);
    const after = await (await fetch(new URL('/api/cases', server.url))).json();
    assert.equal(after.cases.length, before.cases.length);
    // Without the browser in the way, the server itself refuses that origin.
    const direct = await fetch(new URL('/api/cases', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: `http://localhost:${foreign.port}` },
      body: JSON.stringify(caseDocument({})),
    });
    assert.equal(direct.status, 403);
    await page.close();
  });
});
