//! The health change after a play, from a one-measure scorecard whose
//! points are the metric's value.

use super::*;
use crate::scoring::ScoringRule;
use crate::success::data::Stage;
use crate::success::settings::{HealthMeasure, HealthScorecard, HealthSource, SuccessSettings};
use crate::success::settings_default::default_settings;
use crate::success::signal_index::SignalIndex;
use crate::success::test_json::node;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn settings() -> SuccessSettings {
    let mut settings = default_settings();
    settings.scorecards = Stage::ALL
        .iter()
        .map(|stage| HealthScorecard {
            stage: *stage,
            segment: None,
            measures: vec![HealthMeasure {
                id: "use".into(),
                label: "Use".into(),
                source: HealthSource::Metric("use".into()),
                weight: 1.0,
                rule: ScoringRule::Linear {
                    worst: 0.0,
                    best: 100.0,
                },
                tighten_per_month: None,
            }],
        })
        .collect();
    settings
}

fn data() -> SuccessData {
    let text = r#"{"schema": "yardstick/success@1",
      "accounts": [{"id": "acme", "name": "Acme", "annualValue": 1000, "currency": "EUR",
        "contractStart": "2025-01-01", "renewal": "2026-01-01"}],
      "signals": [
        {"account": "acme", "date": "2025-03-01", "metric": "use", "value": 40},
        {"account": "acme", "date": "2025-04-01", "metric": "use", "value": 70}],
      "plays": [
        {"account": "acme", "play": "rescue", "alert": "to_at_risk", "date": "2025-03-10", "by": "dana"},
        {"account": "acme", "play": "check_in", "date": "2025-02-01"},
        {"account": "acme", "play": "adoption", "date": "2025-04-20"}]}"#;
    crate::success::data_read::read_data(&node(text)).expect("the test data reads")
}

#[test]
fn the_change_after_a_play_reads_both_days_and_is_missing_without_either() {
    let data = data();
    let settings = settings();
    assert_eq!(settings.play_follow_up_days, 30);
    let index = SignalIndex::new(&data);
    let mut dates = effect_dates(&data.plays, settings.play_follow_up_days);
    assert_eq!(dates.len(), 6);
    // A snapshot the plays do not need, and an earlier one.
    dates.retain(|day| *day != date("2025-05-20"));
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    let effects = health_change_after(&table, &data, &data.plays, settings.play_follow_up_days);
    assert_eq!(effects.len(), 3);
    let rescue = &effects[0];
    assert_eq!(
        (rescue.play.as_str(), rescue.alert.as_deref()),
        ("rescue", Some("to_at_risk"))
    );
    assert_eq!(rescue.follow_up, date("2025-04-09"));
    assert_eq!(rescue.before, Some((date("2025-03-10"), Some(40.0))));
    assert_eq!(rescue.after, Some((date("2025-04-09"), Some(70.0))));
    assert_eq!(rescue.change, Some(30.0));
    // Before any signal: no score before, no change.
    assert_eq!(effects[1].before, Some((date("2025-02-01"), None)));
    assert_eq!(effects[1].change, None);
    // The follow-up (2025-05-20) is after the last snapshot: not known yet.
    assert_eq!(effects[2].after, None);
    assert_eq!(effects[2].change, None);
}

#[test]
fn unknown_accounts_are_left_out_and_one_snapshot_gives_no_change() {
    let data = data();
    let index = SignalIndex::new(&data);
    let table =
        HealthTable::build(&data, &index, &settings(), &[date("2025-06-30")]).expect("small");
    let mut completions = data.plays.clone();
    completions[0].account = "ghost".into();
    // Both days of the others read the one snapshot (or none).
    let effects = health_change_after(&table, &data, &completions, 1);
    assert_eq!(effects.len(), 2);
    assert!(effects.iter().all(|effect| effect.change.is_none()));
}
