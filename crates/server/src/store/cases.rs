//! The saved cases' tables (schema version 5, docs/cases.md): `cases`,
//! one row per case with its latest revision number, and `case_revisions`,
//! every revision in full (the case document as the core wrote it back,
//! its figures, and the summary of what changed since the revision before)
//! beside the few columns lists and the pipeline read. Version 6 adds
//! `case_revisions.dropped_reason` (null while the case is open).
//!
//! Each write is one transaction. A revision is saved only when its base
//! revision is still the latest (`UPDATE cases ... WHERE revision = base`
//! inside the transaction): a save over a newer revision changes nothing
//! and reports the current number (optimistic concurrency). Nothing here
//! checks or computes a figure: the core's `cases` module did, and the
//! route passes what it made.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use yardstick_core::cases::figures::CaseFigures;
use yardstick_core::cases::pipeline::{CaseHistory, RevisionMark};
use yardstick_core::cases::read::{stage_from_str, CaseDocument};
use yardstick_core::json::canonical_json;

use super::{sqlite, StoreError};

/// The version that added the cases tables.
pub const CASES_SCHEMA_VERSION: i64 = 5;
/// The version that added `case_revisions.dropped_reason`.
pub const DROPPED_SCHEMA_VERSION: i64 = 6;

/// Version 6: `case_revisions.dropped_reason`, why the revision's project
/// was dropped, null while it is open; every revision stored before has
/// null, which is right, since no document could say dropped then. Only
/// when missing: a database whose version was set back (to rebuild the
/// aggregates) already has it.
pub fn add_dropped_column(transaction: &Transaction<'_>) -> Result<(), StoreError> {
    let present: i64 = transaction
        .query_row(
            "SELECT COUNT(*) FROM pragma_table_info('case_revisions') WHERE name = 'dropped_reason'",
            [],
            |row| row.get(0),
        )
        .map_err(sqlite("read the cases' columns"))?;
    if present == 0 {
        transaction
            .execute_batch("ALTER TABLE case_revisions ADD COLUMN dropped_reason TEXT;")
            .map_err(sqlite("add the cases' drop reason"))?;
    }
    Ok(())
}

/// Version 5's tables. `case_id` never repeats (AUTOINCREMENT), so a link
/// `workbench.html?case=ID` never opens another case. The columns beside
/// `case_json` copy what lists, filters and the pipeline read, so they
/// never parse a document.
pub const CASES_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    case_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    revision      INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    customer_id   TEXT NOT NULL,
    step          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_customer ON cases (customer_id, case_id);
CREATE TABLE IF NOT EXISTS case_revisions (
    case_id             INTEGER NOT NULL,
    revision            INTEGER NOT NULL,
    saved_at_ms         INTEGER NOT NULL,
    author              TEXT NOT NULL,
    title               TEXT NOT NULL,
    customer_id         TEXT NOT NULL,
    customer_name       TEXT NOT NULL,
    model_id            TEXT NOT NULL,
    model_version       TEXT NOT NULL,
    step                TEXT NOT NULL,
    currency            TEXT NOT NULL,
    value               REAL,
    verdict             TEXT NOT NULL,
    high_level_positive INTEGER NOT NULL,
    detailed_positive   INTEGER NOT NULL,
    receipt_hash        TEXT NOT NULL,
    case_json           TEXT NOT NULL,
    figures_json        TEXT NOT NULL,
    summary_json        TEXT NOT NULL,
    PRIMARY KEY (case_id, revision)
) WITHOUT ROWID;
";

/// A revision to save: the case as the core read it, its figures and the
/// summary of the changes since its base revision (JSON text).
pub struct NewRevision<'a> {
    pub case: &'a CaseDocument,
    pub figures: &'a CaseFigures,
    pub figures_json: String,
    pub summary_json: String,
    /// The server's clock.
    pub saved_at_ms: i64,
}

/// What a save over `base_revision` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revised {
    /// Saved as this revision.
    Saved { revision: i64 },
    /// The case has a newer revision than the base; nothing was saved.
    Conflict { current: i64 },
    /// No such case.
    NotFound,
}

/// One stored revision.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRow {
    pub case_id: i64,
    pub revision: i64,
    pub saved_at_ms: i64,
    pub author: String,
    pub title: String,
    pub customer_id: String,
    pub customer_name: String,
    pub step: String,
    pub currency: String,
    pub value: Option<f64>,
    pub verdict: String,
    pub high_level_positive: bool,
    pub detailed_positive: bool,
    pub receipt_hash: String,
    pub case_json: String,
    pub figures_json: String,
    pub summary_json: String,
    /// Why the project was dropped, when this revision says it was.
    pub dropped_reason: Option<String>,
    /// The case's latest revision number (equal to `revision` for the latest).
    pub latest_revision: i64,
}

/// Which cases a list selects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseFilter {
    pub customer_id: Option<String>,
    pub step: Option<String>,
}

const REVISION_COLUMNS: &str = "r.case_id, r.revision, r.saved_at_ms, r.author, r.title,
    r.customer_id, r.customer_name, r.step, r.currency, r.value, r.verdict,
    r.high_level_positive, r.detailed_positive, r.receipt_hash, r.case_json,
    r.figures_json, r.summary_json, c.revision, r.dropped_reason";

fn revision_row(row: &Row<'_>) -> rusqlite::Result<RevisionRow> {
    Ok(RevisionRow {
        case_id: row.get(0)?,
        revision: row.get(1)?,
        saved_at_ms: row.get(2)?,
        author: row.get(3)?,
        title: row.get(4)?,
        customer_id: row.get(5)?,
        customer_name: row.get(6)?,
        step: row.get(7)?,
        currency: row.get(8)?,
        value: row.get(9)?,
        verdict: row.get(10)?,
        high_level_positive: row.get(11)?,
        detailed_positive: row.get(12)?,
        receipt_hash: row.get(13)?,
        case_json: row.get(14)?,
        figures_json: row.get(15)?,
        summary_json: row.get(16)?,
        latest_revision: row.get(17)?,
        dropped_reason: row.get(18)?,
    })
}

fn insert_revision(
    transaction: &Transaction<'_>,
    case_id: i64,
    revision: i64,
    new: &NewRevision<'_>,
) -> Result<(), StoreError> {
    let case = new.case;
    let figures = new.figures;
    transaction
        .execute(
            "INSERT INTO case_revisions (
                case_id, revision, saved_at_ms, author, title, customer_id, customer_name,
                model_id, model_version, step, currency, value, verdict,
                high_level_positive, detailed_positive, receipt_hash, case_json,
                figures_json, summary_json, dropped_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                     ?16, ?17, ?18, ?19, ?20)",
            params![
                case_id,
                revision,
                new.saved_at_ms,
                case.author,
                case.title,
                case.customer.id,
                case.customer.name,
                case.model_id,
                case.model_version,
                case.step.as_str(),
                figures.currency,
                figures.value,
                figures.verdict.verdict.as_str(),
                figures.verdict.high_level_positive,
                figures.verdict.detailed_positive,
                figures.receipt_hash,
                canonical_json(&yardstick_core::cases::document::case_node(case)),
                new.figures_json,
                new.summary_json,
                case.dropped.as_ref().map(|drop| drop.reason.as_str()),
            ],
        )
        .map_err(sqlite("insert a case revision"))?;
    Ok(())
}

/// Creates a case at revision 1, in one transaction; its new id.
pub fn create_case(connection: &mut Connection, new: &NewRevision<'_>) -> Result<i64, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a transaction"))?;
    transaction
        .execute(
            "INSERT INTO cases (revision, created_at_ms, updated_at_ms, customer_id, step)
             VALUES (1, ?1, ?1, ?2, ?3)",
            params![
                new.saved_at_ms,
                new.case.customer.id,
                new.case.step.as_str()
            ],
        )
        .map_err(sqlite("insert a case"))?;
    let case_id = transaction.last_insert_rowid();
    insert_revision(&transaction, case_id, 1, new)?;
    transaction.commit().map_err(sqlite("commit the case"))?;
    Ok(case_id)
}

/// Saves `new` as the revision after `base_revision` if that is still the
/// latest, in one transaction; otherwise saves nothing.
pub fn revise_case(
    connection: &mut Connection,
    case_id: i64,
    base_revision: i64,
    new: &NewRevision<'_>,
) -> Result<Revised, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a transaction"))?;
    let current: Option<i64> = transaction
        .query_row(
            "SELECT revision FROM cases WHERE case_id = ?1",
            params![case_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(sqlite("read a case"))?;
    let Some(current) = current else {
        return Ok(Revised::NotFound);
    };
    if current != base_revision {
        return Ok(Revised::Conflict { current });
    }
    let revision = current + 1;
    let updated = transaction
        .execute(
            "UPDATE cases SET revision = ?1, updated_at_ms = ?2, customer_id = ?3, step = ?4
             WHERE case_id = ?5 AND revision = ?6",
            params![
                revision,
                new.saved_at_ms,
                new.case.customer.id,
                new.case.step.as_str(),
                case_id,
                base_revision
            ],
        )
        .map_err(sqlite("update a case"))?;
    if updated != 1 {
        return Ok(Revised::Conflict { current });
    }
    insert_revision(&transaction, case_id, revision, new)?;
    transaction
        .commit()
        .map_err(sqlite("commit the revision"))?;
    Ok(Revised::Saved { revision })
}

/// Revision `revision` of a case, or its latest when `None`.
pub fn revision(
    connection: &Connection,
    case_id: i64,
    revision: Option<i64>,
) -> Result<Option<RevisionRow>, StoreError> {
    connection
        .query_row(
            &format!(
                "SELECT {REVISION_COLUMNS} FROM case_revisions r
                 JOIN cases c ON c.case_id = r.case_id
                 WHERE r.case_id = ?1 AND r.revision = COALESCE(?2, c.revision)"
            ),
            params![case_id, revision],
            revision_row,
        )
        .optional()
        .map_err(sqlite("read a case revision"))
}

/// Every revision of a case, oldest first (empty when there is no such case).
pub fn revisions(connection: &Connection, case_id: i64) -> Result<Vec<RevisionRow>, StoreError> {
    let mut select = connection
        .prepare(&format!(
            "SELECT {REVISION_COLUMNS} FROM case_revisions r
             JOIN cases c ON c.case_id = r.case_id
             WHERE r.case_id = ?1 ORDER BY r.revision"
        ))
        .map_err(sqlite("prepare the revisions query"))?;
    let rows = select
        .query_map(params![case_id], revision_row)
        .map_err(sqlite("read the revisions"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(sqlite("read a revision"))
}

/// The latest revision of up to `limit` cases the filter selects, newest
/// change first (one more when more exist, so the caller can say so).
pub fn list(
    connection: &Connection,
    filter: &CaseFilter,
    limit: usize,
) -> Result<Vec<RevisionRow>, StoreError> {
    let mut select = connection
        .prepare(&format!(
            "SELECT {REVISION_COLUMNS} FROM cases c
             JOIN case_revisions r ON r.case_id = c.case_id AND r.revision = c.revision
             WHERE (?1 IS NULL OR c.customer_id = ?1) AND (?2 IS NULL OR c.step = ?2)
             ORDER BY c.updated_at_ms DESC, c.case_id DESC
             LIMIT ?3"
        ))
        .map_err(sqlite("prepare the cases query"))?;
    let fetch = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
    let rows = select
        .query_map(
            params![filter.customer_id, filter.step, fetch],
            revision_row,
        )
        .map_err(sqlite("read the cases"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(sqlite("read a case"))
}

/// Every case's history (its latest title, customer, value, currency and
/// drop reason, and each revision's time, step, verdicts and whether it
/// says dropped), by case id, in one read
/// transaction; only `customer_id`'s cases when given, and with them the
/// case `linked_case` whatever its customer (an account's linked case).
pub fn histories(
    connection: &mut Connection,
    customer_id: Option<&str>,
    linked_case: Option<i64>,
) -> Result<Vec<CaseHistory>, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a read transaction"))?;
    let mut histories: Vec<CaseHistory> = Vec::new();
    {
        let mut select = transaction
            .prepare(
                "SELECT r.case_id, r.revision, r.saved_at_ms, r.step, r.high_level_positive,
                        r.detailed_positive, r.title, r.customer_id, r.customer_name,
                        r.value, r.currency, c.revision, r.dropped_reason
                 FROM cases c JOIN case_revisions r ON r.case_id = c.case_id
                 WHERE (?1 IS NULL AND ?2 IS NULL) OR c.customer_id = ?1 OR c.case_id = ?2
                 ORDER BY r.case_id, r.revision",
            )
            .map_err(sqlite("prepare the pipeline query"))?;
        let mut rows = select
            .query(params![customer_id, linked_case])
            .map_err(sqlite("read the pipeline"))?;
        while let Some(row) = rows.next().map_err(sqlite("read the pipeline"))? {
            let read = |row: &Row<'_>| -> rusqlite::Result<(i64, i64, i64, String, bool, bool)> {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            };
            let (case_id, revision, saved_at_ms, step, high, detailed) =
                read(row).map_err(sqlite("read a revision"))?;
            let Some(step) = stage_from_str(&step) else {
                continue;
            };
            let id = case_id.to_string();
            if histories.last().map(|h| h.case_id != id).unwrap_or(true) {
                histories.push(CaseHistory {
                    case_id: id,
                    title: String::new(),
                    customer_id: String::new(),
                    customer_name: String::new(),
                    value: None,
                    currency: String::new(),
                    marks: Vec::new(),
                    dropped_reason: None,
                });
            }
            let latest: i64 = row.get(11).map_err(sqlite("read a revision"))?;
            let dropped_reason: Option<String> = row.get(12).map_err(sqlite("read a revision"))?;
            if let Some(history) = histories.last_mut() {
                history.marks.push(RevisionMark {
                    saved_at_ms: saved_at_ms as f64,
                    step,
                    high_level_positive: high,
                    detailed_positive: detailed,
                    dropped: dropped_reason.is_some(),
                });
                if revision == latest {
                    history.title = row.get(6).map_err(sqlite("read a revision"))?;
                    history.customer_id = row.get(7).map_err(sqlite("read a revision"))?;
                    history.customer_name = row.get(8).map_err(sqlite("read a revision"))?;
                    history.value = row.get(9).map_err(sqlite("read a revision"))?;
                    history.currency = row.get(10).map_err(sqlite("read a revision"))?;
                    history.dropped_reason = dropped_reason;
                }
            }
        }
    }
    transaction.commit().map_err(sqlite("end the read"))?;
    Ok(histories)
}

#[cfg(test)]
#[path = "cases_test.rs"]
mod tests;
