//! Unit tests of `finance::rates`.

use super::*;

fn check(actual: Result<f64, FinanceError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|e| panic!("expected {expected}, got error {e}"));
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

fn num(result: Result<f64, FinanceError>) {
    assert_eq!(result.map_err(|e| e.excel_error_code()), Err("#NUM!"));
}

#[test]
fn microsoft_documentation_examples() {
    check(effect(0.0525, 4.0), 0.053542667, 1e-9);
    check(nominal(0.053543, 4.0), 0.052500319, 1e-9);
    check(pduration(0.025, 2000.0, 2200.0), 3.859866163, 1e-9);
    check(pduration(0.025 / 12.0, 1000.0, 1200.0), 87.60547642, 1e-8);
    check(rri(96.0, 10000.0, 11000.0), 0.000993307, 1e-9);
}

#[test]
fn argument_rules() {
    check(effect(0.0525, 4.9), 0.053542667, 1e-9);
    num(effect(0.0, 4.0));
    num(effect(0.05, 0.9));
    num(nominal(-0.1, 4.0));
    num(nominal(0.1, 0.0));
    num(rri(0.0, 1.0, 2.0));
    num(rri(1.0, 0.0, 2.0));
    num(rri(1.0, -1.0, 2.0));
    check(rri(2.0, 100.0, 0.0), -1.0, 0.0);
    num(pduration(0.0, 1.0, 2.0));
    num(pduration(0.1, 0.0, 2.0));
    num(pduration(0.1, 1.0, -2.0));
    num(effect(f64::NAN, 4.0));
}
