//! `SuccessPortfolio`: a success team's portfolio scored in the browser
//! (docs/success.md, "The page and its engine"). Built once from the data
//! and the settings (JSON text) and snapshot dates; the signals are indexed
//! once, and a changed weight re-sums the stored points
//! (`HealthTable::rescore_weights`) without reading a signal again.
//!
//! Only in the `success` build (`make pkg-success`). Conversion only:
//! stages, scores, trends, alerts, milestones and outcomes are the core's.
//! Each view is one more method and DTO module beside
//! [`super::success_portfolio`]: the proof ([`super::success_proof`]) and
//! the team ([`super::success_team`]) read a second table
//! ([`super::success_evidence`]).

use super::error::JsError;
use super::success_dto::{dates_to_js, document_error, node_to_js};
use super::success_json::{read_data_source, read_settings_text};
use super::success_snapshots::snapshot_dates;
use super::success_source::DataSource;
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;
use yardstick_core::error::ErrorCode;
use yardstick_core::success::account_positions::AccountPositions;
use yardstick_core::success::alerts::AlertReadings;
use yardstick_core::success::data::{Renewal, SuccessData};
use yardstick_core::success::date::Date;
use yardstick_core::success::evidence_dates::DateGrid;
use yardstick_core::success::health::{CaseDocuments, HealthTable};
use yardstick_core::success::prove::ProofParts;
use yardstick_core::success::settings::SuccessSettings;
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::settings_write::{settings_to_node, stage_named};
use yardstick_core::success::signal_index::SignalIndex;

#[wasm_bindgen(typescript_custom_section)]
const SUCCESS_TYPES: &str = r##"
/** Which snapshot dates to score: every `everyDays` days back from `to`, or (without `everyDays`) every month end from `from` to `to`, and `to` itself. `to` defaults to the latest signal or event of the data, `from` to 23 months before `to`. ISO dates. */
export interface SnapshotSpec { from?: string; to?: string; everyDays?: number }
/** A problem in a success document: the core's code, the path in the document, why. */
export interface SuccessDiagnostic { code: string; path: string; message: string }
/** The Error the constructor and `setSettings` throw for a document that does not read. */
export interface InvalidSuccessDocumentError extends YardstickError { code: "invalid-success-data" | "invalid-success-settings"; diagnostics: SuccessDiagnostic[] }
export type SuccessStage = "onboarding" | "established" | "pre_renewal";
export type SuccessGrade = "healthy" | "average" | "at_risk";
/** Score changes in points against the previous snapshot and the snapshots nearest 7, 30 and 90 days before; null when there is none. */
export interface SuccessTrend { previous: number | null; days7: number | null; days30: number | null; days90: number | null; stageChanged: boolean }
export interface PortfolioRow {
  id: string; name: string; segment: string | null; owner: string | null; currency: string;
  /** null before the contract; a churned account keeps its stage on the churn date; `churned` from its churn date on. */
  stage: SuccessStage | null; churned: boolean;
  score: number | null; grade: SuccessGrade | null;
  /** 0 to 1: the share of the scorecard's weight backed by fresh data. */
  coverage: number; lowCoverage: boolean;
  trend: SuccessTrend;
  /** The score on every snapshot up to the one shown (null where none). */
  sparkline: (number | null)[];
  /** Alert rules whose episode is open on the snapshot. */
  openAlerts: number;
  /** The end of the current term; null after a churn. */
  renewal: string | null;
  annualValue: number;
  /** The annual value when the grade is at_risk and the account has not churned, else 0 (a churned account's value is lost, not at risk). */
  valueAtRisk: number;
}
/** Per currency and grade ("none" for accounts without a score, "churned" for accounts churned on or before the snapshot, whatever their frozen grade: their annual value is the value lost): accounts and annual value. */
export interface PortfolioTotal { currency: string; grade: SuccessGrade | "none" | "churned"; accounts: number; annualValue: number; valueAtRisk: number }
export interface PortfolioView { asOf: string; snapshot: number; snapshots: string[]; rows: PortfolioRow[]; totals: PortfolioTotal[] }
export interface MeasureReading { id: string; label: string; weight: number; value: number | null; points: number; weightShare: number; contribution: number }
export interface HealthSnapshot {
  date: string; stage: SuccessStage | null; frozen: boolean; score: number | null; grade: SuccessGrade | null;
  coverage: number; lowCoverage: boolean;
  /** The scorecard used: its position in the settings, its stage and segment. */
  scorecard: { position: number; stage: SuccessStage; segment: string | null } | null;
  measures: MeasureReading[];
  /** The measure whose contribution changed most since the previous snapshot. */
  mover: { id: string; label: string; change: number } | null;
}
export interface PlayView { id: string; title: string; ownerRole: string; steps: string[]; dueInDays: number; due: string }
export interface AlertView { rule: string; date: string; evidence: string; open: boolean; play: PlayView | null }
export interface MilestoneView {
  id: string; label: string; stage: SuccessStage; stageStart: string; deadline: string;
  status: "done" | "due" | "overdue"; reachedOn: string | null; late: boolean; daysLeft: number | null; daysOver: number | null;
}
export interface RenegotiationView { date: string; target: number; targetDate: string; reason: string; agreedBy: string }
export interface OutcomeView {
  id: string; label: string; unit: string | null; direction: "increase" | "decrease";
  baseline: { value: number; date: string };
  /** The target first agreed, kept beside the one in force. */
  originalTarget: { value: number; date: string };
  target: { value: number; date: string } | null;
  current: number | null; progress: number | null;
  status: "achieved" | "on_track" | "at_risk" | "missed" | "no_data" | "not_started";
  actuals: { date: string; value: number }[];
  renegotiations: RenegotiationView[];
}
export interface AccountView {
  id: string; name: string; segment: string | null; owner: string | null; currency: string; annualValue: number;
  contractStart: string; renewal: string | null; churnedOn: string | null;
  asOf: string; snapshot: number;
  history: HealthSnapshot[];
  stageChanges: { date: string; stage: SuccessStage | null }[];
  alerts: AlertView[]; milestones: MilestoneView[]; outcomes: OutcomeView[];
  realised: RealisedView; execution: { setup: ChecklistView; execution: ChecklistView }; plays: PlayCompletionView[];
}
/** What `setCases` read: the cases linked, and the entries left out (no document stored, or one that does not read as a case). */
export interface CasesRead { linked: number; unread: { account: string; reason: string }[] }
/** Realised against projected value on the snapshot (docs/success.md, "Realised against projected value"). status: no_case (the account links none), not_loaded (no document given to setCases), not_comparable (message says why), compared. */
export interface RealisedView {
  case: { id: number; revision: number } | null;
  status: "no_case" | "not_loaded" | "not_comparable" | "compared"; message: string | null;
  periodsElapsed: number;
  lines: { id: string; label: string | null; projected: number; realised: number; variance: number; variancePercent: number | null }[];
  projected: number; realised: number; ratio: number | null;
  /** The currency of the money figures: the case's (its settings', else its model's), which need not be the account's; null unless compared. */
  currency: string | null;
  /** Actuals the model refused. */
  refused: { input: string; date: string; reason: string }[];
  /** The account's realised rows, all dates. */
  actuals: number;
}
export interface ChecklistItemView { id: string; label: string; done: boolean; since: string | null; note: string | null }
/** One checklist on the snapshot: degree 0 to 1 (null: no row yet, or no item weighs), every item, the items not done. */
export interface ChecklistView { degree: number | null; items: ChecklistItemView[]; missing: ChecklistItemView[] }
/** A play completed on or before the snapshot, with the score on its date and `followUpDays` later (each from the latest snapshot on or before; after and change null until the follow-up date is reached). */
export interface PlayCompletionView {
  play: string; title: string | null; alert: string | null; completed: string; followUp: string; followUpDays: number;
  before: { date: string; score: number | null } | null; after: { date: string; score: number | null } | null; change: number | null;
}
/** The settings in force, as a `yardstick/success-settings@1` document. */
export type SuccessSettingsDocument = { schema: "yardstick/success-settings@1"; [field: string]: unknown };
"##;

/// A portfolio scored on snapshot dates.
#[wasm_bindgen]
pub struct SuccessPortfolio {
    /// The data without its signals, which live in `index` only.
    pub(crate) data: SuccessData,
    pub(crate) index: SignalIndex,
    pub(crate) settings: SuccessSettings,
    pub(crate) table: HealthTable,
    /// Each account's renewal rows (by position), so a timeline does not
    /// scan every renewal.
    pub(crate) renewals: Vec<Vec<Renewal>>,
    /// Every rule read over the table (the alerts fired and each cell's
    /// open count), computed when first asked for after a re-score.
    /// (A cell set once, so the views that read it borrow the portfolio
    /// as shared, as the JavaScript API's `portfolio` always did.)
    pub(crate) fired: OnceCell<AlertReadings>,
    /// The data with the signals milestones read put back from the index
    /// (`None`: the data as kept will do), for `milestone_overdue`: made
    /// once per settings other than weights, which cannot change it.
    pub(crate) milestone_data: OnceCell<Option<SuccessData>>,
    /// The table on the proof's and the plays' dates
    /// ([`super::success_evidence`]), built when first asked for.
    pub(crate) evidence: Option<HealthTable>,
    /// How the evidence table's dates were laid out (exact, or snapped to
    /// a grid to stay within the table's bound), set when it is built.
    pub(crate) evidence_grid: DateGrid,
    /// The linked cases by account id (`setCases`; none until then).
    pub(crate) cases: CaseDocuments,
    /// What the last proof computed that a weight change cannot change,
    /// reused while its observations' values and points are the same.
    pub(crate) proof_parts: Option<ProofParts>,
}

#[wasm_bindgen]
impl SuccessPortfolio {
    /// Reads the data (JSON text, or its UTF-8 bytes as a `Uint8Array`, read
    /// a megabyte at a time) and the settings (`null`: the core's defaults),
    /// indexes the signals and scores every account on the snapshots.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data_json: JsValue,
        settings_json: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "SnapshotSpec | undefined")] snapshots: JsValue,
    ) -> Result<SuccessPortfolio, JsError> {
        let source = match data_json.as_string() {
            Some(text) => DataSource::Text(text),
            None if data_json.is_object() => DataSource::Bytes(data_json.unchecked_into()),
            None => {
                return Err(JsError::argument(
                    "the data must be JSON text or its UTF-8 bytes (a Uint8Array)",
                ))
            }
        };
        let read = read_data_source(&source)
            .map_err(|error| document_error(ErrorCode::INVALID_SUCCESS_DATA, error))?;
        let (data, index) = (read.data, read.index);
        let settings = match settings_json {
            Some(text) => read_settings_text(&text)
                .map_err(|error| document_error(ErrorCode::INVALID_SUCCESS_SETTINGS, error))?,
            None => default_settings(),
        };
        let dates = snapshot_dates(&data, read.latest_signal, &snapshots)?;
        let table = HealthTable::build(&data, &index, &settings, &dates)
            .map_err(|error| JsError::displayed(error.code(), &error))?;
        let renewals = renewals_by_account(&data);
        Ok(SuccessPortfolio {
            data,
            index,
            settings,
            table,
            renewals,
            fired: OnceCell::new(),
            milestone_data: OnceCell::new(),
            evidence: None,
            evidence_grid: DateGrid::EXACT,
            cases: CaseDocuments::new(),
            proof_parts: None,
        })
    }

    /// The snapshot dates scored, ascending.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn snapshots(&self) -> JsValue {
        dates_to_js(self.table.dates()).into()
    }

    /// Sets one measure's weight and re-scores every snapshot from the
    /// stored points. `scorecard` is its position in the settings or its
    /// stage's name (the scorecard of that stage without a segment).
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | SuccessStage")] scorecard: JsValue,
        measure: &str,
        weight: f64,
    ) -> Result<(), JsError> {
        let card = self.scorecard_position(&scorecard)?;
        let mut weights = self.weights();
        let position = self
            .table
            .scorecards()
            .get(card)
            .and_then(|c| c.measures.iter().position(|m| m.id == measure))
            .ok_or_else(|| {
                JsError::new(
                    ErrorCode::UNKNOWN_ID,
                    &format!("the scorecard has no measure `{measure}`"),
                )
            })?;
        if let Some(slot) = weights
            .get_mut(card)
            .and_then(|list| list.get_mut(position))
        {
            *slot = weight;
        }
        self.reweigh(&weights)
    }

    /// New settings (JSON text). When only weights differ, the stored
    /// points are re-summed; otherwise the table is built again from the
    /// same signal index. Refused settings change nothing.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings_json: &str) -> Result<(), JsError> {
        let settings = read_settings_text(settings_json)
            .map_err(|error| document_error(ErrorCode::INVALID_SUCCESS_SETTINGS, error))?;
        if same_but_weights(&self.settings, &settings) {
            let weights: Vec<Vec<f64>> = settings
                .scorecards
                .iter()
                .map(|card| card.measures.iter().map(|m| m.weight).collect())
                .collect();
            self.reweigh(&weights)?;
        } else {
            let dates = self.table.dates().to_vec();
            self.table = HealthTable::build_with_cases(
                &self.data,
                &self.index,
                &settings,
                &dates,
                &self.cases,
            )
            .map_err(|error| JsError::displayed(error.code(), &error))?;
            // Rebuilt from the new settings when next asked for.
            self.evidence = None;
            self.milestone_data = OnceCell::new();
        }
        self.settings = settings;
        self.fired = OnceCell::new();
        Ok(())
    }

    /// The settings in force (defaults included, weights as last set).
    #[wasm_bindgen(unchecked_return_type = "SuccessSettingsDocument")]
    pub fn settings(&self) -> JsValue {
        node_to_js(&settings_to_node(&self.settings))
    }
}

impl SuccessPortfolio {
    /// Every rule read over the table, in one pass per account (computed
    /// once per re-score). Every rule counts, `milestone_overdue`
    /// included: its milestones read signals, put back from the index
    /// for it.
    pub(crate) fn alert_readings(&self) -> &AlertReadings {
        self.fired.get_or_init(|| {
            let restored = self
                .milestone_data
                .get_or_init(|| self.data_for_milestones());
            let data = restored.as_ref().unwrap_or(&self.data);
            AlertReadings::of_settings(&self.table, data, &self.index, &self.settings)
        })
    }

    /// The snapshot shown for `as_of` (ISO text; absent: the latest): the
    /// last one on or before it.
    pub(crate) fn snapshot_on(&self, as_of: Option<String>) -> Result<usize, JsError> {
        let dates = self.table.dates();
        let wanted = match as_of {
            None => return dates.len().checked_sub(1).ok_or_else(no_snapshot),
            Some(text) => Date::parse(&text).ok_or_else(|| {
                JsError::new(
                    ErrorCode::INVALID_AS_OF,
                    &format!("asOf must be a date YYYY-MM-DD, not `{text}`"),
                )
            })?,
        };
        dates
            .partition_point(|date| *date <= wanted)
            .checked_sub(1)
            .ok_or_else(no_snapshot)
    }

    fn scorecard_position(&self, scorecard: &JsValue) -> Result<usize, JsError> {
        let cards = self.table.scorecards();
        let found = if let Some(number) = scorecard.as_f64() {
            (number.fract() == 0.0 && number >= 0.0 && number < cards.len() as f64)
                .then_some(number as usize)
        } else if let Some(name) = scorecard.as_string() {
            stage_named(&name).and_then(|stage| {
                cards
                    .iter()
                    .position(|card| card.stage == stage && card.segment.is_none())
            })
        } else {
            None
        };
        found.ok_or_else(|| {
            JsError::new(
                ErrorCode::UNKNOWN_ID,
                "no such scorecard: give its position in the settings or a stage's name",
            )
        })
    }
}

fn no_snapshot() -> JsError {
    JsError::new(
        ErrorCode::INVALID_AS_OF,
        "no snapshot on or before that date",
    )
}

/// Whether two settings differ in their weights only.
fn same_but_weights(now: &SuccessSettings, next: &SuccessSettings) -> bool {
    let mut reweighted = now.clone();
    if reweighted.scorecards.len() != next.scorecards.len() {
        return false;
    }
    for (card, wanted) in reweighted.scorecards.iter_mut().zip(&next.scorecards) {
        if card.measures.len() != wanted.measures.len() {
            return false;
        }
        for (measure, weight) in card.measures.iter_mut().zip(&wanted.measures) {
            measure.weight = weight.weight;
        }
    }
    reweighted == *next
}

/// Each account's renewal rows, by the account's position.
fn renewals_by_account(data: &SuccessData) -> Vec<Vec<Renewal>> {
    AccountPositions::new(&data.accounts)
        .group_rows(data.accounts.len(), &data.renewals, |row| {
            row.account.as_str()
        })
        .into_iter()
        .map(|rows| {
            rows.into_iter()
                .filter_map(|at| data.renewals.get(at).cloned())
                .collect()
        })
        .collect()
}
