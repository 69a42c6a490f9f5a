//! Business-case scoring and the evaluation pipeline: a general weighted
//! scorecard engine (also the base of customer health scores), the default
//! business-case scorecard, and the Evaluate-phase funnel from business
//! review to commitment with counts, values, conversions and time in stage.
//!
//! It takes plain values: the caller looks numbers up in a model, a Monte
//! Carlo run or a form and passes them in. It never depends on the model
//! or on JavaScript, never reads a clock (timestamps are arguments), and
//! never lets NaN or infinity into a score or a metric.
//!
//! - `rule`: [`ScoringRule`], how a value becomes points from 0 to 100.
//! - `scorecard`: [`Scorecard`], [`Measure`], [`ScoreInputs`] and policies.
//! - `validate`: [`validate_scorecard`], every problem as a diagnostic.
//! - `engine`: [`score`], the weighted score, grade, verdict and breakdown.
//! - `weighting`: [`weigh_points`], the allocation-free weighting kernel
//!   the engine and the success health table share.
//! - `business_case`: [`default_business_case_scorecard`] and
//!   [`business_case_stage`] (and [`is_positive_case`], its verdict alone).
//! - `pipeline`: [`evaluate_pipeline`] and its report.
//! - `error`: [`ScoringError`] and [`PipelineError`].

mod business_case;
mod engine;
mod error;
mod pipeline;
mod rule;
mod scorecard;
#[path = "testing_test.rs"]
mod testing;
mod validate;
mod weighting;

pub use business_case::{
    business_case_stage, default_business_case_scorecard, is_positive_case, BusinessCaseScorecard,
    BusinessCaseScorecardOptions, BusinessCaseWeights, CaseDepth, CaseVerdict,
    BUSINESS_CASE_SCORECARD_ID, OUTPUT_IRR, OUTPUT_NPV, OUTPUT_PAYBACK_MONTHS,
    SUPPLIED_PROBABILITY_NPV_POSITIVE, SUPPLIED_STRATEGIC_FIT,
};
pub use engine::{score, MeasureResult, MeasureStatus, ScoreResult, Verdict};
pub use error::{PipelineError, ScoringError};
pub use pipeline::{
    evaluate_pipeline, PipelineDiagnostic, PipelineDiagnosticCode, PipelineProject, PipelineReport,
    PipelineStage, StageEvent, StageMetrics, StageOutcome, MAX_ABS_TIMESTAMP_MS,
    MAX_EVENTS_PER_PROJECT, MAX_PROJECTS, MAX_PROJECT_VALUE, MS_PER_DAY,
};
pub use rule::{
    Comparison, Direction, RulePoints, ScoringRule, ThresholdBand, BOUNDED_GREEN_POINTS,
    BOUNDED_RED_POINTS, MAX_POINTS,
};
pub use scorecard::{
    GradeBand, Measure, MeasureSource, MissingPolicy, ScoreInputs, Scorecard, VerdictThresholds,
};
pub use validate::{
    validate_scorecard, ScorecardDiagnostic, ScorecardDiagnosticCode, MAX_GRADE_BANDS,
    MAX_MEASURES, MAX_THRESHOLD_BANDS,
};
pub use weighting::{weigh_points, WeightTotals, Weighted};
