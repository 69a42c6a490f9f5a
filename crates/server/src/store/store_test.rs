//! Tests of the store against the core: the metrics read from the
//! aggregates equal `engagement::metrics::metrics` over the same events
//! (random sets with duplicates, reordering and batch splits; a migrated
//! version-1 file; a million events), one unreadable calculator fails only
//! itself, and the work of a metrics query does not grow with the events.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;
use rusqlite::{params, Connection};
use yardstick_core::engagement::envelope::event_json;
use yardstick_core::engagement::event::{Consent, Event, EventName, Step, Totals};
use yardstick_core::engagement::metrics::{metrics, Metrics};

use super::read::Meter;
use super::schema::SCHEMA_V1;
use super::*;

/// A database file that is removed (with its WAL files) when dropped.
struct TempDb(PathBuf);

impl TempDb {
    fn new(label: &str) -> TempDb {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "yardstick-store-{label}-{}-{n}.db",
            std::process::id()
        ));
        let db = TempDb(path);
        db.remove();
        db
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

fn event(id: u64, calc: &str, instance: u32, name: EventName, interaction_ms: u64) -> Event {
    Event {
        event_id: format!("00000000-0000-4000-8000-{id:012x}"),
        name,
        sequence: (id % 1_000) as u32,
        page_view_id: format!("{:08x}-0000-4000-8000-000000000000", instance / 2),
        instance_id: format!("w{}", instance % 2),
        calc_id: calc.to_string(),
        calc_version: format!("1.{}.0", id % 2),
        occurred_at_ms: 1.7e12 + (id % 1_013) as f64 * 7.25,
        page_time_ms: 0.0,
        consent: Consent::Unknown,
        visitor_id: None,
        totals: Totals {
            interaction_ms,
            in_view_ms: interaction_ms,
            active_page_ms: interaction_ms,
            wall_ms: interaction_ms,
        },
        step: (name == EventName::Step).then(|| Step {
            input_id: "rate".into(),
            index: (id % 3) as u32 + 1,
        }),
        scenario: None,
    }
}

fn metrics_of(store: &Store, calc_id: &str) -> Metrics {
    match store.metrics_of(calc_id) {
        Ok(CalcAnswer::Metrics(metrics)) => metrics,
        other => panic!("{calc_id}: {other:?}"),
    }
}

fn of_calc(events: &[Event], calc_id: &str) -> Vec<Event> {
    events
        .iter()
        .filter(|e| e.calc_id == calc_id)
        .cloned()
        .collect()
}

fn random_events() -> impl Strategy<Value = Vec<Event>> {
    let one = (
        0usize..3,
        0u32..10,
        proptest::sample::select(EventName::ALL.to_vec()),
        0u64..50_000,
    );
    proptest::collection::vec(one, 0..80).prop_map(|drawn| {
        drawn
            .into_iter()
            .enumerate()
            .map(|(i, (calc, instance, name, ms))| {
                event(i as u64, ["a", "b", "c"][calc], instance, name, ms)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn stored_aggregates_equal_the_core_metrics(
        all in random_events(),
        resend in proptest::collection::vec(any::<proptest::sample::Index>(), 0..30),
        keys in proptest::collection::vec(any::<u32>(), 110),
        batch in 1usize..20,
    ) {
        let mut sent = all.clone();
        for pick in &resend {
            if !all.is_empty() {
                sent.push(all[pick.index(all.len())].clone());
            }
        }
        // Reordered by random keys.
        let mut keyed: Vec<(u32, Event)> = keys.iter().copied().zip(sent).collect();
        keyed.sort_by_key(|(key, _)| *key);
        let sent: Vec<Event> = keyed.into_iter().map(|(_, e)| e).collect();

        let store = Store::open(Path::new(":memory:")).unwrap();
        let mut accepted = 0;
        for chunk in sent.chunks(batch) {
            accepted += store.insert_batch(chunk, 0).unwrap().accepted;
        }
        prop_assert_eq!(accepted, all.len());
        for calc_id in ["a", "b", "c", "never-seen"] {
            prop_assert_eq!(metrics_of(&store, calc_id), metrics(&of_calc(&all, calc_id)));
        }
        let page = store.metrics_page(None, 2).unwrap();
        for (calc_id, answer) in &page.calcs {
            prop_assert_eq!(answer, &CalcAnswer::Metrics(metrics(&of_calc(&all, calc_id))));
        }
    }
}

#[test]
fn pages_follow_calc_ids() {
    let store = Store::open(Path::new(":memory:")).unwrap();
    let events: Vec<Event> = (0..5)
        .map(|i| event(i, &format!("calc-{i}"), 0, EventName::View, 0))
        .collect();
    store.insert_batch(&events, 0).unwrap();
    let first = store.metrics_page(None, 2).unwrap();
    let ids = |page: &MetricsPage| {
        page.calcs
            .iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&first), ["calc-0", "calc-1"]);
    assert_eq!(first.next_after.as_deref(), Some("calc-1"));
    let last = store.metrics_page(Some("calc-3"), 2).unwrap();
    assert_eq!(ids(&last), ["calc-4"]);
    assert_eq!(last.next_after, None);
    assert_eq!(store.calcs().unwrap()[4], ("calc-4".to_string(), 1));
}

/// A version-1 file (the old schema's SQL, events only) is migrated at
/// open: its aggregates are backfilled from the stored events, and an
/// unreadable stored event marks only its own calculator.
#[test]
fn migrates_a_version_1_database() {
    let db = TempDb::new("v1");
    let events: Vec<Event> = (0..300)
        .map(|i| {
            let name = EventName::ALL[(i % 7) as usize];
            event(
                i,
                ["one", "two"][(i % 2) as usize],
                (i % 23) as u32,
                name,
                i * 10,
            )
        })
        .collect();
    {
        let old = Connection::open(&db.0).unwrap();
        old.execute_batch(SCHEMA_V1).unwrap();
        let mut insert = old
            .prepare("INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        for e in &events {
            insert
                .execute(params![
                    e.event_id,
                    e.calc_id,
                    e.name.as_str(),
                    e.occurred_at_ms,
                    0,
                    event_json(e)
                ])
                .unwrap();
        }
        insert
            .execute(params![
                "bad-row",
                "broken",
                "calc_view",
                1.0,
                0,
                "{not json"
            ])
            .unwrap();
    }
    let store = Store::open(&db.0).unwrap();
    for calc_id in ["one", "two"] {
        assert_eq!(
            metrics_of(&store, calc_id),
            metrics(&of_calc(&events, calc_id))
        );
    }
    let page = store.metrics_page(None, 10).unwrap();
    assert_eq!(page.calcs.len(), 3);
    match &page.calcs[0] {
        (id, CalcAnswer::Unreadable(reason)) => {
            assert_eq!(id, "broken");
            assert!(reason.contains("bad-row"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let version: i64 = Connection::open(&db.0)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, super::schema::SCHEMA_VERSION);
    // Reopening migrates nothing twice; version 1 again rebuilds afresh.
    drop(store);
    let store = Store::open(&db.0).unwrap();
    assert_eq!(metrics_of(&store, "one"), metrics(&of_calc(&events, "one")));
    drop(store);
    Connection::open(&db.0)
        .unwrap()
        .execute_batch("PRAGMA user_version = 1;")
        .unwrap();
    let store = Store::open(&db.0).unwrap();
    assert_eq!(metrics_of(&store, "two"), metrics(&of_calc(&events, "two")));
    assert_eq!(store.calcs().unwrap().len(), 3);
}

#[test]
fn one_unreadable_calculator_fails_only_itself() {
    let db = TempDb::new("bad-row");
    let store = Store::open(&db.0).unwrap();
    let events: Vec<Event> = (0..30)
        .map(|i| event(i, ["x", "y", "z"][(i % 3) as usize], 1, EventName::Start, i))
        .collect();
    store.insert_batch(&events, 0).unwrap();
    Connection::open(&db.0)
        .unwrap()
        .execute(
            "UPDATE calc_totals SET views = 'many' WHERE calc_id = 'y'",
            [],
        )
        .unwrap();
    let page = store.metrics_page(None, 10).unwrap();
    let answers: Vec<(&str, bool)> = page
        .calcs
        .iter()
        .map(|(id, answer)| (id.as_str(), matches!(answer, CalcAnswer::Metrics(_))))
        .collect();
    assert_eq!(answers, [("x", true), ("y", false), ("z", true)]);
    assert_eq!(
        page.calcs[2].1,
        CalcAnswer::Metrics(metrics(&of_calc(&events, "z")))
    );
    // Ingest for the broken calculator still works, and it stays marked.
    store
        .insert_batch(&[event(99, "y", 2, EventName::View, 0)], 0)
        .unwrap();
    assert!(matches!(
        store.metrics_of("y").unwrap(),
        CalcAnswer::Unreadable(_)
    ));
}

/// Instances of the probe calculator: every one viewed, most started.
const PROBE_INSTANCES: u64 = 2_000;

/// The `i`-th event of the probe calculator: the first round views and
/// starts each instance, later ones are engagement flushes that raise its
/// interaction time (and, now and then, steps, results and leads).
fn probe_event(i: u64) -> Event {
    let instance = (i % PROBE_INSTANCES) as u32;
    let round = i / PROBE_INSTANCES;
    let name = match (round, i % 97) {
        (0, _) => EventName::View,
        (1, _) if instance % 5 != 0 => EventName::Start,
        (_, 3) => EventName::Step,
        (_, 5) => EventName::Result,
        (_, 7) => EventName::Lead,
        (_, 11) => EventName::Engaged,
        _ => EventName::Engagement,
    };
    let interaction_ms = (round * 37 + (i * 7_919) % 1_000) % 2_000_000;
    event(i, "probe", instance, name, interaction_ms)
}

/// Stores `count` probe events in big transactions, newest batch first
/// (so the events arrive out of order), and returns the query's VM steps.
fn fill_and_measure(store: &Store, count: u64) -> (Metrics, u64) {
    const BATCH: u64 = 20_000;
    let batches = count.div_ceil(BATCH);
    for b in (0..batches).rev() {
        let events: Vec<Event> = (b * BATCH..((b + 1) * BATCH).min(count))
            .map(probe_event)
            .collect();
        store.insert_batch(&events, 0).unwrap();
    }
    let mut meter = Meter::default();
    let answer = store.metrics_of_metered("probe", &mut meter).unwrap();
    match answer {
        CalcAnswer::Metrics(metrics) => (metrics, meter.vm_steps),
        other => panic!("{other:?}"),
    }
}

/// A million events of one calculator: the metrics equal the core's over
/// the same events, and the query does the same work as at 10,000 events
/// (it reads the aggregates and the started instances, never the events).
#[test]
fn a_million_events() {
    let small_db = TempDb::new("10k");
    let small = Store::open(&small_db.0).unwrap();
    let (small_metrics, small_steps) = fill_and_measure(&small, 10_000);
    let small_events: Vec<Event> = (0..10_000).map(probe_event).collect();
    assert_eq!(small_metrics, metrics(&small_events));
    drop(small_events);

    let big_db = TempDb::new("1m");
    let big = Store::open(&big_db.0).unwrap();
    let (big_metrics, big_steps) = fill_and_measure(&big, 1_000_000);
    assert_eq!(big_metrics.events, 1_000_000);
    let big_events: Vec<Event> = (0..1_000_000).map(probe_event).collect();
    assert_eq!(big_metrics, metrics(&big_events));

    // Same instances, 100 times the events: the same work, within the
    // small differences of the step and version lists.
    assert!(
        big_steps <= small_steps + small_steps / 10,
        "{big_steps} VM steps at 1M events, {small_steps} at 10k"
    );
    // The work is bounded by the started instances walked for the p75
    // (plus a constant), not by the events.
    let started = big_metrics.interaction.instances as u64;
    assert!(
        big_steps < 20 * started + 2_000,
        "{big_steps} steps for {started} started"
    );
}

/// The HTTP layer calls the store from a blocking thread pool.
#[test]
fn the_store_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Store>();
}

/// While the writer holds an open write transaction, a metrics read on a
/// file database still answers (from the last committed state) instead of
/// waiting for the writer's lock.
#[test]
fn reads_do_not_wait_for_the_writer() {
    let db = TempDb::new("rw");
    let store = std::sync::Arc::new(Store::open(&db.0).unwrap());
    let events = [event(1, "x", 1, EventName::View, 0)];
    store.insert_batch(&events, 0).unwrap();
    let writer = lock(&store.writer);
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             UPDATE calc_totals SET views = 99 WHERE calc_id = 'x';",
        )
        .unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let reading = std::sync::Arc::clone(&store);
    std::thread::spawn(move || {
        let _ = sender.send(reading.metrics_of("x").map(|a| format!("{a:?}")));
    });
    // Generous: a read that waited would wait for as long as the writer.
    let answer = receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the read waited for the writer");
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(
        answer.unwrap(),
        format!("{:?}", CalcAnswer::Metrics(metrics(&events)))
    );
}

/// A lead for the SaaS ROI example, unverified (no case), as the core reads it.
fn unverified_lead(n: u32) -> yardstick_core::leads::read::Lead {
    let body = format!(
        r#"{{"schema":"yardstick/lead@1","lead_id":"00000000-0000-4000-8000-{n:012x}",
        "calc_id":"saas-roi","calc_version":"1.0.0","page_view_id":"00000000-0000-4000-8000-000000000000",
        "instance_id":"w1","occurred_at_ms":5,"page_path":"/",
        "contact":{{"name":"Ada","email":"ada@example.com","company":"AE"}},
        "consent":{{"contact":true}},"inputs":{{"team_size":3}},"entered":["team_size"]}}"#
    );
    let node = yardstick_json_text::node_from_json(&body).unwrap();
    yardstick_core::leads::read::read_lead(&node).unwrap()
}

#[test]
fn a_version_2_database_gains_an_empty_leads_table_and_keeps_its_events() {
    let db = TempDb::new("v2");
    let events: Vec<Event> = (0..40)
        .map(|i| event(i, "saas-roi", (i % 7) as u32, EventName::Start, i * 10))
        .collect();
    {
        // A version-2 database: today's, less the leads and page tables.
        Store::open(&db.0)
            .unwrap()
            .insert_batch(&events, 0)
            .unwrap();
        Connection::open(&db.0)
            .unwrap()
            .execute_batch(
                "DROP TABLE leads; DROP TABLE page_views; DROP TABLE page_events;
                 DROP TABLE page_labels; DROP TABLE page_visitors; PRAGMA user_version = 2;",
            )
            .unwrap();
    }
    let store = Store::open(&db.0).unwrap();
    let version: i64 = Connection::open(&db.0)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, super::schema::SCHEMA_VERSION);
    assert_eq!(metrics_of(&store, "saas-roi"), metrics(&events));
    let page = store.lead_page(&LeadFilter::default(), None, 10).unwrap();
    assert_eq!(page, LeadPage::default());
    let lead = unverified_lead(1);
    let new = NewLead {
        lead: &lead,
        case: None,
        currency: None,
        received_at_ms: 7,
    };
    let stored = store.insert_lead(&new).unwrap();
    assert_eq!(
        stored,
        StoredLead {
            duplicate: false,
            verified: false,
            value: None
        }
    );
    assert!(store.insert_lead(&new).unwrap().duplicate);
    // Reopening migrates nothing again and keeps the lead.
    drop(store);
    let store = Store::open(&db.0).unwrap();
    let page = store.lead_page(&LeadFilter::default(), None, 10).unwrap();
    assert_eq!(page.leads.len(), 1);
    assert_eq!(page.leads[0].email, "ada@example.com");
    assert_eq!(page.totals.leads(), 1);
}
