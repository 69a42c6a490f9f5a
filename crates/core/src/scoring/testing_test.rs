//! Builders for the scoring module's unit tests: measures, bands, grades
//! and a small valid scorecard to vary.
//!
//! Compiled only for tests; nothing in the library depends on it.
#![cfg(test)]

use super::rule::{ScoringRule, ThresholdBand};
use super::scorecard::{
    GradeBand, Measure, MeasureSource, MissingPolicy, Scorecard, VerdictThresholds,
};

pub fn band(bound: f64, points_0_to_100: f64, label: &str) -> ThresholdBand {
    ThresholdBand {
        bound,
        points_0_to_100,
        label: label.to_string(),
    }
}

pub fn linear(worst: f64, best: f64) -> ScoringRule {
    ScoringRule::Linear { worst, best }
}

/// A non-gate measure reading output `id`.
pub fn measure(id: &str, rule: ScoringRule, weight: f64) -> Measure {
    Measure {
        id: id.to_string(),
        label: id.to_string(),
        source: MeasureSource::Output(id.to_string()),
        rule,
        weight,
        gate: false,
    }
}

pub fn grade(label: &str, min_score_0_to_100: f64) -> GradeBand {
    GradeBand {
        label: label.to_string(),
        min_score_0_to_100,
    }
}

/// A valid scorecard over `measures`: grades good >= 60 > fair >= 40 > poor,
/// verdict Positive from 60 and Marginal from 40, policy `Exclude`.
pub fn scorecard(measures: Vec<Measure>) -> Scorecard {
    Scorecard {
        id: "test".to_string(),
        title: "Test".to_string(),
        measures,
        grades: vec![grade("good", 60.0), grade("fair", 40.0), grade("poor", 0.0)],
        missing_policy: MissingPolicy::Exclude,
        verdict_thresholds: VerdictThresholds::default(),
    }
}
