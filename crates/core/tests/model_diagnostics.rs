//! Broken models: every diagnostic the format promises, with its path and,
//! inside formulas, its span; all problems at once; never a panic.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use yardstick_core::json::Node;
use yardstick_core::model::{ModelDiagnostic, ModelDiagnosticCode as Code, ModelPath, PathSegment};

/// A valid base model; tests patch pieces of it.
fn base() -> serde_json::Value {
    serde_json::json!({
        "schema": "yardstick/model@1",
        "id": "base",
        "version": "1",
        "title": "Base",
        "horizon": { "periods": 2, "unit": "year" },
        "inputs": [
            { "id": "seats", "label": "Seats", "kind": "integer", "default": 10, "min": 1, "max": 100 },
            { "id": "price", "label": "Price", "kind": "currency", "default": 20 }
        ],
        "calculations": [
            { "id": "revenue", "formula": "seats * price" },
            { "id": "flow", "per_period": true, "formula": "IF(period = 0, -100, revenue)" }
        ],
        "outputs": [ { "id": "total", "label": "Total", "formula": "SUM(flow)" } ]
    })
}

fn diagnostics(document: serde_json::Value) -> Vec<ModelDiagnostic> {
    match support::try_compile(&document.to_string()) {
        Ok(_) => Vec::new(),
        Err(list) => list,
    }
}

/// Asserts one diagnostic with `code` at `path` whose message contains `part`.
fn check(document: serde_json::Value, code: Code, path: &str, part: &str) -> ModelDiagnostic {
    let list = diagnostics(document);
    list.iter()
        .find(|d| d.code == code && d.path.to_string() == path && d.message.contains(part))
        .cloned()
        .unwrap_or_else(|| panic!("no {code:?} at {path} containing {part:?} in {list:#?}"))
}

#[test]
fn the_base_model_is_valid() {
    assert_eq!(diagnostics(base()), Vec::new());
}

#[test]
fn unsupported_schema_versions_are_refused() {
    let mut model = base();
    model["schema"] = "yardstick/model@2".into();
    check(
        model,
        Code::UnsupportedSchema,
        "schema",
        "this engine reads `yardstick/model@1`",
    );
    let mut model = base();
    model.as_object_mut().unwrap().remove("schema");
    check(model, Code::MissingField, "schema", "is required");
}

#[test]
fn unknown_names_suggest_the_closest_id_with_a_span() {
    let mut model = base();
    model["calculations"][0]["formula"] = "seat * price".into();
    let d = check(
        model,
        Code::UnknownName,
        "calculations[revenue].formula",
        "did you mean `seats`?",
    );
    assert_eq!(d.span.map(|s| (s.start, s.end)), Some((0, 4)));
}

#[test]
fn duplicate_ids_are_reported_across_sections() {
    let mut model = base();
    model["outputs"][0]["id"] = "Revenue".into();
    check(
        model,
        Code::DuplicateId,
        "outputs[0].id",
        "already used at calculations[0].id",
    );
}

#[test]
fn a_duplicate_id_names_the_use_before_it() {
    let mut model = base();
    model["calculations"][0]["id"] = "SEATS".into();
    model["outputs"][0]["id"] = "Seats".into();
    let all = diagnostics(model.clone());
    check(
        model.clone(),
        Code::DuplicateId,
        "calculations[0].id",
        "`SEATS` is already used at inputs[0].id",
    );
    check(
        model,
        Code::DuplicateId,
        "outputs[0].id",
        "`Seats` is already used at calculations[0].id",
    );
    let duplicates = all.iter().filter(|d| d.code == Code::DuplicateId).count();
    assert_eq!(duplicates, 2, "{all:#?}");
}

#[test]
fn scenario_and_chart_ids_are_unique_within_their_list() {
    let mut model = base();
    model["scenarios"] = serde_json::json!([
        { "id": "low", "inputs": { "seats": 5 } },
        { "id": "high", "inputs": { "seats": 50 } },
        { "id": "low", "inputs": { "seats": 6 } }
    ]);
    model["charts"] = serde_json::json!([
        { "id": "c", "type": "bar", "series": ["flow"] },
        { "id": "c", "type": "line", "series": ["flow"] }
    ]);
    let all = diagnostics(model.clone());
    check(
        model.clone(),
        Code::DuplicateId,
        "scenarios[2].id",
        "`low` is already used by another entry of scenarios",
    );
    check(
        model,
        Code::DuplicateId,
        "charts[1].id",
        "`c` is already used by another entry of charts",
    );
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn unknown_choices_list_the_accepted_names() {
    let mut model = base();
    model["horizon"]["unit"] = "week".into();
    model["inputs"][1]["kind"] = "money".into();
    model["inputs"][0]["uncertainty"] =
        serde_json::json!({ "distribution": "beta", "min": 1, "max": 2 });
    model["outputs"][0]["format"] = serde_json::json!({ "style": "ratio" });
    model["charts"] = serde_json::json!([{ "id": "c", "type": "pie", "series": ["flow"] }]);
    let all = diagnostics(model);
    for (code, path, message) in [
        (
            Code::InvalidValue,
            "horizon.unit",
            "unknown unit `week`; use year, quarter or month",
        ),
        (
            Code::InvalidValue,
            "inputs[price].kind",
            "unknown kind `money`; use number, integer, percent, currency, select, toggle or date",
        ),
        (
            Code::InvalidDistribution,
            "inputs[seats].uncertainty.distribution",
            "unknown distribution `beta`; use uniform, triangular, pert or normal",
        ),
        (
            Code::InvalidValue,
            "outputs[total].format.style",
            "unknown style `ratio`; use currency, percent, number or months",
        ),
        (
            Code::InvalidValue,
            "charts[c].type",
            "unknown chart type `pie`; use bar, line or tornado",
        ),
    ] {
        assert!(
            all.iter()
                .any(|d| d.code == code && d.path.to_string() == path && d.message == message),
            "{path}: {all:#?}"
        );
    }
}

#[test]
fn cycles_name_every_member() {
    let mut model = base();
    model["calculations"] = serde_json::json!([
        { "id": "a", "formula": "b + 1" },
        { "id": "b", "formula": "c * 2" },
        { "id": "c", "formula": "a - seats" }
    ]);
    model["outputs"][0]["formula"] = "a".into();
    let d = check(
        model,
        Code::Cycle,
        "calculations[a].formula",
        "circular reference",
    );
    assert_eq!(d.message, "circular reference: a → b → c → a");
    let mut model = base();
    model["calculations"][1]["formula"] = "flow + 1".into();
    let d = check(
        model,
        Code::Cycle,
        "calculations[flow].formula",
        "use PREV(flow)",
    );
    assert_eq!(
        d.message,
        "`flow` refers to itself; use PREV(flow) for its previous period"
    );
}

#[test]
fn a_select_default_outside_the_options_lists_them() {
    let mut model = base();
    model["inputs"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "plan", "label": "Plan", "kind": "select", "default": "gold",
            "options": [ { "value": "basic", "label": "Basic" }, { "value": 2, "label": "Two" } ]
        }));
    let d = check(
        model,
        Code::InvalidValue,
        "inputs[plan].default",
        "is not one of the options",
    );
    assert_eq!(
        d.message,
        "\"gold\" is not one of the options (\"basic\", 2)"
    );
}

#[test]
fn prev_breaks_cycles_between_series() {
    let mut model = base();
    model["calculations"] = serde_json::json!([
        { "id": "stock", "per_period": true, "formula": "PREV(stock, 5) + inflow" },
        { "id": "inflow", "per_period": true, "formula": "PREV(stock) * 0.1" }
    ]);
    model["outputs"][0]["formula"] = "INDEX(stock, 3)".into();
    assert_eq!(diagnostics(model), Vec::new());
}

#[test]
fn wrong_kinds_are_reported() {
    let mut model = base();
    model["outputs"][0]["formula"] = "flow".into();
    check(
        model,
        Code::WrongKind,
        "outputs[total].formula",
        "an output is one value",
    );
    let mut model = base();
    model["calculations"][0]["formula"] = "seats * period".into();
    check(
        model,
        Code::WrongKind,
        "calculations[revenue].formula",
        "`period` exists only in per-period calculations",
    );
    let mut model = base();
    model["calculations"][1]["formula"] = "PREV(revenue)".into();
    check(
        model,
        Code::WrongKind,
        "calculations[flow].formula",
        "PREV needs a per-period calculation",
    );
    let mut model = base();
    model["calculations"][1]["formula"] = "{1,2}".into();
    check(
        model,
        Code::WrongKind,
        "calculations[flow].formula",
        "one value per period",
    );
}

#[test]
fn defaults_outside_bounds_and_wrong_types() {
    let mut model = base();
    model["inputs"][0]["default"] = 500.into();
    check(
        model,
        Code::InvalidValue,
        "inputs[seats].default",
        "above the maximum 100",
    );
    let mut model = base();
    model["inputs"][0]["default"] = 2.5.into();
    check(
        model,
        Code::InvalidValue,
        "inputs[seats].default",
        "not a whole number",
    );
    let mut model = base();
    model["inputs"][1]["default"] = "twenty".into();
    check(
        model,
        Code::InvalidValue,
        "inputs[price].default",
        "expected a finite number",
    );
    let mut model = base();
    model["inputs"][0]["min"] = 200.into();
    check(
        model,
        Code::OutOfRange,
        "inputs[seats].min",
        "greater than max",
    );
}

#[test]
fn scenario_overrides_must_name_inputs_and_fit_them() {
    let mut model = base();
    model["scenarios"] = serde_json::json!([
        { "id": "low", "label": "Low", "inputs": { "seat": 5, "price": -1 } },
        { "id": "high", "label": "High", "inputs": { "seats": 1000 } }
    ]);
    let all = diagnostics(model.clone());
    check(
        model.clone(),
        Code::UnknownReference,
        "scenarios[low].inputs.seat",
        "did you mean `seats`?",
    );
    check(
        model,
        Code::InvalidValue,
        "scenarios[high].inputs.seats",
        "above the maximum",
    );
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn every_problem_comes_back_at_once() {
    let mut model = base();
    model["schema"] = "yardstick/model@9".into();
    model["inputs"][0]["kind"] = "slider".into();
    model["inputs"][1]["labl"] = "typo".into();
    model["calculations"][0]["formula"] = "SUMM(seats".into();
    model["charts"] = serde_json::json!([{ "id": "c", "type": "bar", "series": ["revenue"] }]);
    let list = diagnostics(model);
    let codes: Vec<Code> = list.iter().map(|d| d.code).collect();
    for expected in [
        Code::UnsupportedSchema,
        Code::InvalidValue,
        Code::UnknownField,
        Code::UnknownReference,
        Code::FormulaSyntax,
    ] {
        assert!(
            codes.contains(&expected),
            "{expected:?} missing from {list:#?}"
        );
    }
    let typo = list.iter().find(|d| d.code == Code::UnknownField).unwrap();
    assert!(
        typo.message.contains("did you mean `label`?"),
        "{}",
        typo.message
    );
}

/// The kind check evaluates the defaults; a syntax error elsewhere must not
/// hide it until the author fixes the syntax first.
#[test]
fn kind_errors_come_back_with_syntax_errors() {
    let mut model = base();
    model["calculations"][0]["formula"] = "seats * (price".into();
    model["outputs"][0]["formula"] = "flow".into();
    let list = diagnostics(model);
    let found = |code: Code, path: &str| {
        list.iter()
            .any(|d| d.code == code && d.path.to_string() == path)
    };
    assert!(
        found(Code::FormulaSyntax, "calculations[revenue].formula"),
        "{list:#?}"
    );
    assert!(
        found(Code::WrongKind, "outputs[total].formula"),
        "{list:#?}"
    );
}

#[test]
fn formula_syntax_errors_carry_spans() {
    let mut model = base();
    model["outputs"][0]["formula"] = "SUM(flow".into();
    let d = check(
        model,
        Code::FormulaSyntax,
        "outputs[total].formula",
        "to close SUM(",
    );
    assert!(d.span.is_some());
}

#[test]
fn oversized_models_are_refused() {
    let mut model = base();
    model["horizon"]["periods"] = 10_000.into();
    check(model, Code::OutOfRange, "horizon.periods", "from 1 to 600");
    let mut model = base();
    let inputs: Vec<serde_json::Value> = (0..600)
        .map(|i| serde_json::json!({ "id": format!("x{i}"), "label": "x", "kind": "number", "default": 0 }))
        .collect();
    model["inputs"] = inputs.into();
    check(model, Code::TooLarge, "inputs", "at most 500");
}

#[test]
fn no_document_shape_panics() {
    for text in [
        "null",
        "[]",
        "1",
        "\"x\"",
        "{}",
        r#"{"inputs": 5, "outputs": [1, null, {}]}"#,
    ] {
        assert!(support::try_compile(text).is_err(), "{text}");
    }
}

fn key(text: &str) -> PathSegment {
    PathSegment::Key(text.into())
}

#[test]
fn a_nested_diagnostic_carries_its_path_as_segments() {
    let mut model = base();
    model["inputs"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "plan", "label": "Plan", "kind": "select", "default": "basic",
            "options": [ { "value": "basic", "label": "Basic" }, { "value": true, "label": "Yes" } ]
        }));
    let d = check(
        model,
        Code::WrongType,
        "inputs[plan].options[1].value",
        "a number or text",
    );
    assert_eq!(
        d.path.segments(),
        [
            key("inputs"),
            PathSegment::Item {
                index: 2,
                id: "plan".into()
            },
            key("options"),
            PathSegment::Index(1),
            key("value")
        ]
    );
    // A key that is data (a scenario's input id) is one segment, dots and all.
    let mut model = base();
    model["scenarios"] = serde_json::json!([
        { "id": "low", "label": "Low", "inputs": { "se.at": 5 } }
    ]);
    let d = check(
        model,
        Code::UnknownReference,
        "scenarios[low].inputs.se.at",
        "",
    );
    assert_eq!(
        d.path.segments(),
        [
            key("scenarios"),
            PathSegment::Item {
                index: 0,
                id: "low".into()
            },
            key("inputs"),
            key("se.at")
        ]
    );
}

#[test]
fn a_formula_diagnostic_path_leads_to_its_formula() {
    let mut model = base();
    model["calculations"][1]["formula"] = "IF(period = 0, -100, revenu)".into();
    let d = check(
        model.clone(),
        Code::UnknownName,
        "calculations[flow].formula",
        "revenu",
    );
    let document = yardstick_json_text::node_from_value(model);
    assert_eq!(
        d.path.find(&document),
        Some(&Node::Text("IF(period = 0, -100, revenu)".into()))
    );
}

#[test]
fn a_path_displays_as_the_text_diagnostics_always_showed() {
    let root = ModelPath::root();
    assert_eq!(root.to_string(), "");
    assert!(root.is_root());
    assert_eq!(root.key("schema").to_string(), "schema");
    let path = root
        .key("inputs")
        .index(2)
        .key("options")
        .index(0)
        .key("value");
    assert_eq!(path.to_string(), "inputs[2].options[0].value");
    assert_eq!(root.key("grid").index(1).index(3).to_string(), "grid[1][3]");
}

#[test]
fn a_path_finds_nothing_where_the_document_has_nothing() {
    let document = yardstick_json_text::node_from_json(
        r#"{"id": "m", "calculations": [null, {"formula": "=1+"}]}"#,
    )
    .unwrap();
    let root = ModelPath::root();
    let formula = root.key("calculations").index(1).key("formula");
    assert_eq!(formula.find(&document), Some(&Node::Text("=1+".into())));
    assert_eq!(root.find(&document), Some(&document));
    for missing in [
        root.key("calculations").index(2).key("formula"),
        root.key("id").index(0),
        root.key("calculations").key("formula"),
        root.key("missing"),
    ] {
        assert_eq!(missing.find(&document), None, "{missing}");
    }
}

#[test]
fn a_model_id_may_use_dashes_where_an_item_id_may_not() {
    // The model's own id counts `-` as `_`; an input's id does not.
    for id in ["roi-calculator", "a_b-c", "x"] {
        let mut model = base();
        model["id"] = id.into();
        assert_eq!(diagnostics(model), Vec::new(), "{id}");
    }
    for id in ["1-up", "has space", "dot.ted", &"a".repeat(65)] {
        let mut model = base();
        model["id"] = id.into();
        check(model, Code::InvalidId, "id", "letters, digits");
    }
    let mut model = base();
    model["inputs"][0]["id"] = "seat-count".into();
    assert!(
        diagnostics(model)
            .iter()
            .any(|d| d.code == Code::InvalidId && d.path.to_string() == "inputs[0].id"),
        "an input id with a dash is refused"
    );
}

#[test]
fn cash_flow_names_per_period_calculations() {
    let mut model = base();
    model["cashFlow"] = serde_json::json!({ "net": "flow" });
    assert_eq!(diagnostics(model), Vec::new());

    let mut model = base();
    model["cashFlow"] = serde_json::json!({ "net": "flo", "cumulative": "revenue" });
    let list = diagnostics(model.clone());
    check(
        model.clone(),
        Code::UnknownReference,
        "cashFlow.net",
        "`flo` is not a per-period calculation; did you mean `flow`?",
    );
    // A scalar calculation is no series.
    check(
        model,
        Code::UnknownReference,
        "cashFlow.cumulative",
        "`revenue` is not a per-period calculation",
    );
    assert_eq!(list.len(), 2, "{list:#?}");

    let mut model = base();
    model["cashFlow"] = serde_json::json!({ "cumulative": "flow", "profit": "flow" });
    check(
        model.clone(),
        Code::MissingField,
        "cashFlow.net",
        "is required",
    );
    check(
        model,
        Code::UnknownField,
        "cashFlow.profit",
        "unknown field",
    );
}

#[test]
fn the_compiled_spec_keeps_the_cash_flow_series() {
    let mut model = base();
    model["cashFlow"] = serde_json::json!({ "net": "flow", "costs": "flow" });
    let compiled = support::try_compile(&model.to_string()).unwrap();
    let cash_flow = compiled.spec().cash_flow.unwrap();
    // Indexes into `calculations`: `flow` is the second.
    assert_eq!(compiled.spec().calculations[cash_flow.net].id, "flow");
    assert_eq!(cash_flow.costs, Some(1));
    assert_eq!(cash_flow.cumulative, None);
    assert_eq!(cash_flow.benefits, None);
    assert!(support::try_compile(&base().to_string())
        .unwrap()
        .spec()
        .cash_flow
        .is_none());
}
