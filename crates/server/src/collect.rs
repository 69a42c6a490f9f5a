//! `POST /collect` and the origin policy of the collector's routes.
//!
//! The policy: a request without `Origin` (curl, server-to-server) is
//! allowed; so is the server's own origin and each `--allow-origin`. An
//! allowed request with an `Origin` gets `Access-Control-Allow-Origin` with
//! that origin; a refused one gets 403 and is not processed. The body is
//! read into the core's `Node`, checked by the core (all or nothing:
//! `engagement::page_envelope::read_any_batch` reads widget events or page
//! events by the batch's schema tag) and stored in one transaction. It computes no metrics.

use std::time::{SystemTime, UNIX_EPOCH};

use yardstick_core::engagement::page_envelope::{read_any_batch, Batch};
use yardstick_core::json::{canonical_json, Node};
use yardstick_json_text::node_from_json;

use crate::http::{Request, Response};
use crate::store::Store;

/// Origins allowed to call the collector's routes.
pub struct Origins {
    allowed: Vec<String>,
}

impl Origins {
    /// The server's own origins (`127.0.0.1` and `localhost` on `port`)
    /// plus `extra`, each already checked by [`normalize_origin`].
    pub fn new(port: u16, extra: Vec<String>) -> Origins {
        let mut allowed = vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ];
        allowed.extend(extra);
        Origins { allowed }
    }

    /// `Ok(Some(origin))` for an allowed cross-origin request, `Ok(None)`
    /// without an `Origin` header, `Err(403 answer)` otherwise.
    pub fn check(&self, request: &Request) -> Result<Option<String>, Response> {
        let Some(origin) = request.header("Origin") else {
            return Ok(None);
        };
        if self.allowed.iter().any(|allowed| allowed == origin) {
            Ok(Some(origin.to_string()))
        } else {
            Err(error(
                403,
                &format!("origin {} is not allowed", short(origin)),
            ))
        }
    }

    /// Adds the CORS headers for `origin` (from [`Origins::check`]).
    pub fn decorate(response: Response, origin: Option<&str>) -> Response {
        let response = response.with_header("Vary", "Origin");
        match origin {
            Some(origin) => response.with_header("Access-Control-Allow-Origin", origin),
            None => response,
        }
    }
}

/// An origin option's value as browsers send origins
/// (`https://host[:port]`, lowercase, no path), or why it is not one.
/// `flag` names the option in the message.
pub fn normalize_origin(flag: &str, text: &str) -> Result<String, String> {
    let lower = text.trim().to_ascii_lowercase();
    let (scheme, rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme).map(|rest| (scheme, rest)))
        .ok_or_else(|| format!("{flag} {text}: must start with http:// or https://"))?;
    let rest = rest.trim_end_matches('/');
    let origin = format!("{scheme}{rest}");
    if rest.is_empty() || rest.starts_with(':') {
        return Err(format!(
            "{flag} {text}: the host is missing (write scheme://host[:port])"
        ));
    }
    let plain = rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if plain {
        Ok(origin)
    } else {
        Err(format!(
            "{flag} {text}: must be scheme://host[:port] with no path, query or user"
        ))
    }
}

/// Answers the CORS preflight for `/collect` and `/api/leads` (senders of
/// `application/json`).
pub fn preflight(origins: &Origins, request: &Request) -> Response {
    match origins.check(request) {
        Err(refused) => Origins::decorate(refused, None),
        Ok(origin) => Origins::decorate(
            Response::new(204, "text/plain", Vec::new())
                .with_header("Allow", "POST, OPTIONS")
                .with_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .with_header("Access-Control-Allow-Headers", "Content-Type")
                .with_header("Access-Control-Max-Age", "600"),
            origin.as_deref(),
        ),
    }
}

/// `POST /collect`: checks the origin, the content type and the batch,
/// then stores it.
pub fn collect(origins: &Origins, store: &Store, request: &Request) -> Response {
    let origin = match origins.check(request) {
        Ok(origin) => origin,
        Err(refused) => return Origins::decorate(refused, None),
    };
    Origins::decorate(accept(store, request), origin.as_deref())
}

/// The 415 answer for a body that is neither `text/plain` nor
/// `application/json` (parameters such as `charset` allowed; no
/// `Content-Type` at all is accepted, as curl sends).
pub fn media_type_problem(request: &Request) -> Option<Response> {
    let media_type = request.header("Content-Type").map(|value| {
        value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    })?;
    (media_type != "text/plain" && media_type != "application/json").then(|| {
        error(
            415,
            &format!(
                "Content-Type must be text/plain or application/json, not {}",
                short(&media_type)
            ),
        )
    })
}

fn accept(store: &Store, request: &Request) -> Response {
    if let Some(refused) = media_type_problem(request) {
        return refused;
    }
    let Ok(text) = std::str::from_utf8(&request.body) else {
        return error(400, "body is not UTF-8");
    };
    let node = match node_from_json(text) {
        Ok(node) => node,
        Err(err) => return error(400, &format!("body is not JSON: {err}")),
    };
    let batch = match read_any_batch(&node) {
        Ok(batch) => batch,
        Err(err) => {
            let body = Node::Map(vec![
                ("error".into(), Node::Text(err.to_string())),
                ("path".into(), Node::Text(err.path().to_string())),
            ]);
            return Response::json(400, canonical_json(&body));
        }
    };
    let stored = match &batch {
        Batch::Calc(events) => store.insert_batch(events, now_ms()),
        Batch::Page(events) => store.insert_page_batch(events, now_ms()),
    };
    match stored {
        Ok(stored) => Response::json(
            200,
            canonical_json(&Node::Map(vec![
                ("accepted".into(), Node::Number(stored.accepted as f64)),
                ("duplicates".into(), Node::Number(stored.duplicates as f64)),
            ])),
        ),
        Err(err) => {
            eprintln!("yardstick-serve: {err}");
            error(500, "the events could not be stored")
        }
    }
}

/// `{"error": message}` with `status`.
pub fn error(status: u16, message: &str) -> Response {
    Response::error(status, message)
}

/// The server's clock in epoch milliseconds: when a batch was received,
/// and today for the funnel's default range.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// At most 100 characters of client input, for messages.
fn short(text: &str) -> String {
    text.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_and_checked() {
        let normalize = |text: &str| normalize_origin("--allow-origin", text);
        assert_eq!(
            normalize("HTTPS://Shop.Example.com:8443/").as_deref(),
            Ok("https://shop.example.com:8443")
        );
        assert!(normalize("shop.example.com").is_err());
        assert!(normalize("https://shop.example.com/path").is_err());
        assert!(normalize("https://user@shop.example.com").is_err());
        for hostless in ["https://", "http:///", "https://:8443"] {
            let message = normalize(hostless).err().unwrap_or_default();
            assert!(message.contains("host is missing"), "{hostless}: {message}");
        }
    }
}
