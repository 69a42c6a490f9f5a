//! The Newton-Raphson loop both logistic fits run (`logistic`'s IRLS and
//! `firth`'s penalised one): from a start θ, take the fit's step δ, halve
//! it until the objective does not fall, stop when no coordinate moves more
//! than the tolerance. The fits differ only in their objective and step,
//! which they pass in as closures.
//!
//! **Step halving.** θ + t·δ for t = 1, ½, …, ½^30 (31 tries), the first
//! whose objective is not below the current one by more than a relative
//! slack of 1e-12 (near the optimum rounding moves the sum); when none is,
//! the last tried (t = ½^30). The move reported is max |t·δ|, the move made.
//!
//! **Failures.** No step (a singular Hessian or information matrix) or no
//! objective at θ: `SingularHessian` at that iteration. A coefficient past
//! [`SEPARATION_LIMIT`] per standard deviation (when the fit asks for the
//! check): `Separation`. No convergence within the cap: `NotConverged`.
//! Work: the caps bound it to `max_iterations` × (one step + 31 objectives).

use super::error::ProofError;

/// Coefficients per standard deviation beyond this mean separation.
pub(super) const SEPARATION_LIMIT: f64 = 50.0;

/// The halvings of a step after the full one: t down to ½^30.
const MAX_HALVINGS: usize = 30;

/// How long to iterate and what to check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct NewtonLimits {
    /// Iterations allowed (each one step and its halvings).
    pub max_iterations: usize,
    /// Converged when no coordinate moves more than this in a step.
    pub tolerance: f64,
    /// Whether a coefficient (θ past its first, the intercept) beyond
    /// [`SEPARATION_LIMIT`] ends the fit as `Separation`.
    pub check_separation: bool,
}

/// Maximises an objective from `start` by Newton steps: `objective_at(θ)`
/// is the objective (`None` where it does not exist) and `step_at(θ)` the
/// full step δ (`None` when singular). Returns the final θ and the
/// iterations run; the module docs give the rules.
pub(super) fn maximise(
    start: Vec<f64>,
    limits: NewtonLimits,
    mut objective_at: impl FnMut(&[f64]) -> Option<f64>,
    mut step_at: impl FnMut(&[f64]) -> Option<Vec<f64>>,
) -> Result<(Vec<f64>, usize), ProofError> {
    let mut theta = start;
    let mut objective = objective_at(&theta);
    let mut candidate = theta.clone();
    for iteration in 1..=limits.max_iterations {
        let singular = ProofError::SingularHessian { iteration };
        let current = objective.ok_or(singular.clone())?;
        let step = step_at(&theta).ok_or(singular)?;
        let slack = 1e-12 * (1.0 + current.abs());
        let mut scale = 1.0;
        for halvings in 0..=MAX_HALVINGS {
            for ((c, t), s) in candidate.iter_mut().zip(&theta).zip(&step) {
                *c = t + scale * s;
            }
            objective = objective_at(&candidate);
            if objective.is_some_and(|value| value >= current - slack) || halvings == MAX_HALVINGS {
                break;
            }
            scale *= 0.5;
        }
        std::mem::swap(&mut theta, &mut candidate);
        let largest_coefficient = theta.iter().skip(1).fold(0.0f64, |m, c| m.max(c.abs()));
        if limits.check_separation && largest_coefficient > SEPARATION_LIMIT {
            return Err(ProofError::Separation {
                iterations: iteration,
            });
        }
        let largest_move = step.iter().fold(0.0f64, |m, s| m.max((scale * s).abs()));
        if largest_move <= limits.tolerance {
            return Ok((theta, iteration));
        }
    }
    Err(ProofError::NotConverged {
        iterations: limits.max_iterations,
    })
}

#[cfg(test)]
#[path = "newton_test.rs"]
mod tests;
