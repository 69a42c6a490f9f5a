//! Unit tests of the incremental metrics: a model of the store (maps in
//! memory, merging only event ids not seen before) must give exactly
//! `metrics(&events)` on random event sets with duplicates and reordering.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::engagement::event::{Consent, Step, Totals};
use crate::engagement::metrics::metrics;

/// What the collector's store keeps, in memory.
#[derive(Default)]
struct ModelStore {
    event_ids: BTreeSet<String>,
    instances: BTreeMap<(String, String), InstanceFacts>,
    instance_steps: BTreeSet<(String, String, u32)>,
    steps: BTreeMap<u32, usize>,
    versions: BTreeSet<String>,
    totals: CalcTotals,
}

impl ModelStore {
    fn insert(&mut self, event: &Event) {
        if !self.event_ids.insert(event.event_id.clone()) {
            return;
        }
        let key = (event.page_view_id.clone(), event.instance_id.clone());
        let before = self.instances.get(&key).copied().unwrap_or_default();
        let after = merge_event(&mut self.totals, before, event);
        self.instances.insert(key.clone(), after);
        if let Some(index) = step_index(event) {
            if self.instance_steps.insert((key.0, key.1, index)) {
                *self.steps.entry(index).or_default() += 1;
            }
        }
        self.versions.insert(event.calc_version.clone());
    }

    fn metrics(&self) -> Metrics {
        let mut started: Vec<u64> = self
            .instances
            .values()
            .filter_map(InstanceFacts::started_interaction_ms)
            .collect();
        started.sort_unstable();
        let pairs: Vec<RankPair> = quantile_ranks(started.len() as u64)
            .into_iter()
            .map(|rank| {
                let at = |r: u64| started.get(r as usize).copied();
                let below_ms = at(rank).unwrap_or_default();
                RankPair {
                    below_ms,
                    above_ms: at(rank + 1).unwrap_or(below_ms),
                }
            })
            .collect();
        metrics_from_aggregates(
            &self.totals,
            self.steps.iter().map(|(&i, &n)| (i, n)).collect(),
            self.versions.iter().cloned().collect(),
            &pairs,
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
    }
}

fn event(id: u32, instance: u8, name: EventName, interaction_ms: u64, step: Option<u32>) -> Event {
    Event {
        event_id: format!("00000000-0000-4000-8000-{id:012x}"),
        name,
        sequence: id,
        page_view_id: format!("{:08x}-0000-4000-8000-000000000000", instance / 3),
        instance_id: format!("w{}", instance % 3),
        calc_id: "saas-roi".into(),
        calc_version: format!("1.{}.0", id % 3),
        occurred_at_ms: 1_000.0 + f64::from(id % 17) * 3.5,
        page_time_ms: 0.0,
        consent: Consent::Unknown,
        visitor_id: None,
        totals: Totals {
            interaction_ms,
            in_view_ms: interaction_ms,
            active_page_ms: interaction_ms,
            wall_ms: interaction_ms,
        },
        step: step.map(|index| Step {
            input_id: format!("input{index}"),
            index,
        }),
        scenario: None,
    }
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    let one = (
        0u8..12,
        proptest::sample::select(EventName::ALL.to_vec()),
        0u64..20_000,
        0u32..4,
    );
    proptest::collection::vec(one, 0..60).prop_map(|drawn| {
        drawn
            .into_iter()
            .enumerate()
            .map(|(i, (instance, name, ms, index))| {
                let step = (name == EventName::Step).then_some(index);
                event(i as u32, instance, name, ms, step)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn aggregates_equal_metrics_with_duplicates_and_reordering(
        all in events(),
        resend in proptest::collection::vec(any::<proptest::sample::Index>(), 0..20),
        order in any::<u64>(),
    ) {
        let mut sent = all.clone();
        for pick in &resend {
            if !all.is_empty() {
                sent.push(all[pick.index(all.len())].clone());
            }
        }
        // A deterministic shuffle drawn from `order`.
        let mut state = order | 1;
        for i in (1..sent.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            sent.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut store = ModelStore::default();
        for e in &sent {
            store.insert(e);
        }
        prop_assert_eq!(store.metrics(), metrics(&all));
        prop_assert_eq!(store.metrics(), metrics(&sent));
    }
}

#[test]
fn merging_a_start_adds_its_interaction_once() {
    let mut totals = CalcTotals::default();
    let engaged = merge_event(
        &mut totals,
        InstanceFacts::default(),
        &event(1, 0, EventName::Engagement, 4_000, None),
    );
    assert_eq!(totals.interaction_total_ms, 0, "not started yet");
    let started = merge_event(
        &mut totals,
        engaged,
        &event(2, 0, EventName::Start, 1_000, None),
    );
    assert_eq!(started.started_interaction_ms(), Some(4_000));
    assert_eq!(totals.interaction_total_ms, 4_000);
    let later = merge_event(
        &mut totals,
        started,
        &event(3, 0, EventName::Engagement, 6_500, None),
    );
    assert_eq!(later.max_interaction_ms, 6_500);
    assert_eq!(
        (totals.interaction_total_ms, totals.starts, totals.events),
        (6_500, 1, 3)
    );
}

#[test]
fn quantile_ranks_follow_percentile_inc() {
    assert!(quantile_ranks(0).is_empty());
    assert_eq!(quantile_ranks(1), vec![0, 0]);
    // 4 values: median rank 1.5, p75 rank 2.25.
    assert_eq!(quantile_ranks(4), vec![1, 2]);
    let wrong = metrics_from_aggregates(
        &CalcTotals {
            starts: 4,
            ..CalcTotals::default()
        },
        vec![],
        vec![],
        &[],
    );
    assert!(wrong.is_err());
}
