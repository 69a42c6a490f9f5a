//! Unit tests of saved cases: reading with every problem's path, bounds,
//! the model's checks, value and verdict, diffs, and the pipeline's events,
//! gates, days in step and stalled cases, with exact timestamps.

use super::diff::diff_cases;
use super::document::case_node;
use super::figures::{case_figures, ValueSource};
use super::nodes::pipeline_node;
use super::pipeline::{case_pipeline, stage_events, CaseHistory, RevisionMark};
use super::read::{read_case, CaseDocument};
use crate::json::{canonical_json, Node};
use crate::scoring::{PipelineStage, Verdict, MS_PER_DAY};

/// The JSON text as a core tree (serde_json sorts object keys).
fn node_from_json(text: &str) -> Result<Node, serde_json::Error> {
    fn convert(value: serde_json::Value) -> Node {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(b),
            serde_json::Value::Number(n) => Node::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Node::Text(s),
            serde_json::Value::Array(items) => Node::List(items.into_iter().map(convert).collect()),
            serde_json::Value::Object(map) => {
                Node::Map(map.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    serde_json::from_str(text).map(convert)
}
use PipelineStage::*;

const MODEL: &str = include_str!("../../../../examples/models/business-case-5y.json");
/// 2026-01-01T00:00:00Z.
const START_MS: f64 = 1_767_225_600_000.0;

fn at(days: f64) -> f64 {
    START_MS + days * MS_PER_DAY
}

/// A valid case of the five-year business case with `extra` fields
/// replacing or adding top-level fields (JSON object text without braces).
fn case_text(extra: &str) -> String {
    let mut base = serde_json::json!({
        "schema": "yardstick/case@1",
        "title": "Acme rollout",
        "customer": {"id": "acme", "name": "Acme Corp"},
        "model": {"id": "business-case-5y", "version": "1.0.0",
                  "document": serde_json::from_str::<serde_json::Value>(MODEL).unwrap()},
        "inputs": {"implementation_cost": 140000},
        "sources": {"implementation_cost": {"by": "CFO", "basis": "customer data"}},
        "scenarios": [{"id": "lean", "label": "Lean", "inputs": {"training_cost": 10000}}],
        "settings": {"strategicFit": 4, "probabilityNpvPositive": 0.85},
        "step": "high_level_case",
        "author": "Ada"
    });
    let extra: serde_json::Value = serde_json::from_str(&format!("{{{extra}}}")).unwrap();
    for (key, value) in extra.as_object().unwrap() {
        base[key] = value.clone();
    }
    base.to_string()
}

fn read(extra: &str) -> Result<CaseDocument, Vec<(String, String)>> {
    read_case(&node_from_json(&case_text(extra)).unwrap())
        .map_err(|problems| problems.into_iter().map(|p| (p.path, p.message)).collect())
}

fn paths(extra: &str) -> Vec<String> {
    match read(extra) {
        Ok(_) => panic!("{extra} was accepted"),
        Err(problems) => problems.into_iter().map(|(path, _)| path).collect(),
    }
}

fn figure_paths(extra: &str) -> Vec<String> {
    let case = read(extra).unwrap();
    match case_figures(&case) {
        Ok(_) => panic!("{extra} was accepted"),
        Err(problems) => problems.into_iter().map(|p| p.path).collect(),
    }
}

#[test]
fn reads_a_case_and_writes_it_back_unchanged() {
    let case = read("").unwrap();
    assert_eq!(case.title, "Acme rollout");
    assert_eq!(case.customer.id, "acme");
    assert_eq!(case.step, HighLevelCase);
    assert_eq!(case.inputs.len(), 1);
    assert_eq!(case.sources[0].1.basis.as_deref(), Some("customer data"));
    assert_eq!(case.scenarios[0].id, "lean");
    assert_eq!(case.settings.strategic_fit, Some(4.0));
    let again = read_case(&case_node(&case)).unwrap();
    assert_eq!(again, case);
}

#[test]
fn the_example_cases_of_the_json_schema_are_accepted() {
    for text in [
        include_str!("../../../../tests/data/cases/acme-business-case.json"),
        include_str!("../../../../tests/data/cases/globex-minimal.json"),
        include_str!("../../../../tests/data/cases/initech-dropped.json"),
    ] {
        let case = read_case(&node_from_json(text).unwrap()).unwrap();
        let figures = case_figures(&case).unwrap();
        assert!(figures.value.is_some());
    }
    let case = read_case(
        &node_from_json(include_str!(
            "../../../../tests/data/cases/acme-business-case.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(case_figures(&case).unwrap().currency, "GBP");
}

#[test]
fn reports_every_problem_with_its_path() {
    let found = paths(
        r#""title": "", "customer": {"id": "a b", "name": "A"}, "step": "won",
           "settings": {"hurdleRate": 2, "strategicFit": 0, "currency": "eur", "colour": 1},
           "author": 3, "extra": true"#,
    );
    assert_eq!(
        found,
        [
            "extra",
            "title",
            "customer.id",
            "settings.colour",
            "settings.hurdleRate",
            "settings.strategicFit",
            "settings.currency",
            "step",
            "author"
        ]
    );
    assert_eq!(paths(r#""schema": "yardstick/case@2""#), ["schema"]);
    assert_eq!(
        paths(r#""model": {"id": "x", "version": "1"}"#),
        ["model.document"]
    );
    assert_eq!(
        paths(r#""settings": {"monteCarlo": {"seed": 1.5, "trials": 0}}"#),
        ["settings.monteCarlo.seed", "settings.monteCarlo.trials"]
    );
}

#[test]
fn bounds_every_list_and_string() {
    let long = "x".repeat(201);
    assert_eq!(paths(&format!(r#""title": "{long}""#)), ["title"]);
    assert_eq!(paths(&format!(r#""author": "{long}""#)), ["author"]);
    assert_eq!(paths("\"author\": \"two\\nlines\""), ["author"]);
    let note = "y".repeat(2001);
    assert_eq!(
        paths(&format!(r#""sources": {{"a": {{"note": "{note}"}}}}"#)),
        ["sources.a.note"]
    );
    let many: Vec<String> = (0..501).map(|i| format!("\"i{i}\": 1")).collect();
    assert_eq!(
        paths(&format!(r#""inputs": {{{}}}"#, many.join(","))),
        ["inputs"]
    );
    let scenarios: Vec<String> = (0..21)
        .map(|i| format!(r#"{{"id": "s{i}", "label": "S", "inputs": {{}}}}"#))
        .collect();
    assert_eq!(
        paths(&format!(r#""scenarios": [{}]"#, scenarios.join(","))),
        ["scenarios"]
    );
    assert_eq!(
        paths(
            r#""scenarios": [{"id": "a", "label": "A", "inputs": {}}, {"id": "A", "label": "B", "inputs": {}}]"#
        ),
        ["scenarios[1].id"]
    );
    assert_eq!(
        paths(r#""inputs": {"seats": 1, "SEATS": 2, "x": null}"#),
        ["inputs.seats", "inputs.x"]
    );
}

#[test]
fn the_model_checks_inputs_sources_and_scenarios() {
    assert_eq!(
        figure_paths(
            r#""inputs": {"seats": 1, "implementation_cost": -5, "training_cost": "many"},
               "sources": {"nope": {"by": "me"}},
               "scenarios": [{"id": "s", "label": "S", "inputs": {"discount_rate": 0.9}}]"#
        ),
        [
            "inputs.implementation_cost",
            "inputs.seats",
            "inputs.training_cost",
            "sources.nope",
            "scenarios[0].inputs.discount_rate"
        ]
    );
    let mismatch = figure_paths(
        r#""model": {"id": "other", "version": "2.0.0", "document": {"schema": "yardstick/model@1"}}"#,
    );
    assert!(
        mismatch.iter().all(|p| p.starts_with("model.document")),
        "{mismatch:?}"
    );
    let mut document: serde_json::Value = serde_json::from_str(MODEL).unwrap();
    document["id"] = "renamed".into();
    let text =
        format!(r#""model": {{"id": "business-case-5y", "version": "9", "document": {document}}}"#);
    assert_eq!(figure_paths(&text), ["model.id", "model.version"]);
}

#[test]
fn value_is_lead_value_else_npv_and_verdict_follows_the_scorecard() {
    let figures = case_figures(&read("").unwrap()).unwrap();
    assert_eq!(figures.value_source, ValueSource::LeadValue);
    assert_eq!(figures.value_output.as_deref(), Some("npv"));
    assert!(figures.value.unwrap() > 0.0);
    assert_eq!(figures.currency, "USD");
    assert_eq!(figures.verdict.verdict, Verdict::Positive);
    assert!(figures.verdict.high_level_positive);
    assert!(figures.verdict.detailed_positive);
    assert_eq!(figures.receipt_hash.len(), 64);

    // Without the Monte Carlo probability: positive at high level only
    // (a detailed case may not rest on a missing measure).
    let figures = case_figures(&read(r#""settings": {"strategicFit": 4}"#).unwrap()).unwrap();
    assert_eq!(figures.verdict.verdict, Verdict::Positive);
    assert!(figures.verdict.high_level_positive);
    assert!(!figures.verdict.detailed_positive);
    assert_eq!(figures.verdict.missing_measure_ids, ["risk"]);

    // No settings: marginal, not positive at any depth.
    let figures = case_figures(&read(r#""settings": {}"#).unwrap()).unwrap();
    assert_eq!(figures.verdict.verdict, Verdict::Marginal);
    assert!(!figures.verdict.high_level_positive);

    // A negative NPV fails the gate; the value is still the NPV.
    let figures =
        case_figures(&read(r#""inputs": {"implementation_cost": 2000000}"#).unwrap()).unwrap();
    assert_eq!(figures.verdict.verdict, Verdict::Negative);
    assert_eq!(figures.verdict.failed_gate_ids, ["npv"]);
    assert!(figures.value.unwrap() < 0.0);

    // A stricter hurdle and payback limit lower the score.
    let strict = case_figures(
        &read(r#""settings": {"strategicFit": 4, "probabilityNpvPositive": 0.85, "hurdleRate": 0.4, "paybackLimitMonths": 30}"#)
            .unwrap(),
    )
    .unwrap();
    let relaxed = case_figures(&read("").unwrap()).unwrap();
    assert!(strict.verdict.score_0_to_100 < relaxed.verdict.score_0_to_100);

    // Without leadValue the value is npv.
    let mut document: serde_json::Value = serde_json::from_str(MODEL).unwrap();
    document.as_object_mut().unwrap().remove("leadValue");
    let text = format!(
        r#""model": {{"id": "business-case-5y", "version": "1.0.0", "document": {document}}}"#
    );
    let figures = case_figures(&read(&text).unwrap()).unwrap();
    assert_eq!(figures.value_source, ValueSource::Npv);
    assert_eq!(figures.value, relaxed.value);
}

#[test]
fn diffs_name_what_changed_with_old_and_new_values() {
    let before = read("").unwrap();
    let after = read(
        r#""inputs": {"implementation_cost": 160000, "training_cost": 20000},
           "sources": {},
           "settings": {"strategicFit": 5, "probabilityNpvPositive": 0.85},
           "step": "projects_review", "author": "Bob""#,
    )
    .unwrap();
    let diff = diff_cases(Some(&before), &after);
    let summary: Vec<(&str, &str)> = diff
        .inputs
        .iter()
        .map(|c| (c.key.as_str(), c.kind()))
        .collect();
    assert_eq!(
        summary,
        [
            ("implementation_cost", "changed"),
            ("training_cost", "added")
        ]
    );
    assert_eq!(diff.inputs[0].before, Some(Node::Number(140000.0)));
    assert_eq!(diff.inputs[0].after, Some(Node::Number(160000.0)));
    assert_eq!(diff.sources[0].kind(), "removed");
    assert_eq!(diff.settings.len(), 1);
    assert_eq!(diff.settings[0].key, "strategicFit");
    let fields: Vec<&str> = diff.fields.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(fields, ["step"], "the author is never a change");
    assert!(diff_cases(Some(&before), &before).is_empty());
    let created = diff_cases(None, &before);
    assert_eq!(created.inputs.len(), 1);
    assert_eq!(created.fields.len(), 4);
}

fn mark(days: f64, step: PipelineStage, high: bool, detailed: bool) -> RevisionMark {
    RevisionMark {
        saved_at_ms: at(days),
        step,
        high_level_positive: high,
        detailed_positive: detailed,
        dropped: false,
    }
}

fn events(marks: &[RevisionMark]) -> Vec<(PipelineStage, f64)> {
    stage_events(marks)
        .into_iter()
        .map(|e| (e.stage, (e.entered_at_ms - START_MS) / MS_PER_DAY))
        .collect()
}

#[test]
fn revisions_become_stage_events_and_gates_need_a_positive_case() {
    // Saved at business review, moved to the high-level case (not yet
    // positive), positive three days later, then on to projects review.
    let marks = [
        mark(0.0, BusinessReview, false, false),
        mark(2.0, HighLevelCase, false, false),
        mark(5.0, HighLevelCase, true, false),
        mark(9.0, ProjectsReview, true, false),
    ];
    assert_eq!(
        events(&marks),
        [
            (BusinessReview, 0.0),
            (HighLevelCase, 5.0),
            (ProjectsReview, 9.0)
        ]
    );
    // Moved on without ever being positive: no high-level event.
    let marks = [
        mark(0.0, BusinessReview, false, false),
        mark(3.0, ProjectsReview, false, false),
        mark(4.0, ProjectsReview, true, false),
    ];
    assert_eq!(
        events(&marks),
        [(BusinessReview, 0.0), (ProjectsReview, 3.0)]
    );
    // Created straight at decision with a positive detailed case: every
    // stage at once.
    let marks = [mark(1.0, Decision, true, true)];
    assert_eq!(
        events(&marks),
        [
            (BusinessReview, 1.0),
            (HighLevelCase, 1.0),
            (ProjectsReview, 1.0),
            (DetailedCase, 1.0),
            (Decision, 1.0)
        ]
    );
    // A clock that went back never makes time run backwards.
    let marks = [
        mark(5.0, BusinessReview, false, false),
        mark(4.0, ProjectsReview, false, false),
    ];
    assert_eq!(
        events(&marks),
        [(BusinessReview, 5.0), (ProjectsReview, 5.0)]
    );
}

fn history(id: &str, value: f64, currency: &str, marks: Vec<RevisionMark>) -> CaseHistory {
    CaseHistory {
        case_id: id.into(),
        title: format!("Case {id}"),
        customer_id: "acme".into(),
        customer_name: "Acme".into(),
        value: Some(value),
        currency: currency.into(),
        marks,
        dropped_reason: None,
    }
}

#[test]
fn the_pipeline_counts_values_days_and_stalled_cases() {
    let histories = vec![
        history(
            "1",
            100.0,
            "USD",
            vec![mark(0.0, BusinessReview, false, false)],
        ),
        history(
            "2",
            200.0,
            "USD",
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(10.0, HighLevelCase, true, false),
            ],
        ),
        history(
            "3",
            300.0,
            "USD",
            vec![
                mark(0.0, BusinessReview, false, false),
                mark(4.0, ProjectsReview, false, false),
            ],
        ),
        history("4", -50.0, "USD", vec![mark(20.0, Commitment, true, true)]),
        history(
            "5",
            7.0,
            "EUR",
            vec![mark(0.0, HighLevelCase, false, false)],
        ),
    ];
    let pipeline = case_pipeline(&histories, at(40.0), 30.0).unwrap();
    assert_eq!(pipeline.currencies.len(), 2);
    let eur = &pipeline.currencies[0];
    assert_eq!(eur.currency, "EUR");
    // Case 5 waits at the high-level gate: it has passed business review only.
    assert_eq!(eur.report.stages[0].count, 1);
    assert_eq!(eur.report.stages[1].count, 0);
    assert_eq!(eur.at_step[1], (1, 7.0));
    let usd = &pipeline.currencies[1];
    let counts: Vec<usize> = usd.report.stages.iter().map(|s| s.count).collect();
    assert_eq!(counts, [4, 3, 2, 1, 1, 1]);
    let values: Vec<f64> = usd.report.stages.iter().map(|s| s.value).collect();
    assert_eq!(
        values,
        [600.0, 500.0, 300.0, 0.0, 0.0, 0.0],
        "a negative value counts 0"
    );
    // Case 3 reached the high-level stage without a positive case.
    assert_eq!(usd.report.stages[1].skipped_count, 1);
    assert_eq!(usd.report.stages[1].conversion_from_previous, Some(0.75));
    // Days at business review: case 1 40 (open), case 2 10, case 3 4, case 4 0.
    assert_eq!(usd.report.stages[0].median_days_in_stage, Some(7.0));
    let at_step: Vec<usize> = usd.at_step.iter().map(|s| s.0).collect();
    assert_eq!(at_step, [1, 1, 1, 0, 0, 1]);
    let stalled: Vec<&str> = pipeline
        .cases
        .iter()
        .filter(|c| c.stalled)
        .map(|c| c.case_id.as_str())
        .collect();
    assert_eq!(
        stalled,
        ["1", "3", "5"],
        "case 2 is 30 days in step, not more; commitment never stalls"
    );
    let case3 = &pipeline.cases[2];
    assert_eq!(case3.days_in_step, 36.0);
    assert_eq!(case3.without_positive_case, [HighLevelCase]);
    let case5 = &pipeline.cases[4];
    assert_eq!(case5.without_positive_case, [HighLevelCase]);
    assert!(pipeline.cases[1].without_positive_case.is_empty());
    let text = canonical_json(&pipeline_node(&pipeline));
    assert!(text.contains(r#""stalled":[1,3,5]"#), "{text}");
    assert!(case_pipeline(&histories, f64::NAN, 30.0).is_err());
}

#[test]
fn days_in_step_run_from_the_latest_step_change() {
    let histories = vec![history(
        "1",
        1.0,
        "USD",
        vec![
            mark(0.0, BusinessReview, false, false),
            mark(5.0, HighLevelCase, false, false),
            mark(8.0, HighLevelCase, true, false),
            mark(12.0, BusinessReview, false, false),
            mark(13.0, BusinessReview, false, false),
        ],
    )];
    let pipeline = case_pipeline(&histories, at(20.0), 7.5).unwrap();
    let case = &pipeline.cases[0];
    assert_eq!(case.step, BusinessReview);
    assert_eq!(case.entered_step_at_ms, at(12.0));
    assert_eq!(case.days_in_step, 8.0);
    assert!(case.stalled);
    // The gate passed on day 8 stays passed after moving back.
    assert_eq!(
        events(&histories[0].marks),
        [(BusinessReview, 0.0), (HighLevelCase, 8.0)]
    );
}

#[path = "drop_test.rs"]
mod drop;

mod never_panics {
    //! Any tree, and any field of a valid case replaced by any tree, is
    //! read, checked and diffed without a panic: every problem is data.
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "schema",
        "title",
        "customer",
        "model",
        "inputs",
        "sources",
        "scenarios",
        "settings",
        "step",
        "author",
        "id",
        "name",
        "version",
        "document",
        "by",
        "basis",
        "note",
        "label",
        "hurdleRate",
        "paybackLimitMonths",
        "strategicFit",
        "probabilityNpvPositive",
        "monteCarlo",
        "seed",
        "trials",
        "locale",
        "currency",
        "implementation_cost",
        "dropped",
        "reason",
    ];

    fn any_node() -> impl Strategy<Value = Node> {
        let leaf = prop_oneof![
            Just(Node::Null),
            any::<bool>().prop_map(Node::Bool),
            any::<f64>().prop_map(Node::Number),
            (-1e7..1e7f64).prop_map(Node::Number),
            "[a-z_ A-Z0-9\\n-]{0,12}".prop_map(Node::Text),
            prop::sample::select(KEYS).prop_map(|k| Node::Text(k.to_string())),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Node::List),
                prop::collection::vec(
                    (prop::sample::select(KEYS).prop_map(String::from), inner),
                    0..8
                )
                .prop_map(Node::Map),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_tree_is_read_without_a_panic(node in any_node()) {
            if let Ok(case) = read_case(&node) {
                let _ = case_figures(&case);
                let _ = diff_cases(None, &case);
            }
        }

        #[test]
        fn any_field_of_a_valid_case_may_be_anything(index in 0usize..10, value in any_node()) {
            let Node::Map(mut entries) = node_from_json(&case_text("")).unwrap() else {
                unreachable!()
            };
            let key = KEYS[index % 10];
            entries.retain(|(k, _)| k != key);
            entries.push((key.to_string(), value));
            let valid = read("").unwrap();
            if let Ok(case) = read_case(&Node::Map(entries)) {
                let _ = case_figures(&case);
                let diff = diff_cases(Some(&valid), &case);
                let _ = super::super::nodes::diff_node(&diff);
            }
        }
    }
}
