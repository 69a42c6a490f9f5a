//! Reads a success data document (`yardstick/success@1`) from a [`Node`]
//! into [`SuccessData`]: every field's type, text, id, date and bound, then
//! the rules across fields and rows (`data_checks`). All or nothing: any
//! problem and the whole document is refused, with every problem's path
//! (`signals[14].value`; accounts and outcomes named by a valid, unique id:
//! `accounts[acme].renewal`). Work is bounded: a list past its bound is
//! refused unread, and at most [`MAX_DIAGNOSTICS`] problems come back.

use super::data::*;
use super::data_checks::{check_data, Finding, Place};
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::fields::{check_schema, Object, Reader};
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
const ACCOUNT_FIELDS: [&str; 11] = [
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
/// The directions as documents write them, in the order of the enum.
pub const DIRECTIONS: [&str; 2] = ["increase", "decrease"];
/// The renewal results as documents write them, in the order of the enum.
pub const RESULTS: [&str; 2] = ["renewed", "churned"];
/// Values of outcomes: any finite number a spreadsheet shows.
pub const VALUE_RANGE: (f64, f64) = (-1e15, 1e15);

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
    let id = item.id("id", true, reader);
    let name = item.text("name", true, false, reader);
    let segment = item.id("segment", false, reader);
    let owner = item.id("owner", false, reader);
    let annual_value = item.number("annualValue", true, (0.0, MAX_MONEY), reader);
    let currency = item
        .field("currency", true, reader)
        .and_then(|node| match node {
            Node::Text(text) => reader.refuse(&item.at("currency"), super::values::currency(text)),
            other => {
                reader.wrong_type(&item.at("currency"), "text", other);
                None
            }
        });
    let contract_start = item.date("contractStart", true, reader);
    let first_value = item.date("firstValue", false, reader);
    let renewal = item.date("renewal", true, reader);
    let stage_override = item
        .field("stage", false, reader)
        .and_then(|node| read_stage_override(node, &item.at("stage"), reader));
    let case = item
        .field("case", false, reader)
        .and_then(|node| read_case_link(node, &item.at("case"), reader));
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
    let account = item.id("account", true, reader);
    let date = item.date("date", true, reader);
    let metric = item.id("metric", true, reader);
    let value = item.number("value", true, VALUE_RANGE, reader);
    Some(Signal {
        account: account?,
        date: date?,
        metric: metric?,
        value: value?,
    })
}

fn read_event(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Event> {
    let item = reader.object(node, path, &EVENT_FIELDS)?;
    let account = item.id("account", true, reader);
    let date = item.date("date", true, reader);
    let kind = item.id("kind", true, reader);
    let note = item.text("note", false, true, reader);
    Some(Event {
        account: account?,
        date: date?,
        kind: kind?,
        note,
    })
}

fn read_dated_value(item: &Object<'_>, key: &str, reader: &mut Reader) -> Option<DatedValue> {
    let node = item.field(key, true, reader)?;
    let inner = reader.object(node, &item.at(key), &DATED_VALUE_FIELDS)?;
    let value = inner.number("value", true, VALUE_RANGE, reader);
    let date = inner.date("date", true, reader);
    Some(DatedValue {
        value: value?,
        date: date?,
    })
}

fn read_outcome(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Outcome> {
    let item = reader.object(node, path, &OUTCOME_FIELDS)?;
    let id = item.id("id", true, reader);
    let account = item.id("account", true, reader);
    let label = item.text("label", true, false, reader);
    let unit = item.text("unit", false, false, reader);
    let direction = item
        .choice("direction", true, &DIRECTIONS, reader)
        .map(|position| {
            if position == 0 {
                OutcomeDirection::Increase
            } else {
                OutcomeDirection::Decrease
            }
        });
    let baseline = read_dated_value(&item, "baseline", reader);
    let target = read_dated_value(&item, "target", reader);
    let mut actuals = Vec::new();
    let bound = (MAX_ACTUALS_PER_OUTCOME, "actuals");
    for (index, node) in item
        .list("actuals", false, bound, reader)
        .iter()
        .enumerate()
    {
        let Some(actual) = reader.object(node, &item.at("actuals").index(index), &ACTUAL_FIELDS)
        else {
            continue;
        };
        let date = actual.date("date", true, reader);
        let value = actual.number("value", true, VALUE_RANGE, reader);
        if let (Some(date), Some(value)) = (date, value) {
            actuals.push(DatedValue { value, date });
        }
    }
    let mut renegotiations = Vec::new();
    let bound = (MAX_RENEGOTIATIONS_PER_OUTCOME, "renegotiations");
    for (index, node) in item
        .list("renegotiations", false, bound, reader)
        .iter()
        .enumerate()
    {
        let path = item.at("renegotiations").index(index);
        renegotiations.extend(read_renegotiation(node, &path, reader));
    }
    Some(Outcome {
        id: id?,
        account: account?,
        label: label?,
        unit,
        direction: direction?,
        baseline: baseline?,
        target: target?,
        actuals,
        renegotiations,
    })
}

fn read_renegotiation(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Renegotiation> {
    let item = reader.object(node, path, &RENEGOTIATION_FIELDS)?;
    let date = item.date("date", true, reader);
    let target = item.number("target", true, VALUE_RANGE, reader);
    let target_date = item.date("targetDate", true, reader);
    let reason = item.text("reason", true, false, reader);
    let agreed_by = item.text("agreedBy", true, false, reader);
    Some(Renegotiation {
        date: date?,
        target: target?,
        target_date: target_date?,
        reason: reason?,
        agreed_by: agreed_by?,
    })
}

fn read_renewal(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Renewal> {
    let item = reader.object(node, path, &RENEWAL_FIELDS)?;
    let account = item.id("account", true, reader);
    let date = item.date("date", true, reader);
    let result = item
        .choice("result", true, &RESULTS, reader)
        .map(|position| {
            if position == 0 {
                RenewalResult::Renewed
            } else {
                RenewalResult::Churned
            }
        });
    let value = item.number("value", true, (0.0, MAX_MONEY), reader);
    Some(Renewal {
        account: account?,
        date: date?,
        result: result?,
        value: value?,
    })
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
