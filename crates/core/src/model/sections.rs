//! Input sections (`sections` and each input's `section`): the groups a
//! form shows inputs in, read and checked with every problem's path (an
//! invalid or duplicate section id, a section without a label, an input
//! naming a section the model does not declare).
//!
//! Full build only (the `workbench` feature): the widget shows its inputs
//! as one list, so it accepts both fields without reading them and keeps
//! their bytes out of what a prospect downloads. Nothing here decides how
//! a page draws a section.

use super::diagnostic::{item_path, suggest_id, ModelDiagnosticCode};
use super::fields::{is_valid_model_id, Diagnostics, Fields};
use super::spec::{InputSpec, SectionSpec};
use crate::name_table::previous_uses;

/// Most sections a model may declare.
pub const MAX_SECTIONS: usize = 50;

/// Reads the top-level `sections` list; broken entries are left out.
pub fn read_sections(top: &Fields<'_>, diagnostics: &mut Diagnostics) -> Vec<SectionSpec> {
    let mut items = top.list("sections", false, diagnostics);
    if items.len() > MAX_SECTIONS {
        diagnostics.push(
            ModelDiagnosticCode::TooLarge,
            &top.field_path("sections"),
            format!(
                "a model may have at most {MAX_SECTIONS} sections; this one has {}",
                items.len()
            ),
        );
        items = items.get(..MAX_SECTIONS).unwrap_or(items);
    }
    let mut sections = Vec::with_capacity(items.len());
    for (index, node) in items.iter().enumerate() {
        let path = item_path("sections", index);
        let Some(fields) = Fields::open(node, &path, diagnostics) else {
            continue;
        };
        fields.reject_unknown(&["id", "label", "description"], diagnostics);
        let id = fields.text("id", true, diagnostics).unwrap_or_default();
        if !id.is_empty() && !is_valid_model_id(&id) {
            diagnostics.push(
                ModelDiagnosticCode::InvalidId,
                &fields.field_path("id"),
                format!("`{id}` is not a valid section id: use letters, digits, `_` and `-`, starting with a letter"),
            );
        }
        sections.push(SectionSpec {
            id,
            label: fields.text("label", true, diagnostics).unwrap_or_default(),
            description: fields.text("description", false, diagnostics),
        });
    }
    let mut ids = Vec::with_capacity(sections.len());
    for section in &sections {
        ids.push(section.id.as_str());
    }
    for (index, earlier) in previous_uses(&ids).into_iter().enumerate() {
        let id = ids.get(index).copied().unwrap_or_default();
        if earlier.is_some() && !id.is_empty() {
            diagnostics.push(
                ModelDiagnosticCode::DuplicateId,
                &item_path("sections", index).key("id"),
                format!("`{id}` is already used by another section"),
            );
        }
    }
    sections
}

/// Reads an input's `section` (its id is checked once every section is
/// read, by [`check_input_sections`]).
pub fn read_input_section(fields: &Fields<'_>, diagnostics: &mut Diagnostics) -> Option<String> {
    fields.text("section", false, diagnostics)
}

/// Every input's `section` must name a declared section, exactly as its
/// `id` is written (section ids are not names in formulas).
pub fn check_input_sections(
    inputs: &[InputSpec],
    sections: &[SectionSpec],
    diagnostics: &mut Diagnostics,
) {
    for (index, input) in inputs.iter().enumerate() {
        let Some(wanted) = &input.section else {
            continue;
        };
        if sections.iter().any(|section| &section.id == wanted) {
            continue;
        }
        let hint = suggest_id(wanted, sections.iter().map(|s| s.id.as_str()));
        let declared = if sections.is_empty() {
            "; declare it in the model's `sections`"
        } else {
            ""
        };
        diagnostics.push(
            ModelDiagnosticCode::UnknownReference,
            &item_path("inputs", index).key("section"),
            format!("no section has the id `{wanted}`{hint}{declared}"),
        );
    }
}
