// @ts-check
/**
 * The CSV import: the chosen files go to `POST /api/success/import/{file}`
 * one at a time, accounts and outcomes before the rows that name them.
 * Each file is all or nothing on the server; the first one with problems
 * stops the import and every problem is listed (file, line, column,
 * reason). After a file is stored, `onStored` reloads the portfolio.
 */

import { h } from '../widget/dom.js';
import { importCsv } from './engine.js';
import { countText } from './format.js';

/** The tables, in the order that lets each find the ids it names. */
const ORDER = ['accounts.csv', 'outcomes.csv', 'signals.csv', 'events.csv', 'outcome_actuals.csv', 'outcome_renegotiations.csv', 'renewals.csv'];

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
    const unknown = files.filter((file) => !ORDER.includes(file.name));
    if (unknown.length) {
      result.replaceChildren(h('p', { class: 'import-error', role: 'alert' }, `Not a table of the format: ${unknown.map((f) => f.name).join(', ')}. The file names are ${ORDER.join(', ')}.`));
      return;
    }
    files.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
    /** @type {HTMLElement[]} */
    const lines = [];
    let stored = false;
    for (const file of files) {
      result.replaceChildren(...lines, h('p', {}, `Sending ${file.name}…`));
      const answer = await importCsv(file.name, file).catch((error) => ({ ok: /** @type {const} */ (false), error: String(error), problems: [] }));
      if (answer.ok) {
        const rows = Object.values(answer.stored).reduce((sum, n) => sum + n, 0);
        lines.push(h('p', { class: 'import-stored', 'data-file': file.name }, `${file.name}: ${countText(rows)} rows stored.`));
        stored = true;
        continue;
      }
      const skipped = files.slice(files.indexOf(file) + 1).map((f) => f.name);
      lines.push(
        h('p', { class: 'import-error', role: 'alert', 'data-file': file.name }, `${file.name}: ${answer.error}. Nothing of it was stored${skipped.length ? `; not sent: ${skipped.join(', ')}` : ''}.`),
        h(
          'ul',
          { class: 'import-problems', 'aria-label': `Problems in ${file.name}` },
          ...answer.problems.map((p) =>
            h('li', { 'data-line': p.line ?? '', 'data-column': p.column ?? '' }, p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason ?? p.message}` : p.message),
          ),
        ),
      );
      break;
    }
    result.replaceChildren(...lines);
    if (stored) await onStored();
  });
}
