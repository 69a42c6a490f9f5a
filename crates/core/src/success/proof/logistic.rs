//! L2-regularised logistic regression of churn on a scorecard's measures,
//! by Newton-Raphson (IRLS), and the scorecard weights it suggests.
//!
//! **Model.** P(churn | x) = σ(b₀ + Σ_j β_j x_j), σ(t) = 1 / (1 + e⁻ᵗ).
//! Each measure is standardised first, z_j = (x_j − mean_j) / sd_j with the
//! population standard deviation (divide by n), and the fit maximises
//!
//! ```text
//! Σ_i [y_i η_i − ln(1 + e^η_i)] − (λ/2) Σ_j γ_j²,   η_i = g₀ + Σ_j γ_j z_ij
//! ```
//!
//! with y_i = 1 for churn. The intercept g₀ is not penalised. This is
//! scikit-learn's `LogisticRegression(C = 1/λ)` on the standardised
//! measures, and with λ = 0 statsmodels' `Logit` (the references in
//! tests/data/success-proof/). Coefficients are reported on the original
//! scale too: β_j = γ_j / sd_j, b₀ = g₀ − Σ_j β_j mean_j. Penalising the
//! standardised γ makes λ mean the same for a measure in points or in
//! dollars.
//!
//! **Iteration.** From γ = 0 and g₀ = ln(churned / renewed), each step
//! solves H δ = ∇ (H = Zᵀ W Z + λ I without the intercept, W = p(1 − p);
//! Cholesky) and halves the step (at most 30 times) until the penalised
//! log-likelihood does not fall (the loop shared with `firth`, `newton`). It stops when max |δ| ≤ `tolerance`
//! (default 1e-10) or fails after `max_iterations` (default 100, at most
//! 1000). A measure with sd = 0 gets coefficient 0 (a 1 on its Hessian
//! diagonal keeps H definite; its gradient is always 0). For λ > 0 the
//! Hessian is positive definite; for λ = 0 a singular one is
//! `SingularHessian`, and coefficients past 50 per standard deviation (odds
//! ratios beyond e⁵⁰) are reported as `Separation`; Firth's bias-reduced
//! fit (`firth`) has a finite answer there. Work: O(n·p²) per iteration.
//!
//! **Suggested weights.** See [`suggested_weights`].

use super::error::ProofError;
use super::input::{check_finite, check_lengths, require_both_outcomes};
use super::linear_algebra::solve_positive_definite;
use super::newton::{maximise, NewtonLimits};
use super::MAX_FEATURES;

/// How to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogisticOptions {
    /// λ ≥ 0, the L2 penalty on the standardised coefficients (sklearn's
    /// 1/C); at most 1e6.
    pub penalty: f64,
    /// Newton iterations allowed, 1..=1000.
    pub max_iterations: usize,
    /// Converged when no coefficient moves more than this in a step
    /// (standardised scale); within (0, 1).
    pub tolerance: f64,
}

impl Default for LogisticOptions {
    /// λ = 1, 100 iterations, tolerance 1e-10.
    fn default() -> Self {
        LogisticOptions {
            penalty: 1.0,
            max_iterations: 100,
            tolerance: 1e-10,
        }
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticFit {
    /// b₀ on the original scale: the log-odds of churn at all measures 0.
    pub intercept: f64,
    /// β_j on the original scale: log-odds of churn per unit of measure j.
    pub coefficients: Vec<f64>,
    /// g₀, the intercept on the standardised scale.
    pub standardized_intercept: f64,
    /// γ_j, per standard deviation of measure j.
    pub standardized_coefficients: Vec<f64>,
    /// The measures' means.
    pub means: Vec<f64>,
    /// The measures' population standard deviations.
    pub standard_deviations: Vec<f64>,
    /// Newton iterations run.
    pub iterations: usize,
    /// The unpenalised log-likelihood at the fit.
    pub log_likelihood: f64,
}

impl LogisticFit {
    /// b₀ + Σ β_j x_j for observation `index` of `measures` (one column
    /// per measure, as fitted); `None` when a column is short or the
    /// shapes disagree.
    pub fn linear_predictor(&self, measures: &[Vec<f64>], index: usize) -> Option<f64> {
        if measures.len() != self.coefficients.len() {
            return None;
        }
        let mut sum = self.intercept;
        for (column, coefficient) in measures.iter().zip(&self.coefficients) {
            sum += coefficient * column.get(index)?;
        }
        sum.is_finite().then_some(sum)
    }
}

/// Fits churn on `measures` (one column per measure, each as long as
/// `churned`, all finite; at most `MAX_FEATURES` columns). See the module
/// docs for the model, the scales and the failures.
pub fn fit_logistic(
    measures: &[Vec<f64>],
    churned: &[bool],
    options: &LogisticOptions,
) -> Result<LogisticFit, ProofError> {
    check_options(options)?;
    let penalty = options.penalty;
    fit_by_newton(
        (measures, churned),
        options,
        penalty == 0.0,
        |design, theta| Some(design.penalised_log_likelihood(theta, churned, penalty)),
        |design, theta| {
            let (gradient, hessian) = design.gradient_and_hessian(theta, churned, penalty);
            solve_positive_definite(&hessian, &gradient, theta.len())
        },
    )
}

/// Checks the inputs, runs the shared Newton loop (`newton`) from θ₀ with
/// the fit's objective and step on the standardised design, and reports
/// the fit; `check_separation` as in [`NewtonLimits`].
pub(super) fn fit_by_newton(
    (measures, churned): (&[Vec<f64>], &[bool]),
    options: &LogisticOptions,
    check_separation: bool,
    objective_at: impl Fn(&Design<'_>, &[f64]) -> Option<f64>,
    step_at: impl Fn(&Design<'_>, &[f64]) -> Option<Vec<f64>>,
) -> Result<LogisticFit, ProofError> {
    let start = FitStart::new(measures, churned)?;
    let design = start.design(measures);
    let limits = NewtonLimits {
        max_iterations: options.max_iterations,
        tolerance: options.tolerance,
        check_separation,
    };
    let (theta, iterations) = maximise(
        start.theta.clone(),
        limits,
        |theta| objective_at(&design, theta),
        |theta| step_at(&design, theta),
    )?;
    Ok(design.report(theta, churned, iterations))
}

/// What both fits start from: the inputs checked, the measures' moments
/// and θ₀ = (ln(churned / renewed), 0, …, 0).
struct FitStart {
    means: Vec<f64>,
    standard_deviations: Vec<f64>,
    /// The starting θ, one longer than the measures.
    theta: Vec<f64>,
}

impl FitStart {
    /// Checks `measures` (at most `MAX_FEATURES` columns, each as long as
    /// `churned` and finite) and `churned` (both outcomes present).
    fn new(measures: &[Vec<f64>], churned: &[bool]) -> Result<FitStart, ProofError> {
        if measures.len() > MAX_FEATURES {
            return Err(ProofError::TooManyFeatures {
                count: measures.len(),
                limit: MAX_FEATURES,
            });
        }
        for column in measures {
            check_lengths("measures[]", column.len(), churned.len())?;
            check_finite("measures[]", column)?;
        }
        let (churned_count, renewed_count) = require_both_outcomes(churned)?;
        let (means, standard_deviations) = column_moments(measures)?;
        let mut theta = vec![0.0; measures.len() + 1];
        if let Some(intercept) = theta.first_mut() {
            *intercept = (churned_count as f64 / renewed_count as f64).ln();
        }
        Ok(FitStart {
            means,
            standard_deviations,
            theta,
        })
    }

    /// The standardised design of `measures` (those checked by `new`).
    fn design<'a>(&'a self, measures: &'a [Vec<f64>]) -> Design<'a> {
        Design {
            measures,
            means: &self.means,
            standard_deviations: &self.standard_deviations,
        }
    }
}

pub(super) fn check_options(options: &LogisticOptions) -> Result<(), ProofError> {
    let invalid = |option, value, expected| {
        Err(ProofError::InvalidOption {
            option,
            value,
            expected,
        })
    };
    if !(options.penalty.is_finite() && (0.0..=1e6).contains(&options.penalty)) {
        return invalid("penalty", options.penalty, "from 0 to 1e6");
    }
    if !(1..=1000).contains(&options.max_iterations) {
        return invalid(
            "max_iterations",
            options.max_iterations as f64,
            "from 1 to 1000",
        );
    }
    if !(options.tolerance > 0.0 && options.tolerance < 1.0) {
        return invalid("tolerance", options.tolerance, "above 0 and below 1");
    }
    Ok(())
}

/// Each column's mean and population standard deviation (two passes, so
/// the variance is not a difference of large sums). Values so large that a
/// sum or a square overflows (beyond about 1e150) are refused as not
/// finite rather than carried into the fit as infinity.
pub(super) fn column_moments(measures: &[Vec<f64>]) -> Result<(Vec<f64>, Vec<f64>), ProofError> {
    let mut means = Vec::with_capacity(measures.len());
    let mut standard_deviations = Vec::with_capacity(measures.len());
    for (index, column) in measures.iter().enumerate() {
        let count = column.len().max(1) as f64;
        let mean = column.iter().sum::<f64>() / count;
        let variance = column.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / count;
        if !(mean.is_finite() && variance.is_finite()) {
            return Err(ProofError::NotFinite {
                what: "measures' mean or variance",
                index,
            });
        }
        means.push(mean);
        standard_deviations.push(variance.sqrt());
    }
    Ok((means, standard_deviations))
}

#[path = "logistic_design.rs"]
pub(super) mod design;
use design::Design;

pub use weights::{suggested_weights, SuggestedWeights};
#[path = "logistic_weights.rs"]
mod weights;

#[cfg(test)]
#[path = "logistic_test.rs"]
mod tests;
