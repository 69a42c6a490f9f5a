use super::*;
use crate::success::data_read::read_data;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;
use proptest::prelude::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn run(seed: u64, months: i64) -> Vec<Alert> {
    let options = DemoOptions {
        seed,
        accounts: 25,
        ..DemoOptions::default()
    };
    let data = read_data(&demo_portfolio(options)).expect("the demo reads");
    let settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates: Vec<Date> = (0..months)
        .filter_map(|month| date("2024-12-20").plus_months(month))
        .collect();
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    alerts(&table, &data, &index, &settings.alerts, &settings.plays)
}

#[test]
fn the_demo_fires_alerts_with_evidence_and_plays() {
    let fired = run(2026, 24);
    for kind in ["to_at_risk", "fast_drop", "long_at_risk", "champion"] {
        assert!(fired.iter().any(|alert| alert.rule == kind), "no {kind}");
    }
    assert!(fired.iter().all(|alert| !alert.evidence.is_empty()));
    assert!(fired.iter().any(|alert| alert.play.is_some()));
}

#[test]
fn an_episode_fires_once_and_ends_when_its_condition_is_false() {
    let fired = run(7, 24);
    let mut sorted = fired.clone();
    sorted.sort_by_key(|alert| (alert.account, alert.rule.clone(), alert.snapshot));
    for pair in sorted.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        if first.account == second.account && first.rule == second.rule {
            // A new episode needs a snapshot in between where it was false.
            assert!(
                second.snapshot > first.snapshot + 1,
                "{first:?} then {second:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_longer_history_never_fires_an_earlier_episode_again(seed in 0_u64..1000, cut in 3_i64..23) {
        let short = run(seed, cut);
        let long = run(seed, 24);
        let early: Vec<&Alert> = long.iter().filter(|alert| (alert.snapshot as i64) < cut).collect();
        prop_assert_eq!(short.iter().collect::<Vec<_>>(), early);
    }
}

/// One onboarding account from 2025-01-01: admin set-up due within 14
/// days (done late on 2025-02-01), first value within 40 days (never).
fn milestone_run(dates: &[&str]) -> Vec<Alert> {
    let text = r#"{"schema": "yardstick/success@1",
      "accounts": [{"id": "acme", "name": "Acme", "annualValue": 1000, "currency": "EUR",
        "contractStart": "2025-01-01", "renewal": "2026-01-01"}],
      "events": [{"account": "acme", "date": "2025-02-01", "kind": "admin_setup_done"}]}"#;
    let data = read_data(&crate::success::test_json::node(text)).expect("reads");
    let mut settings = default_settings();
    settings.milestones = vec![
        crate::success::settings::Milestone {
            id: "admin_setup".into(),
            label: "Admin set-up".into(),
            stage: crate::success::data::Stage::Onboarding,
            within_days: 14,
            condition: crate::success::settings::MilestoneCondition::Event(
                "admin_setup_done".into(),
            ),
        },
        crate::success::settings::Milestone {
            id: "first_value".into(),
            label: "First value".into(),
            stage: crate::success::data::Stage::Onboarding,
            within_days: 40,
            condition: crate::success::settings::MilestoneCondition::FirstValue,
        },
    ];
    settings
        .alerts
        .retain(|rule| rule.condition == AlertCondition::MilestoneOverdue);
    assert_eq!(
        settings.alerts.len(),
        1,
        "the default settings have one milestone rule"
    );
    let index = SignalIndex::new(&data);
    let dates: Vec<Date> = dates.iter().map(|day| date(day)).collect();
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    let fired = settings_alerts(&table, &data, &index, &settings);
    // The plain entry point never evaluates the rule.
    assert!(alerts(&table, &data, &index, &settings.alerts, &settings.plays).is_empty());
    fired
}

#[test]
fn milestone_overdue_fires_once_per_episode_and_ends_when_done_late() {
    let days = [
        "2025-01-08",
        "2025-01-22",
        "2025-01-29",
        "2025-02-05",
        "2025-02-12",
        "2025-02-19",
    ];
    let fired = milestone_run(&days);
    let at: Vec<usize> = fired.iter().map(|alert| alert.snapshot).collect();
    // Overdue from 2025-01-16 (22nd: 7 days, 29th: 14 days: one episode);
    // done late on 2025-02-01 ends it; first value overdue from
    // 2025-02-11 starts another on the 12th.
    assert_eq!(at, [1, 4], "{fired:?}");
    assert_eq!(
        fired[0].evidence,
        "admin_setup 7 days over (due 2025-01-15)"
    );
    assert_eq!(
        fired[1].evidence,
        "first_value 2 days over (due 2025-02-10)"
    );
    assert_eq!(fired[0].play.as_deref(), Some("unblock"));
}

#[test]
fn milestone_overdue_reads_only_the_current_stage() {
    // On 2025-04-02 the account is established (90 days of onboarding):
    // the onboarding milestones no longer raise the alert.
    let fired = milestone_run(&["2025-04-02"]);
    assert!(fired.is_empty(), "{fired:?}");
}

#[test]
fn a_grade_alerts_evidence_names_the_grade_in_words() {
    let today = Date::parse("2025-10-31").expect("a date");
    let why = Why::Grade {
        to: Grade::AtRisk,
        today,
    };
    let condition = AlertCondition::Grade { to: Grade::AtRisk };
    assert_eq!(why.text(&condition), "graded at risk on 2025-10-31");
}
