//! A deterministic, stratified k-fold backtest: would weights fitted on
//! past renewals have ranked held-out renewals better than today's score?
//!
//! **Folds.** Churned and renewed observations are shuffled separately by
//! Fisher-Yates with the core's seeded PCG32 stream
//! (`uncertainty::rng::TrialRng::from_seed(seed)`): for i from m − 1 down
//! to 1, j = u mod (i + 1) with u = (hi << 32) | lo from two successive
//! 32-bit outputs, then swap positions i and j (the modulo's bias is below
//! m / 2⁶⁴). The shuffled churned indices are dealt to folds 0, 1, …, k − 1,
//! 0, … in turn, and the renewed ones continue the deal where the churned
//! left off, so fold sizes differ by at most one and every fold holds both
//! outcomes (hence at least k of each are required). The same seed gives
//! the same folds on every platform.
//!
//! **Per fold.** The logistic model (`logistic::fit_logistic`, the given
//! options) is fitted on the other folds; on the held-out fold the AUC
//! (`roc::auc`, low = churn) of (a) today's score and (b) the fitted
//! score −η (minus the linear predictor, so healthy = high) is computed.
//! **Pooled.** Every observation's out-of-fold −η forms one score for all
//! observations; its AUC is compared with today's score's AUC on all.

use super::error::ProofError;
use super::input::{check_finite, check_lengths, require_both_outcomes};
use super::logistic::{fit_logistic, LogisticOptions};
use super::roc::auc;
use crate::uncertainty::rng::TrialRng;

/// The most folds.
pub const MAX_FOLDS: usize = 100;

/// How to backtest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestOptions {
    /// k, from 2 to [`MAX_FOLDS`].
    pub folds: usize,
    /// The seed of the fold shuffle.
    pub seed: u64,
    /// How each fold's model is fitted.
    pub fit: LogisticOptions,
}

/// One fold's held-out comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoldReport {
    /// Held-out observations.
    pub observations: usize,
    /// Of them, churned.
    pub churned: usize,
    /// AUC of today's score on the held-out fold.
    pub today_auc: f64,
    /// AUC of the fitted score on the held-out fold.
    pub fitted_auc: f64,
}

/// The backtest's result.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestReport {
    /// Which fold each observation was held out in.
    pub fold_of_observation: Vec<usize>,
    /// Each fold's comparison, fold 0 first.
    pub folds: Vec<FoldReport>,
    /// Mean of the folds' `today_auc`.
    pub mean_today_auc: f64,
    /// Mean of the folds' `fitted_auc`.
    pub mean_fitted_auc: f64,
    /// AUC of today's score over all observations.
    pub pooled_today_auc: f64,
    /// AUC of the out-of-fold fitted scores over all observations.
    pub pooled_fitted_auc: f64,
}

/// Backtests `today_scores` (healthy = high, one per observation) against
/// a logistic fit of `measures` (one column per measure) by k-fold
/// cross-validation, as the module docs say. Errors on bad shapes or
/// numbers, too few of either outcome for the folds, or a fold whose fit
/// fails.
pub fn backtest(
    measures: &[Vec<f64>],
    today_scores: &[f64],
    churned: &[bool],
    options: &BacktestOptions,
) -> Result<BacktestReport, ProofError> {
    check_lengths("today_scores", today_scores.len(), churned.len())?;
    check_finite("today_scores", today_scores)?;
    let folds = options.folds;
    if !(2..=MAX_FOLDS).contains(&folds) {
        return Err(ProofError::InvalidOption {
            option: "folds",
            value: folds as f64,
            expected: "from 2 to 100",
        });
    }
    let (churned_count, renewed_count) = require_both_outcomes(churned)?;
    if churned_count < folds || renewed_count < folds {
        return Err(ProofError::TooFewForFolds {
            folds,
            churned: churned_count,
            renewed: renewed_count,
        });
    }
    let fold_of_observation = assign_folds(churned, folds, options.seed);
    let mut out_of_fold_score = vec![0.0; churned.len()];
    let mut fold_reports = Vec::with_capacity(folds);
    for fold in 0..folds {
        let (training, held_out): (Vec<usize>, Vec<usize>) =
            (0..churned.len()).partition(|&i| fold_of_observation.get(i) != Some(&fold));
        let training_measures: Vec<Vec<f64>> = measures
            .iter()
            .map(|column| pick(column, &training))
            .collect();
        let fit = fit_logistic(&training_measures, &pick(churned, &training), &options.fit)?;
        let held_out_churned = pick(churned, &held_out);
        let mut fitted_scores = Vec::with_capacity(held_out.len());
        for &index in &held_out {
            let eta = fit
                .linear_predictor(measures, index)
                .ok_or(ProofError::NotFinite {
                    what: "fitted linear predictor",
                    index,
                })?;
            fitted_scores.push(-eta);
            if let Some(slot) = out_of_fold_score.get_mut(index) {
                *slot = -eta;
            }
        }
        fold_reports.push(FoldReport {
            observations: held_out.len(),
            churned: held_out_churned.iter().filter(|&&c| c).count(),
            today_auc: auc(&pick(today_scores, &held_out), &held_out_churned)?.auc,
            fitted_auc: auc(&fitted_scores, &held_out_churned)?.auc,
        });
    }
    let mean = |auc_of: fn(&FoldReport) -> f64| {
        fold_reports.iter().map(auc_of).sum::<f64>() / fold_reports.len().max(1) as f64
    };
    Ok(BacktestReport {
        mean_today_auc: mean(|fold| fold.today_auc),
        mean_fitted_auc: mean(|fold| fold.fitted_auc),
        pooled_today_auc: auc(today_scores, churned)?.auc,
        pooled_fitted_auc: auc(&out_of_fold_score, churned)?.auc,
        fold_of_observation,
        folds: fold_reports,
    })
}

/// `report` with today's scores replaced: each fold's and the pooled AUC
/// of `today_scores` on the same folds. The fits' figures are kept: they
/// read the measures and outcomes, never today's score, so after a weight
/// change (new scores, same measures) this gives what [`backtest`] would,
/// without fitting again. Errors on shapes that do not fit the report.
pub fn with_today_scores(
    report: &BacktestReport,
    today_scores: &[f64],
    churned: &[bool],
) -> Result<BacktestReport, ProofError> {
    check_lengths("today_scores", today_scores.len(), churned.len())?;
    check_lengths(
        "fold_of_observation",
        report.fold_of_observation.len(),
        churned.len(),
    )?;
    check_finite("today_scores", today_scores)?;
    let mut updated = report.clone();
    for (fold, figures) in updated.folds.iter_mut().enumerate() {
        let held_out: Vec<usize> = (0..churned.len())
            .filter(|&i| report.fold_of_observation.get(i) == Some(&fold))
            .collect();
        figures.today_auc = auc(&pick(today_scores, &held_out), &pick(churned, &held_out))?.auc;
    }
    updated.mean_today_auc =
        updated.folds.iter().map(|f| f.today_auc).sum::<f64>() / updated.folds.len().max(1) as f64;
    updated.pooled_today_auc = auc(today_scores, churned)?.auc;
    Ok(updated)
}

/// The values at `indices`.
fn pick<T: Copy>(values: &[T], indices: &[usize]) -> Vec<T> {
    indices
        .iter()
        .filter_map(|&i| values.get(i).copied())
        .collect()
}

/// Each observation's fold: churned, then renewed, each shuffled with the
/// seeded stream and dealt round-robin (module docs).
pub fn assign_folds(churned: &[bool], folds: usize, seed: u64) -> Vec<usize> {
    let mut rng = TrialRng::from_seed(seed);
    let mut fold_of_observation = vec![0; churned.len()];
    let mut dealt = 0usize;
    for outcome in [true, false] {
        let mut members: Vec<usize> = (0..churned.len())
            .filter(|&i| churned.get(i) == Some(&outcome))
            .collect();
        shuffle(&mut members, &mut rng);
        for index in members {
            if let Some(slot) = fold_of_observation.get_mut(index) {
                *slot = dealt % folds.max(1);
            }
            dealt += 1;
        }
    }
    fold_of_observation
}

/// Fisher-Yates with j = u64 mod (i + 1) from two 32-bit outputs.
fn shuffle(items: &mut [usize], rng: &mut TrialRng) {
    for i in (1..items.len()).rev() {
        let high = u64::from(rng.next_u32());
        let low = u64::from(rng.next_u32());
        let j = ((high << 32 | low) % (i as u64 + 1)) as usize;
        items.swap(i, j.min(i));
    }
}

#[cfg(test)]
#[path = "backtest_test.rs"]
mod tests;
