use super::*;
use crate::success::csv_rows::CsvRecord;
use crate::success::test_json::node;

fn table(file: &str, header: &[&str], rows: &[&[&str]]) -> CsvTable {
    CsvTable {
        file: file.into(),
        header: header.iter().map(|cell| cell.to_string()).collect(),
        records: rows
            .iter()
            .enumerate()
            .map(|(index, cells)| CsvRecord {
                line: index as u64 + 2,
                cells: cells.iter().map(|cell| cell.to_string()).collect(),
            })
            .collect(),
    }
}

#[test]
fn csv_keys_are_the_named_accounts_and_outcomes_sorted_once() {
    let tables = [
        table(
            "renewals.csv",
            &["date", "account"],
            &[&["2026-01-01", "zeta"], &["bad date", "acme"]],
        ),
        table(
            "accounts.csv",
            &["id", "name"],
            &[&["acme", "Acme"], &[" beta ", "Beta"]],
        ),
        table(
            "signals.csv",
            &["account", "date"],
            &[&["signal-only", "2026-01-01"]],
        ),
        table(
            "outcome_renegotiations.csv",
            &["outcome", "date"],
            &[&["o2", "x"]],
        ),
        table("outcome_actuals.csv", &["outcome"], &[&["o3"], &[]]),
        table("outcomes.csv", &["id"], &[&["o1"], &["o2"]]),
        table("no_such.csv", &["id"], &[&["ghost"]]),
    ];
    let keys = csv_stored_keys(&tables);
    assert_eq!(keys.accounts, ["acme", "beta", "zeta"]);
    assert_eq!(keys.outcomes, ["o1", "o2", "o3"]);
}

#[test]
fn document_keys_are_its_accounts_renewals_and_outcomes() {
    let document = node(
        r#"{"accounts": [{"id": "b"}, {"id": 7}], "renewals": [{"account": "a"}, {"account": "b"}],
            "signals": [{"account": "s"}], "outcomes": [{"id": "o"}]}"#,
    );
    let keys = document_stored_keys(&document);
    assert_eq!(keys.accounts, ["a", "b"]);
    assert_eq!(keys.outcomes, ["o"]);
    assert_eq!(document_stored_keys(&Node::Null), StoredKeys::default());
}
