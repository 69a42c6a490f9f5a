//! The collector's metrics kept as events arrive: how one newly stored event
//! merges into its instance's facts and what that changes in its
//! calculator's totals, and how the totals (with a few order statistics read
//! from an index) become the same [`Metrics`] that [`metrics`] computes from
//! every event.
//!
//! The caller (the collector's store) calls [`merge_event`] once per event
//! id, only when the event was newly stored: a duplicate must change
//! nothing. Sets the store keeps as unique keys (an instance's step
//! indices, the calculator's versions) need no logic here beyond
//! [`step_index`]. It does no I/O and never sees more than one instance and
//! one calculator's totals at a time. Equality with [`metrics`] assumes a
//! resent event is an exact copy: an event id reused with other content
//! counts as first stored.
//!
//! [`metrics`]: super::metrics::metrics

use super::event::{Event, EventName};
use super::metrics::{assemble, Counts, InteractionStats, Metrics};
use crate::uncertainty::summary::percentile_inc;

/// The bit of `name` in [`InstanceFacts::reached`]: 1 << its place in
/// [`EventName::ALL`].
pub fn milestone_bit(name: EventName) -> u8 {
    let place = EventName::ALL
        .iter()
        .position(|&n| n == name)
        .unwrap_or_default();
    1 << place
}

/// What the events stored so far say about one instance (page view id and
/// instance id) of a calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InstanceFacts {
    /// The milestones reached, one [`milestone_bit`] each.
    pub reached: u8,
    /// The largest cumulative `interaction_ms` among its events.
    pub max_interaction_ms: u64,
}

impl InstanceFacts {
    /// Whether the instance has an event named `name`.
    pub fn has(&self, name: EventName) -> bool {
        self.reached & milestone_bit(name) != 0
    }

    /// Its interaction time if it started (the sample the median and p75
    /// are taken over), else `None`. The store indexes this value.
    pub fn started_interaction_ms(&self) -> Option<u64> {
        self.has(EventName::Start)
            .then_some(self.max_interaction_ms)
    }

    fn engaged_view(&self) -> bool {
        self.has(EventName::View) && self.has(EventName::Engaged)
    }
}

/// One calculator's running totals: each a count or sum over its distinct
/// events or instances, so adding newly stored events keeps them exact.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CalcTotals {
    /// Distinct events.
    pub events: u64,
    /// Instances with `calc_view`, `calc_start`, `calc_result`.
    pub views: u64,
    /// Instances with a `calc_start`.
    pub starts: u64,
    /// Instances with a `calc_result`.
    pub results: u64,
    /// Distinct `calc_lead` events.
    pub leads: u64,
    /// Instances with a `calc_lead`.
    pub lead_instances: u64,
    /// Instances with both `calc_view` and `calc_engaged`.
    pub engaged_views: u64,
    /// Sum of the started instances' interaction time.
    pub interaction_total_ms: u64,
    /// Earliest and latest `occurred_at_ms`.
    pub occurred_at_ms_range: Option<(f64, f64)>,
}

/// Merges the newly stored `event` into its instance's facts `before`
/// (default for an instance not seen yet) and its calculator's `totals`;
/// returns the instance's facts after it. Never call it for a duplicate.
pub fn merge_event(totals: &mut CalcTotals, before: InstanceFacts, event: &Event) -> InstanceFacts {
    let after = InstanceFacts {
        reached: before.reached | milestone_bit(event.name),
        max_interaction_ms: before.max_interaction_ms.max(event.totals.interaction_ms),
    };
    totals.events = totals.events.saturating_add(1);
    if event.name == EventName::Lead {
        totals.leads = totals.leads.saturating_add(1);
    }
    let newly = |name: EventName| u64::from(!before.has(name) && after.has(name));
    totals.views = totals.views.saturating_add(newly(EventName::View));
    totals.starts = totals.starts.saturating_add(newly(EventName::Start));
    totals.results = totals.results.saturating_add(newly(EventName::Result));
    totals.lead_instances = totals.lead_instances.saturating_add(newly(EventName::Lead));
    if after.engaged_view() && !before.engaged_view() {
        totals.engaged_views = totals.engaged_views.saturating_add(1);
    }
    // A started instance contributes its maximum: the whole of it when it
    // starts now, the growth of the maximum when it had started before.
    let added_ms = match (
        before.started_interaction_ms(),
        after.started_interaction_ms(),
    ) {
        (_, None) => 0,
        (None, Some(after_ms)) => after_ms,
        (Some(before_ms), Some(after_ms)) => after_ms.saturating_sub(before_ms),
    };
    totals.interaction_total_ms = totals.interaction_total_ms.saturating_add(added_ms);
    let at_ms = event.occurred_at_ms;
    totals.occurred_at_ms_range = Some(match totals.occurred_at_ms_range {
        None => (at_ms, at_ms),
        Some((first, last)) => (first.min(at_ms), last.max(at_ms)),
    });
    after
}

/// The step index an event adds to its instance's set of steps reached.
pub fn step_index(event: &Event) -> Option<u32> {
    event.step.as_ref().map(|step| step.index)
}

/// The quantiles of interaction time the metrics report, in order: median
/// and p75 (`PERCENTILE.INC`).
pub const INTERACTION_QUANTILES: [f64; 2] = [0.5, 0.75];

/// For `started` instances, the 0-based rank (in ascending interaction
/// time) of the value at or below each of [`INTERACTION_QUANTILES`]: the
/// store reads the values at that rank and the next. Empty when none
/// started.
pub fn quantile_ranks(started: u64) -> Vec<u64> {
    let Some(last_rank) = started.checked_sub(1) else {
        return Vec::new();
    };
    INTERACTION_QUANTILES
        .iter()
        .map(|&p| ((p * last_rank as f64).floor() as u64).min(last_rank))
        .collect()
}

/// The values at a rank and at the next (the same value again when the rank
/// is the last), as read from the store's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankPair {
    /// The interaction time at the rank, in ms.
    pub below_ms: u64,
    /// The interaction time at the next rank, in ms (the same when the rank is the last).
    pub above_ms: u64,
}

/// `PERCENTILE.INC` at `p` of `started` values, from the pair at the rank
/// [`quantile_ranks`] gave: the same interpolation as over the whole sample.
fn quantile(started: u64, p: f64, pair: RankPair) -> f64 {
    let last_rank = started.saturating_sub(1) as f64;
    let rank = p * last_rank;
    let fraction = rank - rank.floor().min(last_rank);
    // PERCENTILE.INC of the two values at `fraction` interpolates exactly as
    // it does between those two neighbours of the whole sorted sample.
    percentile_inc(&[pair.below_ms as f64, pair.above_ms as f64], fraction).unwrap_or(0.0)
}

/// Why aggregates cannot become metrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregateError(pub String);

/// The metrics of one calculator from its totals, its step counts (index,
/// instances; ascending), its versions (sorted) and one [`RankPair`] per
/// [`quantile_ranks`] entry. Equal to [`metrics`](super::metrics::metrics)
/// over the same distinct events.
pub fn metrics_from_aggregates(
    totals: &CalcTotals,
    steps: Vec<(u32, usize)>,
    calc_versions: Vec<String>,
    pairs: &[RankPair],
) -> Result<Metrics, AggregateError> {
    let count = |value: u64, what: &str| {
        usize::try_from(value).map_err(|_| AggregateError(format!("{what} out of range")))
    };
    let started = totals.starts;
    let wanted = quantile_ranks(started).len();
    if pairs.len() != wanted {
        return Err(AggregateError(format!(
            "{} order statistics for {wanted} quantiles",
            pairs.len()
        )));
    }
    let mut quantiles = INTERACTION_QUANTILES
        .iter()
        .zip(pairs)
        .map(|(&p, &pair)| quantile(started, p, pair));
    let interaction = InteractionStats {
        instances: count(started, "starts")?,
        median_ms: quantiles.next().unwrap_or(0.0),
        p75_ms: quantiles.next().unwrap_or(0.0),
        total_ms: totals.interaction_total_ms,
    };
    let counts = Counts {
        events: count(totals.events, "events")?,
        views: count(totals.views, "views")?,
        starts: count(totals.starts, "starts")?,
        results: count(totals.results, "results")?,
        leads: count(totals.leads, "leads")?,
        lead_instances: count(totals.lead_instances, "lead instances")?,
        engaged_views: count(totals.engaged_views, "engaged views")?,
    };
    Ok(assemble(
        counts,
        interaction,
        steps,
        calc_versions,
        totals.occurred_at_ms_range,
    ))
}

#[cfg(test)]
#[path = "aggregate_test.rs"]
mod tests;
