// @ts-check
/**
 * @file "Saved cases" in the opening card: lists the server's cases
 * (`GET /api/cases`, all or one customer's, newest first) with a button
 * to open each and one to duplicate it (the copy opens). The list and the
 * values are the server's; this module asks and renders.
 */

import { h } from '../widget/dom.js';
import { stepLabel } from './case-document.js';
import { CaseStoreError, duplicateCase, listCases, readCase } from './case-store.js';

/** @typedef {import('./case-store.js').RevisionAnswer} RevisionAnswer */

/** Cases listed at once (the API answers `more` past it). */
const LIST_LIMIT = 50;

/**
 * @param {HTMLFormElement} form  with `#wb-list-customer`
 * @param {HTMLElement} root      where the list goes
 * @param {{ open: (answer: RevisionAnswer) => Promise<void>, mayDiscard: () => boolean, author: () => string }} host
 */
export function mountCaseList(form, root, host) {
  const customer = /** @type {HTMLInputElement} */ (form.querySelector('#wb-list-customer'));

  /** @param {unknown} failure */
  const failed = (failure) => {
    const message = failure instanceof CaseStoreError && failure.kind === 'invalid' ? `${failure.body?.path ?? ''}: ${failure.message}` : failure instanceof Error ? failure.message : String(failure);
    root.replaceChildren(h('p', { class: 'wb-refusal', role: 'alert' }, message));
  };

  /**
   * @param {() => Promise<RevisionAnswer>} fetchCase
   */
  async function openWith(fetchCase) {
    if (!host.mayDiscard()) return;
    try {
      await host.open(await fetchCase());
    } catch (failure) {
      failed(failure);
    }
  }

  async function list() {
    const filter = customer.value.trim();
    root.replaceChildren(h('p', { class: 'hint' }, 'Listing…'));
    let answer;
    try {
      answer = await listCases({ customer: filter || undefined, limit: LIST_LIMIT });
    } catch (failure) {
      failed(failure);
      return;
    }
    if (!answer.cases.length) {
      root.replaceChildren(h('p', { role: 'status' }, filter ? `No saved cases for customer “${filter}”.` : 'No saved cases yet.'));
      return;
    }
    const rows = answer.cases.map((entry) => {
      const value = entry.value === null ? '—' : new Intl.NumberFormat(undefined, { style: 'currency', currency: entry.currency, maximumFractionDigits: 0 }).format(entry.value);
      const open = h('button', { type: 'button', 'data-open-case': String(entry.id) }, 'Open', h('span', { class: 'visually-hidden' }, ` ${entry.title}`));
      const duplicate = h('button', { type: 'button', class: 'wb-secondary', 'data-duplicate-case': String(entry.id) }, 'Duplicate', h('span', { class: 'visually-hidden' }, ` ${entry.title}`));
      open.addEventListener('click', () => void openWith(() => readCase(entry.id)));
      duplicate.addEventListener('click', () =>
        void openWith(async () => {
          const author = host.author();
          const copy = await duplicateCase(entry.id, author ? { author } : {});
          return readCase(copy.id);
        }),
      );
      return h(
        'tr',
        { 'data-case': String(entry.id) },
        h('th', { scope: 'row' }, entry.title),
        h('td', {}, `${entry.customer.name} (${entry.customer.id})`),
        h('td', {}, stepLabel(entry.step), entry.dropped ? h('span', { class: 'wb-tag wb-dropped-tag' }, 'dropped') : null),
        h('td', {}, `${entry.revision}, ${new Date(entry.updatedAtMs).toLocaleDateString(undefined, { dateStyle: 'medium' })} by ${entry.author}`),
        h('td', { class: 'wb-number' }, value),
        h('td', { class: 'wb-row-actions' }, open, duplicate),
      );
    });
    root.replaceChildren(
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'wb-table wb-case-list' },
          h('caption', { class: 'visually-hidden' }, filter ? `Saved cases of ${filter}` : 'Saved cases'),
          h('thead', {}, h('tr', {}, ...['Case', 'Customer', 'Step', 'Revision', 'Value', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, ...rows),
        ),
      ),
      answer.more ? h('p', { class: 'hint' }, `The ${LIST_LIMIT} most recently changed are listed; filter by customer to see others.`) : '',
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void list();
  });
}
