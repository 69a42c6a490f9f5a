// @ts-check
/**
 * @file A value the engine gave, as text for people: numbers in their
 * format and the case's locale and currency, Excel errors by their code
 * (the engine's reason in `title`-worthy text), anything else as it is.
 * Presentation only.
 */

/** @typedef {import('../../pkg/yardstick.js').FormulaValue} FormulaValue */
/** @typedef {import('../../pkg/yardstick.js').NumberFormat} NumberFormat */
/** @typedef {import('./session.js').PageSession} PageSession */

/**
 * @param {unknown} value
 * @returns {value is import('../../pkg/yardstick.js').FormulaError}
 */
export function isError(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
}

/**
 * @param {PageSession} session
 * @param {FormulaValue | null | undefined} value
 * @param {NumberFormat} format
 */
export function valueText(session, value, format) {
  if (typeof value === 'number') return session.format(value, format.style, format.decimals);
  if (isError(value)) return value.error;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * An input's value as people read it: numbers in the input's kind
 * (percent as a percentage, currency in the case's currency), options by
 * their label, toggles as Yes / No.
 * @param {PageSession} session
 * @param {import('../../pkg/yardstick.js').InputLayout} input
 * @param {import('../../pkg/yardstick.js').InputValue | undefined} value
 */
export function inputText(session, input, value) {
  if (value === undefined) return '';
  if (input.kind === 'toggle') return value === true ? 'Yes' : 'No';
  if (input.kind === 'select') return input.options?.find((option) => option.value === value)?.label ?? String(value);
  if (typeof value !== 'number') return String(value);
  const text = session.numbers.spoken(value, input);
  return input.kind === 'number' || input.kind === 'integer' ? text : input.unit ? `${text} ${input.unit}` : text;
}
