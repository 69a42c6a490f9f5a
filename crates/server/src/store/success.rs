//! The success data (docs/success.md) and the team's success settings
//! (schema version 7). Each row is kept as the JSON the document spells,
//! beside its key columns: accounts by id, signals by account + date +
//! metric, events by account + date + kind, outcomes by id, actuals and
//! renegotiations by outcome + date, renewals by account + date (the
//! Execute-phase tables of version 8 are `success_tracking`'s). An import
//! is one transaction of UPSERTs, so importing the same rows twice stores
//! them once and a later row replaces the stored one. The settings'
//! versions are `success_settings`'.

use rusqlite::{Connection, Transaction};
use yardstick_core::json::{canonical_json, Node};
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data::SUCCESS_SCHEMA;
use yardstick_json_text::node_from_json;

use super::success_read::{stored_list, stored_rows, text_rows};
use super::{sqlite, StoreError};
use crate::success_rows as rows;

/// The version that added the success tables.
pub const SUCCESS_SCHEMA_VERSION: i64 = 7;

/// Version 7: the success tables, created empty.
pub const SUCCESS_TABLES: &str = "
CREATE TABLE IF NOT EXISTS success_accounts (
    id       TEXT PRIMARY KEY NOT NULL,
    row_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_signals (
    account  TEXT NOT NULL,
    date     TEXT NOT NULL,
    metric   TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, date, metric)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_events (
    account  TEXT NOT NULL,
    date     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, date, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_outcomes (
    id       TEXT PRIMARY KEY NOT NULL,
    account  TEXT NOT NULL,
    row_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_actuals (
    outcome  TEXT NOT NULL,
    date     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (outcome, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_renegotiations (
    outcome  TEXT NOT NULL,
    date     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (outcome, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_renewals (
    account  TEXT NOT NULL,
    date     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_settings (
    version       INTEGER PRIMARY KEY NOT NULL,
    saved_at_ms   INTEGER NOT NULL,
    saved_by      TEXT NOT NULL,
    settings_json TEXT NOT NULL
);
";

/// Rows an import wrote (inserted or replaced), per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub accounts: usize,
    pub signals: usize,
    pub events: usize,
    pub outcomes: usize,
    pub actuals: usize,
    pub renegotiations: usize,
    pub renewals: usize,
    pub realised: usize,
    pub checklist: usize,
    pub plays: usize,
}

/// What the accounts list shows of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    /// The account as in `accounts[]`.
    pub account: Node,
    pub signals: u64,
    pub outcomes: u64,
}

pub(super) fn upsert(
    transaction: &Transaction<'_>,
    sql: &str,
    keys: &[&str],
    row: &Node,
) -> Result<(), StoreError> {
    let mut statement = transaction
        .prepare_cached(sql)
        .map_err(sqlite("prepare a success row"))?;
    let json = canonical_json(row);
    let mut values: Vec<&dyn rusqlite::ToSql> =
        keys.iter().map(|k| k as &dyn rusqlite::ToSql).collect();
    values.push(&json);
    statement
        .execute(values.as_slice())
        .map_err(sqlite("store a success row"))?;
    Ok(())
}

const ACCOUNT_SQL: &str = "INSERT INTO success_accounts (id, row_json) VALUES (?1, ?2)
    ON CONFLICT (id) DO UPDATE SET row_json = excluded.row_json";
const SIGNAL_SQL: &str = "INSERT INTO success_signals (account, date, metric, row_json)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (account, date, metric) DO UPDATE SET row_json = excluded.row_json";
const EVENT_SQL: &str = "INSERT INTO success_events (account, date, kind, row_json)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (account, date, kind) DO UPDATE SET row_json = excluded.row_json";
const OUTCOME_SQL: &str = "INSERT INTO success_outcomes (id, account, row_json)
    VALUES (?1, ?2, ?3)
    ON CONFLICT (id) DO UPDATE SET account = excluded.account, row_json = excluded.row_json";
const ACTUAL_SQL: &str = "INSERT INTO success_actuals (outcome, date, row_json)
    VALUES (?1, ?2, ?3)
    ON CONFLICT (outcome, date) DO UPDATE SET row_json = excluded.row_json";
const RENEGOTIATION_SQL: &str = "INSERT INTO success_renegotiations (outcome, date, row_json)
    VALUES (?1, ?2, ?3)
    ON CONFLICT (outcome, date) DO UPDATE SET row_json = excluded.row_json";
const RENEWAL_SQL: &str = "INSERT INTO success_renewals (account, date, row_json)
    VALUES (?1, ?2, ?3)
    ON CONFLICT (account, date) DO UPDATE SET row_json = excluded.row_json";

/// Stores a checked import in one transaction: all of it or, on an error,
/// none of it.
pub fn import(connection: &mut Connection, import: &CsvImport) -> Result<ImportCounts, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a success import"))?;
    let counts = write_rows(&transaction, import)?;
    transaction
        .commit()
        .map_err(sqlite("commit a success import"))?;
    Ok(counts)
}

/// Writes an import's rows inside `transaction` (the caller commits).
pub fn write_rows(
    transaction: &Transaction<'_>,
    import: &CsvImport,
) -> Result<ImportCounts, StoreError> {
    let mut counts = ImportCounts::default();
    let data = &import.data;
    for account in &data.accounts {
        upsert(
            transaction,
            ACCOUNT_SQL,
            &[&account.id],
            &rows::account_node(account),
        )?;
        counts.accounts += 1;
    }
    for signal in &data.signals {
        let date = signal.date.to_string();
        let keys = [signal.account.as_str(), &date, &signal.metric];
        upsert(transaction, SIGNAL_SQL, &keys, &rows::signal_node(signal))?;
        counts.signals += 1;
    }
    for event in &data.events {
        let date = event.date.to_string();
        let keys = [event.account.as_str(), &date, &event.kind];
        upsert(transaction, EVENT_SQL, &keys, &rows::event_node(event))?;
        counts.events += 1;
    }
    let mut actuals = Vec::new();
    let mut renegotiations = Vec::new();
    for outcome in &data.outcomes {
        let row = rows::outcome_node(outcome, Vec::new(), Vec::new());
        upsert(
            transaction,
            OUTCOME_SQL,
            &[&outcome.id, &outcome.account],
            &row,
        )?;
        counts.outcomes += 1;
        actuals.extend(outcome.actuals.iter().map(|a| (outcome.id.as_str(), a)));
        renegotiations.extend(
            outcome
                .renegotiations
                .iter()
                .map(|r| (outcome.id.as_str(), r)),
        );
    }
    actuals.extend(
        import
            .stored_actuals
            .iter()
            .map(|s| (s.outcome.as_str(), &s.actual)),
    );
    renegotiations.extend(
        import
            .stored_renegotiations
            .iter()
            .map(|s| (s.outcome.as_str(), &s.renegotiation)),
    );
    for (outcome, actual) in actuals {
        let date = actual.date.to_string();
        upsert(
            transaction,
            ACTUAL_SQL,
            &[outcome, &date],
            &rows::actual_node(actual),
        )?;
        counts.actuals += 1;
    }
    for (outcome, renegotiation) in renegotiations {
        let date = renegotiation.date.to_string();
        let row = rows::renegotiation_node(renegotiation);
        upsert(transaction, RENEGOTIATION_SQL, &[outcome, &date], &row)?;
        counts.renegotiations += 1;
    }
    for renewal in &data.renewals {
        let date = renewal.date.to_string();
        let keys = [renewal.account.as_str(), &date];
        upsert(
            transaction,
            RENEWAL_SQL,
            &keys,
            &rows::renewal_node(renewal),
        )?;
        counts.renewals += 1;
    }
    super::success_tracking::import_rows(transaction, data, &mut counts)?;
    Ok(counts)
}

/// Takes the rows of `key` from a list sorted by key.
fn take_rows_of(
    rows: &mut std::iter::Peekable<std::vec::IntoIter<(String, Node)>>,
    key: &str,
) -> Vec<Node> {
    let mut taken = Vec::new();
    while let Some((_, node)) = rows.next_if(|(k, _)| k == key) {
        taken.push(node);
    }
    taken
}

/// The whole stored data as a `yardstick/success@1` document, every table
/// in key order.
pub fn document(connection: &Connection) -> Result<Node, StoreError> {
    let list = |sql| stored_list(connection, sql);
    let accounts = list("SELECT id, row_json FROM success_accounts ORDER BY id")?;
    let signals =
        list("SELECT account, row_json FROM success_signals ORDER BY account, date, metric")?;
    let events = list("SELECT account, row_json FROM success_events ORDER BY account, date, kind")?;
    let renewals = list("SELECT account, row_json FROM success_renewals ORDER BY account, date")?;
    let outcomes = stored_rows(
        connection,
        "SELECT id, row_json FROM success_outcomes ORDER BY id",
    )?;
    let mut actuals = stored_rows(
        connection,
        "SELECT outcome, row_json FROM success_actuals ORDER BY outcome, date",
    )?
    .into_iter()
    .peekable();
    let mut renegotiations = stored_rows(
        connection,
        "SELECT outcome, row_json FROM success_renegotiations ORDER BY outcome, date",
    )?
    .into_iter()
    .peekable();
    let mut outcome_nodes = Vec::with_capacity(outcomes.len());
    for (id, node) in outcomes {
        // Rows of an outcome no longer stored cannot exist (imports check
        // the ids); skip any before this id all the same.
        while actuals.next_if(|(k, _)| k.as_str() < id.as_str()).is_some() {}
        while renegotiations
            .next_if(|(k, _)| k.as_str() < id.as_str())
            .is_some()
        {}
        let mut entries = match node {
            Node::Map(entries) => entries,
            other => vec![("row".to_string(), other)],
        };
        let own_actuals = Node::List(take_rows_of(&mut actuals, &id));
        let own_renegotiations = Node::List(take_rows_of(&mut renegotiations, &id));
        for (key, value) in entries.iter_mut() {
            if key == "actuals" {
                *value = own_actuals.clone();
            } else if key == "renegotiations" {
                *value = own_renegotiations.clone();
            }
        }
        outcome_nodes.push(Node::Map(entries));
    }
    let mut entries = vec![
        ("schema".to_string(), Node::Text(SUCCESS_SCHEMA.to_string())),
        ("accounts".to_string(), accounts),
        ("signals".to_string(), signals),
        ("events".to_string(), events),
        ("outcomes".to_string(), Node::List(outcome_nodes)),
        ("renewals".to_string(), renewals),
    ];
    entries.extend(super::success_tracking::document_entries(connection)?);
    Ok(Node::Map(entries))
}

/// The stored account and outcome ids (for the readers' `KnownIds`).
pub fn known_ids(connection: &Connection) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let ids = |sql: &str| -> Result<Vec<String>, StoreError> {
        Ok(text_rows::<1>(connection, sql, [])?
            .into_iter()
            .map(|[id]| id)
            .collect())
    };
    Ok((
        ids("SELECT id FROM success_accounts ORDER BY id")?,
        ids("SELECT id FROM success_outcomes ORDER BY id")?,
    ))
}

/// Whether any success row is stored (the demo loads only into none).
pub fn holds_data(connection: &Connection) -> Result<bool, StoreError> {
    connection
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM success_accounts)
                 OR EXISTS (SELECT 1 FROM success_signals)
                 OR EXISTS (SELECT 1 FROM success_renewals)",
            [],
            |row| row.get(0),
        )
        .map_err(sqlite("look for success data"))
}

/// Every account in id order with its counts of signals and outcomes.
pub fn accounts(connection: &Connection) -> Result<Vec<AccountSummary>, StoreError> {
    let mut statement = connection
        .prepare(
            "SELECT a.row_json,
                (SELECT COUNT(*) FROM success_signals s WHERE s.account = a.id),
                (SELECT COUNT(*) FROM success_outcomes o WHERE o.account = a.id)
             FROM success_accounts a ORDER BY a.id",
        )
        .map_err(sqlite("prepare the accounts list"))?;
    let found = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })
        .map_err(sqlite("read the accounts list"))?;
    let mut summaries = Vec::new();
    for row in found {
        let (json, signals, outcomes) = row.map_err(sqlite("read an account"))?;
        summaries.push(AccountSummary {
            account: node_from_json(&json).unwrap_or(Node::Null),
            signals: u64::try_from(signals).unwrap_or(0),
            outcomes: u64::try_from(outcomes).unwrap_or(0),
        });
    }
    Ok(summaries)
}

#[cfg(test)]
#[path = "success_test.rs"]
mod tests;
