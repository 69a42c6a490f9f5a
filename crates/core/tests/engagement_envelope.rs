//! Tests of the envelope reader: every bound of docs/engagement.md,
//! the error paths, and the round trip event → JSON → Node → event.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use yardstick_core::engagement::envelope::*;
use yardstick_core::engagement::event::{Consent, Event, EventName, Step, Totals};
use yardstick_core::json::Node;
use yardstick_json_text::node_from_json;

const EVENT_ID: &str = "0b7c2f4e-9d3a-4c1b-8e5f-1a2b3c4d5e6f";
const PAGE_VIEW_ID: &str = "f0e1d2c3-b4a5-4968-8776-655443322110";

fn valid_event() -> serde_json::Value {
    serde_json::json!({
        "event_id": EVENT_ID,
        "name": "calc_engagement",
        "sequence": 3,
        "page_view_id": PAGE_VIEW_ID,
        "instance_id": "w1",
        "calc_id": "saas-roi",
        "calc_version": "1.2.0",
        "occurred_at_ms": 1_700_000_000_123.5,
        "page_time_ms": 4_321.25,
        "consent": "unknown",
        "totals": { "interaction_ms": 10, "in_view_ms": 20, "active_page_ms": 30, "wall_ms": 40 }
    })
}

fn batch_of(events: Vec<serde_json::Value>) -> Node {
    let batch = serde_json::json!({ "schema": BATCH_SCHEMA, "events": events });
    node_from_json(&batch.to_string()).unwrap()
}

/// Reads a batch holding `event` after `change`, expecting an error at `path`
/// whose message mentions `part`.
fn check_refused(change: impl FnOnce(&mut serde_json::Value), path: &str, part: &str) {
    let mut event = valid_event();
    change(&mut event);
    let error = read_batch(&batch_of(vec![valid_event(), event])).unwrap_err();
    assert_eq!(error.path(), path, "{error}");
    let message = error.to_string();
    assert!(message.starts_with(path), "{message}");
    assert!(message.contains(part), "{message} should mention {part}");
}

#[test]
fn reads_a_valid_batch() {
    let events = read_batch(&batch_of(vec![valid_event()])).unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.name, EventName::Engagement);
    assert_eq!(event.sequence, 3);
    assert_eq!(event.occurred_at_ms, 1_700_000_000_123.5);
    assert_eq!(event.consent, Consent::Unknown);
    assert_eq!(event.totals.wall_ms, 40);
    assert_eq!(event.step, None);
    assert_eq!(event.visitor_id, None);
}

#[test]
fn reads_steps_visitors_scenarios_and_null_as_absent() {
    let mut event = valid_event();
    event["name"] = "calc_step".into();
    event["step"] = "seats".into();
    event["step_index"] = 2.into();
    event["consent"] = "granted".into();
    event["visitor_id"] = "v-123".into();
    event["scenario"] = "conservative".into();
    let mut second = valid_event();
    second["event_id"] = "00000000-0000-4000-8000-000000000000".into();
    second["scenario"] = serde_json::Value::Null;
    let events = read_batch(&batch_of(vec![event, second])).unwrap();
    assert_eq!(
        events[0].step,
        Some(Step {
            input_id: "seats".into(),
            index: 2
        })
    );
    assert_eq!(events[0].visitor_id.as_deref(), Some("v-123"));
    assert_eq!(events[0].scenario.as_deref(), Some("conservative"));
    assert_eq!(events[1].scenario, None);
}

#[test]
fn refuses_bad_batches() {
    let check = |text: &str, path: &str, part: &str| {
        let error = read_batch(&node_from_json(text).unwrap()).unwrap_err();
        assert_eq!(error.path(), path, "{error}");
        assert!(error.to_string().contains(part), "{error}");
    };
    check("[]", "", "must be an object");
    check(r#"{"events": []}"#, "schema", "is required");
    check(
        r#"{"schema": "yardstick/events@2", "events": []}"#,
        "schema",
        "yardstick/events@1",
    );
    check(
        r#"{"schema": "yardstick/events@1", "events": []}"#,
        "events",
        "1 to 500",
    );
    check(
        r#"{"schema": "yardstick/events@1", "events": {}}"#,
        "events",
        "a list",
    );
    check(
        r#"{"schema": "yardstick/events@1", "events": [1], "extra": 1}"#,
        "extra",
        "not a field",
    );
    let too_many: Vec<_> = (0..=MAX_BATCH_EVENTS).map(|_| valid_event()).collect();
    let error = read_batch(&batch_of(too_many)).unwrap_err();
    assert!(error.to_string().contains("not 501"), "{error}");
    let error = read_batch(&node_from_json("{}").unwrap()).unwrap_err();
    assert_eq!(error.to_string(), "schema: is required");
}

#[test]
fn refuses_bad_ids_and_uuids() {
    check_refused(
        |e| e["event_id"] = "0B7C2F4E-9D3A-4C1B-8E5F-1A2B3C4D5E6F".into(),
        "events[1].event_id",
        "lowercase UUID",
    );
    check_refused(
        |e| e["event_id"] = "0b7c2f4e9d3a4c1b8e5f1a2b3c4d5e6f".into(),
        "events[1].event_id",
        "UUID",
    );
    check_refused(
        |e| e["page_view_id"] = "0b7c2f4e-9d3a-4c1b-8e5f-1a2b3c4d5e6g".into(),
        "events[1].page_view_id",
        "UUID",
    );
    check_refused(
        |e| e["instance_id"] = "".into(),
        "events[1].instance_id",
        "1 to 64",
    );
    check_refused(
        |e| e["calc_id"] = "a b".into(),
        "events[1].calc_id",
        "A-Z a-z",
    );
    check_refused(
        |e| e["calc_version"] = "x".repeat(65).into(),
        "events[1].calc_version",
        "1 to 64",
    );
    check_refused(
        |e| e["scenario"] = "é".into(),
        "events[1].scenario",
        "A-Z a-z",
    );
    check_refused(
        |e| e["calc_id"] = 7.into(),
        "events[1].calc_id",
        "must be text, not a number",
    );
    check_refused(
        |e| {
            e.as_object_mut().unwrap().remove("calc_id");
        },
        "events[1].calc_id",
        "is required",
    );
    assert!(is_valid_id(&"A.b_c:d-9".repeat(8)[..64]));
}

#[test]
fn refuses_bad_names_consents_and_unknown_fields() {
    check_refused(
        |e| e["name"] = "calc_viewed".into(),
        "events[1].name",
        "calc_view, calc_start",
    );
    check_refused(
        |e| e["consent"] = "yes".into(),
        "events[1].consent",
        "granted",
    );
    check_refused(
        |e| e["calc_ID"] = "x".into(),
        "events[1].calc_ID",
        "not a field",
    );
    check_refused(
        |e| e["totals"]["focus_ms"] = 1.into(),
        "events[1].totals.focus_ms",
        "not a field",
    );
    check_refused(
        |e| e["visitor_id"] = "v1".into(),
        "events[1].visitor_id",
        "only with consent \"granted\", not \"unknown\"",
    );
}

#[test]
fn refuses_numbers_out_of_range() {
    check_refused(
        |e| e["sequence"] = (-1).into(),
        "events[1].sequence",
        "integer from 0 to 1000000",
    );
    check_refused(
        |e| e["sequence"] = 1.5.into(),
        "events[1].sequence",
        "integer",
    );
    check_refused(
        |e| e["sequence"] = 1_000_001.into(),
        "events[1].sequence",
        "not 1000001",
    );
    check_refused(
        |e| e["sequence"] = "3".into(),
        "events[1].sequence",
        "must be an integer, not text",
    );
    check_refused(
        |e| e["page_time_ms"] = (-0.5).into(),
        "events[1].page_time_ms",
        "a number from 0",
    );
    check_refused(
        |e| e["page_time_ms"] = 2_678_400_001u64.into(),
        "events[1].page_time_ms",
        "2678400000",
    );
    check_refused(
        |e| e["occurred_at_ms"] = 9e15.into(),
        "events[1].occurred_at_ms",
        "8640000000000000",
    );
    check_refused(
        |e| e["totals"]["wall_ms"] = 2_678_400_001u64.into(),
        "events[1].totals.wall_ms",
        "2678400000",
    );
    check_refused(
        |e| e["totals"]["wall_ms"] = 40.5.into(),
        "events[1].totals.wall_ms",
        "an integer",
    );
    check_refused(
        |e| {
            e["totals"].as_object_mut().unwrap().remove("in_view_ms");
        },
        "events[1].totals.in_view_ms",
        "is required",
    );
    check_refused(
        |e| e["totals"]["in_view_ms"] = 31.into(),
        "events[1].totals",
        "interaction_ms <= in_view_ms",
    );
    check_refused(
        |e| e["totals"] = serde_json::json!([]),
        "events[1].totals",
        "an object",
    );
    // 31 days exactly is allowed.
    let mut event = valid_event();
    event["totals"]["wall_ms"] = MAX_DURATION_MS.into();
    event["page_time_ms"] = MAX_DURATION_MS.into();
    assert!(read_batch(&batch_of(vec![event])).is_ok());
}

#[test]
fn step_fields_belong_to_calc_step_only_and_always() {
    check_refused(
        |e| e["step"] = "seats".into(),
        "events[1].step",
        "calc_step only, not calc_engagement",
    );
    check_refused(
        |e| e["step_index"] = 1.into(),
        "events[1].step_index",
        "calc_step only",
    );
    check_refused(
        |e| e["name"] = "calc_step".into(),
        "events[1].step",
        "needs both",
    );
    check_refused(
        |e| {
            e["name"] = "calc_step".into();
            e["step"] = "seats".into();
        },
        "events[1].step_index",
        "needs both",
    );
    check_refused(
        |e| {
            e["name"] = "calc_step".into();
            e["step"] = "seats".into();
            e["step_index"] = 1_000_001.into();
        },
        "events[1].step_index",
        "1000000",
    );
}

#[test]
fn long_offending_text_is_shortened_in_messages() {
    let long = "Z".repeat(10_000);
    let mut event = valid_event();
    event["name"] = long.into();
    let error = read_batch(&batch_of(vec![event])).unwrap_err();
    assert!(error.to_string().len() < 300, "{error}");
}

#[test]
fn event_json_is_canonical() {
    let event = read_batch(&batch_of(vec![valid_event()]))
        .unwrap()
        .remove(0);
    assert_eq!(
        event_json(&event),
        concat!(
            r#"{"calc_id":"saas-roi","calc_version":"1.2.0","consent":"unknown","#,
            r#""event_id":"0b7c2f4e-9d3a-4c1b-8e5f-1a2b3c4d5e6f","instance_id":"w1","#,
            r#""name":"calc_engagement","occurred_at_ms":1700000000123.5,"page_time_ms":4321.25,"#,
            r#""page_view_id":"f0e1d2c3-b4a5-4968-8776-655443322110","sequence":3,"#,
            r#""totals":{"active_page_ms":30,"in_view_ms":20,"interaction_ms":10,"wall_ms":40}}"#
        )
    );
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    fn id() -> impl Strategy<Value = String> {
        "[A-Za-z0-9._:-]{1,64}"
    }

    fn uuid() -> impl Strategy<Value = String> {
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    }

    prop_compose! {
        fn event()(
            event_id in uuid(),
            name in proptest::sample::select(EventName::ALL.to_vec()),
            sequence in 0..=MAX_COUNTER,
            page_view_id in uuid(),
            instance_id in id(),
            calc_id in id(),
            calc_version in id(),
            occurred_at_ms in 0.0..=MAX_EPOCH_MS,
            page_time_ms in 0.0..=(MAX_DURATION_MS as f64),
            consent in proptest::sample::select(vec![Consent::Granted, Consent::Denied, Consent::Unknown]),
            visitor_id in proptest::option::of(id()),
            mut clocks in proptest::array::uniform4(0..=MAX_DURATION_MS),
            step in (id(), 0..=MAX_COUNTER),
            scenario in proptest::option::of(id()),
        ) -> Event {
            clocks.sort_unstable();
            Event {
                event_id,
                name,
                sequence,
                page_view_id,
                instance_id,
                calc_id,
                calc_version,
                occurred_at_ms,
                page_time_ms,
                consent,
                visitor_id: visitor_id.filter(|_| consent == Consent::Granted),
                totals: Totals {
                    interaction_ms: clocks[0],
                    in_view_ms: clocks[1],
                    active_page_ms: clocks[2],
                    wall_ms: clocks[3],
                },
                step: (name == EventName::Step).then_some(Step { input_id: step.0, index: step.1 }),
                scenario,
            }
        }
    }

    proptest! {
        /// event → canonical JSON → Node → read gives the same event.
        #[test]
        fn json_round_trip_gives_the_same_event(event in event()) {
            let node = node_from_json(&event_json(&event)).unwrap();
            prop_assert_eq!(read_event(&node, "").unwrap(), event.clone());
            let batch = Node::Map(vec![
                ("schema".into(), Node::Text(BATCH_SCHEMA.into())),
                ("events".into(), Node::List(vec![event_to_node(&event)])),
            ]);
            prop_assert_eq!(read_batch(&batch).unwrap(), vec![event]);
        }

        /// Arbitrary JSON never panics the reader.
        #[test]
        fn arbitrary_text_fields_never_panic(field in proptest::sample::select(EVENT_FIELDS.to_vec()), value in ".{0,80}") {
            let mut event = valid_event();
            event[field] = value.into();
            let _ = read_batch(&batch_of(vec![event]));
        }
    }
}
