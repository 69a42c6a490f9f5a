//! Unit tests of the default business-case scorecard and of reading a score
//! as a positive high-level or detailed case.

use super::*;
use crate::scoring::engine::score;
use crate::scoring::scorecard::ScoreInputs;
use crate::scoring::validate::ScorecardDiagnosticCode;

struct Case {
    npv: f64,
    irr: f64,
    payback_months: f64,
    probability_npv_positive: f64,
    strategic_fit: f64,
}

fn inputs(case: &Case) -> ScoreInputs {
    let mut inputs = ScoreInputs::new();
    inputs
        .set_output(OUTPUT_NPV, case.npv)
        .set_output(OUTPUT_IRR, case.irr)
        .set_output(OUTPUT_PAYBACK_MONTHS, case.payback_months)
        .set_supplied(
            SUPPLIED_PROBABILITY_NPV_POSITIVE,
            case.probability_npv_positive,
        )
        .set_supplied(SUPPLIED_STRATEGIC_FIT, case.strategic_fit);
    inputs
}

/// Scores a case on the default scorecard and checks score, grade, verdict
/// and each measure's points (npv, irr, payback, risk, strategic_fit).
fn check(
    case: &Case,
    expected_score: f64,
    grade: &str,
    verdict: Verdict,
    points: [f64; 5],
) -> ScoreResult {
    let card = default_business_case_scorecard(BusinessCaseScorecardOptions::default());
    let result = score(&card, &inputs(case)).unwrap();
    assert!(
        (result.score_0_to_100 - expected_score).abs() < 1e-9,
        "score {} expected {expected_score}",
        result.score_0_to_100
    );
    assert_eq!((result.grade.as_str(), result.verdict), (grade, verdict));
    for (measure, expected) in result.measures.iter().zip(points) {
        assert!(
            (measure.points_0_to_100 - expected).abs() < 1e-9,
            "{}: {} expected {expected}",
            measure.id,
            measure.points_0_to_100
        );
    }
    result
}

#[test]
fn a_strong_case_is_positive() {
    // IRR 17.5% is halfway from 10% to 25%; payback 9 of 36 months leaves
    // 75%; probability 0.8 is 75% of the way from 0.5 to 0.9; fit 4 is 75%.
    let case = Case {
        npv: 250_000.0,
        irr: 0.175,
        payback_months: 9.0,
        probability_npv_positive: 0.8,
        strategic_fit: 4.0,
    };
    // (20×100 + 25×50 + 20×75 + 20×75 + 15×75) / 100 = 73.75
    check(
        &case,
        73.75,
        "B",
        Verdict::Positive,
        [100.0, 50.0, 75.0, 75.0, 75.0],
    );
}

#[test]
fn a_negative_npv_fails_the_gate_whatever_the_rest() {
    let case = Case {
        npv: -1.0,
        irr: 0.5,
        payback_months: 0.0,
        probability_npv_positive: 1.0,
        strategic_fit: 5.0,
    };
    let result = check(
        &case,
        80.0,
        "A",
        Verdict::Negative,
        [0.0, 100.0, 100.0, 100.0, 100.0],
    );
    assert_eq!(result.failed_gate_ids, ["npv"]);
}

#[test]
fn payback_beyond_the_limit_and_irr_below_the_hurdle_score_nothing() {
    let case = Case {
        npv: 10.0,
        irr: 0.05,
        payback_months: 48.0,
        probability_npv_positive: 0.4,
        strategic_fit: 1.0,
    };
    check(
        &case,
        20.0,
        "D",
        Verdict::Negative,
        [100.0, 0.0, 0.0, 0.0, 0.0],
    );
}

#[test]
fn missing_values_score_zero_by_default() {
    let card = default_business_case_scorecard(BusinessCaseScorecardOptions::default());
    let mut values = inputs(&Case {
        npv: 1.0,
        irr: f64::NAN,                 // no IRR exists
        payback_months: f64::INFINITY, // never pays back
        probability_npv_positive: 0.9,
        strategic_fit: 5.0,
    });
    values.remove(&crate::scoring::MeasureSource::Supplied(
        SUPPLIED_STRATEGIC_FIT.into(),
    ));
    let result = score(&card, &values).unwrap();
    assert!((result.score_0_to_100 - 40.0).abs() < 1e-9);
    assert_eq!(result.verdict, Verdict::Marginal);
}

#[test]
fn options_shape_the_rules() {
    let options = BusinessCaseScorecardOptions {
        hurdle_rate: 0.08,
        irr_full_points_above_hurdle: 0.10,
        payback_limit_months: 24.0,
        ..BusinessCaseScorecardOptions::default()
    };
    let card = default_business_case_scorecard(options);
    assert!(card.validate().is_empty());
    let irr = card.measures.iter().find(|m| m.id == "irr").unwrap();
    assert_eq!(
        irr.rule,
        ScoringRule::Linear {
            worst: 0.08,
            best: 0.18
        }
    );
    let payback = card.measures.iter().find(|m| m.id == "payback").unwrap();
    assert_eq!(
        payback.rule,
        ScoringRule::Linear {
            worst: 24.0,
            best: 0.0
        }
    );
    assert_eq!(card.missing_policy, MissingPolicy::ScoreZero);
}

#[test]
fn nonsensical_options_are_reported_when_scored() {
    let options = BusinessCaseScorecardOptions {
        payback_limit_months: 0.0,
        hurdle_rate: f64::NAN,
        ..BusinessCaseScorecardOptions::default()
    };
    let card = default_business_case_scorecard(options);
    let codes: Vec<(ScorecardDiagnosticCode, String)> = card
        .validate()
        .into_iter()
        .map(|d| (d.code, d.path))
        .collect();
    assert_eq!(
        codes,
        [
            (
                ScorecardDiagnosticCode::NonFiniteNumber,
                "measures[1].rule.worst".to_string()
            ),
            (
                ScorecardDiagnosticCode::NonFiniteNumber,
                "measures[1].rule.best".to_string()
            ),
            (
                ScorecardDiagnosticCode::WorstEqualsBest,
                "measures[2].rule".to_string()
            ),
        ]
    );
}

fn scored(npv: f64, strategic_fit: Option<f64>) -> ScoreResult {
    let card = default_business_case_scorecard(BusinessCaseScorecardOptions::default());
    let mut values = inputs(&Case {
        npv,
        irr: 0.25,
        payback_months: 6.0,
        probability_npv_positive: 0.9,
        strategic_fit: strategic_fit.unwrap_or(f64::NAN),
    });
    if strategic_fit.is_none() {
        values.remove(&crate::scoring::MeasureSource::Supplied(
            SUPPLIED_STRATEGIC_FIT.into(),
        ));
    }
    score(&card, &values).unwrap()
}

#[test]
fn high_level_cases_may_have_gaps_detailed_ones_may_not() {
    let gap = scored(1.0, None);
    assert_eq!(gap.verdict, Verdict::Positive);
    let high_level = business_case_stage(&gap, CaseDepth::HighLevel);
    assert_eq!(
        high_level,
        CaseVerdict {
            stage: PipelineStage::HighLevelCase,
            positive: true,
            verdict: Verdict::Positive,
            missing_measure_ids: vec!["strategic_fit".into()],
        }
    );
    let detailed = business_case_stage(&gap, CaseDepth::Detailed);
    assert_eq!(detailed.stage, PipelineStage::DetailedCase);
    assert!(!detailed.positive);

    let complete = scored(1.0, Some(3.0));
    assert!(business_case_stage(&complete, CaseDepth::Detailed).positive);
}

#[test]
fn a_failed_gate_is_never_a_positive_case() {
    let result = scored(0.0, Some(5.0));
    for depth in [CaseDepth::HighLevel, CaseDepth::Detailed] {
        let verdict = business_case_stage(&result, depth);
        assert!(!verdict.positive);
        assert_eq!(verdict.verdict, Verdict::Negative);
    }
}

#[test]
fn is_positive_case_agrees_with_business_case_stage() {
    for result in [
        scored(1.0, None),
        scored(1.0, Some(3.0)),
        scored(0.0, Some(5.0)),
        scored(1.0, Some(1.0)),
    ] {
        for depth in [CaseDepth::HighLevel, CaseDepth::Detailed] {
            assert_eq!(
                is_positive_case(&result, depth),
                business_case_stage(&result, depth).positive,
                "{depth:?}, {result:?}"
            );
        }
    }
}

/// A number options may hold: ordinary, zero, negative, NaN or infinite, so
/// every diagnostic the options can cause comes up (equal worst and best
/// from a zero IRR span or a zero payback limit, among others).
fn option_number() -> impl proptest::strategy::Strategy<Value = f64> {
    use proptest::prelude::*;
    prop_oneof![
        -2.0f64..50.0,
        Just(0.0),
        Just(-1.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
    ]
}

proptest::proptest! {
    /// `BusinessCaseScorecard::new` refuses exactly what the general
    /// validator refuses, with the same diagnostics in the same order.
    #[test]
    fn business_case_scorecard_validates_as_the_general_validator(
        numbers in proptest::collection::vec(option_number(), 10),
    ) {
        let number = |i: usize| numbers.get(i).copied().unwrap_or(0.0);
        let options = BusinessCaseScorecardOptions {
            hurdle_rate: number(0),
            irr_full_points_above_hurdle: number(1),
            payback_limit_months: number(2),
            weights: BusinessCaseWeights {
                npv: number(3),
                irr: number(4),
                payback: number(5),
                risk: number(6),
                strategic_fit: number(7),
            },
            missing_policy: MissingPolicy::ScoreZero,
            verdict_thresholds: VerdictThresholds {
                positive_at: number(8),
                marginal_at: number(9),
            },
        };
        let expected = crate::scoring::validate_scorecard(&default_business_case_scorecard(options));
        match BusinessCaseScorecard::new(options) {
            Ok(card) => {
                proptest::prop_assert!(expected.is_empty(), "accepted, but {expected:?}");
                proptest::prop_assert_eq!(
                    card.scorecard(),
                    &default_business_case_scorecard(options)
                );
            }
            Err(diagnostics) => proptest::prop_assert_eq!(diagnostics, expected),
        }
    }
}

#[test]
fn a_validated_business_case_scorecard_scores_as_score_does() {
    let options = BusinessCaseScorecardOptions::default();
    let card = BusinessCaseScorecard::new(options).unwrap();
    let case = Case {
        npv: 1000.0,
        irr: 0.2,
        payback_months: 18.0,
        probability_npv_positive: 0.8,
        strategic_fit: 4.0,
    };
    assert_eq!(
        card.score(&inputs(&case)),
        score(&default_business_case_scorecard(options), &inputs(&case))
    );
    // Missing values are still handled by the policy, not refused.
    assert_eq!(
        card.score(&ScoreInputs::new()),
        score(
            &default_business_case_scorecard(options),
            &ScoreInputs::new()
        )
    );
}
