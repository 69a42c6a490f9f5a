//! wasm-bindgen tests of the `Model` class, in Node and headless Chromium:
//! compile from a plain object, evaluate, set, analyses, receipts, and the
//! Error with diagnostics an invalid model throws.
#![cfg(target_arch = "wasm32")]
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;
use support::{case_model, get, CASE};

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use yardstick::{Model, Scorecard};

#[wasm_bindgen_test]
fn a_model_compiles_and_evaluates() {
    let mut model = case_model();
    let evaluation = model.evaluate(JsValue::UNDEFINED).unwrap();
    let npv = get(&get(&evaluation, "outputs"), "npv").as_f64().unwrap();
    assert!((npv - 344_517.761_396_390_6).abs() < 1e-6, "{npv}");
    let series: Array = get(&get(&evaluation, "series"), "net_cash_flow")
        .dyn_into()
        .unwrap();
    assert_eq!(series.length(), 6);
}

#[wasm_bindgen_test]
fn set_returns_only_changed_outputs_and_rejects_bad_values() {
    let mut model = case_model();
    let changed = model.set("discount_rate", JsValue::from_f64(0.12)).unwrap();
    let keys: Vec<String> = Object::keys(changed.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert!(keys.contains(&"npv".to_string()), "{keys:?}");
    assert!(
        !keys.contains(&"irr".to_string()),
        "IRR does not depend on the discount rate: {keys:?}"
    );
    assert!(model
        .set("discount_rate", JsValue::from_str("lots"))
        .is_err());
    assert!(model.set("no_such_input", JsValue::from_f64(1.0)).is_err());
}

/// One change through the binding: ids ignoring ASCII case, the value
/// checked once by the core, a rejected value leaving the model as it was.
#[wasm_bindgen_test]
fn set_matches_ids_ignoring_case_and_a_rejected_value_changes_nothing() {
    let mut model = case_model();
    let changed = model.set("DISCOUNT_Rate", JsValue::from_f64(0.12)).unwrap();
    assert!(get(&changed, "npv").as_f64().is_some());
    let before = JSON::stringify(&model.current()).unwrap();
    // A value a visitor can enter is refused in the input's words (its
    // label, the bound as a percent), never by id; a value no field sends
    // (null, an object) is the calling code's bug and names the id.
    for (value, expected) in [
        (JsValue::from_f64(2.0), "Discount rate must be at most 50%"),
        (
            JsValue::from_str("lots"),
            "Discount rate: expected a finite number, found text",
        ),
        (
            JsValue::NULL,
            "input `discount_rate`: expected a number, text or boolean",
        ),
        (
            Object::new().into(),
            "input `discount_rate`: expected a number, text or boolean",
        ),
    ] {
        let error = model.set("discount_rate", value).unwrap_err();
        let message = get(&JsValue::from(error), "message").as_string().unwrap();
        assert_eq!(message, expected);
    }
    assert_eq!(JSON::stringify(&model.current()).unwrap(), before);
}

#[wasm_bindgen_test]
fn analyses_reach_javascript() {
    let model = case_model();
    let columns: Array = model.scenarios().unwrap().dyn_into().unwrap();
    assert_eq!(
        get(&columns.get(0), "id").as_string().as_deref(),
        Some("default")
    );
    assert!(columns.length() >= 4);
    let options = JSON::parse(r#"{"output": "npv"}"#).unwrap();
    let tornado = model.sensitivity(options).unwrap();
    let rows: Array = get(&tornado, "rows").dyn_into().unwrap();
    assert!(rows.length() > 3);
    let first = get(&rows.get(0), "swing").as_f64().unwrap();
    let second = get(&rows.get(1), "swing").as_f64().unwrap();
    assert!(first >= second);
    let receipt = model.receipt(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&receipt, "hash").as_string().unwrap().len(), 64);
    assert_eq!(
        get(&receipt, "modelId").as_string().as_deref(),
        Some("business-case-5y")
    );
}

#[wasm_bindgen_test]
fn an_invalid_model_throws_an_error_listing_every_problem() {
    let document = JSON::parse(
        r#"{"schema": "yardstick/model@1", "id": "x", "version": "1", "title": "X",
            "inputs": [{"id": "a", "label": "A", "kind": "number", "default": 1}],
            "outputs": [{"id": "o", "label": "O", "formula": "é + b"}, {"id": "p", "label": "P", "formula": "SUM(a"}]}"#,
    )
    .unwrap();
    let error = Model::compile(document).err().unwrap();
    assert!(error.is_instance_of::<js_sys::Error>());
    let diagnostics: Array = get(&error, "diagnostics").dyn_into().unwrap();
    assert!(diagnostics.length() >= 2, "{}", diagnostics.length());
    let unknown = diagnostics
        .iter()
        .find(|d| get(d, "code").as_string().as_deref() == Some("unknown-name"))
        .unwrap();
    assert_eq!(
        get(&unknown, "path").as_string().as_deref(),
        Some("outputs[o].formula")
    );
    // "é" is one UTF-16 unit: the span of `b` starts at 4.
    let spans: Vec<(f64, f64)> = diagnostics
        .iter()
        .filter(|d| get(d, "code").as_string().as_deref() == Some("unknown-name"))
        .map(|d| {
            (
                get(&d, "start").as_f64().unwrap(),
                get(&d, "end").as_f64().unwrap(),
            )
        })
        .collect();
    assert!(spans.contains(&(4.0, 5.0)), "{spans:?}");
}

#[wasm_bindgen_test]
fn hostile_documents_are_refused_not_crashed() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert!(Model::compile(cyclic.into()).is_err());
    assert!(Model::compile(JsValue::from_f64(1.0)).is_err());
    assert!(Model::compile(JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn a_business_case_scores_itself_and_explains_the_score() {
    let model = case_model();
    let scorecard = Scorecard::business_case(JsValue::UNDEFINED).unwrap();
    let supplied =
        JSON::parse(r#"{"strategic_fit": 4, "probability_npv_positive": 0.85}"#).unwrap();
    let result = scorecard.score_model(&model, supplied).unwrap();
    let score = get(&result, "score").as_f64().unwrap();
    assert!((0.0..=100.0).contains(&score), "{score}");
    let measures: Array = get(&result, "measures").dyn_into().unwrap();
    let total: f64 = measures
        .iter()
        .map(|m| get(&m, "contribution").as_f64().unwrap())
        .sum();
    assert!((total - score).abs() < 1e-9, "{total} vs {score}");
    // Each measure says what it is and where its value comes from.
    let payback = measures
        .iter()
        .find(|m| get(m, "id").as_string().as_deref() == Some("payback"))
        .unwrap();
    assert_eq!(
        get(&payback, "label").as_string().as_deref(),
        Some("Payback within the limit")
    );
    assert_eq!(
        get(&payback, "source").as_string().as_deref(),
        Some("output")
    );
    assert_eq!(
        get(&payback, "sourceId").as_string().as_deref(),
        Some("payback_months")
    );
    assert_eq!(get(&payback, "gate").as_bool(), Some(false));
    let npv = measures.get(0);
    assert_eq!(get(&npv, "gate").as_bool(), Some(true));
    assert_eq!(
        get(&result, "verdict").as_string().as_deref(),
        Some("positive")
    );
    // A losing case fails the NPV gate, whatever else it scores.
    let losing = JSON::parse(r#"{"outputs": {"npv": -5, "irr": 0.4, "payback_months": 6}, "supplied": {"strategic_fit": 5}}"#).unwrap();
    let verdict = scorecard.score(losing).unwrap();
    assert_eq!(
        get(&verdict, "verdict").as_string().as_deref(),
        Some("negative")
    );
    assert_eq!(
        get(&verdict, "highLevelCasePositive").as_bool(),
        Some(false)
    );
}

/// The message of an error a binding threw.
fn message(error: yardstick::JsError) -> String {
    get(&JsValue::from(error), "message").as_string().unwrap()
}

#[wasm_bindgen_test]
fn a_doubling_text_leaves_the_instance_alive_with_a_clear_error() {
    // 424 bytes; uncapped it took 3.6 GB and killed the instance.
    let document = include_str!("../../../tests/data/doubling-text-model.json");
    assert_eq!(document.len(), 424);
    let mut model = Model::compile(JSON::parse(document).unwrap())
        .unwrap_or_else(|e| panic!("{:?}", get(&e, "message")));
    let evaluation = model.evaluate(JsValue::UNDEFINED).unwrap();
    let series: Array = get(&get(&evaluation, "series"), "s").dyn_into().unwrap();
    assert_eq!(series.length(), 601);
    assert_eq!(series.get(13).as_string().map(|t| t.len()), Some(16_384));
    let capped = get(&series.get(14), "message")
        .as_string()
        .unwrap_or_default();
    assert!(capped.contains("32,767 characters"), "{capped:?}");
    let last = get(&get(&evaluation, "outputs"), "last");
    assert_eq!(get(&last, "error").as_string().as_deref(), Some("#VALUE!"));
    // The instance still answers.
    assert!(case_model().evaluate(JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn goal_seek_and_sensitivity_options_are_never_silently_replaced() {
    let model = case_model();
    let seek = |options: &str| model.goal_seek(JSON::parse(options).unwrap());
    let base = r#""input": "discount_rate", "output": "npv", "target": 0"#;
    for (extra, expected) in [
        (
            r#""tolerance": "tight""#,
            "option `tolerance`: must be a number",
        ),
        (r#""low": "zero""#, "option `low`: must be a number"),
        (r#""high": true"#, "option `high`: must be a number"),
        (
            r#""low": 0.3, "high": 0.2"#,
            "option `high`: must be a finite number above low (0.3)",
        ),
    ] {
        let options = format!("{{{base}, {extra}}}");
        assert_eq!(
            message(seek(&options).err().unwrap()),
            expected,
            "{options}"
        );
    }
    let tornado = |options: &str| model.sensitivity(JSON::parse(options).unwrap());
    let error = message(
        tornado(r#"{"output": "npv", "percentChange": "10%"}"#)
            .err()
            .unwrap(),
    );
    assert!(
        error == "option `percentChange`: must be greater than 0 and at most 10",
        "{error}"
    );
    let error = message(
        tornado(r#"{"output": "npv", "percentChange": 50}"#)
            .err()
            .unwrap(),
    );
    assert_eq!(
        error,
        "option `percentChange`: must be greater than 0 and at most 10"
    );
}

/// The keys of a plain object, sorted.
fn keys_of(object: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = Object::keys(object.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    keys.sort();
    keys
}

/// The layout entry of series `id`.
fn series_layout(model: &Model, id: &str) -> JsValue {
    let series: Array = get(&model.layout(), "series").dyn_into().unwrap();
    series
        .iter()
        .find(|s| get(s, "id").as_string().as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no series {id}"))
}

#[wasm_bindgen_test]
fn the_layout_names_the_lead_value_output_only_when_the_model_does() {
    assert_eq!(
        get(&case_model().layout(), "leadValue")
            .as_string()
            .as_deref(),
        Some("npv")
    );
    let document = JSON::parse(CASE).unwrap();
    Reflect::delete_property(document.unchecked_ref::<Object>(), &"leadValue".into()).unwrap();
    let plain = Model::compile(document).unwrap();
    assert!(get(&plain.layout(), "leadValue").is_undefined());
}

#[cfg(feature = "workbench")]
#[wasm_bindgen_test]
fn the_layout_names_the_cash_flow_series_only_when_the_model_does() {
    let cash_flow = get(&case_model().layout(), "cashFlow");
    for (key, id) in [
        ("net", "net_cash_flow"),
        ("cumulative", "cumulative_cash_flow"),
        ("benefits", "total_benefits"),
        ("costs", "total_costs"),
    ] {
        assert_eq!(get(&cash_flow, key).as_string().as_deref(), Some(id));
    }
    let document = JSON::parse(CASE).unwrap();
    Reflect::delete_property(document.unchecked_ref::<Object>(), &"cashFlow".into()).unwrap();
    let plain = Model::compile(document).unwrap();
    assert!(get(&plain.layout(), "cashFlow").is_undefined());
}

#[wasm_bindgen_test]
fn the_layout_gives_each_series_its_format_with_defaults_filled_in() {
    let model = case_model();
    for (id, style, decimals) in [
        ("total_costs", "currency", 0.0),
        ("cumulative_cash_flow", "currency", 0.0),
        ("adoption", "percent", 1.0),
    ] {
        let series = series_layout(&model, id);
        assert_eq!(
            get(&series, "style").as_string().as_deref(),
            Some(style),
            "{id}"
        );
        assert_eq!(get(&series, "decimals").as_f64(), Some(decimals), "{id}");
    }
    // No format: a plain number with 2 decimals, as an output without one,
    // even though the model's only input is money.
    let plain = Model::compile(
        JSON::parse(
            r#"{"schema": "yardstick/model@1", "id": "p", "version": "1", "title": "P",
                "inputs": [{"id": "price", "label": "Price", "kind": "currency", "default": 1}],
                "calculations": [{"id": "units", "per_period": true, "formula": "period"}],
                "outputs": [{"id": "total", "label": "Total", "formula": "SUM(units)"}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    for entry in [
        series_layout(&plain, "units"),
        Array::from(&get(&plain.layout(), "outputs")).get(0),
    ] {
        assert_eq!(get(&entry, "style").as_string().as_deref(), Some("number"));
        assert_eq!(get(&entry, "decimals").as_f64(), Some(2.0));
    }
}

#[wasm_bindgen_test]
fn apply_scenario_answers_every_input_and_the_changed_outputs_at_once() {
    let mut model = case_model();
    // A visitor's value for an input the scenario does not name...
    model
        .set("subscription_per_year", JsValue::from_f64(1.0))
        .unwrap();
    let applied = model.apply_scenario("conservative").unwrap();
    let inputs = get(&applied, "inputs");
    let layout = model.layout();
    let layout_inputs: Array = get(&layout, "inputs").dyn_into().unwrap();
    // The overrides as the document writes them (none is a date).
    let scenarios: Array = get(&JSON::parse(CASE).unwrap(), "scenarios")
        .dyn_into()
        .unwrap();
    assert_eq!(
        get(&scenarios.get(0), "id").as_string().as_deref(),
        Some("conservative")
    );
    let overrides = get(&scenarios.get(0), "inputs");
    // The layout names the scenarios and leaves their inputs to the engine.
    let offered: Array = get(&layout, "scenarios").dyn_into().unwrap();
    assert_eq!(keys_of(&offered.get(0)), ["id", "label"]);
    assert_eq!(
        get(&overrides, "implementation_cost").as_f64(),
        Some(165_000.0)
    );
    assert!(get(&overrides, "subscription_per_year").is_undefined());
    // ...returns to its default; every input is in the answer.
    assert_eq!(keys_of(&inputs).len(), layout_inputs.length() as usize);
    for input in layout_inputs.iter() {
        let id = get(&input, "id").as_string().unwrap();
        let overridden = get(&overrides, &id);
        let expected = if overridden.is_undefined() {
            get(&input, "default")
        } else {
            overridden
        };
        assert_eq!(get(&inputs, &id), expected, "{id}");
    }
    assert_eq!(
        get(&inputs, "subscription_per_year"),
        get(&layout_inputs.get(3), "default")
    );
    // The changed outputs are the scenario's values, as `current()` has them.
    let outputs = get(&applied, "outputs");
    assert!(keys_of(&outputs).contains(&"npv".to_string()));
    let current = get(&model.current(), "outputs");
    for key in keys_of(&outputs) {
        assert_eq!(get(&outputs, &key), get(&current, &key), "{key}");
    }
    let columns: Array = model.scenarios().unwrap().dyn_into().unwrap();
    let conservative = columns
        .iter()
        .find(|c| get(c, "id").as_string().as_deref() == Some("conservative"))
        .unwrap();
    assert_eq!(
        get(&get(&conservative, "outputs"), "npv"),
        get(&current, "npv")
    );
    // Every series comes along, as `current()` has it, for the charts.
    let series = get(&applied, "series");
    assert_eq!(
        JSON::stringify(&series).unwrap(),
        JSON::stringify(&get(&model.current(), "series")).unwrap()
    );
    assert_eq!(keys_of(&series).len(), 12);
    // Applied again, nothing changes.
    let again = model.apply_scenario("conservative").unwrap();
    assert_eq!(keys_of(&get(&again, "outputs")), Vec::<String>::new());
}

#[wasm_bindgen_test]
fn show_own_inputs_brings_back_the_visitors_numbers_after_scenarios() {
    let mut model = case_model();
    model
        .set("subscription_per_year", JsValue::from_f64(1.0))
        .unwrap();
    let mine = JSON::stringify(&model.current()).unwrap();
    model.apply_scenario("conservative").unwrap();
    assert_ne!(JSON::stringify(&model.current()).unwrap(), mine);
    let shown = model.show_own_inputs();
    assert_eq!(JSON::stringify(&model.current()).unwrap(), mine);
    assert_eq!(
        get(&get(&shown, "inputs"), "subscription_per_year").as_f64(),
        Some(1.0)
    );
    assert!(keys_of(&get(&shown, "outputs")).contains(&"npv".to_string()));
    // Nothing kept any more: showing them again changes nothing.
    let again = model.show_own_inputs();
    assert_eq!(keys_of(&get(&again, "outputs")), Vec::<String>::new());
    // A change on top of a scenario is the visitor's own from then on.
    model.apply_scenario("conservative").unwrap();
    model
        .set("subscription_per_year", JsValue::from_f64(2.0))
        .unwrap();
    let edited = JSON::stringify(&model.current()).unwrap();
    model.show_own_inputs();
    assert_eq!(JSON::stringify(&model.current()).unwrap(), edited);
}

#[wasm_bindgen_test]
fn apply_scenario_gives_dates_as_layout_does_and_refuses_unknown_ids() {
    let mut model = Model::compile(
        JSON::parse(
            r#"{"schema": "yardstick/model@1", "id": "d", "version": "1", "title": "D",
                "inputs": [{"id": "start", "label": "Start", "kind": "date", "default": "2025-01-31"},
                           {"id": "n", "label": "N", "kind": "number", "default": 1}],
                "outputs": [{"id": "day", "label": "Day", "formula": "DAY(start) + n"}],
                "scenarios": [{"id": "later", "label": "Later", "inputs": {"start": "2026-03-01"}}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    model.set("n", JsValue::from_f64(5.0)).unwrap();
    let applied = model.apply_scenario("later").unwrap();
    assert_eq!(
        get(&get(&applied, "inputs"), "start")
            .as_string()
            .as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(get(&get(&applied, "inputs"), "n").as_f64(), Some(1.0));
    assert_eq!(get(&get(&applied, "outputs"), "day").as_f64(), Some(2.0));
    let before = model.current();
    let error = model.apply_scenario("Later").unwrap_err();
    assert_eq!(
        get(&JsValue::from(error), "message").as_string().as_deref(),
        Some("no scenario has the id `Later`")
    );
    assert_eq!(
        JSON::stringify(&model.current()).unwrap(),
        JSON::stringify(&before).unwrap()
    );
}

const SAAS: &str = include_str!("../../../examples/models/saas-roi.json");

/// The ids in a JavaScript list of strings.
fn ids(list: &JsValue) -> Vec<String> {
    Array::from(list)
        .iter()
        .map(|id| id.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn the_engine_says_which_inputs_apply_and_the_layout_says_why_and_how_sliders_move() {
    let mut model = Model::compile(JSON::parse(SAAS).unwrap()).unwrap();
    let layout = model.layout();
    let inputs: Array = get(&layout, "inputs").dyn_into().unwrap();
    let input = |id: &str| {
        inputs
            .iter()
            .find(|i| get(i, "id").as_string().as_deref() == Some(id))
            .unwrap()
    };
    let condition = get(&input("revenue_uplift"), "appliesWhen");
    assert_eq!(
        get(&condition, "input").as_string().unwrap(),
        "include_revenue_uplift"
    );
    assert_eq!(
        get(&condition, "label").as_string().unwrap(),
        "Count a revenue uplift"
    );
    assert!(get(&input("team_size"), "appliesWhen").is_undefined());
    assert_eq!(
        get(&input("team_size"), "scale").as_string().unwrap(),
        "log"
    );
    assert_eq!(
        get(&input("hours_saved_per_week"), "scale")
            .as_string()
            .unwrap(),
        "linear"
    );

    let uplift_inputs = ["current_annual_revenue", "revenue_uplift", "gross_margin"];
    assert!(ids(&get(&model.current(), "inapplicable")).is_empty());
    assert!(ids(&model.inapplicable().into()).is_empty());
    model.set("include_revenue_uplift", JsValue::FALSE).unwrap();
    assert_eq!(ids(&model.inapplicable().into()), uplift_inputs);
    assert_eq!(ids(&get(&model.current(), "inapplicable")), uplift_inputs);
    // A scenario sets every input to its value or default: the toggle is on again.
    let applied = model.apply_scenario("expected").unwrap();
    assert!(ids(&get(&applied, "inapplicable")).is_empty());
    // The visitor's own numbers come back with the toggle off.
    let own = model.show_own_inputs();
    assert_eq!(ids(&get(&own, "inapplicable")), uplift_inputs);
}
