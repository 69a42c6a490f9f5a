//! Unit tests of `formula::functions::financial`.

use super::*;

fn row(values: &[f64]) -> Value {
    Value::Array(Array::from_row(values.iter().map(|v| Value::Number(*v)).collect()).unwrap())
}

fn n(value: f64) -> Value {
    Value::Number(value)
}

fn check(name: &str, args: &[Value], expected: f64, tolerance: f64) {
    let spec = super::super::find(name).unwrap();
    assert!(
        args.len() >= spec.min_args && args.len() <= spec.max_args,
        "{name} arity"
    );
    let Implementation::Eager(function) = spec.implementation else {
        panic!("{name} is not eager");
    };
    match function(args) {
        Ok(Value::Number(actual)) => assert!(
            (actual - expected).abs() <= tolerance,
            "{name}: expected {expected}, got {actual}"
        ),
        other => panic!("{name}: expected {expected}, got {other:?}"),
    }
}

fn check_error(name: &str, args: &[Value], kind: ErrorKind, message: &str) {
    let Implementation::Eager(function) = super::super::find(name).unwrap().implementation else {
        panic!("{name} is not eager");
    };
    match function(args) {
        Err(err) => {
            assert_eq!(err.kind, kind, "{name}: {err}");
            assert!(err.message.contains(message), "{name}: {}", err.message);
        }
        other => panic!("{name}: expected {kind}, got {other:?}"),
    }
}

#[test]
fn annuity_functions_with_defaults() {
    check(
        "PMT",
        &[n(0.08 / 12.0), n(10.0), n(10000.0)],
        -1037.032089,
        1e-6,
    );
    check(
        "PMT",
        &[n(0.005), n(216.0), n(0.0), n(50000.0)],
        -129.0811609,
        1e-6,
    );
    check(
        "PV",
        &[n(0.08 / 12.0), n(240.0), n(500.0), Value::Empty, n(0.0)],
        -59777.14585,
        1e-5,
    );
    check(
        "FV",
        &[n(0.005), n(10.0), n(-200.0), n(-500.0), n(1.0)],
        2581.403374,
        1e-6,
    );
    check(
        "NPER",
        &[n(0.01), n(-100.0), n(-1000.0), n(10000.0), n(1.0)],
        59.6738657,
        1e-6,
    );
    check(
        "RATE",
        &[n(48.0), n(-200.0), n(8000.0)],
        0.09241767 / 12.0,
        1e-9,
    );
    check(
        "IPMT",
        &[n(0.1), n(3.0), n(3.0), n(8000.0)],
        -292.4471299,
        1e-6,
    );
    check(
        "PPMT",
        &[n(0.08), n(10.0), n(10.0), n(200000.0)],
        -27598.05346,
        1e-5,
    );
    let loan = [n(0.0075), n(360.0), n(125000.0), n(13.0), n(24.0), n(0.0)];
    check("CUMIPMT", &loan, -11135.23213, 1e-5);
    check("CUMPRINC", &loan, -934.1071234, 1e-6);
    // Any nonzero type means payments at the start.
    check(
        "PMT",
        &[n(0.01), n(12.0), n(1000.0), n(0.0), n(2.0)],
        -87.969097701,
        1e-8,
    );
    check(
        "PMT",
        &[n(0.01), n(12.0), n(1000.0), n(0.0), Value::Bool(true)],
        -87.969097701,
        1e-8,
    );
}

#[test]
fn cash_flow_functions() {
    check(
        "NPV",
        &[n(0.1), n(-10000.0), n(3000.0), n(4200.0), n(6800.0)],
        1188.443412,
        1e-6,
    );
    check(
        "NPV",
        &[n(0.1), row(&[-10000.0, 3000.0]), n(4200.0), n(6800.0)],
        1188.443412,
        1e-6,
    );
    // Text inside arrays is skipped; direct numeric text and booleans count.
    let mixed = Array::from_row(vec![n(-10000.0), Value::Text("x".into()), n(3000.0)]).unwrap();
    check(
        "NPV",
        &[
            n(0.1),
            Value::Array(mixed),
            Value::Text("4200".into()),
            n(6800.0),
        ],
        1188.443412,
        1e-6,
    );
    check("NPV", &[n(0.1), Value::Empty, n(121.0)], 100.0, 1e-9);
    let dates = row(&[39448.0, 39508.0, 39751.0, 39859.0, 39904.0]);
    let values = row(&[-10000.0, 2750.0, 4250.0, 3250.0, 2750.0]);
    check(
        "XNPV",
        &[n(0.09), values.clone(), dates.clone()],
        2086.647602,
        1e-6,
    );
    check("XIRR", &[values, dates], 0.373362535, 1e-8);
    let flows = row(&[-70000.0, 12000.0, 15000.0, 18000.0, 21000.0, 26000.0]);
    check("IRR", &[flows], 0.086630948, 1e-9);
    check(
        "IRR",
        &[row(&[-70000.0, 12000.0, 15000.0]), n(-0.1)],
        -0.443506941,
        1e-9,
    );
    let mirr_flows = row(&[-120000.0, 39000.0, 30000.0, 21000.0, 37000.0, 46000.0]);
    check("MIRR", &[mirr_flows, n(0.1), n(0.12)], 0.126094130, 1e-9);
}

#[test]
fn rates_and_business_helpers() {
    check("EFFECT", &[n(0.0525), n(4.0)], 0.053542667, 1e-9);
    check("NOMINAL", &[n(0.053543), n(4.0)], 0.052500320, 1e-9);
    check(
        "PDURATION",
        &[n(0.025), n(2000.0), n(2200.0)],
        3.859866163,
        1e-9,
    );
    check("RRI", &[n(96.0), n(10000.0), n(11000.0)], 0.000993307, 1e-9);
    check("ROI", &[n(150.0), n(100.0)], 0.5, 0.0);
    check(
        "PAYBACK",
        &[row(&[-1000.0, 300.0, 400.0, 500.0])],
        2.6,
        1e-12,
    );
    check(
        "DPAYBACK",
        &[n(0.1), row(&[-1000.0, 550.0, 605.0, 665.5])],
        2.0,
        1e-9,
    );
    check("BREAKEVEN", &[n(10000.0), n(50.0), n(30.0)], 500.0, 0.0);
    let Implementation::Eager(roots) = super::super::find("IRRROOTS").unwrap().implementation
    else {
        panic!("IRRROOTS is not eager");
    };
    let Ok(Value::Array(found)) = roots(&[row(&[-1.0, 2.3, -1.32])]) else {
        panic!("IRRROOTS found no roots");
    };
    assert_eq!((found.rows(), found.cols()), (1, 2));
}

#[test]
fn errors_name_the_function_and_match_excel() {
    check_error(
        "PMT",
        &[n(0.1), n(0.0), n(100.0)],
        ErrorKind::Num,
        "PMT: nper must not be zero",
    );
    check_error("NPV", &[n(-1.0), n(1.0)], ErrorKind::DivZero, "NPV:");
    check_error(
        "NPV",
        &[n(0.1), Value::Text("abc".into())],
        ErrorKind::Value,
        "abc",
    );
    check_error("IRR", &[row(&[1.0, 2.0])], ErrorKind::Num, "IRR:");
    check_error(
        "XIRR",
        &[row(&[-1.0, 2.0]), row(&[5.0])],
        ErrorKind::Num,
        "XIRR:",
    );
    check_error(
        "XNPV",
        &[n(0.1), row(&[-1.0, 2.0]), row(&[5.0, -3.0])],
        ErrorKind::Value,
        "XNPV:",
    );
    check_error(
        "MIRR",
        &[row(&[1.0, 2.0]), n(0.1), n(0.1)],
        ErrorKind::DivZero,
        "MIRR:",
    );
    let loan = [n(0.0075), n(360.0), n(125000.0), n(13.0), n(24.0), n(2.0)];
    check_error(
        "CUMIPMT",
        &loan,
        ErrorKind::Num,
        "CUMIPMT: type must be 0 or 1",
    );
    check_error(
        "PAYBACK",
        &[row(&[-100.0, 10.0])],
        ErrorKind::NotAvailable,
        "never pays back",
    );
    check_error("IRRROOTS", &[row(&[1.0, 2.0])], ErrorKind::Num, "IRRROOTS:");
    check_error("ROI", &[n(1.0), n(0.0)], ErrorKind::DivZero, "ROI:");
    let failing = Value::error(ErrorKind::Ref, "bad");
    check_error("IRR", &[failing], ErrorKind::Ref, "bad");
}
