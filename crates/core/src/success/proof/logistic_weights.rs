//! Suggested scorecard weights from a logistic fit's coefficients.
//!
//! A scorecard weights each measure's points (0 to 100 by default). The
//! fit says how the log-odds of churn move per point: β_j. Over the
//! measure's whole points range R_j the protective effect is
//! e_j = −β_j · R_j (log-odds of churn removed going from the worst to the
//! best points; healthy = high, so protective measures have β_j < 0). The
//! suggested weights are w_j = max(e_j, 0) / Σ_k max(e_k, 0): non-negative
//! and summing to 1, comparable with today's weights normalised the same
//! way. A measure whose higher points go with *more* churn (e_j < 0) is
//! clipped to weight 0 and flagged: its rule's direction deserves a look
//! rather than a negative weight the scorecard cannot express.

use crate::success::proof::error::ProofError;

/// Suggested weights and how they were reached.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedWeights {
    /// w_j, each within [0, 1], summing to 1.
    pub weights: Vec<f64>,
    /// e_j = −β_j · R_j, the log-odds of churn the measure's points range
    /// removes.
    pub protective_effects: Vec<f64>,
    /// Measures whose effect was negative and clipped to weight 0.
    pub clipped: Vec<bool>,
}

/// Weights from original-scale `coefficients` (log-odds of churn per
/// point) and each measure's `points_ranges` (max − min points, finite and
/// ≥ 0), as the module docs say. `NoProtectiveMeasure` when no effect is
/// positive.
pub fn suggested_weights(
    coefficients: &[f64],
    points_ranges: &[f64],
) -> Result<SuggestedWeights, ProofError> {
    if coefficients.len() != points_ranges.len() {
        return Err(ProofError::LengthMismatch {
            what: "points_ranges",
            expected: coefficients.len(),
            found: points_ranges.len(),
        });
    }
    for (what, values) in [
        ("coefficients", coefficients),
        ("points_ranges", points_ranges),
    ] {
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(ProofError::NotFinite { what, index });
        }
    }
    if let Some(index) = points_ranges.iter().position(|&range| range < 0.0) {
        return Err(ProofError::InvalidOption {
            option: "points_ranges[]",
            value: points_ranges.get(index).copied().unwrap_or(0.0),
            expected: "at least 0",
        });
    }
    let protective_effects: Vec<f64> = coefficients
        .iter()
        .zip(points_ranges)
        .map(|(beta, range)| -beta * range + 0.0)
        .collect();
    // A product can overflow even from finite factors.
    if let Some(index) = protective_effects.iter().position(|e| !e.is_finite()) {
        return Err(ProofError::NotFinite {
            what: "protective_effects",
            index,
        });
    }
    let total: f64 = protective_effects.iter().map(|e| e.max(0.0)).sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(ProofError::NoProtectiveMeasure);
    }
    Ok(SuggestedWeights {
        weights: protective_effects
            .iter()
            .map(|e| e.max(0.0) / total)
            .collect(),
        clipped: protective_effects.iter().map(|&e| e < 0.0).collect(),
        protective_effects,
    })
}
