use super::*;
use crate::scoring::{ScoreInputs, ScoringRule};
use crate::success::settings_default::default_settings;
use crate::success::test_json::node;

/// The JSON block of docs/success.md that follows `heading`.
fn doc_example(heading: &str) -> String {
    let doc = include_str!("../../../../docs/success.md");
    let after = doc.split(heading).nth(1).unwrap();
    let block = after.split("```json").nth(1).unwrap();
    block.split("```").next().unwrap().to_string()
}

fn minimal(extra: &str) -> String {
    format!(
        r#"{{"schema": "yardstick/success-settings@1", {extra}
        "scorecards": [{{"stage": "onboarding", "measures": [
            {{"id": "u", "label": "Use", "metric": "licence_utilisation", "weight": 1,
              "rule": {{"kind": "linear", "zeroAt": 0, "fullAt": 1}}}}]}}]}}"#
    )
}

fn problems(text: &str) -> Vec<String> {
    match read_settings(&node(text)) {
        Ok(_) => panic!("accepted: {text}"),
        Err(list) => list
            .iter()
            .map(|d| format!("{}: {}", d.path, d.code))
            .collect(),
    }
}

fn check(extra: &str, expected: &[&str]) {
    assert_eq!(problems(&minimal(extra)), expected, "{extra}");
}

/// `minimal` with the measure's rule replaced.
fn with_rule(rule: &str) -> String {
    minimal("").replace(r#"{"kind": "linear", "zeroAt": 0, "fullAt": 1}"#, rule)
}

#[test]
fn the_documented_example_reads() {
    let settings = read_settings(&node(&doc_example("## The settings"))).unwrap();
    assert_eq!(settings.stages.onboarding_max_days, 90);
    assert_eq!(settings.stale_after_days, 45);
    assert_eq!(settings.milestones.len(), 3);
    assert_eq!(settings.alerts.len(), 6);
    assert_eq!(settings.checklists.setup.len(), 4);
    assert_eq!(settings.checklists.setup[0].weight, 1.0);
    assert_eq!(settings.checklists.execution[0].weight, 2.0);
    assert_eq!(settings.play_follow_up_days, 30);
    assert_eq!(settings.proof.folds, 5);
    let measure = &settings.scorecards[0].measures[0];
    assert_eq!(measure.tighten_per_month, Some(0.02));
    assert_eq!(
        settings.scorecards[0].measures[1].source,
        HealthSource::OutcomeProgress
    );
}

#[test]
fn omitted_fields_take_the_documented_defaults() {
    let settings = read_settings(&node(&minimal(""))).unwrap();
    assert_eq!(
        settings.stages,
        StageSettings {
            onboarding_max_days: 90,
            pre_renewal_days: 90
        }
    );
    assert_eq!(settings.stale_after_days, 45);
    assert_eq!(
        settings.grades,
        GradeThresholds {
            healthy: 70.0,
            average: 40.0
        }
    );
    assert_eq!(
        settings.proof,
        ProofSettings {
            days_before_renewal: 90,
            folds: 5,
            seed: 1,
            penalty: 1.0
        }
    );
    assert!(
        settings.milestones.is_empty() && settings.alerts.is_empty() && settings.plays.is_empty()
    );
    assert_eq!(settings.checklists, Checklists::default());
    assert_eq!(settings.play_follow_up_days, 30);
}

#[test]
fn checklist_weights_and_the_follow_up_days_are_bounded() {
    let found = read_settings(&node(&minimal(
        r#""playFollowUpDays": 0, "checklists": {"setup": [{"id": "a", "label": "A", "weight": -1}]},"#,
    )))
    .unwrap_err();
    let paths: Vec<String> = found.iter().map(|d| d.path.to_string()).collect();
    assert_eq!(paths, ["checklists.setup[0].weight", "playFollowUpDays"]);
    let settings = read_settings(&node(&minimal(r#""playFollowUpDays": 14,"#))).unwrap();
    assert_eq!(settings.play_follow_up_days, 14);
}

#[test]
fn the_default_settings_pass_the_checks_and_cover_every_stage() {
    let settings = default_settings();
    assert_eq!(check_settings(&settings), []);
    for stage in Stage::ALL {
        let card = settings.scorecard_for(stage, Some("enterprise")).unwrap();
        assert_eq!(card.stage, stage);
        assert!(card
            .measures
            .iter()
            .any(|m| m.source == HealthSource::OutcomeProgress));
    }
}

#[test]
fn refuses_top_level_fields_with_their_paths() {
    check(r#""staleAfterDays": 0,"#, &["staleAfterDays: out-of-range"]);
    check(r#""stales": 3,"#, &["stales: unknown-field"]);
    check(
        r#""stages": {"onboardingMaxDays": 1.5, "preRenewal": 3},"#,
        &[
            "stages.preRenewal: unknown-field",
            "stages.onboardingMaxDays: out-of-range",
        ],
    );
    check(
        r#""grades": {"healthy": 40, "average": 70},"#,
        &["grades: invalid-value"],
    );
    check(
        r#""proof": {"folds": 1, "seed": -1},"#,
        &["proof.folds: out-of-range", "proof.seed: out-of-range"],
    );
    let list = read_settings(&node(&minimal(r#""staleAfterDay": 3,"#))).unwrap_err();
    assert!(
        list[0].message.contains("did you mean `staleAfterDays`?"),
        "{}",
        list[0].message
    );
    assert_eq!(
        problems(r#"{"schema": "yardstick/success-settings@1", "scorecards": []}"#),
        ["scorecards: invalid-value"]
    );
    assert_eq!(
        problems(r#"{"schema": "yardstick/success-settings@1"}"#),
        ["scorecards: missing-field"]
    );
}

#[test]
fn reads_each_rule_kind_onto_the_scoring_engine() {
    let rule = |text: &str| {
        read_settings(&node(&with_rule(text))).unwrap().scorecards[0].measures[0]
            .rule
            .clone()
    };
    let banded = rule(
        r#"{"kind": "banded", "bands": [{"below": 0.2, "points": 0}, {"below": 0.5, "points": 50}, {"points": 100}]}"#,
    );
    // `below` is exclusive: a value on a boundary belongs to the band above.
    for (value, points) in [
        (0.1, 0.0),
        (0.2, 50.0),
        (0.49, 50.0),
        (0.5, 100.0),
        (-1e300, 0.0),
    ] {
        assert_eq!(banded.points(value).points_0_to_100, points, "{value}");
    }
    let single = rule(r#"{"kind": "banded", "bands": [{"points": 40}]}"#);
    assert_eq!(single.points(-5.0).points_0_to_100, 40.0);
    assert_eq!(
        rule(r#"{"kind": "linear", "zeroAt": 20, "fullAt": 0}"#),
        ScoringRule::Linear {
            worst: 20.0,
            best: 0.0
        }
    );
    let bounded =
        rule(r#"{"kind": "bounded_linear", "zeroAt": 0, "fullAt": 1, "floor": 20, "ceiling": 90}"#);
    assert_eq!(bounded.points(0.0).points_0_to_100, 20.0);
    assert_eq!(bounded.points(0.5).points_0_to_100, 50.0);
    assert_eq!(bounded.points(1.0).points_0_to_100, 90.0);
}

#[test]
fn refuses_bad_rules_with_settings_paths() {
    let at = "scorecards[0].measures[0].rule";
    let check_rule = |rule: &str, expected: &[&str]| {
        let expected: Vec<String> = expected.iter().map(|e| format!("{at}{e}")).collect();
        assert_eq!(problems(&with_rule(rule)), expected, "{rule}");
    };
    check_rule(r#"{"kind": "steps"}"#, &[".kind: invalid-value"]);
    check_rule(r#"{"zeroAt": 1}"#, &[".kind: missing-field"]);
    check_rule(
        r#"{"kind": "linear", "zeroAt": 1, "fullAt": 1}"#,
        &[".fullAt: invalid-value"],
    );
    check_rule(
        r#"{"kind": "linear", "zeroAt": 1, "fullAt": 2, "floor": 3}"#,
        &[".floor: unknown-field"],
    );
    check_rule(
        r#"{"kind": "bounded_linear", "zeroAt": 0, "fullAt": 1, "floor": 60, "ceiling": 40}"#,
        &[".floor: invalid-value"],
    );
    check_rule(
        r#"{"kind": "bounded_linear", "zeroAt": 0, "fullAt": 1, "ceiling": 101}"#,
        &[".ceiling: out-of-range"],
    );
    check_rule(
        r#"{"kind": "banded", "bands": []}"#,
        &[".bands: invalid-value"],
    );
    check_rule(
        r#"{"kind": "banded", "bands": [{"below": 0.5, "points": 0}, {"below": 0.5, "points": 50}, {"points": 100}]}"#,
        &[".bands[1].below: invalid-value"],
    );
    check_rule(
        r#"{"kind": "banded", "bands": [{"points": 0}, {"points": 50}]}"#,
        &[".bands[0].below: missing-field"],
    );
    check_rule(
        r#"{"kind": "banded", "bands": [{"below": 1, "points": 0}, {"below": 2, "points": 150}]}"#,
        &[
            ".bands[1].below: invalid-value",
            ".bands[1].points: out-of-range",
        ],
    );
}

#[test]
fn a_measure_reads_a_metric_or_a_source() {
    let measure = |fields: &str| minimal("").replace(r#""metric": "licence_utilisation","#, fields);
    assert_eq!(
        problems(&measure("")),
        ["scorecards[0].measures[0]: invalid-value"]
    );
    assert_eq!(
        problems(&measure(r#""metric": "m", "source": "execution","#)),
        ["scorecards[0].measures[0]: invalid-value"]
    );
    assert_eq!(
        problems(&measure(r#""source": "revenue","#)),
        ["scorecards[0].measures[0].source: invalid-value"]
    );
    let read = read_settings(&node(&measure(r#""source": "realised_over_projected","#))).unwrap();
    assert_eq!(
        read.scorecards[0].measures[0].source,
        HealthSource::RealisedOverProjected
    );
    let zero = minimal("").replace(r#""weight": 1"#, r#""weight": 0"#);
    assert_eq!(problems(&zero), ["scorecards[0]: invalid-value"]);
}

#[test]
fn tightening_raises_every_band_boundary_per_whole_month() {
    let text =
        with_rule(r#"{"kind": "banded", "bands": [{"below": 0.2, "points": 0}, {"points": 100}]}"#)
            .replace(r#""weight": 1"#, r#""weight": 1, "tightenPerMonth": 0.02"#);
    let settings = read_settings(&node(&text)).unwrap();
    let card = &settings.scorecards[0];
    let mut inputs = ScoreInputs::new();
    inputs.set_supplied("metric:licence_utilisation", 0.25);
    let score = |months| {
        card.scorecard(months, &settings.grades)
            .score(&inputs)
            .unwrap()
            .score_0_to_100
    };
    assert_eq!(score(0), 100.0);
    assert_eq!(score(2), 100.0); // 0.24
    assert_eq!(score(3), 0.0); // 0.26
}

#[test]
fn scorecards_pick_the_most_specific_and_are_unique() {
    let cards = r#""scorecards": [
        {"stage": "onboarding", "measures": [{"id": "u", "label": "U", "metric": "m", "weight": 1, "rule": {"kind": "linear", "zeroAt": 0, "fullAt": 1}}]},
        {"stage": "onboarding", "segment": "smb", "measures": [{"id": "v", "label": "V", "metric": "m", "weight": 1, "rule": {"kind": "linear", "zeroAt": 0, "fullAt": 1}}]}
    ]"#;
    let text = format!(r#"{{"schema": "yardstick/success-settings@1", {cards}}}"#);
    let settings = read_settings(&node(&text)).unwrap();
    assert_eq!(
        settings
            .scorecard_for(Stage::Onboarding, Some("smb"))
            .unwrap()
            .measures[0]
            .id,
        "v"
    );
    assert_eq!(
        settings
            .scorecard_for(Stage::Onboarding, Some("enterprise"))
            .unwrap()
            .measures[0]
            .id,
        "u"
    );
    assert_eq!(
        settings
            .scorecard_for(Stage::Onboarding, None)
            .unwrap()
            .measures[0]
            .id,
        "u"
    );
    assert!(settings.scorecard_for(Stage::Established, None).is_none());
    let twice = text.replace(r#""segment": "smb", "#, "");
    assert_eq!(problems(&twice), ["scorecards[1]: duplicate-row"]);
    let same_ids = minimal("").replace(r#"}]}]}"#, r#"}, {"id": "u", "label": "U", "metric": "m", "weight": 1, "rule": {"kind": "linear", "zeroAt": 0, "fullAt": 1}}]}]}"#);
    let found = problems(&same_ids);
    assert_eq!(found[0], "scorecards[0].measures[1].id: duplicate-row");
}

#[test]
fn milestones_alerts_and_plays() {
    let play = r#""plays": [{"id": "rescue", "title": "Rescue", "ownerRole": "CSM", "dueInDays": 7, "steps": ["Call"]}],"#;
    let settings = read_settings(&node(&minimal(play))).unwrap();
    assert_eq!(settings.plays[0].stages, Stage::ALL.to_vec());
    check(
        &format!(
            r#"{play} "alerts": [{{"id": "a", "kind": "grade", "to": "at_risk", "play": "rescu"}}],"#
        ),
        &["alerts[0].play: unknown-reference"],
    );
    check(
        &format!(
            r#"{play} "alerts": [{{"id": "a", "kind": "drop", "points": 0, "withinDays": 30, "play": "rescue"}}],"#
        ),
        &["alerts[0].points: out-of-range"],
    );
    check(
        &format!(
            r#"{play} "alerts": [{{"id": "a", "kind": "metric_change", "metric": "m", "percent": 0, "withinDays": 30, "play": "rescue"}}],"#
        ),
        &["alerts[0].percent: out-of-range"],
    );
    check(
        &format!(
            r#"{play} "alerts": [{{"id": "a", "kind": "grade", "to": "red", "points": 1, "play": "rescue"}}],"#
        ),
        &[
            "alerts[0].points: unknown-field",
            "alerts[0].to: invalid-value",
        ],
    );
    check(
        &format!(r#"{play} "alerts": [{{"id": "a", "kind": "panic", "play": "rescue"}}],"#),
        &["alerts[0].kind: invalid-value"],
    );
    check(
        r#""plays": [{"id": "p", "title": "P", "ownerRole": "CSM", "dueInDays": 400, "steps": [], "stages": ["late", "onboarding", "onboarding"]}],"#,
        &[
            "plays[0].dueInDays: out-of-range",
            "plays[0].steps: invalid-value",
            "plays[0].stages[0]: invalid-value",
            "plays[0].stages[2]: duplicate-row",
        ],
    );
    check(
        r#""milestones": [{"id": "m", "label": "M", "stage": "onboarding", "withinDays": 14, "event": "x", "firstValue": true}],"#,
        &["milestones[0]: invalid-value"],
    );
    check(
        r#""milestones": [{"id": "m", "label": "M", "stage": "onboarding", "withinDays": 14, "firstValue": false}],"#,
        &["milestones[0].firstValue: invalid-value"],
    );
    check(
        r#""milestones": [{"id": "m", "label": "M", "stage": "onboarding", "withinDays": 14, "signal": {"metric": "x"}}],"#,
        &["milestones[0].signal.atLeast: missing-field"],
    );
    check(
        r#""checklists": {"setup": [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]},"#,
        &["checklists.setup[1].id: duplicate-row"],
    );
}
