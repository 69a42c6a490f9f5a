//! Unit tests of `finance::amortization`: Microsoft's documentation examples,
//! Excel's error rules and the module's own invariants.

use super::PaymentTiming::{End, Start};
use super::*;

fn check(actual: Result<f64, FinanceError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|e| panic!("expected {expected}, got error {e}"));
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn microsoft_documentation_examples() {
    check(
        ipmt(0.1 / 12.0, 1.0, 36.0, 8000.0, 0.0, End),
        -66.66666667,
        1e-7,
    );
    check(ipmt(0.1, 3.0, 3.0, 8000.0, 0.0, End), -292.4471299, 1e-6);
    check(
        ppmt(0.1 / 12.0, 1.0, 24.0, 2000.0, 0.0, End),
        -75.62318601,
        1e-7,
    );
    check(
        ppmt(0.08, 10.0, 10.0, 200000.0, 0.0, End),
        -27598.05346,
        1e-5,
    );
    check(
        cumipmt(0.09 / 12.0, 360.0, 125000.0, 13.0, 24.0, End),
        -11135.23213,
        1e-5,
    );
    check(
        cumipmt(0.09 / 12.0, 360.0, 125000.0, 1.0, 1.0, End),
        -937.5,
        1e-9,
    );
    check(
        cumprinc(0.09 / 12.0, 360.0, 125000.0, 13.0, 24.0, End),
        -934.1071234,
        1e-6,
    );
    check(
        cumprinc(0.09 / 12.0, 360.0, 125000.0, 1.0, 1.0, End),
        -68.27827118,
        1e-7,
    );
    // Payments at the start (DAX documentation of CUMIPMT, same loan).
    check(
        cumipmt(0.09 / 12.0, 360.0, 125000.0, 13.0, 24.0, Start),
        -11052.33958,
        1e-5,
    );
}

#[test]
fn cumulative_sums_match_period_by_period_sums() {
    for timing in [End, Start] {
        let (rate, nper, pv) = (0.01, 30.0, 5000.0);
        let interest: f64 = (4..=17)
            .map(|p| ipmt(rate, f64::from(p), nper, pv, 0.0, timing).unwrap())
            .sum();
        let principal: f64 = (4..=17)
            .map(|p| ppmt(rate, f64::from(p), nper, pv, 0.0, timing).unwrap())
            .sum();
        check(cumipmt(rate, nper, pv, 4.0, 17.0, timing), interest, 1e-9);
        check(cumprinc(rate, nper, pv, 4.9, 17.2, timing), principal, 1e-9);
        check(cumprinc(rate, nper, pv, 1.0, nper, timing), -pv, 1e-9);
    }
    assert_eq!(ipmt(0.01, 1.0, 12.0, 1000.0, 0.0, Start), Ok(0.0));
}

#[test]
fn excel_error_rules() {
    let num = |r: Result<f64, FinanceError>| {
        assert_eq!(r.map_err(|e| e.excel_error_code()), Err("#NUM!"));
    };
    num(ipmt(0.1, 0.0, 3.0, 8000.0, 0.0, End));
    num(ipmt(0.1, 4.0, 3.0, 8000.0, 0.0, End));
    num(ppmt(0.1, 0.5, 3.0, 8000.0, 0.0, End));
    num(cumipmt(0.0, 360.0, 125000.0, 1.0, 1.0, End));
    num(cumipmt(0.01, 0.0, 125000.0, 1.0, 1.0, End));
    num(cumipmt(0.01, 360.0, -1.0, 1.0, 1.0, End));
    num(cumipmt(0.01, 360.0, 1.0, 0.5, 1.0, End));
    num(cumipmt(0.01, 360.0, 1.0, 3.0, 2.0, End));
    num(cumprinc(0.01, 360.0, 1.0, 3.0, 361.0, End));
    // Huge nper costs nothing: closed forms, not loops. Payments total
    // 1e15 * -1e-9 = -1e6, of which 1 repays principal.
    check(cumipmt(1e-9, 1e15, 1.0, 1.0, 1e15, End), -999_999.0, 1e-6);
}
