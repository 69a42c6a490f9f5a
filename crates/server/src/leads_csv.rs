//! `GET /api/leads.csv`'s body: one row per lead with the columns
//! docs/leads.md lists, written by the `csv` crate (RFC 4180 quoting of
//! commas, quotes and line breaks).
//!
//! CSV injection: a spreadsheet runs a cell that starts with `=`, `+`,
//! `-` or `@` (and, in some, a tab or carriage return) as a formula, and
//! a prospect types their own name. Every text cell that starts with one
//! of those gets a leading `'`, which spreadsheets show as text (OWASP's
//! advice). The value column is a number this server wrote, so a negative
//! value stays a number.

use std::borrow::Cow;

use yardstick_core::json::Node;
use yardstick_json_text::node_from_json;

use crate::leads_query::utc_text;
use crate::store::LeadRow;

/// The header row, in column order.
pub const COLUMNS: [&str; 18] = [
    "received_at_utc",
    "occurred_at_utc",
    "lead_id",
    "calc_id",
    "calc_version",
    "verified",
    "value",
    "currency",
    "value_output",
    "name",
    "email",
    "company",
    "page_path",
    "scenario",
    "entered",
    "outputs",
    "receipt_hash",
    "privacy_url",
];

/// The CSV text of `leads`, header first.
pub fn csv_body(leads: &[LeadRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for lead in leads {
        let occurred_ms = lead.occurred_at_ms as i64;
        let value = lead.value.map(|v| v.to_string()).unwrap_or_default();
        let text = |cell: &str| safe_cell(cell).into_owned();
        let optional = |cell: &Option<String>| text(cell.as_deref().unwrap_or(""));
        let record = [
            utc_text(lead.received_at_ms),
            utc_text(occurred_ms),
            text(&lead.lead_id),
            text(&lead.calc_id),
            text(&lead.calc_version),
            if lead.verified { "true" } else { "false" }.to_string(),
            value,
            optional(&lead.currency),
            optional(&lead.value_output),
            text(&lead.name),
            text(&lead.email),
            text(&lead.company),
            text(&lead.page_path),
            optional(&lead.scenario),
            text(&pairs(Some(&lead.entered_json))),
            text(&pairs(lead.outputs_json.as_deref())),
            optional(&lead.receipt_hash),
            optional(&lead.privacy_url),
        ];
        writer.write_record(&record)?;
    }
    writer.into_inner().map_err(|err| err.into_error().into())
}

/// `text` as a spreadsheet shows it, never as a formula.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A stored list of `{id, value}` (entered inputs, outputs) as
/// `id=value; id=value`; an error value as its code (`#DIV/0!`).
fn pairs(json: Option<&str>) -> String {
    let Some(Node::List(items)) = json.and_then(|text| node_from_json(text).ok()) else {
        return String::new();
    };
    let mut out = String::new();
    for item in &items {
        let (Some(Node::Text(id)), Some(value)) = (item.get("id"), item.get("value")) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(id);
        out.push('=');
        match value {
            Node::Number(n) => out.push_str(&n.to_string()),
            Node::Text(t) => out.push_str(t),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Map(_) => {
                if let Some(Node::Text(code)) = value.get("error") {
                    out.push_str(code);
                }
            }
            Node::Null | Node::List(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_shown_as_text() {
        for (cell, shown) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 555", "'+1 555"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("Ada", "Ada"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(safe_cell(cell), shown);
        }
    }

    #[test]
    fn lists_become_id_value_pairs() {
        let json = r##"[{"id":"a","value":1.5},{"id":"b","value":"x"},{"id":"c","value":true},{"id":"d","value":{"error":"#DIV/0!","message":"m"}}]"##;
        assert_eq!(pairs(Some(json)), "a=1.5; b=x; c=true; d=#DIV/0!");
        assert_eq!(pairs(None), "");
        assert_eq!(pairs(Some("not json")), "");
    }
}
