//! Realised against projected value on a small model with two benefit
//! lines (tests/data/success/models/two-benefits.json), figures by hand:
//! quarters from 2025-01-01; as sold each quarter has labour
//! 10 × 2 × 100 = 2,000 and errors 1,000.

use super::*;
use crate::cases::read::read_case;
use crate::success::test_json::node;

const MODEL: &str = include_str!("../../../../tests/data/success/models/two-benefits.json");

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

pub(crate) fn case() -> CaseDocument {
    let text = format!(
        r#"{{"schema": "yardstick/case@1", "title": "Acme", "customer": {{"id": "acme", "name": "Acme"}},
            "model": {{"id": "two-benefits", "version": "1.0.0", "document": {MODEL}}},
            "inputs": {{}}, "step": "high_level_case", "author": "Ada"}}"#
    );
    read_case(&node(&text)).expect("the test case reads")
}

fn row(day: &str, input: &str, value: f64) -> RealisedValue {
    RealisedValue {
        account: "acme".to_string(),
        date: date(day),
        input: input.to_string(),
        value,
    }
}

/// Hours 1 in Q1, 3 from Q2; error savings 500 from Q3; hours 10 from
/// 2025-10-05 (in Q4).
fn rows() -> Vec<RealisedValue> {
    vec![
        row("2025-05-10", "hours", 3.0),
        row("2025-02-15", "hours", 1.0),
        row("2025-08-01", "error_savings", 500.0),
        row("2025-10-05", "hours", 10.0),
    ]
}

fn report(on: &str) -> RealisedReport {
    let rows = rows();
    let refs: Vec<&RealisedValue> = rows.iter().collect();
    realised_to_date(&case(), date("2025-01-01"), &refs, date(on)).expect("comparable")
}

#[test]
fn three_elapsed_quarters_compare_line_by_line() {
    let report = report("2025-09-30");
    assert_eq!(report.periods_elapsed, 3);
    // Labour: as sold 3 × 2,000; realised 1,000 + 3,000 + 3,000.
    let labour = &report.lines[0];
    assert_eq!(labour.id, "labour");
    assert_eq!(
        (labour.projected_to_date, labour.realised_to_date),
        (6000.0, 7000.0)
    );
    assert_eq!(labour.variance, 1000.0);
    assert!((labour.variance_percent.unwrap() - 100.0 / 6.0).abs() < 1e-9);
    // Errors: as sold 3 × 1,000; realised 1,000 + 1,000 + 500.
    let errors = &report.lines[1];
    assert_eq!(
        (
            errors.id.as_str(),
            errors.projected_to_date,
            errors.realised_to_date
        ),
        ("errors", 3000.0, 2500.0)
    );
    assert_eq!(
        (report.projected_to_date, report.realised_to_date),
        (9000.0, 9500.0)
    );
    assert!((report.ratio.unwrap() - 9500.0 / 9000.0).abs() < 1e-12);
}

#[test]
fn an_actual_dated_after_the_date_is_not_used() {
    // On 2025-12-30 the fourth quarter has not elapsed: the hours of
    // 2025-10-05 do not count yet.
    assert_eq!(report("2025-12-30").realised_to_date, 9500.0);
    // From its last day they do: 10 × 10 × 100 + 500 in Q4.
    let full = report("2025-12-31");
    assert_eq!(full.periods_elapsed, 4);
    assert_eq!(full.realised_to_date, 9500.0 + 10_500.0);
    assert_eq!(full.projected_to_date, 12_000.0);
}

#[test]
fn the_ratio_is_missing_before_a_period_elapses_or_without_actuals() {
    assert_eq!(report("2025-03-30").ratio, None);
    assert_eq!(report("2025-03-30").periods_elapsed, 0);
    let none: Vec<&RealisedValue> = Vec::new();
    let without = realised_to_date(&case(), date("2025-01-01"), &none, date("2025-09-30"))
        .expect("comparable");
    assert_eq!(without.ratio, None);
    assert_eq!(without.realised_to_date, without.projected_to_date);
    // The first actual is in Q2: on Q1's end there is none yet.
    let late = [row("2025-04-02", "hours", 3.0)];
    let refs: Vec<&RealisedValue> = late.iter().collect();
    let timeline =
        RealisedTimeline::new(&case(), date("2025-01-01"), &refs, date("2025-12-31")).unwrap();
    assert_eq!(timeline.ratio_on(date("2025-04-15")), None);
    // Q1 as sold (3,000), Q2 with 3 hours (3,000 + 1,000), over 2 × 3,000.
    assert_eq!(timeline.ratio_on(date("2025-06-30")), Some(7000.0 / 6000.0));
}

#[test]
fn refused_actuals_are_listed_and_left_out() {
    let bad = [
        row("2025-02-01", "hours", 99.0),
        row("2025-02-01", "nope", 1.0),
    ];
    let refs: Vec<&RealisedValue> = bad.iter().collect();
    let report = realised_to_date(&case(), date("2025-01-01"), &refs, date("2025-03-31")).unwrap();
    assert_eq!(report.refused.len(), 2);
    assert_eq!(report.ratio, None);
    assert_eq!(report.realised_to_date, 3000.0);
}

#[test]
fn a_model_without_benefits_cannot_be_compared() {
    let mut case = case();
    if let crate::json::Node::Map(entries) = &mut case.model_document {
        for (key, value) in entries.iter_mut() {
            if key == "cashFlow" {
                *value = node(r#"{"net": "net"}"#);
            }
        }
    }
    let none: Vec<&RealisedValue> = Vec::new();
    assert_eq!(
        RealisedTimeline::new(&case, date("2025-01-01"), &none, date("2025-12-31")),
        Err(RealisedError::NoBenefits)
    );
    assert_eq!(
        model_input_ids(&self::case()).unwrap(),
        ["seats", "hours", "error_savings"]
    );
}

#[test]
fn the_figures_are_in_the_cases_currency_not_the_accounts() {
    // The model's currency when the case sets none.
    assert_eq!(report("2025-09-30").currency, "EUR");
    // The case's own currency wins over its model's.
    let mut case = case();
    case.settings.currency = Some("USD".to_string());
    let rows = rows();
    let refs: Vec<&RealisedValue> = rows.iter().collect();
    let report =
        realised_to_date(&case, date("2025-01-01"), &refs, date("2025-09-30")).expect("comparable");
    assert_eq!(report.currency, "USD");
}
