//! Reads and writes the event envelope (docs/engagement.md, "The event
//! envelope"): a batch `{"schema": "yardstick/events@1", "events": [...]}`
//! from a [`Node`] into [`Event`]s, checking every bound, and an [`Event`]
//! back into canonical JSON for storage and the API.
//!
//! Reading is all or nothing: the first problem stops it and comes back as an
//! [`EnvelopeError`] naming the path (`events[3].totals.wall_ms`) and the
//! reason. It never stores anything, reads no clock and does no I/O.

use super::envelope_fields::{
    counter, id_field, join, map_entries, number, occurred_at_ms_field, optional, optional_id,
    page_time_ms_field, quoted, read_events, refuse_unknown, required, text_field, uuid_field,
};
pub use super::envelope_fields::{
    is_valid_id, is_valid_uuid, EnvelopeError, BATCH_SCHEMA, MAX_BATCH_EVENTS, MAX_COUNTER,
    MAX_DURATION_MS, MAX_EPOCH_MS, MAX_ID_CHARS,
};
use super::event::{Consent, Event, EventName, Step, Totals};
use crate::json::{canonical_json, Node};

/// Every field an event may carry (docs/engagement.md); any other is refused.
pub const EVENT_FIELDS: [&str; 15] = [
    "event_id",
    "name",
    "sequence",
    "page_view_id",
    "instance_id",
    "calc_id",
    "calc_version",
    "occurred_at_ms",
    "page_time_ms",
    "consent",
    "visitor_id",
    "totals",
    "step",
    "step_index",
    "scenario",
];
const TOTALS_FIELDS: [&str; 4] = ["interaction_ms", "in_view_ms", "active_page_ms", "wall_ms"];

/// Reads a batch: a map with exactly `schema` and `events`, 1 to
/// [`MAX_BATCH_EVENTS`] valid events. All or nothing.
pub fn read_batch(batch: &Node) -> Result<Vec<Event>, EnvelopeError> {
    read_events(batch, (BATCH_SCHEMA, "\"yardstick/events@1\""), read_event)
}

/// Reads one event; `path` prefixes every error path (`events[3]`, or ``).
pub fn read_event(node: &Node, path: &str) -> Result<Event, EnvelopeError> {
    let entries = map_entries(node, path)?;
    refuse_unknown(entries, &EVENT_FIELDS, path)?;
    let name_text = text_field(node, "name", path)?;
    let name = EventName::parse(name_text).ok_or_else(|| EnvelopeError::UnknownName {
        path: join(path, "name"),
        found: quoted(name_text),
    })?;
    let consent_text = text_field(node, "consent", path)?;
    let consent = Consent::parse(consent_text).ok_or_else(|| EnvelopeError::UnknownConsent {
        path: join(path, "consent"),
        found: quoted(consent_text),
    })?;
    let visitor_id = optional_id(node, "visitor_id", path)?;
    if visitor_id.is_some() && !consent.allows_storage() {
        return Err(EnvelopeError::VisitorWithoutConsent {
            path: join(path, "visitor_id"),
            consent,
        });
    }
    let step_id = optional_id(node, "step", path)?;
    let step_index = match optional(node, "step_index") {
        Some(value) => Some(counter(value, &join(path, "step_index"))?),
        None => None,
    };
    let step = match (name, step_id, step_index) {
        (EventName::Step, Some(input_id), Some(index)) => Some(Step { input_id, index }),
        (EventName::Step, _, _) => {
            return Err(EnvelopeError::StepMismatch {
                path: join(
                    path,
                    if optional(node, "step").is_none() {
                        "step"
                    } else {
                        "step_index"
                    },
                ),
                name,
            })
        }
        (_, None, None) => None,
        (_, step_id, _) => {
            return Err(EnvelopeError::StepMismatch {
                path: join(
                    path,
                    if step_id.is_some() {
                        "step"
                    } else {
                        "step_index"
                    },
                ),
                name,
            })
        }
    };
    Ok(Event {
        event_id: uuid_field(node, "event_id", path)?,
        name,
        sequence: counter(required(node, "sequence", path)?, &join(path, "sequence"))?,
        page_view_id: uuid_field(node, "page_view_id", path)?,
        instance_id: id_field(node, "instance_id", path)?,
        calc_id: id_field(node, "calc_id", path)?,
        calc_version: id_field(node, "calc_version", path)?,
        occurred_at_ms: occurred_at_ms_field(node, path)?,
        page_time_ms: page_time_ms_field(node, path)?,
        consent,
        visitor_id,
        totals: read_totals(required(node, "totals", path)?, &join(path, "totals"))?,
        step,
        scenario: optional_id(node, "scenario", path)?,
    })
}

fn read_totals(node: &Node, path: &str) -> Result<Totals, EnvelopeError> {
    let entries = map_entries(node, path)?;
    refuse_unknown(entries, &TOTALS_FIELDS, path)?;
    let whole_ms = |key: &str| -> Result<u64, EnvelopeError> {
        let value = number(
            required(node, key, path)?,
            &join(path, key),
            MAX_DURATION_MS as f64,
            true,
        )?;
        // An integer from 0 to 31 days: exact in u64.
        Ok(value as u64)
    };
    let totals = Totals {
        interaction_ms: whole_ms("interaction_ms")?,
        in_view_ms: whole_ms("in_view_ms")?,
        active_page_ms: whole_ms("active_page_ms")?,
        wall_ms: whole_ms("wall_ms")?,
    };
    if !totals.is_ordered() {
        return Err(EnvelopeError::UnorderedTotals { path: path.into() });
    }
    Ok(totals)
}

/// The event as a [`Node`] with the envelope's field names; absent optional
/// fields are left out. [`read_event`] reads it back to the same event.
pub fn event_to_node(event: &Event) -> Node {
    let text = |s: &str| Node::Text(s.to_string());
    let whole = |ms: u64| Node::Number(ms as f64);
    let mut entries = vec![
        ("event_id".to_string(), text(&event.event_id)),
        ("name".to_string(), text(event.name.as_str())),
        (
            "sequence".to_string(),
            Node::Number(f64::from(event.sequence)),
        ),
        ("page_view_id".to_string(), text(&event.page_view_id)),
        ("instance_id".to_string(), text(&event.instance_id)),
        ("calc_id".to_string(), text(&event.calc_id)),
        ("calc_version".to_string(), text(&event.calc_version)),
        (
            "occurred_at_ms".to_string(),
            Node::Number(event.occurred_at_ms),
        ),
        ("page_time_ms".to_string(), Node::Number(event.page_time_ms)),
        ("consent".to_string(), text(event.consent.as_str())),
        (
            "totals".to_string(),
            Node::Map(vec![
                (
                    "interaction_ms".to_string(),
                    whole(event.totals.interaction_ms),
                ),
                ("in_view_ms".to_string(), whole(event.totals.in_view_ms)),
                (
                    "active_page_ms".to_string(),
                    whole(event.totals.active_page_ms),
                ),
                ("wall_ms".to_string(), whole(event.totals.wall_ms)),
            ]),
        ),
    ];
    if let Some(visitor_id) = &event.visitor_id {
        entries.push(("visitor_id".to_string(), text(visitor_id)));
    }
    if let Some(step) = &event.step {
        entries.push(("step".to_string(), text(&step.input_id)));
        entries.push((
            "step_index".to_string(),
            Node::Number(f64::from(step.index)),
        ));
    }
    if let Some(scenario) = &event.scenario {
        entries.push(("scenario".to_string(), text(scenario)));
    }
    Node::Map(entries)
}

/// The event as canonical JSON (sorted keys, no whitespace): the form the
/// collector stores and the API returns.
pub fn event_json(event: &Event) -> String {
    canonical_json(&event_to_node(event))
}
