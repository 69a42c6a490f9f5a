//! Each CSV table's record read into its typed row (docs/success.md, "As
//! CSV"): the columns' values by the value rules, optional columns empty
//! when absent, and the columns that go together (the stage override's,
//! the case's) required together.

use super::csv_tables::Cells;
use super::data::*;
use super::data_read::{DIRECTIONS, RESULTS, VALUE_RANGE};
use super::values::{self, MAX_WHOLE};

/// An `accounts.csv` record.
pub fn account(cells: &mut Cells<'_>) -> Option<Account> {
    let id = cells.id("id", true);
    let name = cells.text("name", true, false);
    let segment = cells.id("segment", false);
    let owner = cells.id("owner", false);
    let annual_value = cells.number("annual_value", true, (0.0, MAX_MONEY));
    let currency = cells
        .text("currency", true, false)
        .and_then(|text| cells.refuse("currency", values::currency(&text)));
    let contract_start = cells.date("contract_start", true);
    let first_value = cells.date("first_value", false);
    let renewal = cells.date("renewal", true);
    let overridden = ["stage", "stage_from", "stage_until", "stage_reason"]
        .iter()
        .any(|c| cells.has(c));
    let stage_override = if overridden {
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
    } else {
        None
    };
    let case = if cells.has("case_id") || cells.has("case_revision") {
        let id = cells.whole("case_id", true, (1.0, MAX_WHOLE));
        let revision = cells.whole("case_revision", true, (1.0, MAX_WHOLE));
        id.zip(revision)
            .map(|(id, revision)| CaseLink { id, revision })
    } else {
        None
    };
    Some(Account {
        id: id?,
        name: name?,
        segment,
        owner,
        annual_value: annual_value?,
        currency: currency?,
        contract_start: contract_start?,
        first_value,
        renewal: renewal?,
        stage_override,
        case,
    })
}

/// A `signals.csv` record.
pub fn signal(cells: &mut Cells<'_>) -> Option<Signal> {
    let account = cells.id("account", true);
    let date = cells.date("date", true);
    let metric = cells.id("metric", true);
    let value = cells.number("value", true, VALUE_RANGE);
    Some(Signal {
        account: account?,
        date: date?,
        metric: metric?,
        value: value?,
    })
}

/// An `events.csv` record.
pub fn event(cells: &mut Cells<'_>) -> Option<Event> {
    let account = cells.id("account", true);
    let date = cells.date("date", true);
    let kind = cells.id("kind", true);
    let note = cells.text("note", false, true);
    Some(Event {
        account: account?,
        date: date?,
        kind: kind?,
        note,
    })
}

/// An `outcomes.csv` record (its actuals and renegotiations come from
/// their own files).
pub fn outcome(cells: &mut Cells<'_>) -> Option<Outcome> {
    let id = cells.id("id", true);
    let account = cells.id("account", true);
    let label = cells.text("label", true, false);
    let unit = cells.text("unit", false, false);
    let direction = cells
        .choice("direction", true, &DIRECTIONS)
        .map(|position| {
            if position == 0 {
                OutcomeDirection::Increase
            } else {
                OutcomeDirection::Decrease
            }
        });
    let baseline_value = cells.number("baseline_value", true, VALUE_RANGE);
    let baseline_date = cells.date("baseline_date", true);
    let target_value = cells.number("target_value", true, VALUE_RANGE);
    let target_date = cells.date("target_date", true);
    Some(Outcome {
        id: id?,
        account: account?,
        label: label?,
        unit,
        direction: direction?,
        baseline: DatedValue {
            value: baseline_value?,
            date: baseline_date?,
        },
        target: DatedValue {
            value: target_value?,
            date: target_date?,
        },
        actuals: Vec::new(),
        renegotiations: Vec::new(),
    })
}

/// An `outcome_actuals.csv` record: the outcome's id and the actual.
pub fn actual(cells: &mut Cells<'_>) -> Option<(String, Actual)> {
    let outcome = cells.id("outcome", true);
    let date = cells.date("date", true);
    let value = cells.number("value", true, VALUE_RANGE);
    Some((
        outcome?,
        DatedValue {
            value: value?,
            date: date?,
        },
    ))
}

/// An `outcome_renegotiations.csv` record: the outcome's id and the renegotiation.
pub fn renegotiation(cells: &mut Cells<'_>) -> Option<(String, Renegotiation)> {
    let outcome = cells.id("outcome", true);
    let date = cells.date("date", true);
    let target = cells.number("target", true, VALUE_RANGE);
    let target_date = cells.date("target_date", true);
    let reason = cells.text("reason", true, false);
    let agreed_by = cells.text("agreed_by", true, false);
    Some((
        outcome?,
        Renegotiation {
            date: date?,
            target: target?,
            target_date: target_date?,
            reason: reason?,
            agreed_by: agreed_by?,
        },
    ))
}

/// A `renewals.csv` record.
pub fn renewal(cells: &mut Cells<'_>) -> Option<Renewal> {
    let account = cells.id("account", true);
    let date = cells.date("date", true);
    let result = cells.choice("result", true, &RESULTS).map(|position| {
        if position == 0 {
            RenewalResult::Renewed
        } else {
            RenewalResult::Churned
        }
    });
    let value = cells.number("value", true, (0.0, MAX_MONEY));
    Some(Renewal {
        account: account?,
        date: date?,
        result: result?,
        value: value?,
    })
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
