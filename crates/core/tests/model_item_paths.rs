//! Diagnostic paths name an item of the top-level lists by its id
//! (`inputs[seats].max`) when that id is valid and unique in its list, and
//! by its position otherwise; either way `ModelPath::find` leads to the
//! node the diagnostic is about.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::json;
use yardstick_core::json::Node;
use yardstick_core::model::{ModelDiagnostic, ModelDiagnosticCode as Code, PathSegment};

fn base() -> serde_json::Value {
    json!({
        "schema": "yardstick/model@1", "id": "base", "version": "1", "title": "Base",
        "horizon": { "periods": 2, "unit": "year" },
        "inputs": [
            { "id": "seats", "label": "Seats", "kind": "integer", "default": 10, "min": 1, "max": 100 },
            { "id": "price", "label": "Price", "kind": "currency", "default": 20, "max": 1000 }
        ],
        "calculations": [
            { "id": "revenue", "formula": "seats * price" },
            { "id": "flow", "per_period": true, "formula": "IF(period = 0, -100, revenue)" }
        ],
        "outputs": [ { "id": "total", "label": "Total", "formula": "SUM(flow)" } ],
        "scenarios": [ { "id": "low", "label": "Low", "inputs": { "seats": 5 } } ],
        "charts": [ { "id": "cash", "type": "bar", "series": ["flow"] } ]
    })
}

fn diagnostics(document: &serde_json::Value) -> Vec<ModelDiagnostic> {
    support::try_compile(&document.to_string())
        .err()
        .unwrap_or_default()
}

/// The one diagnostic with `code`; its displayed path.
fn path_of(document: &serde_json::Value, code: Code) -> String {
    let all = diagnostics(document);
    let found: Vec<&ModelDiagnostic> = all.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{all:#?}");
    found[0].path.to_string()
}

#[test]
fn every_kind_of_item_is_named_by_its_id() {
    let mut model = base();
    model["inputs"][1]["max"] = json!("lots");
    assert_eq!(path_of(&model, Code::InvalidValue), "inputs[price].max");
    let mut model = base();
    model["calculations"][0]["formula"] = json!("seats * pric");
    assert_eq!(
        path_of(&model, Code::UnknownName),
        "calculations[revenue].formula"
    );
    let mut model = base();
    model["outputs"][0]["formula"] = json!("SUM(flow");
    assert_eq!(
        path_of(&model, Code::FormulaSyntax),
        "outputs[total].formula"
    );
    let mut model = base();
    model["scenarios"][0]["inputs"] = json!({ "seat": 5 });
    assert_eq!(
        path_of(&model, Code::UnknownReference),
        "scenarios[low].inputs.seat"
    );
    let mut model = base();
    model["charts"][0]["series"] = json!(["flo"]);
    assert_eq!(
        path_of(&model, Code::UnknownReference),
        "charts[cash].series[0]"
    );
    // A kind problem, found by evaluating the defaults, is named too.
    let mut model = base();
    model["outputs"][0]["formula"] = json!("flow");
    assert_eq!(path_of(&model, Code::WrongKind), "outputs[total].formula");
}

#[test]
fn an_item_without_a_readable_id_keeps_its_position() {
    let mut model = base();
    model["inputs"][1]["id"] = json!("the price");
    model["inputs"][1]["max"] = json!("x");
    let all = diagnostics(&model);
    let shown: Vec<String> = all.iter().map(|d| d.path.to_string()).collect();
    assert!(shown.contains(&"inputs[1].id".to_string()), "{shown:?}");
    assert!(shown.contains(&"inputs[1].max".to_string()), "{shown:?}");
    let mut model = base();
    model["outputs"][0].as_object_mut().unwrap().remove("id");
    model["outputs"][0]["formula"] = json!("SUM(flow");
    assert_eq!(path_of(&model, Code::FormulaSyntax), "outputs[0].formula");
    let mut model = base();
    model["outputs"][0]["id"] = json!(7);
    model["outputs"][0]["formula"] = json!("SUM(flow");
    assert_eq!(path_of(&model, Code::FormulaSyntax), "outputs[0].formula");
}

#[test]
fn a_repeated_id_names_no_item_and_the_id_itself_keeps_its_position() {
    // Two calculations `revenue` and `REVENUE` (ids ignore case): neither is
    // named, so the path says which one.
    let mut model = base();
    model["calculations"][1]["id"] = json!("REVENUE");
    model["calculations"][1]["formula"] = json!("seats +");
    model["outputs"][0]["formula"] = json!("1");
    model["charts"] = json!([]);
    let all = diagnostics(&model);
    let shown: Vec<String> = all.iter().map(|d| d.path.to_string()).collect();
    assert!(
        shown.contains(&"calculations[1].id".to_string()),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"calculations[1].formula".to_string()),
        "{shown:?}"
    );
    // An id shared with another list still names its item in its own list,
    // but the duplicate-id diagnostic is about the id field itself.
    let mut model = base();
    model["outputs"][0]["id"] = json!("seats");
    model["outputs"][0]["formula"] = json!("SUM(flow");
    let all = diagnostics(&model);
    let duplicate = all.iter().find(|d| d.code == Code::DuplicateId).unwrap();
    assert_eq!(duplicate.path.to_string(), "outputs[0].id");
    assert!(duplicate.message.ends_with("already used at inputs[0].id"));
    let syntax = all.iter().find(|d| d.code == Code::FormulaSyntax).unwrap();
    assert_eq!(syntax.path.to_string(), "outputs[seats].formula");
}

#[test]
fn a_named_path_still_finds_its_node() {
    let mut model = base();
    model["calculations"][1]["formula"] = json!("IF(period = 0, -100, revenu)");
    let all = diagnostics(&model);
    let d = all.iter().find(|d| d.code == Code::UnknownName).unwrap();
    assert_eq!(d.path.to_string(), "calculations[flow].formula");
    assert_eq!(
        d.path.segments()[1],
        PathSegment::Item {
            index: 1,
            id: "flow".into()
        }
    );
    let document = yardstick_json_text::node_from_value(model);
    assert_eq!(
        d.path.find(&document),
        Some(&Node::Text("IF(period = 0, -100, revenu)".into()))
    );
    // Every diagnostic of a broken model leads somewhere in its document.
    let mut model = base();
    model["inputs"][0]["default"] = json!(500);
    model["inputs"][1]["labl"] = json!("typo");
    model["scenarios"][0]["inputs"] = json!({ "seats": 5000 });
    let all = diagnostics(&model);
    let document = yardstick_json_text::node_from_value(model);
    assert!(all.len() >= 3, "{all:#?}");
    for d in &all {
        assert!(d.path.find(&document).is_some(), "{d}");
    }
}
