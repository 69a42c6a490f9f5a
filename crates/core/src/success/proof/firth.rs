//! Firth's bias-reduced logistic regression (Firth 1993; Heinze & Schemper
//! 2002): a finite fit even when the measures separate churned from
//! renewed, where plain maximum likelihood has none.
//!
//! **Objective.** Maximise ℓ*(θ) = ℓ(θ) + ½ ln det I(θ), the log-likelihood
//! penalised by Jeffreys' prior, I(θ) = Zᵀ W Z the Fisher information,
//! W = diag(p(1 − p)). The penalty is invariant to linear changes of scale,
//! so fitting on the standardised measures (as `logistic` does) and mapping
//! back gives the same coefficients as fitting on the original ones.
//!
//! **Iteration.** From γ = 0 and g₀ = ln(churned / renewed), each step uses
//! the modified score U*_j = Σ_i (y_i − p_i + h_i (½ − p_i)) z_ij with the
//! hat values h_i = w_i z_iᵀ I⁻¹ z_i, and moves by δ = I⁻¹ U* (logistf's
//! Newton step), halved at most 30 times until ℓ* does not fall (the loop
//! shared with `logistic`, `newton`). It stops
//! when max |δ| ≤ `tolerance` or fails after `max_iterations`. A measure
//! with sd = 0 gets coefficient 0 (as in `logistic`). The reference is
//! scipy's optimiser on the same objective (tests/data/success-proof/).
//! Work: O(n·p²) per step and per halving.

use super::error::ProofError;
use super::linear_algebra::{cholesky, forward_substitute, log_determinant, solve_with_factor};
use super::logistic::design::{logistic, Design};
use super::logistic::{check_options, fit_by_newton, LogisticFit, LogisticOptions};

/// Fits churn on `measures` by Firth's penalised likelihood. `options.penalty`
/// must be 0 (Jeffreys' prior is the only penalty here); the iteration cap
/// and tolerance apply as in `fit_logistic`.
pub fn fit_firth(
    measures: &[Vec<f64>],
    churned: &[bool],
    options: &LogisticOptions,
) -> Result<LogisticFit, ProofError> {
    check_options(options)?;
    if options.penalty != 0.0 {
        return Err(ProofError::InvalidOption {
            option: "penalty",
            value: options.penalty,
            expected: "0 for a Firth fit",
        });
    }
    fit_by_newton(
        (measures, churned),
        options,
        true,
        |design, theta| penalised(design, theta, churned).map(|(_, objective)| objective),
        |design, theta| {
            let (lower, _) = penalised(design, theta, churned)?;
            let score = modified_score(design, theta, churned, &lower);
            solve_with_factor(&lower, &score, theta.len())
        },
    )
}

/// The Cholesky factor of I(θ) and ℓ*(θ); `None` when I is singular.
fn penalised(design: &Design<'_>, theta: &[f64], churned: &[bool]) -> Option<(Vec<f64>, f64)> {
    let (_, information) = design.gradient_and_hessian(theta, churned, 0.0);
    let lower = cholesky(&information, theta.len())?;
    let objective = design.penalised_log_likelihood(theta, churned, 0.0)
        + 0.5 * log_determinant(&lower, theta.len());
    objective.is_finite().then_some((lower, objective))
}

/// U*(θ) = Σ_i (y_i − p_i + h_i (½ − p_i)) z_i, with h_i = w_i ‖L⁻¹ z_i‖².
fn modified_score(design: &Design<'_>, theta: &[f64], churned: &[bool], lower: &[f64]) -> Vec<f64> {
    let dimension = theta.len();
    let mut score = vec![0.0; dimension];
    let mut row = vec![0.0; dimension];
    for (index, &churned) in churned.iter().enumerate().take(design.row_limit(churned)) {
        design.fill_row(index, &mut row);
        let probability = logistic(Design::dot(&row, theta));
        let weight = probability * (1.0 - probability);
        let hat = forward_substitute(lower, &row, dimension)
            .map_or(0.0, |v| weight * v.iter().map(|x| x * x).sum::<f64>());
        let adjusted = f64::from(u8::from(churned)) - probability + hat * (0.5 - probability);
        for (s, z) in score.iter_mut().zip(&row) {
            *s += adjusted * z;
        }
    }
    score
}

#[cfg(test)]
#[path = "firth_test.rs"]
mod tests;
