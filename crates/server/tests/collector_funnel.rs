//! Page events and the Develop funnel end to end: the real
//! `yardstick-serve` on a free port of 127.0.0.1 (stopping by itself), over
//! plain HTTP/1.1: page-event batches accepted, idempotent and refused with
//! the path of the first problem; the funnel of a scripted set of visits
//! (page events and widget events sharing page view ids) exact, the same
//! whatever the order, split and duplicates; the query's 400s; and the CSV
//! export's quoting and spreadsheet-safe cells.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use serde_json::{json, Value};

mod support;
use support::{uuid, Server};

/// 2026-11-01T00:00:00Z.
const DAY0_MS: u64 = 1_793_491_200_000;
const HOUR_MS: u64 = 3_600_000;
const RANGE: &str = "from=2026-11-01&to=2026-11-03";

fn page_batch(events: Vec<Value>) -> Value {
    json!({ "schema": "yardstick/page-events@1", "events": events })
}

/// A page event of page view `view` at `day` (0, 1, 2) and `hour`.
fn page_event(id: u32, view: u32, sequence: u32, name: &str, day: u64, page: Value) -> Value {
    json!({
        "event_id": uuid(id),
        "name": name,
        "sequence": sequence,
        "page_view_id": uuid(1_000 + view),
        "occurred_at_ms": DAY0_MS + day * 24 * HOUR_MS + 9 * HOUR_MS + u64::from(sequence),
        "page_time_ms": 10 * sequence,
        "consent": "unknown",
        "page": page,
        "totals": { "engaged_ms": 0, "active_page_ms": 0, "wall_ms": 0, "scroll_percent": 0 }
    })
}

fn with(mut event: Value, fields: Value) -> Value {
    for (key, value) in fields.as_object().unwrap() {
        event[key] = value.clone();
    }
    event
}

fn calc_event(id: u32, view: u32, name: &str) -> Value {
    json!({
        "event_id": uuid(id),
        "name": name,
        "sequence": 50 + id % 10,
        "page_view_id": uuid(1_000 + view),
        "instance_id": "w1",
        "calc_id": "saas-roi",
        "calc_version": "1.0.0",
        "occurred_at_ms": DAY0_MS,
        "page_time_ms": 100,
        "consent": "unknown",
        "totals": { "interaction_ms": 0, "in_view_ms": 0, "active_page_ms": 0, "wall_ms": 0 }
    })
}

/// Visitor A (consent granted, id `v-a`) read /pricing for 12 s, from
/// news.example in the "=cmd" campaign, and came back the next day to use
/// the calculator on /roi; without consent, B downloaded a PDF from
/// /pricing, C read /blog for 3 s (campaign `spring, "sale"`) and D came
/// from partner.example to /roi, used the calculator and sent a lead. A
/// lead from a page without the snippet counts nowhere.
fn visits() -> (Vec<Value>, Vec<Value>) {
    let granted = json!({ "consent": "granted", "visitor_id": "v-a" });
    let pricing =
        json!({ "path": "/pricing", "referrer_host": "news.example", "utm_campaign": "=cmd" });
    let page_events = vec![
        with(
            page_event(1, 1, 0, "page_view", 0, pricing.clone()),
            granted.clone(),
        ),
        with(
            page_event(2, 1, 1, "page_engagement", 0, pricing),
            json!({ "consent": "granted", "visitor_id": "v-a",
                    "totals": { "engaged_ms": 12_000, "active_page_ms": 15_000, "wall_ms": 20_000, "scroll_percent": 75 } }),
        ),
        with(
            page_event(3, 2, 0, "page_view", 1, json!({ "path": "/roi" })),
            json!({ "consent": "granted", "visitor_id": "v-a", "returning": true }),
        ),
        page_event(4, 3, 0, "page_view", 0, json!({ "path": "/pricing" })),
        with(
            page_event(5, 3, 1, "page_download", 0, json!({ "path": "/pricing" })),
            json!({ "target": { "path": "/files/a.pdf", "extension": "pdf" } }),
        ),
        with(
            page_event(
                6,
                4,
                0,
                "page_engagement",
                1,
                json!({ "path": "/blog", "utm_campaign": "spring, \"sale\"" }),
            ),
            json!({ "totals": { "engaged_ms": 3_000, "active_page_ms": 3_000, "wall_ms": 4_000, "scroll_percent": 20 } }),
        ),
        page_event(
            7,
            5,
            0,
            "page_view",
            2,
            json!({ "path": "/roi", "referrer_host": "partner.example" }),
        ),
        with(
            page_event(
                8,
                5,
                1,
                "page_outbound",
                2,
                json!({ "path": "/roi", "referrer_host": "partner.example" }),
            ),
            json!({ "target": { "host": "partner.example" } }),
        ),
    ];
    let calc_events = vec![
        calc_event(100, 2, "calc_view"),
        calc_event(101, 2, "calc_start"),
        calc_event(102, 5, "calc_start"),
        calc_event(103, 5, "calc_lead"),
        calc_event(104, 9, "calc_lead"),
    ];
    (page_events, calc_events)
}

fn row(value: Value, kind: &str, counts: [u64; 4]) -> Value {
    json!({ "value": value, "kind": kind, "visitors": counts[0], "interested": counts[1],
            "interacting": counts[2], "leads": counts[3], "lead_value": 0,
            "lead_currency": null })
}

fn expected_funnel() -> Value {
    let day = |day: &str, counts: [u64; 4]| {
        json!({ "day": day, "visitors": counts[0], "interested": counts[1],
                "interacting": counts[2], "leads": counts[3], "lead_value": 0,
            "lead_currency": null })
    };
    json!({
        "from": "2026-11-01", "to": "2026-11-03", "days": 3, "engaged_s": 10,
        "steps": [
            { "step": "visitors", "count": 4, "of_previous": 1, "of_visitors": 1 },
            { "step": "interested", "count": 3, "of_previous": 0.75, "of_visitors": 0.75 },
            { "step": "interacting", "count": 2, "of_previous": 2.0 / 3.0, "of_visitors": 0.5 },
            { "step": "leads", "count": 1, "of_previous": 0.5, "of_visitors": 0.25 }
        ],
        "lead_value": 0,
        "lead_currency": null,
        "totals": { "page_views": 5, "downloads": 1, "video_plays": 0, "outbound_clicks": 1, "returning_visitors": 1 },
        "daily": [ day("2026-11-01", [2, 2, 0, 0]), day("2026-11-02", [2, 1, 1, 0]), day("2026-11-03", [1, 1, 1, 1]) ],
        "pages": [
            row(json!("/pricing"), "value", [2, 2, 0, 0]),
            row(json!("/roi"), "value", [2, 2, 2, 1]),
            row(json!("/blog"), "value", [1, 0, 0, 0]),
        ],
        "referrers": [
            row(Value::Null, "none", [3, 2, 1, 0]),
            row(json!("news.example"), "value", [1, 1, 0, 0]),
            row(json!("partner.example"), "value", [1, 1, 1, 1]),
        ],
        "campaigns": [
            row(Value::Null, "none", [3, 3, 2, 1]),
            row(json!("=cmd"), "value", [1, 1, 0, 0]),
            row(json!("spring, \"sale\""), "value", [1, 0, 0, 0]),
        ]
    })
}

fn post_ok(server: &Server, batch: &Value) -> Value {
    let answer = server.post(batch);
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

#[test]
fn the_funnel_of_scripted_visits_is_exact_in_any_order() {
    let (page_events, calc_events) = visits();
    let server = Server::memory();
    assert_eq!(
        post_ok(&server, &page_batch(page_events.clone())),
        json!({ "accepted": 8, "duplicates": 0 })
    );
    assert_eq!(
        post_ok(&server, &page_batch(page_events.clone())),
        json!({ "accepted": 0, "duplicates": 8 })
    );
    post_ok(
        &server,
        &json!({ "schema": "yardstick/events@1", "events": calc_events.clone() }),
    );
    let answer = server.get_json(&format!("/api/funnel?{RANGE}"));
    assert_eq!(answer, expected_funnel());

    // Reversed, one event per batch, each twice, widget events first: the
    // same figures (labels are keyed in arrival order, so ties may order
    // differently; the rows are compared as sets).
    let reordered = Server::memory();
    let mut everything: Vec<(bool, Value)> = calc_events
        .iter()
        .cloned()
        .map(|e| (false, e))
        .chain(page_events.into_iter().rev().map(|e| (true, e)))
        .collect();
    everything.extend(everything.clone());
    for (is_page, event) in everything {
        let batch = if is_page {
            page_batch(vec![event])
        } else {
            json!({ "schema": "yardstick/events@1", "events": [event] })
        };
        post_ok(&reordered, &batch);
    }
    let again = reordered.get_json(&format!("/api/funnel?{RANGE}"));
    for key in ["steps", "daily", "totals", "lead_value"] {
        assert_eq!(again[key], answer[key], "{key}");
    }
    for key in ["pages", "referrers", "campaigns"] {
        let mut rows = again[key].as_array().unwrap().clone();
        let mut first = answer[key].as_array().unwrap().clone();
        rows.sort_by_key(|r| r.to_string());
        first.sort_by_key(|r| r.to_string());
        assert_eq!(rows, first, "{key}");
    }

    // A lower threshold makes C's 3 s interest.
    let low = server.get_json(&format!("/api/funnel?{RANGE}&engaged_s=3"));
    assert_eq!(low["steps"][1]["count"], 4);
    assert_eq!(low["engaged_s"], 3);
}

#[test]
fn bad_page_batches_are_refused_with_the_path_and_store_nothing() {
    let server = Server::memory();
    let (page_events, _) = visits();
    let mut events = page_events[..3].to_vec();
    events[2]["page"]["path"] = json!("/roi?email=someone@example.com");
    let answer = server.post(&page_batch(events));
    assert_eq!(answer.status, 400);
    let body = answer.json();
    assert_eq!(body["path"], "events[2].page.path");
    assert!(
        body["error"].as_str().unwrap().contains("without ? or #"),
        "{body}"
    );
    // Nothing of the batch was stored: the first two events are new.
    assert_eq!(
        post_ok(&server, &page_batch(page_events[..2].to_vec())),
        json!({ "accepted": 2, "duplicates": 0 })
    );
    let answer = server.post(&json!({ "schema": "yardstick/page-events@2", "events": [] }));
    assert_eq!(answer.status, 400);
    assert!(
        answer.text().contains("yardstick/page-events@1"),
        "{}",
        answer.text()
    );
    let mut visitor_without_consent = page_events[0].clone();
    visitor_without_consent["consent"] = json!("denied");
    let answer = server.post(&page_batch(vec![visitor_without_consent]));
    assert_eq!(answer.json()["path"], "events[0].visitor_id");
}

#[test]
fn funnel_queries_outside_the_rules_are_400_with_a_reason() {
    let server = Server::memory();
    let defaults = server.get_json("/api/funnel");
    assert_eq!(defaults["days"], 30);
    assert_eq!(defaults["engaged_s"], 10);
    assert_eq!(defaults["daily"].as_array().unwrap().len(), 30);
    for (query, reason) in [
        ("from=2026-11-05&to=2026-11-01", "must not be after"),
        ("from=2025-01-01&to=2026-01-02", "at most 366 days"),
        ("from=2026-02-30", "from must be a date"),
        ("to=tomorrow", "to must be a date"),
        ("engaged_s=0", "engaged_s must be"),
        ("engaged_s=601", "engaged_s must be"),
        ("engaged_s=1.5", "engaged_s must be"),
        ("from=%zz", "malformed escape"),
    ] {
        let answer = server.get(&format!("/api/funnel?{query}"));
        assert_eq!(answer.status, 400, "{query}");
        assert!(
            answer.json()["error"].as_str().unwrap().contains(reason),
            "{query}: {}",
            answer.text()
        );
        let csv = server.get(&format!("/api/funnel.csv?table=daily&{query}"));
        assert_eq!(csv.status, 400, "{query}");
    }
    for table in ["", "table=", "table=visitors"] {
        let answer = server.get(&format!("/api/funnel.csv?{table}"));
        assert_eq!(answer.status, 400, "{table}");
        assert!(answer
            .text()
            .contains("funnel, daily, pages, referrers or campaigns"));
    }
    let refused = server.request(
        "GET",
        "/api/funnel",
        &[("Origin", "https://evil.example")],
        b"",
    );
    assert_eq!(refused.status, 403);
    let posted = server.request("POST", "/api/funnel", &[], b"");
    assert_eq!(posted.status, 405);
}

#[test]
fn csv_tables_are_quoted_and_safe_in_a_spreadsheet() {
    let server = Server::memory();
    let (page_events, calc_events) = visits();
    post_ok(&server, &page_batch(page_events));
    post_ok(
        &server,
        &json!({ "schema": "yardstick/events@1", "events": calc_events }),
    );
    let answer = server.get(&format!("/api/funnel.csv?table=campaigns&{RANGE}"));
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("Content-Type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        answer.header("Content-Disposition"),
        Some("attachment; filename=\"funnel-campaigns-2026-11-01-2026-11-03.csv\"")
    );
    assert_eq!(
        answer.text(),
        "utm_campaign,visitors,interested,interacting,leads,lead_value,lead_currency\r\n\
         (none),3,3,2,1,0,\r\n\
         '=cmd,1,1,0,0,0,\r\n\
         \"spring, \"\"sale\"\"\",1,0,0,0,0,\r\n"
    );
    let funnel = server
        .get(&format!("/api/funnel.csv?table=funnel&{RANGE}"))
        .text();
    assert_eq!(
        funnel,
        "step,count,of_previous,of_visitors\r\nvisitors,4,1,1\r\ninterested,3,0.75,0.75\r\n\
         interacting,2,0.6666666666666666,0.5\r\nleads,1,0.5,0.25\r\nlead_value,0,,\r\nlead_currency,,,\r\n"
    );
    let daily = server
        .get(&format!("/api/funnel.csv?table=daily&{RANGE}"))
        .text();
    assert!(daily.ends_with("2026-11-03,1,1,1,1,0,\r\n"), "{daily}");
    let referrers = server
        .get(&format!("/api/funnel.csv?table=referrers&{RANGE}"))
        .text();
    assert!(
        referrers.contains("\r\n(direct),3,2,1,0,0,\r\n"),
        "{referrers}"
    );
    let pages = server
        .get(&format!("/api/funnel.csv?table=pages&{RANGE}"))
        .text();
    assert!(pages.starts_with("path,visitors,"), "{pages}");
}
