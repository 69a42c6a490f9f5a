use super::*;
use crate::success::data::KnownIds;
use crate::success::data_read::read_data_with;
use crate::success::test_json::node;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

/// Stored: account `acme` from 2025-01-15, renewed 2026-01-15, churned
/// 2027-01-15; account `beta` from 2025-03-01 without renewals; outcome
/// `cycle` of acme renegotiated on 2025-07-15 (new target date 2026-03-31).
fn stored() -> KnownIds {
    KnownIds::new(vec!["acme".into(), "beta".into()], vec!["cycle".into()]).with_stored(
        StoredRows {
            contract_starts: vec![
                ("beta".into(), date("2025-03-01")),
                ("acme".into(), date("2025-01-15")),
            ],
            renewals: vec![
                ("acme".into(), date("2027-01-15"), RenewalResult::Churned),
                ("acme".into(), date("2026-01-15"), RenewalResult::Renewed),
            ],
            renegotiations: vec![("cycle".into(), date("2025-07-15"), date("2026-03-31"))],
            baselines: vec![("cycle".into(), date("2025-01-15"))],
        },
    )
}

/// The problems of an import document (`"[]"` lists when absent), as
/// `path: message`.
fn problems(accounts: &str, outcomes: &str, renewals: &str) -> Vec<String> {
    let text = format!(
        r#"{{ "schema": "yardstick/success@1", "accounts": {accounts},
        "outcomes": {outcomes}, "renewals": {renewals} }}"#
    );
    match read_data_with(&node(&text), &stored()) {
        Ok(_) => Vec::new(),
        Err(list) => list
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect(),
    }
}

#[test]
fn a_renewal_after_a_stored_churn_is_refused() {
    assert_eq!(
        problems(
            "[]",
            "[]",
            r#"[ { "account": "acme", "date": "2028-01-15", "result": "renewed", "value": 5 } ]"#
        ),
        ["renewals[0].date: 2028-01-15 comes after acme churned on 2027-01-15 (stored)"]
    );
}

#[test]
fn a_churn_before_a_stored_renewal_is_refused_but_replacing_one_is_not() {
    let churn_early =
        r#"[ { "account": "acme", "date": "2025-12-01", "result": "churned", "value": 0 } ]"#;
    let found = problems("[]", "[]", churn_early);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("renewals[0].result: a churn must be the account's last"));
    assert!(found[0].ends_with("stored renewal on 2026-01-15"));
    // The stored churn's key re-imported as renewed, and a later churn:
    // the merged rows are fine.
    let replaced = r#"[ { "account": "acme", "date": "2027-01-15", "result": "renewed", "value": 5 },
        { "account": "acme", "date": "2028-01-15", "result": "churned", "value": 0 } ]"#;
    assert_eq!(problems("[]", "[]", replaced), Vec::<String>::new());
}

#[test]
fn an_account_moved_after_its_stored_renewals_is_refused() {
    let moved = r#"[ { "id": "acme", "name": "Acme", "annualValue": 1, "currency": "EUR",
        "contractStart": "2026-02-01", "renewal": "2027-02-01" } ]"#;
    let found = problems(moved, "[]", "[]");
    assert_eq!(
        found,
        [
            "accounts[acme].contractStart: 2026-02-01 must be before the stored renewal of acme on 2026-01-15"
        ]
    );
}

#[test]
fn a_renewal_before_the_stored_contract_start_is_refused() {
    let early =
        r#"[ { "account": "beta", "date": "2025-02-01", "result": "renewed", "value": 1 } ]"#;
    assert_eq!(
        problems("[]", "[]", early),
        ["renewals[0].date: 2025-02-01 must be after the stored contract start 2025-03-01 of beta"]
    );
}

#[test]
fn an_outcome_baseline_moved_after_a_stored_renegotiation_is_refused() {
    let outcome = |baseline: &str| {
        format!(
            r#"[ {{ "id": "cycle", "account": "acme", "label": "Cycle", "direction": "decrease",
            "baseline": {{ "value": 12, "date": "{baseline}" }},
            "target": {{ "value": 8, "date": "2026-12-31" }} }} ]"#
        )
    };
    let found = problems("[]", &outcome("2025-08-01"), "[]");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("outcomes[cycle].baseline.date: 2025-08-01 is after the stored"));
    assert_eq!(
        problems("[]", &outcome("2025-02-01"), "[]"),
        Vec::<String>::new()
    );
}

#[test]
fn without_stored_rows_nothing_more_is_checked() {
    let known = KnownIds::new(vec!["acme".into()], Vec::new());
    let text = r#"{ "schema": "yardstick/success@1",
        "renewals": [ { "account": "acme", "date": "2028-01-15", "result": "renewed", "value": 5 } ] }"#;
    assert!(read_data_with(&node(text), &known).is_ok());
}
