//! The case reader's small tools: a list of problems with their paths, an
//! object's fields with unknown and repeated keys refused, and bounded
//! texts. Shared by `read` and `figures`; it knows no case field.

use std::fmt;

use crate::json::Node;

/// One problem with a case document: where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseProblem {
    /// The offending value's path (`inputs.seats`, `settings.hurdleRate`,
    /// `model.document.calcs[3].formula`), empty for the whole body.
    pub path: String,
    /// Why it is refused, for a person.
    pub message: String,
}

impl fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found, in document order.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub Vec<CaseProblem>);

impl Problems {
    pub fn push(&mut self, path: &str, message: impl Into<String>) {
        self.0.push(CaseProblem {
            path: path.to_string(),
            message: message.into(),
        });
    }

    pub fn wrong_type(&mut self, path: &str, expected: &str, found: &Node) {
        self.push(
            path,
            format!("must be {expected}, not {}", found.type_name()),
        );
    }
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// At most 64 characters of client input, for messages and paths.
pub(crate) fn short(text: &str) -> &str {
    match text.char_indices().nth(64) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text),
        None => text,
    }
}

/// The entries of the object at `path`, with every unknown or repeated
/// key reported; `None` (reported) when it is not an object.
pub(crate) fn object<'a>(
    node: &'a Node,
    path: &str,
    known: &[&str],
    problems: &mut Problems,
) -> Option<&'a [(String, Node)]> {
    let Node::Map(entries) = node else {
        problems.wrong_type(path, "an object", node);
        return None;
    };
    for (index, (key, _)) in entries.iter().enumerate() {
        if !known.is_empty() && !known.contains(&key.as_str()) {
            problems.push(&join(path, short(key)), "is not a field of a case here");
        } else if entries
            .iter()
            .take(index)
            .any(|(earlier, _)| earlier == key)
        {
            problems.push(&join(path, short(key)), "is given twice");
        }
    }
    Some(entries)
}

/// The field `key`, `null` counting as absent.
pub(crate) fn field<'a>(entries: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, value)| value)
        .filter(|value| **value != Node::Null)
}

/// Text at `path`: trimmed, 1 to `max_chars` characters, no control
/// characters unless `multiline` (which allows line breaks and tabs).
pub(crate) fn bounded_text(
    node: &Node,
    path: &str,
    max_chars: usize,
    multiline: bool,
    problems: &mut Problems,
) -> Option<String> {
    let Node::Text(text) = node else {
        problems.wrong_type(path, "text", node);
        return None;
    };
    let value = text.trim();
    let length = value.chars().count();
    let bad_control = value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')));
    if length == 0 || length > max_chars || bad_control {
        let breaks = if multiline {
            ""
        } else {
            " without line breaks"
        };
        problems.push(path, format!("must be 1 to {max_chars} characters{breaks}"));
        return None;
    }
    Some(value.to_string())
}

/// A required field; reports it missing.
pub(crate) fn required<'a>(
    entries: &'a [(String, Node)],
    key: &str,
    path: &str,
    problems: &mut Problems,
) -> Option<&'a Node> {
    let found = field(entries, key);
    if found.is_none() {
        problems.push(&join(path, key), "is required");
    }
    found
}

/// A finite number within `[min, max]` at `path`.
pub(crate) fn number_within(
    node: &Node,
    path: &str,
    (min, max): (f64, f64),
    problems: &mut Problems,
) -> Option<f64> {
    let Node::Number(n) = node else {
        problems.wrong_type(path, "a number", node);
        return None;
    };
    if n.is_finite() && (min..=max).contains(n) {
        Some(*n + 0.0)
    } else {
        problems.push(
            path,
            format!(
                "must be a number from {} to {}",
                crate::number_text::Plain(min),
                crate::number_text::Plain(max)
            ),
        );
        None
    }
}
