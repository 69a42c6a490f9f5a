//! The JSON rows of the Execute-phase tables (docs/success.md): realised
//! values of case inputs, checklist item states and play completions.
//! Field rules only; keys and references are `data_checks_tracking`'s.

use super::super::data::*;
use super::super::fields::Reader;
use super::VALUE_RANGE;
use crate::json::Node;
use crate::model::diagnostic::ModelPath;

const REALISED_FIELDS: [&str; 4] = ["account", "date", "input", "value"];
const CHECKLIST_FIELDS: [&str; 6] = ["account", "list", "item", "date", "done", "note"];
const PLAY_FIELDS: [&str; 6] = ["account", "play", "alert", "date", "by", "note"];

/// A `realised[]` row.
pub(super) fn read_realised(
    node: &Node,
    path: &ModelPath,
    reader: &mut Reader,
) -> Option<RealisedValue> {
    let item = reader.object(node, path, &REALISED_FIELDS)?;
    let account = item.id("account", true, reader);
    let date = item.date("date", true, reader);
    let input = item.id("input", true, reader);
    let value = item.number("value", true, VALUE_RANGE, reader);
    Some(RealisedValue {
        account: account?,
        date: date?,
        input: input?,
        value: value?,
    })
}

/// A `checklist[]` row.
pub(super) fn read_checklist_mark(
    node: &Node,
    path: &ModelPath,
    reader: &mut Reader,
) -> Option<ChecklistMark> {
    let item = reader.object(node, path, &CHECKLIST_FIELDS)?;
    let account = item.id("account", true, reader);
    let list = item
        .choice("list", true, &ChecklistKind::NAMES, reader)
        .and_then(ChecklistKind::from_position);
    let id = item.id("item", true, reader);
    let date = item.date("date", true, reader);
    let done = item.boolean("done", true, reader);
    let note = item.text("note", false, true, reader);
    Some(ChecklistMark {
        account: account?,
        list: list?,
        item: id?,
        date: date?,
        done: done?,
        note,
    })
}

/// A `plays[]` row.
pub(super) fn read_play_completion(
    node: &Node,
    path: &ModelPath,
    reader: &mut Reader,
) -> Option<PlayCompletion> {
    let item = reader.object(node, path, &PLAY_FIELDS)?;
    let account = item.id("account", true, reader);
    let play = item.id("play", true, reader);
    let alert = item.id("alert", false, reader);
    let date = item.date("date", true, reader);
    let by = item.id("by", false, reader);
    let note = item.text("note", false, true, reader);
    Some(PlayCompletion {
        account: account?,
        play: play?,
        alert,
        date: date?,
        by,
        note,
    })
}

#[cfg(test)]
#[path = "tracking_read_test.rs"]
mod tests;
