//! Property tests of the scoring module: for random scorecards and values
//! (NaN and infinity included) a score lies within [0, 100], the measures'
//! contributions add up to it, every measure's points lie within [0, 100],
//! and nothing panics; for random pipelines every metric is finite, counts
//! never grow along the stages and conversions lie within [0, 1].
//!
//! NaN and ±infinity values count as missing (see `MissingPolicy`); invalid
//! scorecards are rejected with diagnostics, never scored.

// A panic in a test is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use yardstick_core::scoring::{
    evaluate_pipeline, score, Comparison, Direction, GradeBand, Measure, MeasureSource,
    MeasureStatus, MissingPolicy, PipelineProject, PipelineStage, ScoreInputs, ScoreResult,
    Scorecard, ScoringError, ScoringRule, StageEvent, StageOutcome, ThresholdBand, Verdict,
    VerdictThresholds,
};

/// Any f64: normal, subnormal, zero, infinite and NaN.
fn any_f64() -> impl Strategy<Value = f64> {
    proptest::num::f64::ANY
}

/// Mostly ordinary numbers, sometimes anything at all.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6f64..1e6,
        1 => any_f64(),
        1 => prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0]),
    ]
}

fn comparison() -> impl Strategy<Value = Comparison> {
    prop::sample::select(vec![
        Comparison::GreaterThan,
        Comparison::GreaterOrEqual,
        Comparison::LessThan,
        Comparison::LessOrEqual,
        Comparison::Equal,
        Comparison::NotEqual,
    ])
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![Direction::HigherIsBetter, Direction::LowerIsBetter])
}

/// A rule that passes validation.
fn valid_rule() -> impl Strategy<Value = ScoringRule> {
    prop_oneof![
        (
            prop::collection::vec((-1e3f64..1e3, 0.0f64..=100.0), 1..6),
            direction()
        )
            .prop_map(|(mut raw, direction)| {
                raw.sort_by(|a, b| a.0.total_cmp(&b.0));
                raw.dedup_by(|a, b| a.0 == b.0);
                if direction == Direction::HigherIsBetter {
                    raw.reverse();
                }
                let bands = raw
                    .into_iter()
                    .enumerate()
                    .map(|(i, (bound, points_0_to_100))| ThresholdBand {
                        bound,
                        points_0_to_100,
                        label: format!("band{i}"),
                    })
                    .collect();
                ScoringRule::Thresholds { bands, direction }
            }),
        (-1e6f64..1e6, -1e6f64..1e6).prop_map(|(worst, best)| {
            let best = if best == worst { worst + 1.0 } else { best };
            ScoringRule::Linear { worst, best }
        }),
        (prop::collection::vec(-1e6f64..1e6, 4), any::<bool>()).prop_map(|(mut anchors, lower)| {
            anchors.sort_by(f64::total_cmp);
            for i in 1..4 {
                if anchors[i] <= anchors[i - 1] {
                    anchors[i] = anchors[i - 1] + 1.0;
                }
            }
            if lower {
                anchors.reverse();
            }
            ScoringRule::BoundedLinear {
                floor: anchors[0],
                red_below: anchors[1],
                green_at: anchors[2],
                ceiling: anchors[3],
            }
        }),
        (comparison(), -1e6f64..1e6)
            .prop_map(|(pass_if, threshold)| ScoringRule::Boolean { pass_if, threshold }),
        (-1e6f64..1e6, -1e6f64..1e6, 0.0f64..=100.0, 0.0f64..=100.0).prop_map(
            |(worst, best, a, b)| ScoringRule::ClampedLinear {
                worst,
                best: if best == worst { worst + 1.0 } else { best },
                floor_points: a.min(b),
                ceiling_points: a.max(b),
            }
        ),
    ]
}

/// Any rule at all, parameters NaN and infinity included.
fn any_rule() -> impl Strategy<Value = ScoringRule> {
    prop_oneof![
        valid_rule(),
        (
            prop::collection::vec((any_f64(), any_f64()), 0..5),
            direction()
        )
            .prop_map(|(raw, direction)| ScoringRule::Thresholds {
                bands: raw
                    .into_iter()
                    .map(|(bound, points_0_to_100)| ThresholdBand {
                        bound,
                        points_0_to_100,
                        label: String::new(),
                    })
                    .collect(),
                direction,
            }),
        (any_f64(), any_f64()).prop_map(|(worst, best)| ScoringRule::Linear { worst, best }),
        (any_f64(), any_f64(), any_f64(), any_f64()).prop_map(|(a, b, c, d)| {
            ScoringRule::BoundedLinear {
                floor: a,
                red_below: b,
                green_at: c,
                ceiling: d,
            }
        }),
        (comparison(), any_f64())
            .prop_map(|(pass_if, threshold)| ScoringRule::Boolean { pass_if, threshold }),
        (any_f64(), any_f64(), any_f64(), any_f64()).prop_map(|(a, b, c, d)| {
            ScoringRule::ClampedLinear {
                worst: a,
                best: b,
                floor_points: c,
                ceiling_points: d,
            }
        }),
    ]
}

fn policy() -> impl Strategy<Value = MissingPolicy> {
    prop::sample::select(vec![
        MissingPolicy::Exclude,
        MissingPolicy::ScoreZero,
        MissingPolicy::Fail,
    ])
}

fn scorecard_from(
    rules: Vec<(ScoringRule, f64, bool)>,
    policy: MissingPolicy,
    grades: Vec<GradeBand>,
    verdict_thresholds: VerdictThresholds,
) -> Scorecard {
    let measures = rules
        .into_iter()
        .enumerate()
        .map(|(i, (rule, weight, gate))| Measure {
            id: format!("m{i}"),
            label: format!("Measure {i}"),
            source: MeasureSource::Output(format!("m{i}")),
            rule,
            weight,
            gate,
        })
        .collect();
    Scorecard {
        id: "prop".into(),
        title: "Property".into(),
        measures,
        grades,
        missing_policy: policy,
        verdict_thresholds,
    }
}

/// A scorecard that passes validation.
fn valid_scorecard() -> impl Strategy<Value = Scorecard> {
    let weight = prop_oneof![3 => 0.0f64..100.0, 1 => Just(0.0), 1 => 0.0f64..f64::MAX];
    (
        prop::collection::vec((valid_rule(), weight, any::<bool>()), 1..8),
        policy(),
        prop::collection::vec(0.0f64..100.0, 0..4),
        0.0f64..=100.0,
        0.0f64..=100.0,
    )
        .prop_map(|(mut rules, policy, mut minimums, a, b)| {
            if rules.iter().all(|(_, weight, _)| *weight == 0.0) {
                rules[0].1 = 1.0;
            }
            minimums.push(0.0);
            minimums.sort_by(|x, y| y.total_cmp(x));
            minimums.dedup();
            let grades = minimums
                .into_iter()
                .enumerate()
                .map(|(i, min_score_0_to_100)| GradeBand {
                    label: format!("grade{i}"),
                    min_score_0_to_100,
                })
                .collect();
            let thresholds = VerdictThresholds {
                positive_at: a.max(b),
                marginal_at: a.min(b),
            };
            scorecard_from(rules, policy, grades, thresholds)
        })
}

/// Any scorecard, usually invalid.
fn any_scorecard() -> impl Strategy<Value = Scorecard> {
    (
        prop::collection::vec((any_rule(), value(), any::<bool>()), 0..6),
        policy(),
        prop::collection::vec(any_f64(), 0..3),
        any_f64(),
        any_f64(),
    )
        .prop_map(|(rules, policy, minimums, positive_at, marginal_at)| {
            let grades = minimums
                .into_iter()
                .map(|min_score_0_to_100| GradeBand {
                    label: "g".into(),
                    min_score_0_to_100,
                })
                .collect();
            let thresholds = VerdictThresholds {
                positive_at,
                marginal_at,
            };
            scorecard_from(rules, policy, grades, thresholds)
        })
}

/// Values for measures m0..m7, some absent.
fn inputs() -> impl Strategy<Value = ScoreInputs> {
    prop::collection::vec(prop::option::weighted(0.8, value()), 8).prop_map(|values| {
        let mut inputs = ScoreInputs::new();
        for (i, value) in values.into_iter().enumerate() {
            if let Some(value) = value {
                inputs.set_output(&format!("m{i}"), value);
            }
        }
        inputs
    })
}

fn assert_invariants(card: &Scorecard, result: &ScoreResult) {
    let score = result.score_0_to_100;
    assert!(
        score.is_finite() && (0.0..=100.0).contains(&score),
        "score {score}"
    );
    let sum: f64 = result.measures.iter().map(|m| m.contribution).sum();
    assert!(
        (sum - score).abs() <= 1e-9,
        "contributions {sum} vs score {score}"
    );
    let shares: f64 = result.measures.iter().map(|m| m.weight_share).sum();
    assert!((shares - 1.0).abs() <= 1e-9, "shares add up to {shares}");
    for measure in &result.measures {
        let points = measure.points_0_to_100;
        assert!(
            points.is_finite() && (0.0..=100.0).contains(&points),
            "points {points}"
        );
        assert!((0.0..=1.0).contains(&measure.weight_share));
        assert!(measure.contribution.is_finite() && measure.contribution >= 0.0);
        assert_eq!(
            measure.value.is_some(),
            measure.status == MeasureStatus::Scored
        );
        assert!(measure.value.map_or(true, f64::is_finite));
    }
    assert!(card.grades.iter().any(|g| g.label == result.grade));
    if !result.failed_gate_ids.is_empty() {
        assert_eq!(result.verdict, Verdict::Negative);
    }
}

proptest! {
    #[test]
    fn rules_give_points_within_bounds_for_any_value(rule in any_rule(), value in any_f64()) {
        let points = rule.points(value).points_0_to_100;
        prop_assert!(points.is_finite() && (0.0..=100.0).contains(&points), "{points}");
    }

    #[test]
    fn valid_scorecards_score_within_bounds(card in valid_scorecard(), inputs in inputs()) {
        prop_assert!(card.validate().is_empty(), "{:?}", card.validate());
        match score(&card, &inputs) {
            Ok(result) => assert_invariants(&card, &result),
            Err(ScoringError::MissingValues { measure_ids }) => {
                prop_assert_eq!(card.missing_policy, MissingPolicy::Fail);
                prop_assert!(!measure_ids.is_empty());
            }
            Err(ScoringError::NothingToScore { .. }) => {
                prop_assert_eq!(card.missing_policy, MissingPolicy::Exclude);
            }
            Err(error) => prop_assert!(false, "unexpected {error}"),
        }
    }

    #[test]
    fn any_scorecard_scores_or_explains_without_panicking(
        card in any_scorecard(),
        inputs in inputs(),
    ) {
        let diagnostics = card.validate();
        match score(&card, &inputs) {
            Ok(result) => {
                prop_assert!(diagnostics.is_empty());
                assert_invariants(&card, &result);
            }
            Err(ScoringError::InvalidScorecard { diagnostics: reported }) => {
                prop_assert!(!reported.is_empty());
                prop_assert_eq!(reported, diagnostics);
            }
            Err(error) => {
                prop_assert!(diagnostics.is_empty());
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }
}

fn stage() -> impl Strategy<Value = PipelineStage> {
    prop::sample::select(PipelineStage::ALL.to_vec())
}

/// Timestamps near the as-of time, and sometimes anything at all.
fn timestamp() -> impl Strategy<Value = f64> {
    prop_oneof![8 => 0.0f64..1e10, 1 => any_f64()]
}

fn any_project() -> impl Strategy<Value = PipelineProject> {
    let event = (
        stage(),
        timestamp(),
        prop::option::weighted(0.2, timestamp()),
    )
        .prop_map(|(stage, entered_at_ms, dropped)| StageEvent {
            stage,
            entered_at_ms,
            outcome: dropped.map(|dropped_at_ms| StageOutcome::Dropped { dropped_at_ms }),
        });
    (
        "[a-c]{0,2}",
        prop_oneof![4 => 0.0f64..1e9, 1 => value()],
        prop::collection::vec(event, 0..8),
    )
        .prop_map(|(id, value, events)| PipelineProject { id, value, events })
}

/// A project that passes validation: a run of stages entered in order,
/// possibly skipping some, possibly dropped at the last.
fn valid_project(id: usize) -> impl Strategy<Value = PipelineProject> {
    (
        0.0f64..1e9,
        prop::collection::vec((any::<bool>(), 0.0f64..1e8), 6),
        any::<bool>(),
    )
        .prop_map(move |(value, steps, drop)| {
            let mut time_ms = 0.0;
            let mut events: Vec<StageEvent> = Vec::new();
            for (stage, (present, gap_ms)) in PipelineStage::ALL.into_iter().zip(steps) {
                time_ms += gap_ms;
                if present || events.is_empty() {
                    events.push(StageEvent {
                        stage,
                        entered_at_ms: time_ms,
                        outcome: None,
                    });
                }
            }
            if drop {
                if let Some(last) = events.last_mut() {
                    last.outcome = Some(StageOutcome::Dropped {
                        dropped_at_ms: last.entered_at_ms + 1.0,
                    });
                }
            }
            events.reverse();
            PipelineProject {
                id: format!("p{id}"),
                value,
                events,
            }
        })
}

fn assert_pipeline_invariants(
    report: &yardstick_core::scoring::PipelineReport,
    project_count: usize,
) {
    assert_eq!(report.stages.len(), 6);
    assert_eq!(
        report.included_project_count + report.excluded_project_ids.len(),
        project_count
    );
    let mut previous_count = report.included_project_count;
    for metrics in &report.stages {
        assert!(metrics.count <= previous_count);
        previous_count = metrics.count;
        assert!(metrics.value.is_finite() && metrics.value >= 0.0);
        assert!(
            metrics.skipped_count + metrics.open_count + metrics.dropped_count <= metrics.count
        );
        for ratio in [
            metrics.conversion_from_previous,
            metrics.value_conversion_from_previous,
        ]
        .into_iter()
        .flatten()
        {
            assert!((0.0..=1.0).contains(&ratio), "ratio {ratio}");
        }
        for days in [metrics.median_days_in_stage, metrics.mean_days_in_stage]
            .into_iter()
            .flatten()
        {
            assert!(days.is_finite() && days >= 0.0, "days {days}");
        }
    }
    assert_eq!(report.stages[0].count, report.included_project_count);
}

proptest! {
    #[test]
    fn any_pipeline_reports_without_panicking(
        projects in prop::collection::vec(any_project(), 0..12),
        as_of_ms in prop_oneof![9 => Just(1.2e10), 1 => any_f64()],
    ) {
        match evaluate_pipeline(&projects, as_of_ms) {
            Ok(report) => assert_pipeline_invariants(&report, projects.len()),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn valid_pipelines_include_every_project(
        projects in (0usize..10).prop_flat_map(|n| {
            (0..n).map(valid_project).collect::<Vec<_>>()
        }),
    ) {
        let report = evaluate_pipeline(&projects, 1e10).unwrap();
        prop_assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        assert_pipeline_invariants(&report, projects.len());
        prop_assert_eq!(report.included_project_count, projects.len());
        let committed = projects
            .iter()
            .filter(|p| p.events.iter().any(|e| e.stage == PipelineStage::Commitment))
            .count();
        prop_assert_eq!(report.stages[5].count, committed);
    }
}
