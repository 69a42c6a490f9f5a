//! Reads the team's settings (`yardstick/success-settings@1`) from a
//! [`Node`] into [`SuccessSettings`], with the documented defaults for
//! omitted optional fields. Every problem comes back with its path
//! (`scorecards[0].measures[1].rule.bands[2].below`); nothing partial is
//! returned. The lists of milestones, alerts, plays and checklists are
//! read by `settings_lists`; after the fields, [`check_settings`]
//! (`settings_checks`) checks the whole.

use super::data::Stage;
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::fields::{check_schema, Object, Reader};
use super::settings::*;
pub use super::settings_checks::check_settings;
use super::settings_rules::{read_rule, THRESHOLD_RANGE};
use super::values::MAX_WHOLE;
use crate::json::Node;
use crate::model::diagnostic::ModelPath;
use crate::scoring::MAX_MEASURES;
use settings_lists::{read_alert, read_checklists, read_milestone, read_play};

/// Most scorecards, milestones, alerts, plays, steps of a play and items of
/// a checklist.
pub const MAX_SETTINGS_ITEMS: usize = 100;
/// Longest span in days a setting may name (ten years).
pub const MAX_DAYS: f64 = 3650.0;

const TOP_FIELDS: [&str; 11] = [
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
    "playFollowUpDays",
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

pub(super) fn whole_days(
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
    let play_follow_up_days = whole_days(
        &top,
        "playFollowUpDays",
        DEFAULT_PLAY_FOLLOW_UP_DAYS,
        (1.0, MAX_DAYS),
        reader,
    );
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
        play_follow_up_days,
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

pub(super) fn stage_of(object: &Object<'_>, key: &str, reader: &mut Reader) -> Option<Stage> {
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

/// The settings' lists (milestones, alerts, plays, checklists): this reader's own part.
#[path = "settings_lists.rs"]
mod settings_lists;

#[cfg(test)]
#[path = "settings_read_test.rs"]
mod tests;
