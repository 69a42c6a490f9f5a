//! One input change, as a host makes it: found by id (ignoring ASCII case)
//! or index, converted from a document node, checked once, recomputed.
//! An index past the inputs is the typed error, never a panic, and a
//! rejected value changes nothing.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::formula::Value;
use yardstick_core::json::Node;
use yardstick_core::model::{CompiledModel, IdKind, InputValue, ModelError};

/// A number input with bounds, a date input, and an output adding them.
fn model() -> CompiledModel {
    support::compile(
        r#"{ "schema": "yardstick/model@1", "id": "m", "version": "1", "title": "M",
             "horizon": { "periods": 1, "unit": "year" },
             "inputs": [
               { "id": "Rate", "label": "Rate", "kind": "number", "default": 1, "min": 0, "max": 10 },
               { "id": "start", "label": "Start", "kind": "date", "default": "1900-01-01" } ],
             "calculations": [],
             "outputs": [ { "id": "total", "label": "Total", "formula": "Rate + start" } ] }"#,
    )
}

/// Input `index` set to `node` by the host's path; the changed outputs.
fn set_node(
    model: &CompiledModel,
    state: &mut yardstick_core::model::ModelState,
    index: usize,
    node: Node,
) -> Result<Vec<(usize, Value)>, ModelError> {
    let mut changes = Vec::new();
    model.set_node_at(state, index, node, &mut |output, value| {
        changes.push((output, value.clone()))
    })?;
    Ok(changes)
}

#[test]
fn an_index_past_the_inputs_is_the_typed_error_and_changes_nothing() {
    let model = model();
    let mut state = model.evaluate(&model.default_inputs());
    let before = state.clone();
    for index in [2, 3, usize::MAX] {
        let expected = ModelError::UnknownId {
            kind: IdKind::Input,
            id: index.to_string(),
        };
        let number = InputValue::Number(2.0);
        assert_eq!(
            model.set_at(&mut state, index, &number),
            Err(expected.clone())
        );
        assert_eq!(
            set_node(&model, &mut state, index, Node::Number(2.0)),
            Err(expected.clone())
        );
        assert_eq!(
            model.input_from_node(index, Node::Number(2.0)),
            Err(expected)
        );
    }
    assert_eq!(state, before);
}

#[test]
fn a_change_by_node_converts_checks_and_recomputes() {
    let model = model();
    let mut state = model.evaluate(&model.default_inputs());
    assert_eq!(state.output_number(&model, 0), Some(2.0));
    let changes = set_node(&model, &mut state, 0, Node::Number(3.0)).unwrap();
    assert_eq!(changes, vec![(0, Value::Number(4.0))]);
    assert_eq!(state.inputs[0], InputValue::Number(3.0));
    // The same value again changes no output.
    assert_eq!(
        set_node(&model, &mut state, 0, Node::Number(3.0)),
        Ok(vec![])
    );
    // A date takes ISO text or its serial number.
    set_node(&model, &mut state, 1, Node::Text("1900-01-02".into())).unwrap();
    assert_eq!(state.output_number(&model, 0), Some(5.0));
    set_node(&model, &mut state, 1, Node::Number(10.0)).unwrap();
    assert_eq!(state.output_number(&model, 0), Some(13.0));
    // Out of bounds or of the wrong type: the input's own error, nothing changed.
    let after = state.clone();
    for node in [Node::Number(11.0), Node::Bool(true)] {
        let error = set_node(&model, &mut state, 0, node).unwrap_err();
        assert!(matches!(error, ModelError::InvalidInput { ref input, .. } if input == "Rate"));
    }
    assert_eq!(state, after);
    // By id, ignoring ASCII case: the same path.
    let changes = model
        .set(&mut state, "RATE", &InputValue::Number(4.0))
        .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(state.output_number(&model, 0), Some(14.0));
}

#[test]
fn a_compiled_model_and_its_state_move_between_threads() {
    let model = model();
    let state = model.evaluate(&model.default_inputs());
    let total = std::thread::spawn(move || {
        let mut state = state;
        model
            .set(&mut state, "rate", &InputValue::Number(2.0))
            .unwrap();
        state.output_number(&model, 0)
    })
    .join()
    .unwrap();
    assert_eq!(total, Some(3.0));
}
