//! The settings a new team starts from: the domain's usual health measures
//! per stage (licence utilisation, active users, open support tickets, NPS
//! and the customer's outcomes), 90-day onboarding and pre-renewal, the
//! usual milestones, alerts and plays, and the ideal project checklists.
//! Every value is one a team is expected to change; `check_settings`
//! accepts them (a unit test holds it to that).

use super::data::Stage;
use super::settings::*;
use crate::scoring::{Direction, ScoringRule, ThresholdBand};

/// Banded points from low values up: `(below, points)` pairs, then the top band's points.
fn banded(lower_bands: &[(f64, f64)], top_points: f64) -> ScoringRule {
    let mut bands = Vec::with_capacity(lower_bands.len() + 1);
    let mut bound = -f64::MAX;
    let mut points = Vec::with_capacity(lower_bands.len() + 1);
    for (below, band_points) in lower_bands {
        points.push((bound, *band_points));
        bound = *below;
    }
    points.push((bound, top_points));
    for (index, (bound, points_0_to_100)) in points.into_iter().enumerate().rev() {
        bands.push(ThresholdBand {
            bound,
            points_0_to_100,
            label: format!("band {}", index + 1),
        });
    }
    ScoringRule::Thresholds {
        bands,
        direction: Direction::HigherIsBetter,
    }
}

fn measure(
    id: &str,
    label: &str,
    source: HealthSource,
    weight: f64,
    rule: ScoringRule,
) -> HealthMeasure {
    HealthMeasure {
        id: id.to_string(),
        label: label.to_string(),
        source,
        weight,
        rule,
        tighten_per_month: None,
    }
}

fn metric(id: &str) -> HealthSource {
    HealthSource::Metric(id.to_string())
}

fn measures(stage: Stage) -> Vec<HealthMeasure> {
    let mut utilisation = measure(
        "licence_utilisation",
        "Licences in use",
        metric("licence_utilisation"),
        3.0,
        banded(&[(0.2, 0.0), (0.5, 50.0)], 100.0),
    );
    // Onboarding accounts ramp up: the bands rise two points a month.
    if stage == Stage::Onboarding {
        utilisation.tighten_per_month = Some(0.02);
    }
    let users = measure(
        "active_users",
        "Active users (share of licences)",
        metric("active_users_share"),
        2.0,
        ScoringRule::Linear {
            worst: 0.1,
            best: 0.8,
        },
    );
    let tickets = measure(
        "open_tickets",
        "Open support tickets",
        metric("open_tickets"),
        1.0,
        ScoringRule::ClampedLinear {
            worst: 20.0,
            best: 0.0,
            floor_points: 0.0,
            ceiling_points: 100.0,
        },
    );
    let nps = measure(
        "nps",
        "Net promoter score",
        metric("nps"),
        1.0,
        ScoringRule::Linear {
            worst: -50.0,
            best: 50.0,
        },
    );
    let outcome_weight = match stage {
        Stage::Onboarding => 2.0,
        Stage::Established => 4.0,
        Stage::PreRenewal => 5.0,
    };
    let outcomes = measure(
        "outcomes",
        "Business outcomes",
        HealthSource::OutcomeProgress,
        outcome_weight,
        ScoringRule::Linear {
            worst: 0.0,
            best: 1.0,
        },
    );
    match stage {
        Stage::Onboarding => vec![utilisation, users, outcomes, tickets],
        Stage::Established | Stage::PreRenewal => vec![utilisation, users, outcomes, tickets, nps],
    }
}

fn play(id: &str, title: &str, due_in_days: u32, steps: &[&str]) -> Play {
    Play {
        id: id.to_string(),
        title: title.to_string(),
        owner_role: "CSM".to_string(),
        due_in_days,
        steps: steps.iter().map(|step| step.to_string()).collect(),
        stages: Stage::ALL.to_vec(),
    }
}

fn item(id: &str, label: &str) -> ChecklistItem {
    ChecklistItem {
        id: id.to_string(),
        label: label.to_string(),
        weight: 1.0,
    }
}

fn alert(id: &str, condition: AlertCondition, play: &str) -> AlertRule {
    AlertRule {
        id: id.to_string(),
        condition,
        play: play.to_string(),
    }
}

fn milestone(id: &str, label: &str, within_days: u32, condition: MilestoneCondition) -> Milestone {
    Milestone {
        id: id.to_string(),
        label: label.to_string(),
        stage: Stage::Onboarding,
        within_days,
        condition,
    }
}

/// Settings a new team can start from (docs/success.md, "The settings").
pub fn default_settings() -> SuccessSettings {
    SuccessSettings {
        stages: StageSettings::default(),
        stale_after_days: 45,
        grades: GradeThresholds::default(),
        scorecards: Stage::ALL
            .iter()
            .map(|stage| HealthScorecard {
                stage: *stage,
                segment: None,
                measures: measures(*stage),
            })
            .collect(),
        milestones: vec![
            milestone(
                "admin_setup",
                "Admin set-up done",
                14,
                MilestoneCondition::Event("admin_setup_done".into()),
            ),
            milestone(
                "licences_20",
                "20% of licences used",
                30,
                MilestoneCondition::Signal {
                    metric: "licence_utilisation".into(),
                    at_least: 0.2,
                },
            ),
            milestone(
                "first_value",
                "First value",
                90,
                MilestoneCondition::FirstValue,
            ),
        ],
        alerts: vec![
            alert(
                "to_at_risk",
                AlertCondition::Grade { to: Grade::AtRisk },
                "rescue",
            ),
            alert(
                "fast_drop",
                AlertCondition::Drop {
                    points: 15.0,
                    within_days: 30,
                },
                "check_in",
            ),
            alert(
                "users_down",
                AlertCondition::MetricChange {
                    metric: "active_users_share".into(),
                    percent: -20.0,
                    within_days: 30,
                },
                "adoption",
            ),
            alert(
                "long_at_risk",
                AlertCondition::DaysAtRisk { days: 30 },
                "escalate",
            ),
            alert(
                "champion",
                AlertCondition::Event {
                    event: "champion_left".into(),
                },
                "new_sponsor",
            ),
            alert(
                "late_milestone",
                AlertCondition::MilestoneOverdue,
                "unblock",
            ),
        ],
        plays: vec![
            play(
                "rescue",
                "Rescue plan",
                7,
                &["Call the sponsor", "Agree three fixes with dates"],
            ),
            play(
                "check_in",
                "Check-in call",
                5,
                &["Ask what changed", "Note the fixes agreed"],
            ),
            play(
                "adoption",
                "Adoption push",
                14,
                &["Find the teams not using it", "Schedule training"],
            ),
            play(
                "escalate",
                "Escalate",
                3,
                &["Brief the account executive", "Book an executive call"],
            ),
            play(
                "new_sponsor",
                "Find a new sponsor",
                14,
                &["Ask who owns the outcome now", "Meet them"],
            ),
            play(
                "unblock",
                "Unblock the milestone",
                7,
                &["Find what blocks it", "Agree a new date"],
            ),
        ],
        checklists: Checklists {
            setup: vec![
                item("sponsor", "Executive sponsor named"),
                item("outcome", "Success outcome agreed"),
                item("baseline", "Baseline measured"),
                item("plan", "Plan with dates"),
            ],
            execution: vec![
                item("steps", "Plan steps followed"),
                item("reviews", "Reviews held"),
            ],
        },
        proof: ProofSettings::default(),
        play_follow_up_days: DEFAULT_PLAY_FOLLOW_UP_DAYS,
    }
}
