use super::ErrorCode;
use crate::engagement::clock::ClockError;
use crate::engagement::tracker::TrackerError;
use crate::model::{IdKind, ModelError};
use crate::scoring::{PipelineError, ScoringError};
use crate::uncertainty::{DistributionError, UncertaintyError};

fn is_kebab_case(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

/// Every variant of each error enum that reaches a caller, one value each,
/// grouped by enum (a variant that delegates to another enum's code is
/// checked apart, in `a_clock_refusal_keeps_the_clock_code`).
fn one_of_each_variant() -> Vec<Vec<ErrorCode>> {
    let distribution = DistributionError::NonPositiveStandardDeviation { sd: 0.0 };
    vec![
        [
            ModelError::UnknownId {
                kind: IdKind::Input,
                id: "x".into(),
            },
            ModelError::InvalidInput {
                input: "x".into(),
                reason: "no".into(),
            },
            ModelError::InvalidOption {
                option: "trials",
                reason: "no".into(),
            },
            ModelError::TooMuchWork {
                analysis: "sensitivity",
                cells: 2,
                limit: 1,
                advice: "less",
            },
        ]
        .iter()
        .map(ModelError::code)
        .collect(),
        [
            TrackerError::UnknownInstance {
                instance_id: "w9".into(),
            },
            TrackerError::InvalidId {
                field: "calc_id",
                value: "".into(),
            },
            TrackerError::OptionOutOfRange {
                option: "engaged_after_ms",
                value: 1,
                min: 2,
                max: 3,
            },
            TrackerError::SeedLength { bytes: 1 },
            TrackerError::TimeOrigin {
                time_origin_ms: f64::NAN,
            },
        ]
        .iter()
        .map(TrackerError::code)
        .collect(),
        [
            ClockError::TimeOutOfRange { now_ms: -1.0 },
            ClockError::TimeWentBackwards {
                last_ms: 2.0,
                now_ms: 1.0,
            },
            ClockError::IdleTimeoutOutOfRange { idle_timeout_ms: 1 },
            ClockError::RatioOutOfRange { ratio: 2.0 },
            ClockError::UnknownInstance { instance: 9 },
            ClockError::TooManyInstances { limit: 64 },
        ]
        .iter()
        .map(ClockError::code)
        .collect(),
        [
            ScoringError::InvalidScorecard {
                diagnostics: Vec::new(),
            },
            ScoringError::MissingValues {
                measure_ids: Vec::new(),
            },
            ScoringError::NothingToScore {
                excluded_measure_ids: Vec::new(),
            },
        ]
        .iter()
        .map(ScoringError::code)
        .collect(),
        [
            PipelineError::InvalidAsOf { as_of_ms: f64::NAN },
            PipelineError::TooManyProjects { count: 2, limit: 1 },
        ]
        .iter()
        .map(PipelineError::code)
        .collect(),
        [
            UncertaintyError::InvalidVariable {
                index: 0,
                error: distribution,
            },
            UncertaintyError::TrialsOutOfRange {
                trials: 0,
                max_trials: 1,
            },
            UncertaintyError::HistogramBinsOutOfRange {
                bins: 0,
                max_bins: 1,
            },
            UncertaintyError::TooManyVariables {
                variables: 2,
                max_variables: 1,
            },
            UncertaintyError::OutputCountOutOfRange {
                outputs: 0,
                max_outputs: 1,
            },
            UncertaintyError::TooManyResults {
                trials: 2,
                outputs: 2,
                max_results: 1,
            },
        ]
        .iter()
        .map(UncertaintyError::code)
        .collect(),
    ]
}

#[test]
fn every_code_is_kebab_case_and_distinct() {
    for (index, code) in ErrorCode::ALL.iter().enumerate() {
        assert!(is_kebab_case(code.as_str()), "{code:?}: `{code}`");
        for other in ErrorCode::ALL.iter().skip(index + 1) {
            assert_ne!(code.as_str(), other.as_str(), "{code:?} and {other:?}");
        }
    }
}

#[test]
fn every_variant_has_its_own_code() {
    let mut seen: Vec<ErrorCode> = Vec::new();
    for codes in one_of_each_variant() {
        for code in codes {
            assert!(
                !seen.contains(&code),
                "two variants share the code `{code}`"
            );
            seen.push(code);
        }
    }
}

#[test]
fn a_clock_refusal_keeps_the_clock_code() {
    let source = ClockError::TimeWentBackwards {
        last_ms: 2.0,
        now_ms: 1.0,
    };
    let refused = TrackerError::from(source.clone());
    assert_eq!(refused.code(), ErrorCode::TIME_WENT_BACKWARDS);
    assert_eq!(refused.code(), source.code());
}

#[test]
fn the_docs_list_every_code() {
    let docs = include_str!("../../../docs/errors.md");
    for code in ErrorCode::ALL {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "docs/errors.md has no row for `{code}`"
        );
    }
}

#[test]
fn kebab_case_check_refuses_other_shapes() {
    for bad in ["", "Unknown-id", "unknown_id", "-x", "x-", "a--b", "a b"] {
        assert!(!is_kebab_case(bad), "{bad}");
    }
    assert!(is_kebab_case("unknown-id"));
}
