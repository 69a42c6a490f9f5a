//! The event store: one SQLite database (a file, or `:memory:`) holding each
//! accepted event once, keyed by its `event_id`, and beside the events the
//! aggregates the metrics are read from (ARCHITECTURE.md, "The collector").
//!
//! - [`schema`]: the tables, the schema version and the migration from
//!   version 1 (events only), which backfills the aggregates.
//! - [`write`]: a batch in one transaction: `INSERT OR IGNORE` of each
//!   event, and only a newly stored event merges into its instance row and
//!   its calculator's totals (the rules are the core's
//!   `engagement::aggregate`), so a duplicate changes nothing.
//! - [`leads`]: the leads table (schema 3): one lead with its case per
//!   transaction, idempotent by `lead_id`; pages of leads newest first
//!   with the totals of all a filter selects.
//! - [`read`]: one calculator's metrics, or a page of them, from the
//!   aggregates: a few rows per calculator and two short index walks for
//!   the median and p75, never its events.
//!
//! - [`page_write`], [`funnel_read`], [`schema_pages`]: page events and
//!   the page-view rows kept as page and widget events arrive (schema
//!   version 4), and the Develop funnel read from them through the core.
//!
//! - [`cases`]: saved cases and their revisions (schema version 5): one
//!   revision per transaction, refused over a newer revision; lists and
//!   the histories the Evaluate pipeline is computed from.
//!
//! - [`success`]: the success data (schema version 7), one import per
//!   transaction of UPSERTs by the documented keys, and the versions of
//!   the team's success settings ([`success_settings`]).
//!
//! Concurrency: one writer connection behind a mutex; file databases use
//! WAL and a small pool of read-only connections, so a metrics query never
//! waits for the writer nor the writer for it. `:memory:` exists only in
//! its one connection, which then serves reads too. Every method blocks:
//! call them off the async runtime.

mod cases;
mod funnel_read;
pub mod journey;
mod leads;
mod page_write;
mod read;
mod schema;
mod schema_pages;
mod success;
mod success_account;
mod success_read;
mod success_settings;
mod success_stored;
mod success_tracking;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use cases::{CaseFilter, NewRevision, Revised, RevisionRow};
pub use leads::{LeadCursor, LeadFilter, LeadPage, LeadRow, NewLead, StoredLead};
pub use read::{CalcAnswer, MetricsPage, CALCS_PER_PAGE_MAX};
use schema::SCHEMA_VERSION;
pub use success::{AccountSummary, ImportCounts};
pub use success_settings::SettingsVersion;

/// How long a statement waits for another connection's lock (a checkpoint,
/// another process on the same file) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Idle read connections kept open; more are opened when more reads run at
/// once and closed after.
const IDLE_READERS_MAX: usize = 4;

/// Why the store failed.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite refused an operation.
    Sqlite {
        action: &'static str,
        source: rusqlite::Error,
    },
    /// The database's folder could not be created.
    CreateFolder {
        folder: PathBuf,
        source: std::io::Error,
    },
    /// The database was written by a newer schema than this program knows.
    NewerSchema { found: i64 },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite { action, source } => write!(f, "cannot {action}: {source}"),
            StoreError::CreateFolder { folder, source } => {
                write!(f, "cannot create {}: {source}", folder.display())
            }
            StoreError::NewerSchema { found } => write!(
                f,
                "the database has schema version {found}; this program knows {SCHEMA_VERSION}"
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source),
            StoreError::CreateFolder { source, .. } => Some(source),
            StoreError::NewerSchema { .. } => None,
        }
    }
}

fn sqlite(action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    move |source| StoreError::Sqlite { action, source }
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    /// Events stored now.
    pub accepted: usize,
    /// Events whose `event_id` was already stored (earlier, or earlier in the batch).
    pub duplicates: usize,
}

/// The event store; `Send + Sync`, every method blocking.
pub struct Store {
    writer: Mutex<Connection>,
    /// The file read connections open, or `None` for `:memory:`.
    readers_path: Option<PathBuf>,
    idle_readers: Mutex<Vec<Connection>>,
}

/// Nothing panics while holding these locks; if something ever did, the
/// connection is still consistent (SQLite rolls back open transactions).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Store {
    /// Opens (creating if missing) the database at `path`, or an in-memory
    /// one for `:memory:`; creates the file's folder if needed, and brings
    /// a version-1 database to the current schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let in_memory = path.as_os_str() == ":memory:";
        let mut connection = if in_memory {
            Connection::open_in_memory().map_err(sqlite("open an in-memory database"))?
        } else {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                    folder: folder.to_path_buf(),
                    source,
                })?;
            }
            Connection::open(path).map_err(sqlite("open the database"))?
        };
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite("set the busy timeout"))?;
        // WAL: readers never block the writer. An in-memory database
        // answers "memory", which is fine.
        let _mode: String = connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sqlite("switch to WAL"))?;
        connection
            .execute_batch("PRAGMA synchronous = NORMAL;")
            .map_err(sqlite("set synchronous"))?;
        schema::bring_up_to_date(&mut connection)?;
        Ok(Store {
            writer: Mutex::new(connection),
            readers_path: (!in_memory).then(|| path.to_path_buf()),
            idle_readers: Mutex::new(Vec::new()),
        })
    }

    /// Runs `read` on a pooled read connection (the writer's for
    /// `:memory:`), which goes back to the pool after.
    fn with_reader<T>(
        &self,
        read: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Some(path) = &self.readers_path else {
            return read(&mut lock(&self.writer));
        };
        let idle = lock(&self.idle_readers).pop();
        let mut connection = match idle {
            Some(connection) => connection,
            None => {
                let connection = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(sqlite("open a read connection"))?;
                connection
                    .busy_timeout(BUSY_TIMEOUT)
                    .map_err(sqlite("set the busy timeout"))?;
                connection
            }
        };
        let answer = read(&mut connection);
        let mut idle = lock(&self.idle_readers);
        if idle.len() < IDLE_READERS_MAX {
            idle.push(connection);
        }
        answer
    }

    /// Stores every event of a batch in one transaction, ignoring event ids
    /// already stored, and updates the aggregates of the new ones.
    /// `received_at_ms` is the server's clock.
    pub fn insert_batch(
        &self,
        events: &[yardstick_core::engagement::event::Event],
        received_at_ms: i64,
    ) -> Result<Stored, StoreError> {
        let mut connection = lock(&self.writer);
        let accepted = write::insert_batch(&mut connection, events, received_at_ms)?;
        Ok(Stored {
            accepted,
            duplicates: events.len().saturating_sub(accepted),
        })
    }

    /// Stores every page event of a batch in one transaction, ignoring
    /// event ids already stored, and updates their page views.
    pub fn insert_page_batch(
        &self,
        events: &[yardstick_core::engagement::page_event::PageEvent],
        received_at_ms: i64,
    ) -> Result<Stored, StoreError> {
        let mut connection = lock(&self.writer);
        let accepted = page_write::insert_page_batch(&mut connection, events, received_at_ms)?;
        Ok(Stored {
            accepted,
            duplicates: events.len().saturating_sub(accepted),
        })
    }

    /// The Develop funnel of `query`, and the label texts it names, read
    /// in one snapshot.
    pub fn funnel(
        &self,
        query: &yardstick_core::engagement::funnel::FunnelQuery,
    ) -> Result<
        (
            yardstick_core::engagement::funnel::Funnel,
            yardstick_core::engagement::funnel_report::Labels,
        ),
        StoreError,
    > {
        self.with_reader(|connection| funnel_read::funnel(connection, query))
    }

    /// The metrics of the calculator `calc_id` (zero without events), or why
    /// its stored aggregates cannot be read.
    pub fn metrics_of(&self, calc_id: &str) -> Result<CalcAnswer, StoreError> {
        let mut meter = read::Meter::default();
        self.metrics_of_metered(calc_id, &mut meter)
    }

    fn metrics_of_metered(
        &self,
        calc_id: &str,
        meter: &mut read::Meter,
    ) -> Result<CalcAnswer, StoreError> {
        self.with_reader(|connection| read::metrics_of(connection, calc_id, meter))
    }

    /// Up to `limit` calculators' metrics (or errors), by calc_id, after
    /// `after` (exclusive) when given.
    pub fn metrics_page(
        &self,
        after: Option<&str>,
        limit: usize,
    ) -> Result<MetricsPage, StoreError> {
        self.with_reader(|connection| {
            read::metrics_page(connection, after, limit, &mut read::Meter::default())
        })
    }

    /// Stores a lead with its case (or unverified), once per `lead_id`,
    /// in one transaction.
    pub fn insert_lead(&self, new: &NewLead<'_>) -> Result<StoredLead, StoreError> {
        leads::insert_lead(&mut lock(&self.writer), new)
    }

    /// Up to `limit` leads the filter selects, newest first, older than
    /// `cursor` when given, with the totals of all it selects.
    pub fn lead_page(
        &self,
        filter: &LeadFilter,
        cursor: Option<&LeadCursor>,
        limit: usize,
    ) -> Result<LeadPage, StoreError> {
        self.with_reader(|connection| leads::lead_page(connection, filter, cursor, limit))
    }

    /// Creates a case at revision 1 in one transaction; its id.
    pub fn create_case(&self, new: &NewRevision<'_>) -> Result<i64, StoreError> {
        cases::create_case(&mut lock(&self.writer), new)
    }

    /// Saves a case's next revision if `base_revision` is still its latest.
    pub fn revise_case(
        &self,
        case_id: i64,
        base_revision: i64,
        new: &NewRevision<'_>,
    ) -> Result<Revised, StoreError> {
        cases::revise_case(&mut lock(&self.writer), case_id, base_revision, new)
    }

    /// A case's revision `revision`, or its latest.
    pub fn case_revision(
        &self,
        case_id: i64,
        revision: Option<i64>,
    ) -> Result<Option<RevisionRow>, StoreError> {
        self.with_reader(|connection| cases::revision(connection, case_id, revision))
    }

    /// Every revision of a case, oldest first.
    pub fn case_revisions(&self, case_id: i64) -> Result<Vec<RevisionRow>, StoreError> {
        self.with_reader(|connection| cases::revisions(connection, case_id))
    }

    /// The latest revision of up to `limit` cases the filter selects (one
    /// more when more exist).
    pub fn cases(&self, filter: &CaseFilter, limit: usize) -> Result<Vec<RevisionRow>, StoreError> {
        self.with_reader(|connection| cases::list(connection, filter, limit))
    }

    /// The histories the pipeline is computed from, for one customer or all.
    pub fn case_histories(
        &self,
        customer_id: Option<&str>,
    ) -> Result<Vec<yardstick_core::cases::pipeline::CaseHistory>, StoreError> {
        self.with_reader(|connection| cases::histories(connection, customer_id, None))
    }

    /// One customer's case histories and the case `linked_case` (an
    /// account's link, whatever customer it names).
    pub fn customer_case_histories(
        &self,
        customer_id: &str,
        linked_case: Option<i64>,
    ) -> Result<Vec<yardstick_core::cases::pipeline::CaseHistory>, StoreError> {
        self.with_reader(|connection| cases::histories(connection, Some(customer_id), linked_case))
    }

    /// Leads whose e-mail may be at one of `domains` (the core applies the
    /// rule), at most `limit`.
    pub fn journey_leads(
        &self,
        domains: &[String],
        limit: usize,
    ) -> Result<Vec<yardstick_core::journey::develop::LeadFacts>, StoreError> {
        self.with_reader(|connection| journey::candidate_leads(connection, domains, limit))
    }

    /// The page views of `page_view_ids` and of their visitors, at most `limit`.
    pub fn journey_page_views(
        &self,
        page_view_ids: &[String],
        limit: usize,
    ) -> Result<Vec<yardstick_core::journey::develop::PageViewFacts>, StoreError> {
        self.with_reader(|connection| journey::page_views(connection, page_view_ids, limit))
    }

    /// One account's success rows as a document, and the latest signal or
    /// event date of all the data.
    pub fn success_account(
        &self,
        id: &str,
    ) -> Result<(yardstick_core::json::Node, Option<String>), StoreError> {
        self.with_reader(|connection| {
            let transaction = connection
                .transaction()
                .map_err(sqlite("begin a read transaction"))?;
            let document = success_account::account_document(&transaction, id)?;
            let latest = success_account::latest_date(&transaction)?;
            Ok((document, latest))
        })
    }

    /// Every known customer: success accounts and cases' customers.
    pub fn journey_customers(&self) -> Result<Vec<journey::Customer>, StoreError> {
        self.with_reader(|connection| journey::customers(connection))
    }

    /// Stores a checked success import in one transaction.
    pub fn import_success(
        &self,
        import: &yardstick_core::success::csv_rows::CsvImport,
    ) -> Result<ImportCounts, StoreError> {
        success::import(&mut lock(&self.writer), import)
    }

    /// Reads an import with `read` against the stored ids and the stored
    /// rows of the accounts and outcomes in `keys` (`KnownIds::with_stored`)
    /// and stores it, in one transaction: `Ok(Err(problems))` when `read`
    /// refuses it, nothing written.
    pub fn import_success_checked<P>(
        &self,
        keys: &yardstick_core::success::stored_keys::StoredKeys,
        read: impl FnOnce(
            &yardstick_core::success::data::KnownIds,
        ) -> Result<yardstick_core::success::csv_rows::CsvImport, P>,
    ) -> Result<Result<ImportCounts, P>, StoreError> {
        success_stored::import_checked(&mut lock(&self.writer), keys, read)
    }

    /// The stored success data as one `yardstick/success@1` document.
    pub fn success_document(&self) -> Result<yardstick_core::json::Node, StoreError> {
        self.with_reader(|connection| success::document(connection))
    }

    /// The stored account and outcome ids.
    pub fn success_ids(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        // The writer's view: an import checks against what it will join.
        success::known_ids(&lock(&self.writer))
    }

    /// Each stored success account's case link: `(account, id, revision)`.
    pub fn success_case_links(&self) -> Result<Vec<(String, u64, u64)>, StoreError> {
        success_tracking::case_links(&lock(&self.writer))
    }

    /// Whether any success data is stored.
    pub fn holds_success_data(&self) -> Result<bool, StoreError> {
        success::holds_data(&lock(&self.writer))
    }

    /// Every success account with its counts.
    pub fn success_accounts(&self) -> Result<Vec<AccountSummary>, StoreError> {
        self.with_reader(|connection| success::accounts(connection))
    }

    /// Saves checked settings as their next version; its number.
    pub fn save_success_settings(
        &self,
        settings_json: &str,
        saved_by: &str,
        saved_at_ms: i64,
    ) -> Result<i64, StoreError> {
        success_settings::save_settings(
            &mut lock(&self.writer),
            settings_json,
            saved_by,
            saved_at_ms,
        )
    }

    /// The current success settings, if saved.
    pub fn success_settings(&self) -> Result<Option<SettingsVersion>, StoreError> {
        self.with_reader(|connection| success_settings::current_settings(connection))
    }

    /// Every calculator with events, by id, with its number of events.
    pub fn calcs(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.with_reader(read::calcs)
    }
}

#[cfg(test)]
#[path = "store_test.rs"]
mod tests;
