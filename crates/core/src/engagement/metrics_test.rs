//! Unit tests of the metrics: a hand-built scenario checked figure by
//! figure, and properties: shuffling, duplicating and dropping intermediate
//! `calc_engagement` events change nothing; every figure stays in range.

use super::*;
use crate::engagement::event::{Consent, Step, Totals};
use crate::json::canonical_json;

/// An event of instance `(page_view, instance)` with cumulative interaction `interaction_ms`.
fn event(
    id: u32,
    page_view: u32,
    instance: &str,
    name: EventName,
    interaction_ms: u64,
    at_ms: f64,
) -> Event {
    Event {
        event_id: format!("00000000-0000-4000-8000-{id:012x}"),
        name,
        sequence: id,
        page_view_id: format!("{page_view:08x}-0000-4000-8000-000000000000"),
        instance_id: instance.to_string(),
        calc_id: "saas-roi".into(),
        calc_version: "1.0.0".into(),
        occurred_at_ms: at_ms,
        page_time_ms: 0.0,
        consent: Consent::Unknown,
        visitor_id: None,
        totals: Totals {
            interaction_ms,
            in_view_ms: interaction_ms,
            active_page_ms: interaction_ms,
            wall_ms: interaction_ms,
        },
        step: None,
        scenario: None,
    }
}

fn step(id: u32, page_view: u32, instance: &str, index: u32) -> Event {
    let mut e = event(
        id,
        page_view,
        instance,
        EventName::Step,
        0,
        1_000.0 + f64::from(id),
    );
    e.step = Some(Step {
        input_id: format!("input{index}"),
        index,
    });
    e
}

/// Four instances:
/// - A (page 1, w1): view, start, 2 steps, result, engaged, 2 leads, flushes 4,000 then 12,000.
/// - B (page 1, w2): view, start, 1 step, flushes 3,000 then (late, reordered) 2,000.
/// - C (page 2, w1): view only.
/// - D (page 3, w1): start (never 50% in view), result, flush 8,000.
fn scenario() -> Vec<Event> {
    use EventName::*;
    vec![
        event(1, 1, "w1", View, 0, 1_000.0),
        event(2, 1, "w1", Start, 0, 1_001.0),
        step(3, 1, "w1", 1),
        step(4, 1, "w1", 2),
        event(5, 1, "w1", Result, 2_000, 1_005.0),
        event(6, 1, "w1", Engagement, 4_000, 1_006.0),
        event(7, 1, "w1", Engaged, 10_000, 1_007.0),
        event(8, 1, "w1", Lead, 11_000, 1_008.0),
        event(9, 1, "w1", Lead, 11_500, 1_009.0),
        event(10, 1, "w1", Engagement, 12_000, 1_010.0),
        event(11, 1, "w2", View, 0, 1_011.0),
        event(12, 1, "w2", Start, 0, 1_012.0),
        step(13, 1, "w2", 1),
        event(15, 1, "w2", Engagement, 2_000, 1_013.0),
        event(14, 1, "w2", Engagement, 3_000, 1_014.0),
        event(16, 2, "w1", View, 0, 900.0),
        event(17, 3, "w1", Start, 0, 2_000.0),
        event(18, 3, "w1", Result, 0, 2_001.0),
        event(19, 3, "w1", Engagement, 8_000, 2_002.0),
    ]
}

#[test]
fn hand_built_scenario() {
    let m = metrics(&scenario());
    assert_eq!(m.events, 19);
    assert_eq!((m.views, m.starts, m.results, m.leads), (3, 3, 2, 2));
    // A is the only viewed instance that engaged: 1 of 3.
    assert_eq!(m.engaged_rate, 1.0 / 3.0);
    // Started: A 12,000, B 3,000 (the max, not the last), D 8,000.
    // Sorted 3,000, 8,000, 12,000: median 8,000, p75 rank 1.5 → 10,000.
    assert_eq!(
        m.interaction,
        InteractionStats {
            instances: 3,
            median_ms: 8_000.0,
            p75_ms: 10_000.0,
            total_ms: 23_000
        }
    );
    let funnel: Vec<(EventName, usize, f64)> = m
        .funnel
        .iter()
        .map(|s| (s.name, s.count, s.drop_off))
        .collect();
    assert_eq!(
        funnel,
        vec![
            (EventName::View, 3, 0.0),
            (EventName::Start, 3, 0.0),
            (EventName::Result, 2, 1.0 / 3.0),
            (EventName::Lead, 1, 0.5),
        ]
    );
    assert_eq!(m.steps, vec![(1, 2), (2, 1)]);
    assert_eq!(m.calc_versions, vec!["1.0.0".to_string()]);
    assert_eq!(m.occurred_at_ms_range, Some((900.0, 2_002.0)));
}

#[test]
fn no_events_are_metrics_of_zero() {
    let m = metrics(&[]);
    assert_eq!(
        canonical_json(&m.to_node("nothing")),
        concat!(
            r#"{"calc_id":"nothing","calc_versions":[],"engaged_rate":0,"events":0,"#,
            r#""first_occurred_at_ms":null,"funnel":[{"count":0,"drop_off":0,"step":"view"},"#,
            r#"{"count":0,"drop_off":0,"step":"start"},{"count":0,"drop_off":0,"step":"result"},"#,
            r#"{"count":0,"drop_off":0,"step":"lead"}],"interaction_ms":{"instances":0,"median":0,"#,
            r#""p75":0,"total":0},"last_occurred_at_ms":null,"leads":0,"results":0,"starts":0,"#,
            r#""steps":[],"views":0}"#
        )
    );
}

#[test]
fn json_shape_of_the_scenario() {
    let text = canonical_json(&metrics(&scenario()).to_node("saas-roi"));
    assert!(
        text.contains(
            r#""interaction_ms":{"instances":3,"median":8000,"p75":10000,"total":23000}"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#""steps":[{"count":2,"step_index":1},{"count":1,"step_index":2}]"#),
        "{text}"
    );
    assert!(
        text.contains(r#"{"count":1,"drop_off":0.5,"step":"lead"}"#),
        "{text}"
    );
    assert!(text.contains(r#""first_occurred_at_ms":900,"#), "{text}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// One instance's story: which milestones, how many leads and steps,
    /// and its cumulative interaction flushes.
    #[derive(Debug, Clone)]
    struct Story {
        page_view: u32,
        instance: &'static str,
        version: &'static str,
        milestones: [bool; 4],
        leads: u32,
        steps: u32,
        flushes_ms: Vec<u64>,
    }

    fn story() -> impl Strategy<Value = Story> {
        (
            0u32..3,
            proptest::sample::select(vec!["w1", "w2"]),
            proptest::sample::select(vec!["1.0", "1.1"]),
            proptest::array::uniform4(any::<bool>()),
            0u32..3,
            0u32..4,
            proptest::collection::vec(0u64..100_000, 0..5),
        )
            .prop_map(
                |(page_view, instance, version, milestones, leads, steps, flushes_ms)| Story {
                    page_view,
                    instance,
                    version,
                    milestones,
                    leads,
                    steps,
                    flushes_ms,
                },
            )
    }

    /// The events of the stories, with distinct ids and increasing times.
    /// A widget instance of a page view runs one model version: stories
    /// of the same instance take the first one's version (otherwise
    /// dropping a flush could drop the only event naming a version, which
    /// no real widget sends).
    fn events_of(stories: &[Story]) -> Vec<Event> {
        let mut first_versions: Vec<(u32, &str, &str)> = Vec::new();
        let stories: Vec<Story> = stories
            .iter()
            .map(|s| {
                let key = (s.page_view, s.instance);
                let version = match first_versions.iter().find(|(p, i, _)| (*p, *i) == key) {
                    Some((_, _, version)) => version,
                    None => {
                        first_versions.push((s.page_view, s.instance, s.version));
                        s.version
                    }
                };
                Story {
                    version,
                    ..s.clone()
                }
            })
            .collect();
        let mut out = Vec::new();
        let mut next = 0u32;
        let mut push = |out: &mut Vec<Event>, s: &Story, name, ms, step_index: Option<u32>| {
            next += 1;
            let mut e = event(
                next,
                s.page_view,
                s.instance,
                name,
                ms,
                f64::from(next) * 10.0,
            );
            e.calc_version = s.version.to_string();
            e.step = step_index.map(|index| Step {
                input_id: format!("i{index}"),
                index,
            });
            out.push(e);
        };
        for s in &stories {
            let names = [
                EventName::View,
                EventName::Start,
                EventName::Result,
                EventName::Engaged,
            ];
            for (name, on) in names.into_iter().zip(s.milestones) {
                if on {
                    push(&mut out, s, name, 0, None);
                }
            }
            for index in 1..=s.steps {
                push(&mut out, s, EventName::Step, 0, Some(index));
            }
            for _ in 0..s.leads {
                push(&mut out, s, EventName::Lead, 0, None);
            }
            let mut flushes = s.flushes_ms.clone();
            flushes.sort_unstable();
            for ms in flushes {
                push(&mut out, s, EventName::Engagement, ms, None);
            }
        }
        out
    }

    fn scenario_events() -> impl Strategy<Value = Vec<Event>> {
        proptest::collection::vec(story(), 0..8).prop_map(|stories| events_of(&stories))
    }

    proptest! {
        #[test]
        fn order_and_duplicates_change_nothing(
            (events, shuffled) in scenario_events().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle())),
            duplicates in proptest::collection::vec(any::<proptest::sample::Index>(), 0..10),
        ) {
            let expected = metrics(&events);
            prop_assert_eq!(&metrics(&shuffled), &expected);
            let mut with_duplicates = shuffled.clone();
            if !events.is_empty() {
                for index in &duplicates {
                    with_duplicates.push(index.get(&events).clone());
                }
            }
            prop_assert_eq!(&metrics(&with_duplicates), &expected);
        }

        #[test]
        fn lost_intermediate_flushes_change_nothing(
            events in scenario_events(),
            drops in proptest::collection::vec(any::<bool>(), 64),
        ) {
            let expected = metrics(&events);
            // An intermediate flush: calc_engagement below its instance's
            // maximum, neither the earliest nor the latest event.
            let max_of = |e: &Event| events
                .iter()
                .filter(|o| o.page_view_id == e.page_view_id && o.instance_id == e.instance_id)
                .map(|o| o.totals.interaction_ms)
                .max()
                .unwrap_or(0);
            let (first, last) = expected.occurred_at_ms_range.unwrap_or((0.0, 0.0));
            let mut dropped = 0;
            let kept: Vec<Event> = events
                .iter()
                .enumerate()
                .filter(|(index, e)| {
                    let intermediate = e.name == EventName::Engagement
                        && e.totals.interaction_ms < max_of(e)
                        && e.occurred_at_ms > first
                        && e.occurred_at_ms < last;
                    let drop = intermediate && drops[index % drops.len()];
                    dropped += usize::from(drop);
                    !drop
                })
                .map(|(_, e)| e.clone())
                .collect();
            let mut actual = metrics(&kept);
            actual.events += dropped;
            prop_assert_eq!(actual, expected);
        }

        #[test]
        fn figures_stay_in_range(events in scenario_events()) {
            let m = metrics(&events);
            prop_assert!((0.0..=1.0).contains(&m.engaged_rate));
            for step in &m.funnel {
                prop_assert!((0.0..=1.0).contains(&step.drop_off));
            }
            prop_assert!(m.views <= m.events && m.starts <= m.events && m.leads <= m.events);
            let i = &m.interaction;
            prop_assert!(i.instances == m.starts);
            prop_assert!(0.0 <= i.median_ms && i.median_ms <= i.p75_ms);
            let max = events.iter().map(|e| e.totals.interaction_ms).max().unwrap_or(0);
            prop_assert!(i.p75_ms <= max as f64);
            prop_assert!(i.instances == 0 || i.p75_ms <= i.total_ms as f64);
            for &(_, count) in &m.steps {
                prop_assert!(count >= 1);
            }
            if let Some((first, last)) = m.occurred_at_ms_range {
                prop_assert!(first <= last);
            }
        }
    }
}
