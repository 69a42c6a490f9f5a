//! Leads: the `yardstick/lead@1` reader (every refusal names its field),
//! the model's `leadValue` (diagnostics with every other problem), the
//! case a lead carries (outputs, value, receipt, each refused input by
//! name) and the totals per calculator.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value as Json};
use yardstick_core::json::Node;
use yardstick_core::leads::case::{lead_case, CaseError};
use yardstick_core::leads::read::{read_lead, Lead, LeadError, LeadInput};
use yardstick_core::leads::totals::LeadTotals;
use yardstick_core::model::receipt::receipt;
use yardstick_core::model::{InputValue, ModelDiagnosticCode as Code};
use yardstick_json_text::node_from_json;

/// A valid lead for the SaaS ROI example, at its defaults with 50 seats.
fn body() -> Json {
    json!({
        "schema": "yardstick/lead@1",
        "lead_id": "0b6f3c2e-8a41-4d7e-9f10-3c5a7e2b9d01",
        "calc_id": "saas-roi",
        "calc_version": "1.0.0",
        "model_path": "/models/saas-roi.json",
        "page_view_id": "5d1e9a77-2c3b-4f08-8e6a-0a1b2c3d4e5f",
        "instance_id": "w1",
        "occurred_at_ms": 1_764_000_000_000u64,
        "page_path": "/pricing",
        "contact": { "name": " Ada Lovelace ", "email": "ada@example.com", "company": "Analytical Engines Ltd" },
        "consent": { "contact": true, "privacy_url": "https://host.example/privacy" },
        "inputs": {
            "team_size": 50, "hours_saved_per_week": 2.5, "productive_share": 0.6,
            "working_weeks_per_year": 46, "loaded_hourly_cost": 55,
            "current_annual_revenue": 8_000_000, "include_revenue_uplift": true,
            "revenue_uplift": 0.01, "gross_margin": 0.65,
            "price_per_seat_per_month": 99, "implementation_cost": 40_000
        },
        "entered": ["team_size"],
        "scenario": "expected"
    })
}

fn node(value: &Json) -> Node {
    node_from_json(&value.to_string()).unwrap()
}

fn read(value: &Json) -> Result<Lead, LeadError> {
    read_lead(&node(value))
}

/// Asserts that `value` is refused at `path` with a message containing `part`.
fn refused(value: Json, path: &str, part: &str) {
    match read(&value) {
        Ok(lead) => panic!("accepted {lead:?}; expected a refusal at {path}"),
        Err(err) => {
            assert_eq!(err.path(), path, "{err}");
            let message = err.to_string();
            let shown = if path.is_empty() { "body" } else { path };
            assert!(
                message.starts_with(&format!("{shown}: ")) && message.contains(part),
                "{message:?} should name {path} and contain {part:?}"
            );
        }
    }
}

/// `body()` with the field at `pointer` (a JSON pointer) set to `value`,
/// added if absent.
fn with(pointer: &str, value: Json) -> Json {
    let mut lead = body();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() {
        &mut lead
    } else {
        lead.pointer_mut(parent).unwrap()
    };
    target
        .as_object_mut()
        .unwrap()
        .insert(key.to_string(), value);
    lead
}

/// `body()` without the field at `pointer`'s last step.
fn without(parent: &str, key: &str) -> Json {
    let mut lead = body();
    let target = if parent.is_empty() {
        &mut lead
    } else {
        lead.pointer_mut(parent).unwrap()
    };
    target.as_object_mut().unwrap().remove(key);
    lead
}

#[test]
fn a_valid_lead_is_read_with_its_contact_trimmed() {
    let lead = read(&body()).unwrap();
    assert_eq!(lead.lead_id, "0b6f3c2e-8a41-4d7e-9f10-3c5a7e2b9d01");
    assert_eq!(lead.contact.name, "Ada Lovelace");
    assert_eq!(lead.contact.email, "ada@example.com");
    assert_eq!(
        lead.privacy_url.as_deref(),
        Some("https://host.example/privacy")
    );
    assert_eq!(lead.inputs.len(), 11);
    assert!(lead
        .inputs
        .contains(&("team_size".into(), LeadInput::Number(50.0))));
    assert_eq!(lead.entered, ["team_size"]);
    assert_eq!(lead.scenario.as_deref(), Some("expected"));
    // Optional fields may be absent or null.
    let mut lead = without("", "model_path");
    lead["scenario"] = Json::Null;
    lead["consent"]
        .as_object_mut()
        .unwrap()
        .remove("privacy_url");
    let lead = read(&lead).unwrap();
    assert_eq!(
        (lead.model_path, lead.scenario, lead.privacy_url),
        (None, None, None)
    );
}

#[test]
fn every_refusal_names_its_field() {
    refused(json!([1]), "", "must be an object");
    refused(
        with("/schema", json!("yardstick/lead@2")),
        "schema",
        "yardstick/lead@1",
    );
    refused(without("", "schema"), "schema", "is required");
    refused(
        with("/lead_id", json!("0B6F3C2E-8A41-4D7E-9F10-3C5A7E2B9D01")),
        "lead_id",
        "lowercase UUID",
    );
    refused(without("", "lead_id"), "lead_id", "is required");
    refused(with("/page_view_id", json!("pv-1")), "page_view_id", "UUID");
    refused(
        with("/calc_id", json!("saas roi")),
        "calc_id",
        "A-Z a-z 0-9",
    );
    refused(with("/calc_version", json!("")), "calc_version", "1 to 64");
    refused(
        with("/instance_id", json!(7)),
        "instance_id",
        "must be text, not a number",
    );
    refused(
        with("/occurred_at_ms", json!(-1)),
        "occurred_at_ms",
        "from 0 to",
    );
    refused(
        with("/occurred_at_ms", json!("now")),
        "occurred_at_ms",
        "a number",
    );
    refused(
        with("/page_path", json!("/pricing?utm_source=x")),
        "page_path",
        "no ? or #",
    );
    refused(
        with("/page_path", json!("/pricing#form")),
        "page_path",
        "no ? or #",
    );
    refused(
        with("/page_path", json!("pricing")),
        "page_path",
        "starting with /",
    );
    refused(
        with("/model_path", json!("/models/a.json?v=1")),
        "model_path",
        "no ? or #",
    );
    refused(
        with("/surname", json!("x")),
        "surname",
        "not a field of a lead",
    );
    refused(
        with("/contact/phone", json!("1")),
        "contact.phone",
        "not a field",
    );
    refused(
        with("/consent/contact", json!(false)),
        "consent.contact",
        "agreed to be contacted",
    );
    refused(
        with("/consent/contact", json!("yes")),
        "consent.contact",
        "must be true",
    );
    refused(
        without("/consent", "contact"),
        "consent.contact",
        "is required",
    );
    refused(
        with("/consent/privacy_url", json!("javascript:alert(1)")),
        "consent.privacy_url",
        "http",
    );
    refused(
        with("/consent/privacy_url", json!("https://")),
        "consent.privacy_url",
        "host",
    );
    refused(
        with("/contact", json!("Ada")),
        "contact",
        "must be an object",
    );
    refused(without("/contact", "email"), "contact.email", "is required");
    refused(with("/scenario", json!("best case")), "scenario", "A-Z");
    refused(
        with("/inputs", json!([1, 2])),
        "inputs",
        "must be an object",
    );
    refused(
        with("/inputs/team_size", json!(null)),
        "inputs.team_size",
        "a number, text or a boolean",
    );
    refused(
        with("/inputs/team_size", json!([50])),
        "inputs.team_size",
        "a number, text or a boolean",
    );
    refused(
        with("/inputs/team size", json!(1)),
        "inputs.team size",
        "A-Z",
    );
    refused(
        with("/inputs/team_size", json!("x".repeat(1001))),
        "inputs.team_size",
        "1000",
    );
    refused(
        with("/entered", json!("team_size")),
        "entered",
        "must be a list",
    );
    refused(
        with("/entered", json!(["seats"])),
        "entered[0]",
        "not one of the lead's inputs",
    );
    refused(
        with("/entered", json!(["team_size", "TEAM_SIZE"])),
        "entered[1]",
        "given twice",
    );
}

#[test]
fn names_emails_and_companies_are_checked() {
    for (name, good) in [
        ("A", true),
        (&*"é".repeat(200), true),
        ("", false),
        ("   ", false),
        (&*"a".repeat(201), false),
        ("Ada\nLovelace", false),
    ] {
        let result = read(&with("/contact/name", json!(name)));
        assert_eq!(result.is_ok(), good, "{name:?}: {result:?}");
        if !good {
            refused(
                with("/contact/name", json!(name)),
                "contact.name",
                "1 to 200 characters",
            );
        }
    }
    refused(
        with("/contact/company", json!("")),
        "contact.company",
        "1 to 200",
    );
    let long_local = format!("{}@example.com", "a".repeat(242));
    assert_eq!(long_local.len(), 254);
    let too_long = format!("{}@example.com", "a".repeat(243));
    for (email, good) in [
        ("ada@example.com", true),
        ("ada.lovelace+calc@mail.example.co.uk", true),
        (" ada@example.com ", true),
        (&*long_local, true),
        (&*too_long, false),
        ("ada.example.com", false),
        ("ada@@example.com", false),
        ("ada@ex@ample.com", false),
        ("@example.com", false),
        ("ada@localhost", false),
        ("ada@.example.com", false),
        ("ada@example.com.", false),
        ("ada@example..com", false),
        ("ada lovelace@example.com", false),
    ] {
        let result = read(&with("/contact/email", json!(email)));
        assert_eq!(result.is_ok(), good, "{email:?}: {result:?}");
        if !good {
            refused(
                with("/contact/email", json!(email)),
                "contact.email",
                "email address",
            );
        }
    }
}

#[test]
fn inputs_are_bounded_and_unique_ignoring_case() {
    let many = |count: usize| {
        let inputs: serde_json::Map<String, Json> =
            (0..count).map(|i| (format!("x{i}"), json!(i))).collect();
        let mut lead = with("/inputs", Json::Object(inputs));
        lead["entered"] = json!([]);
        lead
    };
    assert_eq!(read(&many(500)).unwrap().inputs.len(), 500);
    refused(many(501), "inputs", "at most 500 entries, not 501");
    // serde_json sorts keys, so `TEAM_SIZE` comes first and `team_size`
    // is the repeat.
    let mut lead = body();
    lead["inputs"]["TEAM_SIZE"] = json!(3);
    refused(lead, "inputs.team_size", "given twice");
    let mut lead = body();
    lead["entered"] = json!(vec!["team_size"; 501]);
    refused(lead, "entered", "at most 500");
}

#[test]
fn a_key_given_twice_in_a_tree_is_refused() {
    // JSON text keeps the last of a repeated key (as JSON.parse does); a
    // tree built another way may hold both, and must not pass either.
    let Node::Map(mut entries) = node(&body()) else {
        panic!("not a map")
    };
    entries.push(("calc_id".into(), Node::Text("other".into())));
    let err = read_lead(&Node::Map(entries)).unwrap_err();
    assert_eq!(
        err,
        LeadError::Duplicate {
            path: "calc_id".into()
        }
    );
    assert_eq!(err.to_string(), "calc_id: is given twice");
}

#[test]
fn the_lead_value_must_name_a_number_output_and_is_reported_with_everything_else() {
    let base =
        std::fs::read_to_string(support::root().join("examples/models/saas-roi.json")).unwrap();
    let mut model: Json = serde_json::from_str(&base).unwrap();
    model["leadValue"] = json!("net_anual_benefit");
    model["titel"] = json!("typo");
    let diagnostics = support::try_compile(&model.to_string()).unwrap_err();
    let lead_value = diagnostics
        .iter()
        .find(|d| d.path.to_string() == "leadValue")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(lead_value.code, Code::UnknownReference);
    assert!(
        lead_value
            .message
            .contains("did you mean `net_annual_benefit`"),
        "{}",
        lead_value.message
    );
    assert!(
        diagnostics.iter().any(|d| d.code == Code::UnknownField),
        "{diagnostics:#?}"
    );

    model["titel"] = Json::Null;
    model.as_object_mut().unwrap().remove("titel");
    model["outputs"].as_array_mut().unwrap().push(json!({
        "id": "verdict", "label": "Verdict", "formula": "IF(roi_3y > 0, \"worth it\", \"not yet\")"
    }));
    model["leadValue"] = json!("verdict");
    model["inputs"][0]["default"] = json!(-5);
    let diagnostics = support::try_compile(&model.to_string()).unwrap_err();
    let lead_value = diagnostics
        .iter()
        .find(|d| d.path.to_string() == "leadValue")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(lead_value.code, Code::WrongKind);
    assert!(
        lead_value.message.contains("gives text"),
        "{}",
        lead_value.message
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d.path.to_string() == "inputs[team_size].default"),
        "{diagnostics:#?}"
    );

    // An output id as the output writes it, exactly as a chart names one.
    model["inputs"][0]["default"] = json!(40);
    model["leadValue"] = json!("NET_ANNUAL_BENEFIT");
    let diagnostics = support::try_compile(&model.to_string()).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].path.to_string(), "leadValue");
    model["leadValue"] = json!("net_annual_benefit");
    let compiled = support::compile(&model.to_string());
    let index = compiled.spec().lead_value.unwrap();
    assert_eq!(compiled.spec().outputs[index].id, "net_annual_benefit");
}

#[test]
fn the_case_is_the_models_own_evaluation_of_the_inputs() {
    let model = support::load("examples/models/saas-roi.json");
    let lead = read(&body()).unwrap();
    let case = lead_case(&model, &lead).unwrap();
    // The same numbers as setting the input on the compiled model.
    let mut state = model.evaluate(&model.default_inputs());
    model
        .set(&mut state, "team_size", &InputValue::Number(50.0))
        .unwrap();
    let index = model.output_index("net_annual_benefit").unwrap();
    let expected = support::number(state.output(&model, index));
    assert_eq!(case.value, Some(expected));
    assert_eq!(case.value_output.as_deref(), Some("net_annual_benefit"));
    assert_ne!(
        case.value,
        model
            .evaluate(&model.default_inputs())
            .output_number(&model, index),
        "50 seats must change the value"
    );
    assert_eq!(case.receipt, receipt(&model, &state));
    assert_eq!(case.outputs.len(), model.spec().outputs.len());
    assert_eq!(case.outputs[index].label, "Net annual benefit");
    assert_eq!(case.entered.len(), 1);
    assert_eq!(case.entered[0].label, model.spec().inputs[0].label);
    assert_eq!(case.entered[0].value, InputValue::Number(50.0));
}

#[test]
fn each_input_the_model_refuses_is_named() {
    let model = support::load("examples/models/saas-roi.json");
    let case = |lead: Json| lead_case(&model, &read(&lead).unwrap());
    let err = case(with("/inputs/team_size", json!(2.5))).unwrap_err();
    assert!(matches!(err, CaseError::InvalidInput { .. }), "{err:?}");
    assert!(err.to_string().starts_with("inputs.team_size: "), "{err}");
    let err = case(with("/inputs/include_revenue_uplift", json!("yes"))).unwrap_err();
    assert_eq!(err.path(), "inputs.include_revenue_uplift");
    let mut lead = body();
    lead["inputs"]["seats"] = json!(3);
    let err = case(lead).unwrap_err();
    assert_eq!(err, CaseError::UnknownInput { id: "seats".into() });
    assert_eq!(
        err.to_string(),
        "inputs.seats: is not an input of the model"
    );
    let lead = without("/inputs", "gross_margin");
    assert_eq!(
        case(lead).unwrap_err(),
        CaseError::MissingInput {
            id: "gross_margin".into()
        }
    );
    let err = case(with("/scenario", json!("wildest"))).unwrap_err();
    assert_eq!(err.path(), "scenario");
}

#[test]
fn a_model_without_a_lead_value_gives_a_case_without_one() {
    let text =
        std::fs::read_to_string(support::root().join("examples/models/saas-roi.json")).unwrap();
    let mut model: Json = serde_json::from_str(&text).unwrap();
    model.as_object_mut().unwrap().remove("leadValue");
    let model = support::compile(&model.to_string());
    let case = lead_case(&model, &read(&body()).unwrap()).unwrap();
    assert_eq!((case.value, case.value_output), (None, None));
    assert_eq!(case.receipt.outputs.len(), case.outputs.len());
}

#[test]
fn totals_count_every_lead_and_sum_values_in_any_order() {
    let values = [0.1, 1e16, 0.2, -1e16, 0.3, 7.0];
    let mut forward = LeadTotals::default();
    let mut backward = LeadTotals::default();
    for value in values {
        forward.add("a", Some(value), Some("EUR"));
    }
    for value in values.iter().rev() {
        backward.add("a", Some(*value), Some("EUR"));
    }
    forward.add("b", None, None);
    backward.add("b", None, None);
    assert_eq!(forward.calcs(), backward.calcs());
    let calcs = forward.calcs();
    assert_eq!(calcs[0].calc_id, "a");
    assert_eq!((calcs[0].leads, calcs[0].valued), (6, 6));
    assert!((calcs[0].value - 7.6).abs() < 1e-9, "{}", calcs[0].value);
    assert_eq!(
        (
            calcs[1].calc_id.as_str(),
            calcs[1].leads,
            calcs[1].valued,
            calcs[1].value
        ),
        ("b", 1, 0, 0.0)
    );
    assert_eq!(forward.leads(), 7);
    assert_eq!(calcs[0].currency.as_deref(), Some("EUR"));
    assert_eq!(calcs[1].currency, None);
    assert_eq!(
        forward.overall_value(),
        Some((calcs[0].value, "EUR".into()))
    );
    let node = forward.to_node();
    assert_eq!(node.get("leads"), Some(&Node::Number(7.0)));
    assert_eq!(node.get("currency"), Some(&Node::Text("EUR".into())));
    // Values in several currencies have no one currency.
    forward.add("c", Some(1.0), Some("USD"));
    assert_eq!(forward.calcs()[2].currency.as_deref(), Some("USD"));
    assert_eq!(forward.overall_value(), None);
    forward.add("a", Some(1.0), Some("USD"));
    assert_eq!(forward.calcs()[0].currency, None);
}
