//! The second health table a `SuccessPortfolio` keeps for the proof and the
//! team view (docs/success.md, "The page and its engine"): the same
//! accounts scored on the proof's dates (each renewal's date minus
//! `daysBeforeRenewal`, `prove_observations::proof_dates`) and the plays'
//! dates (each completion and `playFollowUpDays` after it,
//! `team::team_dates`), and on no other date: both read scores on exactly
//! those days, so the snapshots would only add cells to re-sum on every
//! weight change. When those days would not fit the table's bound they
//! are snapped to a weekly or coarser grid (`evidence_dates`,
//! docs/success-proof.md), and the proof and the team read their scores
//! with that grid. Of the table only the cells read are scored (each
//! renewal's account on its date − N, each completion's account on its
//! two dates, snapped to the grid: `HealthTable::build_cells`); the rest
//! stay empty and cost nothing to build or re-sum.
//!
//! Why a second table rather than those dates added to the portfolio's:
//! the portfolio's snapshots are what the page shows (the sparkline, the
//! trend against the previous snapshot, the "As of" list); hundreds of
//! renewal-driven dates among them would change every one of those. The
//! second table is built once, when the proof or the team is first asked
//! for, and a weight change re-sums both tables' stored points.
//!
//! Also the weights of every scorecard at once ([`SuccessPortfolio::reweigh`]),
//! which `setWeight`, `setSettings` and `useSuggestedWeights` share.

use super::error::JsError;
use super::success::SuccessPortfolio;
use yardstick_core::success::account_positions::AccountPositions;
use yardstick_core::success::data::Signal;
use yardstick_core::success::date::Date;
use yardstick_core::success::evidence_dates::{evidence_dates, max_table_dates, DateGrid};
use yardstick_core::success::health::HealthTable;
use yardstick_core::success::prove_observations::proof_dates;
use yardstick_core::success::settings::MilestoneCondition;
use yardstick_core::success::team::{team_dates, PlayCompletion};

impl SuccessPortfolio {
    /// The table on the proof's and the plays' dates, taken out of the
    /// portfolio (built when first asked for after a settings change):
    /// the caller reads it beside the data and puts it back with
    /// [`SuccessPortfolio::keep_evidence`].
    pub(crate) fn take_evidence(&mut self) -> Result<HealthTable, JsError> {
        match self.evidence.take() {
            Some(table) => Ok(table),
            None => {
                let (dates, grid) = self.evidence_dates();
                self.evidence_grid = grid;
                let wanted = self.evidence_cells(grid);
                let is_wanted =
                    |account: usize, date: Date| wanted.binary_search(&(account, date)).is_ok();
                HealthTable::build_cells(
                    &self.data,
                    &self.index,
                    &self.settings,
                    (&dates, &self.cases),
                    &is_wanted,
                )
                .map_err(|error| JsError::displayed(error.code(), &error))
            }
        }
    }

    /// Puts the table [`SuccessPortfolio::take_evidence`] gave back.
    pub(crate) fn keep_evidence(&mut self, table: HealthTable) {
        self.evidence = Some(table);
    }

    /// Every renewal's date − N days and every play completion's date and
    /// follow-up date (the only days the proof and the team view read; the
    /// snapshots are the first table's), within the table's bound, and the
    /// grid they were laid out on.
    fn evidence_dates(&self) -> (Vec<Date>, DateGrid) {
        let renewal_days = proof_dates(&self.data, self.settings.proof.days_before_renewal, &[]);
        let wanted = team_dates(
            &self.completions(),
            self.settings.play_follow_up_days,
            &renewal_days,
        );
        let most = max_table_dates(self.data.accounts.len(), &self.settings);
        evidence_dates(&wanted, &[], most)
    }

    /// The cells the proof and the team view read, sorted: each renewal's
    /// account on its date − N days, each completion's account on its
    /// date and its follow-up date, each day snapped to `grid` (the table
    /// date `DateGrid::snapshot_of` reads it from, since the table holds
    /// no other dates). The second table scores these only.
    fn evidence_cells(&self, grid: DateGrid) -> Vec<(usize, Date)> {
        let days_before = i64::from(self.settings.proof.days_before_renewal);
        let follow_up = i64::from(self.settings.play_follow_up_days);
        let mut cells = Vec::new();
        for (position, renewals) in self.renewals.iter().enumerate() {
            for renewal in renewals {
                let day = renewal
                    .date
                    .plus_days(-days_before)
                    .and_then(|d| grid.snap(d));
                cells.extend(day.map(|d| (position, d)));
            }
        }
        let positions = AccountPositions::new(&self.data.accounts);
        for play in &self.data.plays {
            if let Some(position) = positions.position_of(&play.account) {
                cells.extend(grid.snap(play.date).map(|d| (position, d)));
                let after = play.date.plus_days(follow_up).and_then(|d| grid.snap(d));
                cells.extend(after.map(|d| (position, d)));
            }
        }
        cells.sort_unstable();
        cells.dedup();
        cells
    }

    /// The data's play rows as the team view takes them.
    pub(crate) fn completions(&self) -> Vec<PlayCompletion> {
        self.data
            .plays
            .iter()
            .map(|play| PlayCompletion {
                account: play.account.clone(),
                completed: play.date,
            })
            .collect()
    }

    /// Every scorecard's weights at once: both tables re-summed from their
    /// stored points and the settings in force following them. Refused
    /// weights change nothing.
    pub(crate) fn reweigh(&mut self, weights: &[Vec<f64>]) -> Result<(), JsError> {
        self.table
            .rescore_weights(weights)
            .map_err(|error| JsError::displayed(error.code(), &error))?;
        // Same scorecards, same check: it cannot refuse what the first
        // table took; if it ever did, it is rebuilt when next asked for
        // rather than kept stale.
        let refused = self
            .evidence
            .as_mut()
            .is_some_and(|evidence| evidence.rescore_weights(weights).is_err());
        if refused {
            self.evidence = None;
        }
        for (card, list) in self.settings.scorecards.iter_mut().zip(weights) {
            for (measure, weight) in card.measures.iter_mut().zip(list) {
                measure.weight = *weight;
            }
        }
        self.fired = std::cell::OnceCell::new();
        Ok(())
    }

    /// Every scorecard's weights in force.
    pub(crate) fn weights(&self) -> Vec<Vec<f64>> {
        self.table
            .scorecards()
            .iter()
            .map(|card| card.measures.iter().map(|m| m.weight).collect())
            .collect()
    }

    /// The signals of the metrics the milestones read, for every account,
    /// back from the index (the portfolio keeps no signal rows; the team
    /// view's milestones read them from the data).
    pub(crate) fn milestone_signals_all(&self) -> Vec<Signal> {
        let mut metrics: Vec<&str> = self
            .settings
            .milestones
            .iter()
            .filter_map(|milestone| match &milestone.condition {
                MilestoneCondition::Signal { metric, .. } => Some(metric.as_str()),
                _ => None,
            })
            .collect();
        metrics.sort_unstable();
        metrics.dedup();
        let mut signals = Vec::new();
        for (position, account) in self.data.accounts.iter().enumerate() {
            for metric in &metrics {
                let series = self.index.series_of(position, metric);
                for (serial, value) in series.dates.iter().zip(series.values) {
                    if let Some(date) = Date::from_serial(i64::from(*serial)) {
                        signals.push(Signal {
                            account: account.id.clone(),
                            date,
                            metric: (*metric).to_string(),
                            value: *value,
                        });
                    }
                }
            }
        }
        signals
    }
}
