//! Summary statistics of one output over Monte Carlo trials: count, mean,
//! standard deviation, extremes, P10 / P50 / P90, an equal-width
//! histogram, and the probability of an event such as `NPV > 0`.
//!
//! Conventions:
//!
//! - Failed trials (the output was an error such as `#NUM!`, or not
//!   finite) are counted in `failed_trials` and excluded from every
//!   statistic; `statistics` is `None` when no trial succeeded.
//! - Percentiles follow Excel's `PERCENTILE.INC`: sort ascending, rank
//!   `r = p·(n − 1)` (0-based), interpolate linearly between the values at
//!   `⌊r⌋` and `⌊r⌋ + 1`.
//! - The standard deviation is the sample one (Excel's `STDEV.S`, divisor
//!   `n − 1`), 0 for a single value. Mean and deviation are two-pass sums in
//!   trial order, scaled by 2⁻⁶⁰⁰ when a value exceeds 1e150 so that no sum
//!   overflows; a deviation beyond `f64::MAX` is reported as `f64::MAX`.
//! - The histogram has a given number of equal-width bins from min to max;
//!   bin `i` holds values in `[lowerᵢ, upperᵢ)`, the last also holds max.
//!   When every value is equal there is a single bin `[v, v]`.
//!
//! Nothing here returns NaN or infinity, panics or allocates more than a
//! copy of the values (reordered to select the percentiles) and the bins. It knows nothing of models.

use super::shape::clamp_between;

/// Histogram bins when the caller names none.
pub const DEFAULT_HISTOGRAM_BINS: usize = 20;
/// The most histogram bins a summary may ask for.
pub const MAX_HISTOGRAM_BINS: usize = 200;

/// Values above this magnitude make the sums run on scaled values.
const SCALING_THRESHOLD: f64 = 1e150;
/// The scale (a power of two, so scaling is exact) for such values.
const SCALE_DOWN: f64 = 2.409_919_865_102_884e-181; // 2^-600
const SCALE_UP: f64 = 4.149_515_568_880_993e180; // 2^600

/// One histogram bin: the count of values in `[lower, upper)` (the last bin
/// also holds its upper edge).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// The bin's lower edge (inclusive).
    pub lower: f64,
    /// The bin's upper edge (exclusive, but for the last bin).
    pub upper: f64,
    /// Values in the bin.
    pub count: usize,
}

/// Equal-width bins from the smallest to the largest value.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The bins, lowest first.
    pub bins: Vec<Bin>,
}

/// Statistics of the successful trials of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    /// The arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (divisor `n − 1`).
    pub std_dev: f64,
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// `PERCENTILE.INC(values, 0.1)`.
    pub p10: f64,
    /// `PERCENTILE.INC(values, 0.5)`, the median.
    pub p50: f64,
    /// `PERCENTILE.INC(values, 0.9)`.
    pub p90: f64,
    /// The values' distribution in equal-width bins.
    pub histogram: Histogram,
}

/// The summary of one output over the trials run so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Trials run, failed ones included.
    pub trials: usize,
    /// Trials whose output was an error, excluded from `statistics`.
    pub failed_trials: usize,
    /// `None` when no trial succeeded.
    pub statistics: Option<Statistics>,
}

impl Summary {
    /// Summarizes the successful values (all finite; any that is not is
    /// counted as failed) plus `failed_trials` failures, with
    /// `histogram_bins` bins (clamped into 1..=[`MAX_HISTOGRAM_BINS`]).
    pub fn from_values(values: &[f64], failed_trials: usize, histogram_bins: usize) -> Summary {
        let mut finite = Vec::with_capacity(values.len());
        for &x in values {
            if x.is_finite() {
                finite.push(x);
            }
        }
        let failed_trials = failed_trials.saturating_add(values.len() - finite.len());
        let trials = finite.len().saturating_add(failed_trials);
        // Sums in trial order.
        let (mean, std_dev) = mean_and_std_dev(&finite);
        // Percentiles by selection ([`select`]) rather than a full sort, on
        // integer keys in `total_cmp` order: the same order statistics
        // (equal keys are bit-identical values), in O(n).
        let mut keys = Vec::with_capacity(finite.len());
        for &x in &finite {
            keys.push(order_key(x));
        }
        let mut extremes: Option<(i64, i64)> = None;
        for &k in &keys {
            extremes = Some(extremes.map_or((k, k), |(lo, hi)| (lo.min(k), hi.max(k))));
        }
        let min = extremes.map(|(lo, _)| from_order_key(lo));
        let max = extremes.map(|(_, hi)| from_order_key(hi));
        let [p10, p50, p90] = percentiles_inc_unsorted(&mut keys, [0.1, 0.5, 0.9]);
        let statistics = match (min, max) {
            (Some(min), Some(max)) => Some(Statistics {
                mean,
                std_dev,
                min,
                max,
                p10: p10.unwrap_or(min),
                p50: p50.unwrap_or(min),
                p90: p90.unwrap_or(max),
                histogram: histogram_between(&finite, min, max, histogram_bins),
            }),
            _ => None,
        };
        Summary {
            trials,
            failed_trials,
            statistics,
        }
    }

    /// Trials that entered the statistics.
    pub fn succeeded_trials(&self) -> usize {
        self.trials.saturating_sub(self.failed_trials)
    }
}

/// Mean and sample standard deviation of finite values (module docs);
/// `(0, 0)` for no values.
fn mean_and_std_dev(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    // Plain loops: each fold, map and sum was a body of its own. Sums
    // start from -0.0, as `Sum` for f64 does.
    let mut largest = 0.0f64;
    for x in values {
        largest = largest.max(x.abs());
    }
    let (down, up) = if largest > SCALING_THRESHOLD {
        (SCALE_DOWN, SCALE_UP)
    } else {
        (1.0, 1.0)
    };
    let n = values.len() as f64;
    let mut sum_scaled = -0.0f64;
    for x in values {
        sum_scaled += x * down;
    }
    let mean_scaled = sum_scaled / n;
    let mean = clamp_between(mean_scaled * up, -f64::MAX, f64::MAX);
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let mut squares = -0.0f64;
    for x in values {
        let deviation = x * down - mean_scaled;
        squares += deviation * deviation;
    }
    let std_dev = ((squares / (n - 1.0)).sqrt() * up).min(f64::MAX);
    (mean, std_dev)
}

/// Excel's `PERCENTILE.INC` of ascending-sorted finite values: rank
/// `p·(n − 1)`, linear interpolation. `None` for no values or `p` outside
/// [0, 1].
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    let (below_index, fraction) = percentile_rank(sorted.len(), p)?;
    let below = *sorted.get(below_index)?;
    let above = *sorted.get(below_index + 1).unwrap_or(&below);
    Some(interpolate(below, above, fraction))
}

/// An integer whose order is `f64::total_cmp`'s: negative values have
/// their magnitude bits flipped. Its own inverse ([`from_order_key`]).
fn order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

fn from_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ ((((key >> 63) as u64) >> 1) as i64)) as u64)
}

/// [`percentile_inc`] at ascending `ps` of finite values in any order,
/// given as [`order_key`]s and found by selection (the keys are
/// reordered). After selecting rank `k`, the positions from `k` on hold
/// exactly the ranks from `k` on, so each later search starts there.
fn percentiles_inc_unsorted<const N: usize>(keys: &mut [i64], ps: [f64; N]) -> [Option<f64>; N] {
    let mut results = [None; N];
    let mut start = 0;
    for (result, p) in results.iter_mut().zip(ps) {
        let Some((below_index, fraction)) = percentile_rank(keys.len(), p) else {
            continue;
        };
        let Some(local) = below_index.checked_sub(start) else {
            continue;
        };
        let Some(rest) = keys.get_mut(start..).filter(|rest| local < rest.len()) else {
            continue;
        };
        select(rest, local);
        let Some(&below) = rest.get(local) else {
            continue;
        };
        let above = rest
            .get(local + 1..)
            .and_then(|above| above.iter().copied().min())
            .unwrap_or(below);
        *result = Some(interpolate(
            from_order_key(below),
            from_order_key(above),
            fraction,
        ));
        start = below_index;
    }
    results
}

/// Reorders `keys` so that position `rank` holds the key of that rank in
/// ascending order, no key before it is greater and no key after it is
/// smaller (what `select_nth_unstable` promises, without the standard
/// library's 2.5 KB of wasm for it).
///
/// Quickselect with a median-of-three pivot. Each round splits the window
/// into keys below the pivot and the rest; when none is below, the rest
/// splits into keys equal to the pivot and above it, so runs of equal keys
/// (a clamped output) end the search. Every round shrinks the window.
/// Expected O(n) on trial results, whose order is random; should a window
/// still be large after `2·log₂ n + 4` rounds, it is sorted instead
/// (O(n log n)).
fn select(keys: &mut [i64], rank: usize) {
    let rounds = 2 * (usize::BITS - keys.len().leading_zeros()) + 4;
    select_within(keys, rank, rounds);
}

/// [`select`] with at most `rounds` partitions before the sort.
fn select_within(keys: &mut [i64], rank: usize, rounds: u32) {
    // Ranks below `low` and from `high` on are in place; `rank` lies in between.
    let (mut low, mut high) = (0, keys.len());
    let mut rounds_left = rounds;
    while let Some(window) = keys.get_mut(low..high).filter(|window| window.len() > 1) {
        if rounds_left == 0 {
            sort_keys(window);
            return;
        }
        rounds_left -= 1;
        let (Some(&first), Some(&middle), Some(&last)) =
            (window.first(), window.get(window.len() / 2), window.last())
        else {
            return;
        };
        let pivot = first.max(middle).min(first.min(middle).max(last));
        let local = rank - low;
        let below = partition(window, pivot, false);
        if below > 0 {
            // Both sides are non-empty: the pivot itself is not below.
            if local < below {
                high = low + below;
            } else {
                low += below;
            }
            continue;
        }
        let up_to_pivot = partition(window, pivot, true);
        if local < up_to_pivot {
            // Every key there equals the pivot.
            return;
        }
        low += up_to_pivot;
    }
}

/// Moves the keys below `pivot` (or equal to it too, with `or_equal`) to
/// the front and returns how many there are.
fn partition(keys: &mut [i64], pivot: i64, or_equal: bool) -> usize {
    let goes_first = |key: i64| key < pivot || (or_equal && key == pivot);
    let (mut front, mut back) = (0, keys.len());
    loop {
        while keys
            .get(front)
            .is_some_and(|&key| front < back && goes_first(key))
        {
            front += 1;
        }
        while back > front && keys.get(back - 1).is_some_and(|&key| !goes_first(key)) {
            back -= 1;
        }
        if back - front < 2 {
            return front;
        }
        keys.swap(front, back - 1);
        front += 1;
        back -= 1;
    }
}

/// Sorts keys ascending with the crate's one merge sort (the rare fallback
/// of [`select`]).
fn sort_keys(keys: &mut [i64]) {
    let order = crate::small_sort::sorted_indices(keys.len(), &|a, b| keys.get(a) < keys.get(b));
    let mut sorted = Vec::with_capacity(order.len());
    for &i in &order {
        if let Some(&key) = keys.get(i) {
            sorted.push(key);
        }
    }
    for (key, sorted_key) in keys.iter_mut().zip(sorted) {
        *key = sorted_key;
    }
}

/// The 0-based index below rank `p·(n − 1)` and the fraction past it.
fn percentile_rank(count: usize, p: f64) -> Option<(usize, f64)> {
    if !(0.0..=1.0).contains(&p) {
        return None;
    }
    let last_index = count.checked_sub(1)?;
    let rank = p * last_index as f64;
    let below_index = (rank.floor() as usize).min(last_index);
    Some((below_index, rank - below_index as f64))
}

fn interpolate(below: f64, above: f64, fraction: f64) -> f64 {
    let gap = above - below;
    let value = if gap.is_finite() {
        below + fraction * gap
    } else {
        below * (1.0 - fraction) + above * fraction
    };
    clamp_between(value, below.min(above), below.max(above))
}

/// Equal-width histogram of ascending-sorted finite values (module docs).
pub fn histogram(sorted: &[f64], bins: usize) -> Histogram {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Histogram { bins: Vec::new() };
    };
    histogram_between(sorted, min, max, bins)
}

/// Equal-width histogram of finite values in any order, from their
/// smallest `min` to their largest `max`.
fn histogram_between(values: &[f64], min: f64, max: f64, bins: usize) -> Histogram {
    // Halved edges keep `max − min` finite for any finite pair.
    let half_min = min / 2.0;
    let half_range = max / 2.0 - half_min;
    if min >= max || half_range <= 0.0 {
        return Histogram {
            bins: vec![Bin {
                lower: min,
                upper: max,
                count: values.len(),
            }],
        };
    }
    let bin_count = bins.clamp(1, MAX_HISTOGRAM_BINS);
    let edge = |i: usize| {
        if i >= bin_count {
            max
        } else {
            clamp_between(
                2.0 * (half_min + half_range * (i as f64 / bin_count as f64)),
                min,
                max,
            )
        }
    };
    let mut counts = vec![0usize; bin_count];
    for &value in values {
        let position = (value / 2.0 - half_min) / half_range * bin_count as f64;
        let index = (position.max(0.0) as usize).min(bin_count - 1);
        if let Some(count) = counts.get_mut(index) {
            *count += 1;
        }
    }
    let mut bins = Vec::with_capacity(counts.len());
    for (i, count) in counts.into_iter().enumerate() {
        bins.push(Bin {
            lower: edge(i),
            upper: edge(i + 1),
            count,
        });
    }
    Histogram { bins }
}

/// How a value is compared with an [`Event`]'s threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `value > threshold`
    Above,
    /// `value >= threshold`
    AtLeast,
    /// `value < threshold`
    Below,
    /// `value <= threshold`
    AtMost,
}

/// What a failed trial means for an [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailedTrials {
    /// Leave failed trials out: the probability is among successful trials.
    Excluded,
    /// A failed trial does not satisfy the event (a payback that never
    /// happens is not "payback < 24 months").
    CountAsMiss,
    /// A failed trial satisfies the event.
    CountAsHit,
}

/// An event on one output, such as `NPV > 0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    /// Which side of the threshold counts (`>`, `<`, ...).
    pub comparison: Comparison,
    /// The value compared with.
    pub threshold: f64,
    /// How trials whose output is an error count.
    pub failed_trials: FailedTrials,
}

impl Event {
    /// Whether a successful trial's value satisfies the event.
    pub fn holds_for(&self, value: f64) -> bool {
        match self.comparison {
            Comparison::Above => value > self.threshold,
            Comparison::AtLeast => value >= self.threshold,
            Comparison::Below => value < self.threshold,
            Comparison::AtMost => value <= self.threshold,
        }
    }
}

/// The fraction of trials in which `event` holds, given the successful
/// values and the count of failed trials (counted as `event` says).
/// `None` when no trial is counted (or the threshold is NaN).
pub fn probability(values: &[f64], failed_trials: usize, event: &Event) -> Option<f64> {
    if event.threshold.is_nan() {
        return None;
    }
    // A plain loop: the filter and count chains were bodies of their own.
    let (mut successes, mut hits) = (0usize, 0usize);
    for &x in values {
        if x.is_finite() {
            successes += 1;
            hits += usize::from(event.holds_for(x));
        }
    }
    let failed = failed_trials.saturating_add(values.len() - successes);
    let (hits, counted) = match event.failed_trials {
        FailedTrials::Excluded => (hits, successes),
        FailedTrials::CountAsMiss => (hits, successes.saturating_add(failed)),
        FailedTrials::CountAsHit => (
            hits.saturating_add(failed),
            successes.saturating_add(failed),
        ),
    };
    (counted > 0).then(|| hits as f64 / counted as f64)
}

#[cfg(test)]
#[path = "summary_test.rs"]
mod tests;
