//! The demo generators' JSON building blocks (text, two-decimal numbers,
//! ISO dates from serial days, rows) and the logistic curve their churn
//! and execution odds follow. Shared by [`super::demo`] and the Execute
//! rows' generator, which is why they live apart from both: neither
//! generator imports the other's helpers, so the modules form no cycle.

use crate::formula::functions::date_serial::ymd_from_serial;
use crate::json::Node;

/// A text node.
pub(crate) fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

/// A number node rounded to two decimals.
pub(crate) fn number(value: f64) -> Node {
    // Two decimals are all a demo needs, and keep the document small.
    Node::Number((value * 100.0).round() / 100.0)
}

/// An ISO date node (`YYYY-MM-DD`) from a serial day.
pub(crate) fn date(serial: i64) -> Node {
    let civil =
        ymd_from_serial(serial).unwrap_or(crate::formula::functions::date_serial::CivilDate {
            year: 1900,
            month: 1,
            day: 1,
        });
    Node::Text(format!(
        "{:04}-{:02}-{:02}",
        civil.year, civil.month, civil.day
    ))
}

/// A map node from `(field, value)` pairs, in order.
pub(crate) fn row(fields: Vec<(&str, Node)>) -> Node {
    Node::Map(
        fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// The logistic curve 1 / (1 + e^−x).
pub(crate) fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
