//! [`prove_reusing`]: the proof after a weight change. A weight changes
//! today's scores, grades and weight shares, never a measure's values or
//! points, nor an outcome; so each measure's evidence, the suggested
//! weights' fit and the backtest's fits are kept ([`ProofParts`]) and
//! reused while the observations read the same values and points.

use super::super::data::SuccessData;
use super::super::health::HealthTable;
use super::super::proof::{
    auc, churn_by_grade, decile_lift, roc_curve, with_today_scores, BacktestReport, ProofError,
    Z_95,
};
use super::super::prove_observations::{build_observations, MeasureColumn, ProofObservations};
use super::super::settings::Grade;
use super::{
    prove_built, today_weights, MeasureEvidence, ProofReport, ProveOptions, WeightSuggestion,
    LIFT_GROUPS, ROC_POINTS,
};

/// What a proof computed that a weight change cannot change, kept to be
/// reused: each measure's evidence (values), the suggested weights' fit
/// and the backtest's fits (points and outcomes). A weight change
/// changes today's scores, grades and weight shares only, so
/// [`prove_reusing`] recomputes those and reuses the rest when the
/// observations' renewals, outcomes, values and points and the options
/// are the ones the parts came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofParts {
    key: PartsKey,
    measures: Vec<MeasureEvidence>,
    suggestion: Result<WeightSuggestion, ProofError>,
    backtest: Result<BacktestReport, ProofError>,
}

/// The inputs the reusable parts read.
#[derive(Debug, Clone, PartialEq)]
struct PartsKey {
    options: ProveOptions,
    measures: Vec<MeasureColumn>,
    /// Per observation: its renewal row and outcome.
    rows: Vec<(usize, bool)>,
    /// Every observation's values, then points, one after the other.
    figures: Vec<Option<f64>>,
}

impl PartsKey {
    fn of(found: &ProofObservations, options: &ProveOptions) -> PartsKey {
        let rows = &found.observations;
        let mut figures = Vec::with_capacity(rows.len() * found.measures.len() * 2);
        for row in rows {
            figures.extend_from_slice(&row.values);
            figures.extend_from_slice(&row.points);
        }
        PartsKey {
            options: *options,
            measures: found.measures.clone(),
            rows: rows.iter().map(|row| (row.renewal, row.churned)).collect(),
            figures,
        }
    }
}

/// [`super::prove`], reusing `parts` when they came from the same observations'
/// values and points (module docs of [`ProofParts`]), and keeping the
/// parts of this proof in `parts` for the next call. Gives exactly what
/// [`super::prove`] gives.
pub fn prove_reusing(
    data: &SuccessData,
    table: &HealthTable,
    options: &ProveOptions,
    parts: &mut Option<ProofParts>,
) -> Result<ProofReport, ProofError> {
    let found = build_observations(
        data,
        table,
        options.settings.days_before_renewal,
        options.grid,
    )?;
    let key = PartsKey::of(&found, options);
    let Some(kept) = parts.as_ref().filter(|kept| kept.key == key) else {
        let report = prove_built(&found, options)?;
        *parts = Some(ProofParts {
            key,
            measures: report.measures.clone(),
            suggestion: report.suggestion.clone(),
            backtest: report.backtest.clone(),
        });
        return Ok(report);
    };
    let rows = &found.observations;
    let churned: Vec<bool> = rows.iter().map(|row| row.churned).collect();
    let scores: Vec<f64> = rows.iter().map(|row| row.score).collect();
    let grades: Vec<usize> = rows.iter().map(|row| row.grade).collect();
    let churned_count = churned.iter().filter(|&&c| c).count();
    let suggestion = kept.suggestion.clone().map(|mut suggestion| {
        suggestion.today = today_weights(&found);
        suggestion
    });
    let backtest = match &kept.backtest {
        Ok(report) => with_today_scores(report, &scores, &churned),
        Err(error) => Err(error.clone()),
    };
    Ok(ProofReport {
        observations: rows.len(),
        churned: churned_count,
        renewed: rows.len() - churned_count,
        skipped_without_score: found.skipped_without_score,
        skipped_not_in_table: found.skipped_not_in_table,
        by_grade: Grade::ALL
            .into_iter()
            .zip(churn_by_grade(&grades, &churned, Grade::ALL.len(), Z_95)?)
            .collect(),
        auc: auc(&scores, &churned)?,
        roc: roc_curve(&scores, &churned, ROC_POINTS)?,
        measures: kept.measures.clone(),
        lift: decile_lift(&scores, &churned, LIFT_GROUPS)?,
        suggestion,
        backtest,
    })
}
