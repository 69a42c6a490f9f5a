// @ts-check
/**
 * The "what must be true" panel: pick an output, the target it must reach
 * (typed in the case's locale) and the input to move; the engine's goal
 * seek finds the input's value (offered with an Apply button) or says
 * plainly that no value in the input's range reaches the target and how
 * close the output gets. Below it, the break-even of the model's declared
 * net cash flow (`cashFlow.net`).
 *
 * It searches nothing itself: `model.goalSeek` and `model.breakEven` do.
 */

import { h } from '../widget/dom.js';
import { caseFormats, errorLine, field, inputStyle, loadBindings, messageOf, numberBox, select, updateLive } from './panel-kit.js';

/** @typedef {import('./session-types.js').WorkbenchSession} WorkbenchSession */
/** @typedef {import('./session-types.js').WorkbenchPanel} WorkbenchPanel */
/** @typedef {import('../../pkg/yardstick.js').GoalSeekResult} GoalSeekResult */

/** Input kinds goal seek can move: the number-like ones. */
const MOVABLE = new Set(['number', 'integer', 'percent', 'currency']);

/**
 * Mounts the panel into `root`.
 * @param {HTMLElement} root
 * @param {WorkbenchSession} session
 * @returns {WorkbenchPanel}
 */
export function mountGoalSeek(root, session) {
  const { layout } = session;
  const outputs = layout.outputs.map((o) => ({ value: o.id, label: o.label }));
  const movable = layout.inputs.filter((i) => MOVABLE.has(i.kind));
  const outputPicker = select(outputs, layout.outputs.find((o) => o.id === 'npv')?.id);
  const targetBox = numberBox('0');
  const inputPicker = select(movable.map((i) => ({ value: i.id, label: i.label })));
  const submit = h('button', { type: 'submit' }, 'Find the value');
  const answer = h('div', { class: 'wb-answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'wb-goal-form', novalidate: true },
    field('Output', outputPicker),
    field('Target', targetBox, 'In the output’s own unit: a percentage for a rate, months for a payback.'),
    field('Input to move', inputPicker),
    submit,
  );
  const breakEven = h('p', { class: 'wb-break-even', 'aria-live': 'polite' });
  const heading = h('h2', {}, 'What must be true');
  root.replaceChildren(heading, form, answer, h('h3', {}, 'Break-even'), breakEven);

  /** @type {import('../widget/format.js').NumberFormats | null} */
  let formats = null;
  let destroyed = false;

  const showBreakEven = () => {
    const net = layout.cashFlow?.net;
    if (!net) {
      breakEven.textContent = 'The model does not say which series is its net cash flow (`cashFlow` in the model), so there is no break-even to show.';
      return;
    }
    try {
      const point = session.model.breakEven(net);
      updateLive(breakEven, [
        point.months === null || point.period === null
          ? 'The investment is not paid back within the horizon.'
          : `Paid back after ${session.format(point.months, 'months', 1)} (period ${session.format(point.period, 'number', 2)} of ${layout.horizon.periods}).`,
      ]);
    } catch (error) {
      breakEven.replaceChildren(errorLine(messageOf(error)));
    }
  };

  /** @param {SubmitEvent} event */
  const onSubmit = (event) => {
    event.preventDefault();
    if (!formats) return;
    const output = layout.outputs.find((o) => o.id === outputPicker.value);
    const input = movable.find((i) => i.id === inputPicker.value);
    if (!output || !input) return;
    let target;
    try {
      target = formats.parseField(targetBox.value, output.style === 'percent' ? 'percent' : 'number');
    } catch (error) {
      targetBox.setAttribute('aria-invalid', 'true');
      answer.replaceChildren(errorLine(`Target: ${messageOf(error)}`));
      return;
    }
    targetBox.removeAttribute('aria-invalid');
    /** @type {GoalSeekResult} */
    let result;
    try {
      result = session.model.goalSeek({ output: output.id, input: input.id, target });
    } catch (error) {
      answer.replaceChildren(errorLine(messageOf(error)));
      return;
    }
    const shownTarget = session.format(target, output.style, output.decimals);
    if (result.found) {
      const value = result.inputValue;
      // Precise enough to type back: cents, hundredths of a percent.
      const shown = session.format(value, inputStyle(input.kind), input.kind === 'integer' ? 0 : input.kind === 'number' ? 4 : 2);
      const apply = h('button', { type: 'button', class: 'wb-apply' }, `Apply: set ${input.label} to ${shown}`);
      apply.addEventListener('click', () => {
        try {
          session.setInput(input.id, value);
          apply.disabled = true;
          apply.textContent = `${input.label} is now ${shown}`;
        } catch (error) {
          apply.after(errorLine(messageOf(error)));
        }
      });
      answer.replaceChildren(
        h(
          'p',
          { class: 'wb-found', 'data-value': String(value) },
          `${output.label} reaches ${shownTarget} when ${input.label} is `,
          h('strong', {}, shown),
          ` (the output is then ${session.format(result.outputValue, output.style, output.decimals)}).`,
        ),
        apply,
      );
    } else {
      const reached = [result.lowestOutput, result.highestOutput].filter((v) => v !== null).map(Number);
      // The engine says which of the two is nearer the target.
      const closest = result.closestOutput;
      answer.replaceChildren(
        // The engine's message names ids and raw numbers; the sentence
        // here says the same in the case's words and locale.
        h('p', { class: 'wb-not-found', title: result.message }, `No value of ${input.label}${rangeText(input)} makes ${output.label} ${shownTarget}.`),
        closest === null
          ? h('p', {}, 'The output has no value anywhere in the range.')
          : h(
              'p',
              { class: 'wb-closest', 'data-value': String(closest) },
              'The closest it gets: ',
              h('strong', {}, session.format(closest, output.style, output.decimals)),
              reached.length === 2
                ? ` (from ${session.format(/** @type {number} */ (reached[0]), output.style, output.decimals)} to ${session.format(/** @type {number} */ (reached[1]), output.style, output.decimals)} over the range).`
                : '.',
            ),
      );
    }
  };

  /**
   * " between 0% and 50%", from the input's own bounds when it has both.
   * @param {import('../../pkg/yardstick.js').InputLayout} input
   */
  const rangeText = (input) =>
    typeof input.min === 'number' && typeof input.max === 'number'
      ? ` between ${session.format(input.min, inputStyle(input.kind), 0)} and ${session.format(input.max, inputStyle(input.kind), 0)}`
      : ' within its range';

  form.addEventListener('submit', onSubmit);
  const unsubscribe = session.subscribe(showBreakEven);
  showBreakEven();
  loadBindings()
    .then((bindings) => {
      if (!destroyed) formats = caseFormats(session, bindings);
    })
    .catch((error) => answer.replaceChildren(errorLine(messageOf(error))));

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      form.removeEventListener('submit', onSubmit);
      root.replaceChildren();
    },
  };
}
