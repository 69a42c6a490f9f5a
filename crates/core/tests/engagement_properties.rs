//! Property tests of the engagement tracker over random fact sequences:
//! `interaction <= in view <= active page <= wall` for every instance after
//! every fact, interaction summed over instances never exceeds active page
//! time, totals never decrease, sequence numbers count up by one, a refused
//! fact changes nothing, and the same seed and facts give the same events.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use std::collections::HashMap;
use yardstick_core::engagement::clock::PageFact;
use yardstick_core::engagement::event::{Event, Totals};
use yardstick_core::engagement::tracker::{Tracker, TrackerError, TrackerOptions};

#[derive(Debug, Clone)]
enum Fact {
    AddWidget,
    RemoveWidget(usize),
    Page(PageFact),
    Intersection(usize, f64),
    Input(usize, Option<usize>, bool),
    Lead(usize),
    Advance,
    Flush,
}

fn page_fact() -> impl Strategy<Value = PageFact> {
    prop_oneof![
        any::<bool>().prop_map(PageFact::Visibility),
        any::<bool>().prop_map(PageFact::Focus),
        Just(PageFact::Freeze),
        Just(PageFact::Resume),
        Just(PageFact::PageHide),
        Just(PageFact::PageShow),
    ]
}

fn fact() -> impl Strategy<Value = Fact> {
    let widget = 0usize..4;
    prop_oneof![
        1 => Just(Fact::AddWidget),
        1 => widget.clone().prop_map(Fact::RemoveWidget),
        3 => page_fact().prop_map(Fact::Page),
        3 => (widget.clone(), prop_oneof![Just(0.0), Just(0.5), Just(1.0), 0.0f64..=1.0])
            .prop_map(|(w, r)| Fact::Intersection(w, r)),
        6 => (widget.clone(), prop::option::of(0usize..4), any::<bool>())
            .prop_map(|(w, i, c)| Fact::Input(w, i, c)),
        1 => widget.prop_map(Fact::Lead),
        3 => Just(Fact::Advance),
        1 => Just(Fact::Flush),
    ]
}

/// A fact and how long after the previous one it comes (often 0, sometimes
/// past the idle timeout, with fractions of a millisecond).
fn timed_fact() -> impl Strategy<Value = (f64, Fact)> {
    let delay_ms = prop_oneof![Just(0.0), 0.0f64..50.0, 0.0f64..20_000.0, 0.0f64..70_000.0];
    (delay_ms, fact())
}

const SEED: [u8; 32] = [42; 32];

/// Applies one fact; widget indexes pick among the live instances.
fn apply(tracker: &mut Tracker, fact: &Fact, now_ms: f64) -> Result<Vec<Event>, TrackerError> {
    let ids: Vec<String> = tracker.instance_ids().map(str::to_string).collect();
    let pick = |index: usize| ids.get(index % ids.len().max(1)).cloned();
    let inputs = ["seats", "price", "hours", "rate"];
    match fact {
        Fact::AddWidget => tracker.add_widget("roi", "1", now_ms).map(|_| Vec::new()),
        Fact::RemoveWidget(w) => match pick(*w) {
            Some(id) => tracker.remove_widget(&id, now_ms),
            None => tracker.advance(now_ms),
        },
        Fact::Page(page) => tracker.page_fact(*page, now_ms),
        Fact::Intersection(w, ratio) => match pick(*w) {
            Some(id) => tracker.intersection(&id, *ratio, now_ms),
            None => tracker.advance(now_ms),
        },
        Fact::Input(w, input, committed) => match pick(*w) {
            Some(id) => tracker.input(&id, input.map(|i| inputs[i]), *committed, now_ms),
            None => tracker.advance(now_ms),
        },
        Fact::Lead(w) => match pick(*w) {
            Some(id) => tracker.lead(&id, now_ms),
            None => tracker.advance(now_ms),
        },
        Fact::Advance => tracker.advance(now_ms),
        Fact::Flush => tracker.flush(now_ms),
    }
}

/// Runs the facts, checking the invariants after each; returns every event.
fn run(facts: &[(f64, Fact)]) -> Vec<Event> {
    let mut tracker = Tracker::new(TrackerOptions::new(&SEED, 1.7e12, 0.0)).unwrap();
    tracker.add_widget("roi", "1", 0.0).unwrap();
    let mut now_ms = 0.0;
    let mut events: Vec<Event> = Vec::new();
    let mut last_totals: HashMap<String, Totals> = HashMap::new();
    for (delay_ms, fact) in facts {
        now_ms += delay_ms;
        events.extend(apply(&mut tracker, fact, now_ms).unwrap());
        let ids: Vec<String> = tracker.instance_ids().map(str::to_string).collect();
        let mut interaction_sum_ms = 0;
        let mut active_page_ms = 0;
        for id in ids {
            let totals = tracker.totals(&id, now_ms).unwrap();
            assert!(totals.is_ordered(), "{id} at {now_ms}: {totals:?}");
            interaction_sum_ms += totals.interaction_ms;
            active_page_ms = totals.active_page_ms;
            if let Some(before) = last_totals.get(&id) {
                assert!(
                    totals.interaction_ms >= before.interaction_ms
                        && totals.in_view_ms >= before.in_view_ms
                        && totals.active_page_ms >= before.active_page_ms
                        && totals.wall_ms >= before.wall_ms,
                    "{id} went down: {before:?} -> {totals:?}"
                );
            }
            last_totals.insert(id, totals);
        }
        assert!(
            interaction_sum_ms <= active_page_ms,
            "{interaction_sum_ms} > {active_page_ms}"
        );
    }
    for (expected, event) in events.iter().enumerate() {
        assert_eq!(event.sequence as usize, expected);
        assert!(event.totals.is_ordered(), "{event:?}");
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_clocks_stay_ordered_exclusive_and_monotone(
        facts in prop::collection::vec(timed_fact(), 1..60)
    ) {
        run(&facts);
    }

    #[test]
    fn the_same_seed_and_facts_give_identical_events(
        facts in prop::collection::vec(timed_fact(), 1..40)
    ) {
        prop_assert_eq!(run(&facts), run(&facts));
    }

    #[test]
    fn a_fact_earlier_than_the_last_is_refused_and_changes_nothing(
        facts in prop::collection::vec(timed_fact(), 1..30),
        late in fact(),
        back_ms in 0.001f64..10_000.0,
    ) {
        let mut tracker = Tracker::new(TrackerOptions::new(&SEED, 0.0, 0.0)).unwrap();
        tracker.add_widget("roi", "1", 0.0).unwrap();
        let mut now_ms = 0.0;
        for (delay_ms, fact) in &facts {
            now_ms += delay_ms;
            apply(&mut tracker, fact, now_ms).unwrap();
        }
        prop_assume!(now_ms > 0.0);
        let before = tracker.clone();
        let earlier_ms = (now_ms - back_ms).max(0.0);
        prop_assume!(earlier_ms < now_ms);
        if !matches!(late, Fact::AddWidget) || tracker.instance_ids().count() < 64 {
            prop_assert!(apply(&mut tracker, &late, earlier_ms).is_err());
        }
        prop_assert_eq!(tracker, before);
    }

    #[test]
    fn milestones_other_than_leads_and_engagement_fire_at_most_once(
        facts in prop::collection::vec(timed_fact(), 1..60)
    ) {
        let events = run(&facts);
        let mut seen = std::collections::HashSet::new();
        for event in &events {
            let key = (
                event.instance_id.clone(),
                event.name,
                event.step.as_ref().map(|s| s.input_id.clone()),
            );
            let repeatable = matches!(
                event.name.as_str(),
                "calc_lead" | "calc_engagement"
            );
            prop_assert!(repeatable || seen.insert(key), "twice: {event:?}");
        }
    }
}
