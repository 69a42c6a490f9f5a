//! What an import is checked against (docs/success.md, "The API"): the
//! stored ids and the few stored columns the rules across rows read
//! (contract starts, renewals, renegotiations, outcome baselines), read inside the import's
//! own transaction so that what is checked is what the import joins.
//!
//! Only the rows of the accounts and outcomes the import names are read
//! ([`StoredKeys`], by primary key), their columns by SQLite's
//! `json_extract`: the work follows the import, not the store. Signals,
//! events and actuals, the large tables, are never loaded. The ids are
//! read whole (one short text per stored account and outcome): rows may
//! name any stored id.

use rusqlite::{Connection, TransactionBehavior};
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data::{KnownIds, RenewalResult, StoredRows};
use yardstick_core::success::date::Date;
use yardstick_core::success::stored_keys::StoredKeys;

use super::success::{known_ids, write_rows, ImportCounts};
use super::success_read::text_rows;
use super::{sqlite, StoreError};

/// A stored date; the store holds only checked rows, so one that does
/// not read is left out (and its rule with it) rather than failing.
fn date(text: &str) -> Option<Date> {
    Date::parse(text)
}

/// A key list as the JSON array SQLite's `json_each` reads.
fn json_list(keys: &[String]) -> String {
    canonical_json(&Node::List(keys.iter().cloned().map(Node::Text).collect()))
}

/// The stored columns of [`StoredRows`] of the accounts and outcomes in
/// `keys`.
pub fn stored_rows(connection: &Connection, keys: &StoredKeys) -> Result<StoredRows, StoreError> {
    let mut rows = StoredRows::default();
    let accounts = json_list(&keys.accounts);
    let outcomes = json_list(&keys.outcomes);
    for [id, start] in text_rows::<2>(
        connection,
        "SELECT id, json_extract(row_json, '$.contractStart') FROM success_accounts
             WHERE id IN (SELECT value FROM json_each(?1))",
        [&accounts],
    )? {
        rows.contract_starts
            .extend(date(&start).map(|start| (id, start)));
    }
    for [account, day, result] in text_rows::<3>(
        connection,
        "SELECT account, date, json_extract(row_json, '$.result') FROM success_renewals
             WHERE account IN (SELECT value FROM json_each(?1))",
        [&accounts],
    )? {
        let result = if result == "churned" {
            RenewalResult::Churned
        } else {
            RenewalResult::Renewed
        };
        rows.renewals
            .extend(date(&day).map(|day| (account, day, result)));
    }
    for [outcome, day, target_date] in text_rows::<3>(
        connection,
        "SELECT outcome, date, json_extract(row_json, '$.targetDate') FROM success_renegotiations
             WHERE outcome IN (SELECT value FROM json_each(?1))",
        [&outcomes],
    )? {
        if let (Some(day), Some(target_date)) = (date(&day), date(&target_date)) {
            rows.renegotiations.push((outcome, day, target_date));
        }
    }
    for [outcome, baseline] in text_rows::<2>(
        connection,
        "SELECT id, json_extract(row_json, '$.baseline.date') FROM success_outcomes
             WHERE id IN (SELECT value FROM json_each(?1))",
        [&outcomes],
    )? {
        rows.baselines
            .extend(date(&baseline).map(|baseline| (outcome, baseline)));
    }
    Ok(rows)
}

/// Reads an import with `read` against what is stored and writes it, in
/// one transaction that holds the write lock from the first read to the
/// commit: `Ok(Err(problems))` when `read` refuses it (nothing written).
pub fn import_checked<P>(
    connection: &mut Connection,
    keys: &StoredKeys,
    read: impl FnOnce(&KnownIds) -> Result<CsvImport, P>,
) -> Result<Result<ImportCounts, P>, StoreError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sqlite("begin a success import"))?;
    let (accounts, outcomes) = known_ids(&transaction)?;
    let known = KnownIds::new(accounts, outcomes).with_stored(stored_rows(&transaction, keys)?);
    let import = match read(&known) {
        Ok(import) => import,
        // Dropping the transaction rolls it back; nothing was written.
        Err(problems) => return Ok(Err(problems)),
    };
    let counts = write_rows(&transaction, &import)?;
    transaction
        .commit()
        .map_err(sqlite("commit a success import"))?;
    Ok(Ok(counts))
}

#[cfg(test)]
#[path = "success_stored_test.rs"]
mod tests;
