//! The generic JSON tree (`Node`) that every layer reads, independent of
//! how it arrived: the wasm layer builds it from a JavaScript object, native
//! code from JSON text (the `yardstick-json-text` crate). Also writes the
//! canonical JSON that receipts hash and the collector stores. A base
//! module: `model` (documents) and `engagement` (events) both use it, and it
//! uses neither.
//!
//! It never reads files and never interprets a tree; `model::read` and
//! `engagement::envelope` do that.

use crate::{number_text, small_sort};

/// Deepest nesting a document may have.
pub const MAX_DOCUMENT_DEPTH: usize = 32;
/// Most nodes (values, list items and map entries) a document may have.
pub const MAX_DOCUMENT_NODES: usize = 200_000;
/// Longest text a document may hold in all, in bytes (1 MiB).
pub const MAX_DOCUMENT_TEXT_BYTES: usize = 1 << 20;

/// A JSON-like value. Maps keep their entries in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// JSON `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array, in order.
    List(Vec<Node>),
    /// An object: its keys and values, in document order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The entry `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::Text(_) => "text",
            Node::List(_) => "a list",
            Node::Map(_) => "an object",
        }
    }
}

/// Canonical JSON: object keys sorted by their UTF-16 code units (as
/// JSON.stringify-based canonicalisations do), no whitespace, numbers in
/// their shortest round-trip form, integers without a fraction. The same
/// document always gives the same text, whatever its key order.
pub fn canonical_json(node: &Node) -> String {
    let mut out = String::new();
    write_canonical(node, &mut out);
    out
}

fn write_canonical(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => write_number(*n, out),
        Node::Text(text) => write_string(text, out),
        Node::List(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            let key = |index: usize| entries.get(index).map(|(key, _)| key.encode_utf16());
            let order = small_sort::sorted_indices(entries.len(), &|a, b| match (key(a), key(b)) {
                (Some(a), Some(b)) => a.lt(b),
                _ => false,
            });
            out.push('{');
            for (position, (key, value)) in order.iter().filter_map(|&i| entries.get(i)).enumerate()
            {
                if position > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(value, out);
            }
            out.push('}');
        }
    }
}

fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n == n.trunc() && n.abs() < 1e15 {
        if n < 0.0 {
            out.push('-');
        }
        // An integer below 10^15: exact as u64, and -0 writes as 0.
        number_text::push_u64(out, n.abs() as u64, 1);
    } else if (1e-6..1e21).contains(&n.abs()) {
        out.push_str(&number_text::shortest(n));
    } else {
        // Shortest round-trip digits with an exponent: 1e300, 1.5e-7.
        out.push_str(&number_text::shortest_exp(n));
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(hex_digit(c as u32 >> 4));
                out.push(hex_digit(c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The lower-case hexadecimal digit of the low four bits.
fn hex_digit(value: u32) -> char {
    char::from_digit(value & 0xf, 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_normalises_numbers() {
        let node = Node::Map(vec![
            (
                "b".into(),
                Node::List(vec![Node::Number(1.0), Node::Number(0.5)]),
            ),
            ("a".into(), Node::Text("x\"y\n".into())),
            ("c".into(), Node::Map(vec![])),
        ]);
        assert_eq!(
            canonical_json(&node),
            r#"{"a":"x\"y\n","b":[1,0.5],"c":{}}"#
        );
        assert_eq!(canonical_json(&Node::Number(-0.0)), "0");
        assert_eq!(canonical_json(&Node::Number(1e300)), "1e300");
    }
}
