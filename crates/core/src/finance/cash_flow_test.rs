//! Unit tests of `finance::cash_flow`: Microsoft's documentation examples,
//! Excel's error rules and the module's own invariants.

use super::*;

fn check(actual: Result<f64, FinanceError>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|e| panic!("expected {expected}, got error {e}"));
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual}"
    );
}

fn code(result: Result<f64, FinanceError>) -> &'static str {
    result.map_or_else(|e| e.excel_error_code(), |_| "ok")
}

/// Microsoft's XNPV and XIRR example: 1/1/2008, 3/1/2008, 10/30/2008,
/// 2/15/2009, 4/1/2009.
pub(crate) const DOC_DATES: [f64; 5] = [39448.0, 39508.0, 39751.0, 39859.0, 39904.0];
pub(crate) const DOC_VALUES: [f64; 5] = [-10000.0, 2750.0, 4250.0, 3250.0, 2750.0];

#[test]
fn microsoft_documentation_examples() {
    check(
        npv(0.1, &[-10000.0, 3000.0, 4200.0, 6800.0]),
        1188.443412,
        1e-6,
    );
    let flows = [8000.0, 9200.0, 10000.0, 12000.0, 14500.0];
    check(npv(0.08, &flows).map(|v| v - 40000.0), 1922.061555, 1e-6);
    let with_loss = [8000.0, 9200.0, 10000.0, 12000.0, 14500.0, -9000.0];
    check(
        npv(0.08, &with_loss).map(|v| v - 40000.0),
        -3749.465087,
        1e-6,
    );
    check(xnpv(0.09, &DOC_VALUES, &DOC_DATES), 2086.647602, 1e-6);
    let mirr_flows = [-120000.0, 39000.0, 30000.0, 21000.0, 37000.0, 46000.0];
    check(mirr(&mirr_flows, 0.1, 0.12), 0.126094, 1e-6);
    check(
        mirr(mirr_flows.get(..4).unwrap(), 0.1, 0.12),
        -0.048044655,
        1e-6,
    );
    check(mirr(&mirr_flows, 0.1, 0.14), 0.134759111, 1e-6);
}

#[test]
fn excel_error_rules() {
    assert_eq!(code(npv(-1.0, &[1.0])), "#DIV/0!");
    assert_eq!(npv(0.1, &[]), Ok(0.0));
    assert_eq!(code(xnpv(0.1, &[1.0, 2.0], &[1.0])), "#NUM!");
    assert_eq!(code(xnpv(0.1, &[1.0, 2.0], &[10.0, 9.0])), "#NUM!");
    assert_eq!(code(xnpv(0.1, &[1.0, 2.0], &[10.0, -9.0])), "#VALUE!");
    assert_eq!(code(xnpv(-1.0, &[1.0, 2.0], &[10.0, 11.0])), "#NUM!");
    assert_eq!(code(mirr(&[1.0, 2.0], 0.1, 0.1)), "#DIV/0!");
    assert_eq!(code(mirr(&[-1.0, 2.0], -1.0, 0.1)), "#DIV/0!");
    assert_eq!(code(npv(-0.999_999, &[1.0; 400])), "#NUM!");
    // Dates are truncated to whole days: 10.9 and 10 are the same day.
    check(xnpv(0.1, &[1.0, 1.0], &[10.9, 10.0]), 2.0, 0.0);
}
