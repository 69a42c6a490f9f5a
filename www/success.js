// @ts-check
/**
 * The success page (docs/success.md, "The page"): loads the stored data and
 * settings, scores them in the browser (`SuccessPortfolio`, pkg-success)
 * and shows the portfolio, or one account with `?account=ID`, as of a
 * snapshot (`?asOf=`, the latest by default), with the proof of the score
 * and the team view under the portfolio. The weights editor and the CSV
 * import sit below. Every figure is the engine's; this module routes.
 */

import { h } from './widget/dom.js';
import { drawAccount } from './success/account-view.js';
import { loadPortfolio } from './success/engine.js';
import { dateText } from './success/format.js';
import { wireImport } from './success/import-view.js';
import { drawPortfolio } from './success/portfolio-view.js';
import { drawProof } from './success/proof-view.js';
import { drawTeam } from './success/team-view.js';
import { drawWeights, wireSave } from './success/weights-view.js';

/** @typedef {import('./success/engine.js').SuccessPortfolio} SuccessPortfolio */

const asOfSelect = /** @type {HTMLSelectElement} */ (document.getElementById('success-as-of'));
const back = /** @type {HTMLElement} */ (document.getElementById('success-back'));
const status = /** @type {HTMLElement} */ (document.getElementById('success-status'));
const body = /** @type {HTMLElement} */ (document.getElementById('success-body'));
const weights = /** @type {HTMLElement} */ (document.getElementById('weights-body'));
const proofSection = /** @type {HTMLElement} */ (document.getElementById('success-proof'));
const proofBody = /** @type {HTMLElement} */ (document.getElementById('proof-body'));
const teamSection = /** @type {HTMLElement} */ (document.getElementById('success-team'));
const teamBody = /** @type {HTMLElement} */ (document.getElementById('team-body'));

/** @type {SuccessPortfolio | null} */
let portfolio = null;

/** The account asked for in the address, if any. */
function accountId() {
  return new URLSearchParams(location.search).get('account');
}

/** Draws the view the address asks for, as of the chosen snapshot. */
function draw() {
  if (!portfolio) return;
  const asOf = asOfSelect.value || undefined;
  const id = accountId();
  back.hidden = id === null;
  proofSection.hidden = id !== null;
  teamSection.hidden = id !== null;
  try {
    if (id !== null) {
      const account = portfolio.account(id, asOf);
      document.title = `Yardstick · ${account.name}`;
      drawAccount(body, account);
      status.textContent = `${account.name} as of ${dateText(account.asOf)}.`;
    } else {
      const view = portfolio.portfolio(asOf);
      drawPortfolio(body, view);
      const risky = view.rows.filter((row) => row.grade === 'at_risk' && !row.churned).length;
      status.textContent = `${view.rows.length} accounts as of ${dateText(view.asOf)}; ${risky} at risk.`;
      drawEvidence(asOf);
    }
  } catch (error) {
    status.textContent = '';
    // An address naming an account that is not stored (a link from an
    // old export, a typo) says so in words.
    const unknown = id !== null && error instanceof Error && 'code' in error && error.code === 'unknown-id';
    const words = unknown ? `No account has the id “${id}”: pick one from the portfolio.` : messageOf(error);
    body.replaceChildren(h('p', { class: 'success-error', role: 'alert' }, words));
  }
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The proof and the team view on the snapshot; each says why when it
 * cannot be computed (too little history is `not-enough-evidence`).
 * @param {string | undefined} asOf
 */
function drawEvidence(asOf) {
  if (!portfolio) return;
  try {
    drawProof(proofBody, portfolio.proof(asOf), useSuggested);
  } catch (error) {
    proofBody.replaceChildren(h('p', { class: 'success-error', id: 'proof-error' }, `No proof yet: ${messageOf(error)}`));
  }
  try {
    drawTeam(teamBody, portfolio.team(asOf));
  } catch (error) {
    teamBody.replaceChildren(h('p', { class: 'success-error', id: 'team-error' }, messageOf(error)));
  }
}

/** Puts the proof's suggested weights in force (not saved) and redraws. */
function useSuggested() {
  if (!portfolio) return;
  try {
    portfolio.useSuggestedWeights(asOfSelect.value || undefined);
  } catch (error) {
    proofBody.append(h('p', { class: 'success-error', role: 'alert' }, messageOf(error)));
    return;
  }
  drawWeights(weights, portfolio, draw);
  draw();
  document.getElementById('proof-use')?.focus();
  const note = h('p', { class: 'section-note', role: 'status', id: 'proof-used' }, 'The suggested weights are in force here (see Scorecard weights); save the settings to keep them.');
  proofBody.append(note);
}

/** Loads (or reloads) the data and settings, then draws. */
async function start() {
  status.textContent = 'Loading the data and scoring it…';
  try {
    const loaded = await loadPortfolio();
    portfolio?.free();
    portfolio = loaded.portfolio;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Data without a dated row has no snapshot to score on: an empty store.
    const empty = error instanceof Error && 'code' in error && error.code === 'invalid-option';
    status.textContent = '';
    const words = empty ? 'No success data is stored yet: import CSV files below, or start the server with --success-demo.' : `Could not load the success data: ${reason}`;
    body.replaceChildren(h('p', { class: 'success-error', role: 'alert' }, words));
    proofSection.hidden = true;
    teamSection.hidden = true;
    return;
  }
  const snapshots = /** @type {string[]} */ (portfolio.snapshots());
  const wanted = new URLSearchParams(location.search).get('asOf') ?? asOfSelect.value;
  asOfSelect.replaceChildren(...[...snapshots].reverse().map((date) => h('option', { value: date }, dateText(date))));
  if (wanted && snapshots.includes(wanted)) asOfSelect.value = wanted;
  drawWeights(weights, portfolio, draw);
  draw();
}

asOfSelect.addEventListener('change', () => {
  const query = new URLSearchParams(location.search);
  query.set('asOf', asOfSelect.value);
  history.replaceState(null, '', `${location.pathname}?${query}`);
  draw();
});
wireSave(
  /** @type {HTMLFormElement} */ (document.getElementById('weights-save')),
  /** @type {HTMLInputElement} */ (document.getElementById('weights-by')),
  /** @type {HTMLElement} */ (document.getElementById('weights-status')),
  () => portfolio,
);
wireImport(
  /** @type {HTMLFormElement} */ (document.getElementById('import-form')),
  /** @type {HTMLInputElement} */ (document.getElementById('import-files')),
  /** @type {HTMLElement} */ (document.getElementById('import-result')),
  start,
);

void start();
