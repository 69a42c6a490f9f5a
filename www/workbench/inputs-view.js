// @ts-check
/**
 * @file The inputs, grouped by the sections the model declares (inputs
 * without one come last, under "Other inputs"): each with its label, unit,
 * help, the engine's refusal beside it, and its assumption source (who
 * gave the number, on what basis, a note), kept in the case.
 *
 * Typed numbers are read by the engine (`readTypedNumber` through
 * `NumberFormats.parseField`) in the case's locale, and set through the
 * session, which the engine checks. While a box holds text the engine
 * refuses, the model goes back to the field's settled value (what it held
 * when the field got focus, or at its last committed entry), so the
 * results stay at a value someone meant, and a status line says so.
 */

import { h } from '../widget/dom.js';
import { BASES, basisLabel, sourceOf } from './case-state.js';

/** @typedef {import('./session.js').PageSession} PageSession */
/** @typedef {import('../../pkg/yardstick.js').InputLayout} InputLayout */
/** @typedef {import('./session-types.js').InputValue} InputValue */

/**
 * @param {HTMLElement} root   where the groups go
 * @param {HTMLElement} held   the status line for held results
 * @param {PageSession} session
 * @returns {{ destroy: () => void }}
 */
export function mountInputs(root, held, session) {
  const { layout } = session;
  /** @type {Map<string, { input: InputLayout, control: HTMLInputElement | HTMLSelectElement, error: HTMLElement, summary: HTMLElement, settled: InputValue | undefined }>} */
  const fields = new Map();

  const groups = [...(layout.sections ?? []).map((section) => ({ ...section, inputs: layout.inputs.filter((input) => input.section === section.id) }))];
  const loose = layout.inputs.filter((input) => !input.section || !(layout.sections ?? []).some((s) => s.id === input.section));
  if (loose.length) groups.push({ id: '', label: groups.length ? 'Other inputs' : 'Inputs', description: undefined, inputs: loose });

  root.replaceChildren(
    ...groups
      .filter((group) => group.inputs.length)
      .map((group, index) => {
        const headingId = `wb-section-${index}`;
        return h(
          'section',
          { class: 'wb-section', 'aria-labelledby': headingId, 'data-section': group.id || null },
          h('h3', { id: headingId }, group.label),
          group.description ? h('p', { class: 'section-note' }, group.description) : null,
          ...group.inputs.map((input) => field(input)),
        );
      }),
  );

  /**
   * @param {InputLayout} input
   */
  function field(input) {
    const id = `wb-in-${input.id}`;
    const helpId = `${id}-help`;
    const errorId = `${id}-error`;
    const error = h('p', { class: 'wb-refusal', id: errorId, role: 'alert' });
    const describedBy = [input.help ? helpId : null, errorId].filter(Boolean).join(' ');
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let control;
    let suffix = null;
    if (input.kind === 'select') {
      control = h('select', { id, 'aria-describedby': describedBy }, ...(input.options ?? []).map((option, at) => h('option', { value: String(at) }, option.label)));
    } else if (input.kind === 'toggle') {
      control = h('input', { id, type: 'checkbox', 'aria-describedby': describedBy });
    } else if (input.kind === 'date') {
      control = h('input', { id, type: 'date', 'aria-describedby': describedBy, min: input.min === undefined ? null : String(input.min), max: input.max === undefined ? null : String(input.max) });
    } else {
      control = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy });
      suffix = input.kind === 'percent' ? '%' : input.kind === 'currency' ? session.currency : null;
    }
    const unit = input.unit ? h('span', { class: 'wb-unit' }, input.unit) : null;
    const summary = h('span', { class: 'wb-source-summary' });
    const entry = { input, control, error, summary, settled: /** @type {InputValue | undefined} */ (undefined) };
    fields.set(input.id, entry);
    const row = h(
      'div',
      { class: 'wb-field', 'data-input': input.id },
      h('label', { for: id }, input.label),
      h('div', { class: 'wb-control' }, control, suffix ? h('span', { class: 'wb-suffix', 'data-suffix': input.kind }, suffix) : null, unit),
      input.help ? h('p', { class: 'wb-help', id: helpId }, input.help) : null,
      error,
      sourceEditor(input, summary),
    );
    control.addEventListener('focus', () => {
      entry.settled = session.inputs()[input.id];
    });
    // Number boxes recompute on every keystroke; the other controls change
    // once per choice.
    if (control instanceof HTMLInputElement && control.type === 'text') control.addEventListener('input', () => commit(entry, false));
    control.addEventListener('change', () => commit(entry, true));
    return row;
  }

  /**
   * @param {InputLayout} input
   * @param {HTMLElement} summary
   */
  function sourceEditor(input, summary) {
    const base = `wb-src-${input.id}`;
    const source = sourceOf(session.state, input.id);
    const who = h('input', { id: `${base}-who`, type: 'text', value: source.who, autocomplete: 'off' });
    const basis = h('select', { id: `${base}-basis` }, h('option', { value: '' }, 'Not given'), ...BASES.map(([value, label]) => h('option', { value }, label)));
    basis.value = source.basis;
    const note = h('input', { id: `${base}-note`, type: 'text', value: source.note, autocomplete: 'off' });
    const save = () => {
      /** @type {import('./case-state.js').AssumptionSource} */
      const next = { who: who.value.trim(), basis: /** @type {import('./case-state.js').AssumptionSource['basis']} */ (basis.value), note: note.value.trim() };
      // A saved case's own basis words stay while "Other" stays chosen.
      const wording = session.state.sources[input.id]?.basisText;
      if (next.basis === 'other' && wording) next.basisText = wording;
      if (next.who || next.basis || next.note) session.state.sources[input.id] = next;
      else delete session.state.sources[input.id];
      session.changed();
    };
    for (const control of [who, basis, note]) control.addEventListener(control === basis ? 'change' : 'input', save);
    return h(
      'details',
      { class: 'wb-source' },
      h('summary', {}, summary),
      h(
        'div',
        { class: 'wb-source-fields' },
        h('label', { for: who.id }, 'Who gave it'),
        who,
        h('label', { for: basis.id }, 'Based on'),
        basis,
        h('label', { for: note.id }, 'Where from (report, system, date)'),
        note,
      ),
    );
  }

  /**
   * Reads the control and sets the input, or shows the engine's refusal
   * and holds the results at the settled value.
   * @param {NonNullable<ReturnType<typeof fields.get>>} entry
   * @param {boolean} committed  the person left the field or pressed Enter
   */
  function commit(entry, committed) {
    const { input, control, error } = entry;
    try {
      const value = readControl(input, control);
      session.setInput(input.id, value);
      error.textContent = '';
      control.removeAttribute('aria-invalid');
      if (committed) entry.settled = value;
      held.textContent = '';
      document.body.classList.remove('wb-holding');
    } catch (refusal) {
      error.textContent = refusal instanceof Error ? refusal.message : String(refusal);
      control.setAttribute('aria-invalid', 'true');
      const settled = entry.settled ?? session.inputs()[input.id];
      if (settled !== undefined && settled !== session.inputs()[input.id]) {
        try {
          session.setInput(input.id, settled);
        } catch {
          // The settled value was the engine's own: it cannot be refused.
        }
      }
      held.textContent = `Results held at the last valid entry for ${input.label}.`;
      document.body.classList.add('wb-holding');
    }
  }

  /**
   * @param {InputLayout} input
   * @param {HTMLInputElement | HTMLSelectElement} control
   * @returns {InputValue}
   */
  function readControl(input, control) {
    if (input.kind === 'toggle') return /** @type {HTMLInputElement} */ (control).checked;
    if (input.kind === 'select') {
      const option = input.options?.[Number(control.value)];
      if (!option) throw new Error(`${input.label}: choose one of the options`);
      return option.value;
    }
    if (input.kind === 'date') return control.value;
    return session.numbers.parseField(control.value, input.kind);
  }

  /** Shows the inputs' values (except in the field being typed in), what applies, and the sources. */
  function render() {
    const values = session.inputs();
    const inapplicable = new Set(session.model.inapplicable());
    for (const { input, control, summary } of fields.values()) {
      const value = values[input.id];
      if (control !== document.activeElement) {
        if (input.kind === 'toggle') /** @type {HTMLInputElement} */ (control).checked = value === true;
        else if (input.kind === 'select') control.value = String((input.options ?? []).findIndex((option) => option.value === value));
        else if (input.kind === 'date') control.value = String(value);
        else if (typeof value === 'number') control.value = session.numbers.fieldText(value, input.kind);
      }
      control.disabled = inapplicable.has(input.id);
      const source = sourceOf(session.state, input.id);
      const parts = [source.basisText || basisLabel(source.basis), source.who].filter(Boolean);
      summary.textContent = parts.length ? `Source: ${parts.join(' · ')}` : 'Source: not given';
      const suffix = control.parentElement?.querySelector('[data-suffix="currency"]');
      if (suffix) suffix.textContent = session.currency;
    }
  }

  render();
  const unsubscribe = session.subscribe(render);
  return {
    destroy() {
      unsubscribe();
      root.replaceChildren();
      held.textContent = '';
    },
  };
}
