//! Which stored rows an import's merged check reads (docs/success.md,
//! "The API"): the rules of `data_checks_stored` and the stored-baseline
//! check of renegotiations only compare an import's rows with the stored
//! rows of the same accounts and outcomes, so the store needs to read
//! only those: contract starts and renewals of the accounts the import
//! names (its accounts and its renewals' accounts), renegotiations and
//! baseline dates of the outcomes it names (its outcomes and its
//! renegotiations' and actuals' outcomes). The keys are taken from the raw
//! input, before any cell is checked (a bad row still names its key), so
//! the store can read the stored rows first and the import be read once
//! against them. Work and memory are linear in the import's key cells.

use super::csv_rows::CsvTable;
use crate::json::Node;

/// The accounts and outcomes an import names, each sorted, without
/// repeats.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredKeys {
    /// Account ids whose stored contract start and renewals are read.
    pub accounts: Vec<String>,
    /// Outcome ids whose stored baseline date and renegotiations are read.
    pub outcomes: Vec<String>,
}

impl StoredKeys {
    fn finish(mut self) -> StoredKeys {
        for list in [&mut self.accounts, &mut self.outcomes] {
            list.sort_unstable();
            list.dedup();
        }
        self
    }
}

/// The CSV files and columns that name an account or an outcome.
const CSV_KEY_COLUMNS: [(&str, &str, bool); 5] = [
    ("accounts.csv", "id", true),
    ("renewals.csv", "account", true),
    ("outcomes.csv", "id", false),
    ("outcome_renegotiations.csv", "outcome", false),
    ("outcome_actuals.csv", "outcome", false),
];

/// The keys of a CSV import's tables (unknown files and columns name
/// nothing; the reader reports them).
pub fn csv_stored_keys(tables: &[CsvTable]) -> StoredKeys {
    let mut keys = StoredKeys::default();
    for table in tables {
        let Some(&(_, column, is_account)) = CSV_KEY_COLUMNS
            .iter()
            .find(|(file, _, _)| *file == table.file)
        else {
            continue;
        };
        let Some(position) = table.header.iter().position(|cell| cell.trim() == column) else {
            continue;
        };
        let list = if is_account {
            &mut keys.accounts
        } else {
            &mut keys.outcomes
        };
        list.extend(
            table
                .records
                .iter()
                .filter_map(|record| record.cells.get(position))
                .map(|cell| cell.trim().to_string()),
        );
    }
    keys.finish()
}

/// The keys of a `yardstick/success@1` document: its accounts' ids, its
/// renewals' accounts and its outcomes' ids (a document's renegotiations
/// sit in their outcome).
pub fn document_stored_keys(document: &Node) -> StoredKeys {
    let texts = |table: &str, field: &str| -> Vec<String> {
        match document.get(table) {
            Some(Node::List(rows)) => rows
                .iter()
                .filter_map(|row| match row.get(field) {
                    Some(Node::Text(text)) => Some(text.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut accounts = texts("accounts", "id");
    accounts.extend(texts("renewals", "account"));
    StoredKeys {
        accounts,
        outcomes: texts("outcomes", "id"),
    }
    .finish()
}

#[cfg(test)]
#[path = "stored_keys_test.rs"]
mod tests;
