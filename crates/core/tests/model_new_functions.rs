//! The functions added for sales engineers' own workbooks, inside models:
//! LET's names are the LET's own (never unknown model names, hiding a
//! model variable of the same name only inside the LET), series feed the
//! conditional aggregates and statistics as one-column arrays, and a
//! function Yardstick lacks is named in a diagnostic at its formula's path.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use support::number;
use yardstick_core::model::ModelDiagnosticCode as Code;

/// A model with two inputs, a series and the given outputs' formulas.
fn model(outputs: &[&str]) -> String {
    let outputs: Vec<serde_json::Value> = outputs
        .iter()
        .enumerate()
        .map(|(index, formula)| {
            serde_json::json!({ "id": format!("out{index}"), "label": "Out", "formula": formula })
        })
        .collect();
    serde_json::json!({
        "schema": "yardstick/model@1",
        "id": "fx",
        "version": "1",
        "title": "Functions",
        "horizon": { "periods": 4, "unit": "year" },
        "inputs": [
            { "id": "seats", "label": "Seats", "kind": "integer", "default": 10 },
            { "id": "price", "label": "Price", "kind": "currency", "default": 20 }
        ],
        "calculations": [
            { "id": "flow", "per_period": true,
              "formula": "LET(base, seats * price, step, period * 50, IF(period = 0, -base, step))" }
        ],
        "outputs": outputs
    })
    .to_string()
}

fn outputs(formulas: &[&str]) -> Vec<f64> {
    let compiled = support::compile(&model(formulas));
    let state = compiled.evaluate(&compiled.default_inputs());
    (0..formulas.len())
        .map(|index| number(state.output(&compiled, index)))
        .collect()
}

#[test]
fn let_names_are_scoped_and_never_unknown_model_names() {
    // flow = {-200, 50, 100, 150, 200} (periods 0 to 4).
    assert_eq!(
        outputs(&[
            "SUM(flow)",
            "LET(n, seats, p, price, n * p)",
            // A LET name hides the input `price` inside the LET only.
            "LET(price, 2, seats * price) + price",
            "LET(x, LET(x, 3, x * x), x + 1)",
        ]),
        vec![300.0, 200.0, 40.0, 10.0]
    );
}

#[test]
fn series_feed_the_new_aggregates_as_columns() {
    assert_eq!(
        outputs(&[
            "SUMIF(flow, \">0\")",
            "COUNTIFS(flow, \">=100\", flow, \"<200\")",
            "MEDIAN(flow)",
            "LARGE(flow, 2)",
            "MAXIFS(flow, flow, \"<150\")",
            "SUM(SEQUENCE(4))",
        ]),
        vec![500.0, 2.0, 100.0, 150.0, 100.0, 10.0]
    );
}

#[test]
fn a_missing_function_is_named_at_its_formula_path() {
    let list = support::try_compile(&model(&["FOOBAR(1) + seats"]))
        .err()
        .unwrap();
    let diagnostic = list
        .iter()
        .find(|d| d.code == Code::UnknownFunction)
        .unwrap_or_else(|| panic!("{list:#?}"));
    assert_eq!(diagnostic.path.to_string(), "outputs[out0].formula");
    assert!(
        diagnostic.message.contains("unknown function `FOOBAR`"),
        "{}",
        diagnostic.message
    );
}

#[test]
fn a_let_name_used_outside_its_let_is_unknown() {
    let list = support::try_compile(&model(&["LET(x, 1, x) + x"]))
        .err()
        .unwrap();
    assert!(
        list.iter()
            .any(|d| d.code == Code::UnknownName && d.message.contains("`x`")),
        "{list:#?}"
    );
}
