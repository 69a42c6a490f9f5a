//! The lists of the settings besides the scorecards: milestones, alert
//! rules, plays and the ideal project checklists, each item read with its
//! path and the documented defaults. Whether alerts name real plays and ids
//! are unique is `settings_checks`' question.

use super::{stage_of, MAX_DAYS, MAX_SETTINGS_ITEMS};
use crate::json::Node;
use crate::model::diagnostic::ModelPath;
use crate::success::data::Stage;
use crate::success::diagnostic::SuccessCode;
use crate::success::fields::{Object, Reader};
use crate::success::settings::*;
use crate::success::settings_rules::THRESHOLD_RANGE;

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
pub(super) fn read_milestone(
    node: &Node,
    path: &ModelPath,
    reader: &mut Reader,
) -> Option<Milestone> {
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

pub(super) fn read_alert(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<AlertRule> {
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

pub(super) fn read_play(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<Play> {
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
                steps.extend(reader.refuse(&step_path, crate::success::values::text(text, false)))
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
                .refuse(
                    &stage_path,
                    crate::success::values::choice(text, &Stage::NAMES),
                )
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

pub(super) fn read_checklists(top: &Object<'_>, reader: &mut Reader) -> Checklists {
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
            let path = object.at(key).index(index);
            let Some(item) = reader.object(node, &path, &["id", "label", "weight"]) else {
                continue;
            };
            let id = item.id("id", true, reader);
            let label = item.text("label", true, false, reader);
            let weight = item.number("weight", false, (0.0, 1e6), reader);
            let weight_refused = item.get("weight").is_some() && weight.is_none();
            if let (Some(id), Some(label), false) = (id, label, weight_refused) {
                list.push(ChecklistItem {
                    id,
                    label,
                    weight: weight.unwrap_or(1.0),
                });
            }
        }
    }
    checklists
}
