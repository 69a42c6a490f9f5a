//! Decimal rounding as Excel's ROUND, ROUNDUP and ROUNDDOWN do it: on the
//! number's 15-significant-digit decimal form, not on its binary value.
//!
//! 2.675 is stored as 2.67499999999999982..., so rounding the binary value
//! gives 2.67, but Excel (which sees "2.675") gives 2.68; so does this module.
//! It never returns NaN and never panics; a result too large for `f64`
//! comes back infinite for the caller to turn into `#NUM!`.

/// Which way a rounded-off remainder moves the kept digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    /// ROUND: half or more of the last kept unit rounds away from zero.
    HalfAwayFromZero,
    /// ROUNDUP: any remainder rounds away from zero.
    AwayFromZero,
    /// ROUNDDOWN: the remainder is dropped (toward zero).
    TowardZero,
}

/// The significant digits Excel works with.
const SIGNIFICANT_DIGITS: i32 = 15;

/// `number` rounded to 15 significant digits (ties to even on its exact
/// binary value), as the double nearest that decimal: what Excel shows and
/// compares. Exactly `number.parse(format!("{number:.14e}"))`, without
/// core's float formatting. Zero, NaN and infinities come back unchanged.
pub fn round_to_15_significant_digits(number: f64) -> f64 {
    let Some((significand, exponent)) = fifteen_digits(number.abs()) else {
        return number;
    };
    let mut text = String::with_capacity(24);
    if number < 0.0 {
        text.push('-');
    }
    crate::number_text::push_u64(&mut text, significand, 1);
    text.push('e');
    let unit_exponent = exponent - (SIGNIFICANT_DIGITS - 1);
    if unit_exponent < 0 {
        text.push('-');
    }
    crate::number_text::push_u64(&mut text, u64::from(unit_exponent.unsigned_abs()), 1);
    crate::formula::decimal::parse_decimal(&text).unwrap_or(number)
}

/// Rounds `number` to `digits` decimal places (negative `digits` round to
/// the left of the decimal point: -2 rounds to hundreds).
pub fn round_decimal(number: f64, digits: i32, mode: RoundingMode) -> f64 {
    if number == 0.0 || !number.is_finite() {
        return number;
    }
    let Some((significand, exponent)) = fifteen_digits(number.abs()) else {
        return number;
    };
    // `significand` holds 15 digits; the first one is worth 10^exponent.
    // i64 so that no `digits` can overflow the arithmetic.
    let kept_digits = i64::from(exponent) + 1 + i64::from(digits);
    if kept_digits >= i64::from(SIGNIFICANT_DIGITS) {
        // Nothing to round off: the number already has fewer decimals.
        return number;
    }
    let dropped_digits = i64::from(SIGNIFICANT_DIGITS) - kept_digits;
    let unit = u32::try_from(dropped_digits)
        .ok()
        .and_then(|dropped| 10u64.checked_pow(dropped));
    let (kept, remainder, half_unit) = match unit {
        Some(unit) => (significand / unit, significand % unit, unit / 2),
        // Every digit is rounded off and the number is far below half a unit.
        None => (0, significand, u64::MAX),
    };
    let round_up = match mode {
        RoundingMode::HalfAwayFromZero => remainder >= half_unit,
        RoundingMode::AwayFromZero => remainder > 0,
        RoundingMode::TowardZero => false,
    };
    let rounded = kept + u64::from(round_up);
    // `rounded` counts units of 10^-digits; parsing the decimal text gives
    // the double nearest to the exact decimal result.
    let magnitude =
        crate::formula::decimal::parse_decimal(&format!("{rounded}e{}", -i64::from(digits)))
            .unwrap_or(f64::INFINITY);
    if number < 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// The 15 significant digits of a positive finite number as an integer,
/// with the decimal exponent of its first digit.
fn fifteen_digits(magnitude: f64) -> Option<(u64, i32)> {
    let (digits, exponent) =
        crate::number_text::significant(magnitude, SIGNIFICANT_DIGITS.unsigned_abs());
    (digits != 0).then_some((digits, exponent))
}

#[cfg(test)]
#[path = "rounding_test.rs"]
mod tests;
