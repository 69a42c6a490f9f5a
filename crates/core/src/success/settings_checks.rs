//! The rules over whole settings, for read documents and for settings
//! built in code alike: ids unique in their lists, one scorecard per stage
//! and segment, alerts naming plays, and every health scorecard valid for
//! the scoring engine (at month 0 and, when a measure tightens, after a
//! century of tightening).

use super::data::Stage;
use super::diagnostic::{SuccessCode, SuccessDiagnostic};
use super::fields::Reader;
use super::settings::SuccessSettings;
use crate::model::diagnostic::ModelPath;
use crate::scoring::validate_scorecard;

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
