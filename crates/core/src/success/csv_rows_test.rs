use super::*;
use crate::success::date::Date;

/// A table from CSV-like text: the first line the header, then records
/// numbered from line 2; cells split on `,` (no quoting needed here).
fn table(file: &str, text: &str) -> CsvTable {
    let mut lines = text.lines();
    let split = |line: &str| line.split(',').map(str::to_string).collect::<Vec<_>>();
    let header = lines.next().map(split).unwrap_or_default();
    let records = lines
        .enumerate()
        .map(|(index, line)| CsvRecord {
            line: index as u64 + 2,
            cells: split(line),
        })
        .collect();
    CsvTable {
        file: file.into(),
        header,
        records,
    }
}

const ACCOUNTS: &str = "id,name,annual_value,currency,contract_start,renewal,first_value,stage,stage_from,stage_until,stage_reason,case_id,case_revision\n\
acme,Acme Corp,120000,EUR,2025-01-15,2026-01-15,2025-03-20,pre_renewal,2025-10-01,,early talks,12,3";

fn import(tables: &[CsvTable]) -> Result<CsvImport, Vec<String>> {
    read_csv_import(
        tables,
        &KnownIds::new(vec!["globex".into()], vec!["globex-otif".into()]),
    )
    .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

fn check(tables: &[CsvTable], expected: &[&str]) {
    match import(tables) {
        Ok(_) => panic!("accepted"),
        Err(found) => assert_eq!(found, expected),
    }
}

#[test]
fn reads_every_table_and_attaches_outcome_rows() {
    let found = import(&[
        table("accounts.csv", ACCOUNTS),
        table("signals.csv", "account,date,metric,value\nacme,2025-04-01,licence_utilisation,0.42\nglobex,2025-04-01,nps,-5"),
        table("events.csv", "kind,account,date,note\nchampion_left,acme,2025-06-02,\"moved\""),
        table("outcomes.csv", "id,account,label,unit,direction,baseline_value,baseline_date,target_value,target_date\n\
            acme-cycle,acme,Order cycle time,days,decrease,12,2025-01-15,8,2025-12-31"),
        table("outcome_actuals.csv", "outcome,date,value\nacme-cycle,2025-07-31,10\nacme-cycle,2025-06-30,10.5\nglobex-otif,2025-06-30,0.9"),
        table("outcome_renegotiations.csv", "outcome,date,target,target_date,reason,agreed_by\nacme-cycle,2025-07-15,9,2026-03-31,Second warehouse,Acme COO"),
        table("renewals.csv", "account,date,result,value\nacme,2026-01-15,renewed,130000"),
    ])
    .unwrap();
    let data = &found.data;
    let acme = &data.accounts[0];
    assert_eq!(
        acme.case,
        Some(CaseLink {
            id: 12,
            revision: 3
        })
    );
    assert_eq!(
        acme.stage_override.as_ref().map(|s| (s.stage, s.until)),
        Some((Stage::PreRenewal, None))
    );
    assert_eq!(data.signals.len(), 2);
    assert_eq!(data.events[0].note.as_deref(), Some("\"moved\""));
    let dates: Vec<String> = data.outcomes[0]
        .actuals
        .iter()
        .map(|a| a.date.to_string())
        .collect();
    assert_eq!(dates, ["2025-06-30", "2025-07-31"]);
    assert_eq!(data.outcomes[0].renegotiations[0].agreed_by, "Acme COO");
    assert_eq!(found.stored_actuals[0].outcome, "globex-otif");
    assert_eq!(data.renewals[0].value, 130000.0);
}

#[test]
fn words_problems_by_file_line_and_column() {
    check(
        &[table(
            "signals.csv",
            "account,date,metric,value\nacme,2025-04-01,x,1\nacme,2025-04-02,x,n/a",
        )],
        &["signals.csv line 3, column value: expected a number, found \"n/a\""],
    );
    check(&[table("signals.csv", "account,date,metric,value\nacme,2025-04-31,x,1\nacme,2025-04-02,x")], &[
        "signals.csv line 2, column date: expected a date YYYY-MM-DD (1900-03-01 to 9999-12-31), found \"2025-04-31\"",
        "signals.csv line 3: expected 4 cells as in the header, found 3",
    ]);
    check(
        &[table("signals.csv", "account,date,metrc,value,colour\n")],
        &[
            "signals.csv line 1: unknown column \"metrc\"; did you mean `metric`?",
            "signals.csv line 1: unknown column \"colour\"",
            "signals.csv line 1: the column \"metric\" is required",
        ],
    );
    check(
        &[table("signal.csv", "account\n")],
        &["signal.csv: not a table of the success data; did you mean `signals.csv`?"],
    );
    check(
        &[table(
            "renewals.csv",
            "account,date,result,value\n,2026-01-15,won,inf",
        )],
        &[
            "renewals.csv line 2, column account: is required",
            "renewals.csv line 2, column result: \"won\" is not one of renewed or churned",
            "renewals.csv line 2, column value: expected a number, found \"inf\"",
        ],
    );
}

#[test]
fn rules_across_rows_name_lines() {
    let signals = "account,date,metric,value\nacme,2025-04-01,x,1\nacme,2025-04-01,x,2\nnobody,2025-04-01,x,1";
    check(&[table("accounts.csv", ACCOUNTS), table("signals.csv", signals)], &[
        "signals.csv line 3, column metric: a second signal for the same account, date and metric (also on line 2)",
        "signals.csv line 4, column account: no account has the id \"nobody\"",
    ]);
    let early = ACCOUNTS
        .replace("2025-03-20", "2025-01-01")
        .replace(",,early", ",2025-09-01,early");
    check(&[table("accounts.csv", &early)], &[
        "accounts.csv line 2, column first_value: 2025-01-01 is before the contract start 2025-01-15",
        "accounts.csv line 2, column stage_until: 2025-09-01 is before the override's start 2025-10-01",
    ]);
    let half_stage = ACCOUNTS.replace("pre_renewal,2025-10-01,,early talks", ",2025-10-01,,");
    check(
        &[table("accounts.csv", &half_stage)],
        &[
            "accounts.csv line 2, column stage: is required",
            "accounts.csv line 2, column stage_reason: is required",
        ],
    );
    let churn = "account,date,result,value\nacme,2026-01-15,churned,0\nacme,2027-01-15,renewed,1";
    check(&[table("accounts.csv", ACCOUNTS), table("renewals.csv", churn)], &[
        "renewals.csv line 3, column date: 2027-01-15 comes after the account churned on 2026-01-15 (also on line 2)",
    ]);
}

#[test]
fn outcome_rows_must_find_their_outcome() {
    let outcomes =
        "id,account,label,direction,baseline_value,baseline_date,target_value,target_date\n\
        acme-cycle,acme,Cycle,decrease,12,2025-01-15,8,2025-12-31";
    let actuals = "outcome,date,value\nacme-cycl,2025-06-30,1\nglobex-otif,2025-06-30,1\nglobex-otif,2025-06-30,2";
    check(&[table("accounts.csv", ACCOUNTS), table("outcomes.csv", outcomes), table("outcome_actuals.csv", actuals)], &[
        "outcome_actuals.csv line 2, column outcome: no outcome has the id \"acme-cycl\"; did you mean `acme-cycle`?",
        "outcome_actuals.csv line 4, column date: a second actual for the same outcome and date (also on line 3)",
    ]);
    let renegotiations = "outcome,date,target,target_date,reason,agreed_by\n\
        acme-cycle,2025-01-01,9,2026-03-31,Scope,COO\nacme-cycle,2025-08-01,9,2025-01-10,Scope,COO";
    check(&[table("accounts.csv", ACCOUNTS), table("outcomes.csv", outcomes), table("outcome_renegotiations.csv", renegotiations)], &[
        "outcome_renegotiations.csv line 2, column date: 2025-01-01 is before the baseline date 2025-01-15",
        "outcome_renegotiations.csv line 3, column target_date: the target date 2025-01-10 must be after the baseline date 2025-01-15",
    ]);
}

#[test]
fn the_same_file_twice_is_refused() {
    let signals = table("signals.csv", "account,date,metric,value\n");
    check(
        &[signals.clone(), signals],
        &["signals.csv: the file is given twice in one import"],
    );
}

#[test]
fn bounds_are_checked_before_rows_are_read() {
    let mut accounts = table("accounts.csv", "id,name\n");
    accounts.records = vec![
        CsvRecord {
            line: 2,
            cells: vec![]
        };
        MAX_ACCOUNTS + 1
    ];
    check(
        &[accounts],
        &["accounts.csv: 100001 rows, more than the bound of 100000"],
    );
    let outcomes =
        "id,account,label,direction,baseline_value,baseline_date,target_value,target_date\n\
        acme-cycle,acme,Cycle,decrease,12,2025-01-15,8,2025-12-31";
    let mut actuals = table("outcome_actuals.csv", "outcome,date,value\n");
    let first = date_serial(2025, 1, 16);
    actuals.records = (0..=MAX_ACTUALS_PER_OUTCOME as i64)
        .map(|day| CsvRecord {
            line: day as u64 + 2,
            cells: vec![
                "acme-cycle".into(),
                first.plus_days(day).unwrap().to_string(),
                "1".into(),
            ],
        })
        .collect();
    check(&[table("accounts.csv", ACCOUNTS), table("outcomes.csv", outcomes), actuals], &[
        "outcome_actuals.csv line 1002, column outcome: the outcome \"acme-cycle\" has 1001 rows here, more than the bound of 1000",
    ]);
}

fn date_serial(year: i64, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).unwrap()
}

#[test]
fn case_columns_go_together() {
    let half_case = ACCOUNTS.replace(",12,3", ",12,");
    check(
        &[table("accounts.csv", &half_case)],
        &["accounts.csv line 2, column case_revision: is required"],
    );
    let zero = ACCOUNTS.replace(",12,3", ",0,1.5");
    check(&[table("accounts.csv", &zero)], &[
        "accounts.csv line 2, column case_id: must be a number from 1 to 9007199254740991, not 0",
        "accounts.csv line 2, column case_revision: must be a whole number, not 1.5",
    ]);
    let currency = ACCOUNTS.replace(",EUR,", ",eur,");
    check(&[table("accounts.csv", &currency)], &[
        "accounts.csv line 2, column currency: \"eur\" is not a currency: use three capital letters such as EUR",
    ]);
}

#[test]
fn a_huge_header_is_refused_unread() {
    let mut signals = table("signals.csv", "account\n");
    signals.header = vec!["x".to_string(); 65];
    check(
        &[signals],
        &["signals.csv line 1: 65 columns, more than any table has (64)"],
    );
}

#[test]
fn reads_the_domains_column_and_refuses_a_bad_domain_at_its_cell() {
    let found = import(&[table(
        "accounts.csv",
        "id,name,annual_value,currency,contract_start,renewal,domains\n\
         acme,Acme Corp,120000,EUR,2025-01-15,2026-01-15,acme.com ACME.de\n\
         initech,Initech,5000,EUR,2025-01-15,2026-01-15,",
    )])
    .unwrap();
    assert_eq!(found.data.accounts[0].domains, ["acme.com", "acme.de"]);
    assert!(found.data.accounts[1].domains.is_empty());
    check(
        &[table(
            "accounts.csv",
            "id,name,annual_value,currency,contract_start,renewal,domains\n\
             acme,Acme Corp,120000,EUR,2025-01-15,2026-01-15,acme",
        )],
        &["accounts.csv line 2, column domains: \"acme\" is not an e-mail domain such as acme.com"],
    );
}
