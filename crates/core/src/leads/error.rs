//! Why a lead body was refused ([`LeadError`]): each reason names the
//! path of the offending value, so a form (or a developer wiring their
//! own) sees which field to fix. Plain data and its message; the checks
//! are `read`'s.

use std::fmt;

use crate::number_text::Plain;

/// The only lead schema the reader accepts.
pub const LEAD_SCHEMA: &str = "yardstick/lead@1";

/// Why a lead was refused; every variant names the path of the offending
/// value (`contact.email`, `inputs.seats`, or `` for the whole body).
#[derive(Debug, Clone, PartialEq)]
pub enum LeadError {
    /// A value of the wrong JSON type.
    WrongType {
        /// Where.
        path: String,
        /// What the lead format wants there.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A required field is absent (or null).
    Missing {
        /// The missing field's path.
        path: String,
    },
    /// A field the format does not define (a typo must not lose data).
    UnknownField {
        /// The unknown field's path.
        path: String,
    },
    /// A key given twice in one object, or an input entered twice.
    Duplicate {
        /// The second occurrence's path.
        path: String,
    },
    /// `schema` is not [`LEAD_SCHEMA`].
    WrongSchema {
        /// The schema given, shortened.
        found: String,
    },
    /// An id outside the envelope's rules (1 to 64 of `A-Z a-z 0-9 . _ : -`).
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
    /// Text that breaks its field's rule (length, form).
    InvalidText {
        /// Where.
        path: String,
        /// The rule, as a phrase after "must".
        rule: &'static str,
    },
    /// A number outside its range (or not finite).
    OutOfRange {
        /// Where.
        path: String,
        /// The number given.
        found: f64,
        /// The most allowed (the least is 0).
        max: f64,
    },
    /// `consent.contact` is not `true`: no consent, no lead.
    NoConsent,
    /// A list or object with more entries than allowed.
    TooMany {
        /// Where.
        path: String,
        /// Entries given.
        count: usize,
        /// Most allowed.
        max: usize,
    },
    /// `entered` names an input the lead's `inputs` do not hold.
    NotAnInput {
        /// Where.
        path: String,
        /// The id given.
        id: String,
    },
}

impl LeadError {
    /// The path of the offending value (empty for the whole body).
    pub fn path(&self) -> &str {
        match self {
            LeadError::WrongType { path, .. }
            | LeadError::Missing { path }
            | LeadError::UnknownField { path }
            | LeadError::Duplicate { path }
            | LeadError::InvalidId { path, .. }
            | LeadError::InvalidUuid { path, .. }
            | LeadError::InvalidText { path, .. }
            | LeadError::OutOfRange { path, .. }
            | LeadError::TooMany { path, .. }
            | LeadError::NotAnInput { path, .. } => path,
            LeadError::WrongSchema { .. } => "schema",
            LeadError::NoConsent => "consent.contact",
        }
    }
}

impl fmt::Display for LeadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path().is_empty() {
            "body"
        } else {
            self.path()
        };
        write!(f, "{path}: ")?;
        match self {
            LeadError::WrongType {
                expected, found, ..
            } => write!(f, "must be {expected}, not {found}"),
            LeadError::Missing { .. } => f.write_str("is required"),
            LeadError::UnknownField { .. } => f.write_str("is not a field of a lead"),
            LeadError::Duplicate { .. } => f.write_str("is given twice"),
            LeadError::WrongSchema { found } => {
                write!(f, "must be \"{LEAD_SCHEMA}\", not \"{found}\"")
            }
            LeadError::InvalidId { found, .. } => write!(
                f,
                "must be 1 to 64 characters from A-Z a-z 0-9 . _ : -, not \"{found}\""
            ),
            LeadError::InvalidUuid { found, .. } => write!(
                f,
                "must be a lowercase UUID (8-4-4-4-12 hex digits), not \"{found}\""
            ),
            LeadError::InvalidText { rule, .. } => write!(f, "must {rule}"),
            LeadError::OutOfRange { found, max, .. } => write!(
                f,
                "must be a number from 0 to {}, not {}",
                Plain(*max),
                Plain(*found)
            ),
            LeadError::NoConsent => f.write_str(
                "must be true: a lead is sent only when the prospect agreed to be contacted",
            ),
            LeadError::TooMany { count, max, .. } => {
                write!(f, "may hold at most {max} entries, not {count}")
            }
            LeadError::NotAnInput { id, .. } => {
                write!(f, "names \"{id}\", which is not one of the lead's inputs")
            }
        }
    }
}

impl std::error::Error for LeadError {}
