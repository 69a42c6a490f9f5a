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

use serde_json::{json, Value};

mod support;
use support::{temp_folder, uuid, Server};

/// The server on a file database in a fresh folder, which is removed once
/// the server has stopped when this is dropped, so a failing test leaves
/// nothing behind.
struct OnFile {
    server: Server,
    folder: std::path::PathBuf,
}

impl OnFile {
    fn start() -> OnFile {
        let folder = temp_folder("collector-metrics");
        let db = folder.join("metrics.sqlite");
        let server = Server::start(&["--db", db.to_str().unwrap()]);
        OnFile { server, folder }
    }
}

impl Drop for OnFile {
    fn drop(&mut self) {
        // Drop runs before the fields drop: stop the server first.
        let _ = self.server.child.kill();
        let _ = self.server.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
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
    let on_file = OnFile::start();
    let server = &on_file.server;
    let names = ["calc_view", "calc_start", "calc_engagement", "calc_result"];
    let events: Vec<Value> = (0..120)
        .map(|i| event(i, i % 5, names[(i % 4) as usize], u64::from(i) * 100))
        .collect();
    let answer = server.post(&json!({ "schema": "yardstick/events@1", "events": events }));
    assert_eq!(answer.status, 200, "{}", answer.text());

    let first = server.get_json("/api/engagement?metrics=all&limit=3");
    let calcs = first["calcs"].as_array().unwrap();
    assert_eq!(calcs.len(), 3);
    assert_eq!(first["next_after"], "calc-02");
    // Each entry is exactly the one-calculator answer.
    for entry in calcs {
        let calc_id = entry["calc_id"].as_str().unwrap();
        assert_eq!(
            entry,
            &server.get_json(&format!("/api/engagement?calc_id={calc_id}"))
        );
        assert_eq!(entry["events"], 24);
    }
    let rest = server.get_json("/api/engagement?metrics=all&after=calc-02");
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
        let answer = server.get(&format!("/api/engagement?{bad}"));
        assert_eq!(answer.status, 400, "{bad}: {}", answer.text());
    }
}
