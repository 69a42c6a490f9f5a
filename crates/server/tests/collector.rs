//! The collector end to end: starts the real `yardstick-serve` on a free
//! port of 127.0.0.1 (with `--max-lifetime-secs`, so it stops by itself)
//! and talks HTTP/1.1 to it over plain sockets: storing, duplicates,
//! refusals, body limits, chunked bodies, keep-alive, CORS, metrics and
//! static files.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::PathBuf;

use serde_json::{json, Value};

mod support;
use support::{batch, event, Server};

#[test]
fn stores_a_valid_batch_once() {
    let server = Server::memory();
    let events = batch(vec![
        event(1, 1, "w1", "calc_view", 0),
        event(2, 1, "w1", "calc_start", 0),
    ]);
    let first = server.post(&events);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.json(), json!({ "accepted": 2, "duplicates": 0 }));
    let again = server.post(&events);
    assert_eq!(again.json(), json!({ "accepted": 0, "duplicates": 2 }));
    let overlapping = server.post(&batch(vec![
        event(2, 1, "w1", "calc_start", 0),
        event(3, 1, "w1", "calc_result", 0),
    ]));
    assert_eq!(
        overlapping.json(),
        json!({ "accepted": 1, "duplicates": 1 })
    );
    assert_eq!(server.metrics("saas-roi")["events"], 3);
    assert_eq!(
        server.get("/api/engagement").json(),
        json!({ "calcs": [{ "calc_id": "saas-roi", "events": 3 }] })
    );
}

#[test]
fn a_batch_with_one_bad_event_stores_nothing() {
    let server = Server::memory();
    let mut bad = event(4, 1, "w1", "calc_engagement", 10);
    bad["totals"]["wall_ms"] = json!(1);
    let answer = server.post(&batch(vec![
        event(1, 1, "w1", "calc_view", 0),
        event(2, 1, "w1", "calc_start", 0),
        event(3, 1, "w1", "calc_result", 0),
        bad,
    ]));
    assert_eq!(answer.status, 400);
    let body = answer.json();
    assert_eq!(body["path"], "events[3].totals");
    let message = body["error"].as_str().unwrap();
    assert!(
        message.starts_with("events[3].totals: must satisfy"),
        "{message}"
    );
    assert_eq!(server.metrics("saas-roi")["events"], 0);
    assert_eq!(server.get("/api/engagement").json(), json!({ "calcs": [] }));

    let not_json = server.request(
        "POST",
        "/collect",
        &[("Content-Type", "text/plain")],
        b"{\"schema\":",
    );
    assert_eq!(not_json.status, 400);
    assert!(not_json.json()["error"]
        .as_str()
        .unwrap()
        .starts_with("body is not JSON"));
    let form = server.request(
        "POST",
        "/collect",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"a=1",
    );
    assert_eq!(form.status, 415);
}

#[test]
fn bodies_over_256_kib_are_refused() {
    let server = Server::memory();
    let big = vec![b' '; 256 * 1024 + 1];
    let answer = server.request("POST", "/collect", &[("Content-Type", "text/plain")], &big);
    assert_eq!(answer.status, 413);
    // Chunked: the limit holds for the decoded body too.
    let mut chunked = b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..65 {
        chunked.extend_from_slice(format!("{:x}\r\n", 4096).as_bytes());
        chunked.extend_from_slice(&[b' '; 4096]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let answers = server.raw(&server.host(&chunked));
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].status, 413);
    // Exactly the limit is read (and then refused as JSON, not as too large).
    let mut at_limit = batch(vec![event(1, 1, "w1", "calc_view", 0)])
        .to_string()
        .into_bytes();
    at_limit.resize(256 * 1024, b' ');
    let answer = server.request(
        "POST",
        "/collect",
        &[("Content-Type", "text/plain")],
        &at_limit,
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
}

#[test]
fn chunked_bodies_and_keep_alive_work() {
    let server = Server::memory();
    let body = batch(vec![event(1, 1, "w1", "calc_view", 0)]).to_string();
    let (first, second) = body.split_at(body.len() / 2);
    let mut request = b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for part in [first, second] {
        request.extend_from_slice(format!("{:X};ext=1\r\n{part}\r\n", part.len()).as_bytes());
    }
    request.extend_from_slice(b"0\r\nX-Trailer: yes\r\n\r\n");
    // A second request on the same connection, then one asking to close.
    request.extend_from_slice(b"GET /api/engagement?calc_id=saas-roi HTTP/1.1\r\nHost: x\r\n\r\n");
    request.extend_from_slice(
        b"GET /models/saas-roi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let answers = server.raw(&server.host(&request));
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0].status, 200, "{}", answers[0].text());
    assert_eq!(answers[0].json(), json!({ "accepted": 1, "duplicates": 0 }));
    assert_eq!(answers[1].json()["views"], 1);
    assert_eq!(answers[2].status, 200);
    assert_eq!(answers[2].header("Connection"), Some("close"));
}

#[test]
fn ambiguous_framing_is_refused() {
    let server = Server::memory();
    let both = server.raw(&server.host(b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    assert_eq!(both[0].status, 400);
    let conflicting = server.raw(&server.host(
        b"POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
    ));
    assert_eq!(conflicting[0].status, 400);
    let bad_chunk = server
        .raw(&server.host(
            b"POST /collect HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ));
    assert_eq!(bad_chunk[0].status, 400);
}

#[test]
fn origins_outside_the_allow_list_are_refused() {
    let server = Server::start(&[
        "--db",
        ":memory:",
        "--allow-origin",
        "https://shop.example.com/",
    ]);
    let body = batch(vec![event(1, 1, "w1", "calc_view", 0)]).to_string();
    let post = |origin: &str| {
        server.request(
            "POST",
            "/collect",
            &[("Content-Type", "text/plain"), ("Origin", origin)],
            body.as_bytes(),
        )
    };
    let refused = post("https://evil.example.com");
    assert_eq!(refused.status, 403);
    assert!(refused.json()["error"]
        .as_str()
        .unwrap()
        .contains("not allowed"));
    assert_eq!(refused.header("Access-Control-Allow-Origin"), None);
    assert_eq!(
        server.metrics("saas-roi")["events"],
        0,
        "a refused origin stores nothing"
    );

    let allowed = post("https://shop.example.com");
    assert_eq!(allowed.status, 200);
    assert_eq!(
        allowed.header("Access-Control-Allow-Origin"),
        Some("https://shop.example.com")
    );
    assert_eq!(allowed.header("Vary"), Some("Origin"));

    let own_origin = format!("http://{}", server.address);
    let own = post(&own_origin);
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["duplicates"], 1);

    let preflight = server.request(
        "OPTIONS",
        "/collect",
        &[
            ("Origin", "https://shop.example.com"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("Access-Control-Allow-Origin"),
        Some("https://shop.example.com")
    );
    assert_eq!(
        preflight.header("Access-Control-Allow-Headers"),
        Some("Content-Type")
    );
    let refused_preflight = server.request(
        "OPTIONS",
        "/collect",
        &[("Origin", "https://evil.example.com")],
        b"",
    );
    assert_eq!(refused_preflight.status, 403);
}

#[test]
fn metrics_of_a_small_scenario() {
    let server = Server::memory();
    // A: viewed, started, flushed 4,000 then 12,000, saw a result, left a lead.
    // B: viewed, started, flushed 3,000; an older flush of 2,000 arrives late, twice.
    // C: viewed only.
    let first = batch(vec![
        event(1, 1, "w1", "calc_view", 0),
        event(2, 1, "w1", "calc_start", 0),
        event(3, 1, "w1", "calc_engagement", 4_000),
        event(11, 1, "w2", "calc_view", 0),
        event(12, 1, "w2", "calc_start", 0),
        event(14, 1, "w2", "calc_engagement", 3_000),
    ]);
    let second = batch(vec![
        event(4, 1, "w1", "calc_result", 5_000),
        event(5, 1, "w1", "calc_engagement", 12_000),
        event(6, 1, "w1", "calc_lead", 12_000),
        event(13, 1, "w2", "calc_engagement", 2_000),
        event(21, 2, "w1", "calc_view", 0),
    ]);
    for body in [&first, &second, &second] {
        assert_eq!(server.post(body).status, 200);
    }
    let m = server.metrics("saas-roi");
    assert_eq!(
        (
            m["views"].clone(),
            m["starts"].clone(),
            m["results"].clone(),
            m["leads"].clone()
        ),
        (json!(3), json!(2), json!(1), json!(1))
    );
    assert_eq!(m["events"], 11);
    assert_eq!(m["engaged_rate"], 0);
    // Per instance maximum: 12,000 and 3,000. Median 7,500; p75 = 3,000 + 0.75 × 9,000.
    assert_eq!(
        m["interaction_ms"],
        json!({ "instances": 2, "median": 7500, "p75": 9750, "total": 15000 })
    );
    let funnel: Vec<(String, u64, f64)> = m["funnel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().to_string(),
                s["count"].as_u64().unwrap(),
                s["drop_off"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        funnel,
        vec![
            ("view".into(), 3, 0.0),
            ("start".into(), 2, 1.0 / 3.0),
            ("result".into(), 1, 0.5),
            ("lead".into(), 1, 0.0)
        ]
    );
    assert_eq!(m["calc_versions"], json!(["1.0.0"]));
    assert_eq!(m["first_occurred_at_ms"], 1_700_000_000_001u64);
    assert_eq!(m["last_occurred_at_ms"], 1_700_000_000_021u64);

    let unknown = server.metrics("no-such-calc");
    assert_eq!(unknown["views"], 0);
    assert_eq!(unknown["first_occurred_at_ms"], Value::Null);
    assert_eq!(server.get("/api/engagement?calc_id=bad%20id").status, 400);
}

#[test]
fn serves_models_and_refuses_path_escapes() {
    let server = Server::memory();
    let model = server.get("/models/saas-roi.json");
    assert_eq!(model.status, 200);
    assert_eq!(model.header("Content-Type"), Some("application/json"));
    assert_eq!(model.json()["id"], "saas-roi");
    for escape in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/models/../../Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
        "/models/..%2f..%2fCargo.toml",
    ] {
        assert_eq!(server.get(escape).status, 404, "{escape}");
    }
    assert_eq!(server.request("DELETE", "/", &[], b"").status, 405);
}

#[test]
fn a_database_file_keeps_events_across_restarts() {
    let folder: PathBuf =
        std::env::temp_dir().join(format!("yardstick-collector-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let db = folder.join("nested").join("events.sqlite");
    let db_arg = db.to_str().unwrap();
    {
        let server = Server::start(&["--db", db_arg]);
        assert_eq!(
            server
                .post(&batch(vec![event(1, 1, "w1", "calc_view", 0)]))
                .json()["accepted"],
            1
        );
    }
    let server = Server::start(&["--db", db_arg]);
    assert_eq!(
        server
            .post(&batch(vec![event(1, 1, "w1", "calc_view", 0)]))
            .json()["duplicates"],
        1
    );
    assert_eq!(server.metrics("saas-roi")["views"], 1);
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}
