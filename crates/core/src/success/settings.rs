//! The team's settings (`yardstick/success-settings@1`, docs/success.md):
//! how the success data is read into stages, health scores, milestones,
//! alerts, plays, checklists and the proof. Plain data, checked by
//! [`super::settings_read`]; the one computation here is building the
//! scoring engine's [`Scorecard`] for a stage's health measures, so health
//! scores use the business-case scorecard's rules, weights and grades.

use super::data::Stage;
pub use super::stages::StageSettings;
use crate::scoring::{
    GradeBand, Measure, MeasureSource, MissingPolicy, Scorecard, ScoringRule, VerdictThresholds,
};

/// The schema tag of the settings document.
pub const SETTINGS_SCHEMA: &str = "yardstick/success-settings@1";

/// A health grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// At or above `grades.healthy`.
    Healthy,
    /// At or above `grades.average`, below healthy.
    Average,
    /// Below `grades.average`.
    AtRisk,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 3] = [Grade::Healthy, Grade::Average, Grade::AtRisk];
    /// The grades' names as documents write them, in the order of [`Grade::ALL`].
    pub const NAMES: [&'static str; 3] = ["healthy", "average", "at_risk"];

    /// The name as documents write it (`at_risk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Healthy => "healthy",
            Grade::Average => "average",
            Grade::AtRisk => "at_risk",
        }
    }
}

/// Where the grades begin, as scores from 0 to 100:
/// `0 < average < healthy <= 100`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradeThresholds {
    /// The lowest healthy score (70 by default).
    pub healthy: f64,
    /// The lowest average score (40 by default).
    pub average: f64,
}

impl Default for GradeThresholds {
    fn default() -> Self {
        GradeThresholds {
            healthy: 70.0,
            average: 40.0,
        }
    }
}

/// What a health measure reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthSource {
    /// The latest fresh signal of this metric.
    Metric(String),
    /// The account's outcomes' mean progress (0 to 1).
    OutcomeProgress,
    /// Realised value over the case's projection to date.
    RealisedOverProjected,
    /// The degree of ideal execution (the checklists, 0 to 1).
    Execution,
}

impl HealthSource {
    /// The computed sources' names as documents write them (`source`).
    pub const SOURCE_NAMES: [&'static str; 3] =
        ["outcome_progress", "realised_over_projected", "execution"];

    /// The key the scoring engine looks the value up by: a metric as
    /// `metric:<id>`, a computed source by its name (which has no `:`, so
    /// the two never meet).
    pub fn score_source(&self) -> MeasureSource {
        let key = match self {
            HealthSource::Metric(metric) => format!("metric:{metric}"),
            HealthSource::OutcomeProgress => "outcome_progress".to_string(),
            HealthSource::RealisedOverProjected => "realised_over_projected".to_string(),
            HealthSource::Execution => "execution".to_string(),
        };
        MeasureSource::Supplied(key)
    }
}

/// One measure of a health scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthMeasure {
    /// Unique in its scorecard.
    pub id: String,
    /// What a person sees.
    pub label: String,
    /// What it reads.
    pub source: HealthSource,
    /// Relative weight, finite and `>= 0`.
    pub weight: f64,
    /// How the value becomes points (the scoring engine's rule).
    pub rule: ScoringRule,
    /// How much every threshold of the rule rises per whole month since
    /// the contract's start.
    pub tighten_per_month: Option<f64>,
}

/// The health scorecard of a stage (and optionally a segment).
#[derive(Debug, Clone, PartialEq)]
pub struct HealthScorecard {
    /// The stage it scores.
    pub stage: Stage,
    /// The segment it is for; `None` for every segment.
    pub segment: Option<String>,
    /// The measures, in display order.
    pub measures: Vec<HealthMeasure>,
}

impl HealthScorecard {
    /// The scoring engine's scorecard for an account `months` whole months
    /// after its contract started: rules tightened by `months ×
    /// tightenPerMonth`, grades from `grades`, missing values left out of
    /// the denominator (docs/success.md, the missing-data policy).
    pub fn scorecard(&self, months: i64, grades: &GradeThresholds) -> Scorecard {
        let mut measures = Vec::with_capacity(self.measures.len());
        for measure in &self.measures {
            let rule = match measure.tighten_per_month {
                Some(per_month) if months > 0 => measure.rule.shifted(per_month * months as f64),
                _ => measure.rule.clone(),
            };
            measures.push(Measure {
                id: measure.id.clone(),
                label: measure.label.clone(),
                source: measure.source.score_source(),
                rule,
                weight: measure.weight,
                gate: false,
            });
        }
        let id = match &self.segment {
            Some(segment) => format!("health-{}-{segment}", self.stage.as_str()),
            None => format!("health-{}", self.stage.as_str()),
        };
        Scorecard {
            title: format!("Health ({})", self.stage.as_str()),
            id,
            measures,
            grades: vec![
                grade_band(Grade::Healthy, grades.healthy),
                grade_band(Grade::Average, grades.average),
                grade_band(Grade::AtRisk, 0.0),
            ],
            missing_policy: MissingPolicy::Exclude,
            verdict_thresholds: VerdictThresholds {
                positive_at: grades.healthy,
                marginal_at: grades.average,
            },
        }
    }
}

fn grade_band(grade: Grade, min_score_0_to_100: f64) -> GradeBand {
    GradeBand {
        label: grade.as_str().to_string(),
        min_score_0_to_100,
    }
}

/// What completes a milestone.
#[derive(Debug, Clone, PartialEq)]
pub enum MilestoneCondition {
    /// An event of this kind.
    Event(String),
    /// A signal of `metric` at or above `at_least`.
    Signal {
        /// The metric's id.
        metric: String,
        /// The value to reach.
        at_least: f64,
    },
    /// The account's first value.
    FirstValue,
}

/// Something an account should reach within some days of a stage's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    /// Unique among the milestones.
    pub id: String,
    /// What a person sees.
    pub label: String,
    /// The stage whose start the days count from.
    pub stage: Stage,
    /// Days allowed, 1 to 3,650.
    pub within_days: u32,
    /// What completes it.
    pub condition: MilestoneCondition,
}

/// When an alert fires (once per episode of the condition).
#[derive(Debug, Clone, PartialEq)]
pub enum AlertCondition {
    /// The grade becomes `to`.
    Grade {
        /// The grade entered.
        to: Grade,
    },
    /// The score drops by at least `points` within `within_days`.
    Drop {
        /// Score points, more than 0 and at most 100.
        points: f64,
        /// Days, 1 to 3,650.
        within_days: u32,
    },
    /// A metric changes by `percent` (a fall when negative) within `within_days`.
    MetricChange {
        /// The metric's id.
        metric: String,
        /// Percent, -100 to 1,000, not 0.
        percent: f64,
        /// Days, 1 to 3,650.
        within_days: u32,
    },
    /// At risk for `days` days in a row.
    DaysAtRisk {
        /// Days, 1 to 3,650.
        days: u32,
    },
    /// An event of this kind happens.
    Event {
        /// The event kind.
        event: String,
    },
    /// A milestone becomes overdue.
    MilestoneOverdue,
}

/// An alert rule and the play it calls for.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertRule {
    /// Unique among the alerts.
    pub id: String,
    /// When it fires.
    pub condition: AlertCondition,
    /// The id of the play to run.
    pub play: String,
}

/// What the team does about an alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Play {
    /// Unique among the plays.
    pub id: String,
    /// What it is called.
    pub title: String,
    /// Who runs it (`CSM`).
    pub owner_role: String,
    /// Days to finish it, 0 to 365.
    pub due_in_days: u32,
    /// The steps, 1 to 50.
    pub steps: Vec<String>,
    /// The stages it is for (all three by default).
    pub stages: Vec<Stage>,
}

/// One item of an ideal project checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    /// Unique in its checklist.
    pub id: String,
    /// What a person sees.
    pub label: String,
    /// Its weight in the list's degree, 0 to 1e6 (1 when omitted).
    pub weight: f64,
}

/// The ideal project set-up and execution, as checklists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checklists {
    /// The ideal set-up (empty by default).
    pub setup: Vec<ChecklistItem>,
    /// The ideal execution (empty by default).
    pub execution: Vec<ChecklistItem>,
}

/// How the proof of the score is computed (docs/success-proof.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProofSettings {
    /// Scores this many days before each renewal are tested (90).
    pub days_before_renewal: u32,
    /// Backtest folds, 2 to 20 (5).
    pub folds: u32,
    /// The backtest's seed, 0 to 2^53 - 1 (1).
    pub seed: u64,
    /// The logistic fit's penalty, 0 to 1e6 (1).
    pub penalty: f64,
}

impl Default for ProofSettings {
    fn default() -> Self {
        ProofSettings {
            days_before_renewal: 90,
            folds: 5,
            seed: 1,
            penalty: 1.0,
        }
    }
}

/// A team's settings, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessSettings {
    /// The stage day counts.
    pub stages: StageSettings,
    /// A signal older than this many days is missing (45 by default).
    pub stale_after_days: u32,
    /// Where the grades begin.
    pub grades: GradeThresholds,
    /// The health scorecards, at least one.
    pub scorecards: Vec<HealthScorecard>,
    /// The milestones.
    pub milestones: Vec<Milestone>,
    /// The alert rules.
    pub alerts: Vec<AlertRule>,
    /// The plays.
    pub plays: Vec<Play>,
    /// The ideal project checklists.
    pub checklists: Checklists,
    /// The proof's settings.
    pub proof: ProofSettings,
    /// Days after a play's completion its health change is read
    /// (`playFollowUpDays`, 1 to 3,650; 30 by default).
    pub play_follow_up_days: u32,
}

/// The days after a play's completion its health change is read, when the
/// settings do not say.
pub const DEFAULT_PLAY_FOLLOW_UP_DAYS: u32 = 30;

impl SuccessSettings {
    /// The scorecard for `stage` and an account's `segment`: the one for
    /// that stage and segment, else the stage's one without a segment.
    pub fn scorecard_for(&self, stage: Stage, segment: Option<&str>) -> Option<&HealthScorecard> {
        let exact = segment.and_then(|segment| {
            self.scorecards
                .iter()
                .find(|card| card.stage == stage && card.segment.as_deref() == Some(segment))
        });
        exact.or_else(|| {
            self.scorecards
                .iter()
                .find(|card| card.stage == stage && card.segment.is_none())
        })
    }
}
