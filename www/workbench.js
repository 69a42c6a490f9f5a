// @ts-check
/**
 * @file The sales engineer's workbench (`workbench.html`): opens a model
 * (a served example, a URL, a local file, a share link or a case saved
 * on the server, `?case=<id>`), builds the
 * case's session (`workbench/session.js`) and mounts the views (inputs,
 * headline figures, scenarios, period table, receipt and print summary)
 * and the analysis panels listed in `PANELS`. It keeps the previous model
 * open when another cannot be opened, and says plainly when a shared
 * case's model changed since its link was made.
 *
 * It decides nothing: every number comes from the engine; this module
 * wires events to calls.
 */

import { loadEngine } from './engine.js';
import { h } from './widget/dom.js';
import { caseStateOf } from './workbench/case-document.js';
import { mountCaseList } from './workbench/case-list.js';
import { createCasePanel } from './workbench/case-panel.js';
import { newCase } from './workbench/case-state.js';
import { OpenError, compileDocument, fetchDocument, fetchSavedCase, fillServedModels, readFileDocument, showOpenError } from './workbench/open-model.js';
import { mountInputs } from './workbench/inputs-view.js';
import { wireExport } from './workbench/export-view.js';
import { mountOutputs } from './workbench/outputs-view.js';
import { mountPeriods } from './workbench/period-view.js';
import { mountScenarios } from './workbench/scenarios-view.js';
import { createSession } from './workbench/session.js';
import { isCaseFragment, makeFragment, readFragment } from './workbench/share-link.js';
import { mountSummary } from './workbench/summary-view.js';

/** @typedef {import('./workbench/session.js').PageSession} PageSession */
/** @typedef {import('./workbench/case-state.js').CaseState} CaseState */
/** @typedef {import('./workbench/case-state.js').ModelReference} ModelReference */
/** @typedef {import('../pkg/yardstick.js').InputValues} InputValues */
/** @typedef {import('../pkg/yardstick.js').InputValue} InputValue */
/** @typedef {import('../pkg/yardstick.js').ModelLayout} ModelLayout */
/** @typedef {import('./workbench/session-types.js').ModelDocument} ModelDocument */
/** @typedef {import('./workbench/session-types.js').WorkbenchPanel} WorkbenchPanel */
/** @typedef {import('./workbench/share-link.js').SharedCase} SharedCase */
/** @typedef {import('./workbench/case-store.js').RevisionAnswer} RevisionAnswer */
/**
 * What a case opens from beyond its model: a share link, or a saved
 * revision (read-only when it is not the latest).
 * revision (read-only when it is not the latest), or the case open now
 * with its model edited in the page's model editor (`edited`: its state).
 * @typedef {{ shared?: SharedCase, saved?: { answer: RevisionAnswer, readOnly: boolean }, edited?: CaseState }} Opening
 */

/**
 * The analysis panels, each mounted into its container once a model is
 * open; a container stays hidden while its panel is not mounted.
 * @type {{ selector: string, load: () => Promise<Record<string, unknown>>, mount: string }[]}
 */
const PANELS = [
  { selector: '#wb-charts', load: () => import('./workbench/cash-charts.js'), mount: 'mountCashCharts' },
  { selector: '#wb-risk', load: () => import('./workbench/risk.js'), mount: 'mountRisk' },
  { selector: '#wb-goal', load: () => import('./workbench/goal-seek.js'), mount: 'mountGoalSeek' },
  { selector: '#wb-verdict', load: () => import('./workbench/verdict.js'), mount: 'mountVerdict' },
];

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const caseRoot = byId('wb-case');
const openError = byId('wb-open-error');
const openStatus = byId('wb-open-status');
const linkStatus = byId('wb-link-status');
const servedSelect = /** @type {HTMLSelectElement} */ (byId('wb-served'));
const urlField = /** @type {HTMLInputElement} */ (byId('wb-url'));
const fileField = /** @type {HTMLInputElement} */ (byId('wb-file'));
const customerField = /** @type {HTMLInputElement} */ (byId('wb-customer'));
const localeField = /** @type {HTMLInputElement} */ (byId('wb-locale'));
const currencyField = /** @type {HTMLInputElement} */ (byId('wb-currency'));
const settingsNote = byId('wb-settings-note');
const shareField = /** @type {HTMLInputElement} */ (byId('wb-share-link'));
const shareStatus = byId('wb-share-status');

const cases = createCasePanel(byId('wb-saved-case-body'), {
  openSaved: (answer, readOnly) => attempt(() => openSaved(answer, readOnly), false),
  customerNamed: (name) => {
    customerField.value = name;
  },
  inputs: /** @type {HTMLFieldSetElement} */ (byId('wb-inputs-fieldset')),
});

/**
 * The open case: its session and everything mounted on it.
 * @type {{ session: PageSession, views: { destroy: () => void }[], panels: WorkbenchPanel[] } | null}
 */
let open = null;
/** @type {import('./engine.js').Engine | null} */
let engine = null;
/** The model editor, once its panel was first opened. @type {{ setText: (text: string) => void, destroy: () => void } | null} */
let editor = null;

/**
 * Opens a compiled document as a case: a new one at the model's defaults,
 * the shared one, or the saved one. The model open before stays when this
 * one cannot be compiled (the caller shows the error).
 * @param {ModelDocument} document
 * @param {ModelReference} reference
 * @param {string} where  the URL or file name, for messages
 * @param {Opening} [opening]
 */
async function openDocument(document, reference, where, opening = {}) {
  const { shared, saved, edited } = opening;
  if (!engine) throw new OpenError('The engine is not loaded.');
  performance.mark('workbench:compile');
  const model = compileDocument(engine.Model, document, where);
  const layout = model.layout();
  const defaults = model.current().inputs;
  Object.assign(reference, { id: layout.id, version: layout.version });
  if (reference.kind === 'document') reference.document = document;
  /** @type {CaseState} */
  const state = shared
    ? { ...shared.state, model: reference }
    : saved
      ? caseStateOf(saved.answer.case, layout)
      : edited
        ? carriedOver(edited, reference, defaults, layout)
        : newCase(reference, layout, defaults);
  let refusedInputs = '';
  let session;
  try {
    session = createSession({ model, document, state, readTypedNumber: engine.readTypedNumber });
  } catch (error) {
    // A shared case whose inputs the model refuses today opens at the
    // defaults, and says why.
    refusedInputs = error instanceof Error ? error.message : String(error);
    state.inputs = { ...defaults };
    state.scenario = null;
    session = createSession({ model, document, state, readTypedNumber: engine.readTypedNumber });
  }
  closeCase();
  open = { session, views: [], panels: [] };
  openError.hidden = true;
  caseRoot.hidden = false;
  byId('wb-title').textContent = layout.title;
  window.document.title = `${layout.title} · Yardstick workbench`;
  byId('wb-model-line').textContent = `Model ${layout.id}, version ${layout.version}${layout.description ? `: ${layout.description}` : ''}`;
  customerField.value = state.customer;
  localeField.value = state.locale;
  currencyField.value = state.currency;
  settingsNote.textContent = '';
  shareField.value = '';
  shareStatus.textContent = '';
  open.views.push(mountOutputs(byId('wb-outputs'), session));
  // The headline figures are painted before the other views are built
  // (the first result on screen, bench/workbench.mjs).
  await nextFrame();
  if (open?.session !== session) return;
  open.views.push(
    mountInputs(byId('wb-input-groups'), byId('wb-held'), session),
    mountScenarios(byId('wb-scenarios'), session),
    mountPeriods(byId('wb-periods'), session),
    mountSummary({ receipt: byId('wb-receipt-body'), assumptions: byId('wb-assumptions') }, session, () => new Date()),
  );
  renderCustomer(session);
  open.views.push({ destroy: session.subscribe(() => renderCustomer(session)) });
  // An edited model stays the same case (a saved one saves its next
  // revision with the new document); any other opening starts over in
  // the editor too.
  if (edited) cases.rebind(session);
  else {
    cases.bind(session, saved?.answer ?? null, saved?.readOnly ?? false);
    editor?.setText(JSON.stringify(document, null, 2));
  }
  caseRoot.setAttribute('data-ready', '');
  performance.mark('workbench:views-mounted');
  showLinkStatus(session, shared, refusedInputs);
  openStatus.textContent = saved ? `Opened case ${saved.answer.id}, revision ${saved.answer.revision}: ${saved.answer.case.title}.` : `Opened ${layout.title}.`;
  await mountPanels(session);
}

/**
 * The case state carried over to an edited model: the inputs it still
 * has keep their values (the engine checks them again), new ones start at
 * their defaults, and a scenario the model no longer has is dropped.
 * @param {CaseState} edited
 * @param {ModelReference} reference
 * @param {InputValues} defaults
 * @param {ModelLayout} layout
 * @returns {CaseState}
 */
function carriedOver(edited, reference, defaults, layout) {
  const inputs = { ...defaults };
  for (const id of Object.keys(defaults)) if (id in edited.inputs) inputs[id] = /** @type {InputValue} */ (edited.inputs[id]);
  const scenario = layout.scenarios.some((s) => s.id === edited.scenario) ? edited.scenario : null;
  return { ...edited, model: reference, inputs, scenario };
}

/**
 * Opens the model editor the first time its panel is opened (its module
 * loads then), on the open case's document; every document it compiles
 * becomes the case's model.
 */
function wireEditor() {
  const details = /** @type {HTMLDetailsElement} */ (byId('wb-editor-details'));
  details.addEventListener('toggle', async () => {
    if (!details.open || editor || !open || !engine) return;
    const { mountModelEditor } = await import('./workbench/model-editor.js');
    if (editor || !open || !engine) return;
    editor = mountModelEditor(byId('wb-editor'), {
      text: JSON.stringify(open.session.document, null, 2),
      Model: engine.Model,
      onDocument: (document) => {
        if (!open) return;
        const edited = open.session.state;
        void attempt(() => openDocument(document, { kind: 'document', id: '', version: '' }, 'the edited model', { edited }), false);
      },
    });
  });
}

/** @param {PageSession} session */
function renderCustomer(session) {
  byId('wb-customer-line').textContent = session.state.customer ? `Prepared for ${session.state.customer}` : '';
}

/**
 * Resolves once the browser had the chance to paint (a frame, or 50 ms
 * where frames do not run, as in a background tab).
 * @returns {Promise<void>}
 */
function nextFrame() {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}

/** Destroys the views and panels of the open case and frees its model. */
function closeCase() {
  caseRoot.removeAttribute('data-ready');
  if (!open) return;
  for (const panel of open.panels) panel.destroy();
  for (const view of open.views) view.destroy();
  for (const { selector } of PANELS) {
    const container = document.querySelector(selector);
    if (container instanceof HTMLElement) container.hidden = true;
  }
  open.session.model.free();
  open = null;
}

/** @param {PageSession} session */
async function mountPanels(session) {
  for (const { selector, load, mount } of PANELS) {
    const container = document.querySelector(selector);
    if (!(container instanceof HTMLElement)) continue;
    try {
      const module = await load();
      const mountPanel = /** @type {(root: HTMLElement, session: PageSession) => WorkbenchPanel} */ (module[mount]);
      if (open?.session !== session) return;
      open.panels.push(mountPanel(container, session));
      container.hidden = false;
    } catch (error) {
      console.error(`panel ${selector} could not be mounted`, error);
    }
  }
}

/**
 * What a shared case's receipt says now: whether the model is the one the
 * link was made with and the receipt matches.
 * @param {PageSession} session
 * @param {SharedCase | undefined} shared
 * @param {string} refusedInputs
 */
function showLinkStatus(session, shared, refusedInputs) {
  if (!shared) {
    linkStatus.hidden = true;
    linkStatus.replaceChildren();
    return;
  }
  const hash = session.model.receipt(undefined).hash;
  const then = shared.state.model;
  const { layout } = session;
  const matches = hash === shared.receiptHash && !refusedInputs;
  const made = shared.madeAt.slice(0, 10);
  const parts = [];
  if (matches) {
    parts.push(h('p', {}, `This case was shared on ${made}. Its receipt matches: same model (${layout.id} ${layout.version}), same inputs, so the same numbers.`));
  } else {
    let why;
    if (then.id !== layout.id) why = `The link was made with model ${then.id} version ${then.version}; its address now gives model ${layout.id} version ${layout.version}.`;
    else if (then.version !== layout.version) why = `The model has changed since this link was made: it was version ${then.version}, it is now version ${layout.version}.`;
    else why = `The model has changed since this link was made: its version is still ${layout.version}, but its document is not the same.`;
    parts.push(h('p', { class: 'wb-warning-title' }, why));
    if (refusedInputs) parts.push(h('p', {}, `The link's inputs do not fit the model as it is now (${refusedInputs}); the case opened at the model's defaults.`));
    else parts.push(h('p', {}, "The case's inputs are applied to the model as it is now, so its numbers may differ from those shared."));
  }
  parts.push(h('p', { class: 'wb-hashes' }, 'Receipt in the link: ', h('code', { 'data-hash': 'link' }, shared.receiptHash), h('br', {}), 'Receipt now: ', h('code', { 'data-hash': 'now' }, hash)));
  linkStatus.replaceChildren(...parts);
  linkStatus.className = `wb-link-status ${matches ? 'wb-ok' : 'wb-warning'}`;
  linkStatus.dataset.match = String(matches);
  linkStatus.hidden = false;
}

/**
 * Runs an opening step, showing its failure in place (the open case stays).
 * Unsaved changes to a saved case are only dropped after a confirmation.
 * @param {() => Promise<void>} step
 * @param {boolean} [guard]  ask before dropping unsaved changes
 */
async function attempt(step, guard = true) {
  if (guard && !cases.mayDiscard()) return;
  openStatus.textContent = 'Opening…';
  try {
    await step();
  } catch (error) {
    openStatus.textContent = '';
    showOpenError(openError, error);
  }
}

/** @param {string} url */
async function openUrl(url, kind = /** @type {'served' | 'url'} */ ('url')) {
  const fetched = await fetchDocument(url);
  await openDocument(fetched.document, { kind, url: fetched.url, id: '', version: '' }, fetched.url);
}

/** @param {File} file */
async function openFile(file) {
  const document = await readFileDocument(file);
  await openDocument(document, { kind: 'document', id: '', version: '' }, file.name);
}

/** @param {string} hash */
async function openShared(hash) {
  const shared = await readFragment(hash);
  const reference = shared.state.model;
  if (reference.kind === 'document') {
    const document = /** @type {ModelDocument} */ (reference.document);
    await openDocument(document, { kind: 'document', id: reference.id, version: reference.version }, 'the model in the link', { shared });
  } else {
    const fetched = await fetchDocument(reference.url);
    await openDocument(fetched.document, { kind: reference.kind, url: reference.url, id: reference.id, version: reference.version }, fetched.url, { shared });
  }
}

/**
 * Opens a saved revision with its own model document (the model the
 * case was saved with, even if the served one changed since).
 * @param {RevisionAnswer} answer
 * @param {boolean} readOnly
 */
async function openSaved(answer, readOnly) {
  const { model } = answer.case;
  await openDocument(model.document, { kind: 'document', id: model.id, version: model.version }, `saved case ${answer.id}`, { saved: { answer, readOnly } });
}

function wireOpening() {
  byId('wb-open-served').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!servedSelect.value) {
      showOpenError(openError, new OpenError('Choose a model first.'));
      return;
    }
    void attempt(() => openUrl(servedSelect.value, 'served'));
  });
  byId('wb-open-url').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = urlField.value.trim();
    if (!url) {
      showOpenError(openError, new OpenError('Type the address of a model first.'));
      return;
    }
    void attempt(() => openUrl(url));
  });
  fileField.addEventListener('change', () => {
    const file = fileField.files?.[0];
    if (file) void attempt(() => openFile(file));
    fileField.value = '';
  });
  const drop = byId('wb-drop');
  /** @param {DragEvent} event */
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    drop.hidden = false;
  });
  window.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) drop.hidden = true;
  });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    drop.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (file) void attempt(() => openFile(file));
  });
  window.addEventListener('hashchange', () => {
    if (isCaseFragment(location.hash)) void attempt(() => openShared(location.hash));
  });
}

function wireCase() {
  byId('wb-settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!open) return;
    const locale = localeField.value.trim();
    const currency = currencyField.value.trim().toUpperCase();
    try {
      Intl.getCanonicalLocales(locale);
      if (!locale) throw new RangeError('empty');
    } catch {
      settingsNote.textContent = `“${locale}” is not a locale such as en-US or de-DE.`;
      return;
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      settingsNote.textContent = `“${currency}” is not a currency code such as USD or EUR.`;
      return;
    }
    open.session.state.customer = customerField.value.trim();
    open.session.setLocale(locale, currency);
    currencyField.value = open.session.currency;
    settingsNote.textContent = `Numbers shown in ${open.session.numbers.output(1234.5, { style: 'number', decimals: 2 })} style, amounts in ${open.session.currency}.`;
  });
  byId('wb-share').addEventListener('click', async () => {
    if (!open) return;
    const { session } = open;
    try {
      const fragment = await makeFragment(session.state, session.model.receipt(undefined).hash, new Date());
      // With a saved case open, the address keeps naming it (a reload
      // opens the saved case); the link is the same page with the fragment.
      const link = cases.savedId() === null ? null : `${location.origin}${location.pathname}#${fragment}`;
      if (!link) history.replaceState(null, '', `#${fragment}`);
      shareField.value = link ?? location.href;
      try {
        await navigator.clipboard.writeText(shareField.value);
        shareStatus.textContent = `Link copied (${shareField.value.length.toLocaleString('en-US')} characters).`;
      } catch {
        shareField.focus();
        shareField.select();
        shareStatus.textContent = 'The link is selected above: press Ctrl+C (⌘C) to copy it.';
      }
    } catch (error) {
      shareStatus.textContent = error instanceof Error ? error.message : String(error);
    }
  });
  byId('wb-print').addEventListener('click', () => window.print());
  wireExport(/** @type {HTMLButtonElement} */ (byId('wb-export')), byId('wb-export-status'), () => open?.session ?? null);
}

async function main() {
  wireOpening();
  wireCase();
  wireEditor();
  mountCaseList(/** @type {HTMLFormElement} */ (byId('wb-list-form')), byId('wb-case-list'), {
    open: (answer) => attempt(() => openSaved(answer, false), false),
    mayDiscard: () => cases.mayDiscard(),
    author: () => /** @type {HTMLInputElement} */ (byId('wb-case-author')).value.trim(),
  });
  const query = new URLSearchParams(location.search);
  const wanted = query.get('model');
  const savedId = query.get('case');
  const shared = isCaseFragment(location.hash);
  // The model or saved case named in the address is fetched while the engine loads.
  const fetching = wanted && !shared && savedId === null ? fetchDocument(wanted) : null;
  fetching?.catch(() => {}); // reported below, once the engine is there
  const fetchingSaved = savedId !== null && !shared ? fetchSavedCase(savedId, query.get('revision')) : null;
  fetchingSaved?.catch(() => {});
  try {
    engine = await loadEngine();
    performance.mark('workbench:engine-ready');
  } catch (error) {
    showOpenError(openError, error);
    return;
  }
  if (shared) await attempt(() => openShared(location.hash));
  else if (fetchingSaved) {
    await attempt(async () => {
      const answer = await fetchingSaved;
      await openSaved(answer, query.has('revision') && answer.revision !== answer.latestRevision);
    }, false);
  } else if (fetching) {
    await attempt(async () => {
      const fetched = await fetching;
      await openDocument(fetched.document, { kind: 'served', url: fetched.url, id: '', version: '' }, fetched.url);
    });
  } else openStatus.textContent = '';
  await fillServedModels(servedSelect).catch((error) => showOpenError(openError, error));
}

void main();
