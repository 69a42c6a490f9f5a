//! Each CSV table's record read into its typed row (docs/success.md, "As
//! CSV"): the rows' fields are `row_fields`' (shared with the JSON reader),
//! read here from the record's cells by the value rules, optional columns
//! empty when absent; what CSV lays out its own way is read here too: the
//! columns that go together (the stage override's, the case's) required
//! together, and each actual and renegotiation naming its outcome.

use super::csv_tables::Cells;
use super::data::*;
use super::date::Date;
use super::row_fields::{self as rows, column_is, RowFields, VALUE_RANGE};
use super::values::{self, MAX_WHOLE};

/// A record's cells read by JSON key: the column is the key in snake_case.
struct CsvRow<'c, 'a>(&'c mut Cells<'a>);

impl CsvRow<'_, '_> {
    /// The column that is `key` + `suffix` (`key` itself if none is).
    fn column<'k>(&self, key: &'k str, suffix: &str) -> &'k str {
        self.0
            .columns()
            .iter()
            .find(|(column, _)| column_is(column, key, suffix))
            .map_or(key, |(column, _)| column)
    }
}

impl RowFields for CsvRow<'_, '_> {
    fn id(&mut self, key: &str, required: bool) -> Option<String> {
        let column = self.column(key, "");
        self.0.id(column, required)
    }

    fn text(&mut self, key: &str, required: bool, note: bool) -> Option<String> {
        let column = self.column(key, "");
        self.0.text(column, required, note)
    }

    fn date(&mut self, key: &str, required: bool) -> Option<Date> {
        let column = self.column(key, "");
        self.0.date(column, required)
    }

    fn number(&mut self, key: &str, required: bool, range: (f64, f64)) -> Option<f64> {
        let column = self.column(key, "");
        self.0.number(column, required, range)
    }

    fn choice(&mut self, key: &str, required: bool, names: &[&str]) -> Option<usize> {
        let column = self.column(key, "");
        self.0.choice(column, required, names)
    }

    fn currency(&mut self, key: &str) -> Option<String> {
        let column = self.column(key, "");
        let text = self.0.text(column, true, false)?;
        self.0.refuse(column, values::currency(&text))
    }

    fn domains(&mut self, key: &str) -> Vec<String> {
        let column = self.column(key, "");
        self.0
            .text(column, false, false)
            .and_then(|text| self.0.refuse(column, values::domains(&text)))
            .unwrap_or_default()
    }

    fn dated_value(&mut self, key: &str) -> Option<DatedValue> {
        let (value_column, date_column) = (self.column(key, "_value"), self.column(key, "_date"));
        let value = self.0.number(value_column, true, VALUE_RANGE);
        let date = self.0.date(date_column, true);
        Some(DatedValue {
            value: value?,
            date: date?,
        })
    }
}

/// An `accounts.csv` record.
pub fn account(cells: &mut Cells<'_>) -> Option<Account> {
    rows::account(&mut CsvRow(cells), |row| {
        (stage_override(row.0), case_link(row.0))
    })
}

/// The stage override's columns, all required once any has a value.
fn stage_override(cells: &mut Cells<'_>) -> Option<AccountStageOverride> {
    let overridden = ["stage", "stage_from", "stage_until", "stage_reason"]
        .iter()
        .any(|c| cells.has(c));
    if !overridden {
        return None;
    }
    let stage = cells
        .choice("stage", true, &Stage::NAMES)
        .and_then(Stage::from_position);
    let from = cells.date("stage_from", true);
    let until = cells.date("stage_until", false);
    let reason = cells.text("stage_reason", true, false);
    match (stage, from, reason) {
        (Some(stage), Some(from), Some(reason)) => Some(AccountStageOverride {
            stage,
            from,
            until,
            reason,
        }),
        _ => None,
    }
}

/// The case link's columns, both required once either has a value.
fn case_link(cells: &mut Cells<'_>) -> Option<CaseLink> {
    if !(cells.has("case_id") || cells.has("case_revision")) {
        return None;
    }
    let id = cells.whole("case_id", true, (1.0, MAX_WHOLE));
    let revision = cells.whole("case_revision", true, (1.0, MAX_WHOLE));
    id.zip(revision)
        .map(|(id, revision)| CaseLink { id, revision })
}

/// A `signals.csv` record.
pub fn signal(cells: &mut Cells<'_>) -> Option<Signal> {
    rows::signal(&mut CsvRow(cells))
}

/// An `events.csv` record.
pub fn event(cells: &mut Cells<'_>) -> Option<Event> {
    rows::event(&mut CsvRow(cells))
}

/// An `outcomes.csv` record (its actuals and renegotiations come from
/// their own files).
pub fn outcome(cells: &mut Cells<'_>) -> Option<Outcome> {
    rows::outcome(&mut CsvRow(cells), |_| (Vec::new(), Vec::new()))
}

/// An `outcome_actuals.csv` record: the outcome's id and the actual.
pub fn actual(cells: &mut Cells<'_>) -> Option<(String, Actual)> {
    let outcome = cells.id("outcome", true);
    let actual = rows::actual(&mut CsvRow(cells));
    Some((outcome?, actual?))
}

/// An `outcome_renegotiations.csv` record: the outcome's id and the renegotiation.
pub fn renegotiation(cells: &mut Cells<'_>) -> Option<(String, Renegotiation)> {
    let outcome = cells.id("outcome", true);
    let renegotiation = rows::renegotiation(&mut CsvRow(cells));
    Some((outcome?, renegotiation?))
}

/// A `renewals.csv` record.
pub fn renewal(cells: &mut Cells<'_>) -> Option<Renewal> {
    rows::renewal(&mut CsvRow(cells))
}

/// A `realised.csv` record.
pub fn realised(cells: &mut Cells<'_>) -> Option<RealisedValue> {
    let account = cells.id("account", true);
    let date = cells.date("date", true);
    let input = cells.id("input", true);
    let value = cells.number("value", true, VALUE_RANGE);
    Some(RealisedValue {
        account: account?,
        date: date?,
        input: input?,
        value: value?,
    })
}

/// A `checklist.csv` record; `done` is `true` or `false`.
pub fn checklist_mark(cells: &mut Cells<'_>) -> Option<ChecklistMark> {
    let account = cells.id("account", true);
    let list = cells
        .choice("list", true, &ChecklistKind::NAMES)
        .and_then(ChecklistKind::from_position);
    let item = cells.id("item", true);
    let date = cells.date("date", true);
    let done = cells
        .choice("done", true, &["false", "true"])
        .map(|position| position == 1);
    let note = cells.text("note", false, true);
    Some(ChecklistMark {
        account: account?,
        list: list?,
        item: item?,
        date: date?,
        done: done?,
        note,
    })
}

/// A `plays.csv` record.
pub fn play_completion(cells: &mut Cells<'_>) -> Option<PlayCompletion> {
    let account = cells.id("account", true);
    let play = cells.id("play", true);
    let alert = cells.id("alert", false);
    let date = cells.date("date", true);
    let by = cells.id("by", false);
    let note = cells.text("note", false, true);
    Some(PlayCompletion {
        account: account?,
        play: play?,
        alert,
        date: date?,
        by,
        note,
    })
}
