//! HTTP/1.1 on hyper and tokio: the accept loop, the limits every request
//! meets before a route sees it, and the plain [`Request`] / [`Response`]
//! the routes work with.
//!
//! hyper frames requests (Content-Length, chunked, keep-alive,
//! `Expect: 100-continue`) and closes a connection whose head does not
//! arrive within [`CLIENT_TIMEOUT`], which also ends idle keep-alive
//! connections. Connections are tasks, not threads, so thousands of slow or
//! idle clients cost memory, never another client's turn. Here, before any
//! route: the `Host` check, the transfer-coding check, and the body read
//! under its size limit and deadlines (408 and 413 are JSON answers).
//!
//! Routes are blocking code (SQLite, files): each request's route runs on
//! tokio's blocking pool, never on the threads that serve connections. It
//! knows nothing of routes themselves.

use std::convert::Infallible;
use std::io;
use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use yardstick_core::json::{canonical_json, Node};

use crate::hosts::Hosts;
use crate::stall::Stall;

/// Longest request head (request line and headers); longer is answered 431.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Most headers in one request; more is answered 431.
const MAX_HEADERS: usize = 64;
/// Largest request body, decoded; larger is answered 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Largest success import body (`/api/success/import...`): a nightly CSV
/// export of a few thousand accounts' daily signals runs to tens of MiB
/// (100 accounts x 365 days x 20 metrics is about 30 MiB of rows), and the
/// body is held whole in memory once, so 64 MiB bounds a request's memory
/// while fitting a year of a mid-sized portfolio.
pub const MAX_IMPORT_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The body limit of a request path.
fn body_limit(path: &str) -> usize {
    if path.starts_with("/api/success/import") {
        MAX_IMPORT_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    }
}
/// A request head must arrive within this (counted from its first byte's
/// turn, so it is also how long an idle keep-alive connection stays open).
/// hyper then closes the connection without an answer. A client that reads
/// nothing of an answer for this long is dropped too (`stall.rs`).
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);
/// A body that sends nothing for [`CLIENT_TIMEOUT`], or is not complete
/// this long after its head, is answered 408.
const BODY_DEADLINE: Duration = Duration::from_secs(30);
/// Connections served at once. Far above what a browser or a proxy opens;
/// beyond it, new connections wait in the listen queue (they are not
/// refused), and timeouts above bound how long any slot is held idle.
const MAX_CONNECTIONS: usize = 8192;
/// After refusing a body that is still arriving, how much of it is read and
/// dropped (and for how long), so the client reads the answer instead of a
/// reset connection.
const MAX_DRAIN_BYTES: usize = 4 * 1024 * 1024;
const DRAIN_DEADLINE: Duration = Duration::from_secs(2);

/// One request with its decoded body.
pub struct Request {
    pub method: String,
    /// The request target as sent (`/api/engagement?calc_id=x`).
    pub target: String,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header named `name` (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("")
    }

    /// The query, without `?` (empty when there is none).
    pub fn query(&self) -> &str {
        let before_fragment = self.target.split('#').next().unwrap_or("");
        before_fragment.split_once('?').map_or("", |(_, q)| q)
    }
}

/// An answer: status, extra headers and body.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// A JSON answer.
    pub fn json(status: u16, body: String) -> Response {
        Response::new(status, "application/json", body.into_bytes())
    }

    /// `{"error": message}` with `status`.
    pub fn error(status: u16, message: &str) -> Response {
        let body = Node::Map(vec![("error".into(), Node::Text(message.to_string()))]);
        Response::json(status, canonical_json(&body))
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// What answers a complete request (blocking code; see the module doc).
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// What every connection shares.
struct Site {
    hosts: Hosts,
    handler: Box<Handler>,
}

/// Serves `listener` until the process ends. Errors only if the runtime or
/// the listener cannot be set up.
pub fn run(listener: StdListener, hosts: Hosts, handler: Box<Handler>) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let site = Arc::new(Site { hosts, handler });
    runtime.block_on(accept(listener, site))
}

async fn accept(listener: StdListener, site: Arc<Site>) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = TcpListener::from_std(listener)?;
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a little rather than spin.
                eprintln!("yardstick-serve: accept: {err}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Answers are small and complete when written: send them at once
        // rather than wait for the client's delayed ACK (Nagle).
        let _ = stream.set_nodelay(true);
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let site = Arc::clone(&site);
                async move { Ok::<_, Infallible>(handle(&site, request).await) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(CLIENT_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .max_headers(MAX_HEADERS)
                .serve_connection(TokioIo::new(Stall::new(stream, CLIENT_TIMEOUT)), service);
            // Timeouts and resets end connections; nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// One request: the checks, the body, then the route on the blocking pool.
async fn handle(
    site: &Arc<Site>,
    request: hyper::Request<Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let head_only = parts.method == Method::HEAD;
    let answer = match admit(&site.hosts, &parts) {
        Err(refused) => Answer::close(refused),
        Ok(headers) => match read_body(&parts, body).await {
            Err(refused) => Answer::close(refused),
            Ok(body) => {
                let request = Request {
                    method: parts.method.as_str().to_string(),
                    target: parts
                        .uri
                        .path_and_query()
                        .map_or("/", |target| target.as_str())
                        .to_string(),
                    headers,
                    body,
                };
                let client_closes = request
                    .header("Connection")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("close"));
                let site = Arc::clone(site);
                let response = tokio::task::spawn_blocking(move || (site.handler)(&request))
                    .await
                    .unwrap_or_else(|_| Response::error(500, "the request could not be answered"));
                Answer {
                    response,
                    close: client_closes,
                }
            }
        },
    };
    answer.into_hyper(head_only)
}

/// A response, and whether the connection ends after it.
struct Answer {
    response: Response,
    close: bool,
}

impl Answer {
    fn close(response: Response) -> Answer {
        Answer {
            response,
            close: true,
        }
    }

    fn into_hyper(self, head_only: bool) -> hyper::Response<Full<Bytes>> {
        let Answer { response, close } = self;
        let mut out = hyper::Response::new(Full::new(Bytes::new()));
        *out.status_mut() = hyper::StatusCode::from_u16(response.status)
            .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = out.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(response.content_type),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
        for (name, value) in response.headers {
            // Values are the server's own (paths, origins already checked);
            // one that cannot be a header value is left out.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&value),
            ) {
                headers.append(name, value);
            }
        }
        if close {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        let length = response.body.len();
        if head_only {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        } else if response.status != 304 {
            *out.body_mut() = Full::new(Bytes::from(response.body));
        }
        out
    }
}

/// The checks on a request head: its `Host`, its transfer coding, its
/// header values. Returns the headers as text.
fn admit(hosts: &Hosts, parts: &Parts) -> Result<Vec<(String, String)>, Response> {
    let mut host_values = parts.headers.get_all(header::HOST).iter();
    let host = match (host_values.next(), host_values.next()) {
        (Some(host), None) => Some(host),
        (Some(_), Some(_)) => return Err(Response::error(400, "more than one Host header")),
        (None, _) => None,
    };
    match host {
        None if parts.version == Version::HTTP_11 => {
            return Err(Response::error(400, "HTTP/1.1 requests need a Host header"))
        }
        None => {}
        Some(host) => {
            let named = host.to_str().is_ok_and(|host| hosts.allows(host));
            let authority_named = parts
                .uri
                .authority()
                .map_or(true, |authority| hosts.allows(authority.as_str()));
            if !named || !authority_named {
                return Err(Response::error(
                    421,
                    "this server does not answer to that Host name",
                ));
            }
        }
    }
    let codings: Vec<String> = parts
        .headers
        .get_all(header::TRANSFER_ENCODING)
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("?").split(','))
        .map(|coding| coding.trim().to_ascii_lowercase())
        .collect();
    match codings.as_slice() {
        [] => {}
        [only] if only == "chunked" => {}
        _ if codings.iter().filter(|c| *c == "chunked").count() > 1 => {
            return Err(Response::error(400, "Transfer-Encoding repeats chunked"))
        }
        _ => {
            return Err(Response::error(
                501,
                "only chunked transfer coding is supported",
            ))
        }
    }
    parts
        .headers
        .iter()
        .map(
            |(name, value)| match std::str::from_utf8(value.as_bytes()) {
                Ok(value) => Ok((name.as_str().to_string(), value.to_string())),
                Err(_) => Err(Response::error(400, "header values must be UTF-8")),
            },
        )
        .collect()
}

/// The decoded body, within its path's limit ([`MAX_BODY_BYTES`], or
/// [`MAX_IMPORT_BODY_BYTES`] for imports) and the deadlines.
async fn read_body(parts: &Parts, mut body: Incoming) -> Result<Vec<u8>, Response> {
    if body.is_end_stream() {
        return Ok(Vec::new());
    }
    let limit = body_limit(parts.uri.path());
    let too_large = || {
        let message = if limit == MAX_BODY_BYTES {
            "request body larger than 256 KiB"
        } else {
            "import body larger than 64 MiB"
        };
        Response::error(413, message)
    };
    let expects_continue = parts.headers.contains_key(header::EXPECT);
    if body
        .size_hint()
        .exact()
        .is_some_and(|length| length > limit as u64)
    {
        // A client waiting for 100 Continue sends nothing more: no drain.
        if !expects_continue {
            drain(body).await;
        }
        return Err(too_large());
    }
    let deadline = Instant::now() + BODY_DEADLINE;
    let mut bytes = Vec::new();
    loop {
        let wait = deadline
            .saturating_duration_since(Instant::now())
            .min(CLIENT_TIMEOUT);
        match tokio::time::timeout(wait, body.frame()).await {
            Err(_) => {
                return Err(Response::error(
                    408,
                    "the request body took too long to arrive",
                ))
            }
            Ok(None) => return Ok(bytes),
            Ok(Some(Err(_))) => return Err(Response::error(400, "malformed request body")),
            Ok(Some(Ok(frame))) => {
                // Trailer frames are ignored.
                if let Ok(data) = frame.into_data() {
                    if bytes.len() + data.len() > limit {
                        drain(body).await;
                        return Err(too_large());
                    }
                    bytes.extend_from_slice(&data);
                }
            }
        }
    }
}

/// Reads and drops what is left of a refused body, bounded in bytes and time.
async fn drain(mut body: Incoming) {
    let deadline = Instant::now() + DRAIN_DEADLINE;
    let mut dropped = 0;
    while dropped < MAX_DRAIN_BYTES {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                dropped += frame.data_ref().map_or(0, Bytes::len);
            }
            _ => return,
        }
    }
}
