use super::*;
use crate::success::data_read::read_data;
use crate::success::settings_read::read_settings;
use crate::success::signal_index::SignalIndex;
use crate::success::test_json::node;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

/// Usage scored linearly in every stage (0 → 0 points, 1 → 100), stale
/// after 400 days; one milestone: the admin set-up within 14 days of
/// onboarding's start.
fn settings() -> SuccessSettings {
    let measures = r#"[ { "id": "usage", "label": "Usage", "metric": "usage", "weight": 1,
        "rule": { "kind": "linear", "zeroAt": 0, "fullAt": 1 } } ]"#;
    read_settings(&node(&format!(
        r#"{{ "schema": "yardstick/success-settings@1", "staleAfterDays": 400,
        "scorecards": [
          {{ "stage": "onboarding", "measures": {measures} }},
          {{ "stage": "established", "measures": {measures} }},
          {{ "stage": "pre_renewal", "measures": {measures} }} ],
        "milestones": [ {{ "id": "setup", "label": "Set-up", "stage": "onboarding",
          "withinDays": 14, "event": "admin_setup_done" }} ] }}"#
    )))
    .expect("settings")
}

/// Read on 2025-06-01. dana: a1 (EUR 100, first value after 30 days, an
/// outcome achieved, set-up on time), a2 (USD 50, first value after 40
/// days, an outcome whose baseline is still ahead, set-up late), a3
/// (churned 2025-01-01, first value after 20 days). No owner: a4 (EUR
/// 70, an outcome on track, set-up overdue). emeka: a5, not started yet.
fn data() -> SuccessData {
    read_data(&node(
        r#"{ "schema": "yardstick/success@1",
        "accounts": [
          { "id": "a1", "name": "A1", "owner": "dana", "annualValue": 100, "currency": "EUR",
            "contractStart": "2025-01-01", "firstValue": "2025-01-31", "renewal": "2026-01-01" },
          { "id": "a2", "name": "A2", "owner": "dana", "annualValue": 50, "currency": "USD",
            "contractStart": "2025-02-01", "firstValue": "2025-03-13", "renewal": "2026-02-01" },
          { "id": "a3", "name": "A3", "owner": "dana", "annualValue": 20, "currency": "EUR",
            "contractStart": "2024-01-01", "firstValue": "2024-01-21", "renewal": "2025-01-01" },
          { "id": "a4", "name": "A4", "annualValue": 70, "currency": "EUR",
            "contractStart": "2025-05-01", "renewal": "2026-05-01" },
          { "id": "a5", "name": "A5", "owner": "emeka", "annualValue": 10, "currency": "EUR",
            "contractStart": "2025-07-01", "renewal": "2026-07-01" } ],
        "signals": [
          { "account": "a1", "date": "2025-02-15", "metric": "usage", "value": 0.4 },
          { "account": "a1", "date": "2025-03-15", "metric": "usage", "value": 0.7 } ],
        "events": [
          { "account": "a1", "date": "2025-01-10", "kind": "admin_setup_done" },
          { "account": "a2", "date": "2025-03-01", "kind": "admin_setup_done" } ],
        "outcomes": [
          { "id": "o1", "account": "a1", "label": "Cycle", "direction": "increase",
            "baseline": { "value": 0, "date": "2025-01-01" }, "target": { "value": 10, "date": "2025-12-31" },
            "actuals": [ { "date": "2025-03-01", "value": 10 } ] },
          { "id": "o2", "account": "a2", "label": "Cycle", "direction": "increase",
            "baseline": { "value": 0, "date": "2025-08-01" }, "target": { "value": 10, "date": "2025-12-31" } },
          { "id": "o4", "account": "a4", "label": "Cycle", "direction": "increase",
            "baseline": { "value": 0, "date": "2025-05-01" }, "target": { "value": 10, "date": "2025-12-31" },
            "actuals": [ { "date": "2025-05-10", "value": 1 }, { "date": "2025-05-20", "value": 2 } ] } ],
        "renewals": [ { "account": "a3", "date": "2025-01-01", "result": "churned", "value": 0 } ] }"#,
    ))
    .expect("data")
}

fn completion(account: &str, completed: &str) -> PlayCompletion {
    PlayCompletion {
        account: account.to_string(),
        completed: date(completed),
    }
}

fn view(completions: &[PlayCompletion]) -> Vec<OwnerFigures> {
    let data = data();
    let settings = settings();
    let dates = team_dates(completions, 30, &[date("2025-06-01")]);
    let table = HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates)
        .expect("a small table");
    team_view(
        &data,
        &settings,
        &table,
        completions,
        30,
        date("2025-06-01"),
        DateGrid::EXACT,
    )
}

#[test]
fn owners_are_sorted_with_the_unassigned_last() {
    let owners: Vec<Option<String>> = view(&[]).into_iter().map(|o| o.owner).collect();
    assert_eq!(owners, [Some("dana".into()), Some("emeka".into()), None]);
}

#[test]
fn the_book_outcomes_plans_and_milestones_of_each_owner() {
    let team = view(&[]);
    let dana = &team[0];
    assert_eq!((dana.accounts, dana.churned), (2, 1));
    assert_eq!(
        dana.annual_value,
        [("EUR".to_string(), 100.0), ("USD".to_string(), 50.0)]
    );
    assert_eq!(
        (
            dana.outcomes,
            dana.outcomes_achieved,
            dana.outcomes_on_track
        ),
        (1, 1, 0)
    );
    assert_eq!(dana.success_plans, 1);
    assert_eq!((dana.milestones_on_time, dana.milestones_due), (1, 2));
    assert_eq!(dana.median_days_to_first_value, Some(30.0));
    let emeka = &team[1];
    assert_eq!((emeka.accounts, emeka.churned), (0, 0));
    assert!(emeka.annual_value.is_empty());
    assert_eq!(emeka.median_days_to_first_value, None);
    let unassigned = &team[2];
    assert_eq!(unassigned.accounts, 1);
    assert_eq!((unassigned.outcomes, unassigned.outcomes_on_track), (1, 1));
    assert_eq!(
        (unassigned.milestones_on_time, unassigned.milestones_due),
        (0, 1)
    );
}

#[test]
fn plays_count_until_the_date_and_their_change_n_days_after() {
    let team = view(&[
        // Score 40 on 2025-03-01, 70 on 2025-03-31: +30.
        completion("a1", "2025-03-01"),
        // 30 days after is past the date: completed, no change yet.
        completion("a2", "2025-05-20"),
        // After the date: not counted.
        completion("a4", "2025-07-01"),
        // Not an account of the data: ignored.
        completion("zz", "2025-03-01"),
    ]);
    let dana = &team[0];
    assert_eq!((dana.plays_completed, dana.plays_with_change), (2, 1));
    assert_eq!(dana.mean_health_change, Some(30.0));
    assert_eq!(team[2].plays_completed, 0);
    assert_eq!(team[2].mean_health_change, None);
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    assert_eq!(median(&mut [40, 10, 30, 20]), Some(25.0));
    assert_eq!(median(&mut [7]), Some(7.0));
    assert_eq!(median(&mut []), None);
}

#[test]
fn the_dates_hold_each_completion_and_n_days_after() {
    let dates = team_dates(&[completion("a1", "2025-03-01")], 30, &[date("2025-03-31")]);
    assert_eq!(dates, [date("2025-03-01"), date("2025-03-31")]);
}
