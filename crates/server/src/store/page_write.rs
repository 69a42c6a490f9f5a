//! Storing page events and keeping the page-view aggregates the Develop
//! funnel reads, in the batch's one transaction: each page event with
//! `INSERT OR IGNORE` on its `event_id`, and only an event stored now
//! merges into its page view's row (the rules are the core's
//! `engagement::page_view`), so a duplicate changes nothing. Widget events
//! and leads mark the page view they name the same way.
//!
//! Here are only rows: label texts and visitor ids become integer keys,
//! the core's facts become columns.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use yardstick_core::engagement::event::Event;
use yardstick_core::engagement::page_event::{page_event_json, PageEvent};
use yardstick_core::engagement::page_view::{calc_link, merge_page_event, CalcLink, PageViewFacts};

use super::{sqlite, StoreError};

/// What a label is: the `kind` column of `page_labels`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum LabelKind {
    Path = 1,
    Referrer = 2,
    Source = 3,
    Medium = 4,
    Campaign = 5,
    Term = 6,
    Content = 7,
}

/// Stores a page-event batch in one transaction; returns how many events
/// were new.
pub fn insert_page_batch(
    connection: &mut Connection,
    events: &[PageEvent],
    received_at_ms: i64,
) -> Result<usize, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a transaction"))?;
    let mut accepted = 0;
    {
        let mut page_views = PageViews::new(&transaction);
        let mut insert = transaction
            .prepare_cached(
                "INSERT OR IGNORE INTO page_events
                 (event_id, page_view_id, name, occurred_at_ms, received_at_ms, event_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite("prepare the page event insert"))?;
        for event in events {
            let stored = insert
                .execute(params![
                    event.event_id,
                    event.page_view_id,
                    event.name.as_str(),
                    event.occurred_at_ms,
                    received_at_ms,
                    page_event_json(event),
                ])
                .map_err(sqlite("insert a page event"))?;
            if stored == 1 {
                accepted += 1;
                page_views.add_page_event(event)?;
            }
        }
    }
    transaction.commit().map_err(sqlite("commit the batch"))?;
    Ok(accepted)
}

fn to_sql(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn to_count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

/// Page-view rows within one transaction, with the label keys looked up
/// so far.
pub struct PageViews<'t> {
    transaction: &'t Transaction<'t>,
    labels: HashMap<(LabelKind, String), i64>,
}

impl<'t> PageViews<'t> {
    pub fn new(transaction: &'t Transaction<'t>) -> Self {
        PageViews {
            transaction,
            labels: HashMap::new(),
        }
    }

    /// The key of a label text, added when new.
    fn label(&mut self, kind: LabelKind, text: &str) -> Result<i64, StoreError> {
        if let Some(key) = self.labels.get(&(kind, text.to_string())) {
            return Ok(*key);
        }
        self.transaction
            .prepare_cached("INSERT OR IGNORE INTO page_labels (kind, text) VALUES (?1, ?2)")
            .map_err(sqlite("prepare the label write"))?
            .execute(params![kind as i64, text])
            .map_err(sqlite("write a label"))?;
        let key: i64 = self
            .transaction
            .prepare_cached("SELECT label_key FROM page_labels WHERE kind = ?1 AND text = ?2")
            .map_err(sqlite("prepare the label read"))?
            .query_row(params![kind as i64, text], |row| row.get(0))
            .map_err(sqlite("read a label"))?;
        self.labels.insert((kind, text.to_string()), key);
        Ok(key)
    }

    fn optional_label(
        &mut self,
        kind: LabelKind,
        text: &Option<String>,
    ) -> Result<Option<i64>, StoreError> {
        text.as_deref().map(|t| self.label(kind, t)).transpose()
    }

    /// The key of a visitor id, added when new.
    fn visitor(&self, visitor_id: &str) -> Result<i64, StoreError> {
        self.transaction
            .prepare_cached("INSERT OR IGNORE INTO page_visitors (visitor_id) VALUES (?1)")
            .map_err(sqlite("prepare the visitor write"))?
            .execute([visitor_id])
            .map_err(sqlite("write a visitor"))?;
        self.transaction
            .prepare_cached("SELECT visitor_key FROM page_visitors WHERE visitor_id = ?1")
            .map_err(sqlite("prepare the visitor read"))?
            .query_row([visitor_id], |row| row.get(0))
            .map_err(sqlite("read a visitor"))
    }

    /// The stored facts of a page view, `None` when no page event has
    /// reached it yet.
    fn load(&self, page_view_id: &str) -> Result<Option<PageViewFacts>, StoreError> {
        let row = self
            .transaction
            .prepare_cached(
                "SELECT first_occurred_at_ms, page_sequence, visitor_sequence, max_engaged_ms,
                     max_scroll_percent, downloads, video_plays, outbound_clicks, returning_visit
                 FROM page_views WHERE page_view_id = ?1 AND day IS NOT NULL",
            )
            .map_err(sqlite("prepare the page view read"))?
            .query_row([page_view_id], |row| {
                Ok(PageViewFacts {
                    first_occurred_at_ms: row.get(0)?,
                    page_sequence: row.get(1)?,
                    visitor_sequence: row.get(2)?,
                    max_engaged_ms: to_count(row.get(3)?),
                    max_scroll_percent: row.get(4)?,
                    downloads: to_count(row.get(5)?),
                    video_plays: to_count(row.get(6)?),
                    outbound_clicks: to_count(row.get(7)?),
                    returning: row.get(8)?,
                })
            })
            .optional()
            .map_err(sqlite("read a page view"))?;
        Ok(row)
    }

    /// Merges a newly stored page event into its page view's row.
    pub fn add_page_event(&mut self, event: &PageEvent) -> Result<(), StoreError> {
        let before = self.load(&event.page_view_id)?;
        let change = merge_page_event(before.as_ref(), event);
        let facts = change.facts;
        self.transaction
            .prepare_cached(
                "INSERT INTO page_views (page_view_id, day, first_occurred_at_ms, page_sequence,
                     visitor_sequence, max_engaged_ms, max_scroll_percent, downloads,
                     video_plays, outbound_clicks, returning_visit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (page_view_id) DO UPDATE SET
                     day = excluded.day, first_occurred_at_ms = excluded.first_occurred_at_ms,
                     page_sequence = excluded.page_sequence,
                     visitor_sequence = excluded.visitor_sequence,
                     max_engaged_ms = excluded.max_engaged_ms,
                     max_scroll_percent = excluded.max_scroll_percent,
                     downloads = excluded.downloads, video_plays = excluded.video_plays,
                     outbound_clicks = excluded.outbound_clicks, returning_visit = excluded.returning_visit",
            )
            .map_err(sqlite("prepare the page view write"))?
            .execute(params![
                event.page_view_id,
                facts.day(),
                facts.first_occurred_at_ms,
                facts.page_sequence,
                facts.visitor_sequence,
                to_sql(facts.max_engaged_ms),
                facts.max_scroll_percent,
                to_sql(facts.downloads),
                to_sql(facts.video_plays),
                to_sql(facts.outbound_clicks),
                facts.returning,
            ])
            .map_err(sqlite("write a page view"))?;
        if change.takes_page {
            let page = &event.page;
            let campaign = &page.campaign;
            let labels = [
                Some(self.label(LabelKind::Path, &page.path)?),
                self.optional_label(LabelKind::Referrer, &page.referrer_host)?,
                self.optional_label(LabelKind::Source, &campaign.source)?,
                self.optional_label(LabelKind::Medium, &campaign.medium)?,
                self.optional_label(LabelKind::Campaign, &campaign.campaign)?,
                self.optional_label(LabelKind::Term, &campaign.term)?,
                self.optional_label(LabelKind::Content, &campaign.content)?,
            ];
            self.transaction
                .prepare_cached(
                    "UPDATE page_views SET path_label = ?2, referrer_label = ?3,
                         source_label = ?4, medium_label = ?5, campaign_label = ?6,
                         term_label = ?7, content_label = ?8
                     WHERE page_view_id = ?1",
                )
                .map_err(sqlite("prepare the page fields write"))?
                .execute(params![
                    event.page_view_id,
                    labels[0],
                    labels[1],
                    labels[2],
                    labels[3],
                    labels[4],
                    labels[5],
                    labels[6]
                ])
                .map_err(sqlite("write the page fields"))?;
        }
        if let (true, Some(visitor_id)) = (change.takes_visitor, &event.visitor_id) {
            let key = self.visitor(visitor_id)?;
            self.transaction
                .prepare_cached("UPDATE page_views SET visitor_key = ?2 WHERE page_view_id = ?1")
                .map_err(sqlite("prepare the visitor link"))?
                .execute(params![event.page_view_id, key])
                .map_err(sqlite("link a visitor"))?;
        }
        Ok(())
    }

    /// Marks the page view a newly stored widget event names: a calculator
    /// used, or a lead (core's `page_view::calc_link`).
    pub fn link_calc_event(transaction: &Transaction<'_>, event: &Event) -> Result<(), StoreError> {
        let leads = match calc_link(event) {
            None => return Ok(()),
            Some(CalcLink::Used) => 0,
            Some(CalcLink::Lead) => 1,
        };
        transaction
            .prepare_cached(
                "INSERT INTO page_views (page_view_id, calc_used, leads) VALUES (?1, 1, ?2)
                 ON CONFLICT (page_view_id) DO UPDATE SET
                     calc_used = 1, leads = leads + excluded.leads",
            )
            .map_err(sqlite("prepare the calculator link"))?
            .execute(params![event.page_view_id, leads])
            .map_err(sqlite("link a calculator event"))?;
        Ok(())
    }

    /// Adds a lead worth `value` to the page view `page_view_id`. The leads
    /// route calls it in the transaction that stores the lead, once per
    /// lead stored now.
    pub fn record_lead(
        transaction: &Transaction<'_>,
        page_view_id: &str,
        value: f64,
    ) -> Result<(), StoreError> {
        let value = if value.is_finite() { value } else { 0.0 };
        transaction
            .prepare_cached(
                "INSERT INTO page_views (page_view_id, leads, lead_value) VALUES (?1, 1, ?2)
                 ON CONFLICT (page_view_id) DO UPDATE SET
                     leads = leads + 1, lead_value = lead_value + excluded.lead_value",
            )
            .map_err(sqlite("prepare the lead link"))?
            .execute(params![page_view_id, value])
            .map_err(sqlite("link a lead"))?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "page_store_test.rs"]
mod tests;
