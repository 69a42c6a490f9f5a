// @ts-check
/**
 * Questions about the engine's values that both the site and the widget
 * ask, in one copy. It reads a value's shape only; it never computes one,
 * and it loads no engine (the site and the widget each load their own).
 */

/**
 * Whether a formula value is an error value (`{ error, message }`).
 * Works for the full build's values and the widget build's alike.
 * @template V
 * @param {V} value
 * @returns {value is Extract<V, { error: unknown }>}
 */
export function isFormulaError(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
}
