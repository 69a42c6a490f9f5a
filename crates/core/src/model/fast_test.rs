//! Unit tests of `model::fast` and its lowering (`model::fast_lower`).

use super::*;
use crate::json::Node as DocumentNode;
use crate::model::compile::compile;
use crate::model::engine::CompiledModel;
use crate::model::spec::InputValue;

fn document(text: &str) -> DocumentNode {
    fn convert(value: serde_json::Value) -> DocumentNode {
        match value {
            serde_json::Value::Null => DocumentNode::Null,
            serde_json::Value::Bool(b) => DocumentNode::Bool(b),
            serde_json::Value::Number(n) => DocumentNode::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => DocumentNode::Text(s),
            serde_json::Value::Array(items) => {
                DocumentNode::List(items.into_iter().map(convert).collect())
            }
            serde_json::Value::Object(map) => {
                DocumentNode::Map(map.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(serde_json::from_str(text).unwrap())
}

fn model(calculations: &str, outputs: &str) -> CompiledModel {
    let text = format!(
        r#"{{ "schema": "yardstick/model@1", "id": "t", "version": "1", "title": "T",
        "horizon": {{ "periods": 3, "unit": "year" }},
        "inputs": [
          {{ "id": "a", "label": "A", "kind": "number", "default": 2 }},
          {{ "id": "on", "label": "On", "kind": "toggle", "default": true }}
        ],
        "calculations": [{calculations}], "outputs": [{outputs}] }}"#
    );
    CompiledModel::compile(&document(&text)).unwrap()
}

fn has_general(node: &Node) -> bool {
    let any = |nodes: &[Node]| nodes.iter().any(has_general);
    match node {
        Node::General => true,
        Node::Constant(_) | Node::Period | Node::Read(_) => false,
        Node::Previous { before_start, .. } => has_general(before_start),
        Node::Negate(n) | Node::Percent(n) => has_general(n),
        Node::Arithmetic { left, right, .. } | Node::Compare { left, right, .. } => {
            has_general(left) || has_general(right)
        }
        Node::If {
            condition,
            then,
            otherwise,
        } => has_general(condition) || has_general(then) || has_general(otherwise),
        Node::Choose { index, choices } => has_general(index) || any(choices),
        Node::Call { args, .. } => args
            .iter()
            .any(|a| matches!(a, CallArg::Node(n) if has_general(n))),
        Node::Series { args, .. } => args.iter().any(|a| match a {
            SeriesArg::Scalar(n) => has_general(n),
            SeriesArg::View(View {
                slice: Some((_, n)),
                ..
            }) => has_general(n),
            _ => false,
        }),
    }
}

#[test]
fn every_formula_of_the_business_case_takes_the_numeric_path() {
    let text = include_str!("../../../../examples/models/business-case-5y.json");
    let (_, structure) = compile(&document(text)).unwrap();
    for variable in structure.variables.iter() {
        if variable.formula.is_none() {
            continue;
        }
        let node = variable
            .fast
            .as_ref()
            .unwrap_or_else(|| panic!("{}", variable.id));
        assert!(!has_general(node), "{}: {node:?}", variable.id);
    }
}

#[test]
fn errors_text_and_arrays_are_left_to_the_general_evaluator() {
    let model = model(
        r#"{ "id": "ratio", "per_period": true, "formula": "1 / (period - 1)" },
           { "id": "label", "formula": "\"n=\" & a" },
           { "id": "checked", "formula": "IFERROR(1 / (a - 2), -1)" }"#,
        r#"{ "id": "total", "label": "T", "formula": "SUM(ratio)" },
           { "id": "first", "label": "F", "formula": "INDEX(ratio, 1) + a" }"#,
    );
    let general = model.without_fast_path();
    for a in [2.0, 3.0, 1e308] {
        let inputs = [InputValue::Number(a), InputValue::Bool(false)];
        let (fast, slow) = (model.evaluate(&inputs), general.evaluate(&inputs));
        assert_eq!(fast, slow, "a = {a}");
    }
    let state = model.evaluate(&model.default_inputs());
    // Period 1 divides by zero: the series holds the general evaluator's error.
    assert!(
        matches!(state.output(&model, 0), crate::formula::Value::Error(e)
        if e.kind == crate::formula::ErrorKind::DivZero && e.message == "division by zero")
    );
}

#[test]
fn booleans_compare_and_coerce_as_in_excel() {
    let model = model(
        r#"{ "id": "flags", "per_period": true, "formula": "IF(on, period > 1, 5) + (on > 99) * 10" }"#,
        r#"{ "id": "flag_total", "label": "T", "formula": "SUM(flags) + MIN(on, 3)" },
           { "id": "chosen", "label": "C", "formula": "CHOOSE(2, 1, on) = TRUE" }"#,
    );
    let state = model.evaluate(&model.default_inputs());
    let general = model.without_fast_path();
    assert_eq!(state, general.evaluate(&general.default_inputs()));
    // TRUE > 99 (booleans sort after numbers) adds 10 in each period, the
    // comparison 1 in periods 2 and 3; MIN reads TRUE as 1.
    assert_eq!(state.output_number(&model, 0), Some(43.0));
}

#[test]
fn scalars_convert_like_values() {
    assert_eq!(Scalar::Bool(true).to_number(), 1.0);
    assert!(!Scalar::Number(0.0).truth());
    assert_eq!(
        Scalar::from_value(&crate::formula::Value::Number(2.0)),
        Some(Scalar::Number(2.0))
    );
    assert_eq!(
        Scalar::from_value(&crate::formula::Value::Text("2".into())),
        None
    );
    assert_eq!(Scalar::number(f64::INFINITY), None);
    assert_eq!(
        compare(Scalar::Number(1e300), Scalar::Bool(false)),
        Ordering::Less
    );
}
