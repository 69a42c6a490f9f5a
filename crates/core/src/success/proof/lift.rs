//! Decile lift: how much more churn the riskiest tenth of accounts holds
//! than the book as a whole, and how much of all churn the riskiest
//! groups capture.
//!
//! Observations are sorted by score ascending (healthy = high, so riskiest
//! first), stably: equal scores keep their input order. The sorted list is
//! cut into `groups` consecutive groups as equal as possible: with
//! n = q·g + r, the first r groups hold q + 1 observations and the rest q
//! (numpy's `array_split` of a stable `argsort`, the reference). Ties at a
//! group boundary are therefore split by input order, which is
//! deterministic and keeps the groups equal in size; a caller wanting ties
//! kept together can pass a tie-breaking score. For each group:
//!
//! ```text
//! churn_rate     = churned in group / observations in group
//! lift           = churn_rate / overall churn rate
//! captured_share = churned in this and riskier groups / all churned
//! ```
//!
//! Rates and lift are `None` for an empty group (fewer observations than
//! groups) and lift and capture are `None` when nobody churned.

use super::error::ProofError;
use super::input::{check_finite, check_lengths, outcome_counts};

/// The most groups [`decile_lift`] cuts into.
pub const MAX_GROUPS: usize = 1_000;

/// One group of the lift table, riskiest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiftGroup {
    /// Observations in the group.
    pub observations: usize,
    /// Of them, churned.
    pub churned: usize,
    /// The lowest and highest score in the group; `None` when empty.
    pub score_range: Option<(f64, f64)>,
    /// churned / observations; `None` when empty.
    pub churn_rate: Option<f64>,
    /// churn_rate / overall churn rate; `None` when empty or nobody churned.
    pub lift: Option<f64>,
    /// Share of all churned accounts in this group and the riskier ones;
    /// `None` when nobody churned.
    pub captured_share: Option<f64>,
}

/// The lift table.
#[derive(Debug, Clone, PartialEq)]
pub struct LiftReport {
    /// The groups, riskiest (lowest scores) first.
    pub groups: Vec<LiftGroup>,
    /// All churned / all observations; `None` when there are none.
    pub overall_churn_rate: Option<f64>,
}

/// The lift table of `scores` against `churned` in `groups` groups (10 for
/// deciles; 1..=[`MAX_GROUPS`]). Errors on unequal lengths, non-finite
/// scores or more than `MAX_OBSERVATIONS`.
pub fn decile_lift(
    scores: &[f64],
    churned: &[bool],
    groups: usize,
) -> Result<LiftReport, ProofError> {
    check_lengths("scores", scores.len(), churned.len())?;
    check_finite("scores", scores)?;
    if groups == 0 || groups > MAX_GROUPS {
        return Err(ProofError::InvalidOption {
            option: "groups",
            value: groups as f64,
            expected: "from 1 to 1000",
        });
    }
    // + 0.0 makes -0.0 and 0.0 one score, so they too keep input order.
    let mut order: Vec<(f64, bool)> = scores
        .iter()
        .zip(churned)
        .map(|(&score, &churned)| (score + 0.0, churned))
        .collect();
    // Stable: equal scores keep their input order.
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (churned_total, _) = outcome_counts(churned);
    let count = order.len();
    let overall_churn_rate = (count > 0).then(|| churned_total as f64 / count as f64);
    let (base_size, larger_groups) = (count / groups, count % groups);
    let mut table = Vec::with_capacity(groups);
    let (mut start, mut churned_so_far) = (0usize, 0usize);
    for group in 0..groups {
        let size = base_size + usize::from(group < larger_groups);
        let members = order.get(start..start + size).unwrap_or_default();
        start += size;
        let group_churned = members.iter().filter(|member| member.1).count();
        churned_so_far += group_churned;
        let churn_rate = (size > 0).then(|| group_churned as f64 / size as f64);
        let lift = match (churn_rate, overall_churn_rate) {
            (Some(rate), Some(overall)) if overall > 0.0 => Some(rate / overall),
            _ => None,
        };
        table.push(LiftGroup {
            observations: size,
            churned: group_churned,
            score_range: members.first().zip(members.last()).map(|(a, b)| (a.0, b.0)),
            churn_rate,
            lift,
            captured_share: (churned_total > 0)
                .then(|| churned_so_far as f64 / churned_total as f64),
        });
    }
    Ok(LiftReport {
        groups: table,
        overall_churn_rate,
    })
}

#[cfg(test)]
#[path = "lift_test.rs"]
mod tests;
