//! What changed between two revisions of a case, as data: inputs added,
//! removed or changed (old and new value), and likewise the assumption
//! sources, the case's scenarios, its settings, and the fields title,
//! customer, model (id, version or document), step and dropped (added when
//! the project is dropped, removed when it is reopened).
//!
//! Values are compared by their canonical JSON, so key order never shows
//! as a change. The author is the revision's, not the case's: it is never
//! part of a diff. It compares documents only; it checks nothing.

use super::document::{dropped_node, scenario_node, settings_entries, source_node};
use super::read::CaseDocument;
use crate::json::{canonical_json, Node};

/// One keyed value that was added, removed or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The input id, scenario id, setting name or field name.
    pub key: String,
    /// The value before; `None` when it was added.
    pub before: Option<Node>,
    /// The value after; `None` when it was removed.
    pub after: Option<Node>,
}

impl Change {
    /// `added`, `removed` or `changed`.
    pub fn kind(&self) -> &'static str {
        match (&self.before, &self.after) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// Everything that differs between two revisions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseDiff {
    /// Inputs by id, in the order of the newer revision, then removals.
    pub inputs: Vec<Change>,
    /// Assumption sources by input id.
    pub sources: Vec<Change>,
    /// Scenarios by id.
    pub scenarios: Vec<Change>,
    /// Settings by name (`hurdleRate`, `monteCarlo`, ...).
    pub settings: Vec<Change>,
    /// `title`, `customer`, `model`, `step` and `dropped`.
    pub fields: Vec<Change>,
}

impl CaseDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
            && self.sources.is_empty()
            && self.scenarios.is_empty()
            && self.settings.is_empty()
            && self.fields.is_empty()
    }
}

/// The changes from `before` (`None` for a new case: everything is added)
/// to `after`.
pub fn diff_cases(before: Option<&CaseDocument>, after: &CaseDocument) -> CaseDiff {
    let empty = Vec::new();
    let keyed = |doc: &CaseDocument| -> [Vec<(String, Node)>; 4] {
        [
            doc.inputs.clone(),
            doc.sources
                .iter()
                .map(|(id, source)| (id.clone(), source_node(source)))
                .collect(),
            doc.scenarios
                .iter()
                .map(|scenario| (scenario.id.clone(), scenario_node(scenario)))
                .collect(),
            settings_entries(&doc.settings),
        ]
    };
    let new = keyed(after);
    let old = before.map(keyed);
    let old_list = |index: usize| {
        old.as_ref()
            .and_then(|lists| lists.get(index))
            .unwrap_or(&empty)
    };
    let new_list = |index: usize| new.get(index).unwrap_or(&empty);
    let mut fields = Vec::new();
    let field_values = |doc: &CaseDocument| {
        let mut values = vec![
            ("title".to_string(), Node::Text(doc.title.clone())),
            (
                "customer".to_string(),
                Node::Map(vec![
                    ("id".into(), Node::Text(doc.customer.id.clone())),
                    ("name".into(), Node::Text(doc.customer.name.clone())),
                ]),
            ),
            ("model".to_string(), model_node(doc)),
            ("step".to_string(), Node::Text(doc.step.as_str().into())),
        ];
        if let Some(drop) = &doc.dropped {
            values.push(("dropped".to_string(), dropped_node(drop)));
        }
        values
    };
    let old_fields = before.map(field_values).unwrap_or_default();
    keyed_changes(&old_fields, &field_values(after), &mut fields, false);
    let mut diff = CaseDiff {
        fields,
        ..CaseDiff::default()
    };
    keyed_changes(old_list(0), new_list(0), &mut diff.inputs, true);
    keyed_changes(old_list(1), new_list(1), &mut diff.sources, true);
    keyed_changes(old_list(2), new_list(2), &mut diff.scenarios, true);
    keyed_changes(old_list(3), new_list(3), &mut diff.settings, false);
    diff
}

/// The model as a diff shows it: id, version and a digest of the document
/// (the document itself would make every diff as big as the model).
fn model_node(doc: &CaseDocument) -> Node {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(canonical_json(&doc.model_document).as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    Node::Map(vec![
        ("id".into(), Node::Text(doc.model_id.clone())),
        ("version".into(), Node::Text(doc.model_version.clone())),
        ("documentSha256".into(), Node::Text(hex)),
    ])
}

/// Appends the changes from `old` to `new` (keys matched ignoring ASCII
/// case when `ignore_case`, as model ids are).
fn keyed_changes(
    old: &[(String, Node)],
    new: &[(String, Node)],
    out: &mut Vec<Change>,
    ignore_case: bool,
) {
    let same_key = |a: &str, b: &str| {
        if ignore_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    for (key, after) in new {
        match old.iter().find(|(k, _)| same_key(k, key)) {
            None => out.push(Change {
                key: key.clone(),
                before: None,
                after: Some(after.clone()),
            }),
            Some((_, before)) if canonical_json(before) != canonical_json(after) => {
                out.push(Change {
                    key: key.clone(),
                    before: Some(before.clone()),
                    after: Some(after.clone()),
                })
            }
            Some(_) => {}
        }
    }
    for (key, before) in old {
        if !new.iter().any(|(k, _)| same_key(k, key)) {
            out.push(Change {
                key: key.clone(),
                before: Some(before.clone()),
                after: None,
            });
        }
    }
}
