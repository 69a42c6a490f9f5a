//! The Execute-phase success tables (schema version 8): realised values
//! by account + date + input, checklist states by account + list + item +
//! date, play completions by account + play + date; each row kept as the
//! JSON the document spells, as the other success tables. Written inside
//! the success import's transaction.

use rusqlite::{Connection, Transaction};
use yardstick_core::json::Node;
use yardstick_core::success::data::SuccessData;

use super::success::{upsert, ImportCounts};
use super::success_read::{stored_list, stored_rows};
use super::StoreError;
use crate::success_rows as rows;

/// The version that added these tables.
pub const TRACKING_SCHEMA_VERSION: i64 = 8;

/// Version 8: the Execute-phase tables, created empty.
pub const TRACKING_TABLES: &str = "
CREATE TABLE IF NOT EXISTS success_realised (
    account  TEXT NOT NULL,
    date     TEXT NOT NULL,
    input    TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, date, input)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_checklist (
    account  TEXT NOT NULL,
    list     TEXT NOT NULL,
    item     TEXT NOT NULL,
    date     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, list, item, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS success_plays (
    account  TEXT NOT NULL,
    play     TEXT NOT NULL,
    date     TEXT NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (account, play, date)
) WITHOUT ROWID;
";

const REALISED_SQL: &str = "INSERT INTO success_realised (account, date, input, row_json)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (account, date, input) DO UPDATE SET row_json = excluded.row_json";
const CHECKLIST_SQL: &str = "INSERT INTO success_checklist (account, list, item, date, row_json)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (account, list, item, date) DO UPDATE SET row_json = excluded.row_json";
const PLAY_SQL: &str = "INSERT INTO success_plays (account, play, date, row_json)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (account, play, date) DO UPDATE SET row_json = excluded.row_json";

/// Writes the import's rows of the three tables.
pub(super) fn import_rows(
    transaction: &Transaction<'_>,
    data: &SuccessData,
    counts: &mut ImportCounts,
) -> Result<(), StoreError> {
    for row in &data.realised {
        let date = row.date.to_string();
        let keys = [row.account.as_str(), &date, &row.input];
        upsert(transaction, REALISED_SQL, &keys, &rows::realised_node(row))?;
        counts.realised += 1;
    }
    for row in &data.checklist {
        let date = row.date.to_string();
        let keys = [row.account.as_str(), row.list.as_str(), &row.item, &date];
        upsert(
            transaction,
            CHECKLIST_SQL,
            &keys,
            &rows::checklist_node(row),
        )?;
        counts.checklist += 1;
    }
    for row in &data.plays {
        let date = row.date.to_string();
        let keys = [row.account.as_str(), &row.play, &date];
        upsert(transaction, PLAY_SQL, &keys, &rows::play_node(row))?;
        counts.plays += 1;
    }
    Ok(())
}

/// The three tables as document entries, each in key order.
pub(super) fn document_entries(connection: &Connection) -> Result<Vec<(String, Node)>, StoreError> {
    let list = |sql| stored_list(connection, sql);
    Ok(vec![
        (
            "realised".to_string(),
            list("SELECT account, row_json FROM success_realised ORDER BY account, date, input")?,
        ),
        (
            "checklist".to_string(),
            list("SELECT account, row_json FROM success_checklist ORDER BY account, list, item, date")?,
        ),
        (
            "plays".to_string(),
            list("SELECT account, row_json FROM success_plays ORDER BY account, play, date")?,
        ),
    ])
}

/// Each stored account's case link, `(account, case id, revision)`, in
/// account order.
pub fn case_links(connection: &Connection) -> Result<Vec<(String, u64, u64)>, StoreError> {
    let accounts = stored_rows(
        connection,
        "SELECT id, row_json FROM success_accounts ORDER BY id",
    )?;
    let mut links = Vec::new();
    for (account, node) in accounts {
        let whole = |key: &str| match node.get("case").and_then(|case| case.get(key)) {
            // Stored by the store from a checked whole number from 1.
            Some(Node::Number(n)) if *n >= 1.0 && n.fract() == 0.0 => Some(*n as u64),
            _ => None,
        };
        if let (Some(id), Some(revision)) = (whole("id"), whole("revision")) {
            links.push((account, id, revision));
        }
    }
    Ok(links)
}
