use super::*;
use crate::json::canonical_json;
use crate::success::settings_default::default_settings;
use crate::success::settings_read::read_settings;
use crate::success::test_json::node;

/// The JSON block of docs/success.md that follows `heading`.
fn doc_example(heading: &str) -> String {
    let doc = include_str!("../../../../docs/success.md");
    let after = doc.split(heading).nth(1).unwrap();
    let block = after.split("```json").nth(1).unwrap();
    block.split("```").next().unwrap().to_string()
}

/// Written, then read back: the same settings.
fn check_round_trip(settings: &SuccessSettings) {
    let written = settings_to_node(settings);
    let read = read_settings(&written).unwrap_or_else(|problems| {
        panic!("{problems:?} in {}", canonical_json(&written));
    });
    assert_eq!(&read, settings);
}

#[test]
fn the_default_settings_read_back_the_same() {
    check_round_trip(&default_settings());
}

#[test]
fn the_documented_example_reads_back_the_same() {
    let settings = read_settings(&node(&doc_example("## The settings"))).unwrap();
    check_round_trip(&settings);
}

#[test]
fn every_alert_kind_and_rule_kind_reads_back_the_same() {
    let mut settings = default_settings();
    let card = &mut settings.scorecards[0];
    card.segment = Some("enterprise".into());
    card.measures[0].rule = ScoringRule::ClampedLinear {
        worst: 20.0,
        best: 0.0,
        floor_points: 10.0,
        ceiling_points: 90.0,
    };
    card.measures[0].tighten_per_month = Some(-0.5);
    settings.scorecards.push(HealthScorecard {
        stage: Stage::Onboarding,
        segment: None,
        measures: settings.scorecards[1].measures.clone(),
    });
    settings.alerts.push(AlertRule {
        id: "overdue".into(),
        condition: AlertCondition::MilestoneOverdue,
        play: "rescue".into(),
    });
    settings.checklists.setup.push(ChecklistItem {
        id: "budget".into(),
        label: "Budget for the project approved".into(),
        weight: 2.5,
    });
    settings.play_follow_up_days = 45;
    settings.proof.seed = 9_007_199_254_740_991;
    check_round_trip(&settings);
}

#[test]
fn bands_are_written_from_low_values_up() {
    let written = settings_to_node(&default_settings());
    let text = canonical_json(&written);
    // The onboarding utilisation bands of docs/success.md.
    assert!(
        text.contains(
            r#""bands":[{"below":0.2,"points":0},{"below":0.5,"points":50},{"points":100}]"#
        ),
        "{text}"
    );
}

#[test]
fn stage_named_reads_the_three_stages_only() {
    assert_eq!(stage_named("pre_renewal"), Some(Stage::PreRenewal));
    assert_eq!(stage_named("churned"), None);
}
