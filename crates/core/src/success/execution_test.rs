//! The checklists' degrees, scored by the engine, point-in-time.

use super::*;
use crate::success::settings::ChecklistItem;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn item(id: &str, weight: f64) -> ChecklistItem {
    ChecklistItem {
        id: id.to_string(),
        label: id.to_uppercase(),
        weight,
    }
}

fn mark(list: ChecklistKind, item: &str, day: &str, done: bool) -> ChecklistMark {
    ChecklistMark {
        account: "acme".to_string(),
        list,
        item: item.to_string(),
        date: date(day),
        done,
        note: None,
    }
}

fn checklists() -> Checklists {
    Checklists {
        setup: vec![
            item("sponsor", 1.0),
            item("outcome", 1.0),
            item("baseline", 1.0),
            item("plan", 1.0),
        ],
        execution: vec![item("steps", 3.0), item("reviews", 1.0)],
    }
}

use ChecklistKind::{Execution, Setup};

#[test]
fn degrees_are_weighted_shares_of_done_items_with_what_is_missing() {
    let marks = [
        mark(Setup, "sponsor", "2025-01-10", true),
        mark(Setup, "plan", "2025-01-20", true),
        mark(Setup, "plan", "2025-03-01", false),
        mark(Execution, "steps", "2025-02-01", true),
        mark(Setup, "retired_item", "2025-01-05", true),
    ];
    let refs: Vec<&ChecklistMark> = marks.iter().collect();
    let reading = execution_on(&refs, &[], &checklists(), date("2025-02-15"));
    // Two of four equal set-up items done.
    assert_eq!(reading.setup.degree, Some(0.5));
    assert_eq!(reading.setup.missing, ["outcome", "baseline"]);
    // Steps weigh 3 of 4.
    assert_eq!(reading.execution.degree, Some(0.75));
    assert_eq!(reading.execution.missing, ["reviews"]);
    // The plan was undone on 2025-03-01.
    let later = execution_on(&refs, &[], &checklists(), date("2025-03-01"));
    assert_eq!(later.setup.degree, Some(0.25));
    assert_eq!(later.setup.items[3].since, Some(date("2025-03-01")));
    assert_eq!(
        execution_degree(&refs, &checklists(), date("2025-03-01")),
        Some(0.75)
    );
}

#[test]
fn a_list_without_rows_by_the_date_is_missing_not_zero() {
    let marks = [mark(Execution, "reviews", "2025-02-01", false)];
    let refs: Vec<&ChecklistMark> = marks.iter().collect();
    assert_eq!(
        execution_degree(&refs, &checklists(), date("2025-01-31")),
        None
    );
    assert_eq!(
        execution_degree(&refs, &checklists(), date("2025-02-01")),
        Some(0.0)
    );
    let reading = execution_on(&refs, &[], &checklists(), date("2025-02-01"));
    assert_eq!(reading.setup.degree, None);
    assert_eq!(reading.setup.missing.len(), 4);
    let weightless = Checklists {
        setup: Vec::new(),
        execution: vec![item("reviews", 0.0)],
    };
    assert_eq!(
        execution_degree(&refs, &weightless, date("2025-02-01")),
        None
    );
}

#[test]
fn measure_and_report_reads_the_outcomes_past_their_baseline() {
    use crate::success::data::{DatedValue, OutcomeDirection};
    let outcome = |id: &str, baseline: &str| Outcome {
        id: id.to_string(),
        account: "acme".to_string(),
        label: id.to_string(),
        unit: None,
        direction: OutcomeDirection::Increase,
        baseline: DatedValue {
            value: 0.0,
            date: date(baseline),
        },
        target: DatedValue {
            value: 10.0,
            date: date("2025-12-31"),
        },
        actuals: vec![DatedValue {
            value: 4.0,
            date: date("2025-03-01"),
        }],
        renegotiations: Vec::new(),
    };
    let started = outcome("cycle_time", "2025-01-01");
    let later = outcome("later", "2025-06-01");
    let reading = execution_on(&[], &[&started, &later], &checklists(), date("2025-03-15"));
    assert_eq!(reading.outcomes.len(), 1);
    assert_eq!(reading.outcomes[0].0, "cycle_time");
    assert_eq!(reading.outcomes[0].1.progress, 0.4);
}
