// @ts-check
/**
 * The formula playground page: wires the input, the examples and the
 * function reference to the engine. Captures DOM events and renders; every
 * value it shows is computed by the engine (see engine.js).
 */

import { loadEngine, loadFunctionSummaries } from './engine.js';
import { Autocomplete } from './complete.js';
import { appendMessage, renderMirror, renderSignature, renderValue } from './render.js';
import { h } from './widget/dom.js';

/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').FunctionHelp} FunctionInfo */
/** @typedef {import('./engine.js').FormulaDiagnostic} FormulaDiagnostic */

/**
 * Category order and headings in the function reference; every category
 * the engine lists needs one (a new category fails the type check).
 * @type {Record<FunctionInfo['category'], string>}
 */
const CATEGORY_TITLES = {
  financial: 'Financial',
  math: 'Math',
  logical: 'Logical',
  date: 'Date',
  lookup: 'Lookup',
  statistical: 'Statistical',
  text: 'Text',
  model: 'Model (per-period calculations)',
};

/** Shown when the page opens without a formula in its address. */
const STARTING_FORMULA = '=PMT(6%/12, 36, 45000)';

/**
 * Finds an element by id and checks its type.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`page is missing #${id}`);
  return node;
}

const page = {
  input: byId('formula', HTMLInputElement),
  suggestions: byId('suggestions', HTMLUListElement),
  signature: byId('signature', HTMLElement),
  diagnostics: byId('diagnostics', HTMLElement),
  mirror: byId('mirror', HTMLElement),
  diagnosticList: byId('diagnostic-list', HTMLUListElement),
  result: byId('result', HTMLElement),
  version: byId('engine-version', HTMLElement),
  examples: byId('examples', HTMLUListElement),
  reference: byId('function-reference', HTMLElement),
};

/**
 * The page's state once the engine is loaded.
 * @param {Engine} engine
 * @param {Record<string, string>} summaries each function's one-line summary, by name
 */
function start(engine, summaries) {
  const summaryOf = (/** @type {string} */ name) => summaries[name] ?? '';
  /** @type {FunctionInfo[]} */
  const catalog = engine.functions().map((info) => ({ ...info, summary: summaryOf(info.name) }));

  page.version.textContent = `Engine ${engine.version()}`;
  page.version.title = 'Version of the Yardstick engine computing these results';

  const update = () => {
    evaluateInput(engine);
    updateSignature(engine, summaryOf);
    rememberFormula(page.input.value);
  };
  const autocomplete = new Autocomplete(page.input, page.suggestions, catalog, engine.nameAt, update);

  page.input.addEventListener('input', () => {
    update();
    autocomplete.refresh();
  });
  // The caret can move without an input event; keep the signature hint in step.
  for (const type of ['keyup', 'click', 'focus']) {
    page.input.addEventListener(type, () => updateSignature(engine, summaryOf));
  }

  page.examples.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-formula]') : null;
    if (!(button instanceof HTMLButtonElement)) return;
    setFormula(`=${button.dataset.formula ?? ''}`);
    update();
  });

  buildReference(catalog, update);

  page.input.disabled = false;
  setFormula(recalledFormula() ?? STARTING_FORMULA, false);
  evaluateInput(engine);
}

/**
 * Replaces the formula text and puts the caret at its end.
 * @param {string} text
 * @param {boolean} [focus]
 */
function setFormula(text, focus = true) {
  page.input.value = text;
  if (focus) page.input.focus();
  page.input.setSelectionRange(text.length, text.length);
}

/**
 * Evaluates the input's text exactly as typed, so diagnostic offsets line
 * up with it, and renders the value and diagnostics.
 * @param {Engine} engine
 */
function evaluateInput(engine) {
  const text = page.input.value;
  if (text.trim() === '' || text.trim() === '=') {
    page.result.replaceChildren(h('p', { class: 'placeholder' }, 'Type a formula to see its value.'));
    showDiagnostics(text, []);
    return;
  }
  let outcome;
  try {
    outcome = engine.evaluate(text);
  } catch (error) {
    page.result.replaceChildren(h('p', { class: 'engine-failure' }, `The engine could not evaluate this formula: ${describe(error)}`));
    showDiagnostics(text, []);
    return;
  }
  renderValue(page.result, outcome.value);
  showDiagnostics(text, outcome.diagnostics);
}

/**
 * Shows the formula with each diagnostic's span highlighted, and lists the
 * messages; each list entry selects its span in the input.
 * @param {string} text
 * @param {FormulaDiagnostic[]} diagnostics
 */
function showDiagnostics(text, diagnostics) {
  if (diagnostics.length === 0) {
    page.diagnostics.hidden = true;
    page.mirror.replaceChildren();
    page.diagnosticList.replaceChildren();
    page.input.removeAttribute('aria-invalid');
    return;
  }
  renderMirror(page.mirror, text, diagnostics);
  const items = diagnostics.map((diagnostic, index) => {
    const item = h('li', { class: 'diagnostic' });
    item.dataset.code = diagnostic.code;
    const jump = h('button', { class: 'diagnostic-jump' });
    jump.type = 'button';
    jump.dataset.diagnostic = String(index);
    jump.title = `Select this part of the formula (line ${diagnostic.line}, column ${diagnostic.column})`;
    jump.append(h('span', { class: 'diagnostic-position' }, `${diagnostic.line}:${diagnostic.column}`));
    jump.addEventListener('click', () => {
      page.input.focus();
      page.input.setSelectionRange(diagnostic.start, Math.max(diagnostic.start, diagnostic.end));
    });
    const message = h('span', { class: 'diagnostic-message' });
    appendMessage(message, diagnostic.message);
    item.append(jump, message);
    return item;
  });
  page.diagnosticList.replaceChildren(...items);
  page.diagnostics.hidden = false;
  page.input.setAttribute('aria-invalid', 'true');
}

/**
 * Shows the signature of the function whose parentheses hold the caret.
 * @param {Engine} engine
 * @param {(name: string) => string} summaryOf
 */
function updateSignature(engine, summaryOf) {
  const caret = page.input.selectionStart;
  const call = caret === null ? null : engine.callAt(page.input.value, caret);
  if (!call) {
    page.signature.hidden = true;
    return;
  }
  renderSignature(page.signature, call, summaryOf(call.name));
  page.signature.hidden = false;
}

/**
 * Lists every function by category; choosing one inserts `NAME(` at the caret.
 * @param {FunctionInfo[]} catalog
 * @param {() => void} onInsert
 */
function buildReference(catalog, onInsert) {
  const groups = Object.entries(CATEGORY_TITLES).map(([category, title]) => {
    const members = catalog.filter((info) => info.category === category).sort((a, b) => a.name.localeCompare(b.name));
    if (members.length === 0) return null;
    const group = h('section', { class: 'reference-group' });
    const headingId = `reference-${category}`;
    const heading = h('h3', {}, title);
    heading.id = headingId;
    const list = h('ul', { class: 'reference-list' });
    list.setAttribute('aria-labelledby', headingId);
    for (const info of members) {
      const item = h('li');
      const button = h('button', { class: 'reference-name' }, info.name);
      button.type = 'button';
      button.title = `${info.signature}: ${info.summary}`;
      button.setAttribute('aria-description', `${info.signature}. ${info.summary}`);
      button.addEventListener('click', () => {
        insertAtCaret(`${info.name}(`);
        onInsert();
      });
      item.append(button);
      list.append(item);
    }
    group.append(heading, list);
    return group;
  });
  page.reference.replaceChildren(...groups.filter((group) => group !== null));
}

/**
 * Inserts text at the input's caret (or over its selection) and focuses it.
 * @param {string} text
 */
function insertAtCaret(text) {
  const input = page.input;
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.focus();
  input.setRangeText(text, start, end, 'end');
}

/**
 * Keeps the formula in the address (`#=...`) so a page can be shared.
 * @param {string} text
 */
function rememberFormula(text) {
  const hash = text.trim() === '' ? '' : `#${encodeURIComponent(text)}`;
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** @returns {string | null} */
function recalledFormula() {
  if (location.hash.length <= 1) return null;
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return null;
  }
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

Promise.all([loadEngine(), loadFunctionSummaries()]).then(([engine, summaries]) => start(engine, summaries), (error) => {
  page.version.textContent = 'Engine unavailable';
  const failure = h('p', { class: 'engine-failure' }, `The engine did not load: ${describe(error)}. Reload the page to try again.`);
  page.result.replaceChildren(failure);
  console.error(error);
});
