//! HTTP/1.1 on one connection: request heads parsed by `httparse`, bodies
//! framed by `Content-Length` or `Transfer-Encoding: chunked` (RFC 9112
//! §6), keep-alive, `Expect: 100-continue`, and every limit: head size,
//! body size, per-read timeout and a deadline for each request.
//!
//! It knows nothing of routes: each complete request goes to a handler that
//! returns a [`Response`]. A request whose framing is refused (too large,
//! malformed, ambiguous) is answered and the connection closed, since the
//! next request's start can no longer be trusted.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Longest request head (request line and headers); longer is answered 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Most headers in one request.
const MAX_HEADERS: usize = 64;
/// Largest request body, decoded; larger is answered 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Longest chunk-size line (with extensions) or trailer line.
const MAX_CHUNK_LINE_BYTES: u64 = 1024;
/// A client that sends nothing for this long is dropped (also between requests).
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a single request may take to arrive, head and body.
const REQUEST_DEADLINE: Duration = Duration::from_secs(30);
/// After refusing a body, how much of it is read and dropped so that the
/// client sees the answer instead of a reset connection.
const MAX_LINGER_BYTES: u64 = 4 * 1024 * 1024;
const LINGER_TIMEOUT: Duration = Duration::from_secs(2);

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

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// Why a request could not be read; each becomes an answer and a close.
enum Refusal {
    /// The client went away or timed out: nothing to answer.
    Gone,
    Status(u16, &'static str),
}

impl From<io::Error> for Refusal {
    fn from(_: io::Error) -> Refusal {
        Refusal::Gone
    }
}

/// Serves requests on `stream` until the client closes, asks to close, or a
/// request is refused. `handle` answers each complete request.
pub fn serve_connection(
    stream: TcpStream,
    handle: &dyn Fn(&Request) -> Response,
) -> io::Result<()> {
    stream.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        reader.get_ref().set_read_timeout(Some(CLIENT_TIMEOUT))?;
        match reader.fill_buf() {
            Ok(buffered) if !buffered.is_empty() => {}
            // Closed, reset or idle too long between requests: a quiet end.
            _ => return Ok(()),
        }
        let deadline = Instant::now() + REQUEST_DEADLINE;
        match read_request(&mut reader, &mut writer, deadline) {
            Ok((request, keep_alive)) => {
                let response = handle(&request);
                write_response(&mut writer, &response, request.method == "HEAD", keep_alive)?;
                if !keep_alive {
                    return Ok(());
                }
            }
            Err(Refusal::Gone) => return Ok(()),
            Err(Refusal::Status(status, message)) => {
                let body = format!("{{\"error\":\"{message}\"}}");
                write_response(&mut writer, &Response::json(status, body), false, false)?;
                linger(reader);
                return Ok(());
            }
        }
    }
}

/// Reads one request: head, then body. Also says whether the connection may
/// stay open afterwards.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    writer: &mut TcpStream,
    deadline: Instant,
) -> Result<(Request, bool), Refusal> {
    let head = read_head(reader, deadline)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Refusal::Status(431, "too many request headers"))
        }
        _ => return Err(Refusal::Status(400, "malformed request head")),
    }
    let minor_version = parsed.version.unwrap_or(1);
    let mut request = Request {
        method: parsed.method.unwrap_or("").to_string(),
        target: parsed.path.unwrap_or("").to_string(),
        headers: Vec::with_capacity(parsed.headers.len()),
        body: Vec::new(),
    };
    for header in parsed.headers.iter() {
        let value = std::str::from_utf8(header.value)
            .map_err(|_| Refusal::Status(400, "header values must be UTF-8"))?;
        request
            .headers
            .push((header.name.to_string(), value.to_string()));
    }
    let connection = request
        .header("Connection")
        .unwrap_or("")
        .to_ascii_lowercase();
    let keep_alive = if minor_version == 0 {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    request.body = read_body(reader, writer, &request, deadline)?;
    Ok((request, keep_alive))
}

/// The head's bytes up to and including the blank line.
fn read_head(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<Vec<u8>, Refusal> {
    let mut head = Vec::new();
    loop {
        before_read(reader, deadline)?;
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Err(Refusal::Gone);
        }
        let searched_from = head.len().saturating_sub(3);
        let taken = available.len().min(MAX_HEAD_BYTES + 1 - head.len());
        head.extend_from_slice(available.get(..taken).unwrap_or(available));
        let end = head
            .get(searched_from..)
            .and_then(|tail| tail.windows(4).position(|w| w == b"\r\n\r\n"))
            .map(|at| searched_from + at + 4);
        match end {
            Some(end) => {
                reader.consume(taken - (head.len() - end));
                head.truncate(end);
                return Ok(head);
            }
            None if head.len() > MAX_HEAD_BYTES => {
                return Err(Refusal::Status(431, "request head too large"))
            }
            None => reader.consume(taken),
        }
    }
}

/// The decoded body, framed as RFC 9112 §6.3 says for requests.
fn read_body(
    reader: &mut BufReader<TcpStream>,
    writer: &mut TcpStream,
    request: &Request,
    deadline: Instant,
) -> Result<Vec<u8>, Refusal> {
    let lengths: Vec<&str> = request
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .collect();
    let chunked = match request.header("Transfer-Encoding") {
        None => false,
        Some(_) if !lengths.is_empty() => {
            return Err(Refusal::Status(
                400,
                "both Content-Length and Transfer-Encoding",
            ))
        }
        Some(coding) if coding.eq_ignore_ascii_case("chunked") => true,
        Some(_) => {
            return Err(Refusal::Status(
                501,
                "only chunked transfer coding is supported",
            ))
        }
    };
    let length = match lengths.split_first() {
        None => None,
        Some((first, rest)) => {
            let valid = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
            if !valid || rest.iter().any(|other| other != first) {
                return Err(Refusal::Status(400, "invalid Content-Length"));
            }
            // All digits; too many of them is simply too large.
            Some(first.parse::<u64>().unwrap_or(u64::MAX))
        }
    };
    if length.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(Refusal::Status(413, "request body larger than 256 KiB"));
    }
    if !chunked && length.unwrap_or(0) == 0 {
        return Ok(Vec::new());
    }
    let expects_continue = request
        .header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"));
    if expects_continue {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    match length {
        Some(n) => read_exact_body(reader, n as usize, deadline),
        None => read_chunked_body(reader, deadline),
    }
}

fn read_exact_body(
    reader: &mut BufReader<TcpStream>,
    length: usize,
    deadline: Instant,
) -> Result<Vec<u8>, Refusal> {
    let mut body = Vec::with_capacity(length);
    while body.len() < length {
        before_read(reader, deadline)?;
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Err(Refusal::Gone);
        }
        let taken = available.len().min(length - body.len());
        body.extend_from_slice(available.get(..taken).unwrap_or(available));
        reader.consume(taken);
    }
    Ok(body)
}

fn read_chunked_body(
    reader: &mut BufReader<TcpStream>,
    deadline: Instant,
) -> Result<Vec<u8>, Refusal> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader, deadline)?;
        let size = match httparse::parse_chunk_size(&line) {
            Ok(httparse::Status::Complete((_, size))) => size,
            _ => return Err(Refusal::Status(400, "malformed chunk size")),
        };
        if size == 0 {
            break;
        }
        if size > (MAX_BODY_BYTES - body.len()) as u64 {
            return Err(Refusal::Status(413, "request body larger than 256 KiB"));
        }
        let chunk = read_exact_body(reader, size as usize, deadline)?;
        body.extend_from_slice(&chunk);
        if read_line(reader, deadline)? != b"\r\n" {
            return Err(Refusal::Status(400, "chunk not followed by CRLF"));
        }
    }
    // Trailer fields are read and ignored, up to the blank line.
    let mut trailer_bytes = 0;
    loop {
        let line = read_line(reader, deadline)?;
        trailer_bytes += line.len();
        if line == b"\r\n" || line == b"\n" {
            return Ok(body);
        }
        if trailer_bytes > MAX_HEAD_BYTES {
            return Err(Refusal::Status(431, "chunked trailer too large"));
        }
    }
}

/// One line including its `\n`, at most [`MAX_CHUNK_LINE_BYTES`].
fn read_line(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<Vec<u8>, Refusal> {
    before_read(reader, deadline)?;
    let mut line = Vec::new();
    reader
        .by_ref()
        .take(MAX_CHUNK_LINE_BYTES)
        .read_until(b'\n', &mut line)?;
    if line.last() != Some(&b'\n') {
        return Err(Refusal::Status(400, "malformed chunked body"));
    }
    Ok(line)
}

/// Shortens the read timeout so no read outlasts the request's deadline.
fn before_read(reader: &BufReader<TcpStream>, deadline: Instant) -> Result<(), Refusal> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Refusal::Status(408, "request took too long to arrive"));
    }
    reader
        .get_ref()
        .set_read_timeout(Some(left.min(CLIENT_TIMEOUT)))?;
    Ok(())
}

fn write_response(
    writer: &mut TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    if !head_only {
        writer.write_all(&response.body)?;
    }
    writer.flush()
}

/// Closes our side, then reads and drops what the client is still sending
/// (bounded in bytes and time), so it reads the answer before the close.
fn linger(mut reader: BufReader<TcpStream>) {
    let _ = reader.get_ref().shutdown(Shutdown::Write);
    let _ = reader.get_ref().set_read_timeout(Some(LINGER_TIMEOUT));
    let _ = io::copy(&mut reader.by_ref().take(MAX_LINGER_BYTES), &mut io::sink());
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
