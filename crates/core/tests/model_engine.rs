//! The model engine end to end: a small business case compiled from JSON,
//! evaluated, changed input by input, with series, PREV and scenarios.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::formula::Value;
use yardstick_core::model::{IdKind, InputValue, ModelError, Slot};

use support::number;

const TINY_CASE: &str = r#"{
  "schema": "yardstick/model@1",
  "id": "tiny-case",
  "version": "1.0.0",
  "title": "A tiny business case",
  "horizon": { "periods": 3, "unit": "year" },
  "inputs": [
    { "id": "investment", "label": "Investment", "kind": "currency", "default": 1000, "min": 0 },
    { "id": "yearly_benefit", "label": "Yearly benefit", "kind": "currency", "default": 500,
      "uncertainty": { "distribution": "triangular", "min": 300, "mode": 500, "max": 600 } },
    { "id": "discount_rate", "label": "Discount rate", "kind": "percent", "default": 0.08, "min": 0, "max": 0.5 }
  ],
  "calculations": [
    { "id": "net_cash_flow", "per_period": true, "formula": "IF(period = 0, -investment, yearly_benefit)" },
    { "id": "cumulative", "per_period": true, "formula": "PREV(cumulative) + net_cash_flow" }
  ],
  "outputs": [
    { "id": "npv", "label": "NPV", "formula": "INDEX(net_cash_flow, 1) + NPV(discount_rate, DROP(net_cash_flow, 1))", "format": { "style": "currency" } },
    { "id": "payback_months", "label": "Payback", "formula": "PAYBACK(net_cash_flow) * 12", "format": { "style": "months" } },
    { "id": "irr", "label": "IRR", "formula": "IRR(net_cash_flow)", "format": { "style": "percent" } },
    { "id": "final_cumulative", "label": "Cumulative", "formula": "INDEX(cumulative, 4)" }
  ],
  "scenarios": [ { "id": "conservative", "label": "Conservative", "inputs": { "yearly_benefit": 350 } } ],
  "charts": [ { "id": "cash", "title": "Cash flow", "type": "bar", "series": ["net_cash_flow", "cumulative"] } ]
}"#;

#[test]
fn a_small_business_case_evaluates_like_a_workbook() {
    let model = support::compile(TINY_CASE);
    let state = model.evaluate(&model.default_inputs());
    let npv = number(state.output(&model, 0));
    let expected_npv = -1000.0 + 500.0 / 1.08 + 500.0 / 1.08f64.powi(2) + 500.0 / 1.08f64.powi(3);
    assert!((npv - expected_npv).abs() < 1e-9, "{npv} vs {expected_npv}");
    assert!((number(state.output(&model, 1)) - 24.0).abs() < 1e-9);
    assert_eq!(number(state.output(&model, 3)), 500.0);
    match state.calculation(&model, "cumulative").unwrap() {
        Slot::Series(values) => assert_eq!(
            values,
            &vec![
                Value::Number(-1000.0),
                Value::Number(-500.0),
                Value::Number(0.0),
                Value::Number(500.0)
            ]
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn setting_an_input_returns_only_changed_outputs() {
    let model = support::compile(TINY_CASE);
    let mut state = model.evaluate(&model.default_inputs());
    let changes = model
        .set(&mut state, "discount_rate", &InputValue::Number(0.1))
        .unwrap();
    let changed: Vec<usize> = changes.iter().map(|c| c.output_index).collect();
    assert_eq!(changed, vec![0], "only NPV depends on the discount rate");
    let full = model.evaluate(&state.inputs);
    assert_eq!(full, state);
    let error = model
        .set(&mut state, "discount_rate", &InputValue::Number(0.9))
        .unwrap_err();
    assert_eq!(error.to_string(), "Discount rate must be at most 50%");
    // Ids match ignoring ASCII case, as in formulas.
    model
        .set(&mut state, "Discount_Rate", &InputValue::Number(0.12))
        .unwrap();
    assert_eq!(state.inputs[2], InputValue::Number(0.12));
    assert_eq!(model.output_index("NPV").unwrap(), 0);
    assert!(state.calculation(&model, "NET_cash_flow").is_some());
    // An unknown id says what kind of item was asked for, as a value a
    // caller can branch on, and names it in the message.
    let unknown = model
        .set(&mut state, "nope", &InputValue::Number(1.0))
        .unwrap_err();
    assert_eq!(
        unknown,
        ModelError::UnknownId {
            kind: IdKind::Input,
            id: "nope".into()
        }
    );
    assert_eq!(unknown.to_string(), "no input has the id `nope`");
    assert!(matches!(
        model.output_index("npv_typo"),
        Err(ModelError::UnknownId {
            kind: IdKind::Output,
            ..
        })
    ));
}

#[test]
fn scenario_overrides_apply_to_the_defaults() {
    let model = support::compile(TINY_CASE);
    let scenario = &model.spec().scenarios[0];
    let inputs = model.inputs_with(&scenario.inputs).unwrap();
    let state = model.evaluate(&inputs);
    assert_eq!(number(state.output(&model, 3)), 50.0);
}
