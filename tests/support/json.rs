//! JSON text to the core's document tree, for native tests and examples
//! (the browser hands the engine JavaScript objects instead).

use yardstick::model::Node;

/// Parses JSON text into a [`Node`].
pub fn node_from_json(text: &str) -> Result<Node, serde_json::Error> {
    Ok(convert(serde_json::from_str(text)?))
}

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
