//! Unit tests of ROUND and friends. Excel's documentation examples use
//! 3.14159 as a plain number, not as pi.
#![allow(clippy::approx_constant)]

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
