//! Exact decimal-to-`f64` conversion without core's `dec2flt` tables.
//!
//! [`parse_decimal`] turns ASCII decimal text into the nearest `f64`, rounding
//! halfway cases to even: bit for bit what `str::parse::<f64>` gives, for every
//! input of the grammar below. It exists because `dec2flt`'s table of powers
//! of five costs about 10 KB gzipped in the wasm; this file needs no table.
//! It never accepts whitespace, `inf`, `nan`, hex or `_`, never allocates on
//! the fast path and never panics.
//!
//! # Algorithm
//!
//! The text is validated and split into its digits and exponent, so that the
//! value is `D × 10^e` for an integer `D` of `n` significant digits (leading
//! and trailing zeros removed). Then:
//!
//! 1. `n == 0` gives ±0. `e + n - 1 >= 309` means the value is at least
//!    `10^309`, past `f64::MAX` plus half an ulp: ±infinity. `e + n <= -324`
//!    means it is below `10^-324`, under half the smallest subnormal
//!    (`2^-1075 ≈ 2.47e-324`): ±0. Huge exponents therefore cost nothing.
//! 2. Clinger's fast path: when `D <= 2^53` and `|e| <= 22`, both `D` and
//!    `10^|e|` are exact `f64`s, and one correctly rounded IEEE multiplication
//!    or division gives the answer.
//! 3. Otherwise, exact arithmetic on small big integers (`number_text::big::Big`): the value
//!    is the fraction `N / M` (`N = D·10^e, M = 1` or `N = D, M = 10^-e`).
//!    Scaling by a power of two puts the quotient in `[2^64, 2^66)`; binary
//!    long division gives its integer part `Q` and whether a remainder is
//!    left (the sticky bit). Rounding `Q` to 53 bits (fewer for subnormals)
//!    with that sticky bit is exact, so the result is correctly rounded.
//!
//! # Why 800 significant digits are enough
//!
//! Rounding can only change at a halfway point between neighbouring `f64`s
//! (the overflow threshold `2^1024 - 2^970` is one too): `h = m·2^-k` with
//! `m` odd, `m < 2^54` and `k <= 1075`. For `k <= 0`, `h` is an integer below
//! `2^1024`: at most 309 digits. For `k > 0`, `h = m·5^k / 10^k` ends exactly
//! `k` places after the point and its first digit is at place `log10(h)`, so
//! it has at most `k + log10(h) + 1 = k·log10(5) + log10(m) + 1 < 751.5 +
//! 16.3 + 1` significant digits: at most 768. Take an input `V` with more
//! than 800 significant digits and let `T` be its first 800, so
//! `T < V < T + u` where `u` is the unit of `T`'s last place. A halfway point
//! in `(T, T + u)` would share `T`'s leading place, so its at most 768 digits
//! would make it a multiple of `u`, like `T`: there is none, and
//! `V` rounds like any number in that open interval. We use `T` followed by
//! one more digit `1`, which is in the interval and is not a halfway point
//! itself (it has 801 significant digits). This bounds the big integers to
//! about 3,800 bits, whatever the input length.

use crate::number_text::big::{divide_small_quotient, Big};

/// Significant digits kept exactly; later ones only count as "not zero".
const MAX_DIGITS: usize = 800;

/// Saturation bound for the written exponent: far beyond any that matters
/// (see step 1), small enough that sums of lengths never overflow an `i64`.
const EXPONENT_LIMIT: i64 = 1 << 40;

/// Parses an ASCII decimal number: optional sign `+`/`-`, digits with at most one `.`
/// (at least one digit overall), optional exponent `e`/`E` with optional sign and at least one digit.
/// Returns None for anything else (no whitespace, no "inf"/"nan", no hex, no `_`).
/// Exactly the f64 `str::parse::<f64>` gives for the same text (±0.0 and ±infinity on overflow included:
/// return Some(f64::INFINITY) where std does, callers decide), for every input.
pub fn parse_decimal(text: &str) -> Option<f64> {
    parse_decimal_bytes(text.as_bytes())
}

/// [`parse_decimal`] of text already in bytes (any non-ASCII byte is refused).
pub fn parse_decimal_bytes(bytes: &[u8]) -> Option<f64> {
    let parts = Parts::split(bytes)?;
    let magnitude = parts.magnitude();
    Some(if parts.negative {
        -magnitude
    } else {
        magnitude
    })
}

/// The pieces of valid decimal text.
struct Parts<'a> {
    negative: bool,
    /// Digits before the point (ASCII).
    integer: &'a [u8],
    /// Digits after the point (ASCII).
    fraction: &'a [u8],
    /// The written exponent, saturated at ±[`EXPONENT_LIMIT`].
    exponent: i64,
}

impl<'a> Parts<'a> {
    /// Validates the grammar and splits the text; `None` if it does not fit.
    fn split(bytes: &'a [u8]) -> Option<Parts<'a>> {
        let (negative, rest) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            Some((b'+', rest)) => (false, rest),
            _ => (false, bytes),
        };
        let (integer, rest) = split_digits(rest);
        let (fraction, rest) = match rest.split_first() {
            Some((b'.', after_point)) => split_digits(after_point),
            _ => (&[][..], rest),
        };
        if integer.is_empty() && fraction.is_empty() {
            return None;
        }
        let exponent = match rest.split_first() {
            None => 0,
            Some((b'e' | b'E', after_e)) => parse_exponent(after_e)?,
            Some(_) => return None,
        };
        Some(Parts {
            negative,
            integer,
            fraction,
            exponent,
        })
    }

    /// All digits, integer part then fraction, as values 0..=9.
    fn digits(&self) -> impl DoubleEndedIterator<Item = u8> + 'a {
        let (integer, fraction) = (self.integer, self.fraction);
        integer.iter().chain(fraction).map(|b| b.wrapping_sub(b'0'))
    }

    /// The absolute value, correctly rounded.
    fn magnitude(&self) -> f64 {
        let total = self.integer.len() + self.fraction.len();
        let leading_zeros = self.digits().take_while(|&d| d == 0).count();
        if leading_zeros == total {
            return 0.0;
        }
        let trailing_zeros = self.digits().rev().take_while(|&d| d == 0).count();
        let significant = total - leading_zeros - trailing_zeros;
        let kept = significant.min(MAX_DIGITS);
        let sticky = significant > kept;
        // value = (kept digits) × 10^exponent, plus a sticky digit if any dropped.
        let mut exponent = self.exponent - to_i64(self.fraction.len())
            + to_i64(trailing_zeros)
            + to_i64(significant - kept);
        let mut count = to_i64(kept);
        if sticky {
            exponent -= 1;
            count += 1;
        }
        if exponent + count > 309 {
            return f64::INFINITY;
        }
        if exponent + count <= -324 {
            return 0.0;
        }
        let digits = || self.digits().skip(leading_zeros).take(kept);
        if let Some(fast) = clinger(digits(), kept, exponent) {
            return fast;
        }
        let mut numerator = Big::from_digits(digits());
        if sticky {
            numerator.mul_add_small(10, 1);
        }
        let mut denominator = Big::one();
        if exponent >= 0 {
            numerator.mul_pow10(exponent.unsigned_abs());
        } else {
            denominator.mul_pow10(exponent.unsigned_abs());
        }
        round_fraction(numerator, denominator)
    }
}

/// Splits off the leading ASCII digits.
fn split_digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    bytes.split_at_checked(len).unwrap_or((bytes, &[]))
}

/// Parses the exponent after `e`: optional sign, then only digits (at least
/// one). Saturates at ±[`EXPONENT_LIMIT`], so `1e999999999999` costs nothing.
fn parse_exponent(bytes: &[u8]) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0_i64, |acc, b| {
        (acc * 10 + i64::from(b - b'0')).min(EXPONENT_LIMIT)
    });
    Some(if negative { -magnitude } else { magnitude })
}

/// A length as `i64` (lengths of real text always fit).
fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX / 4)
}

/// Clinger's fast path: exact when `D <= 2^53` and `|e| <= 22`, because then
/// `D` and `10^|e|` are exact `f64`s and a single IEEE operation rounds once.
fn clinger(digits: impl Iterator<Item = u8>, count: usize, exponent: i64) -> Option<f64> {
    if count > 19 || !(-22..=22).contains(&exponent) {
        return None;
    }
    let mantissa = digits.fold(0_u64, |acc, d| acc * 10 + u64::from(d));
    if mantissa > 1 << 53 {
        return None;
    }
    // 10^k for k <= 22 is exact, and so is every product on the way there.
    let power = (0..exponent.unsigned_abs()).fold(1.0_f64, |p, _| p * 10.0);
    let mantissa = mantissa as f64;
    Some(if exponent >= 0 {
        mantissa * power
    } else {
        mantissa / power
    })
}

/// Rounds `numerator / denominator` (both non-zero) to the nearest `f64`,
/// ties to even.
fn round_fraction(mut numerator: Big, mut denominator: Big) -> f64 {
    // numerator / denominator lies in (2^(gap-1), 2^(gap+1)); scale it by
    // 2^scale so the quotient lies in (2^64, 2^66).
    let gap = to_i64(numerator.bit_len()) - to_i64(denominator.bit_len());
    let scale = 65 - gap;
    if scale >= 0 {
        numerator.shl(scale.unsigned_abs());
    } else {
        denominator.shl(scale.unsigned_abs());
    }
    let (quotient, sticky) = divide_small_quotient(numerator, denominator);
    // value = (quotient + fraction) × 2^-scale, fraction in [0, 1), non-zero iff sticky.
    let quotient_bits = 128 - i64::from(quotient.leading_zeros());
    // Exponent of the last kept bit: 53 significant bits, or the subnormal floor.
    let mut unit_exponent = (quotient_bits - scale - 53).max(-1074);
    if unit_exponent > 971 {
        return f64::INFINITY;
    }
    let dropped = unit_exponent + scale;
    let Ok(dropped @ 1..=127) = u32::try_from(dropped) else {
        // At least 128 bits dropped: the value is below a quarter of the
        // smallest subnormal. (Fewer than one bit dropped cannot happen.)
        return 0.0;
    };
    let mut mantissa = quotient >> dropped;
    let remainder = quotient & ((1_u128 << dropped) - 1);
    let half = 1_u128 << (dropped - 1);
    let round_up = remainder > half || (remainder == half && (sticky || mantissa & 1 == 1));
    mantissa += u128::from(round_up);
    if mantissa == 1 << 53 {
        mantissa = 1 << 52;
        unit_exponent += 1;
        if unit_exponent > 971 {
            return f64::INFINITY;
        }
    }
    let mantissa = u64::try_from(mantissa).unwrap_or(0);
    let bits = if mantissa < 1 << 52 {
        mantissa // subnormal (or zero): biased exponent 0
    } else {
        let biased = u64::try_from(unit_exponent + 1075).unwrap_or(0);
        (biased << 52) | (mantissa - (1 << 52))
    };
    f64::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `parse_decimal` agrees bit for bit with std on `text`.
    fn check(text: &str) {
        let ours = parse_decimal(text).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{text:?}: ours {ours:?}, std {std:?}");
    }

    /// The decimal digits of 5^power.
    fn power_of_five(power: u32) -> String {
        let mut digits = vec![1_u8]; // little-endian
        for _ in 0..power {
            let mut carry = 0;
            for digit in &mut digits {
                let product = *digit * 5 + carry;
                (*digit, carry) = (product % 10, product / 10);
            }
            if carry > 0 {
                digits.push(carry);
            }
        }
        digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
    }

    #[test]
    fn agrees_with_std_on_hard_cases() {
        for text in [
            "0", "-0", "+0", "0.0", "-0.0", "0e0", "0e999999999", "-0e-999999999", "000",
            "1", "-1", "+1", "1.5", ".5", "5.", "-.5", "+5.", "0.1", "0.2", "0.3", "123.456",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
            "18014398509481985", "18014398509481987", "295147905179352825856",
            "1e22", "1e23", "1e-22", "1e-23", "9e22", "8.98846567431158e307",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405301e276", "179769313486231580793728971405302e276",
            "-1.7976931348623159e308", "1e308", "1e309", "-1e309", "1e400", "1e999999999",
            "1e99999999999999999999999999", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "2.2250738585072012e-308", "2.225073858507201136057409796709131975934819546351645648e-308",
            "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "2.470328229206232720882e-324", "2.5e-324", "3e-324",
            "7.4109846876186981626485318930233205854758970392148714663837852375101326090531312779794975454245398856969484704316857659638998506553390969459816219401617281718945106978546710679176872575177347315553307795408549809608457500958111373034747658096871009590975442271004757307809711118935784838675653998783503015228055934046593739791790738723868299395818481660169122019456499931289798411362062484498678713572180352209017023903285791732520220528974020802906854021606612375549983402671300035812486479041385743401875520901590172592547146296175134159774938718574737870961645638908718119841271673056017045493004705269590165763776884908267986972573366521765567941072508764337560846003984904972149117463085539556354188641513168478436313080237596295773983001708984375e-324",
            "1e-400", "-1e-400", "1e-999999999", "1e-324", "1e-323", "2e-323", "1.5e-323",
            "100000000000000000000000000000000000000000000000000e-50",
            "0.000000000000000000000000000000000000000000000000001e50",
            "00000000000000000000000000000000000000001.000000000000000000000000000000000000000",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "1.00000000000000033306690738754696212708950042724609375",
            "9007199254740993.0000000000000000000000000000000000000000000000000000000000001",
            "123456789012345678901234567890123456789012345678901234567890",
            "3.14159265358979323846264338327950288419716939937510582097494459",
            "4503599627370496.5", "4503599627370497.5", "2.0000000000000004", "0.30000000000000004",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792.000000000000000000000000000001",
            "179769313486231580793728971405303415079934132710037826936173e249",
            "1e0", "1E5", "1e+5", "1e-5", "1.e5", ".1e5", "1e05", "1e-0",
        ] {
            check(text);
        }
    }

    #[test]
    fn agrees_on_powers_of_two_and_ten() {
        for power in -1080..=1023 {
            check(&format!("{:e}", 2.0_f64.powi(power)));
            check(&format!("{:.1100}", 2.0_f64.powi(power)));
        }
        for power in -330..=312 {
            check(&format!("1e{power}"));
            check(&format!("9.999999999999999e{power}"));
        }
    }

    #[test]
    fn agrees_on_extreme_normals_and_subnormals() {
        for bits in [
            1,
            2,
            3,
            0x000F_FFFF_FFFF_FFFF,
            0x0010_0000_0000_0000,
            0x7FEF_FFFF_FFFF_FFFF,
        ] {
            let x = f64::from_bits(bits);
            for text in [
                format!("{x}"),
                format!("{x:e}"),
                format!("{x:.17e}"),
                format!("{x:.1100}"),
            ] {
                check(&text);
            }
        }
    }

    #[test]
    fn long_inputs_keep_their_sticky_digit() {
        // 2^-1075 = 5^1075 × 10^-1075: half the smallest subnormal, exactly.
        let half_min = format!("{}e-1075", power_of_five(1075));
        let half_min = half_min.as_str();
        check(half_min);
        assert_eq!(parse_decimal(half_min), Some(0.0));
        let above = half_min.replace("e-1075", &format!("{}1e-4076", "0".repeat(3000)));
        check(&above);
        assert_eq!(parse_decimal(&above), Some(5e-324));
        check(&format!("0.{}1e8000", "0".repeat(8000)));
        check(&format!("1{}e-8000", "0".repeat(8000)));
        check(&"9".repeat(8000));
        check(&format!("0.{}", "9".repeat(8000)));
    }

    #[test]
    fn rejects_text_outside_the_grammar() {
        for text in [
            "", "+", "-", ".", "+.", "-.e5", "1e", "e5", "1e+", "1e-", "--1", "+-1", "1..2",
            "1.2.3", "1e5.5", "1e5e5", " 1", "1 ", "1_000", "0x10", "inf", "-inf", "infinity",
            "NaN", "nan", "1,5", "١", "1e+-5", ".e1", "1f",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn hostile_exponents_answer_at_once() {
        assert_eq!(parse_decimal("1e999999999"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("-1e999999999"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_decimal("1e-999999999").map(f64::to_bits), Some(0));
        assert_eq!(
            parse_decimal("-1e-999999999").map(f64::to_bits),
            Some((-0.0_f64).to_bits())
        );
        let long_exponent = format!("1e{}", "9".repeat(8000));
        assert_eq!(parse_decimal(&long_exponent), Some(f64::INFINITY));
    }
}
