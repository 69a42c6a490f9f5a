//! Reads a success data document (`yardstick/success@1`) from a [`Node`]
//! into [`SuccessData`]: every field's type, text, id, date and bound, then
//! the rules across fields and rows (`data_checks`). All or nothing: any
//! problem and the whole document is refused, with every problem's path
//! (`signals[14].value`; accounts and outcomes named by a valid, unique id:
//! `accounts[acme].renewal`). Work is bounded: a list past its bound is
//! refused unread, and at most [`MAX_DIAGNOSTICS`] problems come back.

use super::data::*;
use super::data_checks::{check_data, Finding, Place};
use super::date::Date;
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::fields::{check_schema, Object, Reader};
use super::row_fields::{self as rows, RowFields};
use super::values::MAX_WHOLE;
use crate::json::Node;
use crate::model::diagnostic::{ModelPath, PathSegment};
use crate::name_table::previous_uses;

pub use super::data_checks::tracking::settings_ids;

/// The most problems reported; a last one says how many more there were.
pub const MAX_DIAGNOSTICS: usize = 1_000;

const TOP_FIELDS: [&str; 9] = [
    "schema",
    "accounts",
    "signals",
    "events",
    "outcomes",
    "renewals",
    "realised",
    "checklist",
    "plays",
];
const ACCOUNT_FIELDS: [&str; 12] = [
    "id",
    "name",
    "segment",
    "owner",
    "annualValue",
    "currency",
    "contractStart",
    "firstValue",
    "renewal",
    "stage",
    "case",
    "domains",
];
const STAGE_FIELDS: [&str; 4] = ["stage", "from", "until", "reason"];
const CASE_FIELDS: [&str; 2] = ["id", "revision"];
const SIGNAL_FIELDS: [&str; 4] = ["account", "date", "metric", "value"];
const EVENT_FIELDS: [&str; 4] = ["account", "date", "kind", "note"];
const OUTCOME_FIELDS: [&str; 9] = [
    "id",
    "account",
    "label",
    "unit",
    "direction",
    "baseline",
    "target",
    "actuals",
    "renegotiations",
];
const DATED_VALUE_FIELDS: [&str; 2] = ["value", "date"];
const ACTUAL_FIELDS: [&str; 2] = ["date", "value"];
const RENEGOTIATION_FIELDS: [&str; 5] = ["date", "target", "targetDate", "reason", "agreedBy"];
const RENEWAL_FIELDS: [&str; 4] = ["account", "date", "result", "value"];
pub use super::row_fields::{DIRECTIONS, RESULTS, VALUE_RANGE};

/// Reads a self-contained data document: every row names accounts and
/// outcomes of the same document.
pub fn read_data(node: &Node) -> Result<SuccessData, Vec<SuccessDiagnostic>> {
    read_data_with(node, &KnownIds::default())
}

/// Reads a data document whose rows may also name `known` (stored) ids.
pub fn read_data_with(
    node: &Node,
    known: &KnownIds,
) -> Result<SuccessData, Vec<SuccessDiagnostic>> {
    let mut reader = Reader::default();
    let data = read_parts(node, &mut reader);
    if reader.list.is_empty() {
        for found in check_data(&data, known) {
            push_finding(&found, &mut reader);
        }
    }
    if reader.list.is_empty() {
        let mut data = data;
        // One actual per date was checked in document order; keep them in
        // date order from here on, as the type promises.
        for outcome in &mut data.outcomes {
            crate::small_sort::sort_by(&mut outcome.actuals, |a, b| a.date < b.date);
        }
        return Ok(data);
    }
    name_items(&mut reader.list, node);
    Err(capped(reader.list))
}

/// At most [`MAX_DIAGNOSTICS`] problems, and a last one counting the rest.
pub(crate) fn capped(mut list: Vec<SuccessDiagnostic>) -> Vec<SuccessDiagnostic> {
    if list.len() > MAX_DIAGNOSTICS {
        let more = list.len() - MAX_DIAGNOSTICS;
        list.truncate(MAX_DIAGNOSTICS);
        list.push(SuccessDiagnostic {
            code: SuccessCode::TooLarge,
            path: ModelPath::root(),
            message: format!("{more} more problems not shown"),
        });
    }
    list
}

fn read_parts(node: &Node, reader: &mut Reader) -> SuccessData {
    let mut data = SuccessData::default();
    let Some(top) = reader.object(node, &ModelPath::root(), &TOP_FIELDS) else {
        return data;
    };
    check_schema(&top, SUCCESS_SCHEMA, reader);
    let lists = [
        ("accounts", MAX_ACCOUNTS),
        ("signals", MAX_SIGNALS),
        ("events", MAX_EVENTS),
        ("outcomes", MAX_OUTCOMES),
        ("renewals", MAX_RENEWALS),
        ("realised", MAX_REALISED),
        ("checklist", MAX_CHECKLIST),
        ("plays", MAX_PLAYS),
    ];
    for (name, max) in lists {
        let items = top.list(name, false, (max, name), reader);
        for (index, item) in items.iter().enumerate() {
            let path = top.at(name).index(index);
            match name {
                "accounts" => data.accounts.extend(read_account(item, &path, reader)),
                "signals" => data.signals.extend(read_signal(item, &path, reader)),
                "events" => data.events.extend(read_event(item, &path, reader)),
                "outcomes" => data.outcomes.extend(read_outcome(item, &path, reader)),
                "renewals" => data.renewals.extend(read_renewal(item, &path, reader)),
                "realised" => data
                    .realised
                    .extend(tracking::read_realised(item, &path, reader)),
                "checklist" => data
                    .checklist
                    .extend(tracking::read_checklist_mark(item, &path, reader)),
                _ => data
                    .plays
                    .extend(tracking::read_play_completion(item, &path, reader)),
            }
        }
    }
    data
}

fn read_account(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Account> {
    let item = reader.object(node, path, &ACCOUNT_FIELDS)?;
    rows::account(&mut JsonRow { item, reader }, |row| {
        let stage_override = row
            .item
            .field("stage", false, row.reader)
            .and_then(|node| read_stage_override(node, &row.item.at("stage"), row.reader));
        let case = row
            .item
            .field("case", false, row.reader)
            .and_then(|node| read_case_link(node, &row.item.at("case"), row.reader));
        (stage_override, case)
    })
}

fn read_stage_override(
    node: &Node,
    path: &ModelPath,
    reader: &mut Reader,
) -> Option<AccountStageOverride> {
    let item = reader.object(node, path, &STAGE_FIELDS)?;
    let stage = item
        .choice("stage", true, &Stage::NAMES, reader)
        .and_then(Stage::from_position);
    let from = item.date("from", true, reader);
    let until = item.date("until", false, reader);
    let reason = item.text("reason", true, false, reader);
    Some(AccountStageOverride {
        stage: stage?,
        from: from?,
        until,
        reason: reason?,
    })
}

fn read_case_link(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<CaseLink> {
    let item = reader.object(node, path, &CASE_FIELDS)?;
    let id = item.whole("id", true, (1.0, MAX_WHOLE), reader);
    let revision = item.whole("revision", true, (1.0, MAX_WHOLE), reader);
    Some(CaseLink {
        id: id?,
        revision: revision?,
    })
}

fn read_signal(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Signal> {
    let item = reader.object(node, path, &SIGNAL_FIELDS)?;
    rows::signal(&mut JsonRow { item, reader })
}

fn read_event(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Event> {
    let item = reader.object(node, path, &EVENT_FIELDS)?;
    rows::event(&mut JsonRow { item, reader })
}

fn read_outcome(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Outcome> {
    let item = reader.object(node, path, &OUTCOME_FIELDS)?;
    rows::outcome(&mut JsonRow { item, reader }, |row| {
        let actuals = (MAX_ACTUALS_PER_OUTCOME, "actuals", &ACTUAL_FIELDS[..]);
        let renegotiations = (
            MAX_RENEGOTIATIONS_PER_OUTCOME,
            "renegotiations",
            &RENEGOTIATION_FIELDS[..],
        );
        (
            read_rows(row, actuals, |fields: &mut JsonRow<'_, '_>| {
                rows::actual(fields)
            }),
            read_rows(row, renegotiations, |fields: &mut JsonRow<'_, '_>| {
                rows::renegotiation(fields)
            }),
        )
    })
}

/// The rows of the list `key` of `row` (at most `bound`, each an object of
/// `fields`), each read by `read`.
fn read_rows<T>(
    row: &mut JsonRow<'_, '_>,
    (bound, key, fields): (usize, &'static str, &[&str]),
    read: impl Fn(&mut JsonRow<'_, '_>) -> Option<T>,
) -> Vec<T> {
    let mut found = Vec::new();
    let reader = &mut *row.reader;
    for (index, node) in row
        .item
        .list(key, false, (bound, key), reader)
        .iter()
        .enumerate()
    {
        let path = row.item.at(key).index(index);
        if let Some(item) = reader.object(node, &path, fields) {
            found.extend(read(&mut JsonRow { item, reader }));
        }
    }
    found
}

fn read_renewal(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Renewal> {
    let item = reader.object(node, path, &RENEWAL_FIELDS)?;
    rows::renewal(&mut JsonRow { item, reader })
}

/// An object's fields read by key, problems recorded in `reader`.
struct JsonRow<'a, 'r> {
    item: Object<'a>,
    reader: &'r mut Reader,
}

impl RowFields for JsonRow<'_, '_> {
    fn id(&mut self, key: &str, required: bool) -> Option<String> {
        self.item.id(key, required, self.reader)
    }

    fn text(&mut self, key: &str, required: bool, note: bool) -> Option<String> {
        self.item.text(key, required, note, self.reader)
    }

    fn date(&mut self, key: &str, required: bool) -> Option<Date> {
        self.item.date(key, required, self.reader)
    }

    fn number(&mut self, key: &str, required: bool, range: (f64, f64)) -> Option<f64> {
        self.item.number(key, required, range, self.reader)
    }

    fn choice(&mut self, key: &str, required: bool, names: &[&str]) -> Option<usize> {
        self.item.choice(key, required, names, self.reader)
    }

    fn currency(&mut self, key: &str) -> Option<String> {
        match self.item.field(key, true, self.reader)? {
            Node::Text(text) => self
                .reader
                .refuse(&self.item.at(key), super::values::currency(text)),
            other => {
                self.reader.wrong_type(&self.item.at(key), "text", other);
                None
            }
        }
    }

    fn domains(&mut self, key: &str) -> Vec<String> {
        self.item
            .text(key, false, false, self.reader)
            .and_then(|text| {
                self.reader
                    .refuse(&self.item.at(key), super::values::domains(&text))
            })
            .unwrap_or_default()
    }

    fn dated_value(&mut self, key: &str) -> Option<DatedValue> {
        let node = self.item.field(key, true, self.reader)?;
        let item = self
            .reader
            .object(node, &self.item.at(key), &DATED_VALUE_FIELDS)?;
        rows::dated_value(&mut JsonRow {
            item,
            reader: self.reader,
        })
    }
}

/// The JSON path of a finding's field.
fn place_path(place: Place, field: &str) -> ModelPath {
    let root = ModelPath::root();
    let row = match place {
        Place::Account(i) => root.key("accounts").index(i),
        Place::Signal(i) => root.key("signals").index(i),
        Place::Event(i) => root.key("events").index(i),
        Place::Outcome(i) => root.key("outcomes").index(i),
        Place::Actual(o, a) => root.key("outcomes").index(o).key("actuals").index(a),
        Place::Renegotiation(o, r) => root.key("outcomes").index(o).key("renegotiations").index(r),
        Place::Renewal(i) => root.key("renewals").index(i),
        Place::Realised(i) => root.key("realised").index(i),
        Place::Checklist(i) => root.key("checklist").index(i),
        Place::Play(i) => root.key("plays").index(i),
    };
    field.split('.').fold(row, |path, key| path.key(key))
}

fn push_finding(found: &Finding, reader: &mut Reader) {
    let mut message = found.message.clone();
    if let Some(also) = found.also {
        message.push_str(&format!(" (also at {})", place_path(also, found.field)));
    }
    reader.push(found.code, &place_path(found.place, found.field), message);
}

/// Names `accounts[i]` and `outcomes[i]` by their id in every path where
/// the id is valid and used by no other item of the list, unless the
/// problem is that id itself.
fn name_items(list: &mut [SuccessDiagnostic], document: &Node) {
    let unique_ids = |name: &str| -> Vec<Option<String>> {
        let Some(Node::List(items)) = document.get(name) else {
            return Vec::new();
        };
        let ids: Vec<&str> = items
            .iter()
            .map(|item| match item.get("id") {
                Some(Node::Text(id)) if super::values::id(id).is_ok() => id.as_str(),
                _ => "",
            })
            .collect();
        let earlier = previous_uses(&ids);
        let mut repeated = vec![false; ids.len()];
        for (index, previous) in earlier.iter().enumerate() {
            if let Some(previous) = previous {
                for slot in [index, *previous] {
                    if let Some(flag) = repeated.get_mut(slot) {
                        *flag = true;
                    }
                }
            }
        }
        ids.iter()
            .zip(repeated)
            .map(|(id, repeated)| (!id.is_empty() && !repeated).then(|| id.to_string()))
            .collect()
    };
    let accounts = unique_ids("accounts");
    let outcomes = unique_ids("outcomes");
    for diagnostic in list.iter_mut() {
        let (list_name, index, is_id) = match diagnostic.path.segments() {
            [PathSegment::Key(list_name), PathSegment::Index(index), rest @ ..] => (
                list_name.as_str(),
                *index,
                matches!(rest, [PathSegment::Key(field)] if field == "id"),
            ),
            _ => continue,
        };
        let ids = match list_name {
            "accounts" => &accounts,
            "outcomes" => &outcomes,
            _ => continue,
        };
        if let Some(Some(id)) = ids.get(index).filter(|_| !is_id) {
            diagnostic.path.name_item(id);
        }
    }
}

/// The Execute-phase tables' rows: this reader's own part.
#[path = "data_read_tracking.rs"]
mod tracking;

#[cfg(test)]
#[path = "data_read_test.rs"]
mod tests;
