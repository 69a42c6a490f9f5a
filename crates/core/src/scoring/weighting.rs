//! The weighting kernel: measures' points and weights into one score from
//! 0 to 100, each measure's share and contribution, and the coverage.
//!
//! One arithmetic for every weighted score, so that the scorecard engine
//! ([`super::score`]) and the success health table (which re-sums stored
//! points on a weight change) agree to the bit. It reads slices and writes
//! contributions into the caller's buffer: no allocation, so a table can
//! re-sum hundreds of thousands of cells per keystroke.
//!
//! With `wᵢ` the weight of a counted measure (0 for one not counted) and
//! `pᵢ` its points: weights are divided by the largest counted one before
//! summing (so huge weights cannot overflow the total),
//! `shareᵢ = wᵢ / largest / Σ(w / largest)` clamped to [0, 1],
//! `contributionᵢ = pᵢ × shareᵢ`, and the score is the contributions' sum
//! (from -0.0, as `Sum` for f64 starts) clamped to [0, 100] against
//! rounding. Coverage is the counted weight over all the weight.

use super::rule::MAX_POINTS;

/// The totals of a scorecard's weights, some of them counted.
///
/// A weight that is negative, NaN or infinite counts as 0 (callers
/// validate weights first; this keeps any slip out of the score).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightTotals {
    /// The largest counted weight; 0 when none is above 0.
    largest_weight: f64,
    /// Σ counted weight / `largest_weight`: within [1, n] when any counts.
    scaled_total: f64,
    /// Σ counted weights over Σ weights, within [0, 1].
    coverage_0_to_1: f64,
}

/// A weight as it enters the sums: 0 unless finite and above 0.
#[inline(always)]
fn usable(weight: f64) -> f64 {
    if weight.is_finite() && weight > 0.0 {
        weight
    } else {
        0.0
    }
}

/// The first pass over the weights: the largest counted weight and the
/// coverage. Comparisons rather than `f64::max`, a libm call at the size
/// optimisation the core is built with (weights here are never NaN).
fn largest_and_coverage(weights: &[f64], counted: &[bool]) -> (f64, f64) {
    let (mut largest_weight, mut largest_of_all) = (0.0_f64, 0.0_f64);
    let (mut counted_weight, mut all_weight) = (0.0_f64, 0.0_f64);
    for (&weight, &counts) in weights.iter().zip(counted) {
        let weight = usable(weight);
        all_weight += weight;
        if weight > largest_of_all {
            largest_of_all = weight;
        }
        if counts {
            counted_weight += weight;
            if weight > largest_weight {
                largest_weight = weight;
            }
        }
    }
    if all_weight.is_infinite() {
        // Only weights near f64::MAX get here: the plain sums (kept
        // otherwise, for the bits callers compare) overflowed.
        (counted_weight, all_weight) = (0.0, 0.0);
        for (&weight, &counts) in weights.iter().zip(counted) {
            let scaled = usable(weight) / largest_of_all;
            all_weight += scaled;
            if counts {
                counted_weight += scaled;
            }
        }
    }
    let coverage_0_to_1 = if all_weight > 0.0 {
        (counted_weight / all_weight).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (largest_weight, coverage_0_to_1)
}

impl WeightTotals {
    /// The totals of `weights`, of which measure `i` counts when
    /// `counted[i]`; positions past the shorter slice are ignored.
    pub fn of(weights: &[f64], counted: &[bool]) -> WeightTotals {
        let (largest_weight, coverage_0_to_1) = largest_and_coverage(weights, counted);
        // Scaled weights lie in [0, 1] and their total in [1, n]: no
        // overflow. From -0.0, as `Sum` for f64 starts.
        let mut scaled_total = -0.0_f64;
        if largest_weight > 0.0 {
            for (&weight, &counts) in weights.iter().zip(counted) {
                if counts {
                    scaled_total += usable(weight) / largest_weight;
                }
            }
        }
        WeightTotals {
            largest_weight,
            scaled_total,
            coverage_0_to_1,
        }
    }

    /// Whether any counted weight is above 0 (else there is no score).
    pub fn has_weight(&self) -> bool {
        self.largest_weight > 0.0
    }

    /// The share of a counted measure of weight `weight`, within [0, 1];
    /// 0 when nothing has weight.
    pub fn share_of(&self, weight: f64) -> f64 {
        if !self.has_weight() {
            return 0.0;
        }
        (usable(weight) / self.largest_weight / self.scaled_total).clamp(0.0, 1.0)
    }

    /// The counted weight over all the weight, within [0, 1]; 0 when there
    /// is no weight at all.
    pub fn coverage_0_to_1(&self) -> f64 {
        self.coverage_0_to_1
    }
}

/// A weighted sum: its totals and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighted {
    /// The weights' totals (shares, coverage).
    pub totals: WeightTotals,
    /// Within [0, 100]: the contributions' sum; `None` when no counted
    /// weight is above 0.
    pub score_0_to_100: Option<f64>,
}

/// Weighs `points` (each within [0, 100]) by `weights` where `counted`,
/// writing each measure's contribution into `contributions` (0 for a
/// measure not counted, and for all when nothing has weight).
///
/// The measures are the positions all four slices have; the rest of a
/// longer `contributions` is left as it was. The same arithmetic as
/// [`WeightTotals::of`] and [`WeightTotals::share_of`], in three passes
/// that divide each weight by the largest once (the health table runs
/// this per cell on every weight change).
pub fn weigh_points(
    points: &[f64],
    weights: &[f64],
    counted: &[bool],
    contributions: &mut [f64],
) -> Weighted {
    let measure_count = points
        .len()
        .min(weights.len())
        .min(counted.len())
        .min(contributions.len());
    let (points, weights, counted) = (
        points.get(..measure_count).unwrap_or_default(),
        weights.get(..measure_count).unwrap_or_default(),
        counted.get(..measure_count).unwrap_or_default(),
    );
    let contributions = contributions.get_mut(..measure_count).unwrap_or_default();
    let (largest_weight, coverage_0_to_1) = largest_and_coverage(weights, counted);
    if largest_weight <= 0.0 {
        contributions.fill(0.0);
        let totals = WeightTotals {
            largest_weight,
            scaled_total: -0.0,
            coverage_0_to_1,
        };
        return Weighted {
            totals,
            score_0_to_100: None,
        };
    }
    // Each counted weight over the largest, parked in `contributions`;
    // their total from -0.0 as `Sum` for f64 starts (the uncounted zeros
    // added on the way change no bit: one scaled weight is 1).
    let mut scaled_total = -0.0_f64;
    for ((&weight, &counts), scaled) in weights.iter().zip(counted).zip(contributions.iter_mut()) {
        *scaled = if counts {
            usable(weight) / largest_weight
        } else {
            0.0
        };
        scaled_total += *scaled;
    }
    // From -0.0, so the score is bit-for-bit the contributions' sum.
    let mut total = -0.0_f64;
    for ((&points, &counts), contribution) in points.iter().zip(counted).zip(contributions) {
        *contribution = if counts {
            points * (*contribution / scaled_total).clamp(0.0, 1.0)
        } else {
            0.0
        };
        total += *contribution;
    }
    let totals = WeightTotals {
        largest_weight,
        scaled_total,
        coverage_0_to_1,
    };
    Weighted {
        totals,
        score_0_to_100: Some(total.clamp(0.0, MAX_POINTS)),
    }
}

#[cfg(test)]
#[path = "weighting_test.rs"]
mod tests;
