//! Unit tests of `uncertainty::run`.

use super::*;

fn plan(trials: usize, variables: Vec<Distribution>) -> MonteCarloPlan {
    MonteCarloPlan {
        trials,
        seed: 99,
        variables,
        histogram_bins: 20,
    }
}

/// Copies `values` into the first entries of `results`.
fn fill(results: &mut [Option<f64>], values: &[Option<f64>]) {
    for (result, value) in results.iter_mut().zip(values) {
        *result = *value;
    }
}

/// Runs `plan` in chunks of `chunk` trials with a toy model
/// (sum of the samples, and an output failing when the sum is negative)
/// and checks the progress bookkeeping.
fn check(plan: MonteCarloPlan, chunk: usize) -> Vec<Summary> {
    let trials = plan.trials;
    let mut run = MonteCarloRun::new(plan, 2).unwrap();
    let mut calls = 0;
    loop {
        let progress = run.advance(chunk, |sample, results| {
            let total: f64 = sample.iter().sum();
            fill(
                results,
                &[Some(total), (total >= 0.0).then(|| total.sqrt())],
            );
        });
        calls += 1;
        assert_eq!(progress.trials_total, trials);
        if progress.done {
            assert_eq!(progress.trials_done, trials);
            break;
        }
    }
    assert_eq!(calls, trials.div_ceil(chunk));
    run.summaries()
}

#[test]
fn chunking_does_not_change_results() {
    let variables = vec![
        Distribution::Uniform {
            min: -1.0,
            max: 1.0,
        },
        Distribution::Pert {
            min: 0.0,
            mode: 1.0,
            max: 4.0,
        },
        Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            min: None,
            max: None,
        },
    ];
    let whole = check(plan(1000, variables.clone()), 1000);
    assert_eq!(check(plan(1000, variables.clone()), 10), whole);
    assert_eq!(check(plan(1000, variables.clone()), 7), whole);
    let other_seed = MonteCarloPlan {
        seed: 100,
        ..plan(1000, variables)
    };
    assert_ne!(check(other_seed, 1000), whole);
    let failed = whole[1].failed_trials;
    assert!(failed > 0 && whole[0].failed_trials == 0);
    assert_eq!(whole[1].trials, 1000);
    let histogram = &whole[0].statistics.as_ref().unwrap().histogram;
    assert_eq!(histogram.bins.iter().map(|b| b.count).sum::<usize>(), 1000);
}

#[test]
fn plans_out_of_bounds_are_refused() {
    let ok = plan(10, vec![]);
    let error = |plan: MonteCarloPlan, outputs| MonteCarloRun::new(plan, outputs).unwrap_err();
    assert!(matches!(
        error(plan(0, vec![]), 1),
        UncertaintyError::TrialsOutOfRange { .. }
    ));
    assert!(matches!(
        error(plan(MAX_TRIALS + 1, vec![]), 1),
        UncertaintyError::TrialsOutOfRange { .. }
    ));
    let no_bins = MonteCarloPlan {
        histogram_bins: 0,
        ..ok.clone()
    };
    assert!(matches!(
        error(no_bins, 1),
        UncertaintyError::HistogramBinsOutOfRange { .. }
    ));
    assert!(matches!(
        error(ok.clone(), 0),
        UncertaintyError::OutputCountOutOfRange { .. }
    ));
    assert!(matches!(
        error(plan(MAX_TRIALS, vec![]), 17),
        UncertaintyError::TooManyResults { .. }
    ));
    let bad = plan(
        10,
        vec![
            Distribution::Uniform { min: 0.0, max: 1.0 },
            Distribution::Uniform { min: 1.0, max: 0.0 },
        ],
    );
    let message = error(bad, 1).to_string();
    assert_eq!(
        message,
        "uncertain variable 1: uniform: min must be less than max, got min 1 and max 0"
    );
    let many = plan(
        10,
        vec![Distribution::Uniform { min: 0.0, max: 1.0 }; MAX_VARIABLES + 1],
    );
    assert!(matches!(
        error(many, 1),
        UncertaintyError::TooManyVariables { .. }
    ));
}

#[test]
fn short_and_odd_evaluations_count_as_failures() {
    let mut run = MonteCarloRun::new(plan(5, vec![]), 3).unwrap();
    let progress = run.advance(usize::MAX, |sample, results| {
        assert!(sample.is_empty());
        assert!(results.iter().all(Option::is_none));
        // The third output is left unset.
        fill(results, &[Some(f64::NAN), Some(1.0)]);
    });
    assert!(progress.done);
    let summaries = run.summaries();
    let failed: Vec<usize> = summaries.iter().map(|s| s.failed_trials).collect();
    assert_eq!(failed, [5, 0, 5]);
    assert_eq!(run.advance(10, |_, _| {}).trials_done, 5);
    let event = Event {
        comparison: super::super::Comparison::AtLeast,
        threshold: 1.0,
        failed_trials: super::super::FailedTrials::Excluded,
    };
    assert_eq!(run.probability(1, &event), Some(1.0));
    assert_eq!(run.probability(0, &event), None);
    assert_eq!(run.probability(3, &event), None);
}
