//! Unit tests of scorecard validation: each problem reported with its code
//! and path, all of them at once, and none for a valid scorecard.

use super::*;
use crate::scoring::rule::{Comparison, Direction, ScoringRule};
use crate::scoring::scorecard::MeasureSource;
use crate::scoring::testing::{band, grade, linear, measure, scorecard};
use ScorecardDiagnosticCode as Code;

/// Validates and compares the `(code, path)` pairs, in order.
fn check(scorecard: &Scorecard, expected: &[(Code, &str)]) {
    let got: Vec<(Code, String)> = validate_scorecard(scorecard)
        .into_iter()
        .map(|d| (d.code, d.path))
        .collect();
    let expected: Vec<(Code, String)> = expected
        .iter()
        .map(|(code, path)| (*code, path.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_valid_scorecard_has_no_diagnostics() {
    check(
        &scorecard(vec![measure("irr", linear(0.1, 0.25), 1.0)]),
        &[],
    );
}

#[test]
fn measures_and_weights() {
    check(&scorecard(vec![]), &[(Code::NoMeasures, "measures")]);
    check(
        &scorecard(vec![
            measure("a", linear(0.0, 1.0), 0.0),
            measure("a", linear(0.0, 1.0), 0.0),
        ]),
        &[
            (Code::DuplicateMeasureId, "measures[1].id"),
            (Code::AllWeightsZero, "measures"),
        ],
    );
    let mut empty_ids = measure("", linear(0.0, 1.0), 1.0);
    empty_ids.source = MeasureSource::Supplied(String::new());
    check(
        &scorecard(vec![
            empty_ids,
            measure("neg", linear(0.0, 1.0), -1.0),
            measure("nan", linear(0.0, 1.0), f64::NAN),
            measure("inf", linear(0.0, 1.0), f64::INFINITY),
        ]),
        &[
            (Code::EmptyId, "measures[0].id"),
            (Code::EmptyId, "measures[0].source"),
            (Code::InvalidWeight, "measures[1].weight"),
            (Code::InvalidWeight, "measures[2].weight"),
            (Code::InvalidWeight, "measures[3].weight"),
        ],
    );
}

#[test]
fn too_many_measures() {
    let measures = (0..=MAX_MEASURES)
        .map(|i| measure(&format!("m{i}"), linear(0.0, 1.0), 1.0))
        .collect();
    check(&scorecard(measures), &[(Code::TooManyItems, "measures")]);
}

#[test]
fn threshold_bands() {
    let thresholds = |bands, direction| ScoringRule::Thresholds { bands, direction };
    check(
        &scorecard(vec![
            measure("empty", thresholds(vec![], Direction::HigherIsBetter), 1.0),
            measure(
                "unsorted",
                thresholds(
                    vec![
                        band(0.1, 70.0, "b"),
                        band(0.15, 100.0, "a"),
                        band(0.15, 50.0, "c"),
                    ],
                    Direction::HigherIsBetter,
                ),
                1.0,
            ),
            measure(
                "lower",
                thresholds(
                    vec![band(24.0, 100.0, "fast"), band(12.0, 50.0, "slow")],
                    Direction::LowerIsBetter,
                ),
                1.0,
            ),
            measure(
                "numbers",
                thresholds(
                    vec![
                        band(f64::NAN, 101.0, "x"),
                        band(1.0, -1.0, "y"),
                        band(0.0, f64::NAN, "z"),
                    ],
                    Direction::HigherIsBetter,
                ),
                1.0,
            ),
        ]),
        &[
            (Code::NoBands, "measures[0].rule.bands"),
            (Code::BandsNotSorted, "measures[1].rule.bands[1]"),
            (Code::BandsNotSorted, "measures[1].rule.bands[2]"),
            (Code::BandsNotSorted, "measures[2].rule.bands[1]"),
            (Code::NonFiniteNumber, "measures[3].rule.bands[0].bound"),
            (
                Code::PointsOutOfRange,
                "measures[3].rule.bands[0].points_0_to_100",
            ),
            (
                Code::PointsOutOfRange,
                "measures[3].rule.bands[1].points_0_to_100",
            ),
            (
                Code::NonFiniteNumber,
                "measures[3].rule.bands[2].points_0_to_100",
            ),
        ],
    );
}

#[test]
fn linear_bounded_and_boolean_rules() {
    check(
        &scorecard(vec![
            measure("flat", linear(3.0, 3.0), 1.0),
            measure("nan", linear(f64::NAN, f64::INFINITY), 1.0),
            measure(
                "zigzag",
                ScoringRule::BoundedLinear {
                    floor: 0.0,
                    red_below: 0.5,
                    green_at: 0.4,
                    ceiling: 1.0,
                },
                1.0,
            ),
            measure(
                "descending",
                ScoringRule::BoundedLinear {
                    floor: 20.0,
                    red_below: 10.0,
                    green_at: 4.0,
                    ceiling: 0.0,
                },
                1.0,
            ),
            measure(
                "open",
                ScoringRule::BoundedLinear {
                    floor: 0.0,
                    red_below: 0.5,
                    green_at: 0.7,
                    ceiling: f64::INFINITY,
                },
                1.0,
            ),
            measure(
                "flag",
                ScoringRule::Boolean {
                    pass_if: Comparison::Equal,
                    threshold: f64::NAN,
                },
                1.0,
            ),
        ]),
        &[
            (Code::WorstEqualsBest, "measures[0].rule"),
            (Code::NonFiniteNumber, "measures[1].rule.worst"),
            (Code::NonFiniteNumber, "measures[1].rule.best"),
            (Code::AnchorsNotMonotonic, "measures[2].rule"),
            (Code::NonFiniteNumber, "measures[4].rule.ceiling"),
            (Code::NonFiniteNumber, "measures[5].rule.threshold"),
        ],
    );
}

#[test]
fn grades_and_verdict_thresholds() {
    let base = || scorecard(vec![measure("a", linear(0.0, 1.0), 1.0)]);
    let mut no_grades = base();
    no_grades.grades.clear();
    check(&no_grades, &[(Code::NoGrades, "grades")]);

    let mut bad_grades = base();
    bad_grades.grades = vec![
        grade("a", 120.0),
        grade("b", 120.0),
        grade("c", f64::NAN),
        grade("d", 10.0),
    ];
    check(
        &bad_grades,
        &[
            (Code::GradeScoreOutOfRange, "grades[0].min_score_0_to_100"),
            (Code::GradeScoreOutOfRange, "grades[1].min_score_0_to_100"),
            (Code::GradesNotSorted, "grades[1].min_score_0_to_100"),
            (Code::NonFiniteNumber, "grades[2].min_score_0_to_100"),
            (Code::LowestGradeAboveZero, "grades[3].min_score_0_to_100"),
        ],
    );

    let mut inverted = base();
    inverted.verdict_thresholds = VerdictThresholds {
        positive_at: 40.0,
        marginal_at: 60.0,
    };
    check(
        &inverted,
        &[(Code::InvalidVerdictThresholds, "verdict_thresholds")],
    );
    let mut nan = base();
    nan.verdict_thresholds.positive_at = f64::NAN;
    check(
        &nan,
        &[(Code::NonFiniteNumber, "verdict_thresholds.positive_at")],
    );
}

#[test]
fn diagnostics_read_well() {
    let diagnostics = validate_scorecard(&scorecard(vec![measure("a", linear(2.0, 2.0), 1.0)]));
    let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        ["measures[0].rule: worst and best are both 2; they must differ (worst-equals-best)"]
    );
}

#[test]
fn clamped_linear_rules() {
    let clamped = |worst, best, floor_points, ceiling_points| ScoringRule::ClampedLinear {
        worst,
        best,
        floor_points,
        ceiling_points,
    };
    check(
        &scorecard(vec![measure("a", clamped(0.0, 1.0, 10.0, 90.0), 1.0)]),
        &[],
    );
    check(
        &scorecard(vec![
            measure("a", clamped(1.0, 1.0, 10.0, 90.0), 1.0),
            measure("b", clamped(0.0, 1.0, -1.0, 101.0), 1.0),
            measure("c", clamped(0.0, 1.0, 60.0, 40.0), 1.0),
            measure("d", clamped(0.0, f64::NAN, 0.0, 100.0), 1.0),
        ]),
        &[
            (Code::WorstEqualsBest, "measures[0].rule"),
            (Code::PointsOutOfRange, "measures[1].rule.floor_points"),
            (Code::PointsOutOfRange, "measures[1].rule.ceiling_points"),
            (Code::FloorAboveCeiling, "measures[2].rule"),
            (Code::NonFiniteNumber, "measures[3].rule.best"),
        ],
    );
}
