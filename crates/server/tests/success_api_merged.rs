//! Imports checked against the merged store (docs/success.md, "The API"):
//! an import fine on its own that breaks a rule across rows together with
//! what is stored answers 400 with the import's own row places and stores
//! nothing, through a real socket.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use serde_json::{json, Value};
use support::success::{post, post_csv};
use support::Server;

/// acme from 2025-01-15, renewed 2026-01-15 and churned 2027-01-15;
/// globex from 2025-03-01.
const ACCOUNTS_CSV: &str = "id,name,annual_value,currency,contract_start,renewal\n\
acme,Acme Corp,120000,EUR,2025-01-15,2027-01-15\n\
globex,Globex,50000,EUR,2025-03-01,2026-03-01\n";

const RENEWALS_CSV: &str = "account,date,result,value\n\
acme,2026-01-15,renewed,120000\n\
acme,2027-01-15,churned,0\n";

/// A server holding the accounts and renewals above.
fn stocked() -> Server {
    let server = Server::memory();
    for (file, body) in [
        ("accounts.csv", ACCOUNTS_CSV),
        ("renewals.csv", RENEWALS_CSV),
    ] {
        let answer = post_csv(&server, file, body);
        assert_eq!(answer.status, 200, "{file}: {}", answer.text());
    }
    server
}

/// The answer is 400, nothing changed, and its problems are these
/// `(file, line, column)` places whose reasons contain the texts.
fn refused(server: &Server, answer: &support::Answer, before: &Value, expected: &[(Value, &str)]) {
    assert_eq!(answer.status, 400, "{}", answer.text());
    let problems = answer.json()["problems"].as_array().cloned().unwrap();
    assert_eq!(problems.len(), expected.len(), "{problems:?}");
    for (problem, (place, text)) in problems.iter().zip(expected) {
        for (key, value) in place.as_object().unwrap() {
            assert_eq!(&problem[key], value, "{problem}");
        }
        assert!(
            problem["message"].as_str().unwrap().contains(text),
            "{problem}"
        );
        assert_eq!(problem["code"], "date-order", "{problem}");
    }
    assert_eq!(
        &server.get_json("/api/success/data"),
        before,
        "nothing stored"
    );
}

#[test]
fn a_renewal_after_a_stored_churn_is_refused() {
    let server = stocked();
    let before = server.get_json("/api/success/data");
    let answer = post_csv(
        &server,
        "renewals.csv",
        "account,date,result,value\nglobex,2026-03-01,renewed,1\nacme,2028-01-15,renewed,5\n",
    );
    refused(
        &server,
        &answer,
        &before,
        &[(
            json!({"file": "renewals.csv", "line": 3, "column": "date"}),
            "comes after acme churned on 2027-01-15 (stored)",
        )],
    );
}

#[test]
fn a_churn_before_a_stored_renewal_is_refused() {
    let server = stocked();
    let before = server.get_json("/api/success/data");
    let answer = post_csv(
        &server,
        "renewals.csv",
        "account,date,result,value\nacme,2025-12-01,churned,0\n",
    );
    refused(
        &server,
        &answer,
        &before,
        &[
            (
                json!({"file": "renewals.csv", "line": 2, "column": "result"}),
                "stored renewal on 2026-01-15",
            ),
            (
                json!({"file": "renewals.csv", "line": 2, "column": "result"}),
                "stored renewal on 2027-01-15",
            ),
        ],
    );
}

#[test]
fn an_account_moved_after_its_stored_renewals_is_refused() {
    let server = stocked();
    let before = server.get_json("/api/success/data");
    let answer = post_csv(
        &server,
        "accounts.csv",
        "id,name,annual_value,currency,contract_start,renewal\n\
acme,Acme Corp,120000,EUR,2026-06-01,2027-06-01\n",
    );
    refused(
        &server,
        &answer,
        &before,
        &[(
            json!({"file": "accounts.csv", "line": 2, "column": "contract_start"}),
            "must be before the stored renewal of acme on 2026-01-15",
        )],
    );
}

#[test]
fn a_renewal_before_the_stored_contract_start_is_refused() {
    let server = stocked();
    let before = server.get_json("/api/success/data");
    let answer = post_csv(
        &server,
        "renewals.csv",
        "account,date,result,value\nglobex,2025-03-01,renewed,1\n",
    );
    refused(
        &server,
        &answer,
        &before,
        &[(
            json!({"file": "renewals.csv", "line": 2, "column": "date"}),
            "after the stored contract start 2025-03-01 of globex",
        )],
    );
}

#[test]
fn a_document_moving_an_outcome_baseline_after_a_stored_renegotiation_is_refused() {
    let server = stocked();
    let outcome = |baseline: &str, renegotiations: Value| {
        json!({ "schema": "yardstick/success@1", "outcomes": [ {
            "id": "cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
            "baseline": { "value": 12, "date": baseline },
            "target": { "value": 8, "date": "2026-12-31" },
            "renegotiations": renegotiations } ] })
        .to_string()
    };
    let renegotiation = json!([ { "date": "2025-07-15", "target": 9, "targetDate": "2026-03-31",
        "reason": "Second warehouse", "agreedBy": "COO" } ]);
    let first = post(
        &server,
        "/api/success/import",
        "application/json",
        outcome("2025-01-15", renegotiation).as_bytes(),
    );
    assert_eq!(first.status, 200, "{}", first.text());
    let before = server.get_json("/api/success/data");
    let moved = post(
        &server,
        "/api/success/import",
        "application/json",
        outcome("2025-08-01", json!([])).as_bytes(),
    );
    assert_eq!(moved.status, 400, "{}", moved.text());
    let problems = moved.json()["problems"].clone();
    assert_eq!(problems.as_array().map(Vec::len), Some(1), "{problems}");
    assert_eq!(problems[0]["path"], "outcomes[cycle].baseline.date");
    assert!(problems[0]["message"]
        .as_str()
        .unwrap()
        .contains("stored renegotiation of cycle on 2025-07-15"));
    assert_eq!(
        server.get_json("/api/success/data"),
        before,
        "nothing stored"
    );
}

#[test]
fn a_renegotiation_of_a_stored_outcome_before_its_stored_baseline_is_refused() {
    let server = stocked();
    let document = json!({ "schema": "yardstick/success@1", "outcomes": [ {
        "id": "cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
        "baseline": { "value": 12, "date": "2025-03-01" },
        "target": { "value": 8, "date": "2026-12-31" } } ] });
    let first = post(
        &server,
        "/api/success/import",
        "application/json",
        document.to_string().as_bytes(),
    );
    assert_eq!(first.status, 200, "{}", first.text());
    let before = server.get_json("/api/success/data");
    let answer = post_csv(
        &server,
        "outcome_renegotiations.csv",
        "outcome,date,target,target_date,reason,agreed_by
cycle,2025-06-01,9,2026-03-31,Scope grew,COO
cycle,2025-02-01,9,2026-03-31,Scope grew,COO
cycle,2025-07-01,9,2025-03-01,Scope grew,COO
",
    );
    refused(
        &server,
        &answer,
        &before,
        &[
            (
                json!({"file": "outcome_renegotiations.csv", "line": 3, "column": "date"}),
                "must be on or after the stored baseline date 2025-03-01 of cycle",
            ),
            (
                json!({"file": "outcome_renegotiations.csv", "line": 4, "column": "target_date"}),
                "must be after the stored baseline date 2025-03-01 of cycle",
            ),
        ],
    );
}

#[test]
fn replacing_a_stored_churn_and_churning_later_is_accepted() {
    let server = stocked();
    let answer = post_csv(
        &server,
        "renewals.csv",
        "account,date,result,value\nacme,2027-01-15,renewed,5\nacme,2028-01-15,churned,0\n",
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let data = server.get_json("/api/success/data");
    let results: Vec<&str> = data["renewals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, ["renewed", "renewed", "churned"]);
}
