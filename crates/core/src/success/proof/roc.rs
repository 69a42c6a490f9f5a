//! The AUC of a health score as a churn predictor, its standard error and
//! the ROC curve.
//!
//! **Orientation.** Healthy = high score, so the score predicts churn when
//! it is *low*: AUC = P(score of a churned account < score of a renewed
//! one) + ½ P(equal scores), over all churned × renewed pairs. AUC > 0.5
//! means lower scores go with churn; 0.5 is no better than chance. This is
//! scikit-learn's `roc_auc_score(churned, -score)`.
//!
//! **Computation.** Mann-Whitney U over the scores sorted once (O(n log n)):
//! walking tie groups upwards, each renewed account counts the churned
//! accounts below it, and a tie group counts ½ per churned × renewed pair
//! within it (average ranks). U is counted in integers (twice U, so the
//! halves stay exact), AUC = U / (n_churned · n_renewed).
//!
//! **Standard error** by Hanley & McNeil (1982), with churned accounts as
//! the "abnormal" class: Q1 = A / (2 − A), Q2 = 2A² / (1 + A),
//! SE² = [A(1 − A) + (n_c − 1)(Q1 − A²) + (n_r − 1)(Q2 − A²)] / (n_c n_r).
//! Each term is non-negative for A in [0, 1], so SE is always real.
//!
//! **ROC curve.** Predicting churn when score ≤ t, for t at each distinct
//! score ascending: true positive rate = churned at or below t / n_c, false
//! positive rate = renewed at or below t / n_r, starting at (0, 0) (no
//! threshold) and ending at (1, 1): scikit-learn's
//! `roc_curve(churned, -score, drop_intermediate=False)`. A page only needs
//! a few hundred points, so the curve is downsampled to at most
//! `max_points` by taking evenly spaced points, both ends always kept.
//!
//! Degenerate input (no churned or no renewed account) is
//! `ProofError::OneOutcomeOnly`, never NaN; a NaN or infinite score is
//! `ProofError::NotFinite`.

use super::error::ProofError;
use super::input::{check_finite, check_lengths, require_both_outcomes};

/// The AUC of a score as a churn predictor, with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AucReport {
    /// P(churned scores lower than renewed) + ½ P(tie), within [0, 1].
    pub auc: f64,
    /// Hanley & McNeil's (1982) standard error of `auc`.
    pub standard_error: f64,
    /// Churned observations.
    pub churned: usize,
    /// Renewed observations.
    pub renewed: usize,
}

/// One point of the ROC curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RocPoint {
    /// Churn is predicted for scores at or below this; `None` for the
    /// first point, where nothing is predicted to churn.
    pub churn_if_score_at_most: Option<f64>,
    /// Share of renewed accounts predicted to churn.
    pub false_positive_rate: f64,
    /// Share of churned accounts predicted to churn.
    pub true_positive_rate: f64,
}

/// A run of equal scores and how many churned and renewed share it.
#[derive(Debug, Clone, Copy)]
pub(super) struct TieGroup {
    pub score: f64,
    pub churned: usize,
    pub renewed: usize,
}

/// The scores' tie groups in ascending order, after the common checks.
/// `-0.0` and `0.0` are one score.
pub(super) fn tie_groups(scores: &[f64], churned: &[bool]) -> Result<Vec<TieGroup>, ProofError> {
    check_lengths("scores", scores.len(), churned.len())?;
    check_finite("scores", scores)?;
    // Adding 0.0 turns -0.0 into 0.0, so total_cmp sorts them as one score.
    let mut pairs: Vec<(f64, bool)> = scores
        .iter()
        .zip(churned)
        .map(|(&score, &churned)| (score + 0.0, churned))
        .collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<TieGroup> = Vec::new();
    for (score, churned) in pairs {
        let group = match groups.last_mut() {
            Some(last) if last.score == score => last,
            _ => {
                groups.push(TieGroup {
                    score,
                    churned: 0,
                    renewed: 0,
                });
                match groups.last_mut() {
                    Some(last) => last,
                    None => continue,
                }
            }
        };
        if churned {
            group.churned += 1;
        } else {
            group.renewed += 1;
        }
    }
    Ok(groups)
}

/// The AUC of `scores` (healthy = high) as a predictor of `churned`, by
/// Mann-Whitney U with ties counted ½, and its Hanley-McNeil standard
/// error. Errors on unequal lengths, non-finite scores, more than
/// `MAX_OBSERVATIONS` or a single outcome.
pub fn auc(scores: &[f64], churned: &[bool]) -> Result<AucReport, ProofError> {
    let groups = tie_groups(scores, churned)?;
    let (churned_count, renewed_count) = require_both_outcomes(churned)?;
    // Twice U: below 2 · 10^12 for a million observations, exact in u64.
    let mut twice_u: u64 = 0;
    let mut churned_below: u64 = 0;
    for group in &groups {
        let (group_churned, group_renewed) = (group.churned as u64, group.renewed as u64);
        twice_u += 2 * group_renewed * churned_below + group_churned * group_renewed;
        churned_below += group_churned;
    }
    let pairs = churned_count as f64 * renewed_count as f64;
    let area = (twice_u as f64 / 2.0 / pairs).clamp(0.0, 1.0);
    Ok(AucReport {
        auc: area,
        standard_error: hanley_mcneil_standard_error(area, churned_count, renewed_count),
        churned: churned_count,
        renewed: renewed_count,
    })
}

/// Hanley & McNeil's (1982) standard error of an AUC `area` from
/// `abnormal` positives (churned) and `normal` negatives (renewed), both
/// at least 1.
fn hanley_mcneil_standard_error(area: f64, abnormal: usize, normal: usize) -> f64 {
    let (abnormal, normal) = (abnormal as f64, normal as f64);
    let q1 = area / (2.0 - area);
    let q2 = 2.0 * area * area / (1.0 + area);
    let area_squared = area * area;
    let variance = (area * (1.0 - area)
        + (abnormal - 1.0) * (q1 - area_squared)
        + (normal - 1.0) * (q2 - area_squared))
        / (abnormal * normal);
    // Each term is >= 0 in exact arithmetic; max(0) absorbs rounding.
    variance.max(0.0).sqrt()
}

/// The ROC curve of `scores` as a churn predictor (see the module docs),
/// downsampled to at most `max_points` (at least 2) evenly spaced points
/// that always include (0, 0) and (1, 1).
pub fn roc_curve(
    scores: &[f64],
    churned: &[bool],
    max_points: usize,
) -> Result<Vec<RocPoint>, ProofError> {
    if max_points < 2 {
        return Err(ProofError::InvalidOption {
            option: "max_points",
            value: max_points as f64,
            expected: "at least 2",
        });
    }
    let groups = tie_groups(scores, churned)?;
    let (churned_count, renewed_count) = require_both_outcomes(churned)?;
    let mut points = Vec::with_capacity(groups.len() + 1);
    points.push(RocPoint {
        churn_if_score_at_most: None,
        false_positive_rate: 0.0,
        true_positive_rate: 0.0,
    });
    let (mut churned_at_or_below, mut renewed_at_or_below) = (0usize, 0usize);
    for group in &groups {
        churned_at_or_below += group.churned;
        renewed_at_or_below += group.renewed;
        points.push(RocPoint {
            churn_if_score_at_most: Some(group.score),
            false_positive_rate: renewed_at_or_below as f64 / renewed_count as f64,
            true_positive_rate: churned_at_or_below as f64 / churned_count as f64,
        });
    }
    Ok(downsample(points, max_points))
}

/// At most `max_points` (>= 2) of `points`: those at positions
/// round(i · (n − 1) / (m − 1)) for i in 0..m, so the first and last stay
/// and the rest are evenly spread.
fn downsample(points: Vec<RocPoint>, max_points: usize) -> Vec<RocPoint> {
    let count = points.len();
    if count <= max_points || max_points < 2 {
        return points;
    }
    let (last, steps) = (count - 1, max_points - 1);
    (0..max_points)
        // In u64: i · last can pass 2^32, wasm32's usize, for long curves.
        .map(|i| ((i as u64 * last as u64 + steps as u64 / 2) / steps as u64) as usize)
        .filter_map(|position| points.get(position).copied())
        .collect()
}

#[cfg(test)]
#[path = "roc_test.rs"]
mod tests;
