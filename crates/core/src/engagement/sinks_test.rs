use super::*;
use crate::engagement::event::{Consent, EventName, Step, Totals};

/// The richest event there is: a step with a scenario and a visitor id.
fn step_event(name: EventName) -> Event {
    Event {
        event_id: "0b7e1d3c-5f1a-4c2e-9d8b-1a2b3c4d5e6f".into(),
        name,
        sequence: 12,
        page_view_id: "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b".into(),
        instance_id: "w2".into(),
        calc_id: "roi-basic".into(),
        calc_version: "1.2.0".into(),
        occurred_at_ms: 1_700_000_000_123.5,
        page_time_ms: 123.5,
        consent: Consent::Granted,
        visitor_id: Some("v-1".into()),
        totals: Totals {
            interaction_ms: 4_000,
            in_view_ms: 5_000,
            active_page_ms: 6_000,
            wall_ms: 7_000,
        },
        step: Some(Step {
            input_id: "seats".into(),
            index: 3,
        }),
        scenario: Some("optimistic".into()),
    }
}

fn plain_event(name: EventName) -> Event {
    Event {
        step: None,
        scenario: None,
        ..step_event(name)
    }
}

#[test]
fn the_data_layer_object_is_flat_and_complete() {
    let event = step_event(EventName::Step);
    assert_eq!(
        data_layer(&event),
        vec![
            ("event", SinkValue::Text("calc_step")),
            ("calc_id", SinkValue::Text("roi-basic")),
            ("calc_version", SinkValue::Text("1.2.0")),
            ("calc_instance_id", SinkValue::Text("w2")),
            ("calc_sequence", SinkValue::Integer(12)),
            ("calc_interaction_ms", SinkValue::Integer(4_000)),
            ("calc_in_view_ms", SinkValue::Integer(5_000)),
            ("calc_active_page_ms", SinkValue::Integer(6_000)),
            ("calc_step", SinkValue::Text("seats")),
            ("calc_step_index", SinkValue::Integer(3)),
            ("calc_scenario", SinkValue::Text("optimistic")),
            ("calc_consent", SinkValue::Text("granted")),
        ]
    );
}

#[test]
fn absent_fields_are_left_out_and_no_visitor_id_ever_reaches_analytics() {
    let event = plain_event(EventName::View);
    let names: Vec<&str> = data_layer(&event).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "event",
            "calc_id",
            "calc_version",
            "calc_instance_id",
            "calc_sequence",
            "calc_interaction_ms",
            "calc_in_view_ms",
            "calc_active_page_ms",
            "calc_consent"
        ]
    );
}

#[test]
fn segment_gets_the_title_case_name_and_the_same_parameters() {
    let event = step_event(EventName::Engagement);
    let (name, properties) = segment(&event);
    assert_eq!(name, "Calculator Engagement Recorded");
    assert_eq!(properties, parameters(&event));
    assert!(properties.iter().all(|(key, _)| *key != "event"));
}

#[test]
fn every_event_follows_ga4_rules() {
    for name in EventName::ALL {
        for event in [step_event(name), plain_event(name)] {
            let params = parameters(&event);
            let problems = ga4_problems(name.as_str(), params.iter().map(|(n, _)| *n));
            assert!(problems.is_empty(), "{name:?}: {problems:?}");
            assert!(params.len() <= GA4_MAX_PARAMETERS);
        }
        // dataLayer's `event` key names the event; it is not a parameter.
        assert!(name.as_str().len() <= GA4_MAX_NAME_CHARS);
    }
}

#[test]
fn the_ga4_check_catches_each_kind_of_violation() {
    let check = |event: &str, params: &[&str], expected: &str| {
        let problems = ga4_problems(event, params.iter().copied());
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{event} {params:?}: {problems:?} lacks {expected}"
        );
    };
    check("page_view", &[], "event name `page_view` is reserved");
    check("1calc", &[], "not a GA4 name");
    check(&"c".repeat(41), &[], "not a GA4 name");
    check("calc-view", &[], "not a GA4 name");
    check("google_thing", &[], "reserved prefix `google_`");
    check("calc_view", &["engagement_time_msec"], "reserved");
    check("calc_view", &["session_id"], "reserved");
    check("calc_view", &["page_location"], "reserved");
    check("calc_view", &["ga_x"], "reserved prefix `ga_`");
    check("calc_view", &["firebase_x"], "reserved prefix `firebase_`");
    check("calc_view", &["_x"], "reserved prefix `_`");
    check("calc_view", &["calc id"], "not a GA4 name");
    check("calc_view", &[&"p".repeat(41)], "not a GA4 name");
    let many: Vec<String> = (0..26).map(|i| format!("p{i}")).collect();
    check(
        "calc_view",
        &many.iter().map(String::as_str).collect::<Vec<_>>(),
        "26 parameters",
    );
    assert!(ga4_problems("calc_view", ["p".repeat(40).as_str()]).is_empty());
}
