//! Property tests of the model engine: after any sequence of input changes,
//! the incrementally updated state equals a full evaluation.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use proptest::prelude::*;
use yardstick_core::model::{CompiledModel, InputValue};

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
        let model = support::compile(MODEL);
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

/// Arbitrary document trees: compiling never panics, whatever the shape.
fn node() -> impl Strategy<Value = yardstick_core::json::Node> {
    use yardstick_core::json::Node;
    let leaf = prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<f64>().prop_map(Node::Number),
        "[a-z_(){}+*/^&=<>,;\"#0-9 .-]{0,12}".prop_map(Node::Text),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Node::List),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "schema",
                        "id",
                        "version",
                        "title",
                        "inputs",
                        "calculations",
                        "outputs",
                        "scenarios",
                        "charts",
                        "kind",
                        "default",
                        "formula",
                        "per_period",
                        "label",
                        "min",
                        "max",
                        "options",
                        "uncertainty",
                        "distribution",
                        "mode",
                        "horizon",
                        "periods",
                        "value",
                        "series",
                        "type",
                    ])
                    .prop_map(str::to_string),
                    inner,
                ),
                0..8,
            )
            .prop_map(Node::Map),
        ]
    })
}

/// A valid skeleton whose formulas are arbitrary text.
fn model_with_formulas(formulas: Vec<(String, bool)>, output: String) -> String {
    let calculations: Vec<serde_json::Value> = formulas
        .iter()
        .enumerate()
        .map(|(i, (formula, per_period))| serde_json::json!({ "id": format!("c{i}"), "formula": formula, "per_period": per_period }))
        .collect();
    serde_json::json!({
        "schema": "yardstick/model@1", "id": "fuzz", "version": "1", "title": "Fuzz",
        "horizon": { "periods": 3 },
        "inputs": [ { "id": "a", "label": "A", "kind": "number", "default": 1 } ],
        "calculations": calculations,
        "outputs": [ { "id": "o", "label": "O", "formula": output } ]
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn compiling_any_document_never_panics(document in node()) {
        let _ = CompiledModel::compile(&document);
    }

    #[test]
    fn any_formulas_compile_or_explain_themselves(
        formulas in prop::collection::vec(("(PREV\\()?(a|c[0-3]|period|1)( ?[-+*/^] ?(a|c[0-3]|period|PREV\\(c[0-3]\\)|SUM\\(c[0-3]\\)|2))*\\)?", any::<bool>()), 1..5),
        output in "(a|c[0-3]|SUM\\(c[0-3]\\)|INDEX\\(c[0-3], ?2\\)|NPV\\(0.1, ?c[0-3]\\))( ?[-+*/] ?(a|1))?",
    ) {
        let text = model_with_formulas(formulas, output);
        match support::try_compile(&text) {
            Ok(model) => {
                let state = model.evaluate(&model.default_inputs());
                let full = model.evaluate(&state.inputs);
                prop_assert_eq!(state, full);
            }
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty());
                for diagnostic in diagnostics {
                    prop_assert!(!diagnostic.message.is_empty());
                    prop_assert!(!diagnostic.path.is_root() || diagnostic.code.as_str() == "wrong-type");
                }
            }
        }
    }
}

fn input_kind() -> impl Strategy<Value = yardstick_core::model::spec::InputKind> {
    use yardstick_core::model::spec::InputKind;
    prop_oneof![
        Just(InputKind::Number),
        Just(InputKind::Integer),
        Just(InputKind::Percent),
        Just(InputKind::Currency),
        Just(InputKind::Date),
        Just(InputKind::Toggle),
        Just(InputKind::Select),
    ]
}

/// Bounds and values around them, with the awkward ones (infinities, NaN,
/// fractions for integer and date inputs) common.
fn value_near_bounds() -> impl Strategy<Value = f64> {
    prop_oneof![
        -3.0..3.0f64,
        (-3i32..3).prop_map(f64::from),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
    ]
}

proptest! {
    /// Monte Carlo's shortcut past the input check never accepts what the
    /// full check refuses, or stores anything but the number itself.
    #[test]
    fn the_sampling_shortcut_only_accepts_what_the_check_accepts(
        kind in input_kind(),
        min in proptest::option::of(value_near_bounds()),
        max in proptest::option::of(value_near_bounds()),
        value in value_near_bounds(),
    ) {
        use yardstick_core::model::inputs::{check_value, plainly_accepted};
        use yardstick_core::model::spec::InputSpec;
        let input = InputSpec {
            id: "x".into(),
            label: "X".into(),
            kind,
            default: InputValue::Number(0.0),
            min: min.filter(|m| m.is_finite()),
            max: max.filter(|m| m.is_finite()),
            step: None,
            unit: None,
            help: None,
            options: Vec::new(),
            uncertainty: None,
            scale: Default::default(),
            applies_when: None,
            section: None,
        };
        if plainly_accepted(&input, value) {
            let checked = check_value(&input, &InputValue::Number(value));
            prop_assert_eq!(checked, Ok(InputValue::Number(value)));
        }
    }
}
