//! The Execute-phase success tables through a real socket (docs/success.md):
//! realised values checked against the linked case's model (an unknown
//! case or revision is a 400 naming the account), checklist items and
//! plays against the settings, idempotent re-imports, and
//! `GET /api/success/cases` with each linked account's case document.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::success::{import_document, post};
use support::{Answer, Server};

fn model() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/models/business-case-5y.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn case() -> Value {
    json!({
        "schema": "yardstick/case@1",
        "title": "Acme rollout",
        "customer": {"id": "acme", "name": "Acme Inc"},
        "model": {"id": "business-case-5y", "version": "1.0.0", "document": model()},
        "inputs": {"implementation_cost": 140000},
        "step": "business_review",
        "author": "Ada"
    })
}

fn account(id: &str, case: Option<(u64, u64)>) -> Value {
    let mut row = json!({"id": id, "name": id, "annualValue": 1000, "currency": "EUR",
        "contractStart": "2025-01-01", "renewal": "2026-01-01"});
    if let Some((case_id, revision)) = case {
        row["case"] = json!({"id": case_id, "revision": revision});
    }
    row
}

/// A server with case 1 (revision 1) saved and three accounts: acme links
/// it, globex links a revision that is not stored, initech links none.
fn server_with_accounts() -> Server {
    let server = Server::memory();
    let saved = post(
        &server,
        "/api/cases",
        "application/json",
        case().to_string().as_bytes(),
    );
    assert_eq!(saved.status, 201, "{}", saved.text());
    let accounts = json!({"schema": "yardstick/success@1", "accounts": [
        account("acme", Some((1, 1))), account("globex", Some((1, 9))), account("initech", None)]});
    let answer = import_document(&server, &accounts);
    assert_eq!(answer.status, 200, "{}", answer.text());
    server
}

fn problems(answer: &Answer) -> Vec<(String, String)> {
    answer.json()["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let place = p["path"].as_str().map_or_else(
                || format!("{} line {} {}", p["file"], p["line"], p["column"]),
                str::to_string,
            );
            (place, p["message"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn realised_values_are_checked_against_the_linked_case_and_nothing_is_stored_on_a_problem() {
    let server = server_with_accounts();
    let bad = json!({"schema": "yardstick/success@1", "realised": [
        {"account": "acme", "date": "2025-06-30", "input": "implementation_cost", "value": 150000},
        {"account": "acme", "date": "2025-06-30", "input": "implementation_costs", "value": 1},
        {"account": "globex", "date": "2025-06-30", "input": "training_cost", "value": 1},
        {"account": "initech", "date": "2025-06-30", "input": "training_cost", "value": 1}]});
    let answer = import_document(&server, &bad);
    assert_eq!(answer.status, 400, "{}", answer.text());
    let found = problems(&answer);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].0, "realised[1].input");
    assert!(
        found[0].1.contains("did you mean `implementation_cost`"),
        "{found:?}"
    );
    assert_eq!(found[1].0, "realised[2].account");
    assert!(found[1].1.contains("globex") && found[1].1.contains("revision 9 is not stored"));
    assert_eq!(found[2].0, "realised[3].account");
    assert!(found[2].1.contains("initech links no case"), "{found:?}");
    let stored = server.get_json("/api/success/data");
    assert_eq!(stored["realised"], json!([]), "nothing stored");
    // The same in CSV: the problem on its line and column.
    let csv = "account,date,input,value\nacme,2025-06-30,training_cost,5\nacme,2025-07-31,nope,1\n";
    let answer = post(
        &server,
        "/api/success/import/realised.csv",
        "text/csv",
        csv.as_bytes(),
    );
    assert_eq!(answer.status, 400, "{}", answer.text());
    let problem = &answer.json()["problems"][0];
    assert_eq!(
        (
            problem["file"].clone(),
            problem["line"].clone(),
            problem["column"].clone()
        ),
        (json!("realised.csv"), json!(3), json!("input"))
    );
}

#[test]
fn the_three_tables_store_once_and_come_back_in_the_document() {
    let server = server_with_accounts();
    let rows = json!({"schema": "yardstick/success@1",
        "realised": [{"account": "acme", "date": "2025-06-30", "input": "training_cost", "value": 9000}],
        "checklist": [{"account": "acme", "list": "setup", "item": "sponsor", "date": "2025-01-10", "done": true},
                      {"account": "acme", "list": "execution", "item": "reviews", "date": "2025-03-01", "done": false, "note": "Skipped March"}],
        "plays": [{"account": "globex", "play": "rescue", "alert": "to_at_risk", "date": "2025-05-02", "by": "dana"}]});
    let answer = import_document(&server, &rows);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        answer.json()["stored"],
        json!({"accounts": 0, "actuals": 0, "events": 0,
        "outcomes": 0, "renegotiations": 0, "renewals": 0, "signals": 0,
        "realised": 1, "checklist": 2, "plays": 1})
    );
    let before = server.get_json("/api/success/data");
    assert_eq!(import_document(&server, &rows).status, 200);
    let after = server.get_json("/api/success/data");
    assert_eq!(before, after, "a re-import changes nothing");
    assert_eq!(after["realised"], rows["realised"]);
    assert_eq!(after["plays"], rows["plays"]);
    assert_eq!(after["checklist"].as_array().map(Vec::len), Some(2));
    let csv = "account,play,date,note\nacme,check_in,2025-06-01,Called\n";
    let answer = post(
        &server,
        "/api/success/import/plays.csv",
        "text/csv",
        csv.as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        server.get_json("/api/success/data")["plays"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn checklist_items_and_plays_are_checked_against_the_current_settings() {
    let server = server_with_accounts();
    let rows = json!({"schema": "yardstick/success@1",
        "checklist": [{"account": "acme", "list": "setup", "item": "sponsr", "date": "2025-01-10", "done": true}],
        "plays": [{"account": "acme", "play": "party", "date": "2025-05-02"}]});
    let answer = import_document(&server, &rows);
    assert_eq!(answer.status, 400, "{}", answer.text());
    let found = problems(&answer);
    assert_eq!(found[0].0, "checklist[0].item");
    assert!(found[0].1.contains("`sponsor`"), "{found:?}");
    assert_eq!(found[1].0, "plays[0].play");
    let csv = "account,list,item,date,done\nacme,execution,steps,2025-02-01,maybe\n";
    let answer = post(
        &server,
        "/api/success/import/checklist.csv",
        "text/csv",
        csv.as_bytes(),
    );
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert_eq!(answer.json()["problems"][0]["column"], "done");
}

#[test]
fn the_cases_route_gives_each_linked_account_its_stored_case_document() {
    let server = server_with_accounts();
    let cases = server.get_json("/api/success/cases");
    let list = cases["cases"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 2, "{cases}");
    assert_eq!(list[0]["account"], "acme");
    assert_eq!(list[0]["case"], json!({"id": 1, "revision": 1}));
    assert_eq!(list[0]["document"]["title"], "Acme rollout");
    assert_eq!(list[0]["document"]["model"]["document"], model());
    assert_eq!(list[1]["account"], "globex");
    assert_eq!(list[1]["document"], Value::Null);
    let wrong = server.request(
        "POST",
        "/api/success/cases",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(wrong.status, 405);
}
