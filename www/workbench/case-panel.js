// @ts-check
/**
 * @file The "Saved case" card: saves the open case on the server (the
 * first save creates it, later ones are revisions over the revision the
 * page opened), shows a refused save's reason and path in place, a
 * conflicting save's "someone saved revision N meanwhile" with what they
 * changed and the two ways out (load theirs after a confirmation, or save
 * mine as a new case), moves the case between pipeline steps, and hosts
 * the history (`case-history.js`) and "Drop this project" / "Reopen"
 * (`case-drop.js`; a dropped case keeps its step until reopened). Nothing typed is ever dropped by a
 * failed request: the page's case stays as it was.
 *
 * It decides nothing: the server (its core) checks the case, computes
 * its figures and verdict, numbers revisions and detects conflicts.
 */

import { h } from '../widget/dom.js';
import { STEPS, caseDocument, idFromName, stepLabel } from './case-document.js';
import { renderChanges } from './case-diff-view.js';
import { mountDrop } from './case-drop.js';
import { mountHistory } from './case-history.js';
import { CaseStoreError, createCase, moveStep, readCase, readPipeline, reviseCase } from './case-store.js';

/** @typedef {import('./session.js').PageSession} PageSession */
/** @typedef {import('./case-document.js').CaseDocument} CaseDocument */
/** @typedef {import('./case-document.js').CaseMeta} CaseMeta */
/** @typedef {import('./case-store.js').RevisionAnswer} RevisionAnswer */
/** @typedef {import('./case-store.js').SaveAnswer} SaveAnswer */

/** Where "saved by" is kept: this tab only, unless the person ticks "remember". */
const AUTHOR_KEY = 'yardstick.workbench.author';

/**
 * A storage call, or `fallback` where the browser refuses storage (a
 * privacy setting): the name is then simply not remembered.
 * @template T
 * @param {() => T} call
 * @param {T} fallback
 * @returns {T}
 */
function storage(call, fallback) {
  try {
    return call();
  } catch {
    return fallback;
  }
}

/**
 * The saved case the page has open.
 * @typedef {object} Binding
 * @property {number} id
 * @property {number} revision        the revision shown (the base of the next save)
 * @property {number} latestRevision  the newest the page knows of
 * @property {number} savedAtMs
 * @property {string} author          who saved the revision shown
 * @property {string} step            the saved step
 * @property {{ reason: string } | null} dropped  set when the saved case is dropped
 * @property {string} customerId
 * @property {boolean} readOnly       an older revision, opened to read
 */

/**
 * What the page gives the panel.
 * @typedef {object} CasePanelHost
 * @property {(answer: RevisionAnswer, readOnly: boolean) => Promise<void>} openSaved  opens a saved revision as the page's case (then calls `bind`)
 * @property {(name: string) => void} customerNamed  the customer's name changed here
 * @property {HTMLFieldSetElement} inputs  the inputs editor, disabled while a revision is read-only
 */

/**
 * @param {HTMLElement} root  the card's body
 * @param {CasePanelHost} host
 */
export function createCasePanel(root, host) {
  /** @type {PageSession | null} */
  let session = null;
  /** @type {Binding | null} */
  let binding = null;
  /** What the case was when opened or last saved, to say whether it has unsaved changes. */
  let savedFingerprint = '';
  /** @type {() => void} */
  let unsubscribe = () => {};
  /** The saved document of the revision shown (what "restore" puts back). */
  /** @type {CaseDocument | null} */
  let openedCase = null;

  const field = (/** @type {string} */ id, /** @type {Record<string, string>} */ attributes = {}) => h('input', { id, type: 'text', autocomplete: 'off', ...attributes });
  const title = field('wb-case-title', { maxlength: '200' });
  const customerId = field('wb-case-customer-id', { maxlength: '64', spellcheck: 'false' });
  const customerName = field('wb-case-customer-name', { maxlength: '200', autocomplete: 'organization' });
  const author = field('wb-case-author', { maxlength: '200', autocomplete: 'name' });
  const remember = h('input', { id: 'wb-case-remember', type: 'checkbox' });
  const step = h('select', { id: 'wb-case-step' }, ...STEPS.map(([value, label]) => h('option', { value }, label)));
  const status = h('p', { id: 'wb-case-status', class: 'wb-case-status', role: 'status' });
  const readOnlyBox = h('div', { id: 'wb-readonly', class: 'wb-link-status wb-warning', hidden: true });
  const error = h('div', { id: 'wb-save-error', class: 'wb-error', role: 'alert', hidden: true });
  const conflict = h('section', { id: 'wb-conflict', class: 'wb-conflict', 'aria-labelledby': 'wb-conflict-heading', hidden: true });
  const notes = h('div', { id: 'wb-step-notes', class: 'wb-step-notes', role: 'status' });
  const pipelineLink = h('a', { id: 'wb-pipeline-link', href: 'pipeline.html' }, 'the pipeline');
  const saveButton = h('button', { type: 'submit', id: 'wb-save-case' }, 'Save case');
  const copyButton = h('button', { type: 'button', id: 'wb-save-copy', class: 'wb-secondary' }, 'Save as a new case');
  const moveButton = h('button', { type: 'button', id: 'wb-move-step', class: 'wb-secondary', hidden: true }, 'Move to this step only');
  const historyRoot = h('div', { id: 'wb-history', hidden: true });
  const dropRoot = h('div', { id: 'wb-drop-root', hidden: true });
  const stepHint = h('p', { class: 'hint', id: 'wb-step-dropped-hint', hidden: true }, 'A dropped case stays at the step it was dropped at: reopen it to move it.');

  const storedAuthor = storage(() => localStorage.getItem(AUTHOR_KEY), null);
  remember.checked = storedAuthor !== null;
  author.value = storedAuthor ?? storage(() => sessionStorage.getItem(AUTHOR_KEY), null) ?? '';

  const form = h(
    'form',
    { id: 'wb-save-form', class: 'wb-save-form', novalidate: true },
    h('label', { for: title.id }, 'Title'),
    title,
    h('label', { for: customerName.id }, 'Customer name'),
    customerName,
    h('label', { for: customerId.id }, 'Customer id'),
    h('div', {}, customerId, h('p', { class: 'hint', id: 'wb-case-customer-id-hint' }, 'What the pipeline groups cases by: letters, digits, . _ : -')),
    h('label', { for: author.id }, 'Saved by'),
    h(
      'div',
      {},
      author,
      h('p', { class: 'wb-remember' }, remember, ' ', h('label', { for: remember.id }, 'Remember my name on this device')),
      h('p', { class: 'hint', id: 'wb-case-author-hint' }, 'Your name is kept for this tab only, unless you tick the box (then in this browser until you untick it).'),
    ),
    h('label', { for: step.id }, 'Pipeline step'),
    h('div', {}, h('div', { class: 'wb-step-row' }, step, moveButton), stepHint),
    h('div', { class: 'wb-save-buttons' }, saveButton, copyButton),
  );
  customerId.setAttribute('aria-describedby', 'wb-case-customer-id-hint');
  author.setAttribute('aria-describedby', 'wb-case-author-hint');
  root.replaceChildren(status, readOnlyBox, conflict, form, error, h('p', { class: 'hint' }, 'See this customer’s cases in ', pipelineLink, '.'), notes, dropRoot, historyRoot);

  const revisions = mountHistory(historyRoot, {
    session: () => session,
    binding: () => binding,
    open: (revision) => openRevision(revision),
  });

  const drop = mountDrop(dropRoot, {
    binding: () => binding,
    author: () => {
      rememberAuthor();
      return author.value.trim();
    },
    saved: (answer, dropped) => dropSaved(answer, dropped),
    failed: (failure) => {
      clearRefusal();
      showFailure(failure, session ? caseDocument(session.state, session.document, meta()) : undefined);
    },
  });

  /** @returns {CaseMeta} */
  const meta = () => ({ title: title.value.trim(), customer: { id: customerId.value.trim(), name: customerName.value.trim() }, step: step.value, dropped: binding?.dropped ?? null, author: author.value.trim() });
  /**
   * The case as it would be saved now, without who saves it (and at `atStep`, when given).
   * @param {string} [atStep]
   */
  // The model document counts: a model edited in the page is a change to save.
  const fingerprint = (atStep) => (session ? JSON.stringify(caseDocument(session.state, session.document, { ...meta(), step: atStep ?? step.value, author: '' })) : '');
  const isDirty = () => session !== null && fingerprint() !== savedFingerprint;

  function renderStatus() {
    if (!session) return;
    if (!binding) {
      status.textContent = 'This case is not saved yet.';
      return;
    }
    const when = new Date(binding.savedAtMs).toLocaleString(session.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const which = binding.readOnly ? `revision ${binding.revision} (read-only; the latest is ${binding.latestRevision})` : `revision ${binding.revision}`;
    const dirty = binding.readOnly ? '' : isDirty() ? ' · unsaved changes' : ' · no unsaved changes';
    status.textContent = `Case ${binding.id}, ${which}, saved by ${binding.author} on ${when}${dirty}.`;
    status.dataset.dirty = String(isDirty());
  }

  function renderReadOnly() {
    const readOnly = binding?.readOnly === true;
    host.inputs.disabled = readOnly;
    saveButton.disabled = readOnly;
    moveButton.disabled = readOnly;
    readOnlyBox.hidden = !readOnly;
    if (!readOnly || !binding) return;
    const { id, revision, latestRevision } = binding;
    readOnlyBox.replaceChildren(
      h('p', { class: 'wb-warning-title' }, `You are reading revision ${revision} of case ${id}; the latest is revision ${latestRevision}.`),
      h('p', {}, 'Its inputs cannot be changed here. Open the latest revision to work on the case, or make this one the latest again.'),
      h('p', { class: 'wb-save-buttons' }, h('button', { type: 'button', id: 'wb-open-latest', onclick: null }, 'Open the latest revision'), h('button', { type: 'button', id: 'wb-restore', class: 'wb-secondary' }, `Restore as revision ${latestRevision + 1}`)),
    );
    readOnlyBox.querySelector('#wb-open-latest')?.addEventListener('click', () => void openRevision(undefined));
    readOnlyBox.querySelector('#wb-restore')?.addEventListener('click', () => void restore());
  }

  function renderPipelineLink() {
    const id = binding?.customerId ?? customerId.value.trim();
    pipelineLink.setAttribute('href', id ? `pipeline.html?customer=${encodeURIComponent(id)}` : 'pipeline.html');
    pipelineLink.textContent = id ? `the pipeline (${id})` : 'the pipeline';
  }

  /** Clears the refusal marks of the last save. */
  function clearRefusal() {
    error.hidden = true;
    error.replaceChildren();
    for (const control of [title, customerId, customerName, author, step]) {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-errormessage');
    }
  }

  /**
   * A 400's reason and path, beside the field it names when it is one of
   * the form's (focused, so a keyboard user lands on it), else in the box.
   * @param {CaseStoreError} refusal
   */
  function showRefusal(refusal) {
    const body = refusal.body ?? {};
    /** @type {{ path: string, message: string }[]} */
    const problems = Array.isArray(body.problems) && body.problems.length ? body.problems : [{ path: String(body.path ?? ''), message: refusal.message }];
    const fields = /** @type {Record<string, HTMLElement>} */ ({ title, 'customer.id': customerId, 'customer.name': customerName, author, step });
    let first = null;
    for (const problem of problems) {
      const control = fields[problem.path.replace(/^case\./, '')];
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-errormessage', error.id);
        first ??= control;
      }
    }
    error.replaceChildren(
      h('p', {}, 'The server did not save the case; nothing you typed is lost. It says:'),
      h('ul', { class: 'wb-diagnostics' }, ...problems.map((p) => h('li', { 'data-path': p.path }, h('code', {}, p.path || '(the case)'), ' ', p.message))),
    );
    error.hidden = false;
    (first ?? error).focus();
  }

  /**
   * Shows a failed request's message (or a refusal, or a conflict).
   * @param {unknown} failure
   * @param {CaseDocument} [mine]  the case the page tried to save
   */
  function showFailure(failure, mine) {
    if (failure instanceof CaseStoreError && failure.kind === 'invalid') return showRefusal(failure);
    if (failure instanceof CaseStoreError && failure.kind === 'conflict' && mine) return showConflict(failure.body);
    error.replaceChildren(h('p', {}, failure instanceof Error ? failure.message : String(failure)), h('p', { class: 'hint' }, 'Nothing you typed is lost.'));
    error.hidden = false;
  }

  /**
   * @param {import('./case-store.js').ConflictAnswer} answer
   */
  function showConflict(answer) {
    if (!session || !binding) return;
    const { currentRevision, baseRevision } = answer;
    const heading = h('h3', { id: 'wb-conflict-heading', tabindex: '-1' }, `Someone saved revision ${currentRevision} while you were working on revision ${baseRevision}`);
    const confirmBox = h('div', { class: 'wb-confirm', hidden: true });
    const loadTheirs = h('button', { type: 'button', id: 'wb-load-theirs' }, `Load their version (revision ${currentRevision})`);
    const saveCopy = h('button', { type: 'button', id: 'wb-save-mine-copy', class: 'wb-secondary' }, 'Save mine as a copy');
    loadTheirs.addEventListener('click', () => {
      confirmBox.replaceChildren(
        h('p', {}, `Loading revision ${currentRevision} discards your unsaved changes. Discard them?`),
        h('p', { class: 'wb-save-buttons' }, h('button', { type: 'button', id: 'wb-confirm-discard' }, 'Discard mine and load theirs'), h('button', { type: 'button', id: 'wb-cancel-discard', class: 'wb-secondary' }, 'Keep mine')),
      );
      confirmBox.hidden = false;
      const [discard, keep] = /** @type {HTMLButtonElement[]} */ ([...confirmBox.querySelectorAll('button')]);
      discard?.addEventListener('click', () => void openRevision(undefined, true));
      keep?.addEventListener('click', () => {
        confirmBox.hidden = true;
        loadTheirs.focus();
      });
      discard?.focus();
    });
    saveCopy.addEventListener('click', () => void save(true));
    conflict.replaceChildren(
      heading,
      h('p', {}, 'Nothing was overwritten: their revision is saved, and your changes are still here, not saved. What they changed since your revision:'),
      renderChanges(answer.changes, session),
      h('p', { class: 'wb-save-buttons' }, loadTheirs, saveCopy),
      confirmBox,
    );
    conflict.hidden = false;
    notes.replaceChildren();
    heading.focus();
    // The history lists their revision too (who saved it, and when).
    binding.latestRevision = Math.max(binding.latestRevision, currentRevision);
    renderStatus();
    void revisions.refresh();
  }

  /**
   * Saves the case: a new case (the first save, or `asCopy`), else a
   * revision over the one the page opened.
   * @param {boolean} asCopy
   */
  async function save(asCopy) {
    if (!session) return;
    clearRefusal();
    rememberAuthor();
    const mine = caseDocument(session.state, session.document, meta());
    if (asCopy && binding) mine.title = `${mine.title} (copy)`.slice(0, 200);
    // A copy is a new project: open, whatever became of this one.
    if (asCopy) delete mine.dropped;
    const creating = asCopy || !binding;
    status.textContent = 'Saving…';
    try {
      const answer = creating ? await createCase(mine) : await reviseCase(/** @type {Binding} */ (binding).id, /** @type {Binding} */ (binding).revision, mine);
      const previous = binding;
      binding = { id: answer.id, revision: answer.revision, latestRevision: answer.revision, savedAtMs: answer.savedAtMs, author: mine.author, step: mine.step, dropped: mine.dropped ?? null, customerId: mine.customer.id, readOnly: false };
      if (asCopy) title.value = mine.title;
      savedFingerprint = fingerprint();
      conflict.hidden = true;
      conflict.replaceChildren();
      replaceUrl();
      renderAll();
      const copied = asCopy && previous ? ` Case ${previous.id} keeps its own revisions.` : '';
      notes.replaceChildren(h('p', {}, `Saved as case ${answer.id}, revision ${answer.revision}.${copied}`), verdictLine(answer));
      await revisions.refresh();
    } catch (failure) {
      renderStatus();
      showFailure(failure, mine);
    }
  }

  /** Puts a saved older revision back as the newest one, as it was saved. */
  async function restore() {
    if (!session || !binding || !openedCase) return;
    clearRefusal();
    rememberAuthor();
    const mine = { ...openedCase, author: author.value.trim() };
    try {
      const { id, revision: restored } = binding;
      const answer = await reviseCase(id, binding.latestRevision, mine);
      // Opened again from the server, so the page is exactly the restored case.
      await host.openSaved(await readCase(id), false);
      notes.replaceChildren(h('p', {}, `Revision ${restored} restored as revision ${answer.revision}.`), verdictLine(answer));
    } catch (failure) {
      showFailure(failure, mine);
    }
  }

  /** Moves the saved case to the chosen step (a revision of its own). */
  async function move() {
    if (!session || !binding) return;
    clearRefusal();
    rememberAuthor();
    if (step.value === binding.step) {
      notes.replaceChildren(h('p', {}, `The case is already at ${stepLabel(step.value)}.`));
      return;
    }
    try {
      const answer = await moveStep(binding.id, binding.revision, step.value, author.value.trim());
      // Was anything but the step unsaved before the move?
      const wasDirty = fingerprint(binding.step) !== savedFingerprint;
      binding = { ...binding, revision: answer.revision, latestRevision: answer.revision, savedAtMs: answer.savedAtMs, author: author.value.trim(), step: step.value };
      // Unsaved edits stay unsaved: only the step moved on the server.
      if (!wasDirty) savedFingerprint = fingerprint();
      replaceUrl();
      renderAll();
      notes.replaceChildren(h('p', {}, `Moved to ${stepLabel(step.value)}: revision ${answer.revision}.`), verdictLine(answer));
      await pipelineNote(binding);
      await revisions.refresh();
    } catch (failure) {
      showFailure(failure, caseDocument(session.state, session.document, meta()));
    }
  }

  /**
   * A drop or reopen the server saved as `answer`: only `dropped` changed
   * there, so edits the page had not saved stay unsaved.
   * @param {SaveAnswer} answer
   * @param {{ reason: string } | null} dropped
   */
  function dropSaved(answer, dropped) {
    if (!binding) return;
    clearRefusal();
    const wasDirty = isDirty();
    binding = { ...binding, revision: answer.revision, latestRevision: answer.revision, savedAtMs: answer.savedAtMs, author: author.value.trim(), dropped };
    if (!wasDirty) savedFingerprint = fingerprint();
    renderAll();
    const what = dropped ? `Dropped at ${stepLabel(binding.step)}: revision ${answer.revision}. The pipeline no longer counts it as open.` : `Reopened at ${stepLabel(binding.step)}: revision ${answer.revision}.`;
    notes.replaceChildren(h('p', { 'data-note': 'dropped' }, what));
    // The history follows in the background: the drop control moves focus
    // as soon as the state is shown, not after another round trip.
    void revisions.refresh();
  }

  /**
   * What the pipeline says of the case now, in its words for the gates
   * it passed without a positive case.
   * @param {Binding} bound
   */
  async function pipelineNote(bound) {
    try {
      const pipeline = await readPipeline(bound.customerId);
      const entry = pipeline.cases.find((item) => Number(item.id) === bound.id);
      if (entry?.withoutPositiveCase.length) {
        notes.append(h('p', { 'data-note': 'without-positive-case' }, `The pipeline counts this case at ${stepLabel(entry.step)} without a positive ${entry.withoutPositiveCase.map((gate) => stepLabel(gate).toLowerCase()).join(' or ')} (the server's scorecard decides; see its verdict above).`));
      }
    } catch {
      // The move is saved; the note is only a courtesy.
    }
  }

  /**
   * The server's scorecard verdict for a saved revision.
   * @param {SaveAnswer} answer
   */
  function verdictLine(answer) {
    const verdict = answer.figures?.verdict;
    if (!verdict) return '';
    const yes = (/** @type {boolean} */ b) => (b ? 'yes' : 'no');
    return h('p', { 'data-note': 'verdict' }, `The server's scorecard: ${verdict.verdict} (grade ${verdict.grade}, score ${verdict.score.toFixed(1)}); positive high-level case: ${yes(verdict.highLevelCasePositive)}, positive detailed case: ${yes(verdict.detailedCasePositive)}.`);
  }

  /**
   * Opens revision `revision` of the bound case read-only (the latest,
   * editable, when undefined), after a confirmation when that would drop
   * unsaved changes (unless already confirmed).
   * @param {number | undefined} revision
   * @param {boolean} [confirmed]
   */
  async function openRevision(revision, confirmed = false) {
    if (!binding) return;
    if (!confirmed && !mayDiscard()) return;
    try {
      const answer = await readCase(binding.id, revision);
      await host.openSaved(answer, revision !== undefined && revision !== answer.latestRevision);
    } catch (failure) {
      showFailure(failure);
    }
  }

  /**
   * The address names the open saved case (`?case=<id>`, with
   * `&revision=<n>` for a read-only one), so a reload opens it again; a
   * share link's fragment, which is another case, is dropped.
   */
  function replaceUrl() {
    const url = new URL(location.href);
    url.searchParams.delete('case');
    url.searchParams.delete('revision');
    if (binding) {
      url.hash = '';
      url.searchParams.delete('model');
      url.searchParams.set('case', String(binding.id));
      if (binding.readOnly) url.searchParams.set('revision', String(binding.revision));
    } else if (location.search === url.search) {
      return;
    }
    history.replaceState(null, '', url);
  }

  function rememberAuthor() {
    const name = author.value.trim();
    storage(() => sessionStorage.setItem(AUTHOR_KEY, name), undefined);
    if (remember.checked) storage(() => localStorage.setItem(AUTHOR_KEY, name), undefined);
    else storage(() => localStorage.removeItem(AUTHOR_KEY), undefined);
  }

  function renderAll() {
    renderStatus();
    renderReadOnly();
    renderPipelineLink();
    moveButton.hidden = binding === null;
    copyButton.hidden = binding === null;
    // A dropped case keeps its step until it is reopened (the server says so too).
    const dropped = Boolean(binding?.dropped);
    step.disabled = dropped;
    moveButton.disabled = dropped || binding?.readOnly === true;
    stepHint.hidden = !dropped;
    drop.render();
  }

  /**
   * True when nothing unsaved would be lost, or the person agreed to lose it.
   * @returns {boolean}
   */
  function mayDiscard() {
    if (!binding || binding.readOnly || !isDirty()) return true;
    return window.confirm(`Case ${binding.id} has unsaved changes. Discard them?`);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(false);
  });
  copyButton.addEventListener('click', () => void save(true));
  moveButton.addEventListener('click', () => void move());
  customerName.addEventListener('input', () => {
    if (!customerId.dataset.typed) customerId.value = idFromName(customerName.value, '');
    if (session) {
      session.state.customer = customerName.value.trim();
      host.customerNamed(session.state.customer);
      session.changed();
    }
    renderPipelineLink();
  });
  customerId.addEventListener('input', () => {
    customerId.dataset.typed = customerId.value ? 'yes' : '';
    renderPipelineLink();
  });
  for (const control of [title, customerId, step]) control.addEventListener('input', renderStatus);
  remember.addEventListener('change', rememberAuthor);
  // Leaving the page (reload, close, another address) with unsaved
  // changes to a saved case asks first, as the browser words it.
  window.addEventListener('beforeunload', (event) => {
    if (binding && !binding.readOnly && isDirty()) event.preventDefault();
  });

  return {
    /**
     * The page opened a case: a saved revision (`answer`) or a model
     * that is not saved (`null`).
     * @param {PageSession} opened
     * @param {RevisionAnswer | null} answer
     * @param {boolean} readOnly
     */
    bind(opened, answer, readOnly) {
      unsubscribe();
      session = opened;
      clearRefusal();
      conflict.hidden = true;
      conflict.replaceChildren();
      notes.replaceChildren();
      if (answer) {
        const saved = answer.case;
        openedCase = saved;
        const { id, revision, latestRevision, savedAtMs, author: savedBy } = answer;
        binding = { id, revision, latestRevision, savedAtMs, author: savedBy, step: saved.step, dropped: saved.dropped ?? null, customerId: saved.customer.id, readOnly };
        title.value = saved.title;
        customerId.value = saved.customer.id;
        customerId.dataset.typed = 'yes';
        customerName.value = saved.customer.name;
        step.value = saved.step;
      } else {
        openedCase = null;
        binding = null;
        title.value = opened.layout.title;
        customerName.value = opened.state.customer;
        customerId.value = idFromName(opened.state.customer, '');
        customerId.dataset.typed = '';
        step.value = STEPS[0][0];
      }
      savedFingerprint = fingerprint();
      const onChange = () => {
        if (document.activeElement !== customerName && customerName.value.trim() !== opened.state.customer) {
          customerName.value = opened.state.customer;
          if (!customerId.dataset.typed) customerId.value = idFromName(opened.state.customer, '');
          renderPipelineLink();
        }
        renderStatus();
      };
      unsubscribe = opened.subscribe(onChange);
      replaceUrl();
      renderAll();
      void revisions.refresh();
    },
    /**
     * The same case with its model edited in the page: the binding to a
     * saved case, the form and what was last saved stay, so the new
     * model shows as an unsaved change.
     * @param {PageSession} opened
     */
    rebind(opened) {
      unsubscribe();
      session = opened;
      unsubscribe = opened.subscribe(() => renderStatus());
      renderAll();
    },
    mayDiscard,
    /** The saved case's id, when one is open. */
    savedId: () => binding?.id ?? null,
  };
}
