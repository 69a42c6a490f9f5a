//! A case document written back as JSON, as the core read it: what the
//! server stores and answers, and the pieces a diff compares (a source, a
//! scenario, the settings that are set). Plain tree building; it checks
//! nothing.

use super::read::{
    AssumptionSource, CaseDocument, CaseDrop, CaseScenario, CaseSettings, CASE_SCHEMA,
};
use crate::json::Node;

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

/// A source as `{by?, basis?, note?}`.
pub fn source_node(source: &AssumptionSource) -> Node {
    let mut entries = Vec::new();
    for (key, value) in [
        ("by", &source.by),
        ("basis", &source.basis),
        ("note", &source.note),
    ] {
        if let Some(value) = value {
            entries.push((key.to_string(), text(value)));
        }
    }
    Node::Map(entries)
}

/// A scenario as `{id, label, inputs}`.
pub fn scenario_node(scenario: &CaseScenario) -> Node {
    Node::Map(vec![
        ("id".into(), text(&scenario.id)),
        ("label".into(), text(&scenario.label)),
        ("inputs".into(), Node::Map(scenario.inputs.clone())),
    ])
}

/// The settings that are set, by their document names.
pub fn settings_entries(settings: &CaseSettings) -> Vec<(String, Node)> {
    let mut entries = Vec::new();
    let numbers = [
        ("hurdleRate", settings.hurdle_rate),
        ("paybackLimitMonths", settings.payback_limit_months),
        ("strategicFit", settings.strategic_fit),
        ("probabilityNpvPositive", settings.probability_npv_positive),
    ];
    for (key, value) in numbers {
        if let Some(value) = value {
            entries.push((key.to_string(), Node::Number(value)));
        }
    }
    if let Some(mc) = &settings.monte_carlo {
        let mut fields = vec![
            ("seed".to_string(), Node::Number(mc.seed)),
            ("trials".to_string(), Node::Number(mc.trials)),
        ];
        if let Some(months) = mc.payback_within_months {
            fields.push(("paybackWithinMonths".into(), Node::Number(months)));
        }
        entries.push(("monteCarlo".into(), Node::Map(fields)));
    }
    if let Some(locale) = &settings.locale {
        entries.push(("locale".into(), text(locale)));
    }
    if let Some(currency) = &settings.currency {
        entries.push(("currency".into(), text(currency)));
    }
    entries
}

/// The case document as read: what the server stores and answers.
pub fn case_node(case: &CaseDocument) -> Node {
    let mut sources = Vec::with_capacity(case.sources.len());
    for (id, source) in &case.sources {
        sources.push((id.clone(), source_node(source)));
    }
    let mut entries = vec![
        ("schema".into(), text(CASE_SCHEMA)),
        ("title".into(), text(&case.title)),
        (
            "customer".into(),
            Node::Map(vec![
                ("id".into(), text(&case.customer.id)),
                ("name".into(), text(&case.customer.name)),
            ]),
        ),
        (
            "model".into(),
            Node::Map(vec![
                ("id".into(), text(&case.model_id)),
                ("version".into(), text(&case.model_version)),
                ("document".into(), case.model_document.clone()),
            ]),
        ),
        ("inputs".into(), Node::Map(case.inputs.clone())),
        ("sources".into(), Node::Map(sources)),
        (
            "scenarios".into(),
            Node::List(case.scenarios.iter().map(scenario_node).collect()),
        ),
        (
            "settings".into(),
            Node::Map(settings_entries(&case.settings)),
        ),
        ("step".into(), text(case.step.as_str())),
    ];
    // Only a dropped case has the field, so an open case is written exactly
    // as before the field existed.
    if let Some(drop) = &case.dropped {
        entries.push(("dropped".into(), dropped_node(drop)));
    }
    entries.push(("author".into(), text(&case.author)));
    Node::Map(entries)
}

/// A drop as `{reason}`.
pub fn dropped_node(drop: &CaseDrop) -> Node {
    Node::Map(vec![("reason".into(), text(&drop.reason))])
}
