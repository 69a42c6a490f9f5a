// @ts-check
/**
 * @file The workbench's model editor: the model document as JSON text in a
 * plain `<textarea>`, checked as it is typed. Each pause (150 ms, longer
 * for big documents) parses the text with `JSON.parse` (a syntax error is
 * the browser's own message, at its position) and compiles it with the
 * engine's `Model.compile`; every diagnostic is listed (code, message,
 * path), each entry selects the text it is about, and the lines with
 * problems are marked behind the text. A document that compiles goes to
 * the page through `onDocument`, which recompiles its calculator.
 *
 * It decides nothing about models: the engine finds the problems; this
 * module finds where they are in the text (`json-locator.js`) and draws.
 *
 * Keyboard: Tab inserts two spaces; Escape then Tab (or Shift+Tab) leaves
 * the textarea, as the visible hint says, so no one is trapped.
 */

import { createLocator, lineColumn, literalRange, locate, parsePath, stepsAt } from './json-locator.js';

/** @typedef {import('../../pkg/yardstick.js').ModelDocument} ModelDocument */
/** @typedef {import('../../pkg/yardstick.js').ModelDiagnostic} ModelDiagnostic */
/** @typedef {typeof import('../../pkg/yardstick.js').Model} ModelClass */
/** @typedef {import('./json-locator.js').TextRange} TextRange */

/**
 * What the page gives the editor.
 * @typedef {object} ModelEditorOptions
 * @property {string} text  the current model's JSON text
 * @property {ModelClass} Model  the engine's `Model` class (the page has loaded the engine)
 * @property {(document: ModelDocument, text: string) => void} onDocument
 *   called after an edit whenever the text is a model that compiles: the page recompiles its calculator
 */

/**
 * What `mountModelEditor` returns.
 * @typedef {object} ModelEditor
 * @property {(text: string) => void} setText  shows another document (the page opened another model); no `onDocument` for it
 * @property {() => void} destroy  removes the editor and stops its timer
 */

/**
 * A problem as the editor lists it: the engine's diagnostic, or a JSON
 * syntax error, with the text range it selects.
 * @typedef {object} Problem
 * @property {string} code
 * @property {string} message
 * @property {string} path
 * @property {TextRange} range
 * @property {number} line  from 1
 */

/** The pause after the last keystroke before the text is checked. */
const CHECK_DELAY_MS = 150;
/** Longest text checked, in UTF-16 units: past the engine's document bound (1 MiB of text) anyway. */
const MAX_TEXT_UNITS = 2_000_000;
/** Most problems listed and marked; the count says how many there are. */
const MAX_PROBLEMS_SHOWN = 200;
/** One line of the textarea, in px; the CSS sets the same `line-height`. */
const LINE_PX = 20;
/** The textarea's top padding, in px (CSS: `.model-editor-text`). */
const PAD_TOP_PX = 8;

let editorCount = 0;

/** Adds the editor's stylesheet to the page once. */
function ensureStyles() {
  const href = new URL('./model-editor.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => /** @type {HTMLLinkElement} */ (l).href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} [text]
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The range a diagnostic is about in `text`: its path's value (for a
 * formula span, the span inside the string literal); where the document
 * lacks the end of the path (a missing field), the deepest value found,
 * or the first character when that is the whole document.
 * @param {string} text
 * @param {ModelDiagnostic} diagnostic
 * @param {(steps: import('./json-locator.js').PathStep[]) => import('./json-locator.js').Located | null} [find]
 *   a locator over `text` shared by every diagnostic of one check
 * @returns {TextRange}
 */
export function diagnosticRange(text, diagnostic, find = createLocator(text)) {
  const steps = parsePath(diagnostic.path);
  const found = find(steps);
  if (found === null) return { start: 0, end: 0 };
  if (found.steps < steps.length && found.steps === 0) return { start: found.start, end: found.start + 1 };
  if (diagnostic.start !== undefined && diagnostic.end !== undefined && text.charAt(found.start) === '"') {
    return literalRange(text, found, { start: diagnostic.start, end: diagnostic.end });
  }
  return { start: found.start, end: found.end };
}

/**
 * The JSON syntax error as a problem: the browser's message, and the
 * position it names (Chromium: "at position 25"), or the end of the text.
 * @param {string} text
 * @param {unknown} error
 * @returns {Problem}
 */
function syntaxProblem(text, error) {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const at = Math.min(position ? Number(position[1]) : text.length, text.length);
  const range = { start: Math.max(0, at === text.length ? at - 1 : at), end: Math.min(text.length, at + 1) };
  return { code: 'json-syntax', message, path: '', range, line: lineColumn(text, range.start).line };
}

/**
 * Mounts the model editor in `root`.
 * @param {HTMLElement} root
 * @param {ModelEditorOptions} options
 * @returns {ModelEditor}
 */
export function mountModelEditor(root, options) {
  ensureStyles();
  editorCount += 1;
  const prefix = `model-editor-${editorCount}`;
  const container = element('section', 'model-editor');
  container.setAttribute('aria-labelledby', `${prefix}-title`);

  const title = element('h2', 'model-editor-title', 'Model document');
  title.id = `${prefix}-title`;
  const toolbar = element('div', 'model-editor-toolbar');
  const formatButton = element('button', 'model-editor-format', 'Format');
  formatButton.type = 'button';
  const downloadButton = element('button', 'model-editor-download', 'Download');
  downloadButton.type = 'button';
  const caret = element('span', 'model-editor-caret', 'Line 1, column 1');
  toolbar.append(formatButton, downloadButton, caret);

  const hint = element('p', 'model-editor-hint', 'Tab inserts two spaces. To leave the editor with the keyboard, press Escape, then Tab (or Shift+Tab).');
  hint.id = `${prefix}-hint`;

  const frame = element('div', 'model-editor-frame');
  const marks = element('div', 'model-editor-marks');
  marks.setAttribute('aria-hidden', 'true');
  const gutter = element('pre', 'model-editor-gutter');
  gutter.setAttribute('aria-hidden', 'true');
  const textarea = element('textarea', 'model-editor-text');
  textarea.id = `${prefix}-text`;
  textarea.spellcheck = false;
  textarea.wrap = 'off';
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('aria-label', 'Model document (JSON)');
  textarea.setAttribute('aria-describedby', `${prefix}-hint ${prefix}-status`);
  frame.append(marks, gutter, textarea);

  const status = element('p', 'model-editor-status');
  status.id = `${prefix}-status`;
  status.setAttribute('role', 'status');
  const problemsList = element('ol', 'model-editor-problems');
  problemsList.setAttribute('aria-label', 'Problems in the model document');

  container.append(title, toolbar, hint, frame, status, problemsList);
  root.append(container);

  /** @type {Problem[]} */
  let problems = [];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let lineCount = 0;
  let escapePressed = false;
  let lastChecked = '';

  function renderGutter() {
    const lines = textarea.value.split('\n').length;
    if (lines === lineCount) return;
    lineCount = lines;
    let numbers = '';
    for (let n = 1; n <= lines; n += 1) numbers += `${n}\n`;
    gutter.textContent = numbers;
  }

  function renderMarks() {
    marks.replaceChildren();
    const seen = new Set();
    for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
      if (seen.has(problem.line)) continue;
      seen.add(problem.line);
      const mark = element('div', 'model-editor-mark');
      mark.style.top = `${PAD_TOP_PX + (problem.line - 1) * LINE_PX}px`;
      marks.append(mark);
    }
    syncScroll();
  }

  function syncScroll() {
    gutter.scrollTop = textarea.scrollTop;
    marks.style.transform = `translateY(${-textarea.scrollTop}px)`;
  }

  function renderCaret() {
    const { line, column } = lineColumn(textarea.value, textarea.selectionStart);
    caret.textContent = `Line ${line}, column ${column}`;
  }

  /** @param {string} text */
  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function renderProblems() {
    const items = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem, index) => {
      const item = element('li', `model-editor-problem${problem.code === 'json-syntax' ? ' syntax' : ''}`);
      const button = element('button', 'model-editor-goto');
      button.type = 'button';
      button.dataset.index = String(index);
      const where = problem.path === '' ? `line ${problem.line}` : problem.path;
      button.append(element('span', 'model-editor-path', where), element('span', 'model-editor-message', problem.message), element('span', 'model-editor-code', problem.code));
      item.append(button);
      return item;
    });
    problemsList.replaceChildren(...items);
    problemsList.hidden = items.length === 0;
    textarea.setAttribute('aria-invalid', problems.length > 0 ? 'true' : 'false');
    renderMarks();
  }

  /**
   * Checks the text now; `apply` hands a model that compiles to the page.
   * @param {boolean} apply
   */
  function check(apply) {
    clearTimeout(timer);
    timer = undefined;
    const text = textarea.value;
    lastChecked = text;
    renderGutter();
    if (text.length > MAX_TEXT_UNITS) {
      problems = [{ code: 'too-large', message: `The document is longer than ${MAX_TEXT_UNITS.toLocaleString('en')} characters; the engine would refuse it.`, path: '', range: { start: 0, end: 0 }, line: 1 }];
      setStatus('1 problem: the document is too large.');
      renderProblems();
      return;
    }
    /** @type {ModelDocument} */
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problems = [syntaxProblem(text, error)];
      setStatus('1 problem: the text is not valid JSON; the calculator keeps the last valid model.');
      renderProblems();
      return;
    }
    try {
      const model = options.Model.compile(parsed);
      model.free();
    } catch (error) {
      const diagnostics = /** @type {{ diagnostics?: ModelDiagnostic[] }} */ (error).diagnostics;
      const list = Array.isArray(diagnostics) ? diagnostics : [{ code: 'invalid-model', message: error instanceof Error ? error.message : String(error), path: '' }];
      // Only the problems shown are located: one locator, about one pass over the text.
      const find = createLocator(text);
      problems = list.slice(0, MAX_PROBLEMS_SHOWN).map((diagnostic) => {
        const range = diagnosticRange(text, diagnostic, find);
        return { code: diagnostic.code, message: diagnostic.message, path: diagnostic.path, range, line: lineColumn(text, range.start).line };
      });
      const shown = list.length > MAX_PROBLEMS_SHOWN ? ` (the first ${MAX_PROBLEMS_SHOWN} listed)` : '';
      const count = list.length === 1 ? '1 problem' : `${list.length} problems${shown}`;
      setStatus(`${count}; the calculator keeps the last valid model.`);
      renderProblems();
      return;
    }
    problems = [];
    renderProblems();
    setStatus(apply ? 'No problems; the calculator is up to date.' : 'No problems.');
    if (apply) options.onDocument(parsed, text);
  }

  function schedule() {
    clearTimeout(timer);
    // Longer pauses for big documents: a check is one parse and one compile.
    const delay = CHECK_DELAY_MS + Math.min(850, Math.floor(textarea.value.length / 2_000));
    timer = setTimeout(() => check(true), delay);
  }

  /**
   * Selects `range` in the textarea and scrolls it into view.
   * @param {TextRange} range
   */
  function select(range) {
    textarea.focus();
    textarea.setSelectionRange(range.start, range.end);
    const { line } = lineColumn(textarea.value, range.start);
    const top = PAD_TOP_PX + (line - 1) * LINE_PX;
    if (top < textarea.scrollTop || top + LINE_PX > textarea.scrollTop + textarea.clientHeight) {
      textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
    }
    syncScroll();
    renderCaret();
  }

  /**
   * Replaces the whole text as one edit the browser can undo.
   * @param {string} text
   */
  function replaceAll(text) {
    textarea.focus();
    textarea.select();
    // execCommand keeps the browser's undo history; setRangeText does not.
    if (!document.execCommand('insertText', false, text)) textarea.setRangeText(text, 0, textarea.value.length, 'end');
  }

  function format() {
    const text = textarea.value;
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      check(false);
      const first = problems[0];
      if (first) select(first.range);
      return;
    }
    const caretSteps = stepsAt(text, textarea.selectionStart);
    const formatted = `${JSON.stringify(parsed, null, 2)}\n`;
    if (formatted !== text) replaceAll(formatted);
    const back = locate(formatted, caretSteps);
    select(back ? { start: back.start, end: back.start } : { start: 0, end: 0 });
    check(true);
  }

  function download() {
    const text = textarea.value;
    let name = 'model.json';
    try {
      const parsed = JSON.parse(text);
      const safe = (/** @type {unknown} */ part) => String(part ?? '').replace(/[^A-Za-z0-9._-]+/g, '-');
      if (parsed && typeof parsed === 'object' && parsed.id) name = `${safe(parsed.id)}-${safe(parsed.version ?? '')}.json`;
    } catch {
      // Not JSON yet: the text is still worth keeping, under a plain name.
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    container.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  textarea.addEventListener('input', () => {
    renderGutter();
    renderCaret();
    schedule();
  });
  textarea.addEventListener('scroll', syncScroll);
  for (const type of ['keyup', 'click', 'select', 'focus']) textarea.addEventListener(type, renderCaret);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      escapePressed = true;
      return;
    }
    const leaving = escapePressed;
    escapePressed = false;
    if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || leaving) return;
    event.preventDefault();
    if (!document.execCommand('insertText', false, '  ')) {
      textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    }
  });
  textarea.addEventListener('blur', () => {
    escapePressed = false;
    // Leaving the editor checks at once: the page should not wait for the pause.
    if (timer !== undefined && textarea.value !== lastChecked) check(true);
  });
  problemsList.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('.model-editor-goto') : null);
    const problem = problems[Number(button?.dataset.index)];
    if (problem) select(problem.range);
  });
  formatButton.addEventListener('click', format);
  downloadButton.addEventListener('click', download);

  /** @param {string} text */
  function setText(text) {
    textarea.value = text;
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
    lineCount = 0;
    check(false);
    renderCaret();
  }

  setText(options.text);

  return {
    setText,
    destroy() {
      clearTimeout(timer);
      container.remove();
    },
  };
}
