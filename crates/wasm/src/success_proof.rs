//! `SuccessPortfolio.proof(asOf)` and `useSuggestedWeights(asOf)`: the
//! core's proof of the health score against the renewals that came due on
//! or before the snapshot shown (`success::prove`, docs/success-proof.md),
//! read from the table on the proof's dates ([`super::success_evidence`]),
//! so a weight change re-runs it from the re-summed points; the fits and
//! each measure's evidence, which a weight cannot change, are kept
//! between calls (`success::prove::prove_reusing`).
//!
//! Conversion only, but for two decisions stated here: the proof as of a
//! snapshot counts the renewal rows dated on or before it (a later
//! outcome was not known then); and the suggested weights go into every
//! scorecard that has the measure as its share × 100, rounded to 0.1, a
//! scorecard whose measures would all get 0 keeping its weights.

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::{display_text, JsError};
use super::js::{Array, Object};
use super::success::SuccessPortfolio;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::data::SuccessData;
use yardstick_core::success::proof::{BacktestReport, BandRange, LiftReport, ProofError};
use yardstick_core::success::prove::{
    prove_reusing, MeasureEvidence, ProofReport, ProveOptions, WeightSuggestion,
};

#[wasm_bindgen(typescript_custom_section)]
const PROOF_TYPES: &str = r##"
/** Why a part of the proof could not be computed: the core's code (`not-enough-evidence`, ...) and its words. */
export interface ProofProblem { code: string; message: string }
/** Churn per grade with the 95% Wilson interval (null for a grade without renewals). */
export interface GradeChurnView { grade: SuccessGrade; observations: number; churned: number; rate: number | null; low: number | null; high: number | null }
/** A point of the ROC curve: churn predicted for scores at or below `threshold` (null: nothing predicted). */
export interface RocPointView { threshold: number | null; falsePositiveRate: number; truePositiveRate: number }
/** A band of a measure's values, `from` ≤ value < `below` (null: unbounded), or the missing values. */
export interface EvidenceBandView { from: number | null; below: number | null; missing: boolean; observations: number; churned: number; renewed: number; weightOfEvidence: number; informationValue: number }
/** A measure's weight of evidence per band and information value; `banded`: cut at its rule's bands, else at deciles. */
export interface MeasureEvidenceView { id: string; label: string; banded: boolean; observed: number; informationValue: number; bands: EvidenceBandView[] }
/** A decile of today's score, riskiest first. */
export interface LiftGroupView { observations: number; churned: number; lowestScore: number | null; highestScore: number | null; churnRate: number | null; lift: number | null; capturedShare: number | null }
/** A measure's weight today (its share of its scorecard's weight, averaged over the renewals) and suggested (shares summing to 1). */
export interface SuggestedWeightView { id: string; label: string; today: number; suggested: number; protectiveEffect: number; clipped: boolean; fitted: boolean }
export interface WeightSuggestionView { firth: boolean; weights: SuggestedWeightView[] }
/** Held-out AUCs of today's score and of the fitted weights, per fold and over all. */
export interface BacktestView { folds: { observations: number; churned: number; todayAuc: number; fittedAuc: number }[]; meanTodayAuc: number; meanFittedAuc: number; pooledTodayAuc: number; pooledFittedAuc: number }
export interface ProofView {
  asOf: string; daysBeforeRenewal: number; folds: number;
  /** 1 when each renewal is scored exactly `daysBeforeRenewal` days before; else the grid's step: each is read on the grid date on or before that day, less than a step earlier (a portfolio whose renewal days would not fit the table's bound). */
  gridDays: number;
  observations: number; churned: number; renewed: number; skippedWithoutScore: number; skippedNotInTable: number;
  grades: GradeChurnView[];
  auc: { auc: number; standardError: number; churned: number; renewed: number };
  roc: RocPointView[];
  /** In the order the scorecards first name them. */
  measures: MeasureEvidenceView[];
  lift: { overallChurnRate: number | null; groups: LiftGroupView[] };
  suggestion: WeightSuggestionView | null; suggestionError: ProofProblem | null;
  backtest: BacktestView | null; backtestError: ProofProblem | null;
}
"##;

#[wasm_bindgen]
impl SuccessPortfolio {
    /// The proof on the snapshot on or before `asOf` (absent: the latest):
    /// the renewals dated up to it, each scored `daysBeforeRenewal` days
    /// before. Throws `not-enough-evidence` when fewer than `folds`
    /// renewals churned or renewed.
    #[wasm_bindgen(unchecked_return_type = "ProofView")]
    pub fn proof(&mut self, as_of: Option<String>) -> Result<JsValue, JsError> {
        let (date, report) = self.prove_on(as_of)?;
        let view = report_to_js(&report);
        set_text(&view, "asOf", &date);
        let settings = self.settings.proof;
        set_number(
            &view,
            "daysBeforeRenewal",
            f64::from(settings.days_before_renewal),
        );
        set_number(&view, "folds", f64::from(settings.folds));
        set_number(&view, "gridDays", f64::from(self.evidence_grid.step_days()));
        Ok(view.into())
    }

    /// Sets every scorecard's weights to the proof's suggestion (as of
    /// `asOf`) and re-scores; nothing is saved. Throws the suggestion's
    /// error when there is none.
    #[wasm_bindgen(js_name = useSuggestedWeights)]
    pub fn use_suggested_weights(&mut self, as_of: Option<String>) -> Result<(), JsError> {
        let (_, report) = self.prove_on(as_of)?;
        let suggestion = report.suggestion.map_err(|error| proof_error(&error))?;
        let mut weights = self.weights();
        for (card, list) in self.table.scorecards().iter().zip(weights.iter_mut()) {
            let wanted: Vec<f64> = card
                .measures
                .iter()
                .map(|measure| {
                    let share = suggestion
                        .measure_ids
                        .iter()
                        .position(|id| *id == measure.id)
                        .and_then(|at| suggestion.suggested.weights.get(at))
                        .copied()
                        .unwrap_or(0.0);
                    (share * 1000.0).round() / 10.0
                })
                .collect();
            if wanted.iter().any(|w| *w > 0.0) {
                *list = wanted;
            }
        }
        self.reweigh(&weights)
    }
}

impl SuccessPortfolio {
    /// The snapshot's date (ISO) and the core's report on it.
    fn prove_on(&mut self, as_of: Option<String>) -> Result<(String, ProofReport), JsError> {
        let snapshot = self.snapshot_on(as_of)?;
        let date = *self.table.dates().get(snapshot).ok_or_else(|| {
            JsError::new(
                ErrorCode::INVALID_AS_OF,
                "no snapshot on or before that date",
            )
        })?;
        let table = self.take_evidence()?;
        let options = ProveOptions {
            settings: self.settings.proof,
            firth: false,
            grid: self.evidence_grid,
        };
        let later = self.data.renewals.iter().any(|r| r.date > date);
        let report = if later {
            // The observations read the accounts and renewals only.
            let known = SuccessData {
                accounts: self.data.accounts.clone(),
                renewals: self
                    .data
                    .renewals
                    .iter()
                    .filter(|r| r.date <= date)
                    .cloned()
                    .collect(),
                ..SuccessData::default()
            };
            prove_reusing(&known, &table, &options, &mut self.proof_parts)
        } else {
            prove_reusing(&self.data, &table, &options, &mut self.proof_parts)
        };
        self.keep_evidence(table);
        let report = report.map_err(|error| proof_error(&error))?;
        Ok((display_text(&date), report))
    }
}

/// The core's proof error as a thrown Error with its code.
fn proof_error(error: &ProofError) -> JsError {
    JsError::displayed(error.code(), error)
}

fn problem(error: &ProofError) -> JsValue {
    let item = object();
    set_text(&item, "code", error.code().as_str());
    set_text(&item, "message", &display_text(error));
    item.into()
}

fn report_to_js(report: &ProofReport) -> Object {
    let view = object();
    let count = |key: &str, value: usize| set_number(&view, key, value as f64);
    count("observations", report.observations);
    count("churned", report.churned);
    count("renewed", report.renewed);
    count("skippedWithoutScore", report.skipped_without_score);
    count("skippedNotInTable", report.skipped_not_in_table);
    let grades = Array::new();
    for (grade, churn) in &report.by_grade {
        let item = object();
        set_text(&item, "grade", grade.as_str());
        set_number(&item, "observations", churn.observations as f64);
        set_number(&item, "churned", churn.churned as f64);
        let rate = churn.churn_rate;
        set_number_or_null(&item, "rate", rate.map(|r| r.rate));
        set_number_or_null(&item, "low", rate.map(|r| r.low));
        set_number_or_null(&item, "high", rate.map(|r| r.high));
        grades.push(&item);
    }
    set(&view, "grades", &grades);
    let auc = object();
    set_number(&auc, "auc", report.auc.auc);
    set_number(&auc, "standardError", report.auc.standard_error);
    set_number(&auc, "churned", report.auc.churned as f64);
    set_number(&auc, "renewed", report.auc.renewed as f64);
    set(&view, "auc", &auc);
    let roc = Array::new();
    for point in &report.roc {
        let item = object();
        set_number_or_null(&item, "threshold", point.churn_if_score_at_most);
        set_number(&item, "falsePositiveRate", point.false_positive_rate);
        set_number(&item, "truePositiveRate", point.true_positive_rate);
        roc.push(&item);
    }
    set(&view, "roc", &roc);
    let measures = Array::new();
    for measure in &report.measures {
        measures.push(&measure_to_js(measure));
    }
    set(&view, "measures", &measures);
    set(&view, "lift", &lift_to_js(&report.lift));
    let (suggestion, suggestion_error) = match &report.suggestion {
        Ok(found) => (suggestion_to_js(found, &report.measures), JsValue::NULL),
        Err(error) => (JsValue::NULL, problem(error)),
    };
    set(&view, "suggestion", &suggestion);
    set(&view, "suggestionError", &suggestion_error);
    let (backtest, backtest_error) = match &report.backtest {
        Ok(found) => (backtest_to_js(found), JsValue::NULL),
        Err(error) => (JsValue::NULL, problem(error)),
    };
    set(&view, "backtest", &backtest);
    set(&view, "backtestError", &backtest_error);
    view
}

fn measure_to_js(measure: &MeasureEvidence) -> JsValue {
    let item = object();
    set_text(&item, "id", &measure.measure.id);
    set_text(&item, "label", &measure.measure.label);
    let banded = JsValue::from_bool(measure.measure.band_edges.is_some());
    set(&item, "banded", &banded);
    set_number(&item, "observed", measure.observed as f64);
    set_number(&item, "informationValue", measure.binning.information_value);
    let bands = Array::new();
    for band in &measure.binning.bands {
        let entry = object();
        let (from, below, missing) = match band.range {
            BandRange::Values { from, below } => (from, below, false),
            BandRange::Missing => (None, None, true),
        };
        set_number_or_null(&entry, "from", from);
        set_number_or_null(&entry, "below", below);
        set(&entry, "missing", &JsValue::from_bool(missing));
        set_number(&entry, "observations", band.observations as f64);
        set_number(&entry, "churned", band.churned as f64);
        set_number(&entry, "renewed", band.renewed as f64);
        set_number(&entry, "weightOfEvidence", band.weight_of_evidence);
        set_number(&entry, "informationValue", band.information_value);
        bands.push(&entry);
    }
    set(&item, "bands", &bands);
    item.into()
}

fn lift_to_js(lift: &LiftReport) -> JsValue {
    let view = object();
    set_number_or_null(&view, "overallChurnRate", lift.overall_churn_rate);
    let groups = Array::new();
    for group in &lift.groups {
        let item = object();
        set_number(&item, "observations", group.observations as f64);
        set_number(&item, "churned", group.churned as f64);
        set_number_or_null(&item, "lowestScore", group.score_range.map(|r| r.0));
        set_number_or_null(&item, "highestScore", group.score_range.map(|r| r.1));
        set_number_or_null(&item, "churnRate", group.churn_rate);
        set_number_or_null(&item, "lift", group.lift);
        set_number_or_null(&item, "capturedShare", group.captured_share);
        groups.push(&item);
    }
    set(&view, "groups", &groups);
    view.into()
}

fn suggestion_to_js(found: &WeightSuggestion, measures: &[MeasureEvidence]) -> JsValue {
    let view = object();
    set(&view, "firth", &JsValue::from_bool(found.firth));
    let weights = Array::new();
    for (column, id) in found.measure_ids.iter().enumerate() {
        let item = object();
        set_text(&item, "id", id);
        let label = measures
            .get(column)
            .map_or(id.as_str(), |m| m.measure.label.as_str());
        set_text(&item, "label", label);
        let at = |list: &[f64]| list.get(column).copied().unwrap_or(0.0);
        set_number(&item, "today", at(&found.today));
        set_number(&item, "suggested", at(&found.suggested.weights));
        set_number(
            &item,
            "protectiveEffect",
            at(&found.suggested.protective_effects),
        );
        let clipped = found
            .suggested
            .clipped
            .get(column)
            .copied()
            .unwrap_or(false);
        set(&item, "clipped", &JsValue::from_bool(clipped));
        let fitted = found.fitted_measures.contains(&column);
        set(&item, "fitted", &JsValue::from_bool(fitted));
        weights.push(&item);
    }
    set(&view, "weights", &weights);
    view.into()
}

fn backtest_to_js(found: &BacktestReport) -> JsValue {
    let view = object();
    let folds = Array::new();
    for fold in &found.folds {
        let item = object();
        set_number(&item, "observations", fold.observations as f64);
        set_number(&item, "churned", fold.churned as f64);
        set_number(&item, "todayAuc", fold.today_auc);
        set_number(&item, "fittedAuc", fold.fitted_auc);
        folds.push(&item);
    }
    set(&view, "folds", &folds);
    set_number(&view, "meanTodayAuc", found.mean_today_auc);
    set_number(&view, "meanFittedAuc", found.mean_fitted_auc);
    set_number(&view, "pooledTodayAuc", found.pooled_today_auc);
    set_number(&view, "pooledFittedAuc", found.pooled_fitted_auc);
    view.into()
}
