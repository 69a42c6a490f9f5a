//! Property tests of the model engine: after any sequence of input changes,
//! the incrementally updated state equals a full evaluation.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

#[path = "support/json.rs"]
mod json;

use json::node_from_json;
use proptest::prelude::*;
use yardstick::model::{CompiledModel, InputValue};

/// Inputs feeding scalars, series, PREV chains and outputs that mix them,
/// so a change reaches some outputs and not others.
const MODEL: &str = r#"{
  "schema": "yardstick/model@1", "id": "mixed", "version": "1", "title": "Mixed",
  "horizon": { "periods": 6, "unit": "quarter" },
  "inputs": [
    { "id": "a", "label": "A", "kind": "number", "default": 10, "min": -100, "max": 100 },
    { "id": "b", "label": "B", "kind": "number", "default": 2, "min": -100, "max": 100 },
    { "id": "c", "label": "C", "kind": "percent", "default": 0.1, "min": 0, "max": 1 },
    { "id": "plan", "label": "Plan", "kind": "select", "default": "pro",
      "options": [ { "value": "basic", "label": "Basic" }, { "value": "pro", "label": "Pro" } ] },
    { "id": "on", "label": "On", "kind": "toggle", "default": true }
  ],
  "calculations": [
    { "id": "scale", "formula": "IF(plan = \"pro\", 2, 1) * IF(on, 1, 0.5)" },
    { "id": "base", "formula": "a * scale" },
    { "id": "flow", "per_period": true, "formula": "IF(period = 0, -base * 3, base * (1 + c) ^ period - b)" },
    { "id": "stock", "per_period": true, "formula": "PREV(stock, b) * (1 - c) + flow" },
    { "id": "only_b", "formula": "b * b" }
  ],
  "outputs": [
    { "id": "total", "label": "Total", "formula": "SUM(flow)" },
    { "id": "last_stock", "label": "Stock", "formula": "INDEX(stock, 7)" },
    { "id": "irr", "label": "IRR", "formula": "IRR(flow)" },
    { "id": "b_squared", "label": "B²", "formula": "only_b + 0" },
    { "id": "payback", "label": "Payback", "formula": "PAYBACK(flow)" }
  ]
}"#;

fn change() -> impl Strategy<Value = (usize, InputValue)> {
    prop_oneof![
        (-100.0f64..100.0).prop_map(|n| (0, InputValue::Number(n))),
        (-100.0f64..100.0).prop_map(|n| (1, InputValue::Number(n))),
        (0.0f64..1.0).prop_map(|n| (2, InputValue::Number(n))),
        prop::sample::select(vec!["basic", "pro"])
            .prop_map(|s| (3, InputValue::Text(s.to_string()))),
        any::<bool>().prop_map(|b| (4, InputValue::Bool(b))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn incremental_recompute_equals_full_recompute(changes in prop::collection::vec(change(), 1..12)) {
        let model = CompiledModel::compile(&node_from_json(MODEL).unwrap()).unwrap();
        let mut state = model.evaluate(&model.default_inputs());
        for (index, value) in changes {
            let id = model.spec().inputs[index].id.clone();
            let before = state.outputs(&model);
            let changed = model.set(&mut state, &id, &value).unwrap();
            let full = model.evaluate(&state.inputs);
            prop_assert_eq!(&full, &state);
            // Exactly the outputs that differ are reported as changed.
            let after = state.outputs(&model);
            let differing: Vec<usize> = (0..after.len()).filter(|&i| before[i] != after[i]).collect();
            let reported: Vec<usize> = changed.iter().map(|c| c.output_index).collect();
            prop_assert_eq!(differing, reported);
        }
    }
}
