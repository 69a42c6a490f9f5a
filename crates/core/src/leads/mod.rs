//! Leads that carry their case (docs/leads.md): a prospect who asks to be
//! contacted from a calculator sends their contact details with the inputs
//! they left, and the collector recomputes the case behind the lead.
//!
//! - [`read`]: the `yardstick/lead@1` body from a [`crate::json::Node`]
//!   into a [`read::Lead`], every field checked, the first problem coming
//!   back as a [`read::LeadError`] with its path (`contact.email`) and
//!   reason (the error type lives in its own file, `error.rs`).
//! - [`case`]: a lead's case under the model it names: its inputs applied
//!   and checked by the model, the outputs, the lead's value (the output
//!   the model names in `leadValue`) and the receipt.
//! - [`totals`]: how many leads and how much value per calculator, summed
//!   exactly enough that the order of the leads does not show.
//!
//! Like the rest of the core it reads no clock and does no I/O: the
//! collector stores what these return. It builds on `model` (the case) and
//! on `engagement`'s id rules; `model` and `engagement` never reach it.

pub mod case;
mod error;
pub mod read;
pub mod totals;
