//! The Wilson score interval for a proportion, and churn rate per grade.
//!
//! For `s` successes in `n` trials, p̂ = s / n and z the normal quantile of
//! the confidence level (Wilson 1927; Agresti & Coull 1998):
//!
//! ```text
//! centre     = (p̂ + z²/2n) / (1 + z²/n)
//! half_width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
//! interval   = [centre − half_width, centre + half_width]
//! ```
//!
//! Unlike the normal ("Wald") interval it stays within [0, 1] and has a
//! width even at 0 or n successes, which matters for small grades. The
//! reference is statsmodels' `proportion_confint(method="wilson")`
//! (tests/data/success-proof/). Edge cases: `n = 0`, `s > n` or a `z` that
//! is not finite and positive give `None`. Rounding is kept from moving the
//! ends past the rate or outside [0, 1] (`low ≤ rate ≤ high` always holds).

use super::error::ProofError;
use super::input::check_lengths;

/// The normal quantile for a two-sided 95% interval, Φ⁻¹(0.975), usually
/// rounded to 1.96; this is the value statsmodels uses for `alpha = 0.05`.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A proportion with its confidence interval, each within [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionInterval {
    /// successes / trials.
    pub rate: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// The Wilson score interval of `successes` out of `trials` for the normal
/// quantile `z` ([`Z_95`] for 95%); `None` when `trials` is 0, `successes`
/// exceeds `trials` or `z` is not finite and positive.
pub fn wilson_interval(successes: u64, trials: u64, z: f64) -> Option<ProportionInterval> {
    if trials == 0 || successes > trials || !(z.is_finite() && z > 0.0) {
        return None;
    }
    let n = trials as f64;
    let rate = successes as f64 / n;
    let z_squared = z * z;
    let denominator = 1.0 + z_squared / n;
    let centre = (rate + z_squared / (2.0 * n)) / denominator;
    let half_width = z / denominator * (rate * (1.0 - rate) / n + z_squared / (4.0 * n * n)).sqrt();
    let low = (centre - half_width).clamp(0.0, 1.0).min(rate);
    let high = (centre + half_width).clamp(0.0, 1.0).max(rate);
    Some(ProportionInterval { rate, low, high })
}

/// One grade's renewals and churn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradeChurn {
    /// Renewals that came due for accounts with this grade.
    pub observations: usize,
    /// How many of them churned.
    pub churned: usize,
    /// The churn rate with its Wilson interval; `None` for a grade with no
    /// observations.
    pub churn_rate: Option<ProportionInterval>,
}

/// Churn rate per grade: `grades[i]` is observation `i`'s grade index
/// (`0..grade_count`, in the scorecard's order), `churned[i]` its outcome.
/// Returns one entry per grade, each with its Wilson interval for `z`.
/// Errors on unequal lengths, more than `MAX_OBSERVATIONS`, a grade index
/// out of range, more than 1,000 grades or an invalid `z`.
pub fn churn_by_grade(
    grades: &[usize],
    churned: &[bool],
    grade_count: usize,
    z: f64,
) -> Result<Vec<GradeChurn>, ProofError> {
    check_lengths("grades", grades.len(), churned.len())?;
    if !(z.is_finite() && z > 0.0) {
        return Err(ProofError::InvalidOption {
            option: "z",
            value: z,
            expected: "a finite number above 0",
        });
    }
    if grade_count > MAX_GRADES {
        return Err(ProofError::InvalidOption {
            option: "grade_count",
            value: grade_count as f64,
            expected: "at most 1000",
        });
    }
    let mut counts = vec![(0usize, 0usize); grade_count];
    for (index, (&grade, &churned)) in grades.iter().zip(churned).enumerate() {
        let Some(count) = counts.get_mut(grade) else {
            return Err(ProofError::GradeOutOfRange {
                index,
                grade,
                grade_count,
            });
        };
        count.0 += 1;
        count.1 += usize::from(churned);
    }
    Ok(counts
        .into_iter()
        .map(|(observations, churned)| GradeChurn {
            observations,
            churned,
            churn_rate: wilson_interval(churned as u64, observations as u64, z),
        })
        .collect())
}

/// The most grades [`churn_by_grade`] accepts (a scorecard has a handful).
const MAX_GRADES: usize = 1_000;

#[cfg(test)]
#[path = "wilson_test.rs"]
mod tests;
