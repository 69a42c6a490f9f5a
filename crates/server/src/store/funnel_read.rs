//! Reading the Develop funnel: the page views of a day range from the
//! covering index `page_views_by_day` (never the events), handed to the
//! core's `engagement::funnel`, then the texts of the labels its
//! breakdowns show, all in one read transaction so rows and labels agree.

use rusqlite::Connection;
use yardstick_core::engagement::funnel::{Funnel, FunnelQuery, LeadCurrency, PageViewRow};
use yardstick_core::engagement::funnel_count::compute_funnel;
use yardstick_core::engagement::funnel_report::{label_keys, Labels};

use super::{sqlite, StoreError};

fn to_count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

/// The funnel of `query` and the labels it names.
pub fn funnel(
    connection: &mut Connection,
    query: &FunnelQuery,
) -> Result<(Funnel, Labels), StoreError> {
    let snapshot = connection
        .transaction()
        .map_err(sqlite("begin the funnel read"))?;
    let rows = page_view_rows(&snapshot, query.from_day, query.to_day)?;
    let funnel = compute_funnel(query, &rows);
    let labels = labels(&snapshot, &label_keys(&funnel))?;
    Ok((funnel, labels))
}

/// The page views of days `from_day` to `to_day` (UTC days since
/// 1970-01-01). A page view without a visitor id is its own visitor,
/// keyed by its negated row key (visitor keys are positive). `leads` is 1
/// for a page view with leads (the funnel asks only whether it has any).
/// A page view's lead currency comes from its valued leads (the
/// `leads_by_page_view` index, read only for page views with leads): one
/// code, or `*` for several (or some valued leads with one and some
/// without); none when no valued lead names one.
pub fn page_view_rows(
    connection: &Connection,
    from_day: i64,
    to_day: i64,
) -> Result<Vec<PageViewRow>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT day, COALESCE(visitor_key, -page_view_key), path_label, referrer_label,
                 campaign_label, max_engaged_ms, downloads, video_plays, outbound_clicks,
                 calc_used | ((leads > 0) << 1) | (returning_visit << 2), lead_value,
                 CASE WHEN leads > 0 THEN (
                     SELECT CASE WHEN COUNT(DISTINCT currency) > 1
                                   OR (COUNT(currency) > 0 AND COUNT(*) > COUNT(currency))
                                 THEN '*' ELSE MAX(currency) END
                     FROM leads INDEXED BY leads_by_page_view
                     WHERE leads.page_view_id = page_views.page_view_id AND value IS NOT NULL
                 ) END
             FROM page_views INDEXED BY page_views_by_day
             WHERE day IS NOT NULL AND day BETWEEN ?1 AND ?2",
        )
        .map_err(sqlite("prepare the page views read"))?;
    let rows = statement
        .query_map([from_day, to_day], |row| {
            Ok(PageViewRow {
                day: row.get(0)?,
                visitor: row.get(1)?,
                path: row.get(2)?,
                referrer: row.get(3)?,
                campaign: row.get(4)?,
                max_engaged_ms: to_count(row.get(5)?),
                downloads: to_count(row.get(6)?),
                video_plays: to_count(row.get(7)?),
                outbound_clicks: to_count(row.get(8)?),
                // Three flags in one column: fewer values per row to fetch
                // (SQLite gives | and << the same precedence: hence the
                // parentheses).
                calc_used: row.get::<_, i64>(9)? & 1 != 0,
                leads: u64::from(row.get::<_, i64>(9)? & 2 != 0),
                returning: row.get::<_, i64>(9)? & 4 != 0,
                lead_value: row.get(10)?,
                lead_currency: match row.get::<_, Option<String>>(11)? {
                    None => LeadCurrency::None,
                    Some(code) => LeadCurrency::from_code(&code),
                },
            })
        })
        .map_err(sqlite("read the page views"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(sqlite("read a page view"))
}

/// The texts of the label keys `keys`.
fn labels(connection: &Connection, keys: &[i64]) -> Result<Labels, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT text FROM page_labels WHERE label_key = ?1")
        .map_err(sqlite("prepare the label read"))?;
    let mut pairs = Vec::with_capacity(keys.len());
    for key in keys {
        let text: String = statement
            .query_row([key], |row| row.get(0))
            .map_err(sqlite("read a label"))?;
        pairs.push((*key, text));
    }
    Ok(Labels::new(pairs))
}
