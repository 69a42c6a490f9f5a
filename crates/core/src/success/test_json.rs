//! JSON text into the core's tree for the success module's unit tests
//! (serde_json, which sorts object keys and keeps the last of a repeated
//! key; tests of repeated keys build their trees by hand), and a bare
//! account for the tests that build their data as rows.
#![cfg(test)]

use crate::json::Node;
use crate::success::data::Account;
use crate::success::date::Date;

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

/// An account with only an id (also its name), a contract from `start`
/// and a renewal a year later, in EUR with an annual value of 1.
pub fn bare_account(id: &str, start: Date) -> Account {
    Account {
        id: id.to_string(),
        name: id.to_string(),
        segment: None,
        owner: None,
        annual_value: 1.0,
        currency: "EUR".to_string(),
        contract_start: start,
        first_value: None,
        renewal: start.plus_months(12).unwrap_or(start),
        stage_override: None,
        case: None,
        domains: Vec::new(),
    }
}
