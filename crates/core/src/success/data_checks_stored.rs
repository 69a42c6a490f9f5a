//! The rules across rows of docs/success.md checked on the **merged**
//! result of an import and what is stored (the import's rows replacing
//! stored rows with the same key): an import fine on its own may break
//! them against stored rows (a renewal after a stored churn, an account
//! re-imported with its contract start after stored renewals).
//!
//! The store passes the few stored columns these rules read
//! ([`StoredRows`], through `KnownIds::with_stored`); every
//! problem involves at least one of the import's rows (the stored rows
//! passed the rules when they were imported), so it is reported at that
//! row, naming the stored row by its key. Rules among the import's own
//! rows stay the parent's (`data_checks`); nothing here reports them twice. Work is
//! O((import + stored) log) by sorts and binary searches.

use super::super::data::{RenewalResult, StoredRows, SuccessData};
use super::super::date::Date;
use super::super::diagnostic::SuccessCode;
use super::{Finding, Place};

fn date_order(place: Place, field: &'static str, message: String) -> Finding {
    Finding {
        place,
        field,
        code: SuccessCode::DateOrder,
        message,
        also: None,
    }
}

/// Every finding of the merged rules (module docs).
pub(super) fn check_stored(data: &SuccessData, stored: &StoredRows, out: &mut Vec<Finding>) {
    if stored == &StoredRows::default() {
        return;
    }
    let mut imported: Vec<(&str, Date, usize)> = data
        .renewals
        .iter()
        .enumerate()
        .map(|(i, r)| (r.account.as_str(), r.date, i))
        .collect();
    imported.sort_unstable();
    let replaced = |account: &str, date: Date| {
        imported
            .binary_search_by(|(a, d, _)| (*a, *d).cmp(&(account, date)))
            .is_ok()
    };
    // An account re-imported with its contract start on or after a stored
    // renewal the import keeps.
    for (i, account) in data.accounts.iter().enumerate() {
        for (_, date, _) in stored.renewals_of(&account.id) {
            if *date <= account.contract_start && !replaced(&account.id, *date) {
                let message = format!(
                    "{} must be before the stored renewal of {} on {date}",
                    account.contract_start, account.id
                );
                out.push(date_order(Place::Account(i), "contractStart", message));
            }
        }
    }
    // A renewal of a stored account (not re-imported) on or before its
    // stored contract start.
    let mut own_accounts: Vec<&str> = data.accounts.iter().map(|a| a.id.as_str()).collect();
    own_accounts.sort_unstable();
    for (i, renewal) in data.renewals.iter().enumerate() {
        if own_accounts
            .binary_search(&renewal.account.as_str())
            .is_ok()
        {
            continue;
        }
        if let Some(start) = stored.contract_start(&renewal.account) {
            if renewal.date <= start {
                let message = format!(
                    "{} must be after the stored contract start {start} of {}",
                    renewal.date, renewal.account
                );
                out.push(date_order(Place::Renewal(i), "date", message));
            }
        }
    }
    check_churn_last(&imported, data, stored, out);
    check_renegotiations(data, stored, out);
}

/// One renewal of the merged rows: its date, result and the import's row
/// (`None` for a stored row).
type Merged = (Date, RenewalResult, Option<usize>);

/// A churn is the account's last renewal row in the merged rows.
fn check_churn_last(
    imported: &[(&str, Date, usize)],
    data: &SuccessData,
    stored: &StoredRows,
    out: &mut Vec<Finding>,
) {
    let mut start = 0;
    while let Some(&(account, _, _)) = imported.get(start) {
        let rest = imported.get(start..).unwrap_or(&[]);
        let end = start + rest.partition_point(|(a, _, _)| *a == account);
        let own = imported.get(start..end).unwrap_or(&[]);
        start = end.max(start + 1);
        let stored_rows = stored.renewals_of(account);
        if stored_rows.is_empty() {
            continue;
        }
        let mut merged: Vec<Merged> = Vec::with_capacity(own.len() + stored_rows.len());
        for (_, date, result) in stored_rows {
            if own.binary_search_by(|(_, d, _)| d.cmp(date)).is_err() {
                merged.push((*date, *result, None));
            }
        }
        for (_, date, i) in own {
            if let Some(row) = data.renewals.get(*i) {
                merged.push((*date, row.result, Some(*i)));
            }
        }
        merged.sort_unstable_by_key(|row| row.0);
        let Some(churn_at) = merged.iter().position(|r| r.1 == RenewalResult::Churned) else {
            continue;
        };
        let Some(&(churn_date, _, churn_row)) = merged.get(churn_at) else {
            continue;
        };
        for &(date, _, row) in merged.iter().skip(churn_at + 1) {
            match (churn_row, row) {
                (None, Some(i)) => out.push(date_order(
                    Place::Renewal(i),
                    "date",
                    format!("{date} comes after {account} churned on {churn_date} (stored)"),
                )),
                (Some(i), None) => out.push(date_order(
                    Place::Renewal(i),
                    "result",
                    format!(
                        "a churn must be the account's last renewal, and {account} has a \
                         stored renewal on {date}"
                    ),
                )),
                // Both the import's: `data_checks` reports it.
                _ => {}
            }
        }
    }
}

/// A re-imported outcome's baseline against the stored renegotiations the
/// import keeps: none before the baseline date, target dates after it.
fn check_renegotiations(data: &SuccessData, stored: &StoredRows, out: &mut Vec<Finding>) {
    for (i, outcome) in data.outcomes.iter().enumerate() {
        let baseline = outcome.baseline.date;
        for (_, date, target_date) in stored.renegotiations_of(&outcome.id) {
            let kept = !outcome.renegotiations.iter().any(|r| r.date == *date);
            if kept && (*date < baseline || *target_date <= baseline) {
                let message = format!(
                    "{baseline} is after the stored renegotiation of {} on {date} (target \
                     date {target_date})",
                    outcome.id
                );
                out.push(date_order(Place::Outcome(i), "baseline.date", message));
            }
        }
    }
}

#[cfg(test)]
#[path = "data_checks_stored_test.rs"]
mod tests;
