//! The store's tables and its schema version (`PRAGMA user_version`), and
//! the migrations, in one transaction when the database is opened: from
//! version 1, whose database held only the events, it creates the
//! aggregate tables and fills them from every stored event; from version 2
//! it adds the (empty) `leads` table of version 3.
//!
//! It never changes or deletes an event row. An event row the core cannot
//! read marks only its own calculator as unreadable (`calc_totals.error`).
//! Setting `PRAGMA user_version` back to 1 rebuilds every aggregate from the
//! events at the next open. Version 4's page tables and their migration
//! are `schema_pages`'; version 5's cases tables are `cases`' (created
//! empty), and so is version 6's column of them; version 7's success
//! tables are `success`' (created empty), version 8's Execute-phase
//! success tables `success_tracking`' (created empty), version 9's index
//! of the valued leads by page view ([`LEADS_BY_PAGE_VIEW`]).

use rusqlite::Connection;
use yardstick_core::engagement::envelope::read_event;
use yardstick_json_text::node_from_json;

use super::write::Aggregator;
use super::{sqlite, StoreError};

/// The schema this code writes. 1: events only. 2: events and aggregates.
/// 3: and leads ([`LEADS_SCHEMA`]). 4: page events and the page views the
/// Develop funnel reads (`schema_pages`). 5: saved cases and their
/// revisions (`cases`). 6: why a case's project was dropped
/// (`case_revisions.dropped_reason`). 7: the success data and settings
/// (`success`). 8: realised values, checklist states and play completions
/// (`success_tracking`). 9: the valued leads by page view
/// ([`LEADS_BY_PAGE_VIEW`]).
pub const SCHEMA_VERSION: i64 = 9;

/// Version 9: the valued leads of a page view and their currencies, so
/// the Develop funnel reads each page view's lead currency from the index
/// alone (only for page views with leads) and never adds dollars to
/// euros.
pub const LEADS_BY_PAGE_VIEW: &str = "
CREATE INDEX IF NOT EXISTS leads_by_page_view ON leads (page_view_id, currency)
    WHERE value IS NOT NULL;
";

/// The version that added the `leads` table; a database below it gets the
/// table (empty) when opened. Its own step, so later versions add theirs
/// beside it.
pub const LEADS_SCHEMA_VERSION: i64 = 3;

/// Version 3: one row per lead (docs/leads.md), keyed by the client-made
/// `lead_id` so a retried lead is stored once. The case columns
/// (`outputs_json`, `value`, `receipt_*`, `currency`, `value_output`) are
/// null for a lead whose model this server does not serve (`verified` 0).
/// Lists read newest first by `received_at_ms` (the server's clock, not
/// the page's), with `lead_id` breaking ties, whole or per calculator.
pub const LEADS_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS leads (
    lead_id        TEXT PRIMARY KEY NOT NULL,
    calc_id        TEXT NOT NULL,
    calc_version   TEXT NOT NULL,
    model_path     TEXT,
    page_view_id   TEXT NOT NULL,
    instance_id    TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    page_path      TEXT NOT NULL,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL,
    company        TEXT NOT NULL,
    privacy_url    TEXT,
    inputs_json    TEXT NOT NULL,
    entered_json   TEXT NOT NULL,
    scenario       TEXT,
    currency       TEXT,
    value_output   TEXT,
    outputs_json   TEXT,
    value          REAL,
    receipt_hash   TEXT,
    receipt_json   TEXT,
    verified       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS leads_by_time ON leads (received_at_ms, lead_id);
CREATE INDEX IF NOT EXISTS leads_by_calc ON leads (calc_id, received_at_ms, lead_id);
";

/// The version-1 schema, kept to recognize it and for the migration test.
#[cfg(test)]
pub const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    calc_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    event_json     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_calc ON events (calc_id);
PRAGMA user_version = 1;
";

/// Version 2. `instances` holds each instance's facts (the core's
/// `InstanceFacts`: milestones as a bitmask, the largest interaction), and
/// its interaction again in `started_interaction_ms` when it started, so
/// the partial index yields the median and p75 by rank. The totals are the
/// core's `CalcTotals`; `error` says why a calculator's figures cannot be
/// trusted (an unreadable event met by the migration).
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    calc_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    event_json     TEXT NOT NULL
);
DROP INDEX IF EXISTS events_by_calc;
CREATE TABLE IF NOT EXISTS instances (
    calc_id                TEXT NOT NULL,
    page_view_id           TEXT NOT NULL,
    instance_id            TEXT NOT NULL,
    reached                INTEGER NOT NULL,
    max_interaction_ms     INTEGER NOT NULL,
    started_interaction_ms INTEGER,
    PRIMARY KEY (calc_id, page_view_id, instance_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS instances_started
    ON instances (calc_id, started_interaction_ms)
    WHERE started_interaction_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS instance_steps (
    calc_id      TEXT NOT NULL,
    page_view_id TEXT NOT NULL,
    instance_id  TEXT NOT NULL,
    step_index   INTEGER NOT NULL,
    PRIMARY KEY (calc_id, page_view_id, instance_id, step_index)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS calc_totals (
    calc_id              TEXT PRIMARY KEY NOT NULL,
    events               INTEGER NOT NULL,
    views                INTEGER NOT NULL,
    starts               INTEGER NOT NULL,
    results              INTEGER NOT NULL,
    leads                INTEGER NOT NULL,
    lead_instances       INTEGER NOT NULL,
    engaged_views        INTEGER NOT NULL,
    interaction_total_ms INTEGER NOT NULL,
    first_occurred_at_ms REAL,
    last_occurred_at_ms  REAL,
    error                TEXT
);
CREATE TABLE IF NOT EXISTS calc_steps (
    calc_id    TEXT NOT NULL,
    step_index INTEGER NOT NULL,
    instances  INTEGER NOT NULL,
    PRIMARY KEY (calc_id, step_index)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS calc_versions (
    calc_id      TEXT NOT NULL,
    calc_version TEXT NOT NULL,
    PRIMARY KEY (calc_id, calc_version)
) WITHOUT ROWID;
";

/// Creates the tables of a new database, or migrates an older one, in one
/// transaction; refuses a newer one.
pub fn bring_up_to_date(connection: &mut Connection) -> Result<(), StoreError> {
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(sqlite("read the schema version"))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: version });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin the migration"))?;
    if version < 2 {
        create_events_and_aggregates(&transaction, version)?;
    }
    if version < LEADS_SCHEMA_VERSION {
        transaction
            .execute_batch(LEADS_SCHEMA)
            .map_err(sqlite("create the leads table"))?;
    }
    // After the leads table: the page views' backfill reads lead values.
    if version < 4 {
        super::schema_pages::migrate_to_v4(&transaction, version)?;
    }
    if version < super::cases::CASES_SCHEMA_VERSION {
        transaction
            .execute_batch(super::cases::CASES_SCHEMA)
            .map_err(sqlite("create the cases tables"))?;
    }
    if version < super::cases::DROPPED_SCHEMA_VERSION {
        super::cases::add_dropped_column(&transaction)?;
    }
    if version < super::success::SUCCESS_SCHEMA_VERSION {
        transaction
            .execute_batch(super::success::SUCCESS_TABLES)
            .map_err(sqlite("create the success tables"))?;
    }
    if version < super::success_tracking::TRACKING_SCHEMA_VERSION {
        transaction
            .execute_batch(super::success_tracking::TRACKING_TABLES)
            .map_err(sqlite("create the Execute-phase success tables"))?;
    }
    if version < 9 {
        transaction
            .execute_batch(LEADS_BY_PAGE_VIEW)
            .map_err(sqlite("index the leads by page view"))?;
    }
    transaction
        .execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))
        .map_err(sqlite("write the schema version"))?;
    transaction.commit().map_err(sqlite("commit the migration"))
}

/// Versions 0 and 1 to 2: the events table and the aggregates, filled
/// from the events of a version-1 database.
fn create_events_and_aggregates(
    transaction: &rusqlite::Transaction<'_>,
    version: i64,
) -> Result<(), StoreError> {
    transaction
        .execute_batch(SCHEMA)
        .map_err(sqlite("create the tables"))?;
    if version == 1 {
        // Empty unless someone set the version back to 1 to rebuild the
        // aggregates (after repairing events by hand, say): start afresh.
        transaction
            .execute_batch(
                "DELETE FROM instances; DELETE FROM instance_steps; DELETE FROM calc_totals;
                 DELETE FROM calc_steps; DELETE FROM calc_versions;",
            )
            .map_err(sqlite("clear the aggregates"))?;
        backfill(transaction)?;
    }
    Ok(())
}

/// Merges every stored event into the (empty) aggregates, one row at a time.
fn backfill(transaction: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    let mut aggregator = Aggregator::new(transaction);
    let mut select = transaction
        .prepare("SELECT event_id, calc_id, event_json FROM events ORDER BY rowid")
        .map_err(sqlite("prepare the backfill"))?;
    let mut rows = select.query([]).map_err(sqlite("read the events"))?;
    while let Some(row) = rows.next().map_err(sqlite("read the events"))? {
        let event_id: String = row.get(0).map_err(sqlite("read an event id"))?;
        let calc_id: String = row.get(1).map_err(sqlite("read a calc_id"))?;
        let text: Option<String> = row.get(2).ok();
        let event = text
            .ok_or_else(|| "its JSON is not text".to_string())
            .and_then(|text| node_from_json(&text).map_err(|e| e.to_string()))
            .and_then(|node| read_event(&node, "").map_err(|e| e.to_string()));
        match event {
            Ok(event) if event.calc_id == calc_id => aggregator.add(&event)?,
            Ok(_) => aggregator.mark_unreadable(
                &calc_id,
                &format!("stored event {event_id} names another calc_id"),
            ),
            Err(reason) => aggregator.mark_unreadable(
                &calc_id,
                &format!("stored event {event_id} is unreadable: {reason}"),
            ),
        }
    }
    aggregator.finish()
}
