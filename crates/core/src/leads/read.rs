//! Reads a lead body (`yardstick/lead@1`, docs/leads.md) from a [`Node`]
//! into a [`Lead`], checking every field: ids and UUIDs by the event
//! envelope's rules, the contact's name, work email and company, consent
//! to be contacted, the page's path (never a query string) and the inputs
//! as the prospect left them.
//!
//! All or nothing: the first problem stops it and comes back as a
//! [`LeadError`] naming the path (`contact.email`) and the reason. It does
//! not know models: whether the inputs fit the model is [`super::case`]'s
//! question. It stores nothing and reads no clock.

pub use super::error::{LeadError, LEAD_SCHEMA};
use crate::engagement::envelope::{is_valid_id, is_valid_uuid, MAX_EPOCH_MS};
use crate::json::Node;
/// Most inputs a lead may carry (a model has at most 500).
pub const MAX_LEAD_INPUTS: usize = 500;
/// Longest name and company, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest email address, in characters (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest page path, model path and privacy URL, in characters.
pub const MAX_PATH_CHARS: usize = 2048;
/// Longest text input value, in characters.
pub const MAX_INPUT_TEXT_CHARS: usize = 1000;

/// Every field a lead may carry; any other is refused.
pub const LEAD_FIELDS: [&str; 14] = [
    "schema",
    "lead_id",
    "calc_id",
    "calc_version",
    "model_path",
    "page_view_id",
    "instance_id",
    "occurred_at_ms",
    "page_path",
    "contact",
    "consent",
    "inputs",
    "entered",
    "scenario",
];
const CONTACT_FIELDS: [&str; 3] = ["name", "email", "company"];
const CONSENT_FIELDS: [&str; 2] = ["contact", "privacy_url"];

/// Who asked to be contacted.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// Their name, trimmed: 1 to [`MAX_NAME_CHARS`] characters.
    pub name: String,
    /// Their work email, trimmed: one `@`, a dot in the domain.
    pub email: String,
    /// Their company, trimmed: 1 to [`MAX_NAME_CHARS`] characters.
    pub company: String,
}

/// One input's value as the prospect left it.
#[derive(Debug, Clone, PartialEq)]
pub enum LeadInput {
    /// A finite number (number, percent, currency, integer, date serial).
    Number(f64),
    /// Text (a select's option, a date as `YYYY-MM-DD`).
    Text(String),
    /// A toggle.
    Bool(bool),
}

impl LeadInput {
    /// The value as a document node, as a model reads it.
    pub fn to_node(&self) -> Node {
        match self {
            LeadInput::Number(n) => Node::Number(*n),
            LeadInput::Text(t) => Node::Text(t.clone()),
            LeadInput::Bool(b) => Node::Bool(*b),
        }
    }
}

/// A lead as sent by a widget (or a marketer's own form), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// The client-made lowercase UUID; storing is idempotent by it.
    pub lead_id: String,
    /// The model's id.
    pub calc_id: String,
    /// The model's version.
    pub calc_version: String,
    /// Where the widget loaded the model on this server, if it says.
    pub model_path: Option<String>,
    /// The page view's UUID (the engagement tracker's).
    pub page_view_id: String,
    /// The widget instance's id on the page.
    pub instance_id: String,
    /// When the prospect sent it, by their clock (epoch ms).
    pub occurred_at_ms: f64,
    /// The page's path, without query string or fragment.
    pub page_path: String,
    /// Who to contact.
    pub contact: Contact,
    /// The host's privacy notice the consent box linked to, if any.
    pub privacy_url: Option<String>,
    /// Every input as the prospect left it, in the order sent.
    pub inputs: Vec<(String, LeadInput)>,
    /// The inputs the prospect changed from their defaults.
    pub entered: Vec<String>,
    /// The scenario shown, if any.
    pub scenario: Option<String>,
}

impl Lead {
    /// The inputs as sent, an object by id (what the collector stores).
    pub fn inputs_node(&self) -> Node {
        let mut entries = Vec::with_capacity(self.inputs.len());
        for (id, value) in &self.inputs {
            entries.push((id.clone(), value.to_node()));
        }
        Node::Map(entries)
    }

    /// The entered inputs as sent, `[{id, value}]`: the case of a lead
    /// whose model the collector does not serve (no labels, unchecked).
    pub fn entered_node(&self) -> Node {
        let mut items = Vec::with_capacity(self.entered.len());
        for id in &self.entered {
            let value = self
                .inputs
                .iter()
                .find(|(input, _)| input == id)
                .map_or(Node::Null, |(_, value)| value.to_node());
            items.push(Node::Map(vec![
                ("id".into(), Node::Text(id.clone())),
                ("value".into(), value),
            ]));
        }
        Node::List(items)
    }
}

/// Reads a lead body. All or nothing; the first problem is the error.
pub fn read_lead(body: &Node) -> Result<Lead, LeadError> {
    let top = entries(body, "", &LEAD_FIELDS)?;
    let schema = text(required(top, "schema", "")?, "schema")?;
    if schema != LEAD_SCHEMA {
        return Err(LeadError::WrongSchema {
            found: quoted(schema),
        });
    }
    let contact = entries(required(top, "contact", "")?, "contact", &CONTACT_FIELDS)?;
    let consent = entries(required(top, "consent", "")?, "consent", &CONSENT_FIELDS)?;
    match required(consent, "contact", "consent")? {
        Node::Bool(true) => {}
        Node::Bool(false) => return Err(LeadError::NoConsent),
        other => {
            return Err(LeadError::WrongType {
                path: "consent.contact".into(),
                expected: "true",
                found: other.type_name(),
            })
        }
    }
    let privacy_url = match optional(consent, "privacy_url") {
        Some(node) => Some(http_url(node, "consent.privacy_url")?),
        None => None,
    };
    let inputs = read_inputs(required(top, "inputs", "")?)?;
    let entered = read_entered(required(top, "entered", "")?, &inputs)?;
    Ok(Lead {
        lead_id: uuid(top, "lead_id")?,
        calc_id: id(required(top, "calc_id", "")?, "calc_id")?,
        calc_version: id(required(top, "calc_version", "")?, "calc_version")?,
        model_path: optional(top, "model_path")
            .map(|node| site_path(node, "model_path"))
            .transpose()?,
        page_view_id: uuid(top, "page_view_id")?,
        instance_id: id(required(top, "instance_id", "")?, "instance_id")?,
        occurred_at_ms: epoch_ms(required(top, "occurred_at_ms", "")?, "occurred_at_ms")?,
        page_path: site_path(required(top, "page_path", "")?, "page_path")?,
        contact: Contact {
            name: person_text(required(contact, "name", "contact")?, "contact.name")?,
            email: email(required(contact, "email", "contact")?, "contact.email")?,
            company: person_text(required(contact, "company", "contact")?, "contact.company")?,
        },
        privacy_url,
        inputs,
        entered,
        scenario: optional(top, "scenario")
            .map(|node| id(node, "scenario"))
            .transpose()?,
    })
}

fn read_inputs(node: &Node) -> Result<Vec<(String, LeadInput)>, LeadError> {
    let Node::Map(items) = node else {
        return Err(wrong_type("inputs", "an object", node));
    };
    if items.len() > MAX_LEAD_INPUTS {
        return Err(LeadError::TooMany {
            path: "inputs".into(),
            count: items.len(),
            max: MAX_LEAD_INPUTS,
        });
    }
    let mut inputs: Vec<(String, LeadInput)> = Vec::with_capacity(items.len());
    for (key, value) in items {
        let path = format!("inputs.{}", quoted(key));
        if !is_valid_id(key) {
            return Err(LeadError::InvalidId {
                path,
                found: quoted(key),
            });
        }
        // Model ids ignore ASCII case, so `Seats` and `seats` are one input.
        if inputs.iter().any(|(id, _)| id.eq_ignore_ascii_case(key)) {
            return Err(LeadError::Duplicate { path });
        }
        let value = match value {
            Node::Number(n) if n.is_finite() => LeadInput::Number(*n + 0.0),
            Node::Bool(b) => LeadInput::Bool(*b),
            Node::Text(t) if t.chars().count() <= MAX_INPUT_TEXT_CHARS => {
                LeadInput::Text(t.clone())
            }
            Node::Text(_) => {
                return Err(LeadError::InvalidText {
                    path,
                    rule: "be at most 1000 characters",
                })
            }
            other => return Err(wrong_type(&path, "a number, text or a boolean", other)),
        };
        inputs.push((key.clone(), value));
    }
    Ok(inputs)
}

fn read_entered(node: &Node, inputs: &[(String, LeadInput)]) -> Result<Vec<String>, LeadError> {
    let Node::List(items) = node else {
        return Err(wrong_type("entered", "a list", node));
    };
    if items.len() > MAX_LEAD_INPUTS {
        return Err(LeadError::TooMany {
            path: "entered".into(),
            count: items.len(),
            max: MAX_LEAD_INPUTS,
        });
    }
    let mut entered: Vec<String> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let path = format!("entered[{index}]");
        let name = id(item, &path)?;
        let Some((known, _)) = inputs.iter().find(|(i, _)| i.eq_ignore_ascii_case(&name)) else {
            return Err(LeadError::NotAnInput { path, id: name });
        };
        if entered.iter().any(|e| e == known) {
            return Err(LeadError::Duplicate { path });
        }
        entered.push(known.clone());
    }
    Ok(entered)
}

/// The entries of an object at `path`, refusing unknown and repeated keys.
fn entries<'a>(
    node: &'a Node,
    path: &str,
    known: &[&str],
) -> Result<&'a [(String, Node)], LeadError> {
    let Node::Map(entries) = node else {
        return Err(wrong_type(path, "an object", node));
    };
    for (index, (key, _)) in entries.iter().enumerate() {
        if !known.contains(&key.as_str()) {
            return Err(LeadError::UnknownField {
                path: join(path, &quoted(key)),
            });
        }
        if entries
            .iter()
            .take(index)
            .any(|(earlier, _)| earlier == key)
        {
            return Err(LeadError::Duplicate {
                path: join(path, key),
            });
        }
    }
    Ok(entries)
}

/// The field `key`, treating `null` as absent.
fn optional<'a>(entries: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, value)| value)
        .filter(|value| **value != Node::Null)
}

fn required<'a>(
    entries: &'a [(String, Node)],
    key: &str,
    path: &str,
) -> Result<&'a Node, LeadError> {
    optional(entries, key).ok_or_else(|| LeadError::Missing {
        path: join(path, key),
    })
}

fn wrong_type(path: &str, expected: &'static str, found: &Node) -> LeadError {
    LeadError::WrongType {
        path: path.into(),
        expected,
        found: found.type_name(),
    }
}

fn text<'a>(node: &'a Node, path: &str) -> Result<&'a str, LeadError> {
    match node {
        Node::Text(text) => Ok(text),
        other => Err(wrong_type(path, "text", other)),
    }
}

fn id(node: &Node, path: &str) -> Result<String, LeadError> {
    let value = text(node, path)?;
    if is_valid_id(value) {
        Ok(value.to_string())
    } else {
        Err(LeadError::InvalidId {
            path: path.into(),
            found: quoted(value),
        })
    }
}

fn uuid(top: &[(String, Node)], key: &str) -> Result<String, LeadError> {
    let value = text(required(top, key, "")?, key)?;
    if is_valid_uuid(value) {
        Ok(value.to_string())
    } else {
        Err(LeadError::InvalidUuid {
            path: key.into(),
            found: quoted(value),
        })
    }
}

fn epoch_ms(node: &Node, path: &str) -> Result<f64, LeadError> {
    let Node::Number(n) = node else {
        return Err(wrong_type(path, "a number", node));
    };
    if n.is_finite() && (0.0..=MAX_EPOCH_MS).contains(n) {
        Ok(*n + 0.0)
    } else {
        Err(LeadError::OutOfRange {
            path: path.into(),
            found: *n,
            max: MAX_EPOCH_MS,
        })
    }
}

/// Whether `text` has a control character (a line break in a name would
/// break every list and export it appears in).
fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// A name or company: trimmed, 1 to 200 characters, no control characters.
fn person_text(node: &Node, path: &str) -> Result<String, LeadError> {
    let value = text(node, path)?.trim();
    let length = value.chars().count();
    if length == 0 || length > MAX_NAME_CHARS || has_control(value) {
        return Err(LeadError::InvalidText {
            path: path.into(),
            rule: "be 1 to 200 characters without line breaks",
        });
    }
    Ok(value.to_string())
}

/// A plausible email address: trimmed, at most 254 characters, no spaces,
/// exactly one `@` with text before it, and a domain with a dot inside it.
/// Deliverability is the CRM's question; this catches typos and junk.
fn email(node: &Node, path: &str) -> Result<String, LeadError> {
    let value = text(node, path)?.trim();
    let plausible = value.chars().count() <= MAX_EMAIL_CHARS
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if plausible {
        Ok(value.to_string())
    } else {
        Err(LeadError::InvalidText {
            path: path.into(),
            rule: "be an email address such as ada@example.com (one @, a dot in the domain, \
                   no spaces, at most 254 characters)",
        })
    }
}

/// A path on a site: starts with `/`, no query string or fragment (they
/// may carry personal or campaign data the collector must not keep), no
/// spaces or control characters, at most 2048 characters.
fn site_path(node: &Node, path: &str) -> Result<String, LeadError> {
    let value = text(node, path)?;
    let fine = value.starts_with('/')
        && value.chars().count() <= MAX_PATH_CHARS
        && !value
            .chars()
            .any(|c| c == '?' || c == '#' || c.is_whitespace() || c.is_control());
    if fine {
        Ok(value.to_string())
    } else {
        Err(LeadError::InvalidText {
            path: path.into(),
            rule: "be a path starting with / without a query string or fragment (no ? or #), \
                   spaces or control characters, at most 2048 characters",
        })
    }
}

/// An `http:` or `https:` URL with a host, no spaces or control
/// characters, at most 2048 characters.
fn http_url(node: &Node, path: &str) -> Result<String, LeadError> {
    let value = text(node, path)?;
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        value.get(8..)
    } else if lower.starts_with("http://") {
        value.get(7..)
    } else {
        None
    };
    let fine = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && value.chars().count() <= MAX_PATH_CHARS
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if fine {
        Ok(value.to_string())
    } else {
        Err(LeadError::InvalidText {
            path: path.into(),
            rule: "be an http:// or https:// address with a host, at most 2048 characters",
        })
    }
}

/// At most 64 characters of client input, for messages.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text).to_string(),
        None => text.to_string(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
