//! Unit tests of the summary statistics: PERCENTILE.INC against
//! hand-computed values, histograms, failed trials and probabilities.

use super::*;

fn check(values: &[f64], p: f64, expected: f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let actual = percentile_inc(&sorted, p).unwrap();
    assert!(
        (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
        "PERCENTILE.INC({values:?}, {p}): expected {expected}, got {actual}"
    );
}

#[test]
fn percentiles_match_excel_percentile_inc() {
    let one_to_ten: Vec<f64> = (1..=10).map(f64::from).collect();
    // rank = p·(n − 1): 0.9 → 1.9, 4.5 → 5.5, 8.1 → 9.1.
    check(&one_to_ten, 0.1, 1.9);
    check(&one_to_ten, 0.5, 5.5);
    check(&one_to_ten, 0.9, 9.1);
    check(&one_to_ten, 0.0, 1.0);
    check(&one_to_ten, 1.0, 10.0);
    let unsorted = [50.0, 15.0, 40.0, 20.0, 35.0];
    // Sorted 15, 20, 35, 40, 50: rank 0.4 → 17, 1.6 → 29, 2 → 35, 3.6 → 46.
    check(&unsorted, 0.1, 17.0);
    check(&unsorted, 0.4, 29.0);
    check(&unsorted, 0.5, 35.0);
    check(&unsorted, 0.9, 46.0);
    check(&[7.0], 0.9, 7.0);
    check(&[-f64::MAX, f64::MAX], 0.5, 0.0);
    assert_eq!(percentile_inc(&[], 0.5), None);
    assert_eq!(percentile_inc(&[1.0], 1.5), None);
    assert_eq!(percentile_inc(&[1.0], f64::NAN), None);
}

#[test]
fn summary_of_known_values() {
    let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
    let summary = Summary::from_values(&values, 2, 4);
    assert_eq!((summary.trials, summary.failed_trials), (10, 2));
    assert_eq!(summary.succeeded_trials(), 8);
    let stats = summary.statistics.unwrap();
    assert_eq!((stats.min, stats.max, stats.mean), (1.0, 9.0, 3.875));
    // STDEV.S of the eight values.
    assert!(
        (stats.std_dev - 2.748_376_143_938_713).abs() < 1e-12,
        "{}",
        stats.std_dev
    );
    assert!((stats.p50 - 3.5).abs() < 1e-12);
    let counts: Vec<usize> = stats.histogram.bins.iter().map(|b| b.count).collect();
    // Edges 1, 3, 5, 7, 9.
    assert_eq!(counts, [3, 2, 2, 1]);
    let edges: Vec<(f64, f64)> = stats
        .histogram
        .bins
        .iter()
        .map(|b| (b.lower, b.upper))
        .collect();
    assert_eq!(edges, [(1.0, 3.0), (3.0, 5.0), (5.0, 7.0), (7.0, 9.0)]);
}

#[test]
fn histogram_counts_sum_to_the_successful_trials() {
    let values: Vec<f64> = (0..1000)
        .map(|i| ((i * 7919) % 1000) as f64 / 3.0)
        .collect();
    for bins in [1, 2, 20, 200, 500] {
        let histogram = histogram(
            &{
                let mut v = values.clone();
                v.sort_by(f64::total_cmp);
                v
            },
            bins,
        );
        assert_eq!(histogram.bins.len(), bins.min(MAX_HISTOGRAM_BINS));
        assert_eq!(histogram.bins.iter().map(|b| b.count).sum::<usize>(), 1000);
        assert!(histogram.bins.windows(2).all(|w| w[0].upper == w[1].lower));
    }
}

#[test]
fn equal_values_make_one_bin_and_no_failures_make_no_statistics() {
    let summary = Summary::from_values(&[2.5; 5], 0, 20);
    let stats = summary.statistics.unwrap();
    assert_eq!(
        stats.histogram.bins,
        [Bin {
            lower: 2.5,
            upper: 2.5,
            count: 5
        }]
    );
    assert_eq!((stats.std_dev, stats.p10, stats.p90), (0.0, 2.5, 2.5));
    let empty = Summary::from_values(&[], 3, 20);
    assert_eq!(
        (empty.trials, empty.failed_trials, empty.statistics),
        (3, 3, None)
    );
}

#[test]
fn non_finite_values_count_as_failed() {
    let summary = Summary::from_values(&[1.0, f64::NAN, f64::INFINITY, 3.0], 1, 20);
    assert_eq!((summary.trials, summary.failed_trials), (5, 3));
    assert_eq!(summary.statistics.unwrap().mean, 2.0);
}

#[test]
fn huge_values_do_not_overflow() {
    let summary = Summary::from_values(&[f64::MAX, -f64::MAX, f64::MAX], 0, 20);
    let stats = summary.statistics.unwrap();
    assert!(stats.mean.is_finite() && stats.std_dev.is_finite());
    assert!((stats.mean - f64::MAX / 3.0).abs() <= f64::MAX * 1e-15);
    assert_eq!(stats.std_dev, f64::MAX);
    assert!(stats
        .histogram
        .bins
        .iter()
        .all(|b| b.lower.is_finite() && b.upper.is_finite()));
    assert_eq!(
        stats.histogram.bins.iter().map(|b| b.count).sum::<usize>(),
        3
    );
}

#[test]
fn probabilities_of_events() {
    let npv = [-10.0, 0.0, 5.0, 20.0];
    let above_zero = |failed_trials| Event {
        comparison: Comparison::Above,
        threshold: 0.0,
        failed_trials,
    };
    assert_eq!(
        probability(&npv, 0, &above_zero(FailedTrials::Excluded)),
        Some(0.5)
    );
    assert_eq!(
        probability(&npv, 4, &above_zero(FailedTrials::Excluded)),
        Some(0.5)
    );
    assert_eq!(
        probability(&npv, 4, &above_zero(FailedTrials::CountAsMiss)),
        Some(0.25)
    );
    assert_eq!(
        probability(&npv, 4, &above_zero(FailedTrials::CountAsHit)),
        Some(0.75)
    );
    let at_least = Event {
        comparison: Comparison::AtLeast,
        ..above_zero(FailedTrials::Excluded)
    };
    assert_eq!(probability(&npv, 0, &at_least), Some(0.75));
    let below = Event {
        comparison: Comparison::Below,
        threshold: 5.0,
        ..at_least
    };
    assert_eq!(probability(&npv, 0, &below), Some(0.5));
    let at_most = Event {
        comparison: Comparison::AtMost,
        ..below
    };
    assert_eq!(probability(&npv, 0, &at_most), Some(0.75));
    assert_eq!(probability(&[], 0, &at_most), None);
    assert_eq!(
        probability(&[], 2, &above_zero(FailedTrials::Excluded)),
        None
    );
    assert_eq!(
        probability(&[], 2, &above_zero(FailedTrials::CountAsMiss)),
        Some(0.0)
    );
    let nan = Event {
        threshold: f64::NAN,
        ..at_most
    };
    assert_eq!(probability(&npv, 0, &nan), None);
}

#[test]
fn selected_percentiles_equal_those_of_the_sorted_values() {
    // A fixed shuffle with duplicates, both zeros and wide magnitudes.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut values: Vec<f64> = (0..1001)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            match i % 7 {
                0 => 0.0,
                1 => -0.0,
                2 => 3.5,
                _ => (state % 20_000) as f64 - 10_000.0 + (state % 7) as f64 * 1e-3,
            }
        })
        .collect();
    let summary = Summary::from_values(&values, 0, 13);
    values.sort_unstable_by(f64::total_cmp);
    let stats = summary.statistics.unwrap();
    for (p, got) in [(0.1, stats.p10), (0.5, stats.p50), (0.9, stats.p90)] {
        assert_eq!(got.to_bits(), percentile_inc(&values, p).unwrap().to_bits());
    }
    assert_eq!(stats.min.to_bits(), values[0].to_bits());
    assert_eq!(stats.max.to_bits(), values[values.len() - 1].to_bits());
    assert_eq!(stats.histogram, histogram(&values, 13));
}

#[test]
fn selected_percentiles_of_few_values_equal_the_sorted_ones() {
    for count in 1..=12usize {
        // Descending with repeats: selection must reorder everything.
        let mut values: Vec<f64> = (0..count).map(|i| ((count - i) / 2) as f64).collect();
        let summary = Summary::from_values(&values, 0, 3);
        values.sort_unstable_by(f64::total_cmp);
        let stats = summary.statistics.unwrap();
        for (p, got) in [(0.1, stats.p10), (0.5, stats.p50), (0.9, stats.p90)] {
            assert_eq!(
                got,
                percentile_inc(&values, p).unwrap(),
                "{count} values, p = {p}"
            );
        }
    }
}

#[test]
fn order_keys_sort_as_total_cmp_and_round_trip() {
    let values = [
        -f64::MAX,
        -1.5,
        -f64::MIN_POSITIVE,
        -5e-324,
        -0.0,
        0.0,
        5e-324,
        f64::MIN_POSITIVE,
        2.0,
        f64::MAX,
    ];
    for pair in values.windows(2) {
        assert!(order_key(pair[0]) < order_key(pair[1]), "{pair:?}");
    }
    for x in values {
        assert_eq!(from_order_key(order_key(x)).to_bits(), x.to_bits());
    }
}

/// Checks `select`'s promise at every rank of `keys`.
fn check_select(keys: &[i64], partitions: Option<u32>) {
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    for rank in 0..keys.len() {
        let mut selected = keys.to_vec();
        match partitions {
            Some(partitions) => select_within(&mut selected, rank, partitions),
            None => select(&mut selected, rank),
        }
        assert_eq!(selected[rank], sorted[rank], "rank {rank} of {keys:?}");
        assert!(selected[..rank].iter().all(|&k| k <= sorted[rank]));
        assert!(selected[rank + 1..].iter().all(|&k| k >= sorted[rank]));
        selected.sort_unstable();
        assert_eq!(selected, sorted, "select must only reorder");
    }
}

#[test]
fn select_puts_every_rank_in_place_whatever_the_order() {
    for len in 0..40i64 {
        let ascending: Vec<i64> = (0..len).collect();
        let descending: Vec<i64> = (0..len).rev().collect();
        let organ_pipe: Vec<i64> = (0..len).map(|i| i.min(len - 1 - i)).collect();
        let few_distinct: Vec<i64> = (0..len).map(|i| (i * 7) % 3 - 1).collect();
        let equal = vec![5i64; len as usize];
        let extremes: Vec<i64> = (0..len)
            .map(|i| {
                if i % 2 == 0 {
                    i64::MIN + i
                } else {
                    i64::MAX - i
                }
            })
            .collect();
        for keys in [
            ascending,
            descending,
            organ_pipe,
            few_distinct,
            equal,
            extremes,
        ] {
            check_select(&keys, None);
            // The sorting fallback, at once and after one partition.
            check_select(&keys, Some(0));
            check_select(&keys, Some(1));
        }
    }
}

#[test]
fn sort_keys_sorts_ascending() {
    let mut keys = vec![3, -1, i64::MAX, 0, i64::MIN, 3, 2];
    sort_keys(&mut keys);
    assert_eq!(keys, [i64::MIN, -1, 0, 2, 3, 3, i64::MAX]);
    let mut empty: Vec<i64> = Vec::new();
    sort_keys(&mut empty);
    assert!(empty.is_empty());
}
