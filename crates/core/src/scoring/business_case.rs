//! The default business-case scorecard (NPV gate, IRR over the hurdle
//! rate, payback within a limit, Monte Carlo risk, strategic fit) and the
//! reading of a score as a positive high-level or detailed business case.
//!
//! It only builds a [`Scorecard`] from options and reads a [`ScoreResult`];
//! it computes no NPV or IRR itself (the caller's model does) and never
//! rejects options here: a scorecard built from nonsensical options (a
//! payback limit of 0 months) is reported by validation when scored.

use super::engine::{MeasureStatus, ScoreResult, Verdict};
use super::error::ScoringError;
use super::pipeline::PipelineStage;
use super::rule::{Comparison, ScoringRule};
use super::scorecard::{
    GradeBand, Measure, MeasureSource, MissingPolicy, ScoreInputs, Scorecard, VerdictThresholds,
};
use super::validate::ScorecardDiagnostic;

/// Output id of the net present value (money).
pub const OUTPUT_NPV: &str = "npv";
/// Output id of the internal rate of return, as a fraction per year (0.12 = 12%).
pub const OUTPUT_IRR: &str = "irr";
/// Output id of the payback period in months.
pub const OUTPUT_PAYBACK_MONTHS: &str = "payback_months";
/// Supplied id of the Monte Carlo probability that NPV > 0, from 0 to 1.
pub const SUPPLIED_PROBABILITY_NPV_POSITIVE: &str = "probability_npv_positive";
/// Supplied id of the strategic fit rated by hand from 1 (poor) to 5 (excellent).
pub const SUPPLIED_STRATEGIC_FIT: &str = "strategic_fit";

/// The id of the default business-case scorecard.
pub const BUSINESS_CASE_SCORECARD_ID: &str = "business-case";

/// Relative weights of the default measures (any non-negative numbers;
/// they are normalised).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BusinessCaseWeights {
    /// Weight of the NPV gate measure `npv`.
    pub npv: f64,
    /// Weight of `irr`.
    pub irr: f64,
    /// Weight of `payback`.
    pub payback: f64,
    /// Weight of `risk` (probability that NPV > 0).
    pub risk: f64,
    /// Weight of `strategic_fit`.
    pub strategic_fit: f64,
}

impl Default for BusinessCaseWeights {
    /// NPV 20, IRR 25, payback 20, risk 20, strategic fit 15.
    fn default() -> Self {
        BusinessCaseWeights {
            npv: 20.0,
            irr: 25.0,
            payback: 20.0,
            risk: 20.0,
            strategic_fit: 15.0,
        }
    }
}

/// Options of [`default_business_case_scorecard`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BusinessCaseScorecardOptions {
    /// The customer's hurdle rate, a fraction per year (0.10 = 10%). IRR
    /// scores 0 points at the hurdle.
    pub hurdle_rate: f64,
    /// How far above the hurdle IRR reaches full points, as a fraction
    /// (0.15 = 15 percentage points).
    pub irr_full_points_above_hurdle: f64,
    /// The longest acceptable payback in months: 0 points there, 100 at 0
    /// months, linear in between.
    pub payback_limit_months: f64,
    /// Relative weights of the five measures.
    pub weights: BusinessCaseWeights,
    /// What to do with missing values; `ScoreZero` by default, so that a
    /// case without an IRR or a risk estimate earns no points for it.
    pub missing_policy: MissingPolicy,
    /// Where Positive and Marginal begin.
    pub verdict_thresholds: VerdictThresholds,
}

impl Default for BusinessCaseScorecardOptions {
    /// Hurdle 10%, full IRR points at 25%, payback limit 36 months, default
    /// weights, `ScoreZero`, Positive from 60 and Marginal from 40.
    fn default() -> Self {
        BusinessCaseScorecardOptions {
            hurdle_rate: 0.10,
            irr_full_points_above_hurdle: 0.15,
            payback_limit_months: 36.0,
            weights: BusinessCaseWeights::default(),
            missing_policy: MissingPolicy::ScoreZero,
            verdict_thresholds: VerdictThresholds::default(),
        }
    }
}

/// The default business-case scorecard. Measures (id: source, rule):
///
/// - `npv`: output `npv`, Boolean `npv > 0` (100 or 0), a **gate**: a case
///   whose NPV is not positive, or unknown, is Negative whatever its score.
/// - `irr`: output `irr`, Linear from `hurdle_rate` (0 points) to
///   `hurdle_rate + irr_full_points_above_hurdle` (100 points).
/// - `payback`: output `payback_months`, Linear from `payback_limit_months`
///   (0 points) down to 0 months (100 points); lower is better.
/// - `risk`: supplied `probability_npv_positive` (0 to 1, from a Monte
///   Carlo run), Linear from 0.5 (0 points) to 0.9 (100 points).
/// - `strategic_fit`: supplied `strategic_fit`, rated by hand from 1 to 5,
///   Linear from 1 (0 points) to 5 (100 points).
///
/// Grades: A from 80, B from 60, C from 40, D below.
pub fn default_business_case_scorecard(options: BusinessCaseScorecardOptions) -> Scorecard {
    let weights = options.weights;
    let measure = |id: &str, label: &str, source: MeasureSource, rule, weight, gate| Measure {
        id: id.to_string(),
        label: label.to_string(),
        source,
        rule,
        weight,
        gate,
    };
    let output = |id: &str| MeasureSource::Output(id.to_string());
    let supplied = |id: &str| MeasureSource::Supplied(id.to_string());
    let grade = |label: &str, min_score_0_to_100| GradeBand {
        label: label.to_string(),
        min_score_0_to_100,
    };
    Scorecard {
        id: BUSINESS_CASE_SCORECARD_ID.to_string(),
        title: "Business case".to_string(),
        measures: vec![
            measure(
                "npv",
                "Net present value is positive",
                output(OUTPUT_NPV),
                ScoringRule::Boolean {
                    pass_if: Comparison::GreaterThan,
                    threshold: 0.0,
                },
                weights.npv,
                true,
            ),
            measure(
                "irr",
                "Internal rate of return above the hurdle rate",
                output(OUTPUT_IRR),
                ScoringRule::Linear {
                    worst: options.hurdle_rate,
                    best: options.hurdle_rate + options.irr_full_points_above_hurdle,
                },
                weights.irr,
                false,
            ),
            measure(
                "payback",
                "Payback within the limit",
                output(OUTPUT_PAYBACK_MONTHS),
                ScoringRule::Linear {
                    worst: options.payback_limit_months,
                    best: 0.0,
                },
                weights.payback,
                false,
            ),
            measure(
                "risk",
                "Probability that NPV is positive",
                supplied(SUPPLIED_PROBABILITY_NPV_POSITIVE),
                ScoringRule::Linear {
                    worst: 0.5,
                    best: 0.9,
                },
                weights.risk,
                false,
            ),
            measure(
                "strategic_fit",
                "Strategic fit (1 to 5)",
                supplied(SUPPLIED_STRATEGIC_FIT),
                ScoringRule::Linear {
                    worst: 1.0,
                    best: 5.0,
                },
                weights.strategic_fit,
                false,
            ),
        ],
        grades: vec![
            grade("A", 80.0),
            grade("B", 60.0),
            grade("C", 40.0),
            grade("D", 0.0),
        ],
        missing_policy: options.missing_policy,
        verdict_thresholds: options.verdict_thresholds,
    }
}

/// A default business-case scorecard that passed validation, so scoring
/// it does not validate again. Its validation covers only what options can
/// make wrong (weights, rule numbers, verdict thresholds: the ids, sources,
/// rule kinds and grades are fixed), which keeps the general validator out
/// of a build that only ever makes this scorecard (the wasm's `Scorecard`).
#[derive(Debug, Clone)]
pub struct BusinessCaseScorecard {
    scorecard: Scorecard,
}

impl BusinessCaseScorecard {
    /// [`default_business_case_scorecard`] of `options`, or every problem
    /// [`validate_scorecard`](super::validate_scorecard) reports for it (the
    /// same diagnostics, in the same order).
    pub fn new(options: BusinessCaseScorecardOptions) -> Result<Self, Vec<ScorecardDiagnostic>> {
        let scorecard = default_business_case_scorecard(options);
        let diagnostics = super::validate::validate_numbers(&scorecard);
        if diagnostics.is_empty() {
            Ok(BusinessCaseScorecard { scorecard })
        } else {
            Err(diagnostics)
        }
    }

    /// The scorecard itself.
    pub fn scorecard(&self) -> &Scorecard {
        &self.scorecard
    }

    /// [`score`](super::score) of `inputs`, without validating again.
    pub fn score(&self, inputs: &ScoreInputs) -> Result<ScoreResult, ScoringError> {
        super::engine::score_valid(&self.scorecard, inputs)
    }
}

/// How far a business case has been worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseDepth {
    /// A first estimate from a few facts; values may be missing.
    HighLevel,
    /// Everything needed for internal approval; every measure must have a value.
    Detailed,
}

/// What a scored case means for the evaluation pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseVerdict {
    /// The stage a positive case lets the project enter:
    /// [`PipelineStage::HighLevelCase`] or [`PipelineStage::DetailedCase`].
    pub stage: PipelineStage,
    /// Whether the case is positive at this depth.
    pub positive: bool,
    /// The scorecard's verdict.
    pub verdict: Verdict,
    /// Measures without a value (missing or excluded), in scorecard order.
    pub missing_measure_ids: Vec<String>,
}

/// Whether a scored case is a positive business case at `depth`.
///
/// High-level: positive when the verdict is Positive (gates included).
/// Detailed: additionally every measure must have had a value, since a
/// detailed case is what goes to approval and may not rest on gaps.
/// A positive result means the project may record a [`StageEvent`] for
/// `stage`.
///
/// [`StageEvent`]: super::pipeline::StageEvent
pub fn business_case_stage(result: &ScoreResult, depth: CaseDepth) -> CaseVerdict {
    let mut missing_measure_ids = Vec::new();
    for measure in &result.measures {
        if measure.status != MeasureStatus::Scored {
            missing_measure_ids.push(measure.id.clone());
        }
    }
    let stage = match depth {
        CaseDepth::HighLevel => PipelineStage::HighLevelCase,
        CaseDepth::Detailed => PipelineStage::DetailedCase,
    };
    CaseVerdict {
        stage,
        positive: is_positive_case(result, depth),
        verdict: result.verdict,
        missing_measure_ids,
    }
}

/// [`business_case_stage`]'s `positive` alone, without listing the missing
/// measures: the wasm's score result reports only this flag, and skipping
/// the list of cloned ids keeps that body out of the build.
pub fn is_positive_case(result: &ScoreResult, depth: CaseDepth) -> bool {
    if result.verdict != Verdict::Positive {
        return false;
    }
    if depth == CaseDepth::Detailed {
        for m in &result.measures {
            if m.status != MeasureStatus::Scored {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
#[path = "business_case_test.rs"]
mod tests;
