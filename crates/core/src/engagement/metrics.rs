//! The collector's metrics for one calculator (docs/engagement.md, "The
//! collector"): milestone counts, engaged rate, interaction time, the funnel
//! and the steps, computed from that calculator's events in any order.
//!
//! Every figure is a set or a maximum over the events, so duplicates, lost
//! intermediate flushes and reordering change nothing: an instance (page
//! view id and instance id) counts once per milestone, and its interaction
//! time is the largest cumulative `interaction_ms` among its events. It
//! never filters by calculator (the caller passes one calculator's events)
//! and does no I/O.

use std::collections::{BTreeMap, BTreeSet};

use super::event::{Event, EventName};
use crate::json::Node;
use crate::uncertainty::summary::percentile_inc;

/// The funnel's steps, in order.
pub const FUNNEL: [EventName; 4] = [
    EventName::View,
    EventName::Start,
    EventName::Result,
    EventName::Lead,
];

/// Interaction time over the instances that started.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionStats {
    /// Instances that started (the sample size).
    pub instances: usize,
    /// `PERCENTILE.INC(values, 0.5)`; 0 when no instance started.
    pub median_ms: f64,
    /// `PERCENTILE.INC(values, 0.75)`; 0 when no instance started.
    pub p75_ms: f64,
    /// Sum over those instances.
    pub total_ms: u64,
}

/// One funnel step: the instances that reached it and the fraction lost
/// since the previous step.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStep {
    /// The milestone this step counts.
    pub name: EventName,
    /// Instances with at least one event of this name.
    pub count: usize,
    /// `(previous count - count) / previous count`, within [0, 1]; 0 for
    /// the first step and when the step has as many instances as the one
    /// before or more (a start without a view, say).
    pub drop_off: f64,
}

/// The metrics of one calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Distinct event ids.
    pub events: usize,
    /// Instances with a `calc_view`.
    pub views: usize,
    /// Instances with a `calc_start`.
    pub starts: usize,
    /// Instances with a `calc_result`.
    pub results: usize,
    /// Distinct `calc_lead` events (a visitor may submit more than one lead).
    pub leads: usize,
    /// Viewed instances that also have `calc_engaged`, over viewed instances
    /// (0 when none was viewed).
    pub engaged_rate: f64,
    /// Interaction time per started instance: median, p75 and the share engaged.
    pub interaction: InteractionStats,
    /// View, start, result, lead.
    pub funnel: Vec<FunnelStep>,
    /// For each `step_index`, ascending, the instances that reached it.
    pub steps: Vec<(u32, usize)>,
    /// Every `calc_version` seen, sorted.
    pub calc_versions: Vec<String>,
    /// Earliest and latest `occurred_at_ms`; `None` without events.
    pub occurred_at_ms_range: Option<(f64, f64)>,
}

/// What the events say about one instance.
#[derive(Default)]
struct InstanceFacts {
    reached: BTreeSet<EventName>,
    max_interaction_ms: u64,
    step_indices: BTreeSet<u32>,
}

/// The metrics of one calculator's events (any order, duplicates allowed).
pub fn metrics(events: &[Event]) -> Metrics {
    let mut instances: BTreeMap<(&str, &str), InstanceFacts> = BTreeMap::new();
    let mut event_ids = BTreeSet::new();
    let mut lead_ids = BTreeSet::new();
    let mut calc_versions = BTreeSet::new();
    let mut range: Option<(f64, f64)> = None;
    for event in events {
        event_ids.insert(event.event_id.as_str());
        if event.name == EventName::Lead {
            lead_ids.insert(event.event_id.as_str());
        }
        calc_versions.insert(event.calc_version.as_str());
        range = Some(match range {
            None => (event.occurred_at_ms, event.occurred_at_ms),
            Some((first, last)) => (
                first.min(event.occurred_at_ms),
                last.max(event.occurred_at_ms),
            ),
        });
        let facts = instances
            .entry((event.page_view_id.as_str(), event.instance_id.as_str()))
            .or_default();
        facts.reached.insert(event.name);
        facts.max_interaction_ms = facts.max_interaction_ms.max(event.totals.interaction_ms);
        if let Some(step) = &event.step {
            facts.step_indices.insert(step.index);
        }
    }

    let reached = |name: EventName| {
        instances
            .values()
            .filter(|facts| facts.reached.contains(&name))
            .count()
    };
    let engaged_views = instances
        .values()
        .filter(|f| f.reached.contains(&EventName::View) && f.reached.contains(&EventName::Engaged))
        .count();

    let mut steps: BTreeMap<u32, usize> = BTreeMap::new();
    for index in instances.values().flat_map(|f| f.step_indices.iter()) {
        *steps.entry(*index).or_default() += 1;
    }

    let counts = Counts {
        events: event_ids.len(),
        views: reached(EventName::View),
        starts: reached(EventName::Start),
        results: reached(EventName::Result),
        leads: lead_ids.len(),
        lead_instances: reached(EventName::Lead),
        engaged_views,
    };
    assemble(
        counts,
        interaction_stats(&instances),
        steps.into_iter().collect(),
        calc_versions.into_iter().map(str::to_string).collect(),
        range,
    )
}

/// The counts a calculator's metrics are derived from.
pub(super) struct Counts {
    pub events: usize,
    pub views: usize,
    pub starts: usize,
    pub results: usize,
    /// Distinct `calc_lead` events.
    pub leads: usize,
    /// Instances with a `calc_lead`.
    pub lead_instances: usize,
    /// Viewed instances that also have `calc_engaged`.
    pub engaged_views: usize,
}

/// The metrics from their counts and the rest: the funnel and the engaged
/// rate are derived here, so [`metrics`] and the collector's aggregates
/// (`engagement::aggregate`) derive them alike.
pub(super) fn assemble(
    counts: Counts,
    interaction: InteractionStats,
    steps: Vec<(u32, usize)>,
    calc_versions: Vec<String>,
    occurred_at_ms_range: Option<(f64, f64)>,
) -> Metrics {
    let mut previous: Option<usize> = None;
    let funnel = FUNNEL
        .iter()
        .map(|&name| {
            let count = match name {
                EventName::View => counts.views,
                EventName::Start => counts.starts,
                EventName::Result => counts.results,
                // `Lead`, the funnel's last step: instances, not lead events.
                _ => counts.lead_instances,
            };
            let drop_off = match previous {
                Some(before) if before > count => (before - count) as f64 / before as f64,
                _ => 0.0,
            };
            previous = Some(count);
            FunnelStep {
                name,
                count,
                drop_off,
            }
        })
        .collect();
    Metrics {
        events: counts.events,
        views: counts.views,
        starts: counts.starts,
        results: counts.results,
        leads: counts.leads,
        engaged_rate: ratio(counts.engaged_views, counts.views),
        interaction,
        funnel,
        steps,
        calc_versions,
        occurred_at_ms_range,
    }
}

fn interaction_stats(instances: &BTreeMap<(&str, &str), InstanceFacts>) -> InteractionStats {
    let started: Vec<u64> = instances
        .values()
        .filter(|facts| facts.reached.contains(&EventName::Start))
        .map(|facts| facts.max_interaction_ms)
        .collect();
    let mut sorted: Vec<f64> = started.iter().map(|&ms| ms as f64).collect();
    sorted.sort_by(f64::total_cmp);
    InteractionStats {
        instances: started.len(),
        median_ms: percentile_inc(&sorted, 0.5).unwrap_or(0.0),
        p75_ms: percentile_inc(&sorted, 0.75).unwrap_or(0.0),
        total_ms: started.iter().fold(0u64, |sum, &ms| sum.saturating_add(ms)),
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Metrics {
    /// The API's JSON form (docs/engagement.md, "The metrics API"), for
    /// the calculator `calc_id`.
    pub fn to_node(&self, calc_id: &str) -> Node {
        let count = |n: usize| Node::Number(n as f64);
        let entry = |key: &str, value: Node| (key.to_string(), value);
        let (first, last) = match self.occurred_at_ms_range {
            Some((first, last)) => (Node::Number(first), Node::Number(last)),
            None => (Node::Null, Node::Null),
        };
        Node::Map(vec![
            entry("calc_id", Node::Text(calc_id.to_string())),
            entry("events", count(self.events)),
            entry("views", count(self.views)),
            entry("starts", count(self.starts)),
            entry("results", count(self.results)),
            entry("leads", count(self.leads)),
            entry("engaged_rate", Node::Number(self.engaged_rate)),
            entry(
                "interaction_ms",
                Node::Map(vec![
                    entry("instances", count(self.interaction.instances)),
                    entry("median", Node::Number(self.interaction.median_ms)),
                    entry("p75", Node::Number(self.interaction.p75_ms)),
                    entry("total", Node::Number(self.interaction.total_ms as f64)),
                ]),
            ),
            entry(
                "funnel",
                Node::List(
                    self.funnel
                        .iter()
                        .map(|step| {
                            Node::Map(vec![
                                entry("step", Node::Text(funnel_label(step.name).to_string())),
                                entry("count", count(step.count)),
                                entry("drop_off", Node::Number(step.drop_off)),
                            ])
                        })
                        .collect(),
                ),
            ),
            entry(
                "steps",
                Node::List(
                    self.steps
                        .iter()
                        .map(|&(index, instances)| {
                            Node::Map(vec![
                                entry("step_index", Node::Number(f64::from(index))),
                                entry("count", count(instances)),
                            ])
                        })
                        .collect(),
                ),
            ),
            entry(
                "calc_versions",
                Node::List(
                    self.calc_versions
                        .iter()
                        .map(|v| Node::Text(v.clone()))
                        .collect(),
                ),
            ),
            entry("first_occurred_at_ms", first),
            entry("last_occurred_at_ms", last),
        ])
    }
}

/// `view`, `start`, `result`, `lead`: the funnel's step names in the API.
pub fn funnel_label(name: EventName) -> &'static str {
    let wire = name.as_str();
    wire.strip_prefix("calc_").unwrap_or(wire)
}

#[cfg(test)]
#[path = "metrics_test.rs"]
mod tests;
