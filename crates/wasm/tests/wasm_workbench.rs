//! wasm-bindgen tests of what the workbench reads from a `Model` (Node and
//! headless Chromium): sections in the layout, each series' total rule,
//! every scenario's inputs, which inputs differ, and the period table as
//! values, CSV and TSV.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{case_model, get};

use js_sys::{Array, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn list(value: &JsValue) -> Vec<JsValue> {
    value.clone().dyn_into::<Array>().unwrap().iter().collect()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

fn message(error: yardstick::JsError) -> String {
    get(&JsValue::from(error), "message").as_string().unwrap()
}

#[wasm_bindgen_test]
fn the_layout_gives_sections_in_order_and_each_input_its_section() {
    let layout = case_model().layout();
    let sections: Vec<(String, String)> = list(&get(&layout, "sections"))
        .iter()
        .map(|s| (text(s, "id"), text(s, "label")))
        .collect();
    assert_eq!(
        sections,
        [
            ("costs".into(), "Costs".into()),
            ("benefits".into(), "Benefits".into()),
            ("adoption".into(), "Adoption and risk".into()),
            ("finance".into(), "Finance".into()),
        ]
    );
    let inputs = list(&get(&layout, "inputs"));
    let section_of = |id: &str| {
        let input = inputs.iter().find(|i| text(i, "id") == id).unwrap();
        text(input, "section")
    };
    assert_eq!(section_of("implementation_cost"), "costs");
    assert_eq!(section_of("discount_rate"), "finance");
}

#[wasm_bindgen_test]
fn the_layout_says_which_series_a_period_table_totals() {
    let layout = case_model().layout();
    let totals: Vec<(String, bool)> = list(&get(&layout, "series"))
        .iter()
        .map(|s| (text(s, "id"), get(s, "total").as_bool().unwrap()))
        .collect();
    for (id, expected) in [
        ("total_costs", true),
        ("adoption", false),
        ("net_cash_flow", true),
        ("cumulative_cash_flow", false),
        ("discounted_cash_flow", true),
        ("cumulative_discounted_cash_flow", false),
    ] {
        assert!(
            totals.contains(&(id.to_string(), expected)),
            "{id}: {totals:?}"
        );
    }
}

#[wasm_bindgen_test]
fn scenario_inputs_give_every_input_under_each_scenario() {
    let model = case_model();
    let scenarios = list(&model.scenario_inputs());
    assert_eq!(scenarios.len(), 3);
    let conservative = &scenarios[0];
    assert_eq!(text(conservative, "id"), "conservative");
    let inputs = get(conservative, "inputs");
    // An override, and an input the scenario leaves at its default.
    assert_eq!(get(&inputs, "adoption_year1").as_f64(), Some(0.3));
    assert_eq!(get(&inputs, "discount_rate").as_f64(), Some(0.08));
    assert_eq!(
        Object::keys(inputs.unchecked_ref::<Object>()).length(),
        15,
        "every input"
    );
}

#[wasm_bindgen_test]
fn differing_inputs_lists_the_inputs_not_equal_in_every_set() {
    let model = case_model();
    let sets = Array::new();
    for scenario in list(&model.scenario_inputs()) {
        sets.push(&get(&scenario, "inputs"));
    }
    let differing: Vec<String> = list(&model.differing_inputs(sets.clone().into()).unwrap())
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    // cost_avoidance_per_year is 60,000 in two scenarios and 70,000 in the
    // third; discount_rate is never overridden.
    assert!(differing.contains(&"cost_avoidance_per_year".to_string()));
    assert!(differing.contains(&"implementation_cost".to_string()));
    assert!(!differing.contains(&"discount_rate".to_string()));
    assert_eq!(differing.len(), 8, "{differing:?}");
    // A set that names nothing is every default; a refused value throws.
    let own = JSON::parse(r#"{ "discount_rate": 0.1 }"#).unwrap();
    let pair = Array::of2(&Object::new(), &own);
    let differing = list(&model.differing_inputs(pair.into()).unwrap());
    assert_eq!(differing.len(), 1);
    assert_eq!(differing[0].as_string().unwrap(), "discount_rate");
    let bad = JSON::parse(r#"{ "discount_rate": 9 }"#).unwrap();
    let error = model.differing_inputs(Array::of1(&bad).into()).unwrap_err();
    assert!(message(error).contains("Discount rate"));
    assert!(model.differing_inputs(JsValue::from_f64(1.0)).is_err());
}

#[wasm_bindgen_test]
fn the_period_table_has_every_series_and_totals_where_meaningful() {
    let mut model = case_model();
    let evaluation = model.evaluate(JsValue::UNDEFINED).unwrap();
    let table = model.period_table();
    let periods: Vec<String> = list(&get(&table, "periods"))
        .iter()
        .map(|p| p.as_string().unwrap())
        .collect();
    assert_eq!(
        periods,
        ["Start", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5"]
    );
    let rows = list(&get(&table, "rows"));
    assert_eq!(rows.len(), 12);
    let row = |id: &str| rows.iter().find(|r| text(r, "id") == id).unwrap().clone();
    let net = row("net_cash_flow");
    let series: Vec<f64> = list(&get(&get(&evaluation, "series"), "net_cash_flow"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let values: Vec<f64> = list(&get(&net, "values"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(values, series);
    let total = get(&net, "total").as_f64().unwrap();
    let net_benefit = get(&get(&evaluation, "outputs"), "net_benefit_5y")
        .as_f64()
        .unwrap();
    assert_eq!(
        total, net_benefit,
        "SUM(net_cash_flow), as the model's output"
    );
    assert!(get(&row("cumulative_cash_flow"), "total").is_null());
    assert!(get(&row("adoption"), "total").is_null());
    assert_eq!(text(&row("adoption"), "style"), "percent");
}

#[wasm_bindgen_test]
fn the_period_table_text_is_csv_or_tsv_of_the_current_inputs() {
    let mut model = case_model();
    model
        .set("training_cost", JsValue::from_f64(31_000.0))
        .unwrap();
    let csv = model.period_table_text("csv").unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Series,Start,Year 1,Year 2,Year 3,Year 4,Year 5,Total"
    );
    assert_eq!(lines[1], "One-off costs,191000,0,0,0,0,0,191000");
    assert_eq!(lines.len(), 14, "header, 12 series, and the last CRLF");
    let tsv = model.period_table_text("tsv").unwrap();
    assert!(tsv.starts_with("Series\tStart\tYear 1"));
    assert!(tsv.contains("\nCumulative net cash flow\t-191000\t"));
    assert!(
        tsv.lines().nth(10).unwrap().ends_with('\t'),
        "no total for a running balance"
    );
    let error = model.period_table_text("xlsx").unwrap_err();
    assert!(message(error).contains("\"csv\" or \"tsv\""));
}
