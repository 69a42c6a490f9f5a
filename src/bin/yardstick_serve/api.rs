//! `GET /api/engagement`: one calculator's metrics (`?calc_id=ID`), computed
//! by the core's `engagement::metrics` from the stored events, or the list
//! of calculators with events. Shapes in docs/engagement.md.
//!
//! It reads the store and formats; it holds no metric logic of its own.

use yardstick::engagement::envelope::is_valid_id;
use yardstick::engagement::metrics::metrics;
use yardstick::model::document::{canonical_json, Node};

use crate::collect::Origins;
use crate::files::percent_decode;
use crate::http::{Request, Response};
use crate::store::Store;

/// Answers `GET /api/engagement[?calc_id=ID]`.
pub fn engagement(origins: &Origins, store: &Store, request: &Request) -> Response {
    let origin = match origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let (status, json) = answer(store, request.query());
    Origins::decorate(Response::json(status, json), origin.as_deref())
}

/// The status and JSON body for a query string (without `?`); blocking
/// (it reads the store). Independent of the HTTP stack.
pub fn answer(store: &Store, query: &str) -> (u16, String) {
    let failed = |status: u16, message: &str| {
        let body = Node::Map(vec![("error".into(), Node::Text(message.to_string()))]);
        (status, canonical_json(&body))
    };
    let calc_id = match query_value(query, "calc_id") {
        Err(message) => return failed(400, message),
        Ok(calc_id) => calc_id,
    };
    let result = match calc_id {
        Some(calc_id) if !is_valid_id(&calc_id) => {
            return failed(
                400,
                "calc_id must be 1 to 64 characters from A-Z a-z 0-9 . _ : -",
            )
        }
        Some(calc_id) => store
            .events_of(&calc_id)
            .map(|events| metrics(&events).to_node(&calc_id)),
        None => store.calcs().map(|calcs| {
            let list = calcs
                .into_iter()
                .map(|(calc_id, events)| {
                    Node::Map(vec![
                        ("calc_id".into(), Node::Text(calc_id)),
                        ("events".into(), Node::Number(events as f64)),
                    ])
                })
                .collect();
            Node::Map(vec![("calcs".into(), Node::List(list))])
        }),
    };
    match result {
        Ok(node) => (200, canonical_json(&node)),
        Err(err) => {
            eprintln!("yardstick-serve: {err}");
            failed(500, "the events could not be read")
        }
    }
}

/// The decoded value of `key` in a query string (`+` is a space), if present.
fn query_value(query: &str, key: &str) -> Result<Option<String>, &'static str> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| percent_decode(&text.replace('+', " "));
        if decode(name).as_deref() == Some(key) {
            return decode(value)
                .map(Some)
                .ok_or("the query has a malformed escape");
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_query_values() {
        assert_eq!(
            query_value("calc_id=saas-roi", "calc_id"),
            Ok(Some("saas-roi".into()))
        );
        assert_eq!(
            query_value("a=1&calc_id=x%2Ey", "calc_id"),
            Ok(Some("x.y".into()))
        );
        assert_eq!(query_value("a=1", "calc_id"), Ok(None));
        assert_eq!(query_value("", "calc_id"), Ok(None));
        assert!(query_value("calc_id=%zz", "calc_id").is_err());
    }
}
