//! kill -9 during ingest: client threads post batches of distinct events to
//! the real `yardstick-serve` on a file database, and a dashboard polls
//! every calculator's metrics, while the test SIGKILLs the server, eight
//! times at different moments, restarting it on the same file each time.
//! After each kill it checks, with the database file itself and through
//! the restarted server's API, that the database is intact, every
//! acknowledged event is stored exactly once, no batch is stored in part,
//! the metrics agree with the stored events, the dashboard never saw an
//! event that was then lost, and re-sending every batch stores nothing
//! twice. A second test kills the server while it migrates a version-1
//! database as it starts, and checks the next start migrates it whole.
//!
//! It never checks timing: how many events were acknowledged before each
//! kill only decides when the kill comes. It never sends to anything but
//! the server it started on 127.0.0.1, and every loop is bounded.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};
use yardstick_core::engagement::envelope::{event_json, read_event};
use yardstick_core::engagement::event::Event;
use yardstick_core::engagement::metrics::metrics;
use yardstick_core::json::canonical_json;
use yardstick_json_text::node_from_json;

mod support;
use support::{temp_folder, Server};

/// Client threads posting at once.
const CLIENTS: usize = 4;
/// Upper bound on the batches one client posts in one round (the kill
/// normally ends the round long before).
const BATCHES_PER_CLIENT_MAX: usize = 2_000;
/// Acknowledged events after which each round's kill comes: early (the
/// first WAL frames of a new file), then later and later, the last ones
/// after the WAL has passed SQLite's automatic checkpoint (1,000 pages) at
/// least once, so a kill can also meet a checkpoint.
const KILL_AFTER_ACKED_EVENTS: [usize; 8] = [150, 300, 600, 1_000, 1_500, 2_500, 4_000, 9_000];
/// And then this much later, so the kill falls at a different point of
/// whatever request is being handled.
const KILL_DELAY_US: [u64; 8] = [0, 1_700, 4_300, 900, 2_900, 300, 5_100, 2_200];
/// The calculators the events go to.
const CALC_IDS: [&str; 3] = ["crash-a", "crash-b", "crash-c"];
/// Upper bound on the dashboard's requests in one round.
const POLLS_MAX: usize = 100_000;
/// Batches in the version-1 database of the migration test (about 13,000
/// events: its migration takes a while, so the kills find it running).
const MIGRATED_BATCHES: usize = 1_000;
/// When the server is killed after its start, in that test.
const MIGRATION_KILL_AFTER_MS: [u64; 4] = [30, 100, 200, 400];
/// The version-1 schema (events only), as `store/schema.rs` recognizes it.
const SCHEMA_V1: &str = "
CREATE TABLE events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    calc_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    occurred_at_ms REAL NOT NULL,
    received_at_ms INTEGER NOT NULL,
    event_json     TEXT NOT NULL
);
CREATE INDEX events_by_calc ON events (calc_id);
PRAGMA user_version = 1;
";
/// No socket operation of a client waits longer than this.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// One batch as posted: its body, its events and what became of the post.
struct Sent {
    body: String,
    events: Vec<Value>,
    outcome: Outcome,
    /// The events as the core reads them, with the JSON the store must
    /// hold for each (filled after the round, off the clients' threads).
    read: Vec<(Event, String)>,
}

impl Sent {
    fn ids(&self) -> impl Iterator<Item = &str> {
        self.events.iter().map(|e| e["event_id"].as_str().unwrap())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// The server answered 200: every event must be stored.
    Acknowledged,
    /// The connection was open and the answer did not arrive whole: the
    /// kill came while the server had the request.
    Cut,
    /// No connection: the server was already gone.
    Refused,
}

/// The size of the file named `db` and `suffix` (`-wal`), 0 if absent.
fn file_bytes(db: &Path, suffix: &str) -> u64 {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    std::fs::metadata(name).map_or(0, |m| m.len())
}

/// The event `k` of batch `seq` of client `client` in round `round`: ids
/// never repeat; instances, page views and calculators do, across batches,
/// clients and rounds, so each batch changes aggregate rows that others
/// change too.
fn event(round: usize, client: usize, seq: usize, k: usize) -> Value {
    let n = ((round * 16 + client) * 4096 + seq) * 32 + k;
    let names = [
        "calc_view",
        "calc_start",
        "calc_step",
        "calc_engagement",
        "calc_result",
        "calc_engaged",
        "calc_lead",
    ];
    let name = names[(seq + k) % names.len()];
    let interaction_ms = ((n * 7_919) % 90_000) as u64;
    let mut event = json!({
        "event_id": format!("00000000-0000-4000-8000-{n:012x}"),
        "name": name,
        "sequence": (seq * 32 + k) % 1_000_000,
        "page_view_id": format!("00000000-0000-4000-9000-{:012x}", client * 8 + seq % 5),
        "instance_id": format!("w{}", k % 3),
        "calc_id": CALC_IDS[(seq + client) % CALC_IDS.len()],
        "calc_version": format!("1.{}.0", round),
        "occurred_at_ms": 1_700_000_000_000u64 + n as u64,
        "page_time_ms": 100 + k,
        "consent": "unknown",
        "totals": {
            "interaction_ms": interaction_ms,
            "in_view_ms": interaction_ms + 10,
            "active_page_ms": interaction_ms + 20,
            "wall_ms": interaction_ms + 30
        }
    });
    if name == "calc_step" {
        event["step"] = json!(format!("input-{}", k % 4));
        event["step_index"] = json!(k % 4);
    }
    event
}

/// Batch `seq` of a client: 1 to 25 events.
fn batch(round: usize, client: usize, seq: usize) -> Sent {
    let size = 1 + (seq * 7 + client * 3) % 25;
    let events: Vec<Value> = (0..size).map(|k| event(round, client, seq, k)).collect();
    let body = json!({ "schema": "yardstick/events@1", "events": events }).to_string();
    Sent {
        body,
        events,
        outcome: Outcome::Refused,
        read: Vec::new(),
    }
}

/// Sends `request_line` (`POST /collect`) with `body` on a new connection
/// and reads the answer; `Err((outcome, why))` when the connection fails
/// (`Refused`) or the answer is incomplete (`Cut`): the server was killed.
fn send(address: &str, request_line: &str, body: &str) -> Result<(u16, Value), (Outcome, String)> {
    let stream =
        TcpStream::connect(address).map_err(|e| (Outcome::Refused, format!("connect: {e}")))?;
    exchange(stream, address, request_line, body).map_err(|why| (Outcome::Cut, why))
}

/// Sends the request on `stream` and reads the whole answer.
fn exchange(
    mut stream: TcpStream,
    address: &str,
    request_line: &str,
    body: &str,
) -> Result<(u16, Value), String> {
    stream.set_read_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    let request = format!(
        "{request_line} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("incomplete head ({} bytes)", bytes.len()))?;
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("Content-Length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or_else(|| format!("no Content-Length in {head:?}"))?;
    if rest.len() < length {
        return Err(format!(
            "incomplete body ({} of {length} bytes)",
            rest.len()
        ));
    }
    let answer = serde_json::from_str(&rest[..length]).map_err(|e| format!("{e}: {rest}"))?;
    Ok((status, answer))
}

/// One client's round: posts its batches until the server stops answering
/// (it was killed) or the bound is reached. Any answer but the expected 200
/// fails the test.
fn client(address: &str, round: usize, client: usize, acked_events: &AtomicUsize) -> Vec<Sent> {
    let mut sent = Vec::new();
    for seq in 0..BATCHES_PER_CLIENT_MAX {
        let mut batch = batch(round, client, seq);
        let answer = send(address, "POST /collect", &batch.body);
        let done = match answer {
            Ok((200, answer)) => {
                let n = batch.events.len();
                assert_eq!(answer, json!({ "accepted": n, "duplicates": 0 }));
                batch.outcome = Outcome::Acknowledged;
                acked_events.fetch_add(n, Ordering::SeqCst);
                false
            }
            Ok((status, answer)) => panic!("client {client}: {status} {answer}"),
            // Refused, reset or cut short: the server is gone.
            Err((outcome, _)) => {
                batch.outcome = outcome;
                true
            }
        };
        sent.push(batch);
        if done {
            break;
        }
    }
    sent
}

/// Events per calculator, as the dashboard's request answers them.
type Counts = BTreeMap<String, u64>;

/// The dashboard meanwhile: reads every calculator's metrics without pause
/// until the server is gone (or the bound is reached), keeping the event
/// counts each answer gave.
fn dashboard(address: &str) -> Vec<Counts> {
    let mut seen = Vec::new();
    for _ in 0..POLLS_MAX {
        match send(address, "GET /api/engagement?metrics=all", "") {
            Ok((200, answer)) => seen.push(
                answer["calcs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| {
                        (
                            c["calc_id"].as_str().unwrap().into(),
                            c["events"].as_u64().unwrap(),
                        )
                    })
                    .collect(),
            ),
            Ok((status, answer)) => panic!("dashboard: {status} {answer}"),
            Err(_) => break,
        }
    }
    seen
}

/// What the database file holds, read with a connection of its own: the
/// integrity check's answer, the journal mode, and each event's stored JSON.
struct OnDisk {
    integrity: Vec<String>,
    journal_mode: String,
    events: HashMap<String, String>,
}

fn read_database(db: &Path) -> OnDisk {
    let connection = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let integrity = connection
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    let journal_mode = connection
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    let events = connection
        .prepare("SELECT event_id, event_json FROM events")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<HashMap<String, String>, _>>()
        .unwrap();
    OnDisk {
        integrity,
        journal_mode,
        events,
    }
}

/// Reads a batch's events with the core, once.
fn read_events(batch: &mut Sent) {
    batch.read = batch
        .events
        .iter()
        .map(|event| {
            let event = read_event(&node_from_json(&event.to_string()).unwrap(), "").unwrap();
            let json = event_json(&event);
            (event, json)
        })
        .collect();
}

/// Checks that the metrics the server answers for every calculator are the
/// core's metrics over `stored`, and that its list counts them.
fn check_metrics(server: &Server, stored: &[&Sent], when: &str) {
    let mut by_calc: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for (event, _) in stored.iter().flat_map(|batch| &batch.read) {
        by_calc
            .entry(event.calc_id.clone())
            .or_default()
            .push(event.clone());
    }
    for calc_id in CALC_IDS {
        let events = by_calc.get(calc_id).map_or(&[][..], Vec::as_slice);
        let expected = canonical_json(&metrics(events).to_node(calc_id));
        let answer = server.get(&format!("/api/engagement?calc_id={calc_id}"));
        assert_eq!(answer.status, 200, "{when}: {}", answer.text());
        assert_eq!(answer.text(), expected, "{when}: metrics of {calc_id}");
    }
    let list: Vec<Value> = by_calc
        .iter()
        .map(|(calc_id, events)| json!({ "calc_id": calc_id, "events": events.len() }))
        .collect();
    assert_eq!(
        server.get("/api/engagement").json(),
        json!({ "calcs": list }),
        "{when}: the list of calculators"
    );
}

/// Checks the database after a kill (the server restarted on it) against
/// what was sent; returns which batches are stored.
fn check_after_kill(db: &Path, all: &[Sent], round: usize) -> Vec<bool> {
    let disk = read_database(db);
    assert_eq!(disk.integrity, ["ok"], "round {round}: integrity_check");
    assert_eq!(disk.journal_mode, "wal", "round {round}");
    let mut known = 0;
    let mut stored = Vec::new();
    for (index, batch) in all.iter().enumerate() {
        let present = batch
            .ids()
            .filter(|id| disk.events.contains_key(*id))
            .count();
        assert!(
            present == 0 || present == batch.events.len(),
            "round {round}: batch {index} stored in part: {present} of {} events",
            batch.events.len()
        );
        assert!(
            batch.outcome != Outcome::Acknowledged || present == batch.events.len(),
            "round {round}: acknowledged batch {index} lost ({present} of {} events stored)",
            batch.events.len()
        );
        for (event, json) in &batch.read {
            if let Some(stored) = disk.events.get(&event.event_id) {
                assert_eq!(stored, json, "round {round}: stored row");
            }
        }
        known += present;
        stored.push(present > 0);
    }
    // Nothing else is stored (an event_id is its table's primary key, so
    // each is there once).
    assert_eq!(disk.events.len(), known, "round {round}: events never sent");
    stored
}

#[test]
fn kill_9_during_ingest_loses_no_acknowledged_event_and_keeps_the_database_intact() {
    let folder = temp_folder("crash");
    let db = folder.join("events.sqlite");
    let db_arg = db.to_str().unwrap().to_string();
    let start = || Server::start(&["--db", &db_arg]);
    let mut all: Vec<Sent> = Vec::new();
    let mut server = start();
    for (round, kill_after) in KILL_AFTER_ACKED_EVENTS.into_iter().enumerate() {
        let acked_events = Arc::new(AtomicUsize::new(0));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|id| {
                let address = server.address.clone();
                let acked_events = Arc::clone(&acked_events);
                thread::spawn(move || client(&address, round, id, &acked_events))
            })
            .collect();
        let address = server.address.clone();
        let dashboard = thread::spawn(move || dashboard(&address));
        let deadline = Instant::now() + Duration::from_secs(10);
        while acked_events.load(Ordering::SeqCst) < kill_after {
            assert!(
                Instant::now() < deadline,
                "round {round}: only {} events acknowledged in 10 s",
                acked_events.load(Ordering::SeqCst)
            );
            thread::sleep(Duration::from_micros(200));
        }
        thread::sleep(Duration::from_micros(KILL_DELAY_US[round]));
        // SIGKILL on Unix: no handler runs, nothing is flushed.
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        let first_of_round = all.len();
        for client in clients {
            all.extend(client.join().unwrap());
        }
        all[first_of_round..].iter_mut().for_each(read_events);
        let seen = dashboard.join().unwrap();

        server = start();
        let stored = check_after_kill(&db, &all, round);
        let this_round = &all[first_of_round..];
        let count = |outcome| this_round.iter().filter(|b| b.outcome == outcome).count();
        let cut = count(Outcome::Cut);
        let cut_but_stored = this_round
            .iter()
            .zip(&stored[first_of_round..])
            .filter(|(batch, &stored)| batch.outcome == Outcome::Cut && stored)
            .count();
        eprintln!(
            "round {round}: {} batches posted, {} acknowledged, {cut} cut by the kill \
             ({cut_but_stored} of them stored), {} refused; {} dashboard answers; \
             database {} B, WAL {} B",
            this_round.len(),
            count(Outcome::Acknowledged),
            count(Outcome::Refused),
            seen.len(),
            file_bytes(&db, ""),
            file_bytes(&db, "-wal"),
        );
        // Clients post without pause, so the kill finds requests in flight.
        assert!(
            cut > 0,
            "round {round}: no request was in flight at the kill"
        );
        let stored_batches: Vec<&Sent> = all
            .iter()
            .zip(&stored)
            .filter_map(|(batch, &stored)| stored.then_some(batch))
            .collect();
        check_metrics(
            &server,
            &stored_batches,
            &format!("round {round}, restarted"),
        );

        // The dashboard saw only committed events: never more than survived
        // the kill, and never fewer than it had seen before.
        let mut stored_counts = Counts::new();
        for (event, _) in stored_batches.iter().flat_map(|batch| &batch.read) {
            *stored_counts.entry(event.calc_id.clone()).or_default() += 1;
        }
        assert!(
            !seen.is_empty(),
            "round {round}: the dashboard got no answer"
        );
        for (before, after) in seen.iter().zip(seen.iter().skip(1)) {
            for (calc_id, &count) in before {
                assert!(
                    after.get(calc_id).is_some_and(|&later| later >= count),
                    "round {round}: the dashboard's count of {calc_id} went down"
                );
            }
        }
        for (calc_id, &count) in seen.last().unwrap() {
            let stored = stored_counts.get(calc_id).copied().unwrap_or(0);
            assert!(
                count <= stored,
                "round {round}: the dashboard saw {count} events of {calc_id}, {stored} are stored"
            );
        }

        // Every batch of the round again, as a client retrying would: only
        // what the kill kept from being stored is stored now.
        for (batch, &was_stored) in this_round.iter().zip(&stored[first_of_round..]) {
            let n = batch.events.len();
            let expected = if was_stored {
                json!({ "accepted": 0, "duplicates": n })
            } else {
                json!({ "accepted": n, "duplicates": 0 })
            };
            let answer = send(&server.address, "POST /collect", &batch.body).unwrap();
            assert_eq!(answer, (200, expected), "round {round}: resent");
        }
        let every_batch: Vec<&Sent> = all.iter().collect();
        check_metrics(&server, &every_batch, &format!("round {round}, resent"));
        let ids: BTreeSet<&str> = all.iter().flat_map(Sent::ids).collect();
        assert_eq!(read_database(&db).events.len(), ids.len(), "round {round}");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}

/// A version-1 database (events only, as an older `yardstick-serve` left
/// it) is migrated in one transaction when the server opens it; the server
/// is SIGKILLed at several moments of its start and must then start,
/// migrated, with every event and metrics equal to the core's.
#[test]
fn kill_9_during_the_migration_of_a_version_1_database_loses_nothing() {
    let folder = temp_folder("crash-migration");
    let db = folder.join("events.sqlite");
    let batches: Vec<Sent> = (0..MIGRATED_BATCHES)
        .map(|seq| {
            let mut batch = batch(15, seq % CLIENTS, seq);
            read_events(&mut batch);
            batch
        })
        .collect();
    let mut old = Connection::open(&db).unwrap();
    old.execute_batch(SCHEMA_V1).unwrap();
    let transaction = old.transaction().unwrap();
    for (event, json) in batches.iter().flat_map(|batch| &batch.read) {
        transaction
            .execute(
                "INSERT INTO events VALUES (?1, ?2, ?3, ?4, 0, ?5)",
                rusqlite::params![
                    event.event_id,
                    event.calc_id,
                    event.name.as_str(),
                    event.occurred_at_ms,
                    json
                ],
            )
            .unwrap();
    }
    transaction.commit().unwrap();
    drop(old);
    let db_arg = db.to_str().unwrap();
    for (attempt, kill_after_ms) in MIGRATION_KILL_AFTER_MS.into_iter().enumerate() {
        let mut child = std::process::Command::new(support::binary())
            .args(["--port", "0", "--max-lifetime-secs", "120", "--db", db_arg])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_millis(kill_after_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        // Frames in the WAL while the version is still 1: the kill came in
        // the middle of the migration's transaction.
        let wal_bytes = file_bytes(&db, "-wal");
        let disk = read_database(&db);
        assert_eq!(disk.integrity, ["ok"], "kill {attempt}");
        let ids: BTreeSet<&str> = batches.iter().flat_map(Sent::ids).collect();
        let stored: BTreeSet<&str> = disk.events.keys().map(String::as_str).collect();
        assert_eq!(stored, ids, "kill {attempt}: the events");
        eprintln!(
            "kill {attempt} after {kill_after_ms} ms: WAL {wal_bytes} B, schema version {}",
            Connection::open(&db)
                .unwrap()
                .query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))
                .unwrap()
        );
    }
    let server = Server::start(&["--db", db_arg]);
    let every_batch: Vec<&Sent> = batches.iter().collect();
    check_metrics(&server, &every_batch, "migrated after the kills");
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}
