//! One success account's rows as a `yardstick/success@1` document (its
//! account row, signals, events, outcomes with their actuals and
//! renegotiations, renewals, realised values, checklist states and play
//! completions), and the latest signal or event date of all the data: what
//! one customer's journey reads, without reading every account's rows
//! (docs/journey.md). Each table is read by its key's leading `account`
//! column, except outcomes (few rows), read by a scan.

use rusqlite::{params, Connection};
use yardstick_core::json::Node;
use yardstick_core::success::data::SUCCESS_SCHEMA;
use yardstick_json_text::node_from_json;

use super::{sqlite, StoreError};

/// Rows of `sql` (one `row_json` column, one `?1` parameter) as nodes.
fn rows_of(connection: &Connection, sql: &str, id: &str) -> Result<Vec<Node>, StoreError> {
    let mut statement = connection
        .prepare(sql)
        .map_err(sqlite("prepare an account's rows"))?;
    let found = statement
        .query_map(params![id], |row| row.get::<_, String>(0))
        .map_err(sqlite("read an account's rows"))?;
    let mut nodes = Vec::new();
    for json in found {
        let json = json.map_err(sqlite("read an account's row"))?;
        // The store wrote this text; a row that no longer parses reads as
        // null, which the core's reader then reports.
        nodes.push(node_from_json(&json).unwrap_or(Node::Null));
    }
    Ok(nodes)
}

/// Account `id`'s rows as a document (no account row when none is stored).
pub fn account_document(connection: &Connection, id: &str) -> Result<Node, StoreError> {
    let list =
        |sql: &str| -> Result<Node, StoreError> { Ok(Node::List(rows_of(connection, sql, id)?)) };
    let mut outcomes = Vec::new();
    for node in rows_of(
        connection,
        "SELECT row_json FROM success_outcomes WHERE account = ?1 ORDER BY id",
        id,
    )? {
        let outcome_id = match node.get("id") {
            Some(Node::Text(text)) => text.clone(),
            _ => String::new(),
        };
        let actuals = Node::List(rows_of(
            connection,
            "SELECT row_json FROM success_actuals WHERE outcome = ?1 ORDER BY date",
            &outcome_id,
        )?);
        let renegotiations = Node::List(rows_of(
            connection,
            "SELECT row_json FROM success_renegotiations WHERE outcome = ?1 ORDER BY date",
            &outcome_id,
        )?);
        let entries = match node {
            Node::Map(entries) => entries
                .into_iter()
                .map(|(key, value)| match key.as_str() {
                    "actuals" => (key, actuals.clone()),
                    "renegotiations" => (key, renegotiations.clone()),
                    _ => (key, value),
                })
                .collect(),
            other => vec![("row".to_string(), other)],
        };
        outcomes.push(Node::Map(entries));
    }
    Ok(Node::Map(vec![
        ("schema".into(), Node::Text(SUCCESS_SCHEMA.into())),
        (
            "accounts".into(),
            list("SELECT row_json FROM success_accounts WHERE id = ?1")?,
        ),
        (
            "signals".into(),
            list("SELECT row_json FROM success_signals WHERE account = ?1 ORDER BY date, metric")?,
        ),
        (
            "events".into(),
            list("SELECT row_json FROM success_events WHERE account = ?1 ORDER BY date, kind")?,
        ),
        ("outcomes".into(), Node::List(outcomes)),
        (
            "renewals".into(),
            list("SELECT row_json FROM success_renewals WHERE account = ?1 ORDER BY date")?,
        ),
        (
            "realised".into(),
            list("SELECT row_json FROM success_realised WHERE account = ?1 ORDER BY date, input")?,
        ),
        (
            "checklist".into(),
            list("SELECT row_json FROM success_checklist WHERE account = ?1 ORDER BY list, item, date")?,
        ),
        (
            "plays".into(),
            list("SELECT row_json FROM success_plays WHERE account = ?1 ORDER BY play, date")?,
        ),
    ]))
}

/// The latest date of any stored signal or event (`YYYY-MM-DD`), if any:
/// the success page's default snapshot.
pub fn latest_date(connection: &Connection) -> Result<Option<String>, StoreError> {
    connection
        .query_row(
            "SELECT MAX(d) FROM (SELECT MAX(date) AS d FROM success_signals
                                 UNION ALL SELECT MAX(date) FROM success_events)",
            [],
            |row| row.get::<_, Option<String>>(0),
        )
        .map_err(sqlite("read the latest success date"))
}
