//! The collector's metrics API end to end: the real `yardstick-serve` with
//! a file database, on a free port of 127.0.0.1 (stopping by itself), over
//! plain HTTP/1.1: a page of every calculator's metrics in one request, its
//! paging and bounds, and the same figures as the one-calculator answer.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

struct Server {
    child: Child,
    address: String,
    db: std::path::PathBuf,
}

impl Server {
    fn start() -> Server {
        let db = std::env::temp_dir().join(format!(
            "yardstick-collector-metrics-{}.sqlite",
            std::process::id()
        ));
        let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick-serve"))
            .args(["--port", "0", "--max-lifetime-secs", "120", "--db"])
            .arg(&db)
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
        Server { child, address, db }
    }

    /// One request on its own connection: the status and the body.
    fn request(&self, method: &str, target: &str, body: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_string())
    }

    fn json(&self, target: &str) -> Value {
        let (status, body) = self.request("GET", target, "");
        assert_eq!(status, 200, "{target}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.db.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
}

fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

fn event(id: u32, calc: u32, name: &str, interaction_ms: u64) -> Value {
    json!({
        "event_id": uuid(id),
        "name": name,
        "sequence": id,
        "page_view_id": uuid(1_000_000 + id / 4),
        "instance_id": "w1",
        "calc_id": format!("calc-{calc:02}"),
        "calc_version": "1.0.0",
        "occurred_at_ms": 1_700_000_000_000u64 + u64::from(id),
        "page_time_ms": 100,
        "consent": "unknown",
        "totals": {
            "interaction_ms": interaction_ms,
            "in_view_ms": interaction_ms,
            "active_page_ms": interaction_ms,
            "wall_ms": interaction_ms
        }
    })
}

#[test]
fn one_request_answers_a_page_of_every_calculators_metrics() {
    let server = Server::start();
    let names = ["calc_view", "calc_start", "calc_engagement", "calc_result"];
    let events: Vec<Value> = (0..120)
        .map(|i| event(i, i % 5, names[(i % 4) as usize], u64::from(i) * 100))
        .collect();
    let body = json!({ "schema": "yardstick/events@1", "events": events }).to_string();
    let (status, answer) = server.request("POST", "/collect", &body);
    assert_eq!(status, 200, "{answer}");

    let first = server.json("/api/engagement?metrics=all&limit=3");
    let calcs = first["calcs"].as_array().unwrap();
    assert_eq!(calcs.len(), 3);
    assert_eq!(first["next_after"], "calc-02");
    // Each entry is exactly the one-calculator answer.
    for entry in calcs {
        let calc_id = entry["calc_id"].as_str().unwrap();
        assert_eq!(
            entry,
            &server.json(&format!("/api/engagement?calc_id={calc_id}"))
        );
        assert_eq!(entry["events"], 24);
    }
    let rest = server.json("/api/engagement?metrics=all&after=calc-02");
    let ids: Vec<&str> = rest["calcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["calc_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["calc-03", "calc-04"]);
    assert_eq!(rest["next_after"], Value::Null);

    for bad in [
        "metrics=all&limit=0",
        "metrics=all&limit=1001",
        "metrics=all&limit=x",
        "metrics=all&after=bad%20id",
        "metrics=some",
    ] {
        let (status, body) = server.request("GET", &format!("/api/engagement?{bad}"), "");
        assert_eq!(status, 400, "{bad}: {body}");
    }
}
