use super::*;
use crate::success::data_read::read_data;
use crate::success::settings_read::read_settings;
use crate::success::signal_index::SignalIndex;
use crate::success::test_json::node;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

/// One scorecard for every stage over `usage` (linear 0 → 0 points, 1 →
/// 100); stale after 400 days so one signal covers the year.
fn settings(days_before_renewal: u32) -> crate::success::settings::SuccessSettings {
    let measures = r#"[ { "id": "usage", "label": "Usage", "metric": "usage", "weight": 1,
        "rule": { "kind": "linear", "zeroAt": 0, "fullAt": 1 } } ]"#;
    let text = format!(
        r#"{{ "schema": "yardstick/success-settings@1", "staleAfterDays": 400,
        "scorecards": [
          {{ "stage": "onboarding", "measures": {measures} }},
          {{ "stage": "established", "measures": {measures} }},
          {{ "stage": "pre_renewal", "measures": {measures} }} ],
        "proof": {{ "daysBeforeRenewal": {days_before_renewal} }} }}"#
    );
    read_settings(&node(&text)).expect("settings")
}

/// `keep` renews on 2026-01-01 with usage 0.8 measured in 2025, then 0.1
/// on 2025-12-15 (after the date the proof reads); `lost` churns on
/// 2026-01-01, its usage 0.2 then 0.9 in its last weeks; `late` renews on
/// 2025-02-01, a month after its contract started (no score 90 days
/// before); `quiet` renews without any signal (no score).
fn data() -> SuccessData {
    read_data(&node(
        r#"{ "schema": "yardstick/success@1",
        "accounts": [
          { "id": "keep", "name": "Keep", "annualValue": 10, "currency": "EUR",
            "contractStart": "2025-01-01", "renewal": "2026-01-01" },
          { "id": "lost", "name": "Lost", "annualValue": 10, "currency": "EUR",
            "contractStart": "2025-01-01", "renewal": "2026-01-01" },
          { "id": "late", "name": "Late", "annualValue": 10, "currency": "EUR",
            "contractStart": "2025-01-01", "renewal": "2025-02-01" },
          { "id": "quiet", "name": "Quiet", "annualValue": 10, "currency": "EUR",
            "contractStart": "2025-01-01", "renewal": "2026-01-01" } ],
        "signals": [
          { "account": "keep", "date": "2025-06-01", "metric": "usage", "value": 0.8 },
          { "account": "keep", "date": "2025-12-15", "metric": "usage", "value": 0.1 },
          { "account": "lost", "date": "2025-06-01", "metric": "usage", "value": 0.2 },
          { "account": "lost", "date": "2025-12-15", "metric": "usage", "value": 0.9 },
          { "account": "late", "date": "2025-01-02", "metric": "usage", "value": 0.5 } ],
        "renewals": [
          { "account": "keep", "date": "2026-01-01", "result": "renewed", "value": 10 },
          { "account": "lost", "date": "2026-01-01", "result": "churned", "value": 0 },
          { "account": "late", "date": "2025-02-01", "result": "renewed", "value": 10 },
          { "account": "quiet", "date": "2026-01-01", "result": "renewed", "value": 10 } ] }"#,
    ))
    .expect("data")
}

fn observations(days_before_renewal: u32, extra_dates: &[Date]) -> ProofObservations {
    let data = data();
    let settings = settings(days_before_renewal);
    let dates = proof_dates(&data, days_before_renewal, extra_dates);
    let table = HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates)
        .expect("a small table");
    build_observations(&data, &table, days_before_renewal, DateGrid::EXACT).expect("observations")
}

#[test]
fn the_dates_are_each_renewal_minus_n_days_merged_with_the_snapshots() {
    let dates = proof_dates(&data(), 90, &[date("2025-10-03"), date("2025-01-01")]);
    // 2026-01-01 − 90 days = 2025-10-03 (repeated, kept once);
    // 2025-02-01 − 90 days = 2024-11-03.
    assert_eq!(
        dates,
        [date("2024-11-03"), date("2025-01-01"), date("2025-10-03")]
    );
}

#[test]
fn each_observation_is_the_score_n_days_before_its_renewal() {
    let found = observations(90, &[date("2026-02-01")]);
    let ids: Vec<&str> = found.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["usage"]);
    assert_eq!(found.observations.len(), 2);
    let keep = &found.observations[0];
    assert_eq!((keep.renewal, keep.account), (0, 0));
    assert_eq!(keep.scored_on, date("2025-10-03"));
    // 0.8 then, not the 0.1 measured after 2025-10-03.
    assert_eq!(keep.score, 80.0);
    assert_eq!(keep.values, [Some(0.8)]);
    assert_eq!(keep.points, [Some(80.0)]);
    assert_eq!(keep.weight_shares, [1.0]);
    assert_eq!(keep.grade, 0, "healthy");
    assert!(!keep.churned);
    let lost = &found.observations[1];
    assert_eq!(lost.account, 1);
    assert!(lost.churned);
    // The score 90 days before the churn (0.2), not the frozen score at
    // the churn (0.9), nor the cell on 2026-02-01 after it.
    assert!((lost.score - 20.0).abs() < 1e-9, "{}", lost.score);
    assert_eq!(lost.grade, 2, "at risk");
}

#[test]
fn renewals_without_a_score_are_counted_not_used() {
    let found = observations(90, &[]);
    // `late` had no contract 90 days before its renewal; `quiet` no data.
    assert_eq!(found.skipped_without_score, 2);
    assert_eq!(found.skipped_not_in_table, 0);
    assert!(found.observations.iter().all(|o| o.account < 2));
}

#[test]
fn a_date_left_out_of_the_table_is_counted_apart() {
    let data = data();
    let settings = settings(90);
    let table = HealthTable::build(
        &data,
        &SignalIndex::new(&data),
        &settings,
        &[date("2025-10-04")],
    )
    .expect("a small table");
    let found = build_observations(&data, &table, 90, DateGrid::EXACT).expect("observations");
    assert!(found.observations.is_empty());
    assert_eq!(found.skipped_not_in_table, 4);
}

#[test]
fn measures_are_matched_by_id_across_scorecards() {
    let found = observations(90, &[]);
    assert_eq!(found.measures.len(), 1, "three scorecards, one id");
    assert_eq!(found.measures[0].band_edges, None, "a linear rule");
}
