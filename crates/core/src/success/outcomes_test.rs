use super::*;
use crate::success::data::{DatedValue, Renegotiation};

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn at(day: &str, value: f64) -> DatedValue {
    DatedValue {
        value,
        date: date(day),
    }
}

/// Cycle time from 12 days down to 8 by 2025-12-31.
fn cycle_time(actuals: &[(&str, f64)]) -> Outcome {
    Outcome {
        id: "cycle".to_string(),
        account: "acme".to_string(),
        label: "Cycle time".to_string(),
        unit: None,
        direction: OutcomeDirection::Decrease,
        baseline: at("2025-01-01", 12.0),
        target: at("2025-12-31", 8.0),
        actuals: actuals.iter().map(|(day, value)| at(day, *value)).collect(),
        renegotiations: Vec::new(),
    }
}

fn read(outcome: &Outcome, day: &str) -> OutcomeReading {
    outcome_on(outcome, date(day)).expect("after the baseline")
}

#[test]
fn progress_is_the_share_of_the_way_from_baseline_to_target() {
    let outcome = cycle_time(&[("2025-03-01", 11.0), ("2025-06-01", 10.0)]);
    assert_eq!(read(&outcome, "2025-03-15").progress, 0.25);
    assert_eq!(read(&outcome, "2025-06-01").progress, 0.5);
    // Worse than the baseline clamps to 0, beyond the target to 1.
    let worse = cycle_time(&[("2025-03-01", 13.0)]);
    assert_eq!(read(&worse, "2025-03-01").progress, 0.0);
    let beyond = cycle_time(&[("2025-03-01", 7.0)]);
    assert_eq!(read(&beyond, "2025-03-01").progress, 1.0);
    assert_eq!(read(&beyond, "2025-03-01").status, OutcomeStatus::Achieved);
}

#[test]
fn before_the_baseline_there_is_no_reading_and_without_an_actual_no_data() {
    let outcome = cycle_time(&[("2025-03-01", 11.0)]);
    assert_eq!(outcome_on(&outcome, date("2024-12-31")), None);
    let reading = read(&outcome, "2025-02-28");
    assert_eq!(
        (reading.progress, reading.status),
        (0.0, OutcomeStatus::NoData)
    );
    assert_eq!(reading.current, None);
}

#[test]
fn a_renegotiated_target_counts_from_its_date_and_the_original_is_kept() {
    let mut outcome = cycle_time(&[("2025-06-01", 10.0)]);
    outcome.renegotiations.push(Renegotiation {
        date: date("2025-07-15"),
        target: 9.0,
        target_date: date("2026-03-31"),
        reason: "scope".to_string(),
        agreed_by: "COO".to_string(),
    });
    let before = read(&outcome, "2025-07-14");
    assert_eq!((before.progress, before.target), (0.5, 8.0));
    let after = read(&outcome, "2025-07-15");
    assert_eq!((after.target, after.target_date), (9.0, date("2026-03-31")));
    assert!((after.progress - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(outcome.target.value, 8.0);
    // Past the original date but not the renegotiated one: not missed.
    assert_ne!(read(&outcome, "2026-01-15").status, OutcomeStatus::Missed);
    assert_eq!(read(&outcome, "2026-04-01").status, OutcomeStatus::Missed);
}

#[test]
fn a_target_equal_to_the_baseline_is_reached_or_not() {
    let mut hold = cycle_time(&[("2025-03-01", 12.0)]);
    hold.target.value = 12.0;
    assert_eq!(read(&hold, "2025-03-01").progress, 1.0);
    let mut slipped = cycle_time(&[("2025-03-01", 12.5)]);
    slipped.target.value = 12.0;
    assert_eq!(read(&slipped, "2025-03-01").progress, 0.0);
    let mut up = slipped.clone();
    up.direction = OutcomeDirection::Increase;
    assert_eq!(read(&up, "2025-03-01").progress, 1.0);
}

#[test]
fn status_follows_the_least_squares_trend_to_the_target_date() {
    // 12 → 11 → 10 in two months: the line reaches 8 long before December.
    let fast = cycle_time(&[
        ("2025-01-01", 12.0),
        ("2025-02-01", 11.0),
        ("2025-03-01", 10.0),
    ]);
    assert_eq!(read(&fast, "2025-03-01").status, OutcomeStatus::OnTrack);
    // Barely moving: the line stays above 8 at year end.
    let slow = cycle_time(&[("2025-01-01", 12.0), ("2025-06-01", 11.9)]);
    assert_eq!(read(&slow, "2025-06-01").status, OutcomeStatus::AtRisk);
    // One actual, not achieved: at risk.
    let single = cycle_time(&[("2025-06-01", 9.0)]);
    assert_eq!(read(&single, "2025-06-01").status, OutcomeStatus::AtRisk);
    // Short of the target after its date: missed.
    assert_eq!(read(&slow, "2026-01-01").status, OutcomeStatus::Missed);
    // Actuals after the date are not read.
    assert_eq!(read(&fast, "2025-01-15").status, OutcomeStatus::AtRisk);
}

#[test]
fn an_accounts_mean_progress_leaves_out_outcomes_not_yet_started() {
    let first = cycle_time(&[("2025-06-01", 10.0)]);
    let mut later = cycle_time(&[]);
    later.baseline.date = date("2025-09-01");
    let both = [first, later];
    assert_eq!(mean_progress(both.iter(), date("2025-08-01")), Some(0.5));
    assert_eq!(mean_progress(both.iter(), date("2025-09-01")), Some(0.25));
    assert_eq!(mean_progress(both.iter(), date("2024-01-01")), None);
}
