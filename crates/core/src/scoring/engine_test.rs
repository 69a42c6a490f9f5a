//! Unit tests of the scoring engine: weighting, the breakdown, grades,
//! verdicts and gates, and missing values under each policy.

use super::*;
use crate::scoring::rule::{Comparison, Direction, ScoringRule, MAX_POINTS};
use crate::scoring::scorecard::Measure;
use crate::scoring::testing::{band, linear, measure, scorecard};

fn inputs(values: &[(&str, f64)]) -> ScoreInputs {
    let mut inputs = ScoreInputs::new();
    for (id, value) in values {
        inputs.set_output(id, *value);
    }
    inputs
}

/// Scores and compares the score (to 1e-9) and the grade; returns the result.
fn check(scorecard: &Scorecard, values: &[(&str, f64)], score: f64, grade: &str) -> ScoreResult {
    let result = super::score(scorecard, &inputs(values)).unwrap();
    assert!(
        (result.score_0_to_100 - score).abs() < 1e-9,
        "score {} expected {score}",
        result.score_0_to_100
    );
    assert_eq!(result.grade, grade);
    let sum: f64 = result.measures.iter().map(|m| m.contribution).sum();
    assert!((sum - result.score_0_to_100).abs() < 1e-9);
    result
}

fn gate(id: &str, weight: f64) -> Measure {
    Measure {
        gate: true,
        ..measure(
            id,
            ScoringRule::Boolean {
                pass_if: Comparison::GreaterThan,
                threshold: 0.0,
            },
            weight,
        )
    }
}

fn two_measures() -> Scorecard {
    scorecard(vec![
        measure("a", linear(0.0, 10.0), 3.0),
        measure("b", linear(0.0, 10.0), 1.0),
    ])
}

#[test]
fn weights_are_normalised() {
    let result = check(&two_measures(), &[("a", 10.0), ("b", 0.0)], 75.0, "good");
    let a = &result.measures[0];
    assert_eq!(a.status, MeasureStatus::Scored);
    assert_eq!((a.value, a.points_0_to_100), (Some(10.0), 100.0));
    assert_eq!(
        (a.weight, a.effective_weight, a.weight_share),
        (3.0, 3.0, 0.75)
    );
    assert_eq!(a.contribution, 75.0);
    assert_eq!(result.measures[1].contribution, 0.0);
    check(&two_measures(), &[("a", 5.0), ("b", 5.0)], 50.0, "fair");
    check(&two_measures(), &[("a", 0.0), ("b", 4.0)], 10.0, "poor");
}

#[test]
fn perfect_and_zero_scores_hit_the_bounds() {
    check(&two_measures(), &[("a", 99.0), ("b", 10.0)], 100.0, "good");
    check(&two_measures(), &[("a", -1.0), ("b", -1e300)], 0.0, "poor");
}

#[test]
fn zero_weight_measures_are_shown_but_do_not_count() {
    let card = scorecard(vec![
        measure("a", linear(0.0, 10.0), 1.0),
        measure("info", linear(0.0, 10.0), 0.0),
    ]);
    let result = check(&card, &[("a", 5.0), ("info", 10.0)], 50.0, "fair");
    assert_eq!(result.measures[1].points_0_to_100, 100.0);
    assert_eq!(result.measures[1].contribution, 0.0);
}

#[test]
fn huge_weights_do_not_overflow() {
    let card = scorecard(vec![
        measure("a", linear(0.0, 10.0), f64::MAX),
        measure("b", linear(0.0, 10.0), f64::MAX),
        measure("c", linear(0.0, 10.0), f64::MIN_POSITIVE),
    ]);
    check(&card, &[("a", 10.0), ("b", 0.0), ("c", 10.0)], 50.0, "fair");
}

#[test]
fn missing_values_are_excluded_and_weights_renormalised() {
    let result = check(&two_measures(), &[("b", 5.0)], 50.0, "fair");
    let a = &result.measures[0];
    assert_eq!(a.status, MeasureStatus::Excluded);
    assert_eq!(
        (a.value, a.effective_weight, a.weight_share),
        (None, 0.0, 0.0)
    );
    assert_eq!(result.measures[1].weight_share, 1.0);
}

#[test]
fn non_finite_values_count_as_missing() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let result = check(&two_measures(), &[("a", bad), ("b", 5.0)], 50.0, "fair");
        assert_eq!(result.measures[0].status, MeasureStatus::Excluded);
        assert_eq!(result.measures[0].value, None);
    }
}

#[test]
fn missing_values_score_zero_at_full_weight() {
    let mut card = two_measures();
    card.missing_policy = MissingPolicy::ScoreZero;
    let result = check(&card, &[("b", 10.0)], 25.0, "poor");
    let a = &result.measures[0];
    assert_eq!(a.status, MeasureStatus::Missing);
    assert_eq!(
        (a.effective_weight, a.weight_share, a.points_0_to_100),
        (3.0, 0.75, 0.0)
    );
}

#[test]
fn missing_values_fail_when_required() {
    let mut card = two_measures();
    card.missing_policy = MissingPolicy::Fail;
    assert_eq!(
        score(&card, &inputs(&[])),
        Err(ScoringError::MissingValues {
            measure_ids: vec!["a".into(), "b".into()]
        })
    );
    assert_eq!(
        score(&card, &inputs(&[("a", 1.0), ("b", f64::NAN)])),
        Err(ScoringError::MissingValues {
            measure_ids: vec!["b".into()]
        })
    );
    check(&card, &[("a", 10.0), ("b", 10.0)], 100.0, "good");
}

#[test]
fn excluding_every_weighted_measure_leaves_nothing_to_score() {
    let card = scorecard(vec![
        measure("a", linear(0.0, 10.0), 1.0),
        measure("info", linear(0.0, 10.0), 0.0),
    ]);
    assert_eq!(
        score(&card, &inputs(&[("info", 3.0)])),
        Err(ScoringError::NothingToScore {
            excluded_measure_ids: vec!["a".into()]
        })
    );
}

#[test]
fn all_zero_weights_are_an_error_not_nan() {
    let card = scorecard(vec![measure("a", linear(0.0, 10.0), 0.0)]);
    let Err(ScoringError::InvalidScorecard { diagnostics }) = score(&card, &inputs(&[("a", 5.0)]))
    else {
        panic!("expected an invalid scorecard");
    };
    assert_eq!(
        diagnostics[0].code,
        crate::scoring::ScorecardDiagnosticCode::AllWeightsZero
    );
}

#[test]
fn verdict_follows_the_thresholds() {
    let card = scorecard(vec![measure("a", linear(0.0, 100.0), 1.0)]);
    let verdict = |value: f64| score(&card, &inputs(&[("a", value)])).unwrap().verdict;
    assert_eq!(verdict(60.0), Verdict::Positive);
    assert_eq!(verdict(59.9), Verdict::Marginal);
    assert_eq!(verdict(40.0), Verdict::Marginal);
    assert_eq!(verdict(39.9), Verdict::Negative);
    assert_eq!(Verdict::Marginal.as_str(), "marginal");
}

#[test]
fn a_failed_gate_makes_the_verdict_negative_whatever_the_score() {
    let card = scorecard(vec![
        gate("npv", 1.0),
        measure("irr", linear(0.0, 1.0), 9.0),
    ]);
    let result = check(&card, &[("npv", 0.0), ("irr", 1.0)], 90.0, "good");
    assert_eq!(result.verdict, Verdict::Negative);
    assert_eq!(result.failed_gate_ids, ["npv"]);
    let result = check(&card, &[("npv", 1.0), ("irr", 1.0)], 100.0, "good");
    assert_eq!(result.verdict, Verdict::Positive);
    assert!(result.failed_gate_ids.is_empty());
}

#[test]
fn a_missing_gate_fails_under_every_policy_that_scores() {
    for policy in [MissingPolicy::Exclude, MissingPolicy::ScoreZero] {
        let mut card = scorecard(vec![
            gate("npv", 0.0),
            measure("irr", linear(0.0, 1.0), 1.0),
        ]);
        card.missing_policy = policy;
        let result = score(&card, &inputs(&[("irr", 1.0)])).unwrap();
        assert_eq!(result.score_0_to_100, 100.0);
        assert_eq!(result.verdict, Verdict::Negative, "{policy:?}");
        assert_eq!(result.failed_gate_ids, ["npv"]);
    }
}

#[test]
fn the_method_forms_agree_with_the_functions() {
    let card = two_measures();
    assert!(card.validate().is_empty());
    let values = inputs(&[("a", 5.0), ("b", 5.0)]);
    assert_eq!(card.score(&values), score(&card, &values));
}

#[test]
fn band_labels_travel_into_the_result() {
    let card = scorecard(vec![measure(
        "irr",
        ScoringRule::Thresholds {
            bands: vec![crate::scoring::testing::band(0.15, 100.0, "excellent")],
            direction: crate::scoring::Direction::HigherIsBetter,
        },
        1.0,
    )]);
    let result = check(&card, &[("irr", 0.2)], 100.0, "good");
    assert_eq!(result.measures[0].band_label.as_deref(), Some("excellent"));
    let result = check(&card, &[("irr", 0.1)], 0.0, "poor");
    assert_eq!(result.measures[0].band_label, None);
}

#[test]
fn the_score_is_bit_for_bit_the_sum_of_the_contributions() {
    // A band may award -0.0 points (it lies within [0, 100]); when every
    // contribution is -0.0 the total keeps the sign `Sum` gives it.
    let negative_zero = ScoringRule::Thresholds {
        bands: vec![band(0.0, -0.0, "none")],
        direction: Direction::HigherIsBetter,
    };
    let zero_points = scorecard(vec![
        measure("a", negative_zero.clone(), 1.0),
        measure("b", negative_zero, 2.0),
    ]);
    let cases: [(&Scorecard, &[(&str, f64)]); 4] = [
        (&zero_points, &[("a", 1.0), ("b", 2.0)]),
        (&two_measures(), &[("a", 1.0 / 3.0), ("b", 2.0 / 3.0)]),
        (&two_measures(), &[("a", 0.0), ("b", 0.0)]),
        (&two_measures(), &[("a", 7.0), ("b", 10.0)]),
    ];
    for (card, values) in cases {
        let result = super::score(card, &inputs(values)).unwrap();
        let sum: f64 = result.measures.iter().map(|m| m.contribution).sum();
        assert_eq!(
            result.score_0_to_100.to_bits(),
            sum.clamp(0.0, MAX_POINTS).to_bits(),
            "{values:?}"
        );
    }
    let all_negative_zero = super::score(&zero_points, &inputs(&[("a", 1.0), ("b", 2.0)]));
    assert!(all_negative_zero.unwrap().score_0_to_100.is_sign_negative());
}
