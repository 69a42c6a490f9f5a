//! The page-event reader (docs/engagement.md, "Page events"): a valid
//! event reads and writes back to itself, each name takes its own target,
//! and each rule refuses with the path of the offending value.
#![allow(clippy::indexing_slicing, clippy::unwrap_used)]

use serde_json::{json, Value};
use yardstick_core::engagement::page_envelope::{
    read_any_batch, read_page_batch, read_page_event, Batch, PAGE_BATCH_SCHEMA,
};
use yardstick_core::engagement::page_event::{page_event_to_node, PageEventName, PageTarget};
use yardstick_core::json::Node;
use yardstick_json_text::node_from_value;

fn valid() -> Value {
    json!({
        "event_id": "00000000-0000-4000-8000-000000000001",
        "name": "page_download",
        "sequence": 3,
        "page_view_id": "00000000-0000-4000-8000-0000000000aa",
        "occurred_at_ms": 1_764_720_000_000u64,
        "page_time_ms": 1234.5,
        "consent": "granted",
        "visitor_id": "v-1",
        "returning": true,
        "page": {
            "path": "/pricing", "referrer_host": "news.example",
            "utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "Spring = 2026",
            "utm_term": null
        },
        "totals": { "engaged_ms": 5000, "active_page_ms": 6000, "wall_ms": 9000, "scroll_percent": 80 },
        "target": { "path": "/files/Whitepaper.PDF", "extension": "pdf" }
    })
}

fn batch(events: Vec<Value>) -> Node {
    node_from_value(json!({ "schema": PAGE_BATCH_SCHEMA, "events": events }))
}

/// The batch of one `valid()` event changed by `edit` is refused at `path`
/// with a message containing `part`.
fn refused(edit: impl FnOnce(&mut Value), path: &str, part: &str) {
    let mut event = valid();
    edit(&mut event);
    let error = read_page_batch(&batch(vec![event])).unwrap_err();
    assert_eq!(error.path(), path, "{error}");
    assert!(error.to_string().contains(part), "{error}");
}

#[test]
fn a_valid_event_reads_and_round_trips() {
    let events = read_page_batch(&batch(vec![valid()])).unwrap();
    let event = &events[0];
    assert_eq!(event.name, PageEventName::Download);
    assert_eq!(
        event.page.campaign.campaign.as_deref(),
        Some("Spring = 2026")
    );
    assert_eq!(event.page.campaign.term, None);
    assert_eq!(event.totals.scroll_percent, 80);
    assert_eq!(event.returning, Some(true));
    assert_eq!(
        event.target,
        Some(PageTarget::Download {
            path: "/files/Whitepaper.PDF".into(),
            extension: "pdf".into()
        })
    );
    let again = read_page_event(&page_event_to_node(event), "").unwrap();
    assert_eq!(&again, event);
}

#[test]
fn each_name_takes_its_own_target() {
    let with = |name: &str, target: Value| {
        let mut event = valid();
        event["name"] = json!(name);
        event["target"] = target;
        read_page_batch(&batch(vec![event]))
    };
    assert_eq!(
        with("page_video", json!({ "source": "demo-video" })).unwrap()[0].target,
        Some(PageTarget::Video {
            source: "demo-video".into()
        })
    );
    assert_eq!(
        with("page_outbound", json!({ "host": "partner.example" })).unwrap()[0].target,
        Some(PageTarget::Outbound {
            host: "partner.example".into()
        })
    );
    assert_eq!(with("page_view", Value::Null).unwrap()[0].target, None);
    let error = with("page_engagement", json!({ "host": "x.example" })).unwrap_err();
    assert_eq!(error.path(), "events[0].target");
    let error = with("page_outbound", Value::Null).unwrap_err();
    assert_eq!(error.to_string(), "events[0].target: is required");
    let error = with("page_video", json!({ "host": "x.example" })).unwrap_err();
    assert_eq!(error.path(), "events[0].target.host");
}

#[test]
fn refuses_each_broken_field_with_its_path() {
    refused(
        |e| e["name"] = json!("calc_view"),
        "events[0].name",
        "page_view, page_engagement",
    );
    refused(|e| e["extra"] = json!(1), "events[0].extra", "not a field");
    refused(
        |e| e["event_id"] = json!("ABC"),
        "events[0].event_id",
        "UUID",
    );
    refused(
        |e| e["sequence"] = json!(1.5),
        "events[0].sequence",
        "integer",
    );
    refused(
        |e| e["consent"] = json!("maybe"),
        "events[0].consent",
        "granted",
    );
    refused(
        |e| e["consent"] = json!("denied"),
        "events[0].visitor_id",
        "only with consent",
    );
    refused(
        |e| {
            e["consent"] = json!("unknown");
            e["visitor_id"] = Value::Null;
        },
        "events[0].returning",
        "absent unless consent",
    );
    refused(
        |e| e["returning"] = json!("yes"),
        "events[0].returning",
        "true or false",
    );
    refused(
        |e| e["occurred_at_ms"] = json!(-1),
        "events[0].occurred_at_ms",
        "from 0",
    );
    refused(
        |e| e["page"]["path"] = json!("/a?email=x@y"),
        "events[0].page.path",
        "without ? or #",
    );
    refused(
        |e| e["page"]["path"] = json!("/a#top"),
        "events[0].page.path",
        "without ? or #",
    );
    refused(
        |e| e["page"]["path"] = json!("pricing"),
        "events[0].page.path",
        "starting with /",
    );
    refused(
        |e| e["page"]["path"] = json!("/a b"),
        "events[0].page.path",
        "visible ASCII",
    );
    refused(
        |e| e["page"]["path"] = json!(format!("/{}", "a".repeat(512))),
        "events[0].page.path",
        "512",
    );
    refused(
        |e| e["page"]["referrer_host"] = json!("News.Example"),
        "events[0].page.referrer_host",
        "lowercase host",
    );
    refused(
        |e| e["page"]["utm_source"] = json!("a@b.example"),
        "events[0].page.utm_source",
        "no e-mail",
    );
    refused(
        |e| e["page"]["utm_medium"] = json!(""),
        "events[0].page.utm_medium",
        "1 to 100",
    );
    refused(
        |e| e["page"]["utm_content"] = json!("é".repeat(101)),
        "events[0].page.utm_content",
        "1 to 100",
    );
    refused(
        |e| e["page"]["utm_term"] = json!("a\nb"),
        "events[0].page.utm_term",
        "control",
    );
    refused(
        |e| e["page"]["title"] = json!("x"),
        "events[0].page.title",
        "not a field",
    );
    refused(|e| e["page"] = Value::Null, "events[0].page", "is required");
    refused(
        |e| e["totals"]["engaged_ms"] = json!(7000),
        "events[0].totals",
        "engaged_ms <= active_page_ms <= wall_ms",
    );
    refused(
        |e| e["totals"]["scroll_percent"] = json!(101),
        "events[0].totals.scroll_percent",
        "to 100",
    );
    refused(
        |e| e["totals"]["wall_ms"] = json!(2_678_400_001u64),
        "events[0].totals.wall_ms",
        "2678400000",
    );
    refused(
        |e| e["target"]["extension"] = json!("exe"),
        "events[0].target.extension",
        "download list",
    );
    refused(
        |e| e["target"]["extension"] = json!("PDF"),
        "events[0].target.extension",
        "lowercase",
    );
    refused(
        |e| e["target"]["path"] = json!("/files/report.docx"),
        "events[0].target.path",
        "end with the extension",
    );
    refused(
        |e| e["target"]["path"] = json!("/files/.pdf"),
        "events[0].target.path",
        "end with the extension",
    );
    refused(
        |e| e["target"]["path"] = json!("/f.pdf?token=1"),
        "events[0].target.path",
        "without ? or #",
    );
}

#[test]
fn refuses_broken_batches_and_tells_the_kinds_apart() {
    let node = |value: Value| node_from_value(value);
    let error =
        read_page_batch(&node(json!({ "schema": PAGE_BATCH_SCHEMA, "events": [] }))).unwrap_err();
    assert_eq!(error.path(), "events");
    let error = read_page_batch(&node(
        json!({ "schema": "yardstick/events@1", "events": [1] }),
    ))
    .unwrap_err();
    assert!(error.to_string().contains("page-events@1"), "{error}");
    let mut second = valid();
    second["page"]["path"] = json!("");
    let error = read_page_batch(&batch(vec![valid(), second])).unwrap_err();
    assert_eq!(error.path(), "events[1].page.path");

    assert!(
        matches!(read_any_batch(&batch(vec![valid()])), Ok(Batch::Page(events)) if events.len() == 1)
    );
    let error = read_any_batch(&node(json!({ "schema": "other@1", "events": [] }))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "schema: must be \"yardstick/events@1\" or \"yardstick/page-events@1\", not \"other@1\""
    );
    // A calc batch still goes to the calc reader (and its errors).
    let error = read_any_batch(&node(
        json!({ "schema": "yardstick/events@1", "events": [{}] }),
    ))
    .unwrap_err();
    assert!(error.path().starts_with("events[0]"), "{error}");
}
