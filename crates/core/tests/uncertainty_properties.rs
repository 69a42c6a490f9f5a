//! Property tests of the uncertainty module: the same seed gives identical
//! summaries, chunking never changes a run, samples stay within their
//! distribution's bounds, and arbitrary parameters (NaN and infinity
//! included) never panic or produce a non-finite number: invalid ones are
//! errors.
//!
//! Case counts are kept small so the file runs in a few seconds in debug.
// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use proptest::prelude::*;
use yardstick_core::uncertainty::{
    Comparison, Distribution, Event, FailedTrials, MonteCarloPlan, MonteCarloRun, Summary, TrialRng,
};

/// Values at the edges: NaN, infinities, zero, huge, subnormal.
const AWKWARD: [f64; 12] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    1e300,
    -1e300,
    1e-300,
    f64::MAX,
    5e-324,
    1e-310,
    -1e-310,
    1e-320,
];

/// Any f64 at all, weighted towards the awkward ones.
fn any_number() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => -1e6..1e6f64,
        1 => any::<f64>(),
        2 => proptest::sample::select(AWKWARD.to_vec()),
    ]
    .boxed()
}

/// Any distribution, valid or not.
fn any_distribution() -> BoxedStrategy<Distribution> {
    prop_oneof![
        (any_number(), any_number()).prop_map(|(min, max)| Distribution::Uniform { min, max }),
        (any_number(), any_number(), any_number())
            .prop_map(|(min, mode, max)| Distribution::Triangular { min, mode, max }),
        (any_number(), any_number(), any_number())
            .prop_map(|(min, mode, max)| Distribution::Pert { min, mode, max }),
        (
            any_number(),
            any_number(),
            proptest::option::of(any_number()),
            proptest::option::of(any_number())
        )
            .prop_map(|(mean, sd, min, max)| Distribution::Normal { mean, sd, min, max }),
    ]
    .boxed()
}

/// A valid distribution with everyday parameters.
fn valid_distribution() -> impl Strategy<Value = Distribution> {
    let range = (-1e4..1e4f64, 1e-3..1e4f64, 0.0..=1.0f64);
    prop_oneof![
        range
            .clone()
            .prop_map(|(min, width, _)| Distribution::Uniform {
                min,
                max: min + width
            }),
        range
            .clone()
            .prop_map(|(min, width, f)| Distribution::Triangular {
                min,
                mode: min + f * width,
                max: min + width,
            }),
        range.prop_map(|(min, width, f)| Distribution::Pert {
            min,
            mode: min + f * width,
            max: min + width,
        }),
        (
            -1e4..1e4f64,
            1e-3..1e3f64,
            proptest::option::of(-10.0..10.0f64),
            proptest::option::of(0.0..20.0f64)
        )
            .prop_map(|(mean, sd, low_z, width_z)| {
                // Bounds in standard units around (or away from) the mean.
                let min = low_z.map(|z| mean + z * sd);
                let max = width_z.map(|w| mean + (low_z.unwrap_or(-10.0) + w.max(1e-3)) * sd);
                Distribution::Normal { mean, sd, min, max }
            }),
    ]
}

fn bounds(distribution: &Distribution) -> (f64, f64) {
    match *distribution {
        Distribution::Uniform { min, max }
        | Distribution::Triangular { min, max, .. }
        | Distribution::Pert { min, max, .. } => (min, max),
        Distribution::Normal { min, max, .. } => (
            min.unwrap_or(f64::NEG_INFINITY),
            max.unwrap_or(f64::INFINITY),
        ),
    }
}

/// A toy model: the sum of the samples, and its square root (failing for
/// negative sums, as `#NUM!` would).
fn toy_model(sample: &[f64], results: &mut [Option<f64>]) {
    let total: f64 = sample.iter().sum();
    results[0] = Some(total);
    results[1] = (total >= 0.0).then(|| total.sqrt());
}

/// Runs a plan to the end in chunks of `chunk` trials.
fn run_in_chunks(plan: MonteCarloPlan, chunk: usize) -> MonteCarloRun {
    let mut run = MonteCarloRun::new(plan, 2).unwrap();
    while !run.advance(chunk, toy_model).done {}
    run
}

fn summary_is_finite(summary: &Summary) -> bool {
    summary.statistics.as_ref().map_or(true, |s| {
        [s.mean, s.std_dev, s.min, s.max, s.p10, s.p50, s.p90]
            .iter()
            .all(|x| x.is_finite())
            && s.min <= s.p10
            && s.p10 <= s.p50
            && s.p50 <= s.p90
            && s.p90 <= s.max
            && s.histogram.bins.iter().map(|b| b.count).sum::<usize>() == summary.succeeded_trials()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_parameters_never_panic_or_leak_non_finite_numbers(
        distribution in any_distribution(),
        seed in any::<u64>(),
    ) {
        let mut rng = TrialRng::from_seed(seed);
        match distribution.validate() {
            Ok(()) => {
                let (low, high) = bounds(&distribution);
                for _ in 0..32 {
                    let x = distribution.sample(&mut rng).unwrap();
                    prop_assert!(x.is_finite() && x >= low && x <= high, "{x}");
                }
                let (low, high) = distribution.low_high().unwrap();
                prop_assert!(low.is_finite() && high.is_finite() && low <= high);
                prop_assert!(distribution.mean().unwrap().is_finite());
                prop_assert!(distribution.std_dev().unwrap().is_finite());
            }
            Err(error) => {
                prop_assert!(!error.to_string().is_empty());
                prop_assert!(distribution.sample(&mut rng).is_err());
                prop_assert!(distribution.low_high().is_err());
                prop_assert!(distribution.mean().is_err());
            }
        }
    }

    #[test]
    fn samples_stay_within_bounds(distribution in valid_distribution(), seed in any::<u64>()) {
        let sampler = distribution.sampler().unwrap();
        let (low, high) = bounds(&distribution);
        let mut rng = TrialRng::from_seed(seed);
        for _ in 0..200 {
            let x = sampler.sample(&mut rng);
            prop_assert!(x.is_finite() && x >= low && x <= high, "{distribution:?}: {x}");
        }
    }

    #[test]
    fn the_same_seed_gives_identical_summaries_and_chunking_changes_nothing(
        variables in proptest::collection::vec(valid_distribution(), 0..4),
        seed in any::<u64>(),
        trials in 1..300usize,
        chunk in 1..50usize,
        histogram_bins in 1..40usize,
    ) {
        let plan = MonteCarloPlan { trials, seed, variables, histogram_bins };
        let whole = run_in_chunks(plan.clone(), trials);
        let again = run_in_chunks(plan.clone(), trials);
        let chunked = run_in_chunks(plan, chunk);
        prop_assert_eq!(whole.summaries(), again.summaries());
        prop_assert_eq!(whole.summaries(), chunked.summaries());
        prop_assert_eq!(whole.results(0), chunked.results(0));
        prop_assert!(whole.summaries().iter().all(summary_is_finite));
        prop_assert!(whole.summaries().iter().all(|s| s.trials == trials));
    }

    #[test]
    fn summaries_of_arbitrary_results_are_finite_and_ordered(
        values in proptest::collection::vec(any_number(), 0..200),
        failed in 0..5usize,
        bins in 0..300usize,
        threshold in any_number(),
    ) {
        let summary = Summary::from_values(&values, failed, bins);
        prop_assert!(summary_is_finite(&summary));
        prop_assert_eq!(summary.trials, values.len() + failed);
        for failed_trials in [FailedTrials::Excluded, FailedTrials::CountAsMiss, FailedTrials::CountAsHit] {
            let event = Event { comparison: Comparison::Above, threshold, failed_trials };
            if let Some(p) = yardstick_core::uncertainty::probability(&values, failed, &event) {
                prop_assert!((0.0..=1.0).contains(&p));
            }
        }
    }
}
