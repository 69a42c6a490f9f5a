//! wasm-bindgen tests of the JavaScript surface, run by `make test-wasm` in
//! Node and in headless Chromium: the shapes JavaScript receives, the
//! UTF-16 spans, and that hostile input neither traps nor overflows the
//! wasm stack.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::get;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::{call_at, evaluate, functions, name_at, version, Formula};

fn value_of(formula: &str) -> JsValue {
    get(&evaluate(formula), "value")
}

fn diagnostics_of(formula: &str) -> Array {
    get(&evaluate(formula), "diagnostics").dyn_into().unwrap()
}

fn error_code(value: &JsValue) -> Option<String> {
    if value.is_object() && !Array::is_array(value) {
        get(value, "error").as_string()
    } else {
        None
    }
}

#[wasm_bindgen_test]
fn numbers_text_and_booleans_cross_as_plain_values() {
    assert_eq!(value_of("=1+2*3").as_f64(), Some(7.0));
    assert_eq!(value_of("-2^2").as_f64(), Some(4.0));
    assert_eq!(
        value_of("\"ROI: \"&50&\"%\"").as_string().as_deref(),
        Some("ROI: 50%")
    );
    assert_eq!(value_of("1<2").as_bool(), Some(true));
    assert_eq!(diagnostics_of("1+1").length(), 0);
}

#[wasm_bindgen_test]
fn financial_results_reach_javascript() {
    let pmt = value_of("=PMT(8%/12, 10, 10000)").as_f64().unwrap();
    assert!((pmt - -1_037.032_089_359_164).abs() < 1e-6, "{pmt}");
    let irr = value_of("IRR({-70000,12000,15000,18000,21000,26000})")
        .as_f64()
        .unwrap();
    assert!((irr - 0.086_630_948_036_531_3).abs() < 1e-9, "{irr}");
}

#[wasm_bindgen_test]
fn errors_are_objects_with_code_and_message() {
    let value = value_of("1/0");
    assert_eq!(error_code(&value).as_deref(), Some("#DIV/0!"));
    assert!(get(&value, "message")
        .as_string()
        .unwrap()
        .contains("division"));
    assert_eq!(
        error_code(&value_of("IRR({1,2,3})")).as_deref(),
        Some("#NUM!")
    );
}

#[wasm_bindgen_test]
fn arrays_are_rows_of_values() {
    let value = value_of("{1,2;3,4}*2");
    let rows: Array = value.dyn_into().unwrap();
    assert_eq!(rows.length(), 2);
    let second: Array = rows.get(1).dyn_into().unwrap();
    assert_eq!(second.get(1).as_f64(), Some(8.0));
}

#[wasm_bindgen_test]
fn syntax_errors_are_diagnostics_with_utf16_spans() {
    // "é" is one UTF-16 unit but two bytes: spans must count UTF-16 units.
    let formula = "=\"é\"&IF(1,2";
    let result = evaluate(formula);
    assert_eq!(
        error_code(&get(&result, "value")).as_deref(),
        Some("#ERROR!")
    );
    let diagnostics: Array = get(&result, "diagnostics").dyn_into().unwrap();
    let first = diagnostics.get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("unclosed-delimiter")
    );
    let message = get(&first, "message").as_string().unwrap();
    assert!(message.contains("to close IF( opened at 1:8"), "{message}");
    assert_eq!(get(&first, "start").as_f64(), Some(5.0));
    assert_eq!(get(&first, "end").as_f64(), Some(11.0));
    assert_eq!(get(&first, "column").as_f64(), Some(6.0));
}

#[wasm_bindgen_test]
fn unknown_functions_suggest_a_name() {
    let diagnostics = diagnostics_of("SUMM(1,2)");
    let message = get(&diagnostics.get(0), "message").as_string().unwrap();
    assert!(message.contains("did you mean SUM?"), "{message}");
    assert_eq!(
        error_code(&value_of("SUMM(1,2)")).as_deref(),
        Some("#NAME?")
    );
}

#[wasm_bindgen_test]
fn hostile_input_never_traps_or_overflows_the_stack() {
    let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(error_code(&value_of(&deep)).as_deref(), Some("#ERROR!"));
    let deep_short = format!("{}1{}", "(".repeat(3_000), ")".repeat(3_000));
    assert_eq!(
        error_code(&value_of(&deep_short)).as_deref(),
        Some("#ERROR!")
    );
    // The deepest tree the parser accepts must evaluate within wasm's stack.
    let chain = format!("1{}", "+1".repeat(255));
    assert_eq!(value_of(&chain).as_f64(), Some(256.0));
    let nested_calls = format!("{}1{}", "ABS(".repeat(64), ")".repeat(64));
    assert_eq!(value_of(&nested_calls).as_f64(), Some(1.0));
    // A deterministic stream of junk formulas: every one yields a value.
    let alphabet: Vec<char> = "()+-*/^&%=<>{};,\"#!.:$1234567890eEABCIFSUMPV \u{e9}\u{1F4B0}"
        .chars()
        .collect();
    let mut state: u32 = 0x1234_5678;
    for _ in 0..2_000 {
        let mut formula = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            formula.push(alphabet[(state as usize) % alphabet.len()]);
        }
        let result = evaluate(&formula);
        assert!(!get(&result, "value").is_undefined(), "{formula}");
    }
}

#[wasm_bindgen_test]
fn functions_list_their_signatures() {
    let list: Array = functions().dyn_into().unwrap();
    assert!(list.length() >= 60, "{} functions", list.length());
    let xirr = list
        .iter()
        .find(|f| get(f, "name").as_string().as_deref() == Some("XIRR"))
        .expect("XIRR listed");
    assert_eq!(
        get(&xirr, "category").as_string().as_deref(),
        Some("financial")
    );
    assert!(get(&xirr, "signature")
        .as_string()
        .unwrap()
        .starts_with("XIRR(values, dates"));
    assert_eq!(get(&xirr, "minArgs").as_f64(), Some(2.0));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn a_compiled_formula_re_evaluates_without_re_parsing() {
    let formula = Formula::new("=NPV(10%, -1000, 300, 400, 500)", None);
    assert_eq!(
        formula.diagnostics().dyn_into::<Array>().unwrap().length(),
        0
    );
    let first = formula.evaluate().as_f64().unwrap();
    assert_eq!(formula.evaluate().as_f64(), Some(first));
    assert_eq!(
        value_of("=NPV(10%, -1000, 300, 400, 500)").as_f64(),
        Some(first)
    );
    let broken = Formula::new("=SUM(1,", None);
    assert_eq!(error_code(&broken.evaluate()).as_deref(), Some("#ERROR!"));
    let diagnostics: Array = broken.diagnostics().dyn_into().unwrap();
    assert_eq!(
        get(&diagnostics.get(0), "code").as_string().as_deref(),
        Some("unclosed-delimiter")
    );
}

#[wasm_bindgen_test]
fn a_formula_with_parameters_evaluates_rows_in_one_call() {
    let names: JsValue = Array::of3(&"rate".into(), &"nper".into(), &"pv".into()).into();
    let payment = Formula::new("=PMT(rate, nper, pv)", Some(names.clone()));
    assert_eq!(
        payment.diagnostics().dyn_into::<Array>().unwrap().length(),
        0
    );
    let others = Array::new();
    let values = payment
        .evaluate_rows(
            &[
                0.005,
                36.0,
                45000.0,
                0.005,
                0.0,
                45000.0,
                f64::NAN,
                10.0,
                1000.0,
            ],
            Some(others.clone().into()),
        )
        .unwrap();
    assert_eq!(values.len(), 3);
    assert_eq!(
        values[0],
        value_of("=PMT(0.005, 36, 45000)").as_f64().unwrap()
    );
    assert!(values[1].is_nan());
    // NaN is a blank: PMT(, 10, 1000) reads rate 0.
    assert_eq!(values[2], -100.0);
    assert_eq!(error_code(&others.get(1)).as_deref(), Some("#NUM!"));
    assert!(others.get(0).is_undefined());
    // A later call meeting the same argument error gives the same value,
    // message included, at its own row (the value is kept, not re-made);
    // a different error is its own value.
    let message = get(&others.get(1), "message").as_string().unwrap();
    assert!(message.contains("PMT"), "{message}");
    let again = Array::new();
    let values = payment
        .evaluate_rows(
            &[0.005, 0.0, 45000.0, 0.005, 0.0, 1.0, 0.0, 0.0, 1.0],
            Some(again.clone().into()),
        )
        .unwrap();
    assert!(values.iter().all(|value| value.is_nan()), "{values:?}");
    assert_eq!(again.length(), 3);
    for row in 0..3 {
        assert_eq!(error_code(&again.get(row)).as_deref(), Some("#NUM!"));
    }
    assert_eq!(
        get(&again.get(0), "message").as_string(),
        Some(message.clone())
    );
    assert!(again.get(0) == others.get(1), "one kept value");
    // Any formula of the parameters, not only a single call.
    let monthly = Formula::new("=PMT(rate/12, nper, pv) * 2", Some(names));
    let twice = monthly.evaluate_rows(&[0.06, 36.0, 45000.0], None).unwrap();
    assert_eq!(
        twice,
        vec![value_of("=PMT(0.06/12, 36, 45000) * 2").as_f64().unwrap()]
    );
}

/// The call at the caret, where the caret is given in UTF-16 units as a
/// text field's `selectionStart` counts them.
fn call_at_utf16(formula: &str, caret_utf16: usize) -> JsValue {
    call_at(formula, caret_utf16 as u32)
}

#[wasm_bindgen_test]
fn call_at_reads_the_caret_in_utf16_units_and_answers_from_the_registry() {
    let call = call_at("=pmt(0.05; 10; ", 15);
    assert_eq!(get(&call, "name").as_string().as_deref(), Some("PMT"));
    assert_eq!(get(&call, "argumentIndex").as_f64(), Some(2.0));
    let parameters: Vec<String> = Array::from(&get(&call, "parameters"))
        .iter()
        .map(|p| p.as_string().unwrap())
        .collect();
    assert_eq!(parameters, ["rate", "nper", "pv", "[fv]", "[type]"]);
    assert_eq!(get(&call, "activeParameter").as_f64(), Some(2.0));
    // The one-line summaries are not in the wasm (www/function-summaries.json).
    assert!(get(&call, "summary").is_undefined());
    // "😀" is two UTF-16 units and four bytes; "é" one unit and two bytes.
    // The caret at the end is at unit 19: MATCH's third argument.
    let text = "=MATCH(\"😀é,(\", 1, ";
    assert_eq!(text.encode_utf16().count(), 19);
    assert_eq!(
        get(&call_at_utf16(text, 19), "argumentIndex").as_f64(),
        Some(2.0)
    );
    assert_eq!(
        get(&call_at_utf16(text, 17), "argumentIndex").as_f64(),
        Some(1.0)
    );
    // Inside the string (before its `,`) the caret is in the first argument.
    assert_eq!(
        get(&call_at_utf16(text, 11), "argumentIndex").as_f64(),
        Some(0.0)
    );
    // Between the surrogates of the emoji: counted from its start.
    assert_eq!(
        get(&call_at_utf16(text, 9), "argumentIndex").as_f64(),
        Some(0.0)
    );
    // Past a fixed list, no parameter is active.
    assert!(get(&call_at("=ROUND(1, 2, ", 13), "activeParameter").is_null());
    // Outside every call, and in an unknown function: null.
    assert!(call_at("=1+2", 4).is_null());
    assert!(call_at("=SUM(1)", 7).is_null());
    assert!(call_at("=NOPE(1, ", 9).is_null());
    assert!(call_at("", 99).is_null());
}

#[wasm_bindgen_test]
fn name_at_gives_the_name_being_typed_in_utf16_units() {
    // "😀" is two UTF-16 units and four bytes; "é" one unit and two bytes.
    let text = "=\"😀é\"&np|v(";
    let caret = text
        .encode_utf16()
        .take_while(|&unit| unit != u16::from(b'|'))
        .count();
    let text = text.replacen('|', "", 1);
    let name = name_at(&text, caret as u32);
    assert_eq!(get(&name, "start").as_f64(), Some(7.0));
    assert_eq!(get(&name, "end").as_f64(), Some(10.0));
    assert_eq!(get(&name, "prefix").as_string().as_deref(), Some("np"));
    // Inside the string, in a number and before anything: null.
    assert!(name_at(&text, 4).is_null());
    assert!(name_at("=1.5E", 5).is_null());
    assert!(name_at("", 3).is_null());
}
