// @ts-check
/**
 * @file "Drop this project" and "Reopen" for the saved case the page has
 * open (docs/cases.md, "Dropped projects"). Dropping asks for the
 * customer's reason (required, at most 500 characters) in a confirmation
 * step, then saves a revision through `POST …/drop`; a dropped case shows
 * its reason and a "Reopen" button (`POST …/reopen`). Both are revisions
 * of their own, sent without the model, so edits the page has not saved
 * stay unsaved, as with a step move.
 *
 * It decides nothing: the server (its core) checks the reason and takes
 * the case out of the open pipeline.
 */

import { h } from '../widget/dom.js';
import { stepLabel } from './case-document.js';
import { dropCase, reopenCase } from './case-store.js';

/** @typedef {import('./case-panel.js').Binding} Binding */
/** @typedef {import('./case-store.js').SaveAnswer} SaveAnswer */

/** The longest reason the server takes (docs/cases.md, `dropped.reason`). */
const MAX_REASON_CHARS = 500;

/**
 * What the panel gives this control.
 * @typedef {object} DropHost
 * @property {() => Binding | null} binding  the saved case shown, if any
 * @property {() => string} author  who saves, as typed in the panel
 * @property {(answer: SaveAnswer, dropped: { reason: string } | null) => void} saved  a drop or reopen was saved as `answer`; shows it at once
 * @property {(failure: unknown) => void} failed  shows a refused or failed request
 */

/**
 * @param {HTMLElement} root  an empty element in the "Saved case" card
 * @param {DropHost} host
 * @returns {{ render: () => void }}
 */
export function mountDrop(root, host) {
  const heading = h('h3', { id: 'wb-drop-heading' }, 'Project status');
  const state = h('p', { id: 'wb-drop-state' });
  const start = h('button', { type: 'button', id: 'wb-drop-start', class: 'wb-secondary', 'aria-expanded': 'false', 'aria-controls': 'wb-drop-form' }, 'Drop this project…');
  const reopen = h('button', { type: 'button', id: 'wb-reopen' }, 'Reopen');
  const reason = h('textarea', { id: 'wb-drop-reason', rows: '2', maxlength: String(MAX_REASON_CHARS), required: true, 'aria-describedby': 'wb-drop-hint' });
  const reasonError = h('p', { id: 'wb-drop-reason-error', class: 'wb-refusal', role: 'alert', hidden: true }, 'Say why the customer dropped the project.');
  const confirm = h('button', { type: 'submit', id: 'wb-drop-confirm' }, 'Drop the project');
  const cancel = h('button', { type: 'button', id: 'wb-drop-cancel', class: 'wb-secondary' }, 'Cancel');
  const form = h(
    'form',
    { id: 'wb-drop-form', class: 'wb-case-drop-form', novalidate: true, hidden: true },
    h('label', { for: reason.id }, 'Why did the customer drop it? (required)'),
    reason,
    h('p', { class: 'hint', id: 'wb-drop-hint' }, 'The case leaves the open pipeline and is counted as dropped at the last step it passed. It keeps its revisions, and you can reopen it.'),
    reasonError,
    h('p', { class: 'wb-save-buttons' }, confirm, cancel),
  );
  const section = h('section', { id: 'wb-case-drop', class: 'wb-case-drop', 'aria-labelledby': heading.id }, heading, state, start, reopen, form);
  root.replaceChildren(section);
  let busy = false;

  function closeForm() {
    form.hidden = true;
    start.setAttribute('aria-expanded', 'false');
    reason.removeAttribute('aria-invalid');
    reasonError.hidden = true;
  }

  function render() {
    const binding = host.binding();
    root.hidden = binding === null;
    if (!binding) return;
    const dropped = binding.dropped;
    state.textContent = dropped ? `Dropped at ${stepLabel(binding.step)}: ${dropped.reason}` : `Open, at ${stepLabel(binding.step)}.`;
    state.dataset.state = dropped ? 'dropped' : 'open';
    start.hidden = dropped !== null;
    reopen.hidden = dropped === null;
    for (const control of [start, reopen, confirm]) control.disabled = binding.readOnly || busy;
    if (dropped || binding.readOnly) closeForm();
  }

  start.addEventListener('click', () => {
    form.hidden = false;
    start.setAttribute('aria-expanded', 'true');
    reason.focus();
  });
  cancel.addEventListener('click', () => {
    closeForm();
    start.focus();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    closeForm();
    start.focus();
  });

  /**
   * Runs a drop or reopen, then hands the answer to the panel.
   * @param {(binding: Binding) => Promise<SaveAnswer>} call
   * @param {{ reason: string } | null} dropped  the state it saves
   */
  async function run(call, dropped) {
    const binding = host.binding();
    if (!binding || busy) return;
    busy = true;
    render();
    try {
      const answer = await call(binding);
      closeForm();
      reason.value = '';
      busy = false;
      host.saved(answer, dropped);
      (dropped ? reopen : start).focus();
    } catch (failure) {
      host.failed(failure);
    } finally {
      busy = false;
      render();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-errormessage', reasonError.id);
      reasonError.hidden = false;
      reason.focus();
      return;
    }
    reason.removeAttribute('aria-invalid');
    reasonError.hidden = true;
    void run((binding) => dropCase(binding.id, binding.revision, text, host.author()), { reason: text });
  });
  reopen.addEventListener('click', () => void run((binding) => reopenCase(binding.id, binding.revision, host.author()), null));

  return { render };
}
