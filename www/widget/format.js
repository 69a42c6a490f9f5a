// @ts-check
/**
 * Locale-aware display and reading of numbers for the widget, through
 * `Intl.NumberFormat`: outputs in their model format (currency, percent,
 * number, months) and input fields in the model's locale. Typed text is read
 * back by the engine (`readTypedNumber`), told the locale's decimal mark.
 *
 * Presentation only: it rounds for display and never feeds a rounded number
 * back into a calculation.
 */

/** @typedef {import('./engine.js').OutputLayout} OutputLayout */
/** @typedef {import('./engine.js').InputLayout} InputLayout */

/**
 * One place that knows the widget's locale and currency.
 */
export class NumberFormats {
  // Private members (#): nothing outside reads them, and the minifier may
  // shorten their names, which it may not for public ones.
  #locale;
  #decimal;
  /** @type {Map<string, Intl.NumberFormat>} */
  #cache = new Map();
  #read;
  /**
   * @param {string} locale BCP 47 tag; an unsupported tag falls back to `en-US`.
   * @param {string} currency ISO 4217 code.
   * @param {(text: string, decimalComma: boolean) => number} readTypedNumber the engine's reader of typed numbers
   */
  constructor(locale, currency, readTypedNumber) {
    this.#read = readTypedNumber;
    this.#locale = supportedLocale(locale);
    this.currency = supportedCurrency(currency, this.#locale);
    /** The locale's decimal separator (`.` or `,` ...). */
    this.#decimal = new Intl.NumberFormat(this.#locale).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.';
  }

  /**
   * @param {string} key
   * @param {Intl.NumberFormatOptions} options
   */
  #formatter(key, options) {
    let format = this.#cache.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.#locale, options);
      this.#cache.set(key, format);
    }
    return format;
  }

  /**
   * An output value in its model format; past 16 characters (a visitor's
   * 1e300 does that) in compact notation (`$1.2T`), scientific beyond the
   * trillions (`$1E300`), so every result fits its box.
   * @param {number} value
   * @param {Pick<OutputLayout, 'style' | 'decimals'>} format
   */
  output(value, format) {
    const style = {
      currency: { style: 'currency', currency: this.currency },
      percent: { style: 'percent' },
      months: { style: 'unit', unit: 'month', unitDisplay: 'long' },
    }[/** @type {string} */ (format.style)];
    const digits = { minimumFractionDigits: format.decimals, maximumFractionDigits: format.decimals };
    const text = this.#formatter(`${format.style}${format.decimals}`, /** @type {Intl.NumberFormatOptions} */ ({ ...style, ...digits })).format(value);
    if (text.length <= 16) return text;
    const notation = Math.abs(value) < 1e15 ? 'compact' : 'scientific';
    return this.#formatter(`${format.style}${notation}`, /** @type {Intl.NumberFormatOptions} */ ({ ...style, notation, minimumFractionDigits: 0, maximumFractionDigits: 1 })).format(value);
  }

  /**
   * A short axis label: compact notation (`1.2M`, `€40K`).
   * @param {number} value
   * @param {'currency' | 'number'} style
   */
  compact(value, style) {
    // The minimum is stated: currency style otherwise asks for the currency's
    // two decimals, clamped to one (`$40.0K`).
    const options = /** @type {Intl.NumberFormatOptions} */ ({ notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    if (style === 'currency') Object.assign(options, { style: 'currency', currency: this.currency });
    return this.#formatter(`k${style}`, options).format(value);
  }

  /**
   * The text an input's number box shows for a value: percent inputs in
   * percentage points (0.25 shows as 25), no grouping so it edits cleanly.
   * @param {number} value
   * @param {InputLayout['kind']} kind
   */
  fieldText(value, kind) {
    const shown = kind === 'percent' ? value * 100 : value;
    return this.#formatter('field', { useGrouping: false, maximumFractionDigits: 10 }).format(shown);
  }

  /**
   * A value as a screen reader should hear it (`aria-valuetext`).
   * @param {number} value
   * @param {InputLayout} input
   */
  spoken(value, input) {
    switch (input.kind) {
      case 'currency':
        return this.#formatter('sc', { style: 'currency', currency: this.currency, maximumFractionDigits: 2 }).format(value);
      case 'percent':
        return this.#formatter('sp', { style: 'percent', maximumFractionDigits: 4 }).format(value);
      default: {
        const text = this.#formatter('sn', { maximumFractionDigits: 6 }).format(value);
        return input.unit ? `${text} ${input.unit}` : text;
      }
    }
  }

  /**
   * Reads what a visitor typed in an input's number box, in the locale's
   * notation, with the engine's reader (core `typed_number`). Percent
   * inputs are typed in percentage points. Throws the engine's message for
   * the visitor when the text is not a number it can take.
   * @param {string} text
   * @param {InputLayout['kind']} kind
   * @returns {number}
   */
  parseField(text, kind) {
    const value = this.#read(text, this.#decimal === ',');
    return kind === 'percent' ? value / 100 : value;
  }
}

/**
 * @param {string} locale
 * @returns {string}
 */
function supportedLocale(locale) {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/**
 * @param {string} currency
 * @param {string} locale
 * @returns {string}
 */
function supportedCurrency(currency, locale) {
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency });
    return currency;
  } catch {
    return 'USD';
  }
}
