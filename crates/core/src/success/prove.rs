//! The proof of a health score from history (docs/success-proof.md, "From
//! history"): the observations of [`super::prove_observations`] run
//! through the proof kernels ([`super::proof`]) into one report: churn
//! per grade, AUC and ROC, each measure's weight of evidence and
//! information value, decile lift, suggested weights and the k-fold
//! backtest.
//!
//! Decisions, each stated once here:
//!
//! - The fits read each measure's **points** (the scale weights act on); a
//!   missing measure is read at the mean points of the observations that
//!   have it (it neither helps nor hurts); a measure no observation has
//!   is left out of the fits (weight 0).
//! - Weight of evidence reads each measure's **values**, cut by the rule's
//!   bands when some scorecard scores it banded (untightened), else into
//!   [`QUANTILE_BANDS`] quantile bands; missing values are their own band.
//! - Suggested weights: the L2 fit with the settings' penalty; Firth's fit
//!   when asked ([`ProveOptions::firth`]) or when the L2 fit has no finite
//!   answer (separation or a singular Hessian at penalty 0). Every
//!   measure's points range is the scale's 100, so the weights are
//!   proportional to −β and a scorecard with them orders accounts as the
//!   fit does when no measure is missing.
//! - The backtest is the kernel's (L2 fits with the settings' penalty and
//!   folds and seed): today's score against the fitted one per fold.
//!
//! Bounded: observations at most the renewal rows (the kernels refuse more
//! than `MAX_OBSERVATIONS`), measures at most `MAX_FEATURES`.

use super::data::SuccessData;
use super::evidence_dates::DateGrid;
use super::health::HealthTable;
use super::proof::{
    auc, backtest, churn_by_grade, decile_lift, fit_firth, fit_logistic, quantile_edges, roc_curve,
    suggested_weights, AucReport, BacktestOptions, BacktestReport, BinningReport, GradeChurn,
    LiftReport, LogisticFit, LogisticOptions, ProofError, RocPoint, SuggestedWeights, Z_95,
};
use super::prove_observations::{build_observations, MeasureColumn, ProofObservations};
use super::settings::{Grade, ProofSettings};

/// Value bands of a measure without a banded rule.
pub const QUANTILE_BANDS: usize = 10;
/// The most ROC points reported (downsampled evenly, both ends kept).
pub const ROC_POINTS: usize = 101;
/// Lift groups (deciles).
pub const LIFT_GROUPS: usize = 10;

/// How to prove.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ProveOptions {
    /// Days before renewal, folds, seed and penalty (the settings' `proof`).
    pub settings: ProofSettings,
    /// Suggest weights from Firth's fit even when the L2 fit succeeds.
    pub firth: bool,
    /// How the table's dates were laid out ([`super::evidence_dates`]);
    /// exact for a table on [`super::prove_observations::proof_dates`].
    pub grid: DateGrid,
}

/// One measure's evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureEvidence {
    /// The measure (id, label, band edges).
    pub measure: MeasureColumn,
    /// Observations where it had a value.
    pub observed: usize,
    /// Weight of evidence per band and the information value.
    pub binning: BinningReport,
}

/// The suggested weights and the fit behind them.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightSuggestion {
    /// The measure ids, in the report's measure order; the weights below
    /// follow it.
    pub measure_ids: Vec<String>,
    /// Today's weights: each measure's share of its scorecard's total
    /// weight, averaged over the observations (0 where the scorecard lacks
    /// it), normalised to sum 1.
    pub today: Vec<f64>,
    /// The suggested weights (summing to 1), protective effects and the
    /// clipped flags; measures left out of the fit have weight 0.
    pub suggested: SuggestedWeights,
    /// The measures (positions in the report's order) that entered the
    /// fit, in the order of its coefficients.
    pub fitted_measures: Vec<usize>,
    /// The fit on those measures.
    pub fit: LogisticFit,
    /// Firth's fit was used.
    pub firth: bool,
}

/// The proof of a health score from history.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofReport {
    /// Observations used.
    pub observations: usize,
    /// Of them, churned.
    pub churned: usize,
    /// Of them, renewed.
    pub renewed: usize,
    /// Renewal rows without a score N days before.
    pub skipped_without_score: usize,
    /// Renewal rows whose date − N days is not in the table.
    pub skipped_not_in_table: usize,
    /// Churn per grade, in [`Grade::ALL`] order, with Wilson intervals (95%).
    pub by_grade: Vec<(Grade, GradeChurn)>,
    /// The AUC of today's score with its standard error.
    pub auc: AucReport,
    /// The ROC curve, at most [`ROC_POINTS`] points.
    pub roc: Vec<RocPoint>,
    /// Each measure's weight of evidence, in measure order.
    pub measures: Vec<MeasureEvidence>,
    /// Decile lift of today's score.
    pub lift: LiftReport,
    /// Suggested weights, or why there are none.
    pub suggestion: Result<WeightSuggestion, ProofError>,
    /// The k-fold backtest, or why it could not run.
    pub backtest: Result<BacktestReport, ProofError>,
}

/// Proves the scores of `table` (built on [`super::prove_observations::proof_dates`])
/// against the renewals of `data`. Errors with `TooFewForFolds` when
/// fewer than `folds` observations churned or renewed (not enough
/// evidence), or as the kernels do on bad shapes.
pub fn prove(
    data: &SuccessData,
    table: &HealthTable,
    options: &ProveOptions,
) -> Result<ProofReport, ProofError> {
    let settings = options.settings;
    let found = build_observations(data, table, settings.days_before_renewal, options.grid)?;
    prove_built(&found, options)
}

/// [`prove`] on observations already built.
pub fn prove_built(
    found: &ProofObservations,
    options: &ProveOptions,
) -> Result<ProofReport, ProofError> {
    let settings = options.settings;
    let rows = &found.observations;
    let churned: Vec<bool> = rows.iter().map(|row| row.churned).collect();
    let scores: Vec<f64> = rows.iter().map(|row| row.score).collect();
    let churned_count = churned.iter().filter(|&&c| c).count();
    let renewed_count = churned.len() - churned_count;
    let folds = settings.folds as usize;
    if churned_count < folds || renewed_count < folds {
        return Err(ProofError::TooFewForFolds {
            folds,
            churned: churned_count,
            renewed: renewed_count,
        });
    }
    let grades: Vec<usize> = rows.iter().map(|row| row.grade).collect();
    let by_grade = churn_by_grade(&grades, &churned, Grade::ALL.len(), Z_95)?;
    let mut measures = Vec::with_capacity(found.measures.len());
    for (column, measure) in found.measures.iter().enumerate() {
        let values: Vec<Option<f64>> = rows
            .iter()
            .map(|row| row.values.get(column).copied().flatten())
            .collect();
        let edges = match &measure.band_edges {
            Some(edges) => edges.clone(),
            None => quantile_edges(&values, QUANTILE_BANDS)?,
        };
        measures.push(MeasureEvidence {
            measure: measure.clone(),
            observed: values.iter().filter(|v| v.is_some()).count(),
            binning: super::proof::weight_of_evidence(&values, &churned, &edges)?,
        });
    }
    let design = Design::new(found);
    let fit_options = LogisticOptions {
        penalty: settings.penalty,
        ..LogisticOptions::default()
    };
    let suggestion = suggest(found, &design, &churned, &fit_options, options.firth);
    let backtest = backtest(
        &design.columns,
        &scores,
        &churned,
        &BacktestOptions {
            folds,
            seed: settings.seed,
            fit: fit_options,
        },
    );
    Ok(ProofReport {
        observations: rows.len(),
        churned: churned_count,
        renewed: renewed_count,
        skipped_without_score: found.skipped_without_score,
        skipped_not_in_table: found.skipped_not_in_table,
        by_grade: Grade::ALL.into_iter().zip(by_grade).collect(),
        auc: auc(&scores, &churned)?,
        roc: roc_curve(&scores, &churned, ROC_POINTS)?,
        measures,
        lift: decile_lift(&scores, &churned, LIFT_GROUPS)?,
        suggestion,
        backtest,
    })
}

/// The fits' columns: the points of each measure some observation has,
/// missing points at the column's mean.
struct Design {
    /// Which measure column each fitted column is.
    fitted: Vec<usize>,
    columns: Vec<Vec<f64>>,
}

impl Design {
    fn new(found: &ProofObservations) -> Design {
        let mut design = Design {
            fitted: Vec::new(),
            columns: Vec::new(),
        };
        for column in 0..found.measures.len() {
            let points: Vec<Option<f64>> = found
                .observations
                .iter()
                .map(|row| row.points.get(column).copied().flatten())
                .collect();
            let present: Vec<f64> = points.iter().filter_map(|p| *p).collect();
            if present.is_empty() {
                continue;
            }
            let mean = present.iter().sum::<f64>() / present.len() as f64;
            design.fitted.push(column);
            design
                .columns
                .push(points.iter().map(|p| p.unwrap_or(mean)).collect());
        }
        design
    }
}

fn suggest(
    found: &ProofObservations,
    design: &Design,
    churned: &[bool],
    options: &LogisticOptions,
    firth: bool,
) -> Result<WeightSuggestion, ProofError> {
    let firth_options = LogisticOptions {
        penalty: 0.0,
        ..*options
    };
    let (fit, used_firth) = if firth {
        (fit_firth(&design.columns, churned, &firth_options)?, true)
    } else {
        match fit_logistic(&design.columns, churned, options) {
            Ok(fit) => (fit, false),
            Err(ProofError::Separation { .. } | ProofError::SingularHessian { .. }) => {
                (fit_firth(&design.columns, churned, &firth_options)?, true)
            }
            Err(other) => return Err(other),
        }
    };
    let ranges = vec![100.0; fit.coefficients.len()];
    let fitted = suggested_weights(&fit.coefficients, &ranges)?;
    let width = found.measures.len();
    let mut suggested = SuggestedWeights {
        weights: vec![0.0; width],
        protective_effects: vec![0.0; width],
        clipped: vec![false; width],
    };
    for (position, &column) in design.fitted.iter().enumerate() {
        for (target, source) in [
            (&mut suggested.weights, &fitted.weights),
            (
                &mut suggested.protective_effects,
                &fitted.protective_effects,
            ),
        ] {
            if let (Some(slot), Some(value)) = (target.get_mut(column), source.get(position)) {
                *slot = *value;
            }
        }
        if let (Some(slot), Some(value)) = (
            suggested.clipped.get_mut(column),
            fitted.clipped.get(position),
        ) {
            *slot = *value;
        }
    }
    Ok(WeightSuggestion {
        measure_ids: found.measures.iter().map(|m| m.id.clone()).collect(),
        today: today_weights(found),
        suggested,
        fitted_measures: design.fitted.clone(),
        fit,
        firth: used_firth,
    })
}

/// Today's weight shares averaged over the observations, summing to 1.
fn today_weights(found: &ProofObservations) -> Vec<f64> {
    let mut sums = vec![0.0; found.measures.len()];
    for row in &found.observations {
        for (sum, share) in sums.iter_mut().zip(&row.weight_shares) {
            *sum += share;
        }
    }
    let total: f64 = sums.iter().sum();
    if total > 0.0 {
        sums.iter_mut().for_each(|sum| *sum /= total);
    }
    sums
}

/// A proof after a weight change, reusing what the weight cannot change.
#[path = "prove_reuse.rs"]
mod reuse;
pub use reuse::{prove_reusing, ProofParts};

#[cfg(test)]
#[path = "prove_test.rs"]
mod tests;
