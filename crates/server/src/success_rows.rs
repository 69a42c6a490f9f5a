//! The typed success rows (`yardstick_core::success::data`) back into the
//! JSON shapes of docs/success.md, so the store keeps each row as the
//! document spells it and `GET /api/success/data` reassembles a document
//! the core's reader accepts again. Only shapes: no rule is checked here.

use yardstick_core::json::Node;
use yardstick_core::success::data::{
    Account, ChecklistMark, DatedValue, Event, Outcome, OutcomeDirection, PlayCompletion,
    RealisedValue, Renegotiation, Renewal, RenewalResult, Signal,
};
use yardstick_core::success::date::Date;

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

fn date(value: Date) -> Node {
    Node::Text(value.to_string())
}

fn map(entries: Vec<(&str, Node)>) -> Node {
    Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// An account as in `accounts[]`; absent optional fields are left out.
pub fn account_node(account: &Account) -> Node {
    let mut entries = vec![("id", text(&account.id)), ("name", text(&account.name))];
    if let Some(segment) = &account.segment {
        entries.push(("segment", text(segment)));
    }
    if let Some(owner) = &account.owner {
        entries.push(("owner", text(owner)));
    }
    entries.push(("annualValue", Node::Number(account.annual_value)));
    entries.push(("currency", text(&account.currency)));
    entries.push(("contractStart", date(account.contract_start)));
    if let Some(first_value) = account.first_value {
        entries.push(("firstValue", date(first_value)));
    }
    entries.push(("renewal", date(account.renewal)));
    if let Some(stage) = &account.stage_override {
        let mut stage_entries = vec![
            ("stage", text(stage.stage.as_str())),
            ("from", date(stage.from)),
        ];
        if let Some(until) = stage.until {
            stage_entries.push(("until", date(until)));
        }
        stage_entries.push(("reason", text(&stage.reason)));
        entries.push(("stage", map(stage_entries)));
    }
    if let Some(case) = account.case {
        // Whole numbers from 1, far below 2^53: exact as f64.
        entries.push((
            "case",
            map(vec![
                ("id", Node::Number(case.id as f64)),
                ("revision", Node::Number(case.revision as f64)),
            ]),
        ));
    }
    if !account.domains.is_empty() {
        entries.push(("domains", text(&account.domains.join(" "))));
    }
    map(entries)
}

/// A signal as in `signals[]`.
pub fn signal_node(signal: &Signal) -> Node {
    map(vec![
        ("account", text(&signal.account)),
        ("date", date(signal.date)),
        ("metric", text(&signal.metric)),
        ("value", Node::Number(signal.value)),
    ])
}

/// An event as in `events[]`.
pub fn event_node(event: &Event) -> Node {
    let mut entries = vec![
        ("account", text(&event.account)),
        ("date", date(event.date)),
        ("kind", text(&event.kind)),
    ];
    if let Some(note) = &event.note {
        entries.push(("note", text(note)));
    }
    map(entries)
}

fn dated_value(value: &DatedValue) -> Node {
    map(vec![
        ("value", Node::Number(value.value)),
        ("date", date(value.date)),
    ])
}

/// An outcome as in `outcomes[]`, with the actuals and renegotiations given
/// (the store keeps them in their own tables).
pub fn outcome_node(outcome: &Outcome, actuals: Vec<Node>, renegotiations: Vec<Node>) -> Node {
    let mut entries = vec![
        ("id", text(&outcome.id)),
        ("account", text(&outcome.account)),
        ("label", text(&outcome.label)),
    ];
    if let Some(unit) = &outcome.unit {
        entries.push(("unit", text(unit)));
    }
    let direction = match outcome.direction {
        OutcomeDirection::Increase => "increase",
        OutcomeDirection::Decrease => "decrease",
    };
    entries.push(("direction", text(direction)));
    entries.push(("baseline", dated_value(&outcome.baseline)));
    entries.push(("target", dated_value(&outcome.target)));
    entries.push(("actuals", Node::List(actuals)));
    entries.push(("renegotiations", Node::List(renegotiations)));
    map(entries)
}

/// An actual as in `outcomes[].actuals[]`.
pub fn actual_node(actual: &DatedValue) -> Node {
    map(vec![
        ("date", date(actual.date)),
        ("value", Node::Number(actual.value)),
    ])
}

/// A renegotiation as in `outcomes[].renegotiations[]`.
pub fn renegotiation_node(renegotiation: &Renegotiation) -> Node {
    map(vec![
        ("date", date(renegotiation.date)),
        ("target", Node::Number(renegotiation.target)),
        ("targetDate", date(renegotiation.target_date)),
        ("reason", text(&renegotiation.reason)),
        ("agreedBy", text(&renegotiation.agreed_by)),
    ])
}

/// A renewal as in `renewals[]`.
pub fn renewal_node(renewal: &Renewal) -> Node {
    let result = match renewal.result {
        RenewalResult::Renewed => "renewed",
        RenewalResult::Churned => "churned",
    };
    map(vec![
        ("account", text(&renewal.account)),
        ("date", date(renewal.date)),
        ("result", text(result)),
        ("value", Node::Number(renewal.value)),
    ])
}

/// A realised value as in `realised[]`.
pub fn realised_node(row: &RealisedValue) -> Node {
    map(vec![
        ("account", text(&row.account)),
        ("date", date(row.date)),
        ("input", text(&row.input)),
        ("value", Node::Number(row.value)),
    ])
}

/// A checklist state as in `checklist[]`.
pub fn checklist_node(row: &ChecklistMark) -> Node {
    let mut entries = vec![
        ("account", text(&row.account)),
        ("list", text(row.list.as_str())),
        ("item", text(&row.item)),
        ("date", date(row.date)),
        ("done", Node::Bool(row.done)),
    ];
    if let Some(note) = &row.note {
        entries.push(("note", text(note)));
    }
    map(entries)
}

/// A play completion as in `plays[]`.
pub fn play_node(row: &PlayCompletion) -> Node {
    let mut entries = vec![("account", text(&row.account)), ("play", text(&row.play))];
    if let Some(alert) = &row.alert {
        entries.push(("alert", text(alert)));
    }
    entries.push(("date", date(row.date)));
    if let Some(by) = &row.by {
        entries.push(("by", text(by)));
    }
    if let Some(note) = &row.note {
        entries.push(("note", text(note)));
    }
    map(entries)
}
