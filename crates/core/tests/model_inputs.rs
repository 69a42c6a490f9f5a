//! Inputs a prospect can use: `appliesWhen` (an input that applies only
//! while a toggle is on), `scale: "log"` sliders, the advice on unbounded
//! money inputs, and example models whose help texts are written for
//! people, not formulas.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::{compile, load, root, try_compile};
use yardstick_core::model::advice::{advice, AdviceCode};
use yardstick_core::model::spec::{InputValue, Scale};
use yardstick_core::model::ModelDiagnosticCode;

/// A model with the given inputs (JSON array items) and one output.
fn model_with(inputs: &str) -> String {
    format!(
        r#"{{ "schema": "yardstick/model@1", "id": "t", "version": "1", "title": "T",
        "inputs": [{inputs}],
        "outputs": [{{ "id": "out", "label": "Out", "formula": "1" }}] }}"#
    )
}

const UPLIFT: &str = r#"
    { "id": "count_uplift", "label": "Count a revenue uplift", "kind": "toggle", "default": true },
    { "id": "uplift", "label": "Uplift", "kind": "percent", "default": 0.01, "appliesWhen": "count_uplift" },
    { "id": "margin", "label": "Margin", "kind": "percent", "default": 0.6, "appliesWhen": "COUNT_UPLIFT" },
    { "id": "team", "label": "Team", "kind": "integer", "default": 10 }"#;

#[test]
fn an_input_applies_only_while_its_toggle_is_on() {
    let model = compile(&model_with(UPLIFT));
    let spec = model.spec();
    let condition = spec.inputs[1].applies_when.as_ref().unwrap();
    assert_eq!(
        (condition.input_id.as_str(), condition.input_index),
        ("count_uplift", 0)
    );
    // Ids ignore case, as everywhere else.
    assert_eq!(spec.inputs[2].applies_when.as_ref().unwrap().input_index, 0);
    let mut state = model.evaluate(&model.default_inputs());
    assert!(model.inapplicable_inputs(&state.inputs).is_empty());
    model
        .set(&mut state, "count_uplift", &InputValue::Bool(false))
        .unwrap();
    assert_eq!(model.inapplicable_inputs(&state.inputs), vec![1, 2]);
    assert!(!model.input_applies(&state.inputs, 1));
    assert!(model.input_applies(&state.inputs, 3));
    // The value is kept, not reset: back on, the visitor's entry is there.
    model
        .set(&mut state, "uplift", &InputValue::Number(0.05))
        .unwrap();
    model
        .set(&mut state, "count_uplift", &InputValue::Bool(true))
        .unwrap();
    assert!(model.inapplicable_inputs(&state.inputs).is_empty());
    assert_eq!(state.inputs[1], InputValue::Number(0.05));
}

#[test]
fn applies_when_problems_come_back_with_every_other_problem() {
    let json = model_with(
        r#"
        { "id": "on", "label": "On", "kind": "toggle", "default": true, "appliesWhen": "other" },
        { "id": "other", "label": "Other", "kind": "toggle", "default": true },
        { "id": "chained", "label": "Chained", "kind": "number", "default": 1, "appliesWhen": "on" },
        { "id": "unknown", "label": "Unknown", "kind": "number", "default": 1, "appliesWhen": "of" },
        { "id": "self", "label": "Self", "kind": "toggle", "default": true, "appliesWhen": "self" },
        { "id": "not_toggle", "label": "Not a toggle", "kind": "number", "default": 1, "appliesWhen": "chained" },
        { "id": "wrong_type", "label": "Wrong type", "kind": "number", "default": 1, "appliesWhen": true },
        { "id": "bad", "label": "Bad", "kind": "number", "default": 1, "max": "x" }"#,
    );
    let diagnostics = try_compile(&json).unwrap_err();
    let found: Vec<(String, ModelDiagnosticCode)> = diagnostics
        .iter()
        .map(|d| (d.path.to_string(), d.code))
        .collect();
    let expect = [
        (
            "inputs[chained].appliesWhen",
            ModelDiagnosticCode::InvalidValue,
        ),
        (
            "inputs[unknown].appliesWhen",
            ModelDiagnosticCode::UnknownReference,
        ),
        ("inputs[self].appliesWhen", ModelDiagnosticCode::Cycle),
        (
            "inputs[not_toggle].appliesWhen",
            ModelDiagnosticCode::InvalidValue,
        ),
        (
            "inputs[wrong_type].appliesWhen",
            ModelDiagnosticCode::WrongType,
        ),
        ("inputs[bad].max", ModelDiagnosticCode::InvalidValue),
    ];
    for (path, code) in expect {
        assert!(
            found.iter().any(|(p, c)| p == path && *c == code),
            "{path} {code:?} missing from {diagnostics:#?}"
        );
    }
    let message = |path: &str| {
        diagnostics
            .iter()
            .find(|d| d.path.to_string() == path)
            .unwrap()
            .message
            .clone()
    };
    assert!(message("inputs[chained].appliesWhen").contains("itself applies only when"));
    assert!(
        message("inputs[unknown].appliesWhen").contains("did you mean `on`"),
        "{}",
        message("inputs[unknown].appliesWhen")
    );
    assert!(message("inputs[self].appliesWhen").contains("this input itself"));
    assert!(message("inputs[not_toggle].appliesWhen")
        .contains("is not a toggle; an input can only depend on a toggle"));
}

#[test]
fn a_log_scale_needs_a_positive_min_and_a_max() {
    let model = compile(&model_with(
        r#"{ "id": "team", "label": "Team", "kind": "integer", "default": 40, "min": 1, "max": 5000, "scale": "log" },
           { "id": "flat", "label": "Flat", "kind": "number", "default": 4, "min": 0, "max": 5, "scale": "linear" }"#,
    ));
    assert_eq!(model.spec().inputs[0].scale, Scale::Log);
    assert_eq!(model.spec().inputs[1].scale, Scale::Linear);
    let diagnostics = try_compile(&model_with(
        r#"{ "id": "zero", "label": "Zero", "kind": "number", "default": 4, "min": 0, "max": 5, "scale": "log" },
           { "id": "open", "label": "Open", "kind": "currency", "default": 4, "min": 1, "scale": "log" },
           { "id": "share", "label": "Share", "kind": "percent", "default": 0.5, "min": 0.01, "max": 1, "scale": "log" },
           { "id": "odd", "label": "Odd", "kind": "number", "default": 4, "min": 1, "max": 5, "scale": "logarithmic" }"#,
    ))
    .unwrap_err();
    let paths: Vec<String> = diagnostics.iter().map(|d| d.path.to_string()).collect();
    assert_eq!(
        paths,
        [
            "inputs[zero].scale",
            "inputs[open].scale",
            "inputs[share].scale",
            "inputs[odd].scale"
        ],
        "{diagnostics:#?}"
    );
    assert!(diagnostics[0].message.contains("min above 0 and a max"));
    assert!(diagnostics[3].message.contains("use linear or log"));
}

#[test]
fn money_inputs_without_a_maximum_get_advice_and_others_none() {
    let model = compile(&model_with(
        r#"{ "id": "revenue", "label": "Current annual revenue", "kind": "currency", "default": 1, "min": 0 },
           { "id": "fee", "label": "Fee", "kind": "number", "default": 1, "unit": "USD per month" },
           { "id": "capped", "label": "Capped", "kind": "currency", "default": 1, "max": 1000 },
           { "id": "hours", "label": "Hours", "kind": "number", "default": 1, "unit": "hours" },
           { "id": "share", "label": "Share", "kind": "percent", "default": 0.1 }"#,
    ));
    let given = advice(model.spec());
    let paths: Vec<String> = given.iter().map(|a| a.path.to_string()).collect();
    // Paths name the input by its id, as diagnostics do.
    assert_eq!(paths, ["inputs[revenue].max", "inputs[fee].max"]);
    assert!(given.iter().all(|a| a.code == AdviceCode::UnboundedInput));
    assert_eq!(AdviceCode::UnboundedInput.as_str(), "unbounded-input");
    assert_eq!(
        given[0].message,
        "'Current annual revenue' has no maximum: a visitor can enter any amount (1e300); \
         give it a max that no real customer exceeds"
    );
    // An id another input shares (ignoring case) names neither: the
    // position stays, as in diagnostics.
    let mut shared = model.spec().clone();
    shared.inputs[1].id = "REVENUE".into();
    let paths: Vec<String> = advice(&shared).iter().map(|a| a.path.to_string()).collect();
    assert_eq!(paths, ["inputs[0].max", "inputs[1].max"]);
    // Advice never blocks: the model compiled, and 1e300 is still accepted.
    let mut state = model.evaluate(&model.default_inputs());
    assert!(model
        .set(&mut state, "revenue", &InputValue::Number(1e300))
        .is_ok());
}

/// Every example model's file, by name.
fn example_models() -> Vec<(String, serde_json::Value)> {
    let mut models = Vec::new();
    for entry in std::fs::read_dir(root().join("examples/models")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            models.push((name, serde_json::from_str(&text).unwrap()));
        }
    }
    models.sort_by(|a, b| a.0.cmp(&b.0));
    models
}

#[test]
fn example_models_get_no_advice() {
    for (name, _) in example_models() {
        let model = load(&format!("examples/models/{name}"));
        assert_eq!(advice(model.spec()), [], "{name}");
    }
}

#[test]
fn the_saas_example_offers_the_uplift_inputs_only_with_the_uplift_and_a_log_team_size() {
    let model = load("examples/models/saas-roi.json");
    let spec = model.spec();
    let index = |id: &str| spec.inputs.iter().position(|i| i.id == id).unwrap();
    let mut state = model.evaluate(&model.default_inputs());
    model
        .set(
            &mut state,
            "include_revenue_uplift",
            &InputValue::Bool(false),
        )
        .unwrap();
    let mut off = model.inapplicable_inputs(&state.inputs);
    off.sort_unstable();
    let mut expected = vec![
        index("current_annual_revenue"),
        index("revenue_uplift"),
        index("gross_margin"),
    ];
    expected.sort_unstable();
    assert_eq!(off, expected);
    assert_eq!(spec.inputs[index("team_size")].scale, Scale::Log);
}

/// Text that reads as a formula or an id rather than a sentence: an
/// identifier with `_`, `=`, `*`, a division ` / `, or a call `NAME(`.
fn formula_like(text: &str) -> Option<String> {
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    if let Some(word) = words.into_iter().find(|w| w.contains('_')) {
        return Some(format!("the identifier `{word}`"));
    }
    if let Some(sign) = ["=", "*", " / "]
        .into_iter()
        .find(|sign| text.contains(sign))
    {
        return Some(format!("`{sign}`"));
    }
    let bytes = text.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        let called = *byte == b'(' && at > 0 && bytes[at - 1].is_ascii_alphanumeric();
        if called {
            return Some("a function call `NAME(`".to_string());
        }
    }
    None
}

#[test]
fn the_pattern_finds_formulas_and_ids_and_lets_sentences_pass() {
    assert!(formula_like("team_size * hours").is_some());
    assert!(formula_like("ROI = gain / cost").is_some());
    assert!(formula_like("the NPV(rate, flows) of it").is_some());
    assert!(formula_like("ROI is (benefits - costs) / costs").is_some());
    assert!(formula_like("Hours each person spends on it (about 2 a week), 1 to 5.").is_none());
}

#[test]
fn example_help_and_description_texts_read_as_sentences_not_formulas() {
    for (name, model) in example_models() {
        let mut texts = vec![("description".to_string(), model["description"].clone())];
        for (index, input) in model["inputs"].as_array().unwrap().iter().enumerate() {
            texts.push((format!("inputs[{index}].help"), input["help"].clone()));
        }
        for (path, text) in texts {
            if let Some(text) = text.as_str() {
                if let Some(found) = formula_like(text) {
                    panic!("{name} {path} shows {found} to prospects: {text}");
                }
            }
        }
    }
}
