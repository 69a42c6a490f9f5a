//! Two decisions the core makes for every page: how a series is shown (its
//! `format`, read by the same rule as an output's) and what applying a
//! named scenario does to the inputs it does not name (they return to
//! their defaults) and to the outputs (only the changed ones come back).

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::model::spec::{FormatStyle, OutputFormat};
use yardstick_core::model::{
    IdKind, InputValue, ModelDiagnosticCode as Code, ModelError, OwnInputs,
};

use support::{compile, load, number, try_compile};

/// A model whose series declare each style, and one that declares none.
fn formats_model(share_format: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "schema": "yardstick/model@1",
        "id": "formats",
        "version": "1",
        "title": "Formats",
        "horizon": { "periods": 2, "unit": "year" },
        "inputs": [
            { "id": "price", "label": "Price", "kind": "currency", "default": 20 },
            { "id": "share", "label": "Share", "kind": "percent", "default": 0.5 },
            { "id": "country", "label": "Country", "kind": "select", "default": "DE",
              "options": [ { "value": "DE", "label": "Germany" }, { "value": "FR", "label": "France" } ] },
            { "id": "start", "label": "Start", "kind": "date", "default": "2025-01-31" }
        ],
        "calculations": [
            { "id": "money", "per_period": true, "formula": "price * period",
              "format": { "style": "currency" } },
            { "id": "adoption", "per_period": true, "formula": "share", "format": share_format },
            { "id": "plain", "per_period": true, "formula": "period" },
            { "id": "months", "per_period": true, "formula": "period * 12",
              "format": { "style": "months", "decimals": 0 } }
        ],
        "outputs": [
            { "id": "total", "label": "Total", "formula": "SUM(money)", "format": { "style": "currency" } },
            { "id": "kept", "label": "Kept", "formula": "1" }
        ],
        "scenarios": [
            { "id": "cheap", "label": "Cheap", "inputs": { "price": 10 } },
            { "id": "french", "label": "French", "inputs": { "country": "FR", "start": "2026-03-01" } }
        ]
    })
}

fn format_of(model: &yardstick_core::model::CompiledModel, id: &str) -> OutputFormat {
    model
        .spec()
        .calculations
        .iter()
        .find(|c| c.id == id)
        .unwrap()
        .format
}

#[test]
fn a_series_takes_its_declared_format_and_the_style_default_decimals() {
    let model = compile(
        &formats_model(serde_json::json!({ "style": "percent", "decimals": 2 })).to_string(),
    );
    let expect = |style: FormatStyle, decimals: u8| OutputFormat { style, decimals };
    assert_eq!(format_of(&model, "money"), expect(FormatStyle::Currency, 0));
    assert_eq!(
        format_of(&model, "adoption"),
        expect(FormatStyle::Percent, 2)
    );
    assert_eq!(format_of(&model, "months"), expect(FormatStyle::Months, 0));
}

#[test]
fn a_series_without_a_format_is_a_plain_number_as_an_output_without_one_is() {
    let model = compile(&formats_model(serde_json::json!({ "style": "percent" })).to_string());
    let plain = format_of(&model, "plain");
    assert_eq!(
        plain,
        OutputFormat {
            style: FormatStyle::Number,
            decimals: 2
        }
    );
    // One rule: the output without a format gets exactly the same.
    assert_eq!(model.spec().outputs[1].format, plain);
    // A currency input does not make a series money.
    assert_ne!(plain.style, FormatStyle::Currency);
}

#[test]
fn a_series_format_is_checked_like_an_output_format() {
    let wrong_style =
        try_compile(&formats_model(serde_json::json!({ "style": "ratio" })).to_string())
            .unwrap_err();
    assert!(
        wrong_style.iter().any(|d| d.code == Code::InvalidValue
            && d.path.to_string() == "calculations[adoption].format.style"
            && d.message == "unknown style `ratio`; use currency, percent, number or months"),
        "{wrong_style:#?}"
    );
    let bad_decimals = try_compile(
        &formats_model(serde_json::json!({ "style": "percent", "decimals": 1.5, "digits": 2 }))
            .to_string(),
    )
    .unwrap_err();
    for (code, path) in [
        (Code::OutOfRange, "calculations[adoption].format.decimals"),
        (Code::UnknownField, "calculations[adoption].format.digits"),
    ] {
        assert!(
            bad_decimals
                .iter()
                .any(|d| d.code == code && d.path.to_string() == path),
            "{path}: {bad_decimals:#?}"
        );
    }
    let not_an_object =
        try_compile(&formats_model(serde_json::json!("percent")).to_string()).unwrap_err();
    assert!(
        not_an_object
            .iter()
            .any(|d| d.code == Code::WrongType
                && d.path.to_string() == "calculations[adoption].format"),
        "{not_an_object:#?}"
    );
}

#[test]
fn the_example_models_declare_money_and_shares_on_their_series() {
    for (file, id, style) in [
        (
            "examples/models/saas-roi.json",
            "net_cash_flow",
            FormatStyle::Currency,
        ),
        (
            "examples/models/saas-roi.json",
            "cumulative_cash_flow",
            FormatStyle::Currency,
        ),
        (
            "examples/models/business-case-5y.json",
            "total_costs",
            FormatStyle::Currency,
        ),
        (
            "examples/models/business-case-5y.json",
            "total_benefits",
            FormatStyle::Currency,
        ),
        (
            "examples/models/business-case-5y.json",
            "cumulative_discounted_cash_flow",
            FormatStyle::Currency,
        ),
        (
            "examples/models/business-case-5y.json",
            "adoption",
            FormatStyle::Percent,
        ),
    ] {
        assert_eq!(format_of(&load(file), id).style, style, "{file}: {id}");
    }
}

#[test]
fn applying_a_scenario_resets_the_inputs_it_does_not_name_to_their_defaults() {
    let model = compile(&formats_model(serde_json::json!({ "style": "percent" })).to_string());
    let mut state = model.evaluate(&model.default_inputs());
    // The visitor moved two inputs, one of which the scenario does not name.
    model
        .set(&mut state, "share", &InputValue::Number(0.9))
        .unwrap();
    model
        .set(&mut state, "price", &InputValue::Number(30.0))
        .unwrap();
    let changes = model.apply_scenario(&mut state, "cheap").unwrap();
    let mut expected = model.default_inputs();
    expected[0] = InputValue::Number(10.0);
    assert_eq!(state.inputs, expected);
    // The state is the scenario's full evaluation: (0 + 10 + 20) in money.
    assert_eq!(number(state.output(&model, 0)), 30.0);
    assert_eq!(state, model.evaluate(&expected));
    // Only the output that changed comes back (`kept` is 1 throughout).
    assert_eq!(changes, vec![0]);
    // Applying it again changes nothing.
    assert_eq!(
        model.apply_scenario(&mut state, "cheap").unwrap(),
        Vec::<usize>::new()
    );
}

#[test]
fn applying_a_scenario_sets_text_and_date_inputs_and_returns_to_defaults_after() {
    let model = compile(&formats_model(serde_json::json!({ "style": "percent" })).to_string());
    let mut state = model.evaluate(&model.default_inputs());
    model.apply_scenario(&mut state, "french").unwrap();
    assert_eq!(state.inputs[2], InputValue::Text("FR".into()));
    // 2026-03-01 as an Excel serial day.
    assert_eq!(state.inputs[3], InputValue::Number(46082.0));
    let changes = model.apply_scenario(&mut state, "cheap").unwrap();
    assert_eq!(state.inputs[2], InputValue::Text("DE".into()));
    assert_eq!(state.inputs[3], model.default_inputs()[3]);
    assert_eq!(changes, vec![0]);
}

#[test]
fn an_unknown_scenario_is_an_error_and_changes_nothing() {
    let model = compile(&formats_model(serde_json::json!({ "style": "percent" })).to_string());
    let mut state = model.evaluate(&model.default_inputs());
    model
        .set(&mut state, "price", &InputValue::Number(30.0))
        .unwrap();
    let before = state.clone();
    // Scenario ids match exactly: they are not names in formulas.
    for id in ["Cheap", "nope", ""] {
        let error = model.apply_scenario(&mut state, id).unwrap_err();
        assert_eq!(
            error,
            ModelError::UnknownId {
                kind: IdKind::Scenario,
                id: id.to_string()
            }
        );
        assert_eq!(error.to_string(), format!("no scenario has the id `{id}`"));
    }
    assert_eq!(state, before);
}

#[test]
fn the_visitors_own_numbers_are_kept_while_scenarios_are_shown() {
    let model = compile(&formats_model(serde_json::json!({ "style": "percent" })).to_string());
    let mut state = model.evaluate(&model.default_inputs());
    let mut own = OwnInputs::default();
    model
        .set(&mut state, "price", &InputValue::Number(30.0))
        .unwrap();
    let mine = state.clone();
    // An unknown scenario keeps nothing and changes nothing.
    assert!(model.show_scenario(&mut state, &mut own, "nope").is_err());
    assert!(!own.is_kept());
    assert_eq!(state, mine);
    // From one scenario to another: the numbers kept are still the visitor's.
    model.show_scenario(&mut state, &mut own, "cheap").unwrap();
    model.show_scenario(&mut state, &mut own, "french").unwrap();
    assert!(own.is_kept());
    assert_ne!(state.inputs, mine.inputs);
    let changes = model.show_own_inputs(&mut state, &mut own);
    assert_eq!(state, mine);
    assert_eq!(changes, vec![0]);
    assert!(!own.is_kept());
    // Shown again with nothing kept: nothing changes.
    assert_eq!(
        model.show_own_inputs(&mut state, &mut own),
        Vec::<usize>::new()
    );
    assert_eq!(state, mine);
    // A change on top of a scenario makes those numbers the visitor's own.
    model.show_scenario(&mut state, &mut own, "cheap").unwrap();
    own.forget();
    let edited = state.clone();
    assert_eq!(
        model.show_own_inputs(&mut state, &mut own),
        Vec::<usize>::new()
    );
    assert_eq!(state, edited);
}
