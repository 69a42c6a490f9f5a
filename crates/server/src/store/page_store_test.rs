//! Tests of the page-view aggregates against the core: the funnel read
//! from the rows the store keeps equals the core's funnel over rows built
//! from the events in memory, whatever the batch split, order and
//! duplicates; widget events and leads mark their page views; and a
//! database of schema version 2 (with a `leads` table beside it) is
//! migrated with its calculator events and leads linked.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use rusqlite::Connection;
use yardstick_core::engagement::event::{Consent, Event, EventName, Totals};
use yardstick_core::engagement::funnel::{FunnelQuery, LeadCurrency, StepCounts};
use yardstick_core::engagement::page_event::{
    Campaign, PageEvent, PageEventName, PageInfo, PageTarget, PageTotals,
};

use super::super::{Store, SCHEMA_VERSION};

const DAY0_MS: f64 = 1_764_460_800_000.0; // 2026-11-30T00:00:00Z
const DAY0: i64 = 20_422;

struct TempDb(PathBuf);

impl TempDb {
    fn new(label: &str) -> TempDb {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "yardstick-pages-{label}-{}-{n}.db",
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

fn uuid(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

fn page_event(
    id: u64,
    view: u64,
    sequence: u32,
    name: PageEventName,
    engaged_ms: u64,
) -> PageEvent {
    PageEvent {
        event_id: uuid(id),
        name,
        sequence,
        page_view_id: uuid(1_000 + view),
        occurred_at_ms: DAY0_MS + (view as f64) * 3_600_000.0 + f64::from(sequence),
        page_time_ms: f64::from(sequence),
        consent: Consent::Unknown,
        visitor_id: None,
        returning: None,
        page: PageInfo {
            path: format!("/page-{}", view % 3),
            referrer_host: (view % 2 == 0).then(|| "news.example".to_string()),
            campaign: Campaign {
                campaign: (view == 1).then(|| "spring".to_string()),
                ..Campaign::default()
            },
        },
        totals: PageTotals {
            engaged_ms,
            active_page_ms: engaged_ms,
            wall_ms: engaged_ms,
            scroll_percent: 50,
        },
        target: match name {
            PageEventName::Download => Some(PageTarget::Download {
                path: "/a.pdf".into(),
                extension: "pdf".into(),
            }),
            _ => None,
        },
    }
}

fn calc_event(id: u64, view: u64, name: EventName) -> Event {
    Event {
        event_id: uuid(id),
        name,
        sequence: 9,
        page_view_id: uuid(1_000 + view),
        instance_id: "w1".into(),
        calc_id: "roi".into(),
        calc_version: "1".into(),
        occurred_at_ms: DAY0_MS,
        page_time_ms: 0.0,
        consent: Consent::Unknown,
        visitor_id: None,
        totals: Totals::default(),
        step: None,
        scenario: None,
    }
}

/// Page views 0..4 on day 0: 0 engaged 12 s; 1 downloaded (spring
/// campaign); 2 engaged 4 s then used the calculator; 3 used it and sent a
/// lead; 4 only viewed. View 3 has a second visitor-less flush lost.
fn page_events() -> Vec<PageEvent> {
    let mut events = Vec::new();
    for view in 0..5 {
        events.push(page_event(view * 10, view, 0, PageEventName::View, 0));
    }
    events.push(page_event(1, 0, 1, PageEventName::Engagement, 5_000));
    events.push(page_event(2, 0, 2, PageEventName::Engagement, 12_000));
    events.push(page_event(11, 1, 1, PageEventName::Download, 1_000));
    events.push(page_event(21, 2, 1, PageEventName::Engagement, 4_000));
    events.push(page_event(31, 3, 1, PageEventName::Engagement, 2_000));
    events
}

fn calc_events() -> Vec<Event> {
    vec![
        calc_event(500, 2, EventName::View),
        calc_event(501, 2, EventName::Start),
        calc_event(502, 3, EventName::Start),
        calc_event(503, 3, EventName::Lead),
        // A widget on a page without the snippet: no visit to count.
        calc_event(504, 9, EventName::Lead),
    ]
}

fn query() -> FunnelQuery {
    FunnelQuery {
        from_day: DAY0,
        to_day: DAY0 + 1,
        engaged_threshold_ms: 10_000,
    }
}

fn expected() -> StepCounts {
    StepCounts {
        visitors: 5,
        interested: 4,
        interacting: 2,
        leads: 1,
        lead_value: 0.0,
        lead_currency: LeadCurrency::None,
    }
}

#[test]
fn batches_in_any_order_split_and_duplicated_keep_the_same_funnel() {
    let events = page_events();
    let calcs = calc_events();
    let mut baseline = None;
    for variant in 0..4 {
        let store = Store::open(std::path::Path::new(":memory:")).unwrap();
        let mut order: Vec<PageEvent> = events.clone();
        if variant % 2 == 1 {
            order.reverse();
        }
        // Calculator events first in some variants, last in others.
        if variant >= 2 {
            store.insert_batch(&calcs, 0).unwrap();
        }
        for chunk in order.chunks(variant + 1) {
            store.insert_page_batch(chunk, 0).unwrap();
        }
        // Every event again: nothing changes.
        let again = store.insert_page_batch(&order, 0).unwrap();
        assert_eq!((again.accepted, again.duplicates), (0, order.len()));
        if variant < 2 {
            store.insert_batch(&calcs, 0).unwrap();
        }
        store.insert_batch(&calcs, 0).unwrap();
        let (funnel, labels) = store.funnel(&query()).unwrap();
        assert_eq!(funnel.counts, expected(), "variant {variant}");
        assert_eq!((funnel.page_views, funnel.downloads), (5, 1));
        let answer = yardstick_core::json::canonical_json(
            &yardstick_core::engagement::funnel_report::funnel_to_node(&funnel, &labels),
        );
        assert!(
            answer.contains(
                r#""kind":"value","lead_currency":null,"lead_value":0,"leads":0,"value":"spring""#
            ),
            "{answer}"
        );
        match &baseline {
            None => baseline = Some(answer),
            Some(first) => assert_eq!(&answer, first, "variant {variant}"),
        }
    }
}

/// A store whose database was at version 3 (its tables are version 4's
/// without the page ones) with `leads` (id, page view, value, currency)
/// stored before the page views existed, opened (migrated) with the calc
/// events and then the page events.
fn store_with_version_3_leads(
    db: &TempDb,
    leads: &[(&str, Option<String>, f64, Option<&str>)],
) -> Store {
    {
        let store = Store::open(&db.0).unwrap();
        store.insert_batch(&calc_events(), 0).unwrap();
    }
    {
        let old = Connection::open(&db.0).unwrap();
        old.execute_batch(
            "DROP TABLE page_views; DROP TABLE page_events; DROP TABLE page_labels;
             DROP TABLE page_visitors; PRAGMA user_version = 3;",
        )
        .unwrap();
        for (lead_id, page_view_id, value, currency) in leads {
            old.execute(
                "INSERT INTO leads (lead_id, calc_id, calc_version, page_view_id, instance_id,
                     occurred_at_ms, received_at_ms, page_path, name, email, company,
                     inputs_json, entered_json, value, currency, verified)
                 VALUES (?1, 'saas-roi', '1.0.0', ?2, 'w1', 0, 0, '/roi', 'A', 'a@b.example',
                     'C', '{}', '[]', ?3, ?4, 1)",
                rusqlite::params![
                    lead_id,
                    page_view_id.clone().unwrap_or_else(|| uuid(9_999)),
                    value,
                    currency
                ],
            )
            .unwrap();
        }
    }
    let store = Store::open(&db.0).unwrap();
    store.insert_page_batch(&page_events(), 0).unwrap();
    store
}

#[test]
fn leads_in_two_currencies_are_never_added_up() {
    // View 3 sent a lead worth $100, view 4 one worth EUR 50.
    let db = TempDb::new("currencies");
    let leads = [
        ("l1", Some(uuid(1_003)), 100.0, Some("USD")),
        ("l2", Some(uuid(1_004)), 50.0, Some("EUR")),
    ];
    let (funnel, _) = store_with_version_3_leads(&db, &leads)
        .funnel(&query())
        .unwrap();
    assert_eq!(funnel.counts.lead_currency, LeadCurrency::Several);
    assert_eq!(funnel.daily[0].1.lead_currency, LeadCurrency::Several);
    // One currency: its code and the sum.
    let db = TempDb::new("one-currency");
    let leads = [
        ("l1", Some(uuid(1_003)), 100.0, Some("USD")),
        ("l2", Some(uuid(1_004)), 50.0, Some("USD")),
    ];
    let (funnel, _) = store_with_version_3_leads(&db, &leads)
        .funnel(&query())
        .unwrap();
    assert_eq!(funnel.counts.lead_currency, LeadCurrency::from_code("USD"));
    assert_eq!(funnel.counts.lead_value, 150.0);
}

#[test]
fn migrates_a_version_3_database_and_links_its_calculator_events_and_leads() {
    let db = TempDb::new("v2");
    let store = store_with_version_3_leads(
        &db,
        &[
            ("l1", Some(uuid(1_004)), 1200.5, None),
            ("l2", None, 99.0, None),
        ],
    );
    let (funnel, _) = store.funnel(&query()).unwrap();
    // View 4's lead came from the leads table, with its value (and a
    // lead is a later step than interest and interaction).
    assert_eq!(
        funnel.counts,
        StepCounts {
            visitors: 5,
            interested: 5,
            interacting: 3,
            leads: 2,
            lead_value: 1200.5,
            // These leads were stored without a currency.
            lead_currency: LeadCurrency::None,
        }
    );
    let version: i64 = Connection::open(&db.0)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // Version 3 again rebuilds the page views from the stored events.
    drop(store);
    Connection::open(&db.0)
        .unwrap()
        .execute_batch("PRAGMA user_version = 3;")
        .unwrap();
    let store = Store::open(&db.0).unwrap();
    let (rebuilt, _) = store.funnel(&query()).unwrap();
    assert_eq!(rebuilt, funnel);
}
