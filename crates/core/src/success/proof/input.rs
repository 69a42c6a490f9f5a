//! Checks every kernel makes of its inputs before computing anything:
//! equal lengths, the observation limit, finite numbers and both outcomes
//! present. Each returns the first problem as a [`ProofError`]; none
//! allocates.

use super::error::ProofError;
use super::MAX_OBSERVATIONS;

/// `values` has as many entries as `churned`, and `churned` is within
/// [`MAX_OBSERVATIONS`].
pub(super) fn check_lengths(
    what: &'static str,
    values_len: usize,
    churned_len: usize,
) -> Result<(), ProofError> {
    if churned_len > MAX_OBSERVATIONS {
        return Err(ProofError::TooManyObservations {
            count: churned_len,
            limit: MAX_OBSERVATIONS,
        });
    }
    if values_len != churned_len {
        return Err(ProofError::LengthMismatch {
            what,
            expected: churned_len,
            found: values_len,
        });
    }
    Ok(())
}

/// Every value is finite.
pub(super) fn check_finite(what: &'static str, values: &[f64]) -> Result<(), ProofError> {
    match values.iter().position(|value| !value.is_finite()) {
        Some(index) => Err(ProofError::NotFinite { what, index }),
        None => Ok(()),
    }
}

/// How many observations churned and how many renewed.
pub(super) fn outcome_counts(churned: &[bool]) -> (usize, usize) {
    let churned_count = churned.iter().filter(|&&churned| churned).count();
    (churned_count, churned.len() - churned_count)
}

/// Both outcomes occur; returns (churned, renewed) counts.
pub(super) fn require_both_outcomes(churned: &[bool]) -> Result<(usize, usize), ProofError> {
    let (churned_count, renewed_count) = outcome_counts(churned);
    if churned_count == 0 || renewed_count == 0 {
        return Err(ProofError::OneOutcomeOnly {
            churned: churned_count,
            renewed: renewed_count,
        });
    }
    Ok((churned_count, renewed_count))
}
