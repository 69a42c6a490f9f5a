//! Unit tests of `finance::tvm`.

use super::PaymentTiming::{End, Start};
use super::*;

fn check(actual: Result<f64, FinanceError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|e| panic!("expected {expected}, got error {e}"));
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

fn check_error(actual: Result<f64, FinanceError>, code: &str) {
    match actual {
        Ok(v) => panic!("expected {code}, got {v}"),
        Err(e) => assert_eq!(e.excel_error_code(), code, "{e}"),
    }
}

#[test]
fn microsoft_documentation_examples() {
    check(
        pmt(0.08 / 12.0, 10.0, 10000.0, 0.0, End),
        -1037.032089,
        1e-6,
    );
    check(
        pmt(0.06 / 12.0, 18.0 * 12.0, 0.0, 50000.0, End),
        -129.0811609,
        1e-6,
    );
    check(pv(0.08 / 12.0, 240.0, 500.0, 0.0, End), -59777.14585, 1e-5);
    check(
        fv(0.06 / 12.0, 10.0, -200.0, -500.0, Start),
        2581.403374,
        1e-6,
    );
    check(fv(0.12 / 12.0, 12.0, -1000.0, 0.0, End), 12682.50301, 1e-5);
    check(
        fv(0.11 / 12.0, 35.0, -2000.0, 0.0, Start),
        82846.24637,
        1e-5,
    );
    check(
        nper(0.12 / 12.0, -100.0, -1000.0, 10000.0, Start),
        59.6738657,
        1e-6,
    );
    check(
        nper(0.12 / 12.0, -100.0, -1000.0, 10000.0, End),
        60.0821229,
        1e-6,
    );
    check(
        nper(0.12 / 12.0, -100.0, -1000.0, 0.0, End),
        -9.57859404,
        1e-7,
    );
    check(
        rate(48.0, -200.0, 8000.0, 0.0, End, 0.1).map(|r| r * 12.0),
        0.09241767,
        1e-8,
    );
}

#[test]
fn zero_rate_uses_the_linear_forms() {
    check(pv(0.0, 10.0, -100.0, -500.0, End), 1500.0, 1e-12);
    check(fv(0.0, 10.0, -100.0, 500.0, Start), 500.0, 1e-12);
    check(pmt(0.0, 10.0, 1000.0, 0.0, End), -100.0, 1e-12);
    check(nper(0.0, -100.0, 1000.0, 0.0, End), 10.0, 1e-12);
    check(rate(10.0, -100.0, 1000.0, 0.0, End, 0.1), 0.0, 1e-12);
    // A tiny rate is continuous with the zero-rate limit.
    check(pmt(1e-15, 10.0, 1000.0, 0.0, End), -100.0, 1e-9);
}

#[test]
fn excel_error_rules() {
    check_error(pmt(0.1, 0.0, 1000.0, 0.0, End), "#NUM!");
    check_error(nper(0.0, 0.0, 1000.0, 0.0, End), "#NUM!");
    check_error(nper(0.1, -10.0, 1000.0, 0.0, End), "#NUM!");
    check_error(rate(0.0, -100.0, 1000.0, 0.0, End, 0.1), "#NUM!");
    check_error(rate(10.0, 100.0, 1000.0, 0.0, End, 0.1), "#NUM!");
    check_error(pv(f64::NAN, 1.0, 1.0, 1.0, End), "#NUM!");
    check_error(fv(1e6, 1e6, 1.0, 1.0, End), "#NUM!");
}

#[test]
fn rate_falls_back_when_newton_fails() {
    // A far-off guess still finds the 0.77% monthly root.
    check(
        rate(48.0, -200.0, 8000.0, 0.0, End, 50.0),
        0.09241767 / 12.0,
        1e-9,
    );
    // A rate near -100%: pv 1000 shrinks to 1e-6 in 3 periods.
    check(rate(3.0, 0.0, 1000.0, -1e-6, End, 0.1), -0.999, 1e-9);
}

#[test]
fn timing_reads_excel_type() {
    assert_eq!(PaymentTiming::from_excel_type(0.0), End);
    assert_eq!(PaymentTiming::from_excel_type(2.0), Start);
    assert_eq!(PaymentTiming::from_excel_type(-0.5), Start);
    assert_eq!(
        PaymentTiming::from_excel_type_strict("CUMIPMT", 1.9),
        Ok(Start)
    );
    assert!(PaymentTiming::from_excel_type_strict("CUMIPMT", 2.0).is_err());
    assert_eq!(Start.as_excel_type(), 1.0);
}

#[test]
fn rate_without_a_sign_change_in_its_terms_is_num_at_once() {
    // pv·(1+r)^n alone is positive for every rate: no root. The grid used
    // to report the rate where the term underflows to 0 (near -100%).
    check_error(rate(120.0, 0.0, 1.0, 0.0, End, 0.1), "#NUM!");
    check_error(rate(10.0, 100.0, 1000.0, 0.0, Start, 0.1), "#NUM!");
    check_error(rate(10.0, -100.0, -1000.0, -5.0, End, 0.1), "#NUM!");
}

#[test]
fn rate_fallback_finds_the_root_newton_misses() {
    // From 10% Newton runs toward -100%; the only root is about 75.1%.
    check(
        rate(5.0, -800.0, 1000.0, 0.0, End, 0.1),
        0.7514614144145442,
        1e-12,
    );
}
