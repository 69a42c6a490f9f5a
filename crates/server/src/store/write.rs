//! Storing a batch: each event with `INSERT OR IGNORE`, and, for the events
//! newly stored only, their instance rows, step and version sets, their
//! calculators' totals and the page view they name (`page_write`), all in the batch's one transaction, so the
//! aggregates always describe exactly the stored events.
//!
//! How an event changes an instance and the totals is the core's
//! (`engagement::aggregate::merge_event`); here are only the rows. Totals
//! are read once per calculator per batch and written once at its end.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use yardstick_core::engagement::aggregate::{merge_event, step_index, CalcTotals, InstanceFacts};
use yardstick_core::engagement::envelope::event_json;
use yardstick_core::engagement::event::Event;

use super::page_write::PageViews;
use super::{sqlite, StoreError};

/// Stores a batch in one transaction; returns how many events were new.
pub fn insert_batch(
    connection: &mut Connection,
    events: &[Event],
    received_at_ms: i64,
) -> Result<usize, StoreError> {
    let transaction = connection
        .transaction()
        .map_err(sqlite("begin a transaction"))?;
    let mut accepted = 0;
    {
        let mut aggregator = Aggregator::new(&transaction);
        let mut insert = transaction
            .prepare_cached(
                "INSERT OR IGNORE INTO events
                 (event_id, calc_id, name, occurred_at_ms, received_at_ms, event_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite("prepare the insert"))?;
        for event in events {
            let stored = insert
                .execute(params![
                    event.event_id,
                    event.calc_id,
                    event.name.as_str(),
                    event.occurred_at_ms,
                    received_at_ms,
                    event_json(event),
                ])
                .map_err(sqlite("insert an event"))?;
            // Only a newly stored event counts; a duplicate changes nothing.
            if stored == 1 {
                accepted += 1;
                aggregator.add(event)?;
                PageViews::link_calc_event(&transaction, event)?;
            }
        }
        aggregator.finish()?;
    }
    transaction.commit().map_err(sqlite("commit the batch"))?;
    Ok(accepted)
}

/// SQLite integers are signed; the core's counts are unsigned and far
/// below `i64::MAX` in practice (saturating if not).
fn to_sql(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Collects the aggregate changes of newly stored events within one
/// transaction.
pub struct Aggregator<'t> {
    transaction: &'t Transaction<'t>,
    /// Each calculator touched: its totals, or `None` when its stored row
    /// is unreadable (then it is left as it is, marked with an error).
    totals: HashMap<String, Option<CalcTotals>>,
    /// Instances newly reaching a step index, per calculator and index.
    new_steps: HashMap<(String, u32), u64>,
    /// Why calculators are unreadable, to record at the end.
    unreadable: Vec<(String, String)>,
    /// Each instance touched: its facts as stored and as merged so far;
    /// written once at the end when they differ.
    instances: HashMap<InstanceKey, (InstanceFacts, InstanceFacts)>,
    /// Each (calc_id, calc_version) seen, written once at the end.
    versions: HashSet<(String, String)>,
}

/// calc_id, page_view_id, instance_id.
type InstanceKey = (String, String, String);

impl<'t> Aggregator<'t> {
    pub fn new(transaction: &'t Transaction<'t>) -> Self {
        Aggregator {
            transaction,
            totals: HashMap::new(),
            new_steps: HashMap::new(),
            unreadable: Vec::new(),
            instances: HashMap::new(),
            versions: HashSet::new(),
        }
    }

    /// Merges a newly stored event into the aggregates.
    pub fn add(&mut self, event: &Event) -> Result<(), StoreError> {
        let calc_id = event.calc_id.as_str();
        if !self.totals.contains_key(calc_id) {
            let stored = self.load_totals(calc_id)?;
            if stored.is_none() {
                self.mark_unreadable(calc_id, "its stored totals are unreadable");
            }
            self.totals.insert(calc_id.to_string(), stored);
        }
        let key = (
            calc_id.to_string(),
            event.page_view_id.clone(),
            event.instance_id.clone(),
        );
        let before = match self.instances.get(&key) {
            Some(&(_, facts)) => facts,
            None => {
                let stored = self.load_instance(&key)?;
                self.instances.insert(key.clone(), (stored, stored));
                stored
            }
        };
        let mut scratch = CalcTotals::default();
        let totals = match self.totals.get_mut(calc_id) {
            Some(Some(totals)) => totals,
            // An unreadable totals row stays as it is; the instance rows
            // still follow the events.
            _ => &mut scratch,
        };
        let after = merge_event(totals, before, event);
        if let Some(entry) = self.instances.get_mut(&key) {
            entry.1 = after;
        }
        if let Some(index) = step_index(event) {
            let new = self
                .transaction
                .prepare_cached(
                    "INSERT OR IGNORE INTO instance_steps
                     (calc_id, page_view_id, instance_id, step_index) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sqlite("prepare the step write"))?
                .execute(params![
                    calc_id,
                    event.page_view_id,
                    event.instance_id,
                    index
                ])
                .map_err(sqlite("write a step"))?;
            if new == 1 {
                *self
                    .new_steps
                    .entry((calc_id.to_string(), index))
                    .or_default() += 1;
            }
        }
        self.versions
            .insert((calc_id.to_string(), event.calc_version.clone()));
        Ok(())
    }

    /// The stored facts of an instance (default when new).
    fn load_instance(&self, key: &InstanceKey) -> Result<InstanceFacts, StoreError> {
        Ok(self
            .transaction
            .prepare_cached(
                "SELECT reached, max_interaction_ms FROM instances
                 WHERE calc_id = ?1 AND page_view_id = ?2 AND instance_id = ?3",
            )
            .map_err(sqlite("prepare the instance read"))?
            .query_row(params![key.0, key.1, key.2], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
            .optional()
            .map_err(sqlite("read an instance"))?
            .map(|(reached, max_ms)| InstanceFacts {
                reached: u8::try_from(reached).unwrap_or_default(),
                max_interaction_ms: u64::try_from(max_ms).unwrap_or_default(),
            })
            .unwrap_or_default())
    }

    /// Records that `calc_id`'s figures cannot be trusted, and why.
    pub fn mark_unreadable(&mut self, calc_id: &str, reason: &str) {
        self.unreadable
            .push((calc_id.to_string(), reason.to_string()));
    }

    /// The stored totals of `calc_id` (zero when it has none yet), or
    /// `None` when the row cannot be read as totals.
    fn load_totals(&self, calc_id: &str) -> Result<Option<CalcTotals>, StoreError> {
        let row = self
            .transaction
            .prepare_cached(
                "SELECT events, views, starts, results, leads, lead_instances, engaged_views,
                     interaction_total_ms, first_occurred_at_ms, last_occurred_at_ms
                 FROM calc_totals WHERE calc_id = ?1",
            )
            .map_err(sqlite("prepare the totals read"))?
            .query_row([calc_id], |row| Ok(super::read::totals_from_row(row)))
            .optional()
            .map_err(sqlite("read the totals"))?;
        Ok(match row {
            None => Some(CalcTotals::default()),
            Some(Ok(totals)) => Some(totals),
            Some(Err(_)) => None,
        })
    }

    /// Writes the collected totals, step counts and errors.
    pub fn finish(self) -> Result<(), StoreError> {
        let mut write_instance = self
            .transaction
            .prepare_cached(
                "INSERT INTO instances (calc_id, page_view_id, instance_id, reached,
                     max_interaction_ms, started_interaction_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (calc_id, page_view_id, instance_id) DO UPDATE SET
                     reached = excluded.reached,
                     max_interaction_ms = excluded.max_interaction_ms,
                     started_interaction_ms = excluded.started_interaction_ms",
            )
            .map_err(sqlite("prepare the instance write"))?;
        for ((calc_id, page_view_id, instance_id), (stored, after)) in &self.instances {
            if stored == after {
                continue;
            }
            write_instance
                .execute(params![
                    calc_id,
                    page_view_id,
                    instance_id,
                    after.reached,
                    to_sql(after.max_interaction_ms),
                    after.started_interaction_ms().map(to_sql),
                ])
                .map_err(sqlite("write an instance"))?;
        }
        let mut write_version = self
            .transaction
            .prepare_cached(
                "INSERT OR IGNORE INTO calc_versions (calc_id, calc_version) VALUES (?1, ?2)",
            )
            .map_err(sqlite("prepare the version write"))?;
        for (calc_id, calc_version) in &self.versions {
            write_version
                .execute(params![calc_id, calc_version])
                .map_err(sqlite("write a version"))?;
        }
        let mut write = self
            .transaction
            .prepare_cached(
                "INSERT OR REPLACE INTO calc_totals (calc_id, events, views, starts, results,
                     leads, lead_instances, engaged_views, interaction_total_ms,
                     first_occurred_at_ms, last_occurred_at_ms, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                     (SELECT error FROM calc_totals WHERE calc_id = ?1))",
            )
            .map_err(sqlite("prepare the totals write"))?;
        for (calc_id, totals) in &self.totals {
            let Some(t) = totals else { continue };
            let (first, last) = t.occurred_at_ms_range.unzip();
            write
                .execute(params![
                    calc_id,
                    to_sql(t.events),
                    to_sql(t.views),
                    to_sql(t.starts),
                    to_sql(t.results),
                    to_sql(t.leads),
                    to_sql(t.lead_instances),
                    to_sql(t.engaged_views),
                    to_sql(t.interaction_total_ms),
                    first,
                    last,
                ])
                .map_err(sqlite("write the totals"))?;
        }
        let mut steps = self
            .transaction
            .prepare_cached(
                "INSERT INTO calc_steps (calc_id, step_index, instances) VALUES (?1, ?2, ?3)
                 ON CONFLICT (calc_id, step_index) DO UPDATE SET
                     instances = instances + excluded.instances",
            )
            .map_err(sqlite("prepare the steps write"))?;
        for ((calc_id, index), added) in &self.new_steps {
            steps
                .execute(params![calc_id, index, to_sql(*added)])
                .map_err(sqlite("write the steps"))?;
        }
        let mut mark = self
            .transaction
            .prepare_cached(
                "INSERT INTO calc_totals (calc_id, events, views, starts, results, leads,
                     lead_instances, engaged_views, interaction_total_ms, error)
                 VALUES (?1, 0, 0, 0, 0, 0, 0, 0, 0, ?2)
                 ON CONFLICT (calc_id) DO UPDATE SET error = COALESCE(error, excluded.error)",
            )
            .map_err(sqlite("prepare the error write"))?;
        for (calc_id, reason) in &self.unreadable {
            mark.execute(params![calc_id, reason])
                .map_err(sqlite("mark a calculator unreadable"))?;
        }
        Ok(())
    }
}
