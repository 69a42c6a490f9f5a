// @ts-check
/**
 * @file A saved case's history: every revision (when, by whom, the step,
 * the server's summary of what it changed), each revision's changes on
 * request, a button to open an older one read-only, and a comparison of
 * any two revisions. The diffs are the server's (`GET …/compare`); this
 * module lists and renders them.
 */

import { h } from '../widget/dom.js';
import { stepLabel } from './case-document.js';
import { renderChanges, summaryText } from './case-diff-view.js';
import { compareRevisions, listRevisions } from './case-store.js';

/** @typedef {import('./session.js').PageSession} PageSession */
/** @typedef {import('./case-panel.js').Binding} Binding */
/** @typedef {import('./case-store.js').RevisionEntry} RevisionEntry */

/**
 * @param {HTMLElement} root
 * @param {{ session: () => PageSession | null, binding: () => Binding | null, open: (revision: number | undefined) => Promise<void> }} host
 * @returns {{ refresh: () => Promise<void> }}
 */
export function mountHistory(root, host) {
  const from = h('select', { id: 'wb-compare-from' });
  const to = h('select', { id: 'wb-compare-to' });
  const result = h('div', { id: 'wb-compare-result', class: 'wb-compare-result', role: 'status' });
  const table = h('div', { class: 'table-scroll wb-history-scroll' });
  const compareForm = h(
    'form',
    { id: 'wb-compare-form', class: 'wb-compare-form' },
    h('label', { for: from.id }, 'Compare revision'),
    from,
    h('label', { for: to.id }, 'with revision'),
    to,
    h('button', { type: 'submit' }, 'Compare'),
  );
  root.replaceChildren(h('h3', { id: 'wb-history-heading' }, 'History'), table, compareForm, result);
  /** Which revisions are listed, so a refresh of the same case keeps the comparison. */
  let listed = '';

  compareForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const binding = host.binding();
    const session = host.session();
    if (!binding || !session) return;
    const a = Number(from.value);
    const b = Number(to.value);
    result.replaceChildren(h('p', { class: 'hint' }, 'Comparing…'));
    try {
      const answer = await compareRevisions(binding.id, a, b);
      result.replaceChildren(h('h4', {}, `From revision ${answer.from} to revision ${answer.to}`), renderChanges(answer.changes, session));
    } catch (failure) {
      result.replaceChildren(h('p', { class: 'wb-refusal' }, failure instanceof Error ? failure.message : String(failure)));
    }
  });

  /**
   * Shows or hides what one revision changed since the one before.
   * @param {RevisionEntry} entry
   * @param {HTMLButtonElement} button
   * @param {HTMLTableRowElement} row
   */
  async function toggleChanges(entry, button, row) {
    const shown = row.nextElementSibling?.classList.contains('wb-revision-changes');
    if (shown) {
      row.nextElementSibling?.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const binding = host.binding();
    const session = host.session();
    if (!binding || !session) return;
    const cell = h('td', { colspan: '6' });
    row.after(h('tr', { class: 'wb-revision-changes', id: `wb-revision-${entry.revision}-changes` }, cell));
    button.setAttribute('aria-expanded', 'true');
    if (entry.revision === 1) {
      cell.replaceChildren(h('p', {}, 'The first revision: the case was created.'));
      return;
    }
    try {
      const answer = await compareRevisions(binding.id, entry.revision - 1, entry.revision);
      cell.replaceChildren(renderChanges(answer.changes, session));
    } catch (failure) {
      cell.replaceChildren(h('p', { class: 'wb-refusal' }, failure instanceof Error ? failure.message : String(failure)));
    }
  }

  /**
   * @param {RevisionEntry[]} revisions  oldest first
   * @param {Binding} binding
   * @param {PageSession} session
   */
  function render(revisions, binding, session) {
    const when = (/** @type {number} */ ms) => new Date(ms).toLocaleString(session.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const rows = [...revisions].reverse().map((entry) => {
      const changes = h('button', { type: 'button', class: 'wb-link-button', 'aria-expanded': 'false', 'aria-controls': `wb-revision-${entry.revision}-changes` }, 'What changed', h('span', { class: 'visually-hidden' }, ` in revision ${entry.revision}`));
      const current = entry.revision === binding.revision;
      const open = current
        ? h('span', { class: 'wb-tag' }, 'shown')
        : h('button', { type: 'button', class: 'wb-link-button', 'data-open-revision': String(entry.revision) }, entry.revision === binding.latestRevision ? 'Open' : 'Open read-only', h('span', { class: 'visually-hidden' }, ` revision ${entry.revision}`));
      const row = h(
        'tr',
        { 'data-revision': String(entry.revision) },
        h('th', { scope: 'row', 'data-label': 'Revision' }, String(entry.revision)),
        h('td', { 'data-label': 'Saved' }, when(entry.savedAtMs)),
        h('td', { 'data-label': 'By' }, entry.author),
        h('td', { 'data-label': 'Step' }, stepLabel(entry.step), entry.dropped ? h('span', { class: 'wb-tag wb-dropped-tag' }, 'dropped') : null),
        h('td', { class: 'wb-summary-cell', 'data-label': 'Changes' }, h('span', { class: 'wb-change-summary' }, entry.revision === 1 ? 'created' : summaryText(entry.changes)), ' ', changes),
        h('td', { 'data-label': 'Open' }, open),
      );
      changes.addEventListener('click', () => void toggleChanges(entry, changes, row));
      if (open instanceof HTMLButtonElement) open.addEventListener('click', () => void host.open(entry.revision === binding.latestRevision ? undefined : entry.revision));
      return row;
    });
    table.replaceChildren(
      h(
        'table',
        { class: 'wb-table wb-history-table' },
        h('caption', { class: 'visually-hidden' }, `Revisions of case ${binding.id}, newest first`),
        h('thead', {}, h('tr', {}, ...['Revision', 'Saved', 'By', 'Step', 'Changes', 'Open'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, ...rows),
      ),
    );
    const key = `${binding.id}:${revisions.length}`;
    if (key !== listed) {
      const options = () => revisions.map((entry) => h('option', { value: String(entry.revision) }, `${entry.revision} (${when(entry.savedAtMs)})`));
      from.replaceChildren(...options());
      to.replaceChildren(...options());
      from.value = String(Math.max(1, revisions.length - 1));
      to.value = String(revisions.length);
      result.replaceChildren();
      listed = key;
    }
  }

  return {
    async refresh() {
      const binding = host.binding();
      const session = host.session();
      root.hidden = !binding;
      if (!binding || !session) {
        listed = '';
        return;
      }
      try {
        const answer = await listRevisions(binding.id);
        if (host.binding()?.id !== binding.id) return;
        render(answer.revisions, binding, session);
      } catch (failure) {
        table.replaceChildren(h('p', { class: 'wb-refusal' }, `The history could not be read: ${failure instanceof Error ? failure.message : String(failure)}`));
      }
    },
  };
}
