//! The `leads` table (schema version 3, docs/leads.md): storing one lead
//! with its case in one transaction, idempotent by `lead_id`, and reading
//! a page of leads newest first with the totals of everything the filter
//! selects, in one read transaction (one snapshot), so the page and its
//! totals always agree.
//!
//! The rows are what the core made of the lead (`leads::read`,
//! `leads::case`); the totals are the core's `leads::totals`. Nothing here
//! checks or computes a figure.

use rusqlite::{params, Connection, Row};
use yardstick_core::json::canonical_json;
use yardstick_core::leads::case::{entered_node, outputs_node, receipt_node, LeadCase};
use yardstick_core::leads::read::Lead;
use yardstick_core::leads::totals::LeadTotals;

use super::{sqlite, StoreError};

/// A lead to store and what the server made of it.
pub struct NewLead<'a> {
    pub lead: &'a Lead,
    /// The case under the served model; `None` when this server does not
    /// serve the lead's model (the lead is stored unverified).
    pub case: Option<&'a LeadCase>,
    /// The model's currency, for a verified lead.
    pub currency: Option<&'a str>,
    /// The server's clock when the lead arrived.
    pub received_at_ms: i64,
}

/// What storing a lead did.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLead {
    /// The `lead_id` was stored before (a retry); nothing changed.
    pub duplicate: bool,
    /// Whether the stored lead's case was computed by this server.
    pub verified: bool,
    /// The stored lead's value.
    pub value: Option<f64>,
}

/// Which leads a list or an export selects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadFilter {
    pub calc_id: Option<String>,
    /// Received at or after this time (epoch ms).
    pub from_ms: Option<i64>,
    /// Received before this time (epoch ms, exclusive).
    pub before_ms: Option<i64>,
}

/// Where a page ends: the next page holds leads strictly older.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadCursor {
    pub received_at_ms: i64,
    pub lead_id: String,
}

/// One stored lead, as its columns hold it (JSON columns as text).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRow {
    pub lead_id: String,
    pub calc_id: String,
    pub calc_version: String,
    pub model_path: Option<String>,
    pub page_view_id: String,
    pub instance_id: String,
    pub occurred_at_ms: f64,
    pub received_at_ms: i64,
    pub page_path: String,
    pub name: String,
    pub email: String,
    pub company: String,
    pub privacy_url: Option<String>,
    pub inputs_json: String,
    pub entered_json: String,
    pub scenario: Option<String>,
    pub currency: Option<String>,
    pub value_output: Option<String>,
    pub outputs_json: Option<String>,
    pub value: Option<f64>,
    pub receipt_hash: Option<String>,
    pub verified: bool,
}

/// A page of leads, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadPage {
    pub leads: Vec<LeadRow>,
    /// Set when older leads match the filter.
    pub next: Option<LeadCursor>,
    /// Count and value per calculator over every lead the filter selects
    /// (not only this page).
    pub totals: LeadTotals,
}

/// Stores `new` in one transaction unless its `lead_id` is stored already.
pub fn insert_lead(
    connection: &mut Connection,
    new: &NewLead<'_>,
) -> Result<StoredLead, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a transaction"))?;
    let lead = new.lead;
    let case = new.case;
    let entered = match case {
        Some(case) => entered_node(case),
        None => lead.entered_node(),
    };
    let inserted = transaction
        .execute(
            "INSERT OR IGNORE INTO leads (
                lead_id, calc_id, calc_version, model_path, page_view_id, instance_id,
                occurred_at_ms, received_at_ms, page_path, name, email, company,
                privacy_url, inputs_json, entered_json, scenario, currency,
                value_output, outputs_json, value, receipt_hash, receipt_json, verified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                     ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            params![
                lead.lead_id,
                lead.calc_id,
                lead.calc_version,
                lead.model_path,
                lead.page_view_id,
                lead.instance_id,
                lead.occurred_at_ms,
                new.received_at_ms,
                lead.page_path,
                lead.contact.name,
                lead.contact.email,
                lead.contact.company,
                lead.privacy_url,
                canonical_json(&lead.inputs_node()),
                canonical_json(&entered),
                lead.scenario,
                new.currency,
                case.and_then(|c| c.value_output.clone()),
                case.map(|c| canonical_json(&outputs_node(c))),
                case.and_then(|c| c.value),
                case.map(|c| c.receipt.hash_sha256.clone()),
                case.map(|c| canonical_json(&receipt_node(&c.receipt))),
                case.is_some(),
            ],
        )
        .map_err(sqlite("insert a lead"))?;
    let stored = if inserted == 1 {
        // The Develop funnel's page view gains the lead and its value, in
        // the same transaction (a retried lead adds nothing).
        super::page_write::PageViews::record_lead(
            &transaction,
            &lead.page_view_id,
            case.and_then(|c| c.value).unwrap_or(0.0),
        )?;
        StoredLead {
            duplicate: false,
            verified: case.is_some(),
            value: case.and_then(|c| c.value),
        }
    } else {
        let (verified, value) = transaction
            .query_row(
                "SELECT verified, value FROM leads WHERE lead_id = ?1",
                params![lead.lead_id],
                |row| Ok((row.get::<_, bool>(0)?, row.get::<_, Option<f64>>(1)?)),
            )
            .map_err(sqlite("read a stored lead"))?;
        StoredLead {
            duplicate: true,
            verified,
            value,
        }
    };
    transaction.commit().map_err(sqlite("commit the lead"))?;
    Ok(stored)
}

/// The filter's conditions; parameters ?1 calc_id, ?2 from, ?3 before.
const FILTER: &str = "(?1 IS NULL OR calc_id = ?1)
    AND (?2 IS NULL OR received_at_ms >= ?2)
    AND (?3 IS NULL OR received_at_ms < ?3)";

/// Up to `limit` leads the filter selects, older than `cursor` when given,
/// newest first, with the totals of all it selects.
pub fn lead_page(
    connection: &mut Connection,
    filter: &LeadFilter,
    cursor: Option<&LeadCursor>,
    limit: usize,
) -> Result<LeadPage, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a read transaction"))?;
    let mut page = LeadPage::default();
    {
        let mut select = transaction
            .prepare(&format!(
                "SELECT lead_id, calc_id, calc_version, model_path, page_view_id, instance_id,
                        occurred_at_ms, received_at_ms, page_path, name, email, company,
                        privacy_url, inputs_json, entered_json, scenario, currency,
                        value_output, outputs_json, value, receipt_hash, verified
                 FROM leads
                 WHERE {FILTER}
                   AND (?4 IS NULL OR received_at_ms < ?4
                        OR (received_at_ms = ?4 AND lead_id < ?5))
                 ORDER BY received_at_ms DESC, lead_id DESC
                 LIMIT ?6"
            ))
            .map_err(sqlite("prepare the leads query"))?;
        // One more than asked: whether another page follows.
        let fetch = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
        let mut rows = select
            .query(params![
                filter.calc_id,
                filter.from_ms,
                filter.before_ms,
                cursor.map(|c| c.received_at_ms),
                cursor.map(|c| c.lead_id.as_str()),
                fetch,
            ])
            .map_err(sqlite("read the leads"))?;
        while let Some(row) = rows.next().map_err(sqlite("read the leads"))? {
            if page.leads.len() == limit {
                page.next = page.leads.last().map(|last| LeadCursor {
                    received_at_ms: last.received_at_ms,
                    lead_id: last.lead_id.clone(),
                });
                break;
            }
            page.leads
                .push(lead_row(row).map_err(sqlite("read a lead"))?);
        }
        let mut totals = transaction
            .prepare(&format!(
                "SELECT calc_id, value, currency FROM leads WHERE {FILTER}"
            ))
            .map_err(sqlite("prepare the totals query"))?;
        let mut rows = totals
            .query(params![filter.calc_id, filter.from_ms, filter.before_ms])
            .map_err(sqlite("read the totals"))?;
        while let Some(row) = rows.next().map_err(sqlite("read the totals"))? {
            let calc_id: String = row.get(0).map_err(sqlite("read the totals"))?;
            let value: Option<f64> = row.get(1).map_err(sqlite("read the totals"))?;
            let currency: Option<String> = row.get(2).map_err(sqlite("read the totals"))?;
            page.totals.add(&calc_id, value, currency.as_deref());
        }
    }
    transaction.commit().map_err(sqlite("end the read"))?;
    Ok(page)
}

fn lead_row(row: &Row<'_>) -> rusqlite::Result<LeadRow> {
    Ok(LeadRow {
        lead_id: row.get(0)?,
        calc_id: row.get(1)?,
        calc_version: row.get(2)?,
        model_path: row.get(3)?,
        page_view_id: row.get(4)?,
        instance_id: row.get(5)?,
        occurred_at_ms: row.get(6)?,
        received_at_ms: row.get(7)?,
        page_path: row.get(8)?,
        name: row.get(9)?,
        email: row.get(10)?,
        company: row.get(11)?,
        privacy_url: row.get(12)?,
        inputs_json: row.get(13)?,
        entered_json: row.get(14)?,
        scenario: row.get(15)?,
        currency: row.get(16)?,
        value_output: row.get(17)?,
        outputs_json: row.get(18)?,
        value: row.get(19)?,
        receipt_hash: row.get(20)?,
        verified: row.get(21)?,
    })
}
