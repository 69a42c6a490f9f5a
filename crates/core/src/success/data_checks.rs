//! The rules of docs/success.md that look at more than one value: dates in
//! order within a row (a first value on or after the contract start), keys
//! unique across rows (one signal per account, date and metric), rows that
//! name an account or outcome that exists, no renewal after a churn.
//!
//! Shared by the JSON and the CSV reader: a finding names its row as a
//! [`Place`], and each reader words the place its own way (a path, a line).
//! Work is O(n log n) in the rows (sorts, binary searches), and at most
//! [`MAX_SUGGESTIONS`] "did you mean" searches run per check.

use super::data::{Account, KnownIds, Outcome, Renewal, RenewalResult, SuccessData};
use super::date::Date;
use super::diagnostic::SuccessCode;
use crate::model::diagnostic::suggest_id;
use crate::small_sort::sorted_indices;

/// The most unknown references a check suggests a close id for; past it
/// the search over every id would cost too much for a file of bad rows.
pub const MAX_SUGGESTIONS: usize = 100;

/// A row of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `accounts[i]`.
    Account(usize),
    /// `signals[i]`.
    Signal(usize),
    /// `events[i]`.
    Event(usize),
    /// `outcomes[i]`.
    Outcome(usize),
    /// `outcomes[o].actuals[a]`.
    Actual(usize, usize),
    /// `outcomes[o].renegotiations[r]`.
    Renegotiation(usize, usize),
    /// `renewals[i]`.
    Renewal(usize),
    /// `realised[i]`.
    Realised(usize),
    /// `checklist[i]`.
    Checklist(usize),
    /// `plays[i]`.
    Play(usize),
}

/// A problem with a row's field; `also` is the other row of a duplicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The row.
    pub place: Place,
    /// The field (`renewal`, `baseline.date`), as the JSON document names it.
    pub field: &'static str,
    /// What kind of problem.
    pub code: SuccessCode,
    /// Why.
    pub message: String,
    /// The earlier row with the same key, for a duplicate.
    pub also: Option<Place>,
}

pub(super) fn finding(
    place: Place,
    field: &'static str,
    code: SuccessCode,
    message: String,
) -> Finding {
    Finding {
        place,
        field,
        code,
        message,
        also: None,
    }
}

/// Every finding of the rules over `data`; rows may name `known` ids.
pub fn check_data(data: &SuccessData, known: &KnownIds) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, account) in data.accounts.iter().enumerate() {
        check_account(index, account, &mut out);
    }
    for (index, outcome) in data.outcomes.iter().enumerate() {
        check_outcome(index, outcome, &mut out);
    }
    for (index, renewal) in data.renewals.iter().enumerate() {
        if renewal.result == RenewalResult::Churned && renewal.value != 0.0 {
            let message = "a churned renewal's value must be 0".to_string();
            out.push(finding(
                Place::Renewal(index),
                "value",
                SuccessCode::InvalidValue,
                message,
            ));
        }
    }
    check_keys(data, &mut out);
    tracking::check_tracking_keys(data, &mut out);
    check_references(data, known, &mut out);
    tracking::check_settings_references(data, known, &mut out);
    check_renewal_order(data, &mut out);
    data_checks_stored::check_stored(data, known.stored(), &mut out);
    out
}

fn check_account(index: usize, account: &Account, out: &mut Vec<Finding>) {
    let place = Place::Account(index);
    let start = account.contract_start;
    if let Some(first_value) = account.first_value {
        if first_value < start {
            let message = format!("{first_value} is before the contract start {start}");
            out.push(finding(
                place,
                "firstValue",
                SuccessCode::DateOrder,
                message,
            ));
        }
    }
    if account.renewal <= start {
        let message = format!(
            "{} must be after the contract start {start}",
            account.renewal
        );
        out.push(finding(place, "renewal", SuccessCode::DateOrder, message));
    }
    if let Some(stage) = &account.stage_override {
        if let Some(until) = stage.until {
            if until < stage.from {
                let message = format!("{until} is before the override's start {}", stage.from);
                out.push(finding(
                    place,
                    "stage.until",
                    SuccessCode::DateOrder,
                    message,
                ));
            }
        }
    }
}

/// The rules inside one outcome: the target after the baseline, one
/// actual per date, renegotiations in date order from the baseline date on.
pub fn check_outcome(index: usize, outcome: &Outcome, out: &mut Vec<Finding>) {
    let baseline_date = outcome.baseline.date;
    if outcome.target.date <= baseline_date {
        let message = format!(
            "the target date {} must be after the baseline date {baseline_date}",
            outcome.target.date
        );
        out.push(finding(
            Place::Outcome(index),
            "target.date",
            SuccessCode::DateOrder,
            message,
        ));
    }
    let dates: Vec<Date> = outcome.actuals.iter().map(|actual| actual.date).collect();
    for (later, earlier) in duplicates(&dates) {
        out.push(Finding {
            also: Some(Place::Actual(index, earlier)),
            ..finding(
                Place::Actual(index, later),
                "date",
                SuccessCode::DuplicateRow,
                format!(
                    "a second actual on {}",
                    dates.get(later).copied().unwrap_or(baseline_date)
                ),
            )
        });
    }
    let mut previous: Option<Date> = None;
    for (r, renegotiation) in outcome.renegotiations.iter().enumerate() {
        let place = Place::Renegotiation(index, r);
        if renegotiation.date < baseline_date {
            let message = format!(
                "{} is before the baseline date {baseline_date}",
                renegotiation.date
            );
            out.push(finding(place, "date", SuccessCode::DateOrder, message));
        }
        if let Some(previous) = previous.filter(|previous| renegotiation.date <= *previous) {
            let message = format!(
                "{} must be after the previous renegotiation's {previous} (dates in order, one per date)",
                renegotiation.date
            );
            out.push(finding(place, "date", SuccessCode::DateOrder, message));
        }
        if renegotiation.target_date <= baseline_date {
            let message = format!(
                "the target date {} must be after the baseline date {baseline_date}",
                renegotiation.target_date
            );
            out.push(finding(
                place,
                "targetDate",
                SuccessCode::DateOrder,
                message,
            ));
        }
        previous = Some(renegotiation.date);
    }
}

/// For each key equal to an earlier one: (its index, the first index with
/// that key). Stable, so "earlier" is document order.
pub fn duplicates<K: Ord>(keys: &[K]) -> Vec<(usize, usize)> {
    let less = |a: usize, b: usize| match (keys.get(a), keys.get(b)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    };
    let order = sorted_indices(keys.len(), &less);
    let mut found = Vec::new();
    let mut first = None;
    for pair in order.windows(2) {
        if let [earlier, later] = *pair {
            if keys.get(earlier) == keys.get(later) {
                let first_index = *first.get_or_insert(earlier);
                found.push((later, first_index));
            } else {
                first = None;
            }
        }
    }
    found.sort_unstable();
    found
}

pub(super) fn push_duplicates(
    found: Vec<(usize, usize)>,
    (place, field): (fn(usize) -> Place, &'static str),
    what: &str,
    out: &mut Vec<Finding>,
) {
    for (later, earlier) in found {
        out.push(Finding {
            also: Some(place(earlier)),
            ..finding(
                place(later),
                field,
                SuccessCode::DuplicateRow,
                what.to_string(),
            )
        });
    }
}

fn check_keys(data: &SuccessData, out: &mut Vec<Finding>) {
    let ids: Vec<&str> = data.accounts.iter().map(|a| a.id.as_str()).collect();
    push_duplicates(
        duplicates(&ids),
        (Place::Account, "id"),
        "an account id used twice",
        out,
    );
    let keys: Vec<(&str, Date, &str)> = data
        .signals
        .iter()
        .map(|s| (s.account.as_str(), s.date, s.metric.as_str()))
        .collect();
    let what = "a second signal for the same account, date and metric";
    push_duplicates(duplicates(&keys), (Place::Signal, "metric"), what, out);
    let keys: Vec<(&str, Date, &str)> = data
        .events
        .iter()
        .map(|e| (e.account.as_str(), e.date, e.kind.as_str()))
        .collect();
    let what = "a second event for the same account, date and kind";
    push_duplicates(duplicates(&keys), (Place::Event, "kind"), what, out);
    let ids: Vec<&str> = data.outcomes.iter().map(|o| o.id.as_str()).collect();
    push_duplicates(
        duplicates(&ids),
        (Place::Outcome, "id"),
        "an outcome id used twice",
        out,
    );
    let keys: Vec<(&str, Date)> = data
        .renewals
        .iter()
        .map(|r| (r.account.as_str(), r.date))
        .collect();
    let what = "a second renewal for the same account and date";
    push_duplicates(duplicates(&keys), (Place::Renewal, "date"), what, out);
}

/// The accounts of the data by id, sorted, for binary search.
fn account_index(accounts: &[Account]) -> Vec<(&str, usize)> {
    let mut index: Vec<(&str, usize)> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    index.sort_unstable();
    index
}

fn find(index: &[(&str, usize)], id: &str) -> Option<usize> {
    let position = index.partition_point(|(key, _)| *key < id);
    index
        .get(position)
        .filter(|(key, _)| *key == id)
        .map(|(_, i)| *i)
}

fn check_references(data: &SuccessData, known: &KnownIds, out: &mut Vec<Finding>) {
    let index = account_index(&data.accounts);
    let mut suggestions = 0;
    let mut unknown = |place: Place, id: &str, out: &mut Vec<Finding>| {
        if find(&index, id).is_some() || known.has_account(id) {
            return;
        }
        let hint = if suggestions < MAX_SUGGESTIONS {
            suggestions += 1;
            let ids = data.accounts.iter().map(|a| a.id.as_str());
            suggest_id(id, ids.chain(known.accounts().iter().map(String::as_str)))
        } else {
            String::new()
        };
        let message = format!("no account has the id \"{id}\"{hint}");
        out.push(finding(
            place,
            "account",
            SuccessCode::UnknownReference,
            message,
        ));
    };
    for (i, signal) in data.signals.iter().enumerate() {
        unknown(Place::Signal(i), &signal.account, out);
    }
    for (i, event) in data.events.iter().enumerate() {
        unknown(Place::Event(i), &event.account, out);
    }
    for (i, outcome) in data.outcomes.iter().enumerate() {
        unknown(Place::Outcome(i), &outcome.account, out);
    }
    for (i, renewal) in data.renewals.iter().enumerate() {
        unknown(Place::Renewal(i), &renewal.account, out);
    }
    for (i, row) in data.realised.iter().enumerate() {
        unknown(Place::Realised(i), &row.account, out);
    }
    for (i, row) in data.checklist.iter().enumerate() {
        unknown(Place::Checklist(i), &row.account, out);
    }
    for (i, row) in data.plays.iter().enumerate() {
        unknown(Place::Play(i), &row.account, out);
    }
}

/// A renewal row after its account's contract start, and none after a churn.
fn check_renewal_order(data: &SuccessData, out: &mut Vec<Finding>) {
    let index = account_index(&data.accounts);
    for (i, renewal) in data.renewals.iter().enumerate() {
        let account = find(&index, &renewal.account).and_then(|a| data.accounts.get(a));
        if let Some(account) = account.filter(|a| renewal.date <= a.contract_start) {
            let message = format!(
                "{} must be after the account's contract start {}",
                renewal.date, account.contract_start
            );
            out.push(finding(
                Place::Renewal(i),
                "date",
                SuccessCode::DateOrder,
                message,
            ));
        }
    }
    let renewals: &[Renewal] = &data.renewals;
    let less = |a: usize, b: usize| match (renewals.get(a), renewals.get(b)) {
        (Some(a), Some(b)) => (a.account.as_str(), a.date) < (b.account.as_str(), b.date),
        _ => false,
    };
    let order = sorted_indices(renewals.len(), &less);
    let mut churn: Option<(&str, Date, usize)> = None;
    for i in order {
        let Some(renewal) = renewals.get(i) else {
            continue;
        };
        match churn {
            Some((account, date, churn_index))
                if account == renewal.account && date < renewal.date =>
            {
                out.push(Finding {
                    also: Some(Place::Renewal(churn_index)),
                    ..finding(
                        Place::Renewal(i),
                        "date",
                        SuccessCode::DateOrder,
                        format!("{} comes after the account churned on {date}", renewal.date),
                    )
                });
            }
            Some((account, _, _)) if account == renewal.account => {}
            _ => churn = None,
        }
        if churn.is_none() && renewal.result == RenewalResult::Churned {
            churn = Some((renewal.account.as_str(), renewal.date, i));
        }
    }
}

#[path = "data_checks_stored.rs"]
mod data_checks_stored;
/// The Execute-phase tables' keys and their checks against the settings.
#[path = "data_checks_tracking.rs"]
pub mod tracking;
