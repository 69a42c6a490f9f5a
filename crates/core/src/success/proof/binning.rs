//! Weight of evidence and information value of one measure, per band.
//!
//! Bands are half-open value ranges cut at increasing edges e₁ < … < e_k:
//! (−∞, e₁), [e₁, e₂), …, [e_k, ∞); a value equal to an edge falls in the
//! band that starts there. Missing values (`None`, NaN or ±infinity, as in
//! the scorecard engine) form one more band, listed last, when there are
//! any. Edges come from the scorecard's own band boundaries or from
//! [`quantile_edges`].
//!
//! With r_i renewed and c_i churned in band i, R and C the totals and B the
//! number of bands, each cell gets 0.5 added so an empty cell has a finite
//! log (the smoothing; the reference applies the same):
//!
//! ```text
//! share_renewed_i = (r_i + 0.5) / (R + 0.5·B)
//! share_churned_i = (c_i + 0.5) / (C + 0.5·B)
//! WoE_i = ln(share_renewed_i / share_churned_i)
//! IV    = Σ_i (share_renewed_i − share_churned_i) · WoE_i
//! ```
//!
//! A positive WoE marks a band with more renewals than churn relative to
//! the whole book. Each IV term is (a − b)·ln(a/b) ≥ 0, so IV ≥ 0; the
//! usual reading (Siddiqi 2006) is < 0.02 useless, 0.02–0.1 weak, 0.1–0.3
//! medium, > 0.3 strong. The reference is numpy in
//! tests/data/success-proof/make_reference.py.

use super::error::ProofError;
use super::input::{check_lengths, require_both_outcomes};

/// The most bands a measure may be cut into (edges + 1).
pub const MAX_BANDS: usize = 100;

/// Which values a band holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BandRange {
    /// Values `v` with `from ≤ v < below`; `None` is unbounded.
    Values {
        /// The band's lowest value (an edge), or `None` for the first band.
        from: Option<f64>,
        /// The next band's first value, or `None` for the last band.
        below: Option<f64>,
    },
    /// Observations without a finite value.
    Missing,
}

/// One band's counts and weight of evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// The values in the band.
    pub range: BandRange,
    /// Observations in the band.
    pub observations: usize,
    /// Of them, churned.
    pub churned: usize,
    /// Of them, renewed.
    pub renewed: usize,
    /// ln(smoothed share of renewed / smoothed share of churned).
    pub weight_of_evidence: f64,
    /// This band's term of the information value, ≥ 0.
    pub information_value: f64,
}

/// A measure's bands and information value.
#[derive(Debug, Clone, PartialEq)]
pub struct BinningReport {
    /// The value bands in ascending order, then the missing band if any.
    pub bands: Vec<Band>,
    /// Σ of the bands' terms, ≥ 0.
    pub information_value: f64,
}

/// Edges that cut the finite values into at most `bands` bands of nearly
/// equal counts: edge j (1 ≤ j < bands) is the value at position
/// ⌊j·n / bands⌋ of the n finite values sorted ascending. Because a band
/// is a value range, equal values always share a band; edges that repeat,
/// or equal the smallest value (an empty first band), are dropped, so
/// heavily tied data gets fewer bands. `bands` must be in 1..=[`MAX_BANDS`].
pub fn quantile_edges(values: &[Option<f64>], bands: usize) -> Result<Vec<f64>, ProofError> {
    if bands == 0 || bands > MAX_BANDS {
        return Err(ProofError::InvalidOption {
            option: "bands",
            value: bands as f64,
            expected: "from 1 to 100",
        });
    }
    check_lengths("values", values.len(), values.len())?;
    let mut present: Vec<f64> = values
        .iter()
        .filter_map(|value| value.filter(|v| v.is_finite()))
        .map(|value| value + 0.0)
        .collect();
    present.sort_unstable_by(f64::total_cmp);
    let count = present.len() as u64;
    let mut edges: Vec<f64> = Vec::with_capacity(bands);
    let Some(&smallest) = present.first() else {
        return Ok(edges);
    };
    for band in 1..bands as u64 {
        let position = (band * count / bands as u64) as usize;
        let Some(&edge) = present.get(position) else {
            continue;
        };
        let above_previous = edges.last().map_or(edge > smallest, |&last| edge > last);
        if above_previous {
            edges.push(edge);
        }
    }
    Ok(edges)
}

/// The weight of evidence of each band of `values` cut at `edges`
/// (finite, strictly increasing, at most `MAX_BANDS − 1`), and the
/// measure's information value. Errors on unequal lengths, more than
/// `MAX_OBSERVATIONS`, bad edges or a single outcome.
pub fn weight_of_evidence(
    values: &[Option<f64>],
    churned: &[bool],
    edges: &[f64],
) -> Result<BinningReport, ProofError> {
    check_lengths("values", values.len(), churned.len())?;
    check_edges(edges)?;
    let (churned_total, renewed_total) = require_both_outcomes(churned)?;
    // counts[i] = (churned, renewed) of value band i; the last is missing.
    let mut counts = vec![(0usize, 0usize); edges.len() + 2];
    for (value, &churned) in values.iter().zip(churned) {
        let band = match value.filter(|v| v.is_finite()) {
            Some(value) => edges.partition_point(|&edge| edge <= value),
            None => edges.len() + 1,
        };
        if let Some(count) = counts.get_mut(band) {
            if churned {
                count.0 += 1;
            } else {
                count.1 += 1;
            }
        }
    }
    if counts.last().is_some_and(|&(c, r)| c + r == 0) {
        counts.pop();
    }
    let band_count = counts.len() as f64;
    let renewed_denominator = renewed_total as f64 + SMOOTHING * band_count;
    let churned_denominator = churned_total as f64 + SMOOTHING * band_count;
    let mut bands = Vec::with_capacity(counts.len());
    let mut information_value = 0.0;
    for (index, &(churned, renewed)) in counts.iter().enumerate() {
        let share_renewed = (renewed as f64 + SMOOTHING) / renewed_denominator;
        let share_churned = (churned as f64 + SMOOTHING) / churned_denominator;
        let weight = (share_renewed / share_churned).ln();
        // (a − b)·ln(a/b) >= 0 exactly; max(0) absorbs rounding.
        let term = ((share_renewed - share_churned) * weight).max(0.0);
        information_value += term;
        bands.push(Band {
            range: band_range(edges, index),
            observations: churned + renewed,
            churned,
            renewed,
            weight_of_evidence: weight,
            information_value: term,
        });
    }
    Ok(BinningReport {
        bands,
        information_value,
    })
}

/// What is added to every band's churned and renewed count.
const SMOOTHING: f64 = 0.5;

/// Edges are finite, strictly increasing and few enough.
fn check_edges(edges: &[f64]) -> Result<(), ProofError> {
    if edges.len() >= MAX_BANDS {
        return Err(ProofError::InvalidOption {
            option: "edges",
            value: edges.len() as f64,
            expected: "at most 99 edges",
        });
    }
    let mut previous = f64::NEG_INFINITY;
    for (index, &edge) in edges.iter().enumerate() {
        if !edge.is_finite() || edge <= previous {
            return Err(ProofError::InvalidEdges { index });
        }
        previous = edge;
    }
    Ok(())
}

/// The range of band `index` for `edges`; past the value bands, missing.
fn band_range(edges: &[f64], index: usize) -> BandRange {
    if index > edges.len() {
        return BandRange::Missing;
    }
    BandRange::Values {
        from: index.checked_sub(1).and_then(|i| edges.get(i).copied()),
        below: edges.get(index).copied(),
    }
}

#[cfg(test)]
#[path = "binning_test.rs"]
mod tests;
