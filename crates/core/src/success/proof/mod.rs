//! The statistics that prove (or disprove) a health score against churn:
//! given, for each renewal that came due, the account's point-in-time score
//! (the score some days before the renewal date) and whether it churned,
//! how well did the score warn of churn, and which weights would have
//! warned better?
//!
//! - [`wilson`]: churn rate per grade with Wilson score intervals.
//! - [`roc`]: the AUC of the score as a churn predictor (Mann-Whitney),
//!   its Hanley-McNeil standard error and the ROC curve's points.
//! - [`binning`]: weight of evidence and information value of a measure per
//!   band (the scorecard's bands or quantile bands).
//! - [`lift`]: decile lift and cumulative capture of churn.
//! - [`logistic`]: L2-regularised logistic regression (IRLS) and the
//!   suggested scorecard weights derived from it; [`firth`]: Firth's
//!   bias-reduced fit, finite even under separation.
//! - [`backtest`](mod@backtest): a seeded, stratified k-fold comparison of today's score
//!   with the fitted one, by held-out AUC.
//!
//! Conventions shared by every kernel: an observation is one renewal that
//! came due; `churned[i]` is `true` when that account churned and `false`
//! when it renewed. A health score is oriented "healthy = high", so every
//! statistic reads lower scores as riskier (an AUC above 0.5 means churned
//! accounts scored lower). Inputs are plain slices of equal length, at most
//! [`MAX_OBSERVATIONS`] long; scores must be finite. Outputs never hold NaN
//! or infinity: a statistic that does not exist is `None` or a
//! [`ProofError`]. Nothing here panics, reads a clock or draws randomness
//! other than the seeded PCG stream of `uncertainty::rng`, seeded by an
//! argument. docs/success-proof.md states every formula and its reference.

pub mod backtest;
pub mod binning;
pub mod error;
pub mod firth;
mod input;
pub mod lift;
mod linear_algebra;
pub mod logistic;
mod newton;
pub mod roc;
pub mod wilson;

pub use backtest::{backtest, with_today_scores, BacktestOptions, BacktestReport, FoldReport};
pub use binning::{quantile_edges, weight_of_evidence, Band, BandRange, BinningReport};
pub use error::ProofError;
pub use firth::fit_firth;
pub use lift::{decile_lift, LiftGroup, LiftReport};
pub use logistic::{
    fit_logistic, suggested_weights, LogisticFit, LogisticOptions, SuggestedWeights,
};
pub use roc::{auc, roc_curve, AucReport, RocPoint};
pub use wilson::{churn_by_grade, wilson_interval, GradeChurn, ProportionInterval, Z_95};

/// The most observations (renewals) any kernel accepts: enough for every
/// renewal a large customer-success team will ever score, small enough that
/// each kernel's O(n log n) (or O(n·p²) per fitting iteration) work stays
/// bounded.
pub const MAX_OBSERVATIONS: usize = 1_000_000;

/// The most measures (features) a logistic fit accepts.
pub const MAX_FEATURES: usize = 64;
