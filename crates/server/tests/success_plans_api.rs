//! `POST /api/success/plans` over real sockets (docs/journey.md, "A
//! success plan from a committed case"): a case at commitment makes its
//! customer's account, linked to the case's latest revision, with one
//! outcome per benefit line; a repeat writes nothing; a case at another
//! step, a dropped one, an unknown one and a model without an annual value
//! are refused and change nothing.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::{example_model, send, Server};

/// A case of `customer` on the example `model` at `step`.
fn case(customer: &str, model: &str, step: &str, inputs: Value) -> Value {
    let document = example_model(&format!("{model}.json"));
    json!({
        "schema": "yardstick/case@1",
        "title": format!("{customer} rollout"),
        "customer": {"id": customer, "name": format!("{customer} Ltd")},
        "model": {"id": document["id"], "version": document["version"], "document": document},
        "inputs": inputs,
        "step": step,
        "author": "Ada"
    })
}

fn save(server: &Server, case: &Value) -> u64 {
    let saved = send(server, "POST", "/api/cases", case);
    assert_eq!(saved.status, 201, "{}", saved.text());
    saved.json()["id"].as_u64().unwrap()
}

fn plan(server: &Server, body: Value) -> (u16, Value) {
    let answer = send(server, "POST", "/api/success/plans", &body);
    (answer.status, answer.json())
}

#[test]
fn a_committed_case_becomes_the_accounts_success_plan_once() {
    let server = Server::memory();
    let inputs = json!({"adoption_year1": 0.5, "subscription_per_year": 100000});
    let id = save(
        &server,
        &case("initech", "business-case-5y", "commitment", inputs),
    );
    let (status, made) = plan(&server, json!({"caseId": id}));
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["created"], true);
    assert_eq!(made["account"], "initech");
    assert_eq!(made["case"], json!({"id": id, "revision": 1}));
    let data = server.get_json("/api/success/data");
    let account = &data["accounts"][0];
    assert_eq!(account["id"], "initech");
    assert_eq!(account["name"], "initech Ltd");
    assert_eq!(
        account["annualValue"], 100000.0,
        "the case's subscription_per_year"
    );
    assert_eq!(account["currency"], "USD");
    assert_eq!(account["contractStart"], made["committedOn"]);
    assert_eq!(account["case"], json!({"id": id, "revision": 1}));
    let outcomes = data["outcomes"].as_array().unwrap();
    let targets: Vec<(String, f64)> = outcomes
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["target"]["value"].as_f64().unwrap(),
            )
        })
        .collect();
    // Year one of each benefit line: its yearly amount times adoption 0.5.
    assert_eq!(
        targets,
        [
            (format!("plan-{id}-cost_avoidance_benefits"), 30_000.0),
            (format!("plan-{id}-productivity_benefits"), 120_000.0),
            (format!("plan-{id}-revenue_benefits"), 70_000.0),
        ]
    );
    for outcome in outcomes {
        assert_eq!(outcome["baseline"]["value"].as_f64(), Some(0.0));
        assert_eq!(outcome["baseline"]["date"], made["committedOn"]);
        assert_eq!(outcome["direction"], "increase");
    }
    // The journey shows it as the account's plan.
    let journey = server.get_json("/api/journey/initech");
    assert_eq!(journey["prosper"]["outcomes"].as_array().unwrap().len(), 3);
    assert_eq!(journey["prosper"]["account"]["case"]["id"], id);
    // Again: nothing written.
    let (status, again) = plan(&server, json!({"caseId": id}));
    assert_eq!((status, again["created"].clone()), (200, json!(false)));
    assert_eq!(server.get_json("/api/success/data"), data);
}

#[test]
fn refusals_name_the_reason_and_store_nothing() {
    let server = Server::memory();
    let open = save(
        &server,
        &case("acme", "business-case-5y", "decision", json!({})),
    );
    let (status, refused) = plan(&server, json!({"caseId": open}));
    assert_eq!((status, refused["path"].clone()), (400, json!("caseId")));
    assert!(
        refused["error"].as_str().unwrap().contains("decision"),
        "{refused}"
    );

    let committed = save(
        &server,
        &case("acme", "business-case-5y", "commitment", json!({})),
    );
    let dropped = send(
        &server,
        "POST",
        &format!("/api/cases/{committed}/drop"),
        &json!({"baseRevision": 1, "reason": "Budget cut", "author": "Ada"}),
    );
    assert_eq!(dropped.status, 200, "{}", dropped.text());
    let (status, refused) = plan(&server, json!({"caseId": committed}));
    assert_eq!(status, 400);
    assert!(
        refused["error"].as_str().unwrap().contains("dropped"),
        "{refused}"
    );

    assert_eq!(plan(&server, json!({"caseId": 999})).0, 404);
    assert_eq!(plan(&server, json!({"caseId": "one"})).1["path"], "caseId");
    assert_eq!(plan(&server, json!({"caseId": 1, "extra": 1})).0, 400);
    assert_eq!(plan(&server, json!({})).1["path"], "caseId");

    // A model that names no annual value: asked for, then given.
    let portfolio = save(
        &server,
        &case("globex", "project-portfolio", "commitment", json!({})),
    );
    let (status, refused) = plan(&server, json!({"caseId": portfolio}));
    assert_eq!(
        (status, refused["path"].clone()),
        (400, json!("annualValue"))
    );
    assert_eq!(server.get_json("/api/success/data")["accounts"], json!([]));
    let wrong = send(&server, "GET", "/api/success/plans", &json!({}));
    assert_eq!(wrong.status, 405);
}

#[test]
fn an_existing_account_keeps_its_fields_and_gains_the_link() {
    let server = Server::memory();
    let document = json!({"schema": "yardstick/success@1", "accounts": [{
        "id": "acme", "name": "ACME (CRM)", "annualValue": 5000, "currency": "EUR",
        "contractStart": "2025-01-15", "renewal": "2026-01-15", "domains": "acme.example"}]});
    assert_eq!(
        send(&server, "POST", "/api/success/import", &document).status,
        200
    );
    let id = save(&server, &case("acme", "saas-roi", "commitment", json!({})));
    let (status, made) = plan(&server, json!({"caseId": id}));
    assert_eq!(status, 201, "{made}");
    let account = &server.get_json("/api/success/data")["accounts"][0];
    assert_eq!(account["name"], "ACME (CRM)");
    assert_eq!(account["annualValue"], 5000.0);
    assert_eq!(account["domains"], "acme.example");
    assert_eq!(account["case"], json!({"id": id, "revision": 1}));
}
