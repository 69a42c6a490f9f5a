// @ts-check
/**
 * The weights editor: one number field per measure of each scorecard of
 * the settings in force. A change re-scores at once in the browser
 * (`SuccessPortfolio.setWeight`, no server round trip); the engine's
 * refusal shows beside the field. "Save settings" PUTs the settings in
 * force (`settings()`) with who saves them.
 */

import { h } from '../widget/dom.js';
import { saveSettings } from './engine.js';
import { numberText, stageText } from './format.js';

/** @typedef {import('./engine.js').SuccessPortfolio} SuccessPortfolio */

/**
 * @typedef {object} ScorecardShape
 * @property {string} stage
 * @property {string} [segment]
 * @property {{ id: string, label: string, weight: number }[]} measures
 */

/**
 * Draws the fields; `onChange` redraws the page's view after a re-score.
 * @param {HTMLElement} root
 * @param {SuccessPortfolio} portfolio
 * @param {() => void} onChange
 */
export function drawWeights(root, portfolio, onChange) {
  const settings = /** @type {{ scorecards: ScorecardShape[] }} */ (/** @type {unknown} */ (portfolio.settings()));
  const groups = settings.scorecards.map((card, position) =>
    h(
      'fieldset',
      { class: 'weights-card', 'data-scorecard': position },
      h('legend', {}, `${stageText(card.stage)}${card.segment ? ` (${card.segment})` : ''}`),
      ...card.measures.map((measure) => {
        const id = `weight-${position}-${measure.id}`;
        const note = h('span', { class: 'field-error', id: `${id}-error` });
        const input = h('input', { id, type: 'number', min: 0, max: 1_000_000, step: 'any', value: measure.weight, inputmode: 'decimal', 'aria-describedby': `${id}-error`, 'data-measure': measure.id });
        input.addEventListener('input', () => {
          // A field being cleared to type a new number is not a weight yet.
          if (input.value.trim() === '') return;
          const weight = input.valueAsNumber;
          try {
            portfolio.setWeight(position, measure.id, weight);
            input.removeAttribute('aria-invalid');
            note.textContent = '';
            onChange();
          } catch (error) {
            input.setAttribute('aria-invalid', 'true');
            note.textContent = error instanceof Error ? error.message : String(error);
          }
        });
        return h('label', { for: id }, measure.label, input, note);
      }),
    ),
  );
  root.replaceChildren(...groups);
}

/**
 * Wires the save form.
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} by
 * @param {HTMLElement} status
 * @param {() => SuccessPortfolio | null} current
 */
export function wireSave(form, by, status, current) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const portfolio = current();
    if (!portfolio || !form.reportValidity()) return;
    status.textContent = 'Saving…';
    try {
      const version = await saveSettings(portfolio.settings(), by.value.trim());
      status.textContent = `Saved as version ${numberText(version)}.`;
    } catch (error) {
      status.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
}
