//! The message a person reads when a value they entered is refused: the
//! input's label and the bound's display form (percent inputs in percent,
//! currency with the model's currency, the unit, integers without
//! decimals), never the input's id or a raw fraction. The error keeps its
//! code and the id in its `input` field; the author's diagnostics for the
//! document's own values keep the document's terms.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::json::Node;
use yardstick_core::model::{CompiledModel, InputValue, ModelError};

/// One input of each numeric kind, with bounds, in euros.
fn model() -> CompiledModel {
    support::compile(
        r#"{ "schema": "yardstick/model@1", "id": "m", "version": "1", "title": "M",
             "currency": "EUR",
             "horizon": { "periods": 1, "unit": "year" },
             "inputs": [
               { "id": "team_size", "label": "People on the team", "kind": "integer", "default": 5, "min": 1, "max": 5000, "unit": "people" },
               { "id": "productive_share", "label": "Share put to use", "kind": "percent", "default": 0.2, "min": 0.05, "max": 0.3 },
               { "id": "hourly_cost", "label": "Cost per hour", "kind": "currency", "default": 55, "min": 0, "max": 500, "unit": "per hour" },
               { "id": "work_weeks", "label": "Working weeks per year", "kind": "number", "default": 46, "min": 1, "max": 52.5 },
               { "id": "include_uplift", "label": "Count it", "kind": "toggle", "default": true } ],
             "calculations": [],
             "outputs": [ { "id": "total", "label": "Total", "formula": "team_size * productive_share * hourly_cost * work_weeks" } ] }"#,
    )
}

/// The message `model.set(id, value)` refuses with, checking that the
/// error is the input's (by id) and that nothing changed.
fn check(id: &str, value: InputValue, expected: &str) {
    let model = model();
    let mut state = model.evaluate(&model.default_inputs());
    let before = state.clone();
    let error = model.set(&mut state, id, &value).unwrap_err();
    assert!(
        matches!(error, ModelError::InvalidInput { ref input, .. } if input == id),
        "{error:?}"
    );
    assert_eq!(error.code().as_str(), "invalid-input");
    assert_eq!(error.to_string(), expected);
    assert!(
        !error.to_string().contains(id),
        "the id stays out of the message"
    );
    assert_eq!(state, before);
}

#[test]
fn integer_bounds_use_the_label_the_unit_and_no_decimals() {
    check(
        "team_size",
        InputValue::Number(-5.0),
        "People on the team must be at least 1 people",
    );
    check(
        "team_size",
        InputValue::Number(6000.0),
        "People on the team must be at most 5000 people",
    );
    check(
        "team_size",
        InputValue::Number(12.5),
        "People on the team must be a whole number",
    );
}

#[test]
fn percent_bounds_are_percents_not_fractions() {
    check(
        "productive_share",
        InputValue::Number(2.0),
        "Share put to use must be at most 30%",
    );
    check(
        "productive_share",
        InputValue::Number(0.01),
        "Share put to use must be at least 5%",
    );
}

#[test]
fn currency_bounds_carry_the_models_currency_and_unit() {
    check(
        "hourly_cost",
        InputValue::Number(501.0),
        "Cost per hour must be at most EUR 500 per hour",
    );
    check(
        "hourly_cost",
        InputValue::Number(-1.0),
        "Cost per hour must be at least EUR 0 per hour",
    );
}

#[test]
fn number_bounds_and_other_refusals_name_the_label() {
    check(
        "work_weeks",
        InputValue::Number(60.0),
        "Working weeks per year must be at most 52.5",
    );
    check(
        "work_weeks",
        InputValue::Number(f64::NAN),
        "Working weeks per year must be a finite number",
    );
    check(
        "include_uplift",
        InputValue::Number(1.0),
        "Count it: expected true or false",
    );
    // A host's node of the wrong type: the same error, worded the same way.
    let model = model();
    let mut state = model.evaluate(&model.default_inputs());
    let error = model
        .set_node_at(&mut state, 0, Node::Bool(true), &mut |_, _| {})
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "People on the team: expected a finite number, found a boolean"
    );
}

#[test]
fn the_authors_diagnostics_keep_the_documents_terms() {
    let text = r#"{ "schema": "yardstick/model@1", "id": "m", "version": "1", "title": "M",
         "horizon": { "periods": 1, "unit": "year" },
         "inputs": [ { "id": "share", "label": "Share", "kind": "percent", "default": 2, "min": 0, "max": 0.3 } ],
         "calculations": [], "outputs": [ { "id": "o", "label": "O", "formula": "share" } ] }"#;
    let diagnostics = support::try_compile(text).unwrap_err();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == "2 is above the maximum 0.3"),
        "{diagnostics:?}"
    );
}
