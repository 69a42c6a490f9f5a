//! What the event envelopes share (calc events in `envelope`, page events
//! in `page_event`): the bounds, [`EnvelopeError`] and the field readers,
//! typed access to a [`Node`]'s fields where each refusal names the
//! value's path. They read; they never decide what an event means.
//! `envelope` re-exports the public items.

use std::fmt;

use super::event::{Consent, EventName};
use crate::json::Node;
use crate::number_text::Plain;

/// The only batch schema this reader accepts.
pub const BATCH_SCHEMA: &str = "yardstick/events@1";
/// Most events in one batch.
pub const MAX_BATCH_EVENTS: usize = 500;
/// Longest id (`instance_id`, `calc_id`, `calc_version`, `step`, `scenario`,
/// `visitor_id`), in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Largest `sequence` and `step_index`.
pub const MAX_COUNTER: u32 = 1_000_000;
/// Longest page time and cumulative total: 31 days in milliseconds.
pub const MAX_DURATION_MS: u64 = 31 * 24 * 60 * 60 * 1000;
/// Latest `occurred_at_ms`: the largest time a JavaScript `Date` holds.
pub const MAX_EPOCH_MS: f64 = 8.64e15;

/// Why a batch or an event was refused; every variant names the path of the
/// offending value (`events[3].totals.wall_ms`, or `` for the whole body).
#[derive(Debug, Clone, PartialEq)]
pub enum EnvelopeError {
    /// A value of the wrong JSON type.
    WrongType {
        /// Where.
        path: String,
        /// The JSON type the envelope wants there.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A required field is absent.
    Missing {
        /// The missing field's path.
        path: String,
    },
    /// A field the envelope does not define (typos must not lose data).
    UnknownField {
        /// The unknown field's path.
        path: String,
    },
    /// The batch's `schema` is not [`BATCH_SCHEMA`].
    WrongSchema {
        /// Where.
        path: String,
        /// The schema or schemas the reader accepts, in words.
        expected: &'static str,
        /// The schema given, shortened.
        found: String,
    },
    /// Not 1 to [`MAX_BATCH_EVENTS`] events.
    BatchSize {
        /// Where.
        path: String,
        /// The events given.
        count: usize,
    },
    /// An id that is empty, too long or has a character outside `A-Z a-z 0-9 . _ : -`.
    InvalidId {
        /// Where.
        path: String,
        /// The id given, shortened.
        found: String,
    },
    /// Not a lowercase 8-4-4-4-12 hex UUID.
    InvalidUuid {
        /// Where.
        path: String,
        /// The text given, shortened.
        found: String,
    },
    /// A name that is not one of the `calc_*` names.
    UnknownName {
        /// Where.
        path: String,
        /// The name given, shortened.
        found: String,
    },
    /// A consent that is not `granted`, `denied` or `unknown`.
    UnknownConsent {
        /// Where.
        path: String,
        /// The consent given, shortened.
        found: String,
    },
    /// A number that is not an integer, or outside its range.
    OutOfRange {
        /// Where.
        path: String,
        /// The number given.
        found: f64,
        /// The least allowed.
        min: f64,
        /// The most allowed.
        max: f64,
        /// Whether it must be a whole number.
        integer: bool,
    },
    /// Totals that break `interaction <= in view <= active page <= wall`.
    UnorderedTotals {
        /// The totals' path.
        path: String,
    },
    /// `step` / `step_index` on an event other than `calc_step`, or missing on one.
    StepMismatch {
        /// Where.
        path: String,
        /// The event's name.
        name: EventName,
    },
    /// A value that breaks a rule of its own (a page path, a host, a
    /// campaign value, a target that does not fit its event).
    Broken {
        /// Where.
        path: String,
        /// The rule, worded to follow "must": `be a path starting with /`.
        rule: &'static str,
        /// The offending text, shortened, when quoting it helps.
        found: Option<String>,
    },
    /// A `visitor_id` without consent `granted`.
    VisitorWithoutConsent {
        /// The visitor id's path.
        path: String,
        /// The event's consent.
        consent: Consent,
    },
}

impl EnvelopeError {
    /// The path of the offending value (empty for the whole body).
    pub fn path(&self) -> &str {
        match self {
            EnvelopeError::WrongType { path, .. }
            | EnvelopeError::Missing { path }
            | EnvelopeError::UnknownField { path }
            | EnvelopeError::WrongSchema { path, .. }
            | EnvelopeError::BatchSize { path, .. }
            | EnvelopeError::InvalidId { path, .. }
            | EnvelopeError::InvalidUuid { path, .. }
            | EnvelopeError::UnknownName { path, .. }
            | EnvelopeError::UnknownConsent { path, .. }
            | EnvelopeError::OutOfRange { path, .. }
            | EnvelopeError::UnorderedTotals { path }
            | EnvelopeError::Broken { path, .. }
            | EnvelopeError::StepMismatch { path, .. }
            | EnvelopeError::VisitorWithoutConsent { path, .. } => path,
        }
    }
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path().is_empty() {
            "body"
        } else {
            self.path()
        };
        write!(f, "{path}: ")?;
        match self {
            EnvelopeError::WrongType {
                expected, found, ..
            } => write!(f, "must be {expected}, not {found}"),
            EnvelopeError::Missing { .. } => write!(f, "is required"),
            EnvelopeError::UnknownField { .. } => write!(f, "is not a field of the envelope"),
            EnvelopeError::WrongSchema {
                expected, found, ..
            } => write!(f, "must be {expected}, not \"{found}\""),
            EnvelopeError::BatchSize { count, .. } => {
                write!(f, "must hold 1 to {MAX_BATCH_EVENTS} events, not {count}")
            }
            EnvelopeError::InvalidId { found, .. } => write!(
                f,
                "must be 1 to {MAX_ID_CHARS} characters from A-Z a-z 0-9 . _ : -, not \"{found}\""
            ),
            EnvelopeError::InvalidUuid { found, .. } => write!(
                f,
                "must be a lowercase UUID (8-4-4-4-12 hex digits), not \"{found}\""
            ),
            EnvelopeError::UnknownName { found, .. } => {
                let names: Vec<&str> = EventName::ALL.iter().map(|n| n.as_str()).collect();
                write!(f, "must be one of {}, not \"{found}\"", names.join(", "))
            }
            EnvelopeError::UnknownConsent { found, .. } => write!(
                f,
                "must be \"granted\", \"denied\" or \"unknown\", not \"{found}\""
            ),
            EnvelopeError::OutOfRange {
                found,
                min,
                max,
                integer,
                ..
            } => {
                let kind = if *integer { "an integer" } else { "a number" };
                write!(
                    f,
                    "must be {kind} from {} to {}, not {}",
                    Plain(*min),
                    Plain(*max),
                    Plain(*found)
                )
            }
            EnvelopeError::UnorderedTotals { .. } => write!(
                f,
                "must satisfy interaction_ms <= in_view_ms <= active_page_ms <= wall_ms"
            ),
            EnvelopeError::StepMismatch { name, .. } => {
                if *name == EventName::Step {
                    write!(f, "calc_step needs both step and step_index")
                } else {
                    write!(
                        f,
                        "step and step_index belong to calc_step only, not {}",
                        name.as_str()
                    )
                }
            }
            EnvelopeError::Broken { rule, found, .. } => match found {
                Some(found) => write!(f, "must {rule}, not \"{found}\""),
                None => write!(f, "must {rule}"),
            },
            EnvelopeError::VisitorWithoutConsent { consent, .. } => write!(
                f,
                "visitor_id is allowed only with consent \"granted\", not \"{}\"",
                consent.as_str()
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// Whether `text` is an envelope id: 1 to 64 characters from `A-Z a-z 0-9 . _ : -`.
pub fn is_valid_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID_CHARS
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// Whether `text` is a lowercase 8-4-4-4-12 hex UUID. The version nibble is
/// not checked, so any UUID version in that form is accepted.
pub fn is_valid_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(index, b)| match index {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

/// Longest piece of offending input quoted back in a message.
const MAX_QUOTED_CHARS: usize = 64;

pub(super) fn map_entries<'a>(
    node: &'a Node,
    path: &str,
) -> Result<&'a [(String, Node)], EnvelopeError> {
    match node {
        Node::Map(entries) => Ok(entries),
        other => Err(EnvelopeError::WrongType {
            path: path.into(),
            expected: "an object",
            found: other.type_name(),
        }),
    }
}

pub(super) fn refuse_unknown(
    entries: &[(String, Node)],
    known: &[&str],
    path: &str,
) -> Result<(), EnvelopeError> {
    match entries
        .iter()
        .find(|(key, _)| !known.contains(&key.as_str()))
    {
        Some((key, _)) => Err(EnvelopeError::UnknownField {
            path: join(path, &quoted(key)),
        }),
        None => Ok(()),
    }
}

/// The field `key`, treating `null` as absent.
pub(super) fn optional<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).filter(|value| **value != Node::Null)
}

pub(super) fn required<'a>(
    node: &'a Node,
    key: &str,
    path: &str,
) -> Result<&'a Node, EnvelopeError> {
    optional(node, key).ok_or_else(|| EnvelopeError::Missing {
        path: join(path, key),
    })
}

pub(super) fn text<'a>(value: &'a Node, path: &str) -> Result<&'a str, EnvelopeError> {
    match value {
        Node::Text(text) => Ok(text),
        other => Err(EnvelopeError::WrongType {
            path: path.into(),
            expected: "text",
            found: other.type_name(),
        }),
    }
}

pub(super) fn text_field<'a>(
    node: &'a Node,
    key: &str,
    path: &str,
) -> Result<&'a str, EnvelopeError> {
    text(required(node, key, path)?, &join(path, key))
}

pub(super) fn id(value: &Node, path: &str) -> Result<String, EnvelopeError> {
    let id = text(value, path)?;
    if is_valid_id(id) {
        Ok(id.to_string())
    } else {
        Err(EnvelopeError::InvalidId {
            path: path.into(),
            found: quoted(id),
        })
    }
}

pub(super) fn id_field(node: &Node, key: &str, path: &str) -> Result<String, EnvelopeError> {
    id(required(node, key, path)?, &join(path, key))
}

pub(super) fn optional_id(
    node: &Node,
    key: &str,
    path: &str,
) -> Result<Option<String>, EnvelopeError> {
    optional(node, key)
        .map(|value| id(value, &join(path, key)))
        .transpose()
}

pub(super) fn uuid_field(node: &Node, key: &str, path: &str) -> Result<String, EnvelopeError> {
    let field_path = join(path, key);
    let uuid = text(required(node, key, path)?, &field_path)?;
    if is_valid_uuid(uuid) {
        Ok(uuid.to_string())
    } else {
        Err(EnvelopeError::InvalidUuid {
            path: field_path,
            found: quoted(uuid),
        })
    }
}

/// A finite number from 0 to `max`, an integer when `integer` is set.
pub(super) fn number(
    value: &Node,
    path: &str,
    max: f64,
    integer: bool,
) -> Result<f64, EnvelopeError> {
    let n = match value {
        Node::Number(n) => *n,
        other => {
            return Err(EnvelopeError::WrongType {
                path: path.into(),
                expected: if integer { "an integer" } else { "a number" },
                found: other.type_name(),
            })
        }
    };
    let in_range = n.is_finite() && (0.0..=max).contains(&n) && (!integer || n.fract() == 0.0);
    if in_range {
        // -0.0 reads as 0.0, so the stored form is canonical.
        Ok(n + 0.0)
    } else {
        Err(EnvelopeError::OutOfRange {
            path: path.into(),
            found: n,
            min: 0.0,
            max,
            integer,
        })
    }
}

pub(super) fn counter(value: &Node, path: &str) -> Result<u32, EnvelopeError> {
    // An integer from 0 to 1,000,000: exact in u32.
    Ok(number(value, path, f64::from(MAX_COUNTER), true)? as u32)
}

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// At most [`MAX_QUOTED_CHARS`] characters of offending input, for messages.
pub(super) fn quoted(text: &str) -> String {
    let head = super::tracker_error::first_chars(text, MAX_QUOTED_CHARS);
    let mut out = head.to_string();
    if head.len() < text.len() {
        out.push('…');
    }
    out
}

/// Reads a batch of either kind: a map with exactly `schema` (which must be
/// `schema_tag`; `quoted_tag` is the same in quotes, for the message) and
/// `events`, 1 to [`MAX_BATCH_EVENTS`] events each read by `read_event` with
/// its path (`events[3]`). All or nothing.
pub fn read_events<T>(
    batch: &Node,
    (schema_tag, quoted_tag): (&str, &'static str),
    read_event: impl Fn(&Node, &str) -> Result<T, EnvelopeError>,
) -> Result<Vec<T>, EnvelopeError> {
    refuse_unknown(map_entries(batch, "")?, &["schema", "events"], "")?;
    let schema = text_field(batch, "schema", "")?;
    if schema != schema_tag {
        return Err(EnvelopeError::WrongSchema {
            path: "schema".into(),
            expected: quoted_tag,
            found: quoted(schema),
        });
    }
    let events = match required(batch, "events", "")? {
        Node::List(items) => items,
        other => {
            return Err(EnvelopeError::WrongType {
                path: "events".into(),
                expected: "a list",
                found: other.type_name(),
            })
        }
    };
    if events.is_empty() || events.len() > MAX_BATCH_EVENTS {
        return Err(EnvelopeError::BatchSize {
            path: "events".into(),
            count: events.len(),
        });
    }
    events
        .iter()
        .enumerate()
        .map(|(index, event)| read_event(event, &format!("events[{index}]")))
        .collect()
}

/// `occurred_at_ms` of an event at `path`: epoch milliseconds, finite, 0 to
/// [`MAX_EPOCH_MS`].
pub fn occurred_at_ms_field(node: &Node, path: &str) -> Result<f64, EnvelopeError> {
    let field = "occurred_at_ms";
    number(
        required(node, field, path)?,
        &join(path, field),
        MAX_EPOCH_MS,
        false,
    )
}

/// `page_time_ms` of an event at `path`: `performance.now()`, 0 to
/// [`MAX_DURATION_MS`], fractions allowed.
pub fn page_time_ms_field(node: &Node, path: &str) -> Result<f64, EnvelopeError> {
    let field = "page_time_ms";
    number(
        required(node, field, path)?,
        &join(path, field),
        MAX_DURATION_MS as f64,
        false,
    )
}
