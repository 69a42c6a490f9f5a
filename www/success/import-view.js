// @ts-check
/**
 * The CSV import: the chosen files go together to `POST
 * /api/success/import` as one form. The server checks every file (the
 * rows of one may name the accounts of another) and stores all of them or
 * none, so a refused file leaves nothing half imported; every problem of
 * every file is listed (file, line, column, reason). After a store,
 * `onStored` reloads the portfolio.
 */

import { h } from '../widget/dom.js';
import { importCsvFiles } from './engine.js';
import { countText } from './format.js';

/** The answer's row counts by table, under their file names. */
const FILE_OF_COUNT = {
  accounts: 'accounts.csv',
  signals: 'signals.csv',
  events: 'events.csv',
  outcomes: 'outcomes.csv',
  actuals: 'outcome_actuals.csv',
  renegotiations: 'outcome_renegotiations.csv',
  renewals: 'renewals.csv',
  realised: 'realised.csv',
  checklist: 'checklist.csv',
  plays: 'plays.csv',
};

/** @param {import('./engine.js').CsvProblem} p */
function problemText(p) {
  return p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason ?? p.message}` : (p.reason ?? p.message);
}

/**
 * The refused import: each file with problems, its list under it.
 * @param {string} error @param {import('./engine.js').CsvProblem[]} problems @param {string[]} names
 */
function refusedLines(error, problems, names) {
  /** @type {Map<string, import('./engine.js').CsvProblem[]>} */
  const byFile = new Map();
  for (const p of problems) {
    const file = p.file ?? '';
    byFile.set(file, [...(byFile.get(file) ?? []), p]);
  }
  const fine = names.filter((name) => !byFile.has(name));
  /** @type {HTMLElement[]} */
  const lines = [h('p', { class: 'import-error', role: 'alert' }, `${error}. Nothing of ${names.length === 1 ? 'it' : 'the files'} was stored${fine.length ? `; no problem in ${fine.join(', ')}` : ''}.`)];
  for (const [file, list] of byFile) {
    lines.push(
      h('h3', { class: 'import-file', 'data-file': file }, `${file || 'The import'}: ${countText(list.length)} ${list.length === 1 ? 'problem' : 'problems'}`),
      h('ul', { class: 'import-problems', 'data-file': file, 'aria-label': `Problems in ${file || 'the import'}` }, ...list.map((p) => h('li', { 'data-line': p.line ?? '', 'data-column': p.column ?? '' }, problemText(p)))),
    );
  }
  return lines;
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {HTMLElement} result
 * @param {() => Promise<void>} onStored
 */
export function wireImport(form, input, result, onStored) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const files = [...(input.files ?? [])];
    const names = files.map((file) => file.name);
    result.replaceChildren(h('p', {}, `Sending ${names.join(', ')}…`));
    const answer = await importCsvFiles(files).catch((error) => ({ ok: /** @type {const} */ (false), error: String(error), problems: [] }));
    if (!answer.ok) {
      result.replaceChildren(...refusedLines(answer.error, answer.problems, names));
      return;
    }
    const counts = Object.entries(answer.stored);
    result.replaceChildren(
      ...names.map((name) => {
        const rows = counts.find(([table]) => FILE_OF_COUNT[/** @type {keyof typeof FILE_OF_COUNT} */ (table)] === name)?.[1] ?? 0;
        return h('p', { class: 'import-stored', 'data-file': name }, `${name}: ${countText(rows)} ${rows === 1 ? 'row' : 'rows'} stored.`);
      }),
    );
    await onStored();
  });
}
