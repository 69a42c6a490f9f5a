//! Settings back into a `yardstick/success-settings@1` document: the
//! inverse of [`super::settings_read::read_settings`], so a page that
//! started from [`super::settings_default::default_settings`] (or changed
//! a weight) can show the settings in force and save them.
//!
//! Every field is written, defaults included, so the document says
//! exactly what is in force. Reading the written document gives the same
//! settings (a unit test holds it to that). It never checks the settings:
//! they come from the reader or the defaults, which did.

use super::data::Stage;
use super::settings::*;
use crate::json::Node;
use crate::scoring::{Direction, ScoringRule};

/// The settings as a document tree (`canonical_json` gives its text).
pub fn settings_to_node(settings: &SuccessSettings) -> Node {
    let stages = map(vec![
        (
            "onboardingMaxDays",
            whole(settings.stages.onboarding_max_days),
        ),
        ("preRenewalDays", whole(settings.stages.pre_renewal_days)),
    ]);
    let grades = map(vec![
        ("healthy", Node::Number(settings.grades.healthy)),
        ("average", Node::Number(settings.grades.average)),
    ]);
    let proof = &settings.proof;
    let proof = map(vec![
        ("daysBeforeRenewal", whole(proof.days_before_renewal)),
        ("folds", whole(proof.folds)),
        // Seeds are at most 2^53 - 1 (the reader's bound): exact in an f64.
        ("seed", Node::Number(proof.seed as f64)),
        ("penalty", Node::Number(proof.penalty)),
    ]);
    let checklists = map(vec![
        ("setup", checklist(&settings.checklists.setup)),
        ("execution", checklist(&settings.checklists.execution)),
    ]);
    map(vec![
        ("schema", text(SETTINGS_SCHEMA)),
        ("stages", stages),
        ("staleAfterDays", whole(settings.stale_after_days)),
        ("grades", grades),
        ("scorecards", list(&settings.scorecards, scorecard)),
        ("milestones", list(&settings.milestones, milestone)),
        ("alerts", list(&settings.alerts, alert)),
        ("plays", list(&settings.plays, play)),
        ("checklists", checklists),
        ("playFollowUpDays", whole(settings.play_follow_up_days)),
        ("proof", proof),
    ])
}

/// A measure's rule as the settings write it; the engine's other rules
/// (never read from settings) come out as a kind the reader refuses.
pub fn rule_to_node(rule: &ScoringRule) -> Node {
    match rule {
        ScoringRule::Thresholds {
            bands,
            direction: Direction::HigherIsBetter,
        } => {
            // The engine lists bands best first; the settings low values up,
            // each band ending `below` the next one's bound.
            let mut written = Vec::with_capacity(bands.len());
            let mut ascending = bands.iter().rev().peekable();
            while let Some(band) = ascending.next() {
                let mut fields = Vec::with_capacity(2);
                if let Some(next) = ascending.peek() {
                    fields.push(("below", Node::Number(next.bound)));
                }
                fields.push(("points", Node::Number(band.points_0_to_100)));
                written.push(map(fields));
            }
            map(vec![
                ("kind", text("banded")),
                ("bands", Node::List(written)),
            ])
        }
        ScoringRule::Linear { worst, best } => map(vec![
            ("kind", text("linear")),
            ("zeroAt", Node::Number(*worst)),
            ("fullAt", Node::Number(*best)),
        ]),
        ScoringRule::ClampedLinear {
            worst,
            best,
            floor_points,
            ceiling_points,
        } => map(vec![
            ("kind", text("bounded_linear")),
            ("zeroAt", Node::Number(*worst)),
            ("fullAt", Node::Number(*best)),
            ("floor", Node::Number(*floor_points)),
            ("ceiling", Node::Number(*ceiling_points)),
        ]),
        _ => map(vec![("kind", text("not_expressible_in_settings"))]),
    }
}

fn scorecard(card: &HealthScorecard) -> Node {
    let mut fields = vec![("stage", text(card.stage.as_str()))];
    if let Some(segment) = &card.segment {
        fields.push(("segment", text(segment)));
    }
    fields.push(("measures", list(&card.measures, measure)));
    map(fields)
}

fn measure(measure: &HealthMeasure) -> Node {
    let mut fields = vec![("id", text(&measure.id)), ("label", text(&measure.label))];
    match &measure.source {
        HealthSource::Metric(metric) => fields.push(("metric", text(metric))),
        HealthSource::OutcomeProgress => fields.push(("source", text("outcome_progress"))),
        HealthSource::RealisedOverProjected => {
            fields.push(("source", text("realised_over_projected")));
        }
        HealthSource::Execution => fields.push(("source", text("execution"))),
    }
    fields.push(("weight", Node::Number(measure.weight)));
    fields.push(("rule", rule_to_node(&measure.rule)));
    if let Some(per_month) = measure.tighten_per_month {
        fields.push(("tightenPerMonth", Node::Number(per_month)));
    }
    map(fields)
}

fn milestone(milestone: &Milestone) -> Node {
    let mut fields = vec![
        ("id", text(&milestone.id)),
        ("label", text(&milestone.label)),
        ("stage", text(milestone.stage.as_str())),
        ("withinDays", whole(milestone.within_days)),
    ];
    match &milestone.condition {
        MilestoneCondition::Event(event) => fields.push(("event", text(event))),
        MilestoneCondition::Signal { metric, at_least } => fields.push((
            "signal",
            map(vec![
                ("metric", text(metric)),
                ("atLeast", Node::Number(*at_least)),
            ]),
        )),
        MilestoneCondition::FirstValue => fields.push(("firstValue", Node::Bool(true))),
    }
    map(fields)
}

fn alert(rule: &AlertRule) -> Node {
    let mut fields = vec![("id", text(&rule.id))];
    let kind = match &rule.condition {
        AlertCondition::Grade { to } => {
            fields.push(("to", text(to.as_str())));
            "grade"
        }
        AlertCondition::Drop {
            points,
            within_days,
        } => {
            fields.push(("points", Node::Number(*points)));
            fields.push(("withinDays", whole(*within_days)));
            "drop"
        }
        AlertCondition::MetricChange {
            metric,
            percent,
            within_days,
        } => {
            fields.push(("metric", text(metric)));
            fields.push(("percent", Node::Number(*percent)));
            fields.push(("withinDays", whole(*within_days)));
            "metric_change"
        }
        AlertCondition::DaysAtRisk { days } => {
            fields.push(("days", whole(*days)));
            "days_at_risk"
        }
        AlertCondition::Event { event } => {
            fields.push(("event", text(event)));
            "event"
        }
        AlertCondition::MilestoneOverdue => "milestone_overdue",
    };
    fields.insert(1, ("kind", text(kind)));
    fields.push(("play", text(&rule.play)));
    map(fields)
}

fn play(play: &Play) -> Node {
    let steps = play.steps.iter().map(|step| text(step)).collect();
    let stages = play
        .stages
        .iter()
        .map(|stage| text(stage.as_str()))
        .collect();
    map(vec![
        ("id", text(&play.id)),
        ("title", text(&play.title)),
        ("ownerRole", text(&play.owner_role)),
        ("dueInDays", whole(play.due_in_days)),
        ("steps", Node::List(steps)),
        ("stages", Node::List(stages)),
    ])
}

fn checklist(items: &[ChecklistItem]) -> Node {
    list(items, |item| {
        map(vec![
            ("id", text(&item.id)),
            ("label", text(&item.label)),
            ("weight", Node::Number(item.weight)),
        ])
    })
}

fn list<T>(items: &[T], write: impl Fn(&T) -> Node) -> Node {
    Node::List(items.iter().map(write).collect())
}

fn map(fields: Vec<(&str, Node)>) -> Node {
    Node::Map(
        fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

fn whole(value: u32) -> Node {
    Node::Number(f64::from(value))
}

/// The stage names as the settings write them (for callers naming a
/// scorecard by its stage).
pub fn stage_named(name: &str) -> Option<Stage> {
    Stage::NAMES
        .iter()
        .position(|known| *known == name)
        .and_then(Stage::from_position)
}

#[cfg(test)]
#[path = "settings_write_test.rs"]
mod tests;
