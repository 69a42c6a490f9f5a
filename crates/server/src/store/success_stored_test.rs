//! The merged check's stored rows: only those of the named accounts and
//! outcomes are read, all of them.

use rusqlite::Connection;
use yardstick_core::success::csv_rows::CsvImport;
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};

use super::super::schema::bring_up_to_date;
use super::super::success::import;
use super::*;

#[test]
fn only_the_named_accounts_and_outcomes_rows_are_read() {
    let mut connection = Connection::open_in_memory().expect("memory database");
    bring_up_to_date(&mut connection).expect("schema");
    let data = read_data(&demo_portfolio(DemoOptions::default())).expect("demo is valid");
    import(
        &mut connection,
        &CsvImport {
            data: data.clone(),
            ..CsvImport::default()
        },
    )
    .expect("import");
    let churned = data
        .renewals
        .iter()
        .find(|renewal| renewal.result == RenewalResult::Churned)
        .expect("the demo has a churn");
    let account = churned.account.clone();
    let outcome = data.outcomes.first().expect("the demo has outcomes");
    let keys = StoredKeys {
        accounts: vec![account.clone(), "not-stored".into()],
        outcomes: vec![outcome.id.clone()],
    };
    let rows = stored_rows(&connection, &keys).expect("read");
    assert_eq!(rows.contract_starts.len(), 1);
    assert_eq!(rows.contract_starts[0].0, account);
    let own_renewals = data
        .renewals
        .iter()
        .filter(|r| r.account == account)
        .count();
    assert_eq!(rows.renewals.len(), own_renewals);
    assert!(rows.renewals.iter().all(|(a, _, _)| *a == account));
    assert!(rows
        .renewals
        .iter()
        .any(|(_, _, r)| *r == RenewalResult::Churned));
    assert_eq!(
        rows.baselines,
        vec![(outcome.id.clone(), outcome.baseline.date)]
    );
    assert_eq!(rows.renegotiations.len(), outcome.renegotiations.len());
    assert!(data.accounts.len() > 1 && data.renewals.len() > own_renewals);
    assert_eq!(
        stored_rows(&connection, &StoredKeys::default()).expect("read"),
        StoredRows::default()
    );
}
