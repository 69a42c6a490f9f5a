//! JSON text into the core's tree for the success module's unit tests
//! (serde_json, which sorts object keys and keeps the last of a repeated
//! key; tests of repeated keys build their trees by hand).
#![cfg(test)]

use crate::json::Node;

/// The tree of `text`; panics (in tests only) on text that is not JSON.
pub fn node(text: &str) -> Node {
    fn convert(value: serde_json::Value) -> Node {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(b),
            serde_json::Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Node::Text(s),
            serde_json::Value::Array(items) => Node::List(items.into_iter().map(convert).collect()),
            serde_json::Value::Object(map) => {
                Node::Map(map.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    match serde_json::from_str(text) {
        Ok(value) => convert(value),
        Err(error) => panic!("not JSON ({error}): {text}"),
    }
}
