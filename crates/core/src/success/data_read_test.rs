use super::*;
use crate::json::Node;
use crate::success::date::Date;
use crate::success::test_json::node;

/// A document with one valid row of each kind, `extra` spliced into the
/// first account (`"k": v,` text) and `rows` appended to its lists.
fn document(account_extra: &str, more: &str) -> String {
    format!(
        r#"{{"schema": "yardstick/success@1",
        "accounts": [{{ {account_extra} "id": "acme", "name": "Acme Corp", "annualValue": 120000,
            "currency": "EUR", "contractStart": "2025-01-15", "renewal": "2026-01-15" }}],
        "signals": [{{"account": "acme", "date": "2025-04-01", "metric": "licence_utilisation", "value": 0.42}}],
        "events": [{{"account": "acme", "date": "2025-06-02", "kind": "champion_left"}}],
        "outcomes": [{{"id": "acme-cycle", "account": "acme", "label": "Cycle time", "direction": "decrease",
            "baseline": {{"value": 12, "date": "2025-01-15"}}, "target": {{"value": 8, "date": "2025-12-31"}}}}],
        "renewals": [{{"account": "acme", "date": "2026-01-15", "result": "renewed", "value": 130000}}]
        {more} }}"#
    )
}

fn read(text: &str) -> Result<SuccessData, Vec<SuccessDiagnostic>> {
    read_data(&node(text))
}

/// Every problem of `text` as `path: code`.
fn problems(text: &str) -> Vec<String> {
    match read(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(list) => list
            .iter()
            .map(|d| format!("{}: {}", d.path, d.code))
            .collect(),
    }
}

fn check(account_extra: &str, more: &str, expected: &[&str]) {
    assert_eq!(
        problems(&document(account_extra, more)),
        expected,
        "{account_extra} {more}"
    );
}

#[test]
fn reads_a_valid_document() {
    let data = read(&document("", "")).unwrap();
    assert_eq!(data.accounts[0].id, "acme");
    assert_eq!(data.accounts[0].renewal, Date::parse("2026-01-15").unwrap());
    assert_eq!(data.signals[0].value, 0.42);
    assert_eq!(data.outcomes[0].direction, OutcomeDirection::Decrease);
    assert_eq!(data.renewals[0].result, RenewalResult::Renewed);
}

#[test]
fn refuses_fields_with_their_paths_naming_accounts_by_id() {
    check(
        r#""onwer": "dana","#,
        "",
        &["accounts[acme].onwer: unknown-field"],
    );
    check(
        r#""firstValue": "2025-02-30","#,
        "",
        &["accounts[acme].firstValue: invalid-date"],
    );
    check(
        r#""stage": {"stage": "late", "from": "2025-10-01", "reason": "r"},"#,
        "",
        &["accounts[acme].stage.stage: invalid-value"],
    );
    check(
        r#""case": {"id": 0, "revision": 1.5},"#,
        "",
        &[
            "accounts[acme].case.id: out-of-range",
            "accounts[acme].case.revision: out-of-range",
        ],
    );
    check(
        r#""segment": "big deals","#,
        "",
        &["accounts[acme].segment: invalid-id"],
    );
    check(r#""owner": 7,"#, "", &["accounts[acme].owner: wrong-type"]);
}

#[test]
fn suggests_the_field_meant() {
    let list = read(&document(r#""onwer": "dana","#, "")).unwrap_err();
    assert!(
        list[0].message.contains("did you mean `owner`?"),
        "{}",
        list[0].message
    );
}

#[test]
fn refuses_rows_by_index_and_nothing_partial() {
    check("", r#", "extra": 1"#, &["extra: unknown-field"]);
    let bad_signal = document("", "").replace("\"value\": 0.42", "\"value\": \"n/a\"");
    assert_eq!(problems(&bad_signal), ["signals[0].value: wrong-type"]);
    let bad_schema = document("", "").replace("success@1", "success@2");
    assert_eq!(problems(&bad_schema), ["schema: unsupported-schema"]);
    let bad_result = document("", "").replace("\"renewed\"", "\"won\"");
    assert_eq!(problems(&bad_result), ["renewals[0].result: invalid-value"]);
    let no_name = document("", "").replace("\"name\": \"Acme Corp\",", "");
    assert_eq!(problems(&no_name), ["accounts[acme].name: missing-field"]);
    let mut repeated_key = node(&document("", ""));
    if let Node::Map(top) = &mut repeated_key {
        if let Some((_, Node::List(accounts))) = top.iter_mut().find(|(k, _)| k == "accounts") {
            if let Some(Node::Map(fields)) = accounts.first_mut() {
                fields.push(("name".into(), Node::Text("Again".into())));
            }
        }
    }
    let list = read_data(&repeated_key).unwrap_err();
    let found: Vec<String> = list
        .iter()
        .map(|d| format!("{}: {}", d.path, d.code))
        .collect();
    assert_eq!(found, ["accounts[acme].name: duplicate-field"]);
    assert_eq!(problems("[]"), [": wrong-type"]);
}

#[test]
fn checks_dates_in_order() {
    check(
        r#""firstValue": "2025-01-14","#,
        "",
        &["accounts[acme].firstValue: date-order"],
    );
    let early_renewal =
        document("", "").replace("\"renewal\": \"2026-01-15\"", "\"renewal\": \"2025-01-15\"");
    assert_eq!(
        problems(&early_renewal),
        ["accounts[acme].renewal: date-order"]
    );
    check(
        r#""stage": {"stage": "pre_renewal", "from": "2025-10-01", "until": "2025-09-30", "reason": "r"},"#,
        "",
        &["accounts[acme].stage.until: date-order"],
    );
    let target_first = document("", "").replace("\"2025-12-31\"", "\"2025-01-15\"");
    assert_eq!(
        problems(&target_first),
        ["outcomes[acme-cycle].target.date: date-order"]
    );
}

#[test]
fn checks_renegotiations_and_actuals() {
    let outcome = |actuals: &str, renegotiations: &str| {
        document("", "").replace(
            r#""target": {"value": 8, "date": "2025-12-31"}"#,
            &format!(r#""target": {{"value": 8, "date": "2025-12-31"}}, "actuals": [{actuals}], "renegotiations": [{renegotiations}]"#),
        )
    };
    let r = |date: &str, target_date: &str| {
        format!(
            r#"{{"date": "{date}", "target": 9, "targetDate": "{target_date}", "reason": "scope", "agreedBy": "COO"}}"#
        )
    };
    let ok = outcome(
        r#"{"date": "2025-08-31", "value": 10}, {"date": "2025-06-30", "value": 10.5}"#,
        &r("2025-07-15", "2026-03-31"),
    );
    let read_ok = read(&ok).unwrap();
    assert_eq!(read_ok.outcomes[0].renegotiations[0].target, 9.0);
    let values: Vec<f64> = read_ok.outcomes[0]
        .actuals
        .iter()
        .map(|a| a.value)
        .collect();
    assert_eq!(values, [10.5, 10.0], "actuals in date order");
    let twice = outcome(
        r#"{"date": "2025-06-30", "value": 10.5}, {"date": "2025-06-30", "value": 10}"#,
        "",
    );
    assert_eq!(
        problems(&twice),
        ["outcomes[acme-cycle].actuals[1].date: duplicate-row"]
    );
    let before = outcome("", &r("2025-01-14", "2026-03-31"));
    assert_eq!(
        problems(&before),
        ["outcomes[acme-cycle].renegotiations[0].date: date-order"]
    );
    let unordered = outcome(
        "",
        &format!(
            "{}, {}",
            r("2025-08-01", "2026-03-31"),
            r("2025-07-01", "2026-03-31")
        ),
    );
    assert_eq!(
        problems(&unordered),
        ["outcomes[acme-cycle].renegotiations[1].date: date-order"]
    );
    let target_early = outcome("", &r("2025-07-15", "2025-01-10"));
    assert_eq!(
        problems(&target_early),
        ["outcomes[acme-cycle].renegotiations[0].targetDate: date-order"]
    );
}

#[test]
fn duplicates_in_one_document_name_both_places() {
    let signal = r#"{"account": "acme", "date": "2025-04-01", "metric": "licence_utilisation", "value": 0.5}"#;
    let text =
        document("", "").replace("\"value\": 0.42}", &format!("\"value\": 0.42}}, {signal}"));
    let list = read(&text).unwrap_err();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].path.to_string(), "signals[1].metric");
    assert!(
        list[0].message.contains("also at signals[0].metric"),
        "{}",
        list[0].message
    );
    let two_accounts = document("", "").replace(
        r#""accounts": ["#,
        r#""accounts": [{"id": "acme", "name": "Again", "annualValue": 1, "currency": "EUR", "contractStart": "2025-01-15", "renewal": "2026-01-15", "colour": 1},"#,
    );
    // The repeated id names neither account by id.
    assert_eq!(
        problems(&two_accounts),
        ["accounts[0].colour: unknown-field"]
    );
}

#[test]
fn rows_must_name_known_accounts() {
    let text = document("", "").replace(
        r#""account": "acme", "date": "2025-06-02""#,
        r#""account": "acmee", "date": "2025-06-02""#,
    );
    let list = read(&text).unwrap_err();
    assert_eq!(list[0].path.to_string(), "events[0].account");
    assert_eq!(list[0].code, SuccessCode::UnknownReference);
    assert!(list[0].message.contains("did you mean `acme`?"));
    let known = KnownIds::new(vec!["acmee".into()], vec![]);
    assert!(read_data_with(&node(&text), &known).is_ok());
}

#[test]
fn churn_is_the_last_renewal_and_scores_nothing() {
    let churned = r#"{"account": "acme", "date": "2026-01-15", "result": "churned", "value": 5}"#;
    let text = document("", "").replace(
        r#"{"account": "acme", "date": "2026-01-15", "result": "renewed", "value": 130000}"#,
        &format!(r#"{churned}, {{"account": "acme", "date": "2027-01-15", "result": "renewed", "value": 1}}"#),
    );
    assert_eq!(
        problems(&text),
        [
            "renewals[0].value: invalid-value",
            "renewals[1].date: date-order"
        ]
    );
    let early = document("", "").replace(
        r#""date": "2026-01-15", "result""#,
        r#""date": "2025-01-15", "result""#,
    );
    assert_eq!(problems(&early), ["renewals[0].date: date-order"]);
}

#[test]
fn lists_past_their_bound_are_refused_unread() {
    let many: Vec<String> = (0..=MAX_ACTUALS_PER_OUTCOME)
        .map(|_| "1".to_string())
        .collect();
    let text = document("", "").replace(
        r#""target": {"value": 8, "date": "2025-12-31"}"#,
        &format!(
            r#""target": {{"value": 8, "date": "2025-12-31"}}, "actuals": [{}]"#,
            many.join(",")
        ),
    );
    assert_eq!(problems(&text), ["outcomes[acme-cycle].actuals: too-large"]);
}

#[test]
fn many_problems_are_capped() {
    let bad: Vec<String> = (0..MAX_DIAGNOSTICS + 5).map(|_| "{}".to_string()).collect();
    let text = document("", &format!(r#", "renewals": [{}]"#, bad.join(",")))
        .replace(r#""renewals": [{"account": "acme", "date": "2026-01-15", "result": "renewed", "value": 130000}]"#, r#""events": []"#);
    let list = read(&text).unwrap_err();
    assert_eq!(list.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(list[MAX_DIAGNOSTICS].code, SuccessCode::TooLarge);
}

#[test]
fn the_documented_example_reads() {
    let doc = include_str!("../../../../docs/success.md");
    let after = doc.split("## The data").nth(1).unwrap();
    let block = after
        .split("```json")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let data = read(block).unwrap();
    assert_eq!(
        data.accounts[0].stage_override.as_ref().map(|s| s.stage),
        Some(Stage::PreRenewal)
    );
    assert_eq!(data.outcomes[0].renegotiations.len(), 1);
}

#[test]
fn a_huge_object_is_refused_unread() {
    let fields: Vec<(String, Node)> = (0..65).map(|i| (format!("f{i}"), Node::Null)).collect();
    let list = read_data(&Node::Map(fields)).unwrap_err();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].code, SuccessCode::TooLarge);
}

#[test]
fn reads_an_accounts_domains_lowered_once_each_and_refuses_a_bad_one() {
    let data = read(&document(
        r#""domains": " Acme.com acme.de acme.com ","#,
        "",
    ))
    .unwrap();
    assert_eq!(data.accounts[0].domains, ["acme.com", "acme.de"]);
    let none = read(&document("", "")).unwrap();
    assert!(none.accounts[0].domains.is_empty());
    for bad in [
        "acme",
        "acme..com",
        ".acme.com",
        "acme.com-",
        "ac_me.com",
        "a@acme.com",
        "",
    ] {
        check(
            &format!(r#""domains": "{bad}","#),
            "",
            &["accounts[acme].domains: invalid-value"],
        );
    }
    let many: Vec<String> = (0..21).map(|n| format!("d{n}.example")).collect();
    check(
        &format!(r#""domains": "{}","#, many.join(" ")),
        "",
        &["accounts[acme].domains: invalid-value"],
    );
    check(
        r#""domains": ["acme.com"],"#,
        "",
        &["accounts[acme].domains: wrong-type"],
    );
}
