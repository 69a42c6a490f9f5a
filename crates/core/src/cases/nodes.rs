//! The JSON shapes of what the core makes of cases (docs/cases.md): the
//! figures, a diff and its summary, the pipeline report and the problems.
//! Plain tree building; no checks and no figures are made here. The
//! document itself is written back by `document`.

use super::diff::{CaseDiff, Change};
use super::figures::CaseFigures;
use super::pipeline::{CasePipeline, CaseStanding, DropStanding};
use crate::json::Node;
use crate::scoring::{PipelineStage, StageMetrics};

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

fn optional_number(value: Option<f64>) -> Node {
    value.map_or(Node::Null, Node::Number)
}

/// The figures as `{value, valueOutput, valueSource, currency, locale,
/// verdict: {...}, receiptHash, outputs}`.
pub fn figures_node(figures: &CaseFigures) -> Node {
    let verdict = &figures.verdict;
    let ids = |ids: &[String]| Node::List(ids.iter().map(|id| text(id)).collect());
    Node::Map(vec![
        ("value".into(), optional_number(figures.value)),
        (
            "valueOutput".into(),
            figures.value_output.as_deref().map_or(Node::Null, text),
        ),
        ("valueSource".into(), text(figures.value_source.as_str())),
        ("currency".into(), text(&figures.currency)),
        ("locale".into(), text(&figures.locale)),
        (
            "verdict".into(),
            Node::Map(vec![
                ("score".into(), Node::Number(verdict.score_0_to_100)),
                ("grade".into(), text(&verdict.grade)),
                ("verdict".into(), text(verdict.verdict.as_str())),
                (
                    "highLevelCasePositive".into(),
                    Node::Bool(verdict.high_level_positive),
                ),
                (
                    "detailedCasePositive".into(),
                    Node::Bool(verdict.detailed_positive),
                ),
                ("missingMeasures".into(), ids(&verdict.missing_measure_ids)),
                ("failedGates".into(), ids(&verdict.failed_gate_ids)),
            ]),
        ),
        ("receiptHash".into(), text(&figures.receipt_hash)),
        ("outputs".into(), figures.outputs.clone()),
    ])
}

fn change_node(change: &Change) -> Node {
    Node::Map(vec![
        ("key".into(), text(&change.key)),
        ("change".into(), text(change.kind())),
        ("before".into(), change.before.clone().unwrap_or(Node::Null)),
        ("after".into(), change.after.clone().unwrap_or(Node::Null)),
    ])
}

fn changes_node(changes: &[Change]) -> Node {
    Node::List(changes.iter().map(change_node).collect())
}

/// The diff as `{inputs, sources, scenarios, settings, fields}`, each a
/// list of `{key, change: added|removed|changed, before, after}`.
pub fn diff_node(diff: &CaseDiff) -> Node {
    Node::Map(vec![
        ("inputs".into(), changes_node(&diff.inputs)),
        ("sources".into(), changes_node(&diff.sources)),
        ("scenarios".into(), changes_node(&diff.scenarios)),
        ("settings".into(), changes_node(&diff.settings)),
        ("fields".into(), changes_node(&diff.fields)),
    ])
}

/// The diff's summary: how many inputs, sources, scenarios and settings
/// changed, and which fields, as `{inputs: n, ..., fields: [..]}`.
pub fn diff_summary_node(diff: &CaseDiff) -> Node {
    let count = |changes: &[Change]| Node::Number(changes.len() as f64);
    Node::Map(vec![
        ("inputs".into(), count(&diff.inputs)),
        ("sources".into(), count(&diff.sources)),
        ("scenarios".into(), count(&diff.scenarios)),
        ("settings".into(), count(&diff.settings)),
        (
            "fields".into(),
            Node::List(diff.fields.iter().map(|c| text(&c.key)).collect()),
        ),
    ])
}

fn stage_list(stages: &[PipelineStage]) -> Node {
    Node::List(stages.iter().map(|s| text(s.as_str())).collect())
}

/// A case id as the server answers it: a number when it is a whole
/// number (the store's ids), text otherwise.
fn id_node(id: &str) -> Node {
    match id.parse::<u64>() {
        // At most 2^53 − 1: every such id is exact as a JSON number.
        Ok(n) if n.to_string() == id && n < (1 << 53) => Node::Number(n as f64),
        _ => text(id),
    }
}

fn standing_node(case: &CaseStanding) -> Node {
    Node::Map(vec![
        ("id".into(), id_node(&case.case_id)),
        ("title".into(), text(&case.title)),
        (
            "customer".into(),
            Node::Map(vec![
                ("id".into(), text(&case.customer_id)),
                ("name".into(), text(&case.customer_name)),
            ]),
        ),
        ("step".into(), text(case.step.as_str())),
        ("value".into(), optional_number(case.value)),
        ("currency".into(), text(&case.currency)),
        (
            "enteredStepAtMs".into(),
            Node::Number(case.entered_step_at_ms),
        ),
        ("daysInStep".into(), Node::Number(case.days_in_step)),
        ("stalled".into(), Node::Bool(case.stalled)),
        (
            "dropped".into(),
            case.dropped.as_ref().map_or(Node::Null, drop_node),
        ),
        (
            "withoutPositiveCase".into(),
            stage_list(&case.without_positive_case),
        ),
        (
            "highLevelCasePositive".into(),
            Node::Bool(case.high_level_positive),
        ),
        (
            "detailedCasePositive".into(),
            Node::Bool(case.detailed_positive),
        ),
    ])
}

/// A dropped case's `{reason, droppedAtMs, lastStagePassed}`.
fn drop_node(drop: &DropStanding) -> Node {
    Node::Map(vec![
        ("reason".into(), text(&drop.reason)),
        ("droppedAtMs".into(), Node::Number(drop.dropped_at_ms)),
        (
            "lastStagePassed".into(),
            text(drop.last_stage_passed.as_str()),
        ),
    ])
}

fn stage_node(metrics: &StageMetrics, at_step: (usize, f64), dropped: (usize, f64)) -> Node {
    Node::Map(vec![
        ("stage".into(), text(metrics.stage.as_str())),
        ("count".into(), Node::Number(metrics.count as f64)),
        ("value".into(), Node::Number(metrics.value)),
        (
            "withoutPositiveCase".into(),
            Node::Number(metrics.skipped_count as f64),
        ),
        ("open".into(), Node::Number(metrics.open_count as f64)),
        ("atStep".into(), Node::Number(at_step.0 as f64)),
        ("atStepValue".into(), Node::Number(at_step.1)),
        ("dropped".into(), Node::Number(dropped.0 as f64)),
        ("droppedValue".into(), Node::Number(dropped.1)),
        (
            "conversionFromPrevious".into(),
            optional_number(metrics.conversion_from_previous),
        ),
        (
            "valueConversionFromPrevious".into(),
            optional_number(metrics.value_conversion_from_previous),
        ),
        (
            "medianDaysInStage".into(),
            optional_number(metrics.median_days_in_stage),
        ),
        (
            "meanDaysInStage".into(),
            optional_number(metrics.mean_days_in_stage),
        ),
    ])
}

/// The pipeline as `{asOfMs, stalledAfterDays, currencies: [{currency,
/// cases, stages: [...], diagnostics}], cases: [...], stalled: [ids],
/// dropped: [ids]}`.
pub fn pipeline_node(pipeline: &CasePipeline) -> Node {
    let mut currencies = Vec::with_capacity(pipeline.currencies.len());
    for currency in &pipeline.currencies {
        let mut stages = Vec::with_capacity(currency.report.stages.len());
        for (index, metrics) in currency.report.stages.iter().enumerate() {
            let at_step = currency.at_step.get(index).copied().unwrap_or((0, 0.0));
            let dropped = currency.dropped.get(index).copied().unwrap_or((0, 0.0));
            stages.push(stage_node(metrics, at_step, dropped));
        }
        let mut diagnostics = Vec::new();
        for diagnostic in &currency.report.diagnostics {
            diagnostics.push(Node::Map(vec![
                ("caseId".into(), id_node(&diagnostic.project_id)),
                ("message".into(), text(&diagnostic.to_string())),
            ]));
        }
        currencies.push(Node::Map(vec![
            ("currency".into(), text(&currency.currency)),
            (
                "cases".into(),
                Node::Number(currency.report.included_project_count as f64),
            ),
            ("stages".into(), Node::List(stages)),
            ("diagnostics".into(), Node::List(diagnostics)),
        ]));
    }
    let stalled = pipeline
        .cases
        .iter()
        .filter(|case| case.stalled)
        .map(|case| id_node(&case.case_id))
        .collect();
    let dropped = pipeline
        .cases
        .iter()
        .filter(|case| case.dropped.is_some())
        .map(|case| id_node(&case.case_id))
        .collect();
    Node::Map(vec![
        ("asOfMs".into(), Node::Number(pipeline.as_of_ms)),
        (
            "stalledAfterDays".into(),
            Node::Number(pipeline.stalled_after_days),
        ),
        ("currencies".into(), Node::List(currencies)),
        (
            "cases".into(),
            Node::List(pipeline.cases.iter().map(standing_node).collect()),
        ),
        ("stalled".into(), Node::List(stalled)),
        ("dropped".into(), Node::List(dropped)),
    ])
}

/// Problems as `{error: first message, path: first path, problems: [{path, message}]}`.
pub fn problems_node(problems: &[super::read::CaseProblem]) -> Node {
    let first = problems.first();
    Node::Map(vec![
        (
            "error".into(),
            text(&first.map_or_else(|| "the case is invalid".to_string(), |p| p.to_string())),
        ),
        ("path".into(), text(first.map_or("", |p| p.path.as_str()))),
        (
            "problems".into(),
            Node::List(
                problems
                    .iter()
                    .map(|p| {
                        Node::Map(vec![
                            ("path".into(), text(&p.path)),
                            ("message".into(), text(&p.message)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}
