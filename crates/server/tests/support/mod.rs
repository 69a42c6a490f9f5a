//! The collector's test harness, shared by the server test files (each
//! uses it with `mod support;`): starts the real `yardstick-serve` on a
//! free port of 127.0.0.1 (with `--max-lifetime-secs`, so it stops by
//! itself), talks HTTP/1.1 to it over plain sockets, parses the answers,
//! makes test events and gives each test a fresh temp folder; it reads
//! the repository's example models and documented settings, and the
//! value the core gives a saved case. It holds no tests and never talks
//! to anything but the server it started.
//! `YARDSTICK_SERVE` names another binary to test (an older build, to see
//! a new test fail against it).
#![allow(dead_code)]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

pub mod success;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};
use yardstick_core::cases::figures::case_figures;
use yardstick_core::cases::read::read_case;
use yardstick_json_text::node_from_json;

/// The server binary under test.
pub fn binary() -> String {
    std::env::var("YARDSTICK_SERVE")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_yardstick-serve").to_string())
}

/// A running server, killed when dropped.
pub struct Server {
    pub child: Child,
    pub address: String,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(binary())
            .args(["--port", "0", "--max-lifetime-secs", "120", "--root"])
            .arg(repository_root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        let address = first_line
            .trim()
            .strip_prefix("Yardstick serving http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line {first_line:?}"))
            .to_string();
        Server { child, address }
    }

    /// `request` with its `Host: x` line naming this server instead (the
    /// server answers only to its own names).
    pub fn host(&self, request: &[u8]) -> Vec<u8> {
        let text = String::from_utf8_lossy(request).into_owned();
        text.replace("Host: x\r\n", &format!("Host: {}\r\n", self.address))
            .into_bytes()
    }

    pub fn memory() -> Server {
        Server::start(&["--db", ":memory:"])
    }

    /// Sends raw request bytes on a new connection and reads every answer
    /// until the server closes it.
    pub fn raw(&self, request: &[u8]) -> Vec<Answer> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        // The server may answer and close before reading a refused body.
        let _ = stream.write_all(request);
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        parse_answers(&bytes)
    }

    pub fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Answer {
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.address
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        let mut answers = self.raw(&bytes);
        assert_eq!(answers.len(), 1, "one answer expected");
        answers.remove(0)
    }

    pub fn post(&self, batch: &Value) -> Answer {
        self.request(
            "POST",
            "/collect",
            &[("Content-Type", "text/plain;charset=UTF-8")],
            batch.to_string().as_bytes(),
        )
    }

    pub fn get(&self, target: &str) -> Answer {
        self.request("GET", target, &[], b"")
    }

    /// The JSON body of a GET of `target`, which must answer 200.
    pub fn get_json(&self, target: &str) -> Value {
        let answer = self.get(target);
        assert_eq!(answer.status, 200, "{target}: {}", answer.text());
        answer.json()
    }

    pub fn metrics(&self, calc_id: &str) -> Value {
        self.get_json(&format!("/api/engagement?calc_id={calc_id}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// Splits a byte stream into answers framed by Content-Length.
pub fn parse_answers(mut bytes: &[u8]) -> Vec<Answer> {
    let mut answers = Vec::new();
    while let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = std::str::from_utf8(&bytes[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (k, v) = line.split_once(':').unwrap();
                (k.to_string(), v.trim().to_string())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let body = bytes[end + 4..end + 4 + length].to_vec();
        bytes = &bytes[end + 4 + length..];
        if status != 100 {
            answers.push(Answer {
                status,
                headers,
                body,
            });
        }
    }
    answers
}

/// A UUID made from a number, so tests can name events.
pub fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

/// An event of instance `instance` on page view `page_view`.
pub fn event(id: u32, page_view: u32, instance: &str, name: &str, interaction_ms: u64) -> Value {
    json!({
        "event_id": uuid(id),
        "name": name,
        "sequence": id,
        "page_view_id": uuid(1_000_000 + page_view),
        "instance_id": instance,
        "calc_id": "saas-roi",
        "calc_version": "1.0.0",
        "occurred_at_ms": 1_700_000_000_000u64 + u64::from(id),
        "page_time_ms": 100 + id,
        "consent": "unknown",
        "totals": {
            "interaction_ms": interaction_ms,
            "in_view_ms": interaction_ms,
            "active_page_ms": interaction_ms + 100,
            "wall_ms": interaction_ms + 200
        }
    })
}

pub fn batch(events: Vec<Value>) -> Value {
    json!({ "schema": "yardstick/events@1", "events": events })
}

/// A fresh, empty folder under the system's temp directory for one test,
/// named after the test and this process (each test file is its own
/// process, so two files may use the same name).
pub fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("yardstick-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// The repository's root: the folder `Server::start` serves.
pub fn repository_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The text of the example model `examples/models/<file>`.
pub fn example_model_text(file: &str) -> String {
    std::fs::read_to_string(repository_root().join("examples/models").join(file)).unwrap()
}

/// The example model `examples/models/<file>` as JSON.
pub fn example_model(file: &str) -> Value {
    serde_json::from_str(&example_model_text(file)).unwrap()
}

/// Sends `body` as JSON: `method` on `target`.
pub fn send(server: &Server, method: &str, target: &str, body: &Value) -> Answer {
    server.request(
        method,
        target,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

/// The value the core gives the saved case `case` (the model's `leadValue`).
pub fn core_case_value(case: &Value) -> f64 {
    let document = read_case(&node_from_json(&case.to_string()).unwrap()).unwrap();
    case_figures(&document).unwrap().value.unwrap()
}

/// The settings example of docs/success.md (its first JSON block after
/// the settings heading), as text.
pub fn documented_settings_text() -> String {
    let docs = std::fs::read_to_string(repository_root().join("docs/success.md")).expect("docs");
    let section = docs
        .split("## The settings")
        .nth(1)
        .expect("a settings section");
    let block = section.split("```json").nth(1).expect("a JSON block");
    block
        .split("```")
        .next()
        .expect("a closed block")
        .to_string()
}
