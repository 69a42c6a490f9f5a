//! The event store: one SQLite database (a file, or `:memory:`) holding each
//! accepted event once, keyed by its `event_id`, as the canonical JSON the
//! core writes, beside the columns the queries need.
//!
//! Batches are stored in one transaction with `INSERT OR IGNORE`, so a
//! batch is stored whole or not at all and a resent event is a duplicate,
//! never a second row. It computes no metrics: it hands events back to the
//! core (`engagement::metrics`). File databases use WAL and a busy timeout.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{params, Connection};
use yardstick::engagement::envelope::{event_json, read_event};
use yardstick::engagement::event::Event;
use yardstick::model::json::node_from_json;

/// How long a write waits for another connection's lock (another process on
/// the same file) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The schema this code writes, kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    calc_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    event_json     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_calc ON events (calc_id);
";

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
    /// A stored row is no longer a valid event (edited by hand?).
    UnreadableEvent { event_id: String, reason: String },
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
            StoreError::UnreadableEvent { event_id, reason } => {
                write!(f, "stored event {event_id} is unreadable: {reason}")
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source),
            StoreError::CreateFolder { source, .. } => Some(source),
            _ => None,
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

/// The event store. One connection behind a mutex: statements are short
/// (bodies are read and validated before the lock is taken), and an
/// in-memory database exists only within its one connection.
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, or an in-memory
    /// one for `:memory:`; creates the file's folder if needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let connection = if path.as_os_str() == ":memory:" {
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
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(sqlite("read the schema version"))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found: version });
        }
        connection
            .execute_batch(SCHEMA)
            .map_err(sqlite("create the tables"))?;
        connection
            .execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))
            .map_err(sqlite("write the schema version"))?;
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // Nothing panics while holding the lock; if something ever did, the
        // connection is still consistent (SQLite rolls back open transactions).
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores every event of a batch in one transaction, ignoring event ids
    /// already stored. `received_at_ms` is the server's clock.
    pub fn insert_batch(
        &self,
        events: &[Event],
        received_at_ms: i64,
    ) -> Result<Stored, StoreError> {
        let mut connection = self.lock();
        let transaction = connection
            .transaction()
            .map_err(sqlite("begin a transaction"))?;
        let mut accepted = 0;
        {
            let mut insert = transaction
                .prepare_cached(
                    "INSERT OR IGNORE INTO events
                     (event_id, calc_id, name, occurred_at_ms, received_at_ms, event_json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sqlite("prepare the insert"))?;
            for event in events {
                accepted += insert
                    .execute(params![
                        event.event_id,
                        event.calc_id,
                        event.name.as_str(),
                        event.occurred_at_ms,
                        received_at_ms,
                        event_json(event),
                    ])
                    .map_err(sqlite("insert an event"))?;
            }
        }
        transaction.commit().map_err(sqlite("commit the batch"))?;
        Ok(Stored {
            accepted,
            duplicates: events.len() - accepted,
        })
    }

    /// Every stored event of the calculator `calc_id`, read back through the
    /// core's envelope reader.
    pub fn events_of(&self, calc_id: &str) -> Result<Vec<Event>, StoreError> {
        let rows: Vec<(String, String)> = {
            let connection = self.lock();
            let mut select = connection
                .prepare_cached("SELECT event_id, event_json FROM events WHERE calc_id = ?1")
                .map_err(sqlite("prepare the select"))?;
            let rows = select
                .query_map([calc_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(sqlite("read events"))?;
            rows.collect::<Result<_, _>>()
                .map_err(sqlite("read events"))?
        };
        rows.into_iter()
            .map(|(event_id, text)| {
                let unreadable = |reason: String| StoreError::UnreadableEvent {
                    event_id: event_id.clone(),
                    reason,
                };
                let node = node_from_json(&text).map_err(|e| unreadable(e.to_string()))?;
                read_event(&node, "").map_err(|e| unreadable(e.to_string()))
            })
            .collect()
    }

    /// Every calculator with events, by id, with its number of events.
    pub fn calcs(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let connection = self.lock();
        let mut select = connection
            .prepare_cached(
                "SELECT calc_id, COUNT(*) FROM events GROUP BY calc_id ORDER BY calc_id",
            )
            .map_err(sqlite("prepare the list"))?;
        let rows = select
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(sqlite("list calculators"))?;
        rows.collect::<Result<_, _>>()
            .map_err(sqlite("list calculators"))
    }
}
