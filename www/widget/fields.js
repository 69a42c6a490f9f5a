// @ts-check
/**
 * The input controls of a calculator: a slider with a number box for
 * bounded numbers, a number box alone otherwise, a select for options, a
 * switch for toggles and a date field. Each control is labelled, keeps its
 * help and error text tied to it (`aria-describedby`), and reports every
 * keystroke as a change and every settled value (change event, slider
 * release) as committed.
 *
 * It validates nothing itself: the engine reads the typed text
 * (`readTypedNumber`) and accepts or refuses the value, and its message is
 * shown beside the field. While a number box holds text the
 * engine refuses (or that is not a number), the model goes back to the
 * field's last settled value (the keystrokes before, such as `6` on the way
 * to `60`, were never the visitor's entry), the slider stays there, and the
 * change carries a note that the results are held at that value.
 */

import { h, uniqueId } from './dom.js';

/** @typedef {import('./engine.js').InputLayout} InputLayout */
/** @typedef {import('./engine.js').InputValue} InputValue */
/** @typedef {import('./format.js').NumberFormats} NumberFormats */

/**
 * Called with an input's new value. Returns the engine's refusal message,
 * or `null` when the value was taken.
 * @callback ChangeHandler
 * @param {string} inputId
 * @param {InputValue} value
 * @param {boolean} committed
 * @param {string} [held] Set when the field holds an invalid entry: says which value the results are for.
 * @returns {string | null}
 */

/**
 * @typedef {object} Field
 * @property {HTMLElement} element
 * @property {(value: InputValue) => void} show Shows a value set from outside (a scenario).
 */

/**
 * @param {InputLayout} input
 * @param {NumberFormats} formats
 * @param {ChangeHandler} onChange
 * @returns {Field}
 */
export function createField(input, formats, onChange) {
  switch (input.kind) {
    case 'select':
      return selectField(input, onChange);
    case 'toggle':
      return toggleField(input, onChange);
    case 'date':
      return dateField(input, onChange);
    default:
      return numberField(input, formats, onChange);
  }
}

/**
 * The label, help and error parts every field shares.
 * @param {InputLayout} input
 * @param {string} controlId
 */
function frame(input, controlId) {
  const labelId = uniqueId('label');
  const helpId = uniqueId('help');
  const errorId = uniqueId('error');
  const label = h('label', { id: labelId, for: controlId, part: 'label', class: 'label' }, input.label);
  const help = input.help ? h('p', { id: helpId, class: 'help', part: 'help' }, input.help) : null;
  const error = h('p', { id: errorId, class: 'field-error', part: 'field-error', hidden: true });
  const describedBy = [input.help ? helpId : '', errorId].filter(Boolean).join(' ');
  return { labelId, label, help, error, describedBy };
}

/**
 * Shows (or clears) the engine's refusal under a control.
 * @param {HTMLElement} errorElement
 * @param {HTMLElement[]} controls
 * @param {string | null} message
 */
function showError(errorElement, controls, message) {
  errorElement.textContent = message ?? '';
  errorElement.hidden = message === null;
  for (const control of controls) {
    if (message === null) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
  }
}

/**
 * @param {InputLayout} input
 * @param {NumberFormats} formats
 * @param {ChangeHandler} onChange
 * @returns {Field}
 */
function numberField(input, formats, onChange) {
  const boxId = uniqueId('number');
  const parts = frame(input, boxId);
  const min = typeof input.min === 'number' ? input.min : undefined;
  const max = typeof input.max === 'number' ? input.max : undefined;
  const initial = typeof input.default === 'number' ? input.default : 0;
  const box = h('input', {
    id: boxId,
    type: 'text',
    inputmode: input.kind === 'integer' ? 'numeric' : 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'number',
    part: 'number',
    'data-input': input.id,
    'aria-describedby': parts.describedBy,
    value: formats.fieldText(initial, input.kind),
  });
  const suffix = input.kind === 'percent' ? '%' : input.unit ?? (input.kind === 'currency' ? formats.currency : '');
  /** @type {HTMLInputElement | null} */
  let slider = null;
  if (min !== undefined && max !== undefined && max > min) {
    slider = h('input', {
      type: 'range',
      class: 'slider',
      part: 'slider',
      min,
      max,
      step: input.step ?? 'any',
      value: initial,
      'data-input': input.id,
      'aria-labelledby': parts.labelId,
      'aria-describedby': parts.describedBy,
      'aria-valuetext': formats.spoken(initial, input),
    });
  }
  const controls = slider ? [box, slider] : [box];
  /** The last value the visitor settled on (or a scenario set): what the results show while the box is invalid. */
  let settled = initial;
  /** @param {number} value */
  const moveSlider = (value) => {
    if (!slider) return;
    slider.value = String(value);
    slider.setAttribute('aria-valuetext', formats.spoken(value, input));
  };

  /** @param {number} value @param {boolean} committed @returns {string | null} the engine's refusal */
  const submit = (value, committed) => {
    const refusal = onChange(input.id, value, committed);
    showError(parts.error, controls, refusal);
    return refusal;
  };
  /** The box holds an invalid entry: back to the settled value, and say so. @param {string} message */
  const hold = (message) => {
    onChange(input.id, settled, false, `${input.label}: ${formats.spoken(settled, input)}`);
    showError(parts.error, controls, message);
    moveSlider(settled);
  };
  /** @param {boolean} committed */
  const typed = (committed) => {
    let refusal;
    try {
      const value = formats.parseField(box.value, input.kind);
      refusal = submit(value, committed);
      if (refusal === null) {
        moveSlider(value);
        if (committed) {
          settled = value;
          box.value = formats.fieldText(value, input.kind);
        }
        return;
      }
    } catch (error) {
      refusal = error instanceof Error ? error.message : String(error);
    }
    hold(refusal);
  };
  box.addEventListener('input', () => typed(false));
  box.addEventListener('change', () => typed(true));
  if (slider) {
    const range = slider;
    range.addEventListener('input', () => {
      const value = Number(range.value);
      box.value = formats.fieldText(value, input.kind);
      range.setAttribute('aria-valuetext', formats.spoken(value, input));
      if (submit(value, false) === null) settled = value;
    });
    range.addEventListener('change', () => submit(Number(range.value), true));
  }
  const element = h(
    'div',
    { class: 'field', part: 'field', 'data-kind': input.kind },
    parts.label,
    h('div', { class: 'control-row' }, slider, h('span', { class: 'number-wrap' }, box, suffix ? h('span', { class: 'suffix', 'aria-hidden': 'true' }, suffix) : null)),
    parts.help,
    parts.error,
  );
  return {
    element,
    show(value) {
      if (typeof value !== 'number') return;
      settled = value;
      box.value = formats.fieldText(value, input.kind);
      moveSlider(value);
      showError(parts.error, controls, null);
    },
  };
}

/**
 * @param {InputLayout} input
 * @param {ChangeHandler} onChange
 * @returns {Field}
 */
function selectField(input, onChange) {
  const selectId = uniqueId('select');
  const parts = frame(input, selectId);
  const options = input.options ?? [];
  const select = h(
    'select',
    { id: selectId, class: 'select', part: 'select', 'data-input': input.id, 'aria-describedby': parts.describedBy },
    ...options.map((option, index) => h('option', { value: index, selected: option.value === input.default }, option.label)),
  );
  select.addEventListener('change', () => {
    const option = options[select.selectedIndex];
    if (option) showError(parts.error, [select], onChange(input.id, option.value, true));
  });
  return {
    element: h('div', { class: 'field', part: 'field', 'data-kind': 'select' }, parts.label, select, parts.help, parts.error),
    show(value) {
      const index = options.findIndex((option) => option.value === value);
      if (index >= 0) select.selectedIndex = index;
    },
  };
}

/**
 * @param {InputLayout} input
 * @param {ChangeHandler} onChange
 * @returns {Field}
 */
function toggleField(input, onChange) {
  const toggleId = uniqueId('toggle');
  const parts = frame(input, toggleId);
  const toggle = h('input', {
    id: toggleId,
    type: 'checkbox',
    role: 'switch',
    class: 'toggle',
    part: 'toggle',
    'data-input': input.id,
    'aria-describedby': parts.describedBy,
    checked: input.default === true,
  });
  toggle.addEventListener('change', () => showError(parts.error, [toggle], onChange(input.id, toggle.checked, true)));
  return {
    element: h('div', { class: 'field toggle-field', part: 'field', 'data-kind': 'toggle' }, h('div', { class: 'toggle-row' }, toggle, parts.label), parts.help, parts.error),
    show(value) {
      toggle.checked = value === true;
    },
  };
}

/**
 * @param {InputLayout} input
 * @param {ChangeHandler} onChange
 * @returns {Field}
 */
function dateField(input, onChange) {
  const dateId = uniqueId('date');
  const parts = frame(input, dateId);
  const date = h('input', {
    id: dateId,
    type: 'date',
    class: 'date',
    part: 'date',
    'data-input': input.id,
    'aria-describedby': parts.describedBy,
    min: typeof input.min === 'string' ? input.min : undefined,
    max: typeof input.max === 'string' ? input.max : undefined,
    value: typeof input.default === 'string' ? input.default : undefined,
  });
  const submit = (/** @type {boolean} */ committed) => {
    if (date.value) showError(parts.error, [date], onChange(input.id, date.value, committed));
  };
  date.addEventListener('input', () => submit(false));
  date.addEventListener('change', () => submit(true));
  return {
    element: h('div', { class: 'field', part: 'field', 'data-kind': 'date' }, parts.label, date, parts.help, parts.error),
    show(value) {
      if (typeof value === 'string') date.value = value;
    },
  };
}
