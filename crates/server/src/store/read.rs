//! Reading metrics from the aggregates, in one read transaction (one
//! snapshot) per answer: a calculator's totals row, its step counts and
//! versions, and for the median and p75 two rows each from the
//! `instances_started` index (`LIMIT 2 OFFSET rank`). The core
//! (`engagement::aggregate::metrics_from_aggregates`) turns them into the
//! metrics; nothing here computes a figure.
//!
//! A calculator whose rows cannot be read (wrong types, a migration error)
//! is answered as unreadable on its own; only a failing database fails the
//! whole answer.

use rusqlite::{params, Connection, OptionalExtension, Row, StatementStatus, Transaction};
use yardstick_core::engagement::aggregate::{
    metrics_from_aggregates, quantile_ranks, CalcTotals, RankPair,
};
use yardstick_core::engagement::metrics::Metrics;

use super::{sqlite, StoreError};

/// The most calculators one page of metrics may hold.
pub const CALCS_PER_PAGE_MAX: usize = 1000;

/// One calculator's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CalcAnswer {
    Metrics(Metrics),
    /// Why its stored aggregates cannot be read.
    Unreadable(String),
}

/// A page of calculators, by calc_id.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsPage {
    pub calcs: Vec<(String, CalcAnswer)>,
    /// The last calc_id of this page when more follow: the next page's `after`.
    pub next_after: Option<String>,
}

/// SQLite virtual-machine steps the statements of an answer took: the
/// work a query does, counted the same on any machine (tests compare it
/// across database sizes instead of timing).
#[derive(Debug, Default)]
pub struct Meter {
    pub vm_steps: u64,
}

impl Meter {
    fn count(&mut self, statement: &rusqlite::Statement<'_>) {
        let steps = statement.reset_status(StatementStatus::VmStep);
        self.vm_steps = self
            .vm_steps
            .saturating_add(u64::try_from(steps).unwrap_or_default());
    }
}

/// Whether a failure is about one row's content (that calculator only)
/// rather than the database.
fn row_problem(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    )
}

/// Sorts a failure into "this calculator is unreadable" or a store error.
fn per_calc(action: &'static str) -> impl Fn(rusqlite::Error) -> Result<String, StoreError> {
    move |error| {
        if row_problem(&error) {
            Ok(format!("its stored aggregates are unreadable: {error}"))
        } else {
            Err(StoreError::Sqlite {
                action,
                source: error,
            })
        }
    }
}

fn count(row: &Row<'_>, column: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(column)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(column, value))
}

/// The totals in a row of `events, views, starts, results, leads,
/// lead_instances, engaged_views, interaction_total_ms,
/// first_occurred_at_ms, last_occurred_at_ms`.
pub fn totals_from_row(row: &Row<'_>) -> rusqlite::Result<CalcTotals> {
    let first: Option<f64> = row.get(8)?;
    let last: Option<f64> = row.get(9)?;
    Ok(CalcTotals {
        events: count(row, 0)?,
        views: count(row, 1)?,
        starts: count(row, 2)?,
        results: count(row, 3)?,
        leads: count(row, 4)?,
        lead_instances: count(row, 5)?,
        engaged_views: count(row, 6)?,
        interaction_total_ms: count(row, 7)?,
        occurred_at_ms_range: first.zip(last),
    })
}

/// One calculator's metrics, in its own read transaction.
pub fn metrics_of(
    connection: &mut Connection,
    calc_id: &str,
    meter: &mut Meter,
) -> Result<CalcAnswer, StoreError> {
    let transaction = connection.transaction().map_err(sqlite("begin a read"))?;
    let answer = calc_answer(&transaction, calc_id, meter)?;
    transaction.finish().map_err(sqlite("end a read"))?;
    Ok(answer)
}

/// Up to `limit` (at most [`CALCS_PER_PAGE_MAX`]) calculators after
/// `after`, by calc_id, in one read transaction.
pub fn metrics_page(
    connection: &mut Connection,
    after: Option<&str>,
    limit: usize,
    meter: &mut Meter,
) -> Result<MetricsPage, StoreError> {
    let limit = limit.clamp(1, CALCS_PER_PAGE_MAX);
    let transaction = connection.transaction().map_err(sqlite("begin a read"))?;
    let mut ids: Vec<String> = {
        let mut select = transaction
            .prepare_cached(
                "SELECT calc_id FROM calc_totals WHERE calc_id > ?1 ORDER BY calc_id LIMIT ?2",
            )
            .map_err(sqlite("prepare the page"))?;
        let ids = select
            .query_map(params![after.unwrap_or(""), to_sql_len(limit + 1)], |row| {
                row.get(0)
            })
            .map_err(sqlite("list calculators"))?
            .collect::<Result<_, _>>()
            .map_err(sqlite("list calculators"))?;
        meter.count(&select);
        ids
    };
    let next_after = if ids.len() > limit {
        ids.truncate(limit);
        ids.last().cloned()
    } else {
        None
    };
    let mut calcs = Vec::with_capacity(ids.len());
    for calc_id in ids {
        let answer = calc_answer(&transaction, &calc_id, meter)?;
        calcs.push((calc_id, answer));
    }
    transaction.finish().map_err(sqlite("end a read"))?;
    Ok(MetricsPage { calcs, next_after })
}

fn to_sql_len(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Every calculator with events, by id, with its number of events.
pub fn calcs(connection: &mut Connection) -> Result<Vec<(String, u64)>, StoreError> {
    let mut select = connection
        .prepare_cached("SELECT calc_id, events FROM calc_totals ORDER BY calc_id")
        .map_err(sqlite("prepare the list"))?;
    let rows = select
        .query_map([], |row| Ok((row.get(0)?, count(row, 1)?)))
        .map_err(sqlite("list calculators"))?;
    rows.collect::<Result<_, _>>()
        .map_err(sqlite("list calculators"))
}

fn calc_answer(
    transaction: &Transaction<'_>,
    calc_id: &str,
    meter: &mut Meter,
) -> Result<CalcAnswer, StoreError> {
    match read_aggregates(transaction, calc_id, meter) {
        Ok(answer) => Ok(answer),
        Err(error) => per_calc("read the aggregates")(error).map(CalcAnswer::Unreadable),
    }
}

fn read_aggregates(
    transaction: &Transaction<'_>,
    calc_id: &str,
    meter: &mut Meter,
) -> rusqlite::Result<CalcAnswer> {
    let mut select = transaction.prepare_cached(
        "SELECT events, views, starts, results, leads, lead_instances, engaged_views,
             interaction_total_ms, first_occurred_at_ms, last_occurred_at_ms, error
         FROM calc_totals WHERE calc_id = ?1",
    )?;
    let row = select
        .query_row([calc_id], |row| {
            let error: Option<String> = row.get(10)?;
            Ok((totals_from_row(row)?, error))
        })
        .optional()?;
    meter.count(&select);
    let totals = match row {
        None => CalcTotals::default(),
        Some((_, Some(error))) => return Ok(CalcAnswer::Unreadable(error)),
        Some((totals, None)) => totals,
    };

    let mut select = transaction.prepare_cached(
        "SELECT step_index, instances FROM calc_steps WHERE calc_id = ?1 ORDER BY step_index",
    )?;
    let steps = select
        .query_map([calc_id], |row| {
            let index: u32 = row.get(0)?;
            let instances = usize::try_from(count(row, 1)?).unwrap_or(usize::MAX);
            Ok((index, instances))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    meter.count(&select);

    let mut select = transaction.prepare_cached(
        "SELECT calc_version FROM calc_versions WHERE calc_id = ?1 ORDER BY calc_version",
    )?;
    let versions = select
        .query_map([calc_id], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    meter.count(&select);

    let mut select = transaction.prepare_cached(
        "SELECT started_interaction_ms FROM instances
         WHERE calc_id = ?1 AND started_interaction_ms IS NOT NULL
         ORDER BY started_interaction_ms LIMIT 2 OFFSET ?2",
    )?;
    let mut pairs = Vec::new();
    for rank in quantile_ranks(totals.starts) {
        let values = select
            .query_map(
                params![calc_id, i64::try_from(rank).unwrap_or(i64::MAX)],
                |row| count(row, 0),
            )?
            .collect::<rusqlite::Result<Vec<u64>>>()?;
        meter.count(&select);
        let mut values = values.into_iter();
        let Some(below_ms) = values.next() else {
            return Ok(CalcAnswer::Unreadable(
                "fewer started instances stored than counted".to_string(),
            ));
        };
        pairs.push(RankPair {
            below_ms,
            above_ms: values.next().unwrap_or(below_ms),
        });
    }
    Ok(
        match metrics_from_aggregates(&totals, steps, versions, &pairs) {
            Ok(metrics) => CalcAnswer::Metrics(metrics),
            Err(error) => CalcAnswer::Unreadable(error.0),
        },
    )
}
