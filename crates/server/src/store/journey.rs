//! The rows one customer's journey reads (docs/journey.md): candidate
//! leads by e-mail domain, the page views of those leads and of their
//! visitors with their calculators' interaction time, and the list of
//! known customers. Plain reads; the rules are the core's
//! (`journey::develop`).

use rusqlite::{params_from_iter, Connection};
use yardstick_core::journey::develop::{LeadFacts, PageViewFacts};

use super::{sqlite, StoreError};

/// A customer the journey page can pick.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// The account id or the cases' `customer.id`.
    pub id: String,
    /// The account's name, else the latest case's customer name.
    pub name: String,
    /// A success account with this id is stored.
    pub account: bool,
    /// Cases whose customer is this id.
    pub cases: u64,
}

/// Leads whose e-mail ends in `@domain` or `.domain` for one of
/// `domains` (SQLite's LIKE ignores ASCII case; the domains hold no
/// wildcard: `a-z 0-9 . -`), each once, at most `limit` (one more tells
/// the caller there are more).
pub fn candidate_leads(
    connection: &Connection,
    domains: &[String],
    limit: usize,
) -> Result<Vec<LeadFacts>, StoreError> {
    let mut statement = connection
        .prepare(
            "SELECT lead_id, calc_id, page_view_id, received_at_ms, email, company, value, currency
             FROM leads WHERE email LIKE ?1 OR email LIKE ?2 ORDER BY lead_id LIMIT ?3",
        )
        .map_err(sqlite("prepare the journey's leads"))?;
    let mut found: Vec<LeadFacts> = Vec::new();
    let bound = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
    for domain in domains {
        let rows = statement
            .query_map(
                rusqlite::params![format!("%@{domain}"), format!("%.{domain}"), bound],
                |row| {
                    Ok(LeadFacts {
                        lead_id: row.get(0)?,
                        calc_id: row.get(1)?,
                        page_view_id: row.get(2)?,
                        received_at_ms: row.get(3)?,
                        email: row.get(4)?,
                        company: row.get(5)?,
                        value: row.get(6)?,
                        currency: row.get(7)?,
                    })
                },
            )
            .map_err(sqlite("read the journey's leads"))?;
        for row in rows {
            let lead = row.map_err(sqlite("read a lead"))?;
            if !found.iter().any(|known| known.lead_id == lead.lead_id) {
                found.push(lead);
            }
            if found.len() > limit {
                return Ok(found);
            }
        }
    }
    Ok(found)
}

/// How many ids go into one `IN (...)` list.
const IDS_PER_QUERY: usize = 500;

/// The page views named in `page_view_ids` and every page view of the
/// visitors they carry, each once, with the sum of their widget
/// instances' largest interaction totals; at most `limit` (one more tells
/// the caller there are more).
pub fn page_views(
    connection: &Connection,
    page_view_ids: &[String],
    limit: usize,
) -> Result<Vec<PageViewFacts>, StoreError> {
    let mut visitor_keys: Vec<i64> = Vec::new();
    for chunk in page_view_ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT DISTINCT visitor_key FROM page_views
             WHERE visitor_key IS NOT NULL AND page_view_id IN ({})",
            placeholders(chunk.len())
        );
        let mut statement = connection
            .prepare(&sql)
            .map_err(sqlite("prepare the journey's visitors"))?;
        let keys = statement
            .query_map(params_from_iter(chunk.iter()), |row| row.get::<_, i64>(0))
            .map_err(sqlite("read the journey's visitors"))?;
        for key in keys {
            visitor_keys.push(key.map_err(sqlite("read a visitor"))?);
        }
    }
    visitor_keys.sort_unstable();
    visitor_keys.dedup();
    let select = "SELECT pv.page_view_id, v.visitor_id, pv.day IS NOT NULL, pv.max_engaged_ms,
            pv.downloads, pv.video_plays, pv.returning_visit,
            (SELECT COALESCE(SUM(i.max_interaction_ms), 0) FROM instances i
             WHERE i.page_view_id = pv.page_view_id)
        FROM page_views pv LEFT JOIN page_visitors v ON v.visitor_key = pv.visitor_key";
    let mut found: Vec<PageViewFacts> = Vec::new();
    let mut read = |sql: String, values: Vec<rusqlite::types::Value>| -> Result<bool, StoreError> {
        let mut statement = connection
            .prepare(&sql)
            .map_err(sqlite("prepare the journey's page views"))?;
        let rows = statement
            .query_map(params_from_iter(values.iter()), |row| {
                let count = |at| row.get::<_, i64>(at).map(|n| u64::try_from(n).unwrap_or(0));
                Ok(PageViewFacts {
                    page_view_id: row.get(0)?,
                    visitor_id: row.get(1)?,
                    visited: row.get(2)?,
                    engaged_ms: count(3)?,
                    downloads: count(4)?,
                    video_plays: count(5)?,
                    returning: row.get::<_, i64>(6)? != 0,
                    calc_interaction_ms: count(7)?,
                })
            })
            .map_err(sqlite("read the journey's page views"))?;
        for row in rows {
            let view = row.map_err(sqlite("read a page view"))?;
            if !found
                .iter()
                .any(|known| known.page_view_id == view.page_view_id)
            {
                found.push(view);
            }
            if found.len() > limit {
                return Ok(false);
            }
        }
        Ok(true)
    };
    for chunk in visitor_keys.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "{select} WHERE pv.visitor_key IN ({})",
            placeholders(chunk.len())
        );
        let values = chunk
            .iter()
            .map(|k| rusqlite::types::Value::Integer(*k))
            .collect();
        if !read(sql, values)? {
            return Ok(found);
        }
    }
    for chunk in page_view_ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "{select} WHERE pv.page_view_id IN ({})",
            placeholders(chunk.len())
        );
        let values = chunk
            .iter()
            .map(|id| rusqlite::types::Value::Text(id.clone()))
            .collect();
        if !read(sql, values)? {
            return Ok(found);
        }
    }
    Ok(found)
}

fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

/// Every success account and every cases' customer, by id: an account's
/// name wins, else the customer name of the customer's latest saved case.
pub fn customers(connection: &Connection) -> Result<Vec<Customer>, StoreError> {
    let mut found: Vec<Customer> = Vec::new();
    let mut accounts = connection
        .prepare("SELECT id, json_extract(row_json, '$.name') FROM success_accounts ORDER BY id")
        .map_err(sqlite("prepare the customers"))?;
    let rows = accounts
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .map_err(sqlite("read the customers"))?;
    for row in rows {
        let (id, name) = row.map_err(sqlite("read an account"))?;
        found.push(Customer {
            name: name.unwrap_or_else(|| id.clone()),
            id,
            account: true,
            cases: 0,
        });
    }
    // Latest revisions, most recently saved last, so the last name seen wins.
    let mut cases = connection
        .prepare(
            "SELECT c.customer_id, r.customer_name FROM cases c
             JOIN case_revisions r ON r.case_id = c.case_id AND r.revision = c.revision
             ORDER BY r.saved_at_ms, c.case_id",
        )
        .map_err(sqlite("prepare the cases' customers"))?;
    let rows = cases
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(sqlite("read the cases' customers"))?;
    for row in rows {
        let (id, name) = row.map_err(sqlite("read a case's customer"))?;
        match found.iter_mut().find(|customer| customer.id == id) {
            Some(customer) => {
                customer.cases += 1;
                if !customer.account {
                    customer.name = name;
                }
            }
            None => found.push(Customer {
                id,
                name,
                account: false,
                cases: 1,
            }),
        }
    }
    found.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(found)
}
