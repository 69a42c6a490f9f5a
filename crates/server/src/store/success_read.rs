//! How the success tables are read back, shared by the document, the
//! Execute-phase tables, the case links, the ids and the merged-store
//! check: rows of `(key, row_json)` parsed into the core's JSON tree, the
//! same as one document list, and rows of text columns.

use rusqlite::{Connection, Params};
use yardstick_core::json::Node;
use yardstick_json_text::node_from_json;

use super::{sqlite, StoreError};

/// Rows of `sql` (selecting a key and a `row_json`) with `params`: each
/// key with its parsed row.
pub(super) fn stored_rows_with(
    connection: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Vec<(String, Node)>, StoreError> {
    let mut statement = connection
        .prepare_cached(sql)
        .map_err(sqlite("prepare a success read"))?;
    let found = statement
        .query_map(params, |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(sqlite("read success rows"))?;
    let mut rows = Vec::new();
    for pair in found {
        let (key, json) = pair.map_err(sqlite("read a success row"))?;
        // The store wrote this text; a row that no longer parses (edited by
        // hand) reads as null, which the core's reader then reports.
        rows.push((key, node_from_json(&json).unwrap_or(Node::Null)));
    }
    Ok(rows)
}

/// [`stored_rows_with`] without parameters.
pub(super) fn stored_rows(
    connection: &Connection,
    sql: &str,
) -> Result<Vec<(String, Node)>, StoreError> {
    stored_rows_with(connection, sql, [])
}

/// The rows of `sql` as one document list, in the query's order.
pub(super) fn stored_list(connection: &Connection, sql: &str) -> Result<Node, StoreError> {
    Ok(Node::List(
        stored_rows(connection, sql)?
            .into_iter()
            .map(|(_, node)| node)
            .collect(),
    ))
}

/// Rows of `sql` with `params` whose `N` columns are all text (a null
/// reads as empty).
pub(super) fn text_rows<const N: usize>(
    connection: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Vec<[String; N]>, StoreError> {
    let mut statement = connection
        .prepare_cached(sql)
        .map_err(sqlite("prepare the stored rows"))?;
    let found = statement
        .query_map(params, |row| {
            let mut columns: [String; N] = std::array::from_fn(|_| String::new());
            for (index, column) in columns.iter_mut().enumerate() {
                *column = row.get::<_, Option<String>>(index)?.unwrap_or_default();
            }
            Ok(columns)
        })
        .map_err(sqlite("read the stored rows"))?;
    found
        .collect::<Result<_, _>>()
        .map_err(sqlite("read a stored row"))
}
