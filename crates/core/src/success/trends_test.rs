use super::*;
use crate::success::data::SuccessData;
use crate::success::data_read::read_data;
use crate::success::date::Date;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;
use crate::success::signal_index::SignalIndex;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn table(dates: &[Date]) -> (SuccessData, HealthTable) {
    let options = DemoOptions {
        accounts: 30,
        ..DemoOptions::default()
    };
    let data = read_data(&demo_portfolio(options)).expect("the demo reads");
    let table = HealthTable::build(&data, &SignalIndex::new(&data), &default_settings(), dates)
        .expect("small");
    (data, table)
}

fn score(table: &HealthTable, account: usize, snapshot: usize) -> Option<f64> {
    table.cell(account, snapshot)?.score
}

#[test]
fn monthly_snapshots_have_previous_30_and_90_day_changes_but_no_7_day_one() {
    let dates: Vec<Date> = (0..12)
        .filter_map(|month| date("2025-03-01").plus_months(month))
        .collect();
    let (data, table) = table(&dates);
    let mut checked = 0;
    for account in 0..data.accounts.len() {
        for snapshot in 0..dates.len() {
            let trend = trend(&table, account, snapshot);
            assert_eq!(trend.days_7, None);
            let (Some(now), Some(before)) = (
                score(&table, account, snapshot),
                snapshot
                    .checked_sub(1)
                    .and_then(|s| score(&table, account, s)),
            ) else {
                assert_eq!(trend.previous, None);
                continue;
            };
            let previous = trend.previous.expect("both scored");
            assert_eq!(previous.points, now - before);
            // A month back is the nearest to 30 days back.
            assert_eq!(trend.days_30, Some(previous));
            if let Some(quarter) = trend.days_90 {
                assert_eq!(quarter.from_snapshot + 3, snapshot);
                assert!((89..=92).contains(&quarter.days));
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} changes");
}

#[test]
fn weekly_snapshots_read_the_7_day_change_from_the_week_before() {
    let dates: Vec<Date> = (0..20)
        .filter_map(|week| date("2025-03-03").plus_days(7 * week))
        .collect();
    let (data, table) = table(&dates);
    let changes = (0..data.accounts.len())
        .filter_map(|account| trend(&table, account, 19).days_30)
        .count();
    assert!(changes > 0);
    for account in 0..data.accounts.len() {
        if let Some(week) = trend(&table, account, 10).days_7 {
            assert_eq!((week.from_snapshot, week.days), (9, 7));
        }
        if let Some(month) = trend(&table, account, 10).days_30 {
            // 28 days back is 2 days from 30; 35 is 5.
            assert_eq!((month.from_snapshot, month.days), (6, 28));
        }
    }
}

#[test]
fn a_stage_change_is_marked() {
    let dates: Vec<Date> = (0..24)
        .filter_map(|month| date("2024-12-15").plus_months(month))
        .collect();
    let (data, table) = table(&dates);
    let mut marked = 0;
    for account in 0..data.accounts.len() {
        for snapshot in 1..dates.len() {
            let changed = table.cell(account, snapshot).map(|c| c.stage)
                != table.cell(account, snapshot - 1).map(|c| c.stage);
            assert_eq!(trend(&table, account, snapshot).stage_changed, changed);
            marked += usize::from(changed);
        }
        assert!(!trend(&table, account, 0).stage_changed);
    }
    assert!(marked > 0);
}
