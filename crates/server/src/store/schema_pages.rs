//! Schema version 4's own tables: page events and the page-view aggregates
//! the Develop funnel reads (docs/engagement.md, "What the collector
//! keeps"), and their migration from any older version. Self-contained, so
//! it runs after whatever the older versions' steps did: it creates its
//! tables, then rebuilds every page-view row from the stored page events,
//! the widget events that name a page view and, when a `leads` table with
//! `page_view_id` and `value` columns exists, its leads.
//!
//! It never changes or deletes an event row. An event the core cannot read
//! is skipped (the v1 migration already marks its calculator unreadable).

use rusqlite::{OptionalExtension, Transaction};
use yardstick_core::engagement::envelope::read_event;
use yardstick_core::engagement::page_envelope::read_page_event;
use yardstick_json_text::node_from_json;

use super::page_write::PageViews;
use super::{sqlite, StoreError};

/// Version 4's tables. `page_views` has one row per page view named by a
/// page event or a widget event; `day` stays `NULL` until a page event
/// arrives (a page without the snippet is no visit the funnel can count).
/// Labels (paths, hosts, campaign values) and visitor ids are kept once
/// each and named by integer keys, so the covering index `page_views_by_day`
/// holds every column the funnel reads, in a few bytes per page view.
pub const PAGE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS page_events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    page_view_id   TEXT NOT NULL,
    name           TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    event_json     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS page_labels (
    label_key INTEGER PRIMARY KEY,
    kind      INTEGER NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (kind, text)
);
CREATE TABLE IF NOT EXISTS page_visitors (
    visitor_key INTEGER PRIMARY KEY,
    visitor_id  TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS page_views (
    page_view_key        INTEGER PRIMARY KEY,
    page_view_id         TEXT NOT NULL UNIQUE,
    day                  INTEGER,
    first_occurred_at_ms REAL,
    page_sequence        INTEGER,
    visitor_sequence     INTEGER,
    visitor_key          INTEGER,
    path_label           INTEGER,
    referrer_label       INTEGER,
    source_label         INTEGER,
    medium_label         INTEGER,
    campaign_label       INTEGER,
    term_label           INTEGER,
    content_label        INTEGER,
    max_engaged_ms       INTEGER NOT NULL DEFAULT 0,
    max_scroll_percent   INTEGER NOT NULL DEFAULT 0,
    downloads            INTEGER NOT NULL DEFAULT 0,
    video_plays          INTEGER NOT NULL DEFAULT 0,
    outbound_clicks      INTEGER NOT NULL DEFAULT 0,
    returning_visit      INTEGER NOT NULL DEFAULT 0,
    calc_used            INTEGER NOT NULL DEFAULT 0,
    leads                INTEGER NOT NULL DEFAULT 0,
    lead_value           REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS page_views_by_day ON page_views (
    day, visitor_key, path_label, referrer_label, campaign_label, max_engaged_ms,
    downloads, video_plays, outbound_clicks, returning_visit, calc_used, leads, lead_value
) WHERE day IS NOT NULL;
";

/// Brings a database of version `from` (below 4) to version 4's tables:
/// creates them and rebuilds the page views from what is stored.
pub fn migrate_to_v4(transaction: &Transaction<'_>, from: i64) -> Result<(), StoreError> {
    transaction
        .execute_batch(PAGE_SCHEMA)
        .map_err(sqlite("create the page tables"))?;
    if from == 0 {
        return Ok(());
    }
    // Someone set the version back to rebuild: start afresh.
    transaction
        .execute_batch(
            "DELETE FROM page_views; DELETE FROM page_labels; DELETE FROM page_visitors;",
        )
        .map_err(sqlite("clear the page views"))?;
    let mut page_views = PageViews::new(transaction);
    replay(
        transaction,
        "SELECT event_json FROM page_events ORDER BY rowid",
        |text| {
            let node = node_from_json(text).ok()?;
            read_page_event(&node, "").ok()
        },
        |event| page_views.add_page_event(&event),
    )?;
    replay(
        transaction,
        "SELECT event_json FROM events WHERE name <> 'calc_view' ORDER BY rowid",
        |text| {
            let node = node_from_json(text).ok()?;
            read_event(&node, "").ok()
        },
        |event| PageViews::link_calc_event(transaction, &event),
    )?;
    backfill_leads(transaction)
}

/// Reads each row's text of `select`, and hands what `read` makes of it
/// to `apply` (rows it cannot read are skipped).
fn replay<T>(
    transaction: &Transaction<'_>,
    select: &str,
    read: impl Fn(&str) -> Option<T>,
    mut apply: impl FnMut(T) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut statement = transaction
        .prepare(select)
        .map_err(sqlite("prepare the page view rebuild"))?;
    let mut rows = statement
        .query([])
        .map_err(sqlite("read the events to rebuild"))?;
    while let Some(row) = rows.next().map_err(sqlite("read an event to rebuild"))? {
        let text: Option<String> = row.get(0).ok();
        if let Some(item) = text.as_deref().and_then(&read) {
            apply(item)?;
        }
    }
    Ok(())
}

/// Adds the leads of a `leads (page_view_id, value, ...)` table, when the
/// database has one, to their page views.
fn backfill_leads(transaction: &Transaction<'_>) -> Result<(), StoreError> {
    let columns: Option<i64> = transaction
        .query_row(
            "SELECT COUNT(*) FROM pragma_table_info('leads') WHERE name IN ('page_view_id', 'value')",
            [],
            |row| row.get(0),
        )
        .optional()
        .map_err(sqlite("look for a leads table"))?;
    if columns != Some(2) {
        return Ok(());
    }
    let mut statement = transaction
        .prepare("SELECT page_view_id, value FROM leads WHERE page_view_id IS NOT NULL")
        .map_err(sqlite("prepare the leads read"))?;
    let mut rows = statement.query([]).map_err(sqlite("read the leads"))?;
    while let Some(row) = rows.next().map_err(sqlite("read a lead"))? {
        let page_view_id: Option<String> = row.get(0).ok();
        let value: f64 = row.get::<_, Option<f64>>(1).ok().flatten().unwrap_or(0.0);
        if let Some(page_view_id) = page_view_id {
            PageViews::record_lead(transaction, &page_view_id, value)?;
        }
    }
    Ok(())
}
