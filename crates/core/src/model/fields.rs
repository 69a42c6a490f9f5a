//! Field access on document maps that records a diagnostic for every
//! missing field, wrong type and unknown field instead of stopping, so a
//! model's problems all come back at once.
//!
//! It knows nothing of what the fields mean; `read` decides that.

use super::diagnostic::suggest_id;
use super::diagnostic::{ModelDiagnostic, ModelDiagnosticCode, ModelPath};
use crate::json::Node;

/// Collects diagnostics while fields are read.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// The diagnostics so far, in the order they were found.
    pub list: Vec<ModelDiagnostic>,
}

impl Diagnostics {
    /// Records a problem at `path`.
    pub fn push(
        &mut self,
        code: ModelDiagnosticCode,
        path: &ModelPath,
        message: impl Into<String>,
    ) {
        self.list
            .push(ModelDiagnostic::new(code, path.clone(), message));
    }

    /// Records that the value at `path` is `found`'s JSON type, not `expected`.
    pub fn wrong_type(&mut self, path: &ModelPath, expected: &str, found: &Node) {
        self.push(
            ModelDiagnosticCode::WrongType,
            path,
            format!("expected {expected}, found {}", found.type_name()),
        );
    }
}

/// A map node being read, with its path for messages.
pub struct Fields<'a> {
    /// The map's entries, in document order.
    pub entries: &'a [(String, Node)],
    /// The map's path in the document (`inputs[2]`); the root's is empty.
    pub path: ModelPath,
}

impl<'a> Fields<'a> {
    /// Opens `node` as a map; records a wrong-type diagnostic otherwise.
    pub fn open(
        node: &'a Node,
        path: &ModelPath,
        diagnostics: &mut Diagnostics,
    ) -> Option<Fields<'a>> {
        match node {
            Node::Map(entries) => Some(Fields {
                entries,
                path: path.clone(),
            }),
            other => {
                diagnostics.wrong_type(path, "an object", other);
                None
            }
        }
    }

    /// The path of the field `key` of this map (`inputs[2].default`).
    pub fn field_path(&self, key: &str) -> ModelPath {
        self.path.key(key)
    }

    /// The value of the field `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Reports fields outside `allowed`, suggesting the closest allowed name.
    pub fn reject_unknown(&self, allowed: &[&str], diagnostics: &mut Diagnostics) {
        for (key, _) in self.entries {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = suggest_id(key, allowed.iter().copied());
            diagnostics.push(
                ModelDiagnosticCode::UnknownField,
                &self.field_path(key),
                format!("unknown field `{key}`{hint}"),
            );
        }
    }

    fn missing(&self, key: &str, diagnostics: &mut Diagnostics) {
        diagnostics.push(
            ModelDiagnosticCode::MissingField,
            &self.field_path(key),
            format!("`{key}` is required"),
        );
    }

    /// A text field; `required` records a diagnostic when it is absent.
    pub fn text(&self, key: &str, required: bool, diagnostics: &mut Diagnostics) -> Option<String> {
        match self.get(key) {
            Some(Node::Text(text)) => Some(text.clone()),
            Some(other) => {
                diagnostics.wrong_type(&self.field_path(key), "text", other);
                None
            }
            None => {
                if required {
                    self.missing(key, diagnostics);
                }
                None
            }
        }
    }

    /// A finite number field.
    pub fn number(&self, key: &str, required: bool, diagnostics: &mut Diagnostics) -> Option<f64> {
        match self.get(key) {
            Some(Node::Number(n)) if n.is_finite() => Some(*n),
            Some(other) => {
                diagnostics.wrong_type(&self.field_path(key), "a finite number", other);
                None
            }
            None => {
                if required {
                    self.missing(key, diagnostics);
                }
                None
            }
        }
    }

    /// A text field that must be one of `names`: its position there. Other
    /// text is a `code` diagnostic, "unknown {what} `x`; use a, b or c",
    /// built here once for every such field.
    pub fn choice(
        &self,
        key: &str,
        required: bool,
        (what, names, code): (&str, &[&str], ModelDiagnosticCode),
        diagnostics: &mut Diagnostics,
    ) -> Option<usize> {
        let text = self.text(key, required, diagnostics)?;
        let position = names.iter().position(|name| *name == text);
        if position.is_none() {
            let mut message = format!("unknown {what} `{text}`; use ");
            for (index, name) in names.iter().enumerate() {
                if index > 0 {
                    let last = index + 1 == names.len();
                    message.push_str(if last { " or " } else { ", " });
                }
                message.push_str(name);
            }
            diagnostics.push(code, &self.field_path(key), message);
        }
        position
    }

    /// An optional true-or-false field; any other type is a wrong-type
    /// diagnostic and `None`.
    pub fn boolean(&self, key: &str, diagnostics: &mut Diagnostics) -> Option<bool> {
        match self.get(key) {
            Some(Node::Bool(b)) => Some(*b),
            Some(other) => {
                diagnostics.wrong_type(&self.field_path(key), "true or false", other);
                None
            }
            None => None,
        }
    }

    /// A list field; an absent optional list is empty.
    pub fn list(&self, key: &str, required: bool, diagnostics: &mut Diagnostics) -> &'a [Node] {
        match self.get(key) {
            Some(Node::List(items)) => items,
            Some(other) => {
                diagnostics.wrong_type(&self.field_path(key), "a list", other);
                &[]
            }
            None => {
                if required {
                    self.missing(key, diagnostics);
                }
                &[]
            }
        }
    }
}

/// Whether `id` is a valid model id: 1 to 64 characters, a letter or `_`
/// first, then letters, digits or `_`.
pub fn is_valid_id(id: &str) -> bool {
    id_is_valid(id, false)
}

/// [`is_valid_id`] for a model's own id, where `-` counts as `_`. A flag
/// rather than `str::replace`: that allocated a copy and linked half a
/// kilobyte of wasm for this one check.
pub fn is_valid_model_id(id: &str) -> bool {
    id_is_valid(id, true)
}

fn id_is_valid(id: &str, dash_ok: bool) -> bool {
    let word = |c: char| c == '_' || (dash_ok && c == '-');
    let mut chars = id.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || word(c));
    first_ok && id.len() <= 64 && chars.all(|c| c.is_ascii_alphanumeric() || word(c))
}

/// Ids a model may not use: they mean something else in formulas.
pub fn is_reserved_id(id: &str) -> bool {
    ["true", "false", "period"]
        .iter()
        .any(|reserved| id.eq_ignore_ascii_case(reserved))
}
