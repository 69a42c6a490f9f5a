//! Unit tests of `finance::irr`: Microsoft's documentation examples,
//! Excel's error rules and the module's own invariants.

use super::*;
use crate::finance::cash_flow::{npv, xnpv};

fn check(actual: Result<f64, FinanceError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|e| panic!("expected {expected}, got error {e}"));
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

const DOC_DATES: [f64; 5] = [39448.0, 39508.0, 39751.0, 39859.0, 39904.0];
const DOC_VALUES: [f64; 5] = [-10000.0, 2750.0, 4250.0, 3250.0, 2750.0];

#[test]
fn microsoft_documentation_examples() {
    let flows = [-70000.0, 12000.0, 15000.0, 18000.0, 21000.0, 26000.0];
    check(irr(&flows[..5], 0.1), -0.021244848, 1e-9);
    check(irr(&flows, 0.1), 0.086630948, 1e-9);
    check(irr(&flows[..3], -0.1), -0.443506941, 1e-9);
    // Excel shows 0.373362535 at its own 1e-8 tolerance.
    check(xirr(&DOC_VALUES, &DOC_DATES, 0.1), 0.373362535, 1e-8);
    let rate = xirr(&DOC_VALUES, &DOC_DATES, 0.1).unwrap();
    check(xnpv(rate, &DOC_VALUES, &DOC_DATES), 0.0, 1e-8);
}

#[test]
fn several_roots_are_listed_and_the_guess_picks_one() {
    // NPV in x = 1/(1+r) is -(1.1x - 1)(1.2x - 1): roots at 10% and 20%.
    let values = [-1.0, 2.3, -1.32];
    let roots = irr_roots(&values).unwrap();
    assert_eq!(roots.len(), 2, "{roots:?}");
    check(Ok(roots[0]), 0.1, 1e-12);
    check(Ok(roots[1]), 0.2, 1e-12);
    check(irr(&values, 0.05), 0.1, 1e-12);
    check(irr(&values, 0.3), 0.2, 1e-12);
    for root in roots {
        check(npv(root, &values), 0.0, 1e-12);
    }
}

#[test]
fn hard_cases_converge_or_fail_cleanly() {
    // All positive flows: no rate of return.
    assert_eq!(
        irr(&[1.0, 2.0], 0.1).map_err(|e| e.excel_error_code()),
        Err("#NUM!")
    );
    assert_eq!(
        irr(&[], 0.1).map_err(|e| e.excel_error_code()),
        Err("#NUM!")
    );
    assert_eq!(irr_roots(&[0.0, 0.0]), Ok(vec![]));
    // A loss of 99.9% in one year: Newton from 10% overshoots below -100%.
    check(xirr(&[-1000.0, 1.0], &[0.0, 365.0], 0.1), -0.999, 1e-12);
    check(irr(&[-1000.0, 0.0, 0.0, 0.0, 1e-5], 0.1), -0.99, 1e-12);
    // Huge magnitudes do not overflow.
    check(irr(&[-1e300, 1.1e300], 0.1), 0.1, 1e-12);
    check(xirr(&[-1e-300, 2e-300], &[100.0, 465.0], 0.1), 1.0, 1e-12);
    // A very large return.
    check(irr(&[-1.0, 1e6], 0.1), 1e6 - 1.0, 1e-3);
    // Invalid dates and mismatches.
    let code = |r: Result<f64, FinanceError>| r.map_err(|e| e.excel_error_code());
    assert_eq!(code(xirr(&[-1.0, 2.0], &[5.0, 4.0], 0.1)), Err("#NUM!"));
    assert_eq!(code(xirr(&[-1.0, 2.0], &[5.0], 0.1)), Err("#NUM!"));
    assert_eq!(code(xirr(&[-1.0, 2.0], &[5.0, 3e6], 0.1)), Err("#VALUE!"));
    assert_eq!(code(xirr(&[-1.0, 2.0], &[5.0, 6.0], -1.0)), Err("#NUM!"));
}
