//! Dropping and reopening saved cases over real sockets (docs/cases.md):
//! both are revisions whose summary names `dropped`, refusals name their
//! path and store nothing, a dropped case keeps its step, and the pipeline
//! counts a dropped case as reached up to the last stage it passed,
//! dropped there (count and value), never open, at its step or stalled;
//! reopened, it is open again.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::{core_case_value as core_value, example_model, send, Server};

fn case(step: &str, fit: u32) -> Value {
    let model = example_model("business-case-5y.json");
    json!({
        "schema": "yardstick/case@1",
        "title": format!("acme {step}"),
        "customer": {"id": "acme", "name": "Acme Inc"},
        "model": {"id": "business-case-5y", "version": "1.0.0", "document": model},
        "inputs": {"implementation_cost": 140000},
        "settings": {"strategicFit": fit},
        "step": step,
        "author": "Ada"
    })
}

/// A stage field of the pipeline's only currency, stage by stage.
fn per_stage(pipeline: &Value, field: &str) -> Vec<f64> {
    pipeline["currencies"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|stage| stage[field].as_f64().unwrap())
        .collect()
}

fn revision_count(server: &Server, id: u32) -> usize {
    server.get_json(&format!("/api/cases/{id}/revisions"))["revisions"]
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_drop_is_a_revision_and_every_refusal_stores_nothing() {
    let server = Server::memory();
    let body = case("projects_review", 4);
    assert_eq!(send(&server, "POST", "/api/cases", &body).status, 201);
    let dropped = send(
        &server,
        "POST",
        "/api/cases/1/drop",
        &json!({"baseRevision": 1, "reason": "  Chose a competitor ", "author": "Bob"}),
    );
    assert_eq!(dropped.status, 200, "{}", dropped.text());
    assert_eq!(dropped.json()["revision"], 2);
    let latest = server.get_json("/api/cases/1");
    assert_eq!(
        latest["case"]["dropped"],
        json!({"reason": "Chose a competitor"})
    );
    assert_eq!(latest["case"]["step"], "projects_review");
    assert_eq!(latest["author"], "Bob");
    assert_eq!(latest["changes"]["fields"], json!(["dropped"]));
    let revisions = server.get_json("/api/cases/1/revisions")["revisions"].clone();
    assert_eq!(revisions[0]["dropped"], Value::Null);
    assert_eq!(revisions[1]["dropped"]["reason"], "Chose a competitor");
    let compared = server.get_json("/api/cases/1/compare?from=1&to=2");
    assert_eq!(
        compared["changes"]["fields"],
        json!([{"key": "dropped", "change": "added", "before": null,
                "after": {"reason": "Chose a competitor"}}])
    );
    let listed = server.get_json("/api/cases");
    assert_eq!(
        listed["cases"][0]["dropped"],
        json!({"reason": "Chose a competitor"})
    );

    let long = "x".repeat(501);
    let mut moved = latest["case"].clone();
    moved["step"] = json!("decision");
    let mut empty_reason = latest["case"].clone();
    empty_reason["dropped"] = json!({});
    let refusals = [
        (
            "/api/cases/1/drop",
            json!({"baseRevision": 2, "author": "Bob"}),
            400,
            "reason",
        ),
        (
            "/api/cases/1/drop",
            json!({"baseRevision": 2, "reason": long, "author": "Bob"}),
            400,
            "reason",
        ),
        (
            "/api/cases/1/drop",
            json!({"baseRevision": 2, "reason": 3, "author": "Bob"}),
            400,
            "reason",
        ),
        (
            "/api/cases/1/drop",
            json!({"baseRevision": 2, "reason": "Lost"}),
            400,
            "author",
        ),
        (
            "/api/cases/1/drop",
            json!({"baseRevision": 2, "reason": "Lost", "author": "Bob", "at": 1}),
            400,
            "at",
        ),
        (
            "/api/cases/1/step",
            json!({"baseRevision": 2, "step": "decision", "author": "Bob"}),
            400,
            "step",
        ),
        (
            "/api/cases/1/reopen",
            json!({"baseRevision": 2}),
            400,
            "author",
        ),
    ];
    for (target, request, status, path) in refusals {
        let answer = send(&server, "POST", target, &request);
        assert_eq!(
            answer.status,
            status,
            "{target} {request}: {}",
            answer.text()
        );
        assert_eq!(answer.json()["path"], path, "{target} {request}");
    }
    let put = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 2, "case": moved}),
    );
    assert_eq!(put.status, 400, "{}", put.text());
    assert_eq!(put.json()["path"], "case.step");
    let put = send(
        &server,
        "PUT",
        "/api/cases/1",
        &json!({"baseRevision": 2, "case": empty_reason}),
    );
    assert_eq!(put.json()["path"], "case.dropped.reason");
    let stale = send(
        &server,
        "POST",
        "/api/cases/1/drop",
        &json!({"baseRevision": 1, "reason": "Lost", "author": "Bob"}),
    );
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["currentRevision"], 2);
    assert_eq!(revision_count(&server, 1), 2, "nothing refused was stored");
    let wrong_method = server.get("/api/cases/1/drop");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("Allow"), Some("POST, OPTIONS"));
    assert_eq!(
        send(
            &server,
            "POST",
            "/api/cases/7/drop",
            &json!({"baseRevision": 1, "reason": "Lost", "author": "Bob"})
        )
        .status,
        404
    );

    // A copy is a new project: open.
    assert_eq!(
        server
            .request("POST", "/api/cases/1/duplicate", &[], b"")
            .status,
        201
    );
    assert!(server.get_json("/api/cases/2")["case"]
        .get("dropped")
        .is_none());
}

#[test]
fn the_pipeline_counts_a_dropped_case_where_it_stopped_until_it_is_reopened() {
    let server = Server::memory();
    // 1: at projects review, positive; 2: at business review; 3: at the
    // high-level case without a positive one (fit 1), so it has passed the
    // business review only.
    let bodies = [
        case("projects_review", 4),
        case("business_review", 4),
        case("high_level_case", 1),
    ];
    for body in &bodies {
        assert_eq!(send(&server, "POST", "/api/cases", body).status, 201);
    }
    let values: Vec<f64> = bodies.iter().map(|b| core_value(b).max(0.0)).collect();
    for (id, reason) in [(1, "Chose a competitor"), (3, "No budget")] {
        let answer = send(
            &server,
            "POST",
            &format!("/api/cases/{id}/drop"),
            &json!({"baseRevision": 1, "reason": reason, "author": "Bob"}),
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
    }
    let pipeline = server.get_json("/api/pipeline?stalledAfterDays=0");
    assert_eq!(
        per_stage(&pipeline, "count"),
        [3.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(per_stage(&pipeline, "open"), [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(
        per_stage(&pipeline, "dropped"),
        [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    );
    let dropped_value = per_stage(&pipeline, "droppedValue");
    assert!((dropped_value[0] - values[2]).abs() < 1e-6);
    assert!((dropped_value[2] - values[0]).abs() < 1e-6);
    assert_eq!(
        per_stage(&pipeline, "atStep"),
        [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    let conversion = pipeline["currencies"][0]["stages"][1]["conversionFromPrevious"]
        .as_f64()
        .unwrap();
    assert!((conversion - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(pipeline["dropped"], json!([1, 3]));
    let stalled = pipeline["stalled"].as_array().unwrap();
    assert!(!stalled.contains(&json!(1)) && !stalled.contains(&json!(3)));
    let third = &pipeline["cases"][2];
    assert_eq!(third["step"], "high_level_case");
    assert_eq!(third["dropped"]["reason"], "No budget");
    assert_eq!(third["dropped"]["lastStagePassed"], "business_review");
    assert_eq!(third["stalled"], false);

    let reopened = send(
        &server,
        "POST",
        "/api/cases/1/reopen",
        &json!({"baseRevision": 2, "author": "Cy"}),
    );
    assert_eq!(reopened.status, 200, "{}", reopened.text());
    assert_eq!(reopened.json()["revision"], 3);
    let latest = server.get_json("/api/cases/1");
    assert!(latest["case"].get("dropped").is_none());
    assert_eq!(latest["changes"]["fields"], json!(["dropped"]));
    let again = send(
        &server,
        "POST",
        "/api/cases/1/reopen",
        &json!({"baseRevision": 3, "author": "Cy"}),
    );
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["path"], "baseRevision");
    let stale = send(
        &server,
        "POST",
        "/api/cases/1/reopen",
        &json!({"baseRevision": 2, "author": "Cy"}),
    );
    assert_eq!(stale.status, 409);
    let pipeline = server.get_json("/api/pipeline");
    assert_eq!(per_stage(&pipeline, "open"), [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
    assert_eq!(
        per_stage(&pipeline, "dropped"),
        [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        per_stage(&pipeline, "atStep"),
        [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(pipeline["dropped"], json!([3]));
    assert_eq!(pipeline["cases"][0]["dropped"], Value::Null);
}
