//! The settings that go with the demo portfolio ([`super::demo`]): the
//! default settings ([`default_settings`]) with one scorecard per stage
//! over every metric the demo sends (the planted ones and the noise) and
//! outcome progress, so the proof has both kinds to tell apart. The
//! planted metrics keep the default rules and weights; each noise metric
//! gets a linear rule over its usual range and weight 1, as a team that
//! added a measure on a hunch would.

use super::data::Stage;
use super::settings::{HealthMeasure, HealthScorecard, HealthSource, SuccessSettings};
use super::settings_default::default_settings;
use crate::scoring::{Direction, ScoringRule, ThresholdBand};

fn measure(id: &str, weight: f64, rule: ScoringRule) -> HealthMeasure {
    HealthMeasure {
        id: id.to_string(),
        label: id.replace('_', " "),
        source: HealthSource::Metric(id.to_string()),
        weight,
        rule,
        tighten_per_month: None,
    }
}

fn linear(worst: f64, best: f64) -> ScoringRule {
    ScoringRule::Linear { worst, best }
}

/// Licence utilisation's default bands: under 0.2 → 0, under 0.5 → 50,
/// else 100 (best first, as the engine lists them).
fn utilisation_bands() -> ScoringRule {
    let band = |bound: f64, points: f64, label: &str| ThresholdBand {
        bound,
        points_0_to_100: points,
        label: label.to_string(),
    };
    ScoringRule::Thresholds {
        bands: vec![
            band(0.5, 100.0, "band 3"),
            band(0.2, 50.0, "band 2"),
            band(-f64::MAX, 0.0, "band 1"),
        ],
        direction: Direction::HigherIsBetter,
    }
}

fn demo_measures(stage: Stage) -> Vec<HealthMeasure> {
    let mut utilisation = measure("licence_utilisation", 3.0, utilisation_bands());
    if stage == Stage::Onboarding {
        utilisation.tighten_per_month = Some(0.02);
    }
    let outcomes = HealthMeasure {
        id: "outcomes".to_string(),
        label: "Business outcomes".to_string(),
        source: HealthSource::OutcomeProgress,
        weight: 2.0,
        rule: linear(0.0, 1.0),
        tighten_per_month: None,
    };
    vec![
        utilisation,
        measure("weekly_active_share", 2.0, linear(0.1, 0.8)),
        measure(
            "open_tickets",
            1.0,
            ScoringRule::ClampedLinear {
                worst: 20.0,
                best: 0.0,
                floor_points: 0.0,
                ceiling_points: 100.0,
            },
        ),
        outcomes,
        measure("webinar_attendance", 1.0, linear(0.0, 6.0)),
        measure("feature_requests", 1.0, linear(0.0, 5.0)),
        measure("survey_responses", 1.0, linear(0.0, 1.0)),
    ]
}

/// The default settings with the demo's scorecards (module docs).
pub fn demo_settings() -> SuccessSettings {
    let mut settings = default_settings();
    settings.scorecards = Stage::ALL
        .iter()
        .map(|stage| HealthScorecard {
            stage: *stage,
            segment: None,
            measures: demo_measures(*stage),
        })
        .collect();
    settings
}
