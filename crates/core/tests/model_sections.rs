//! Input sections (`sections`, each input's `section`): read into the
//! spec, and every problem reported with its path. Only the full build
//! (`workbench`) reads them; the widget's configuration accepts the
//! fields unread, so these tests run in the full configuration only.
#![cfg(feature = "workbench")]
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::{compile, load, try_compile};
use yardstick_core::model::ModelDiagnosticCode;

fn model(sections: &str, section_of_a: &str, section_of_b: &str) -> String {
    format!(
        r#"{{
  "schema": "yardstick/model@1", "id": "s", "version": "1", "title": "S",
  "sections": {sections},
  "inputs": [
    {{ "id": "a", "label": "A", "kind": "number", "default": 1 {section_of_a} }},
    {{ "id": "b", "label": "B", "kind": "number", "default": 2 {section_of_b} }}
  ],
  "outputs": [{{ "id": "o", "label": "O", "formula": "a + b" }}]
}}"#
    )
}

#[test]
fn sections_and_the_inputs_in_them_are_read() {
    let sections = r#"[{ "id": "costs", "label": "Costs", "description": "What it costs" },
                       { "id": "benefits", "label": "Benefits" }]"#;
    let model = compile(&model(sections, r#", "section": "benefits""#, ""));
    let spec = model.spec();
    assert_eq!(spec.sections.len(), 2);
    assert_eq!(spec.sections[0].id, "costs");
    assert_eq!(spec.sections[0].label, "Costs");
    assert_eq!(
        spec.sections[0].description.as_deref(),
        Some("What it costs")
    );
    assert_eq!(spec.sections[1].description, None);
    assert_eq!(spec.inputs[0].section.as_deref(), Some("benefits"));
    assert_eq!(spec.inputs[1].section, None);
}

#[test]
fn an_unknown_section_is_reported_at_the_input_with_the_closest_id() {
    let sections = r#"[{ "id": "costs", "label": "Costs" }]"#;
    let diagnostics = try_compile(&model(sections, "", r#", "section": "cost""#)).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].code, ModelDiagnosticCode::UnknownReference);
    assert_eq!(diagnostics[0].path.to_string(), "inputs[b].section");
    assert!(
        diagnostics[0].message.contains("`cost`")
            && diagnostics[0].message.contains("did you mean `costs`"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn a_section_without_sections_says_to_declare_it() {
    let diagnostics = try_compile(&model("[]", r#", "section": "costs""#, "")).unwrap_err();
    assert_eq!(diagnostics[0].path.to_string(), "inputs[a].section");
    assert!(
        diagnostics[0].message.contains("declare it"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn broken_sections_are_reported_each_with_its_path() {
    let sections = r#"[{ "id": "costs", "label": "Costs" }, { "id": "costs", "label": "Again" },
                       { "id": "9x", "label": "Bad id" }, { "id": "nolabel" },
                       { "id": "extra", "label": "E", "colour": "red" }, "text"]"#;
    let diagnostics = try_compile(&model(sections, "", "")).unwrap_err();
    let found: Vec<(String, ModelDiagnosticCode)> = diagnostics
        .iter()
        .map(|d| (d.path.to_string(), d.code))
        .collect();
    for expected in [
        ("sections[1].id", ModelDiagnosticCode::DuplicateId),
        ("sections[2].id", ModelDiagnosticCode::InvalidId),
        ("sections[3].label", ModelDiagnosticCode::MissingField),
        ("sections[4].colour", ModelDiagnosticCode::UnknownField),
        ("sections[5]", ModelDiagnosticCode::WrongType),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} not in {found:#?}"
        );
    }
    assert_eq!(found.len(), 5, "{found:#?}");
}

#[test]
fn too_many_sections_are_refused() {
    let many: Vec<String> = (0..51)
        .map(|i| format!(r#"{{ "id": "s{i}", "label": "S{i}" }}"#))
        .collect();
    let diagnostics = try_compile(&model(&format!("[{}]", many.join(",")), "", "")).unwrap_err();
    assert_eq!(diagnostics[0].code, ModelDiagnosticCode::TooLarge);
    assert_eq!(diagnostics[0].path.to_string(), "sections");
}

#[test]
fn every_input_of_the_example_models_is_in_a_section() {
    for file in ["business-case-5y", "saas-roi", "project-portfolio"] {
        let model = load(&format!("examples/models/{file}.json"));
        let spec = model.spec();
        assert!(spec.sections.len() >= 2, "{file}: {:?}", spec.sections);
        for input in &spec.inputs {
            assert!(
                input.section.is_some(),
                "{file}: {} has no section",
                input.id
            );
        }
        for section in &spec.sections {
            assert!(
                spec.inputs
                    .iter()
                    .any(|i| i.section.as_ref() == Some(&section.id)),
                "{file}: section {} is empty",
                section.id
            );
        }
    }
}

#[test]
fn a_calculation_total_is_true_or_false_and_read_into_the_spec() {
    let document = |total: &str| {
        format!(
            r#"{{
  "schema": "yardstick/model@1", "id": "t", "version": "1", "title": "T",
  "inputs": [{{ "id": "a", "label": "A", "kind": "number", "default": 1 }}],
  "calculations": [{{ "id": "heads", "per_period": true, "formula": "a", "total": {total} }}],
  "outputs": [{{ "id": "o", "label": "O", "formula": "a" }}]
}}"#
        )
    };
    let model = compile(&document("false"));
    assert_eq!(model.spec().calculations[0].total, Some(false));
    let diagnostics = try_compile(&document(r#""no""#)).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].code, ModelDiagnosticCode::WrongType);
    assert_eq!(diagnostics[0].path.to_string(), "calculations[heads].total");
}
