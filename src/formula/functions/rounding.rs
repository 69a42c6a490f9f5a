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
// Excel's documentation examples use 3.14159 as a plain number, not as pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use RoundingMode::*;

    fn check(number: f64, digits: i32, mode: RoundingMode, expected: f64) {
        let actual = round_decimal(number, digits, mode);
        assert_eq!(
            actual, expected,
            "round_decimal({number}, {digits}, {mode:?})"
        );
    }

    #[test]
    fn fifteen_significant_digits_agree_with_core_formatting() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..50_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = if i % 2 == 0 {
                f64::from_bits(state)
            } else {
                (state % 1_000_000_000_000_000_000) as f64 * 10f64.powi((i % 40) - 30)
            };
            if n.is_finite() && n != 0.0 {
                let core: f64 = format!("{n:.14e}").parse().unwrap();
                assert_eq!(round_to_15_significant_digits(n), core, "{n:e}");
            }
        }
        assert_eq!(round_to_15_significant_digits(0.1 + 0.2), 0.3);
        assert_eq!(round_to_15_significant_digits(-0.0), -0.0);
    }

    #[test]
    fn round_matches_excel_examples() {
        check(2.15, 1, HalfAwayFromZero, 2.2);
        check(2.149, 1, HalfAwayFromZero, 2.1);
        check(-1.475, 2, HalfAwayFromZero, -1.48);
        check(21.5, -1, HalfAwayFromZero, 20.0);
        check(626.3, -3, HalfAwayFromZero, 1000.0);
        check(1.98, -1, HalfAwayFromZero, 0.0);
        check(-50.55, -2, HalfAwayFromZero, -100.0);
    }

    #[test]
    fn round_works_on_the_decimal_representation() {
        check(2.675, 2, HalfAwayFromZero, 2.68);
        check(1.005, 2, HalfAwayFromZero, 1.01);
        check(0.285, 2, HalfAwayFromZero, 0.29);
        check(2.5, 0, HalfAwayFromZero, 3.0);
        check(-2.5, 0, HalfAwayFromZero, -3.0);
        check(0.5, 0, HalfAwayFromZero, 1.0);
        check(0.49999999999999994, 0, HalfAwayFromZero, 1.0);
        check(0.1 + 0.2, 15, HalfAwayFromZero, 0.1 + 0.2);
        check(1234.5678, 10, HalfAwayFromZero, 1234.5678);
        check(9.99999, 2, HalfAwayFromZero, 10.0);
        check(1e300, -300, HalfAwayFromZero, 1e300);
        check(4e300, -301, HalfAwayFromZero, 0.0);
    }

    #[test]
    fn roundup_and_rounddown_match_excel_examples() {
        check(3.2, 0, AwayFromZero, 4.0);
        check(76.9, 0, AwayFromZero, 77.0);
        check(3.14159, 3, AwayFromZero, 3.142);
        check(-3.14159, 1, AwayFromZero, -3.2);
        check(31415.92654, -2, AwayFromZero, 31500.0);
        check(0.001, 0, AwayFromZero, 1.0);
        check(0.1 + 0.2, 1, AwayFromZero, 0.3);
        check(3.2, 0, TowardZero, 3.0);
        check(76.9, 0, TowardZero, 76.0);
        check(3.14159, 3, TowardZero, 3.141);
        check(-3.14159, 1, TowardZero, -3.1);
        check(31415.92654, -2, TowardZero, 31400.0);
        check(0.999, -5, TowardZero, 0.0);
    }

    #[test]
    fn extremes_stay_well_defined() {
        check(0.0, 2, HalfAwayFromZero, 0.0);
        check(f64::MAX, -308, AwayFromZero, f64::INFINITY);
        check(5e-324, 400, HalfAwayFromZero, 5e-324);
        check(5e-324, -400, AwayFromZero, f64::INFINITY);
        check(5e-324, i32::MIN, TowardZero, 0.0);
        check(1.5, i32::MAX, HalfAwayFromZero, 1.5);
    }
}
