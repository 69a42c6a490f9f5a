//! Field access on the JSON objects of the success documents: every
//! missing field, wrong type, unknown field (with "did you mean"), repeated
//! key and refused value is recorded with its path, and reading goes on, so
//! a document's problems all come back at once.
//!
//! It knows the value rules ([`super::values`]) but no document's fields.

use super::date::Date;
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::values::{self, short, Checked};
use crate::json::Node;
use crate::model::diagnostic::{suggest_id, ModelPath};

/// The most fields an object may have before it is refused unread.
pub const MAX_OBJECT_FIELDS: usize = 64;

/// The problems found so far, in document order.
#[derive(Debug, Default)]
pub struct Reader {
    /// Every problem recorded.
    pub list: Vec<SuccessDiagnostic>,
}

impl Reader {
    /// Records a problem at `path`.
    pub fn push(&mut self, code: SuccessCode, path: &ModelPath, message: impl Into<String>) {
        self.list.push(SuccessDiagnostic {
            code,
            path: path.clone(),
            message: message.into(),
        });
    }

    /// Records a value of the wrong JSON type.
    pub fn wrong_type(&mut self, path: &ModelPath, expected: &str, found: &Node) {
        let message = format!("expected {expected}, found {}", found.type_name());
        self.push(SuccessCode::WrongType, path, message);
    }

    /// Records a refused value.
    pub fn refuse<T>(&mut self, path: &ModelPath, checked: Checked<T>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err((code, message)) => {
                self.push(code, path, message);
                None
            }
        }
    }

    /// Opens `node` as an object whose fields are `allowed`; unknown
    /// fields (with the closest allowed name) and repeated keys are
    /// recorded. `None`, recorded, when it is not an object.
    pub fn object<'a>(
        &mut self,
        node: &'a Node,
        path: &ModelPath,
        allowed: &[&str],
    ) -> Option<Object<'a>> {
        let Node::Map(entries) = node else {
            self.wrong_type(path, "an object", node);
            return None;
        };
        // No object of these documents has more fields; the check for
        // repeated keys below is quadratic, so a huge object stops here.
        if entries.len() > MAX_OBJECT_FIELDS {
            let message = format!(
                "an object of {} fields, more than any object here has ({MAX_OBJECT_FIELDS})",
                entries.len()
            );
            self.push(SuccessCode::TooLarge, path, message);
            return None;
        }
        for (index, (key, _)) in entries.iter().enumerate() {
            let key_path = path.key(short(key));
            if !allowed.contains(&key.as_str()) {
                let hint = suggest_id(key, allowed.iter().copied());
                let message = format!("unknown field `{}`{hint}", short(key));
                self.push(SuccessCode::UnknownField, &key_path, message);
            } else if entries
                .iter()
                .take(index)
                .any(|(earlier, _)| earlier == key)
            {
                let message = format!("`{key}` is given twice in this object");
                self.push(SuccessCode::DuplicateField, &key_path, message);
            }
        }
        Some(Object {
            entries,
            path: path.clone(),
        })
    }
}

/// An object being read, with its path.
pub struct Object<'a> {
    entries: &'a [(String, Node)],
    /// The object's path in the document.
    pub path: ModelPath,
}

impl<'a> Object<'a> {
    /// The path of the field `key`.
    pub fn at(&self, key: &str) -> ModelPath {
        self.path.key(key)
    }

    /// The field `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
            .filter(|value| **value != Node::Null)
    }

    /// The field `key`, recorded as missing when `required` and absent.
    pub fn field(&self, key: &str, required: bool, reader: &mut Reader) -> Option<&'a Node> {
        let found = self.get(key);
        if found.is_none() && required {
            reader.push(
                SuccessCode::MissingField,
                &self.at(key),
                format!("`{key}` is required"),
            );
        }
        found
    }

    /// The text of field `key`, unchecked.
    fn raw_text(&self, key: &str, required: bool, reader: &mut Reader) -> Option<&'a str> {
        match self.field(key, required, reader)? {
            Node::Text(text) => Some(text),
            other => {
                reader.wrong_type(&self.at(key), "text", other);
                None
            }
        }
    }

    /// A text field: trimmed, 1 to 200 characters, or a note when `note`.
    pub fn text(
        &self,
        key: &str,
        required: bool,
        note: bool,
        reader: &mut Reader,
    ) -> Option<String> {
        let raw = self.raw_text(key, required, reader)?;
        reader.refuse(&self.at(key), values::text(raw, note))
    }

    /// An id field.
    pub fn id(&self, key: &str, required: bool, reader: &mut Reader) -> Option<String> {
        let raw = self.raw_text(key, required, reader)?;
        reader.refuse(&self.at(key), values::id(raw))
    }

    /// A date field (`YYYY-MM-DD`).
    pub fn date(&self, key: &str, required: bool, reader: &mut Reader) -> Option<Date> {
        let raw = self.raw_text(key, required, reader)?;
        reader.refuse(&self.at(key), values::date(raw))
    }

    /// A text field that must be one of `names`: its position.
    pub fn choice(
        &self,
        key: &str,
        required: bool,
        names: &[&str],
        reader: &mut Reader,
    ) -> Option<usize> {
        let raw = self.raw_text(key, required, reader)?;
        reader.refuse(&self.at(key), values::choice(raw, names))
    }

    /// A finite number within `range`.
    pub fn number(
        &self,
        key: &str,
        required: bool,
        range: (f64, f64),
        reader: &mut Reader,
    ) -> Option<f64> {
        match self.field(key, required, reader)? {
            Node::Number(n) => reader.refuse(&self.at(key), values::number_in(*n, range)),
            other => {
                reader.wrong_type(&self.at(key), "a number", other);
                None
            }
        }
    }

    /// A whole number within `range`.
    pub fn whole(
        &self,
        key: &str,
        required: bool,
        range: (f64, f64),
        reader: &mut Reader,
    ) -> Option<u64> {
        match self.field(key, required, reader)? {
            Node::Number(n) => reader.refuse(&self.at(key), values::whole_in(*n, range)),
            other => {
                reader.wrong_type(&self.at(key), "a whole number", other);
                None
            }
        }
    }

    /// A true-or-false field.
    pub fn boolean(&self, key: &str, required: bool, reader: &mut Reader) -> Option<bool> {
        match self.field(key, required, reader)? {
            Node::Bool(b) => Some(*b),
            other => {
                reader.wrong_type(&self.at(key), "true or false", other);
                None
            }
        }
    }

    /// A list field of at most `max` items (`what` names them in the
    /// message); past the bound it is refused unread. An absent optional
    /// list is empty.
    pub fn list(
        &self,
        key: &str,
        required: bool,
        (max, what): (usize, &str),
        reader: &mut Reader,
    ) -> &'a [Node] {
        match self.field(key, required, reader) {
            None => &[],
            Some(Node::List(items)) if items.len() > max => {
                let message = format!("{} {what}, more than the bound of {max}", items.len());
                reader.push(SuccessCode::TooLarge, &self.at(key), message);
                &[]
            }
            Some(Node::List(items)) => items,
            Some(other) => {
                reader.wrong_type(&self.at(key), "a list", other);
                &[]
            }
        }
    }
}

/// Checks `schema` is exactly `expected`.
pub fn check_schema(object: &Object<'_>, expected: &str, reader: &mut Reader) {
    if let Some(node) = object.field("schema", true, reader) {
        if *node != Node::Text(expected.to_string()) {
            let message = format!("the schema must be \"{expected}\"");
            reader.push(
                SuccessCode::UnsupportedSchema,
                &object.at("schema"),
                message,
            );
        }
    }
}
