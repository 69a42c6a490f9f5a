//! Reads the team's settings (`yardstick/success-settings@1`) from a
//! [`Node`] into [`SuccessSettings`], with the documented defaults for
//! omitted optional fields. Every problem comes back with its path
//! (`scorecards[0].measures[1].rule.bands[2].below`); nothing partial is
//! returned. After the fields, [`check_settings`] checks the whole:
//! unique ids, one scorecard per stage and segment, alerts naming plays,
//! and each health scorecard through the scoring engine's validation.

use super::data::Stage;
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::fields::{check_schema, Object, Reader};
use super::settings::*;
use super::settings_rules::{read_rule, THRESHOLD_RANGE};
use super::values::MAX_WHOLE;
use crate::json::Node;
use crate::model::diagnostic::ModelPath;
use crate::scoring::{validate_scorecard, MAX_MEASURES};

/// Most scorecards, milestones, alerts, plays, steps of a play and items of
/// a checklist.
pub const MAX_SETTINGS_ITEMS: usize = 100;
/// Longest span in days a setting may name (ten years).
pub const MAX_DAYS: f64 = 3650.0;

const TOP_FIELDS: [&str; 10] = [
    "schema",
    "stages",
    "staleAfterDays",
    "grades",
    "scorecards",
    "milestones",
    "alerts",
    "plays",
    "checklists",
    "proof",
];
const MEASURE_FIELDS: [&str; 7] = [
    "id",
    "label",
    "metric",
    "source",
    "weight",
    "rule",
    "tightenPerMonth",
];
const MILESTONE_FIELDS: [&str; 7] = [
    "id",
    "label",
    "stage",
    "withinDays",
    "event",
    "signal",
    "firstValue",
];
const ALERT_KINDS: [&str; 6] = [
    "grade",
    "drop",
    "metric_change",
    "days_at_risk",
    "event",
    "milestone_overdue",
];
const PLAY_FIELDS: [&str; 6] = ["id", "title", "ownerRole", "dueInDays", "steps", "stages"];

/// Reads a settings document.
pub fn read_settings(node: &Node) -> Result<SuccessSettings, Vec<SuccessDiagnostic>> {
    let mut reader = Reader::default();
    let settings = read_parts(node, &mut reader);
    match settings {
        Some(settings) if reader.list.is_empty() => {
            let problems = check_settings(&settings);
            if problems.is_empty() {
                Ok(settings)
            } else {
                Err(problems)
            }
        }
        _ => {
            if reader.list.is_empty() {
                reader.push(
                    SuccessCode::InvalidValue,
                    &ModelPath::root(),
                    "the settings could not be read",
                );
            }
            Err(super::data_read::capped(reader.list))
        }
    }
}

fn whole_days(
    object: &Object<'_>,
    key: &str,
    default: u32,
    range: (f64, f64),
    reader: &mut Reader,
) -> u32 {
    object
        .whole(key, false, range, reader)
        .and_then(|days| u32::try_from(days).ok())
        .unwrap_or(default)
}

fn read_parts(node: &Node, reader: &mut Reader) -> Option<SuccessSettings> {
    let top = reader.object(node, &ModelPath::root(), &TOP_FIELDS)?;
    check_schema(&top, SETTINGS_SCHEMA, reader);
    let mut stages = StageSettings::default();
    if let Some(node) = top.field("stages", false, reader) {
        if let Some(object) = reader.object(
            node,
            &top.at("stages"),
            &["onboardingMaxDays", "preRenewalDays"],
        ) {
            let range = (1.0, 730.0);
            stages.onboarding_max_days =
                whole_days(&object, "onboardingMaxDays", 90, range, reader);
            stages.pre_renewal_days = whole_days(&object, "preRenewalDays", 90, range, reader);
        }
    }
    let stale_after_days = whole_days(&top, "staleAfterDays", 45, (1.0, MAX_DAYS), reader);
    let grades = read_grades(&top, reader);
    let mut scorecards = Vec::new();
    for (index, node) in top
        .list(
            "scorecards",
            true,
            (MAX_SETTINGS_ITEMS, "scorecards"),
            reader,
        )
        .iter()
        .enumerate()
    {
        scorecards.extend(read_scorecard(
            node,
            &top.at("scorecards").index(index),
            reader,
        ));
    }
    if matches!(top.get("scorecards"), Some(Node::List(list)) if list.is_empty()) {
        reader.push(
            SuccessCode::InvalidValue,
            &top.at("scorecards"),
            "needs at least one scorecard",
        );
    }
    let mut milestones = Vec::new();
    for (index, node) in top
        .list(
            "milestones",
            false,
            (MAX_SETTINGS_ITEMS, "milestones"),
            reader,
        )
        .iter()
        .enumerate()
    {
        milestones.extend(read_milestone(
            node,
            &top.at("milestones").index(index),
            reader,
        ));
    }
    let mut alerts = Vec::new();
    for (index, node) in top
        .list("alerts", false, (MAX_SETTINGS_ITEMS, "alerts"), reader)
        .iter()
        .enumerate()
    {
        alerts.extend(read_alert(node, &top.at("alerts").index(index), reader));
    }
    let mut plays = Vec::new();
    for (index, node) in top
        .list("plays", false, (MAX_SETTINGS_ITEMS, "plays"), reader)
        .iter()
        .enumerate()
    {
        plays.extend(read_play(node, &top.at("plays").index(index), reader));
    }
    let checklists = read_checklists(&top, reader);
    let proof = read_proof(&top, reader);
    Some(SuccessSettings {
        stages,
        stale_after_days,
        grades,
        scorecards,
        milestones,
        alerts,
        plays,
        checklists,
        proof,
    })
}

fn read_grades(top: &Object<'_>, reader: &mut Reader) -> GradeThresholds {
    let mut grades = GradeThresholds::default();
    let Some(node) = top.field("grades", false, reader) else {
        return grades;
    };
    let Some(object) = reader.object(node, &top.at("grades"), &["healthy", "average"]) else {
        return grades;
    };
    let healthy = object.number("healthy", false, (0.0, 100.0), reader);
    let average = object.number("average", false, (0.0, 100.0), reader);
    grades.healthy = healthy.unwrap_or(grades.healthy);
    grades.average = average.unwrap_or(grades.average);
    if !(0.0 < grades.average && grades.average < grades.healthy) {
        let message = "need 0 < average < healthy <= 100 (at_risk is every score below average)";
        reader.push(SuccessCode::InvalidValue, &top.at("grades"), message);
    }
    grades
}

fn stage_of(object: &Object<'_>, key: &str, reader: &mut Reader) -> Option<Stage> {
    object
        .choice(key, true, &Stage::NAMES, reader)
        .and_then(Stage::from_position)
}

fn read_scorecard(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<HealthScorecard> {
    let card = reader.object(node, path, &["stage", "segment", "measures"])?;
    let stage = stage_of(&card, "stage", reader);
    let segment = card.id("segment", false, reader);
    let mut measures = Vec::new();
    let items = card.list("measures", true, (MAX_MEASURES, "measures"), reader);
    for (index, node) in items.iter().enumerate() {
        measures.extend(read_measure(
            node,
            &card.at("measures").index(index),
            reader,
        ));
    }
    Some(HealthScorecard {
        stage: stage?,
        segment,
        measures,
    })
}

fn read_measure(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<HealthMeasure> {
    let measure = reader.object(node, path, &MEASURE_FIELDS)?;
    let id = measure.id("id", true, reader);
    let label = measure.text("label", true, false, reader);
    let metric = measure.id("metric", false, reader);
    let source = measure.choice("source", false, &HealthSource::SOURCE_NAMES, reader);
    let has = |key: &str| measure.get(key).is_some();
    if has("metric") == has("source") {
        let message = "give either `metric` (a signal's metric) or `source` (outcome_progress, \
                       realised_over_projected or execution)";
        reader.push(SuccessCode::InvalidValue, path, message);
    }
    let source = match (metric, source) {
        (Some(metric), None) => Some(HealthSource::Metric(metric)),
        (None, Some(0)) => Some(HealthSource::OutcomeProgress),
        (None, Some(1)) => Some(HealthSource::RealisedOverProjected),
        (None, Some(_)) => Some(HealthSource::Execution),
        _ => None,
    };
    let weight = measure.number("weight", true, (0.0, 1e6), reader);
    let rule = measure
        .field("rule", true, reader)
        .and_then(|node| read_rule(node, &measure.at("rule"), reader));
    let tighten_per_month = measure.number("tightenPerMonth", false, THRESHOLD_RANGE, reader);
    Some(HealthMeasure {
        id: id?,
        label: label?,
        source: source?,
        weight: weight?,
        rule: rule?,
        tighten_per_month,
    })
}

fn read_milestone(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Milestone> {
    let item = reader.object(node, path, &MILESTONE_FIELDS)?;
    let id = item.id("id", true, reader);
    let label = item.text("label", true, false, reader);
    let stage = stage_of(&item, "stage", reader);
    let within_days = item.whole("withinDays", true, (1.0, MAX_DAYS), reader);
    let conditions = ["event", "signal", "firstValue"]
        .iter()
        .filter(|key| item.get(key).is_some())
        .count();
    if conditions != 1 {
        let message = "give exactly one of `event`, `signal` or `firstValue`";
        reader.push(SuccessCode::InvalidValue, path, message);
    }
    let condition = if let Some(event) = item.id("event", false, reader) {
        Some(MilestoneCondition::Event(event))
    } else if let Some(node) = item.field("signal", false, reader) {
        let signal = reader.object(node, &item.at("signal"), &["metric", "atLeast"])?;
        let metric = signal.id("metric", true, reader);
        let at_least = signal.number("atLeast", true, THRESHOLD_RANGE, reader);
        Some(MilestoneCondition::Signal {
            metric: metric?,
            at_least: at_least?,
        })
    } else {
        match item.boolean("firstValue", false, reader) {
            Some(true) => Some(MilestoneCondition::FirstValue),
            Some(false) => {
                reader.push(
                    SuccessCode::InvalidValue,
                    &item.at("firstValue"),
                    "must be true",
                );
                None
            }
            None => None,
        }
    };
    Some(Milestone {
        id: id?,
        label: label?,
        stage: stage?,
        within_days: within_days.and_then(|days| u32::try_from(days).ok())?,
        condition: condition?,
    })
}

fn read_alert(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<AlertRule> {
    let kind = match node.get("kind") {
        Some(Node::Text(kind)) => ALERT_KINDS.iter().position(|known| known == kind),
        _ => None,
    };
    let extra: &[&str] = match kind {
        Some(0) => &["to"],
        Some(1) => &["points", "withinDays"],
        Some(2) => &["metric", "percent", "withinDays"],
        Some(3) => &["days"],
        Some(4) => &["event"],
        _ => &[],
    };
    let mut allowed = vec!["id", "kind", "play"];
    allowed.extend_from_slice(extra);
    let alert = reader.object(node, path, &allowed)?;
    let id = alert.id("id", true, reader);
    let play = alert.id("play", true, reader);
    alert.choice("kind", true, &ALERT_KINDS, reader);
    let days = |key: &str, reader: &mut Reader| {
        alert
            .whole(key, true, (1.0, MAX_DAYS), reader)
            .and_then(|days| u32::try_from(days).ok())
    };
    let condition = match kind? {
        0 => {
            let to = alert.choice("to", true, &Grade::NAMES, reader);
            AlertCondition::Grade {
                to: *Grade::ALL.get(to?)?,
            }
        }
        1 => {
            let points = alert.number("points", true, (0.0, 100.0), reader);
            if points == Some(0.0) {
                reader.push(
                    SuccessCode::OutOfRange,
                    &alert.at("points"),
                    "must be more than 0 points",
                );
            }
            let within_days = days("withinDays", reader);
            AlertCondition::Drop {
                points: points?,
                within_days: within_days?,
            }
        }
        2 => {
            let metric = alert.id("metric", true, reader);
            let percent = alert.number("percent", true, (-100.0, 1000.0), reader);
            if percent == Some(0.0) {
                reader.push(
                    SuccessCode::OutOfRange,
                    &alert.at("percent"),
                    "must not be 0",
                );
            }
            let within_days = days("withinDays", reader);
            AlertCondition::MetricChange {
                metric: metric?,
                percent: percent?,
                within_days: within_days?,
            }
        }
        3 => AlertCondition::DaysAtRisk {
            days: days("days", reader)?,
        },
        4 => AlertCondition::Event {
            event: alert.id("event", true, reader)?,
        },
        _ => AlertCondition::MilestoneOverdue,
    };
    Some(AlertRule {
        id: id?,
        condition,
        play: play?,
    })
}

fn read_play(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Play> {
    let play = reader.object(node, path, &PLAY_FIELDS)?;
    let id = play.id("id", true, reader);
    let title = play.text("title", true, false, reader);
    let owner_role = play.text("ownerRole", true, false, reader);
    let due_in_days = play.whole("dueInDays", true, (0.0, 365.0), reader);
    let mut steps = Vec::new();
    let items = play.list("steps", true, (50, "steps"), reader);
    for (index, node) in items.iter().enumerate() {
        let step_path = play.at("steps").index(index);
        match node {
            Node::Text(text) => {
                steps.extend(reader.refuse(&step_path, super::values::text(text, false)))
            }
            other => reader.wrong_type(&step_path, "text", other),
        }
    }
    if matches!(play.get("steps"), Some(Node::List(list)) if list.is_empty()) {
        reader.push(
            SuccessCode::InvalidValue,
            &play.at("steps"),
            "needs at least one step",
        );
    }
    let mut stages = Vec::new();
    let stage_items = play.list("stages", false, (3, "stages"), reader);
    for (index, node) in stage_items.iter().enumerate() {
        let stage_path = play.at("stages").index(index);
        let stage = match node {
            Node::Text(text) => reader
                .refuse(&stage_path, super::values::choice(text, &Stage::NAMES))
                .and_then(Stage::from_position),
            other => {
                reader.wrong_type(&stage_path, "text", other);
                None
            }
        };
        if let Some(stage) = stage {
            if stages.contains(&stage) {
                reader.push(
                    SuccessCode::DuplicateRow,
                    &stage_path,
                    format!("{} is listed twice", stage.as_str()),
                );
            }
            stages.push(stage);
        }
    }
    if play.get("stages").is_none() {
        stages = Stage::ALL.to_vec();
    } else if stage_items.is_empty() {
        reader.push(
            SuccessCode::InvalidValue,
            &play.at("stages"),
            "needs at least one stage (or leave it out for all)",
        );
    }
    Some(Play {
        id: id?,
        title: title?,
        owner_role: owner_role?,
        due_in_days: due_in_days.and_then(|days| u32::try_from(days).ok())?,
        steps,
        stages,
    })
}

fn read_checklists(top: &Object<'_>, reader: &mut Reader) -> Checklists {
    let mut checklists = Checklists::default();
    let Some(node) = top.field("checklists", false, reader) else {
        return checklists;
    };
    let Some(object) = reader.object(node, &top.at("checklists"), &["setup", "execution"]) else {
        return checklists;
    };
    for (key, list) in [
        ("setup", &mut checklists.setup),
        ("execution", &mut checklists.execution),
    ] {
        for (index, node) in object
            .list(key, false, (MAX_SETTINGS_ITEMS, "items"), reader)
            .iter()
            .enumerate()
        {
            let Some(item) = reader.object(node, &object.at(key).index(index), &["id", "label"])
            else {
                continue;
            };
            let id = item.id("id", true, reader);
            let label = item.text("label", true, false, reader);
            if let (Some(id), Some(label)) = (id, label) {
                list.push(ChecklistItem { id, label });
            }
        }
    }
    checklists
}

fn read_proof(top: &Object<'_>, reader: &mut Reader) -> ProofSettings {
    let mut proof = ProofSettings::default();
    let Some(node) = top.field("proof", false, reader) else {
        return proof;
    };
    let fields = ["daysBeforeRenewal", "folds", "seed", "penalty"];
    let Some(object) = reader.object(node, &top.at("proof"), &fields) else {
        return proof;
    };
    proof.days_before_renewal = whole_days(&object, "daysBeforeRenewal", 90, (1.0, 730.0), reader);
    proof.folds = whole_days(&object, "folds", 5, (2.0, 20.0), reader);
    proof.seed = object
        .whole("seed", false, (0.0, MAX_WHOLE), reader)
        .unwrap_or(1);
    proof.penalty = object
        .number("penalty", false, (0.0, 1e6), reader)
        .unwrap_or(1.0);
    proof
}

/// The rules over whole settings (also for settings built in code, such
/// as [`super::settings_default::default_settings`]): ids unique in their
/// lists, one scorecard per stage and segment, alerts naming plays, and
/// every health scorecard valid for the scoring engine.
pub fn check_settings(settings: &SuccessSettings) -> Vec<SuccessDiagnostic> {
    let mut reader = Reader::default();
    let root = ModelPath::root();
    let repeated = |ids: Vec<&str>, list: ModelPath, reader: &mut Reader| {
        for (later, earlier) in super::data_checks::duplicates(&ids) {
            let message = format!(
                "an id used twice (also at {})",
                list.index(earlier).key("id")
            );
            reader.push(
                SuccessCode::DuplicateRow,
                &list.index(later).key("id"),
                message,
            );
        }
    };
    for (index, card) in settings.scorecards.iter().enumerate() {
        let path = root.key("scorecards").index(index);
        let ids = card.measures.iter().map(|m| m.id.as_str()).collect();
        repeated(ids, path.key("measures"), &mut reader);
        let tightened = card.measures.iter().any(|m| m.tighten_per_month.is_some());
        for (months, what) in [(0, ""), (1_200, " after 100 years of tightening")] {
            if months > 0 && !tightened {
                continue;
            }
            for problem in validate_scorecard(&card.scorecard(months, &settings.grades)) {
                let message = format!("{}: {}{what}", problem.path, problem.message);
                reader.push(SuccessCode::InvalidValue, &path, message);
            }
        }
    }
    let keys: Vec<(Stage, Option<&str>)> = settings
        .scorecards
        .iter()
        .map(|card| (card.stage, card.segment.as_deref()))
        .collect();
    for (later, earlier) in super::data_checks::duplicates(&keys) {
        let message =
            format!("a second scorecard for this stage and segment (also scorecards[{earlier}])");
        reader.push(
            SuccessCode::DuplicateRow,
            &root.key("scorecards").index(later),
            message,
        );
    }
    repeated(
        settings.milestones.iter().map(|m| m.id.as_str()).collect(),
        root.key("milestones"),
        &mut reader,
    );
    repeated(
        settings.alerts.iter().map(|a| a.id.as_str()).collect(),
        root.key("alerts"),
        &mut reader,
    );
    repeated(
        settings.plays.iter().map(|p| p.id.as_str()).collect(),
        root.key("plays"),
        &mut reader,
    );
    let checklists = &settings.checklists;
    repeated(
        checklists.setup.iter().map(|c| c.id.as_str()).collect(),
        root.key("checklists").key("setup"),
        &mut reader,
    );
    repeated(
        checklists.execution.iter().map(|c| c.id.as_str()).collect(),
        root.key("checklists").key("execution"),
        &mut reader,
    );
    for (index, alert) in settings.alerts.iter().enumerate() {
        if !settings.plays.iter().any(|play| play.id == alert.play) {
            let hint = crate::model::diagnostic::suggest_id(
                &alert.play,
                settings.plays.iter().map(|p| p.id.as_str()),
            );
            let message = format!("no play has the id \"{}\"{hint}", alert.play);
            reader.push(
                SuccessCode::UnknownReference,
                &root.key("alerts").index(index).key("play"),
                message,
            );
        }
    }
    reader.list
}

#[cfg(test)]
#[path = "settings_read_test.rs"]
mod tests;
