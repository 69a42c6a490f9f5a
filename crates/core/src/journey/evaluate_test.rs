//! Unit tests of the Evaluate measures: gates need a positive case, values
//! stay per currency, drops are counted.

use super::*;
use crate::cases::pipeline::RevisionMark;
use crate::scoring::{PipelineStage as S, MS_PER_DAY};

const START_MS: f64 = 1_750_000_000_000.0;

fn mark(day: f64, step: S, high: bool, detailed: bool, dropped: bool) -> RevisionMark {
    RevisionMark {
        saved_at_ms: START_MS + day * MS_PER_DAY,
        step,
        high_level_positive: high,
        detailed_positive: detailed,
        dropped,
    }
}

fn history(id: &str, value: Option<f64>, currency: &str, marks: Vec<RevisionMark>) -> CaseHistory {
    CaseHistory {
        case_id: id.into(),
        title: format!("Case {id}"),
        customer_id: "acme".into(),
        customer_name: "Acme".into(),
        value,
        currency: currency.into(),
        dropped_reason: marks
            .last()
            .filter(|m| m.dropped)
            .map(|_| "no budget".into()),
        marks,
    }
}

fn step(measures: &CurrencyMeasures, stage: S) -> (usize, f64) {
    let found = measures.steps[stage.position()];
    (found.count, found.value)
}

#[test]
fn each_step_counts_the_cases_that_passed_its_gate() {
    let histories = vec![
        // Committed with positive cases all the way.
        history(
            "1",
            Some(300.0),
            "EUR",
            vec![
                mark(0.0, S::BusinessReview, true, true, false),
                mark(1.0, S::Commitment, true, true, false),
            ],
        ),
        // Moved to the projects review without a positive high-level case.
        history(
            "2",
            Some(200.0),
            "EUR",
            vec![
                mark(0.0, S::BusinessReview, false, false, false),
                mark(1.0, S::ProjectsReview, false, false, false),
            ],
        ),
        // Negative NPV: counts, worth 0.
        history(
            "3",
            Some(-50.0),
            "EUR",
            vec![mark(0.0, S::BusinessReview, false, false, false)],
        ),
        // Dropped at the high-level step after a positive case.
        history(
            "4",
            Some(80.0),
            "EUR",
            vec![
                mark(0.0, S::HighLevelCase, true, false, false),
                mark(2.0, S::HighLevelCase, true, false, true),
            ],
        ),
        // Another currency.
        history(
            "5",
            Some(1000.0),
            "USD",
            vec![mark(0.0, S::Decision, true, true, false)],
        ),
    ];
    let found = evaluate(&histories, START_MS + 10.0 * MS_PER_DAY).unwrap();
    assert_eq!(found.measures.len(), 2);
    let eur = &found.measures[0];
    assert_eq!(eur.currency, "EUR");
    assert_eq!(step(eur, S::BusinessReview), (4, 580.0));
    assert_eq!(
        step(eur, S::HighLevelCase),
        (2, 380.0),
        "case 2 passed no gate"
    );
    assert_eq!(step(eur, S::ProjectsReview), (2, 500.0));
    assert_eq!(step(eur, S::DetailedCase), (1, 300.0));
    assert_eq!(step(eur, S::Decision), (1, 300.0));
    assert_eq!(step(eur, S::Commitment), (1, 300.0));
    assert_eq!((eur.dropped, eur.dropped_value), (1, 80.0));
    let usd = &found.measures[1];
    assert_eq!(step(usd, S::Decision), (1, 1000.0));
    assert_eq!(step(usd, S::Commitment), (0, 0.0));
    assert_eq!(found.pipeline.cases.len(), 5);
}

#[test]
fn no_cases_give_no_currency() {
    let found = evaluate(&[], START_MS).unwrap();
    assert!(found.measures.is_empty());
    assert!(found.pipeline.cases.is_empty());
}
