//! The saved cases API over real sockets (docs/cases.md): create, revise,
//! a save over a newer revision refused with 409 and nothing lost, every
//! refusal naming its path and storing nothing, 413 past the body limit,
//! 415, 405 with Allow, 403 for foreign origins, duplicate, compare, step
//! moves as revisions, and the pipeline's counts and values equal to what
//! the core computes from the same inputs.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::{core_case_value as core_value, example_model, send, Server};

fn model() -> Value {
    example_model("business-case-5y.json")
}

fn case(customer: &str, step: &str, implementation_cost: u32, fit: u32) -> Value {
    json!({
        "schema": "yardstick/case@1",
        "title": format!("{customer} rollout"),
        "customer": {"id": customer, "name": format!("{customer} Inc")},
        "model": {"id": "business-case-5y", "version": "1.0.0", "document": model()},
        "inputs": {"implementation_cost": implementation_cost},
        "sources": {"implementation_cost": {"by": "CFO", "basis": "customer data"}},
        "settings": {"strategicFit": fit},
        "step": step,
        "author": "Ada"
    })
}

#[test]
fn save_revise_and_a_conflict_that_loses_nothing() {
    let server = Server::memory();
    let first = case("acme", "business_review", 140_000, 4);
    let created = send(&server, "POST", "/api/cases", &first);
    assert_eq!(created.status, 201, "{}", created.text());
    let body = created.json();
    assert_eq!(
        (body["id"].as_i64(), body["revision"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(created.header("Location"), Some("/api/cases/1"));
    assert_eq!(body["figures"]["value"].as_f64(), Some(core_value(&first)));
    assert_eq!(body["figures"]["valueSource"], "leadValue");

    let mut mine = first.clone();
    mine["inputs"]["implementation_cost"] = json!(150_000);
    let saved = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 1, "case": mine}),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["revision"], 2);

    // A second tab still on revision 1 saves: refused, with what changed.
    let mut theirs = first.clone();
    theirs["title"] = json!("Stale");
    let refused = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 1, "case": theirs}),
    );
    assert_eq!(refused.status, 409, "{}", refused.text());
    let conflict = refused.json();
    assert_eq!(conflict["currentRevision"], 2);
    assert_eq!(conflict["baseRevision"], 1);
    assert_eq!(
        conflict["changes"]["inputs"],
        json!([{"key": "implementation_cost", "change": "changed", "before": 140000, "after": 150000}])
    );
    let latest = server.get_json("/api/cases/1");
    assert_eq!(latest["revision"], 2);
    assert_eq!(latest["case"]["title"], "acme rollout");
    assert_eq!(latest["case"]["inputs"]["implementation_cost"], 150_000);
    assert_eq!(latest["figures"]["value"].as_f64(), Some(core_value(&mine)));

    let revisions = server.get_json("/api/cases/1/revisions")["revisions"].clone();
    assert_eq!(revisions.as_array().unwrap().len(), 2);
    assert_eq!(revisions[1]["author"], "Ada");
    assert_eq!(revisions[1]["changes"]["inputs"], 1);
    assert!(
        revisions[1]["savedAtMs"].as_f64().unwrap() >= revisions[0]["savedAtMs"].as_f64().unwrap()
    );
    let old = server.get_json("/api/cases/1/revisions/1");
    assert_eq!(old["case"]["inputs"]["implementation_cost"], 140_000);
    assert_eq!(old["latestRevision"], 2);
    let compared = server.get_json("/api/cases/1/compare?from=1&to=2");
    assert_eq!(compared["changes"]["inputs"][0]["after"], 150_000);
    assert_eq!(server.get("/api/cases/1/revisions/9").status, 404);
    assert_eq!(server.get("/api/cases/7").status, 404);
    assert_eq!(server.get("/api/cases/abc").status, 404);
    assert_eq!(server.get("/api/cases/1/compare?from=1").status, 400);
}

#[test]
fn refusals_name_the_path_and_store_nothing() {
    let server = Server::memory();
    let mut bad = case("acme", "business_review", 140_000, 4);
    bad["inputs"]["nope"] = json!(1);
    bad["inputs"]["discount_rate"] = json!(0.9);
    bad["settings"]["strategicFit"] = json!(9);
    let answer = send(&server, "POST", "/api/cases", &bad);
    assert_eq!(answer.status, 400);
    let body = answer.json();
    assert_eq!(body["path"], "settings.strategicFit");
    let mut good = case("acme", "business_review", 140_000, 4);
    good["inputs"]["nope"] = json!(1);
    good["inputs"]["discount_rate"] = json!(0.9);
    let answer = send(&server, "POST", "/api/cases", &good);
    assert_eq!(answer.status, 400);
    let paths: Vec<Value> = answer.json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].clone())
        .collect();
    assert_eq!(paths, [json!("inputs.discount_rate"), json!("inputs.nope")]);
    // Inside a PUT, the paths name the field in the body sent.
    let created = send(
        &server,
        "POST",
        "/api/cases",
        &case("acme", "business_review", 1, 4),
    );
    assert_eq!(created.status, 201);
    let answer = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 1, "case": good}),
    );
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["path"], "case.inputs.discount_rate");
    let answer = send(&server, "PUT", "/api/cases/1", &json!({"case": good}));
    assert_eq!(answer.json()["path"], "baseRevision");
    let answer = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 1, "case": case("a", "b", 1, 1), "x": 1}),
    );
    assert_eq!(answer.json()["path"], "x");
    let answer = send(&server, "POST", "/api/cases", &json!([1]));
    assert_eq!(answer.status, 400);
    let answer = server.request(
        "POST",
        "/api/cases",
        &[("Content-Type", "application/json")],
        b"{",
    );
    assert_eq!(answer.status, 400);
    let answer = server.request(
        "POST",
        "/api/cases",
        &[("Content-Type", "text/plain")],
        b"{}",
    );
    assert_eq!(answer.status, 415);
    let answer = server.request("POST", "/api/cases", &[], b"{}");
    assert_eq!(answer.status, 415);
    // Past the body limit: 413.
    let mut huge = case("acme", "business_review", 140_000, 4);
    huge["sources"]["implementation_cost"]["note"] = json!("x".repeat(300 * 1024));
    assert_eq!(send(&server, "POST", "/api/cases", &huge).status, 413);
    let answer = server.request("DELETE", "/api/cases/1", &[], b"");
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("Allow"), Some("GET, HEAD, PUT, OPTIONS"));
    let answer = server.request("PUT", "/api/cases", &[], b"");
    assert_eq!(answer.header("Allow"), Some("GET, HEAD, POST, OPTIONS"));
    assert_eq!(
        server.request("POST", "/api/pipeline", &[], b"").status,
        405
    );
    // Nothing of the refused requests was stored.
    let list = server.get_json("/api/cases");
    assert_eq!(list["cases"].as_array().unwrap().len(), 1);
    assert_eq!(server.get_json("/api/cases/1")["revision"], 1);
}

#[test]
fn only_the_servers_own_and_allowed_origins_may_write() {
    let server = Server::start(&["--db", ":memory:", "--allow-origin", "https://crm.example"]);
    let body = case("acme", "business_review", 140_000, 4).to_string();
    let post = |origin: &str| {
        server.request(
            "POST",
            "/api/cases",
            &[("Content-Type", "application/json"), ("Origin", origin)],
            body.as_bytes(),
        )
    };
    assert_eq!(post("https://evil.example").status, 403);
    let own = format!("http://{}", server.address);
    let answer = post(&own);
    assert_eq!(answer.status, 201);
    assert_eq!(
        answer.header("Access-Control-Allow-Origin"),
        Some(own.as_str())
    );
    assert_eq!(post("https://crm.example").status, 201);
    let preflight = server.request(
        "OPTIONS",
        "/api/cases/1",
        &[
            ("Origin", "https://crm.example"),
            ("Access-Control-Request-Method", "PUT"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert!(preflight
        .header("Access-Control-Allow-Methods")
        .unwrap()
        .contains("PUT"));
    let foreign_get = server.request(
        "GET",
        "/api/pipeline",
        &[("Origin", "https://evil.example")],
        b"",
    );
    assert_eq!(foreign_get.status, 403);
    assert_eq!(
        server.get_json("/api/cases")["cases"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn duplicate_and_step_moves_are_revisions() {
    let server = Server::memory();
    assert_eq!(
        send(
            &server,
            "POST",
            "/api/cases",
            &case("acme", "high_level_case", 140_000, 4)
        )
        .status,
        201
    );
    let moved = send(
        &server,
        "POST",
        "/api/cases/1/step",
        &json!({"baseRevision": 1, "step": "projects_review", "author": "Bob"}),
    );
    assert_eq!(moved.status, 200, "{}", moved.text());
    assert_eq!(moved.json()["revision"], 2);
    let stale = send(
        &server,
        "POST",
        "/api/cases/1/step",
        &json!({"baseRevision": 1, "step": "decision", "author": "Bob"}),
    );
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["currentRevision"], 2);
    let ahead = send(
        &server,
        "POST",
        "/api/cases/1/step",
        &json!({"baseRevision": 5, "step": "decision", "author": "Bob"}),
    );
    assert_eq!(ahead.status, 409);
    let bad = send(
        &server,
        "POST",
        "/api/cases/1/step",
        &json!({"baseRevision": 2, "step": "won", "author": "Bob"}),
    );
    assert_eq!(bad.json()["path"], "step");
    let revisions = server.get_json("/api/cases/1/revisions")["revisions"].clone();
    assert_eq!(revisions[1]["author"], "Bob");
    assert_eq!(revisions[1]["changes"]["fields"], json!(["step"]));
    let copy = server.request("POST", "/api/cases/1/duplicate", &[], b"");
    assert_eq!(copy.status, 201, "{}", copy.text());
    assert_eq!(
        (copy.json()["id"].as_i64(), copy.json()["revision"].as_i64()),
        (Some(2), Some(1))
    );
    let copied = server.get_json("/api/cases/2");
    assert_eq!(copied["case"]["title"], "acme rollout (copy)");
    assert_eq!(copied["case"]["step"], "projects_review");
    let named = send(
        &server,
        "POST",
        "/api/cases/1/duplicate",
        &json!({"title": "Plan B", "author": "Cy", "revision": 1}),
    );
    assert_eq!(named.status, 201);
    let copied = server.get_json("/api/cases/3");
    assert_eq!(copied["case"]["title"], "Plan B");
    assert_eq!(copied["case"]["step"], "high_level_case");
    assert_eq!(copied["author"], "Cy");
    assert_eq!(
        server
            .request("POST", "/api/cases/9/duplicate", &[], b"")
            .status,
        404
    );
}

#[test]
fn the_pipeline_counts_and_values_are_the_cores() {
    let server = Server::memory();
    // (customer, step, implementation cost, strategic fit): fit 4 makes the
    // default inputs a positive high-level case, fit 1 does not; a cost of
    // 2,000,000 makes the NPV negative.
    let plan = [
        ("acme", "business_review", 140_000, 4),
        ("acme", "high_level_case", 140_000, 4),
        ("acme", "projects_review", 140_000, 1),
        ("globex", "decision", 140_000, 4),
        ("globex", "high_level_case", 2_000_000, 4),
    ];
    let mut values = Vec::new();
    for (customer, step, cost, fit) in plan {
        let body = case(customer, step, cost, fit);
        assert_eq!(send(&server, "POST", "/api/cases", &body).status, 201);
        values.push(core_value(&body).max(0.0));
    }
    let all = server.get_json("/api/pipeline");
    let usd = &all["currencies"][0];
    assert_eq!(usd["currency"], "USD");
    let counts: Vec<i64> = usd["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_i64().unwrap())
        .collect();
    // Business review: all 5. High-level case: 2 (positive), 3 (reached
    // projects review without one, implied) and 4; 5 waits at the gate
    // with a negative case. Projects review: 3 and 4. Detailed case: 4 is
    // implied by its decision (fit 4 without a risk estimate is not a
    // positive detailed case). Decision: 4.
    assert_eq!(counts, [5, 3, 2, 1, 1, 0]);
    let stage_value = |index: usize| usd["stages"][index]["value"].as_f64().unwrap();
    let sum = |ids: &[usize]| ids.iter().map(|&i| values[i]).sum::<f64>();
    assert!((stage_value(0) - sum(&[0, 1, 2, 3, 4])).abs() < 1e-6);
    assert!((stage_value(1) - sum(&[1, 2, 3])).abs() < 1e-6);
    assert_eq!(usd["stages"][1]["withoutPositiveCase"], 1);
    assert_eq!(usd["stages"][3]["withoutPositiveCase"], 1);
    assert_eq!(
        usd["stages"][1]["conversionFromPrevious"].as_f64(),
        Some(0.6)
    );
    let at_step: Vec<i64> = usd["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["atStep"].as_i64().unwrap())
        .collect();
    assert_eq!(at_step, [1, 2, 1, 0, 1, 0]);
    assert_eq!(all["stalled"], json!([]));
    let globex = server.get_json("/api/pipeline?customer=globex&stalledAfterDays=0");
    let counts: Vec<i64> = globex["currencies"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [2, 1, 1, 1, 1, 0]);
    assert_eq!(globex["stalledAfterDays"], 0);
    assert_eq!(server.get("/api/pipeline?stalledAfterDays=-1").status, 400);
    assert_eq!(server.get("/api/pipeline?customer=a%20b").status, 400);
    let listed = server.get_json("/api/cases?customer=acme&step=high_level_case");
    assert_eq!(listed["cases"].as_array().unwrap().len(), 1);
    assert_eq!(listed["cases"][0]["verdict"], "positive");
    assert_eq!(server.get("/api/cases?step=won").status, 400);
    let page = server.get_json("/api/cases?limit=2");
    assert_eq!(page["cases"].as_array().unwrap().len(), 2);
    assert_eq!(page["more"], true);
    assert_eq!(server.get_json("/api/cases?limit=5")["more"], false);
    assert_eq!(server.get("/api/cases?limit=0").status, 400);
}
