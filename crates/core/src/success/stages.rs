//! The stage of an account on a date (docs/success.md, "Stages"):
//! onboarding, established or pre-renewal by the team's day counts, a
//! stage set by hand inside its dates, none before the contract starts and
//! none after a churn; and the dates in a range where the stage changes
//! (the marks on a history chart).
//!
//! The terms: a contract runs from `contractStart` to its first renewal;
//! each renewal row ends a term on its date (the renewal day still belongs
//! to the term it ends). After the last row the next renewal is the
//! account's `renewal` date when that is later, else the row's date plus
//! the contract's length (whole months from `contractStart` to the first
//! renewal, at least one), and a renewal date passed without a row rolls
//! on by the same length. Pure arithmetic on dates: no clock, no I/O, and
//! every function's work is bounded by the account's renewals and the
//! range asked for.

use super::data::{Account, Renewal, RenewalResult, Stage};
use super::date::Date;
use crate::small_sort::sort_by;

/// The team's stage day counts (`stages` in the settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSettings {
    /// Onboarding lasts at most this many days from the contract's start
    /// (it ends sooner at first value). 1 to 730; 90 by default.
    pub onboarding_max_days: u32,
    /// Pre-renewal covers the renewal day and this many days before it.
    /// 1 to 730; 90 by default.
    pub pre_renewal_days: u32,
}

impl Default for StageSettings {
    fn default() -> Self {
        StageSettings {
            onboarding_max_days: 90,
            pre_renewal_days: 90,
        }
    }
}

/// From `date` on, the account is in `stage` (`None`: before its contract
/// or after its churn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageChange {
    /// The first day of the new stage.
    pub date: Date,
    /// The stage from that day.
    pub stage: Option<Stage>,
}

/// One account's renewal terms, ready to answer stage questions.
#[derive(Debug, Clone)]
pub struct AccountTimeline<'a> {
    account: &'a Account,
    settings: StageSettings,
    /// The account's renewal rows: dates ascending, one per date.
    rows: Vec<(Date, RenewalResult)>,
    /// The contract's length in whole months, at least 1.
    term_months: i64,
}

impl<'a> AccountTimeline<'a> {
    /// The timeline of `account` from the renewals (any account's; rows of
    /// other accounts are skipped, and of two rows on one date the later
    /// in the list counts).
    pub fn new(account: &'a Account, settings: StageSettings, renewals: &[Renewal]) -> Self {
        let mut rows: Vec<(Date, RenewalResult)> = renewals
            .iter()
            .filter(|renewal| renewal.account == account.id)
            .map(|renewal| (renewal.date, renewal.result))
            .collect();
        sort_by(&mut rows, |a, b| a.0 < b.0);
        let mut unique: Vec<(Date, RenewalResult)> = Vec::with_capacity(rows.len());
        for row in rows {
            match unique.last_mut() {
                Some(last) if last.0 == row.0 => *last = row,
                _ => unique.push(row),
            }
        }
        let first_end = unique.first().map_or(account.renewal, |row| row.0);
        let term_months = first_end.whole_months_since(account.contract_start).max(1);
        AccountTimeline {
            account,
            settings,
            rows: unique,
            term_months,
        }
    }

    /// The contract's length in whole months (at least 1).
    pub fn term_months(&self) -> i64 {
        self.term_months
    }

    /// The date the account churned, if its last renewal row is a churn.
    pub fn churned_on(&self) -> Option<Date> {
        self.rows
            .last()
            .filter(|row| row.1 == RenewalResult::Churned)
            .map(|row| row.0)
    }

    /// The end of the term `date` lies in: the first renewal on or after
    /// it. `None` after a churn, or past 9999-12-31.
    pub fn next_renewal_on(&self, date: Date) -> Option<Date> {
        let position = self.rows.partition_point(|row| row.0 < date);
        if let Some(row) = self.rows.get(position) {
            return Some(row.0);
        }
        let (anchor, first_step) = match self.rows.last() {
            Some((_, RenewalResult::Churned)) => return None,
            Some((last, _)) if self.account.renewal <= *last => (*last, 1),
            _ => (self.account.renewal, 0),
        };
        let months_on = date.whole_months_since(anchor);
        let first = (months_on / self.term_months).max(first_step);
        // The estimate is at most one term short (month ends clamp); two
        // more steps always reach `date`.
        for step in first..first.saturating_add(3) {
            let end = anchor.plus_months(step.checked_mul(self.term_months)?)?;
            if end >= date {
                return Some(end);
            }
        }
        None
    }

    /// The stage on `date`.
    pub fn stage_on(&self, date: Date) -> Option<Stage> {
        let account = self.account;
        if date < account.contract_start || self.churned_on().is_some_and(|churn| date > churn) {
            return None;
        }
        if let Some(stage) = &account.stage_override {
            if stage.from <= date && stage.until.map_or(true, |until| date <= until) {
                return Some(stage.stage);
            }
        }
        let pre_renewal = self.next_renewal_on(date).is_some_and(|renewal| {
            renewal.days_since(date) <= i64::from(self.settings.pre_renewal_days)
        });
        if pre_renewal {
            return Some(Stage::PreRenewal);
        }
        let days_in = date.days_since(account.contract_start);
        let before_first_value = account.first_value.map_or(true, |first| date < first);
        if days_in < i64::from(self.settings.onboarding_max_days) && before_first_value {
            Some(Stage::Onboarding)
        } else {
            Some(Stage::Established)
        }
    }

    /// The days in `from + 1 ..= to` on which the stage differs from the
    /// day before, in order, each with its new stage. Only the dates where
    /// a rule's boundary lies are examined: the contract start, first
    /// value, the end of onboarding's days, the override's first day and
    /// the day after its last, the day after a churn, and around each
    /// renewal in the range (the first pre-renewal day, the day after).
    pub fn stage_changes(&self, from: Date, to: Date) -> Vec<StageChange> {
        let mut candidates: Vec<Option<Date>> = Vec::new();
        let account = self.account;
        let onboarding_end = account
            .contract_start
            .plus_days(i64::from(self.settings.onboarding_max_days));
        candidates.extend([
            Some(account.contract_start),
            account.first_value,
            onboarding_end,
        ]);
        if let Some(stage) = &account.stage_override {
            candidates.push(Some(stage.from));
            candidates.push(stage.until.and_then(|until| until.plus_days(1)));
        }
        candidates.push(self.churned_on().and_then(|churn| churn.plus_days(1)));
        let lead_days = i64::from(self.settings.pre_renewal_days);
        // Every renewal whose pre-renewal window or following day can fall
        // in the range: from the one on or after `from` until one past `to`.
        let mut cursor = from.plus_days(-1).or(Some(from));
        while let Some(day) = cursor.filter(|day| *day <= to) {
            let Some(renewal) = self.next_renewal_on(day) else {
                break;
            };
            candidates.push(renewal.plus_days(-lead_days));
            candidates.push(renewal.plus_days(1));
            cursor = renewal.plus_days(1);
        }
        let mut dates: Vec<Date> = candidates
            .into_iter()
            .flatten()
            .filter(|date| *date > from && *date <= to)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let mut changes = Vec::new();
        for date in dates {
            let before = date.plus_days(-1).and_then(|day| self.stage_on(day));
            let stage = self.stage_on(date);
            if stage != before {
                changes.push(StageChange { date, stage });
            }
        }
        changes
    }
}

/// The stage of `account` on `date` under `settings`, given the renewals
/// (any account's; the account's own are picked out).
pub fn stage_on(
    account: &Account,
    settings: StageSettings,
    date: Date,
    renewals: &[Renewal],
) -> Option<Stage> {
    AccountTimeline::new(account, settings, renewals).stage_on(date)
}

/// The dates in `from + 1 ..= to` where `account`'s stage changes; see
/// [`AccountTimeline::stage_changes`].
pub fn stage_changes(
    account: &Account,
    settings: StageSettings,
    renewals: &[Renewal],
    (from, to): (Date, Date),
) -> Vec<StageChange> {
    AccountTimeline::new(account, settings, renewals).stage_changes(from, to)
}

#[cfg(test)]
#[path = "stages_test.rs"]
mod tests;
