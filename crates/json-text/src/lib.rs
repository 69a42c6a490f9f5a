//! JSON text into the core's document tree ([`Node`]), for native code only:
//! the collector's request bodies and stored events, model files in tests
//! and examples. The browser hands the engine JavaScript objects instead
//! (`crates/wasm/src/document.rs`), so this crate and `serde_json` are never
//! built for wasm, and the core itself never depends on `serde_json`.
//!
//! It parses text it is given; it never reads files. Depth is bounded by
//! `serde_json` (128 levels); size is bounded by whoever supplies the text.

use yardstick_core::json::Node;

/// Parses JSON text into a [`Node`]. Object entries keep no duplicate keys
/// (the last one wins, as in `JSON.parse`); numbers are `f64`.
pub fn node_from_json(text: &str) -> Result<Node, serde_json::Error> {
    Ok(node_from_value(serde_json::from_str(text)?))
}

/// Converts a parsed `serde_json` value into a [`Node`].
pub fn node_from_value(value: serde_json::Value) -> Node {
    match value {
        serde_json::Value::Null => Node::Null,
        serde_json::Value::Bool(b) => Node::Bool(b),
        // Without serde_json's arbitrary_precision every number has an f64 form.
        serde_json::Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Node::Text(s),
        serde_json::Value::Array(items) => {
            Node::List(items.into_iter().map(node_from_value).collect())
        }
        serde_json::Value::Object(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (k, node_from_value(v)))
                .collect(),
        ),
    }
}
