// @ts-check
/**
 * @file Scenarios side by side: "This customer" (the case's inputs), every
 * scenario of the model and every scenario the case saved, as columns of
 * one table of outputs, each cell with its difference to the chosen base
 * column (absolute, and relative where that means something: not for a
 * percentage, which differs in points, nor against a zero base). Below,
 * the inputs that differ between the columns (the engine decides which,
 * `model.differingInputs`), and a form that saves the current inputs as a
 * named scenario of the case. Any column's inputs can be applied to the
 * case.
 *
 * Values come from the engine: `model.scenarios()` for the model's,
 * `model.receipt(inputs).outputs` (which never changes the model's
 * inputs) for saved ones, `model.current()` for the customer. The
 * differences are presentation: one subtraction per shown cell.
 */

import { h } from '../widget/dom.js';
import { inputText, valueText } from './values.js';

/** @typedef {import('./session.js').PageSession} PageSession */
/** @typedef {import('../../pkg/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg/yardstick.js').InputValues} InputValues */
/** @typedef {import('../../pkg/yardstick.js').OutputLayout} OutputLayout */

/**
 * @typedef {object} Column
 * @property {string} key        `customer`, `model:<id>` or `saved:<index>`
 * @property {string} label
 * @property {Record<string, FormulaValue>} outputs
 * @property {InputValues} inputs
 */

/**
 * @param {HTMLElement} root
 * @param {PageSession} session
 */
export function mountScenarios(root, session) {
  const { model, layout, state } = session;
  const scenarioIds = new Set(layout.scenarios.map((s) => s.id));
  // The model's scenarios do not depend on the case's inputs: once per model.
  const modelOutputs = new Map(model.scenarios().filter((column) => scenarioIds.has(column.id)).map((column) => [column.id, column.outputs]));
  const modelInputs = new Map(model.scenarioInputs().map((s) => [s.id, s.inputs]));
  /** @type {WeakMap<InputValues, Record<string, FormulaValue>>} */
  const savedOutputs = new WeakMap();

  const baseSelect = h('select', { id: 'wb-base' });
  const table = h('div', { class: 'table-scroll wb-scenario-table', tabindex: '0', role: 'region', 'aria-label': 'Scenario comparison' });
  const differing = h('div', { class: 'wb-differing' });
  const nameField = h('input', { id: 'wb-scenario-name', type: 'text', autocomplete: 'off', required: true, maxlength: '80' });
  const saveNote = h('p', { class: 'hint', role: 'status' });
  const saveForm = h('form', { class: 'wb-save-scenario' }, h('label', { for: nameField.id }, 'Save the current inputs as a scenario named'), nameField, h('button', { type: 'submit' }, 'Save as scenario'), saveNote);
  root.replaceChildren(
    h('p', { class: 'wb-base-row' }, h('label', { for: baseSelect.id }, 'Compare with'), baseSelect),
    table,
    h('h3', {}, 'Inputs that differ'),
    differing,
    saveForm,
  );
  let base = 'customer';

  /** @returns {Column[]} */
  function columns() {
    const current = model.current();
    /** @type {Column[]} */
    const list = [{ key: 'customer', label: 'This customer', outputs: current.outputs, inputs: current.inputs }];
    for (const scenario of layout.scenarios) {
      list.push({ key: `model:${scenario.id}`, label: scenario.label, outputs: modelOutputs.get(scenario.id) ?? {}, inputs: modelInputs.get(scenario.id) ?? {} });
    }
    state.saved.forEach((saved, index) => {
      let outputs = savedOutputs.get(saved.inputs);
      if (!outputs) {
        outputs = model.receipt(saved.inputs).outputs;
        savedOutputs.set(saved.inputs, outputs);
      }
      list.push({ key: `saved:${index}`, label: saved.name, outputs, inputs: saved.inputs });
    });
    return list;
  }

  /**
   * The difference of `value` to `baseValue` in the output's terms.
   * @param {OutputLayout} output
   * @param {FormulaValue | undefined} value
   * @param {FormulaValue | undefined} baseValue
   */
  function difference(output, value, baseValue) {
    if (typeof value !== 'number' || typeof baseValue !== 'number') return '';
    const delta = value - baseValue;
    if (delta === 0) return 'same';
    const sign = delta > 0 ? '+' : '−';
    if (output.style === 'percent') {
      const points = session.format(Math.abs(delta) * 100, 'number', output.decimals);
      return `${sign}${points} pp`;
    }
    const absolute = session.format(Math.abs(delta), output.style, output.decimals);
    if (baseValue === 0) return `${sign}${absolute}`;
    const relative = session.format(Math.abs(delta / baseValue), 'percent', 1);
    return `${sign}${absolute} (${sign}${relative})`;
  }

  function render() {
    const focusKey = /** @type {HTMLElement | null} */ (document.activeElement)?.closest?.('[data-focus-key]')?.getAttribute('data-focus-key');
    const list = columns();
    if (!list.some((column) => column.key === base)) base = 'customer';
    baseSelect.replaceChildren(...list.map((column) => h('option', { value: column.key }, column.label)));
    baseSelect.value = base;
    const baseColumn = list.find((column) => column.key === base) ?? list[0];
    const applied = state.scenario;
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Output'),
      ...list.map((column) =>
        h(
          'th',
          { scope: 'col', 'data-column': column.key, class: column.key === base ? 'wb-base-column' : null },
          column.label,
          column.key === base ? h('span', { class: 'wb-tag' }, ' (base)') : null,
          applied !== null && appliedKey(applied) === column.key ? h('span', { class: 'wb-tag' }, ' (applied)') : null,
        ),
      ),
    );
    const rows = layout.outputs.map((output) =>
      h(
        'tr',
        { 'data-output-row': output.id },
        h('th', { scope: 'row' }, output.label),
        ...list.map((column) => {
          const value = column.outputs[output.id];
          const diff = column.key === base ? '' : difference(output, value, baseColumn?.outputs[output.id]);
          return h('td', { 'data-column': column.key }, h('span', { class: 'wb-cell-value' }, valueText(session, value, output)), diff ? h('span', { class: 'wb-diff' }, diff) : null);
        }),
      ),
    );
    const actions = h(
      'tr',
      { class: 'wb-actions no-print' },
      h('th', { scope: 'row' }, 'Inputs'),
      ...list.map((column) =>
        h(
          'td',
          {},
          column.key === 'customer'
            ? null
            : button(`apply:${column.key}`, `Use ${column.label}`, () => apply(column)),
          column.key.startsWith('saved:') ? button(`remove:${column.key}`, `Remove ${column.label}`, () => remove(column)) : null,
        ),
      ),
    );
    table.replaceChildren(h('table', { class: 'wb-table' }, h('caption', { class: 'visually-hidden' }, 'Outputs by scenario'), h('thead', {}, head), h('tbody', {}, ...rows), h('tfoot', {}, actions)));
    renderDiffering(list);
    if (focusKey) /** @type {HTMLElement | null} */ (root.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`))?.focus();
  }

  /** @param {string} scenario */
  function appliedKey(scenario) {
    const saved = state.saved.findIndex((s) => `saved:${s.name}` === scenario);
    return saved >= 0 ? `saved:${saved}` : `model:${scenario}`;
  }

  /**
   * @param {string} key
   * @param {string} label
   * @param {() => void} action
   */
  function button(key, label, action) {
    const element = h('button', { type: 'button', 'data-focus-key': key }, label);
    element.addEventListener('click', action);
    return element;
  }

  /** @param {Column} column */
  function apply(column) {
    if (column.key.startsWith('model:')) session.applyModelScenario(column.key.slice('model:'.length));
    else session.replaceInputs(column.inputs, `saved:${column.label}`);
  }

  /** @param {Column} column */
  function remove(column) {
    const index = Number(column.key.slice('saved:'.length));
    state.saved.splice(index, 1);
    if (state.scenario === `saved:${column.label}`) state.scenario = null;
    session.changed();
  }

  /** @param {Column[]} list */
  function renderDiffering(list) {
    let ids;
    try {
      ids = new Set(model.differingInputs(list.map((column) => column.inputs)));
    } catch (error) {
      differing.replaceChildren(h('p', { class: 'wb-refusal' }, error instanceof Error ? error.message : String(error)));
      return;
    }
    const inputs = layout.inputs.filter((input) => ids.has(input.id));
    if (!inputs.length) {
      differing.replaceChildren(h('p', { class: 'hint' }, 'Every column has the same inputs.'));
      return;
    }
    differing.replaceChildren(
      h(
        'div',
        { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Inputs that differ between the columns' },
        h(
          'table',
          { class: 'wb-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Input'), ...list.map((column) => h('th', { scope: 'col' }, column.label)))),
          h(
            'tbody',
            {},
            ...inputs.map((input) =>
              h(
                'tr',
                { 'data-input-row': input.id },
                h('th', { scope: 'row' }, input.label),
                ...list.map((column) => {
                  const value = column.inputs[input.id];
                  const differs = column.key !== base && baseColumn(list)?.inputs[input.id] !== value;
                  return h('td', { class: differs ? 'wb-differs' : null }, inputText(session, input, value));
                }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {Column[]} list */
  function baseColumn(list) {
    return list.find((column) => column.key === base);
  }

  baseSelect.addEventListener('change', () => {
    base = baseSelect.value;
    render();
  });
  saveForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameField.value.trim();
    if (!name) {
      saveNote.textContent = 'Give the scenario a name.';
      return;
    }
    if (state.saved.some((s) => s.name === name) || layout.scenarios.some((s) => s.label === name)) {
      saveNote.textContent = `A scenario is already called “${name}”; choose another name.`;
      return;
    }
    state.saved.push({ name, inputs: session.inputs() });
    state.scenario = `saved:${name}`;
    nameField.value = '';
    saveNote.textContent = `Saved “${name}”.`;
    session.changed();
  });

  render();
  const unsubscribe = session.subscribe(render);
  return {
    destroy() {
      unsubscribe();
      root.replaceChildren();
    },
  };
}
