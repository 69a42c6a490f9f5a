//! `GET /api/engagement`: one calculator's metrics (`?calc_id=ID`), a page
//! of every calculator's metrics (`?metrics=all[&limit=N][&after=ID]`, what
//! the dashboard reads in one request), or the list of calculators with
//! events. Shapes, limits and errors in docs/engagement.md.
//!
//! Also the site's small read-only routes (docs/engagement.md, "The site's
//! API"): `GET /api/site`, the origins this server allows, and
//! `GET /api/models`, the models it serves (listed by `models`).
//!
//! [`answer`] is framework-neutral: a query string in, a status and a JSON
//! body out. The figures come from the store's aggregates through the
//! core; it holds no metric logic of its own.

use yardstick_core::engagement::envelope::is_valid_id;
use yardstick_core::json::{canonical_json, Node};

use crate::collect::Origins;
use crate::files::percent_decode;
use crate::http::{Request, Response};
use crate::store::{CalcAnswer, Store, CALCS_PER_PAGE_MAX};

/// Calculators per page when `limit` is not given.
pub const CALCS_PER_PAGE_DEFAULT: usize = 200;

/// Answers `GET /api/engagement[?...]`.
pub fn engagement(origins: &Origins, store: &Store, request: &Request) -> Response {
    let origin = match origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    let (status, body) = answer(store, request.query());
    Origins::decorate(Response::json(status, body), origin.as_deref())
}

/// Answers a read-only site route with the JSON `body` (made only for a
/// request whose origin is allowed, with the CORS headers for it).
pub fn site(origins: &Origins, request: &Request, body: impl FnOnce() -> String) -> Response {
    match origins.check(request) {
        Ok(origin) => Origins::decorate(Response::json(200, body()), origin.as_deref()),
        Err(refused) => Origins::decorate(refused, None),
    }
}

/// The body of `GET /api/site`: the origins given with `--allow-origin` and
/// `--embed-origin` (already normalized). Every page's
/// Content-Security-Policy names them anyway, so this tells nothing new;
/// the embed page shows them to whoever copies a snippet.
pub fn site_body(allow_origins: &[String], embed_origins: &[String]) -> String {
    let list = |origins: &[String]| Node::List(origins.iter().cloned().map(Node::Text).collect());
    canonical_json(&Node::Map(vec![
        ("allow_origins".into(), list(allow_origins)),
        ("embed_origins".into(), list(embed_origins)),
    ]))
}

fn error(status: u16, message: &str) -> (u16, String) {
    let body = Node::Map(vec![("error".into(), Node::Text(message.to_string()))]);
    (status, canonical_json(&body))
}

const BAD_ID: &str = "must be 1 to 64 characters from A-Z a-z 0-9 . _ : -";

/// The status and JSON body for the query string `query` (without `?`).
/// Blocking (it reads the store).
pub fn answer(store: &Store, query: &str) -> (u16, String) {
    let value = |key| query_value(query, key);
    let (calc_id, all, limit, after) = match (
        value("calc_id"),
        value("metrics"),
        value("limit"),
        value("after"),
    ) {
        (Ok(calc_id), Ok(all), Ok(limit), Ok(after)) => (calc_id, all, limit, after),
        _ => return error(400, "the query has a malformed escape"),
    };
    let result = match (calc_id, all) {
        (Some(calc_id), _) if !is_valid_id(&calc_id) => {
            return error(400, &format!("calc_id {BAD_ID}"))
        }
        (Some(calc_id), _) => match store.metrics_of(&calc_id) {
            Ok(CalcAnswer::Metrics(metrics)) => Ok(metrics.to_node(&calc_id)),
            Ok(CalcAnswer::Unreadable(reason)) => {
                eprintln!("yardstick-serve: calculator {calc_id}: {reason}");
                return error(
                    500,
                    &format!("the metrics of {calc_id} cannot be read: {reason}"),
                );
            }
            Err(err) => Err(err),
        },
        (None, Some(all)) if all == "all" => {
            let limit = match limit.as_deref().map(str::parse::<usize>) {
                None => CALCS_PER_PAGE_DEFAULT,
                Some(Ok(n)) if (1..=CALCS_PER_PAGE_MAX).contains(&n) => n,
                Some(_) => {
                    return error(
                        400,
                        &format!("limit must be a whole number from 1 to {CALCS_PER_PAGE_MAX}"),
                    )
                }
            };
            if after.as_deref().is_some_and(|id| !is_valid_id(id)) {
                return error(400, &format!("after {BAD_ID}"));
            }
            store.metrics_page(after.as_deref(), limit).map(page_node)
        }
        (None, Some(_)) => return error(400, "metrics must be \"all\""),
        (None, None) => store.calcs().map(|calcs| {
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
            error(500, "the metrics could not be read")
        }
    }
}

/// `{"calcs": [metrics or {"calc_id", "error"}...], "next_after": ID | null}`.
fn page_node(page: crate::store::MetricsPage) -> Node {
    let calcs = page
        .calcs
        .into_iter()
        .map(|(calc_id, answer)| match answer {
            CalcAnswer::Metrics(metrics) => metrics.to_node(&calc_id),
            CalcAnswer::Unreadable(reason) => Node::Map(vec![
                ("calc_id".into(), Node::Text(calc_id)),
                ("error".into(), Node::Text(reason)),
            ]),
        })
        .collect();
    Node::Map(vec![
        ("calcs".into(), Node::List(calcs)),
        (
            "next_after".into(),
            page.next_after.map_or(Node::Null, Node::Text),
        ),
    ])
}

/// The decoded value of `key` in a query string (`+` is a space), if present.
pub fn query_value(query: &str, key: &str) -> Result<Option<String>, &'static str> {
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
