//! The proof's table dates bounded (docs/success-proof.md, "The table's
//! dates"): a portfolio with a renewal on each of many distinct days,
//! whose exact table is past `MAX_TABLE_SLOTS`, is proved on a weekly
//! grid, each renewal's score read at most six days earlier than N days
//! before it and never later; on the demo, whose dates fit, the report
//! is the exact one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use yardstick_core::success::data::{Account, Renewal, RenewalResult, Signal, SuccessData};
use yardstick_core::success::data_read::read_data;
use yardstick_core::success::date::Date;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};
use yardstick_core::success::demo_settings::demo_settings;
use yardstick_core::success::evidence_dates::{evidence_dates, max_table_dates, DateGrid};
use yardstick_core::success::health::{HealthError, HealthTable};
use yardstick_core::success::prove::{prove, ProveOptions};
use yardstick_core::success::prove_observations::{build_observations, proof_dates};
use yardstick_core::success::settings_default::default_settings;
use yardstick_core::success::signal_index::SignalIndex;

const ACCOUNTS: i64 = 1_800;

/// Account `i` starts on day `i` from 2020-01-01 and renews (or churns,
/// every third) a year later: one renewal on each of 1,800 distinct days,
/// with a monthly licence utilisation that falls before a churn.
fn many_renewal_days() -> SuccessData {
    let first = Date::parse("2020-01-01").unwrap();
    let mut data = SuccessData::default();
    for i in 0..ACCOUNTS {
        let id = format!("a{i:04}");
        let start = first.plus_days(i).unwrap();
        let renewal = start.plus_days(365).unwrap();
        let churned = i % 3 == 0;
        data.accounts.push(Account {
            id: id.clone(),
            name: id.clone(),
            segment: None,
            owner: None,
            annual_value: 1_000.0,
            currency: "EUR".into(),
            contract_start: start,
            first_value: None,
            renewal,
            stage_override: None,
            case: None,
            domains: Vec::new(),
        });
        for month in 0..12 {
            let level = if churned {
                0.6 - 0.05 * month as f64
            } else {
                0.5 + 0.03 * month as f64
            };
            data.signals.push(Signal {
                account: id.clone(),
                date: start.plus_days(month * 30).unwrap(),
                metric: "licence_utilisation".into(),
                value: level + (i % 7) as f64 * 0.01,
            });
        }
        data.renewals.push(Renewal {
            account: id,
            date: renewal,
            result: if churned {
                RenewalResult::Churned
            } else {
                RenewalResult::Renewed
            },
            value: if churned { 0.0 } else { 1_000.0 },
        });
    }
    data
}

#[test]
fn many_distinct_renewal_days_are_proved_on_a_bounded_grid() {
    let data = many_renewal_days();
    let settings = default_settings();
    let days = settings.proof.days_before_renewal;
    let index = SignalIndex::new(&data);
    let snapshots = [Date::parse("2026-06-01").unwrap()];
    // The exact dates: one per renewal day, past the table's bound.
    let exact = proof_dates(&data, days, &snapshots);
    assert_eq!(exact.len(), ACCOUNTS as usize + 1);
    let refused = HealthTable::build(&data, &index, &settings, &exact);
    assert!(
        matches!(refused, Err(HealthError::TooLarge { .. })),
        "{refused:?}"
    );

    let wanted = proof_dates(&data, days, &[]);
    let most = max_table_dates(data.accounts.len(), &settings);
    let (dates, grid) = evidence_dates(&wanted, &snapshots, most);
    assert_eq!(grid.step_days(), 7);
    assert!(dates.len() <= most);
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("the bounded table");
    let found = build_observations(&data, &table, days, grid).unwrap();
    assert_eq!(found.skipped_not_in_table, 0);
    assert!(
        found.observations.len() > ACCOUNTS as usize / 2,
        "{}",
        found.observations.len()
    );
    for observation in &found.observations {
        let renewal = &data.renewals[observation.renewal];
        let lead = renewal.date.days_since(observation.scored_on);
        let least = i64::from(days);
        assert!(
            (least..least + 7).contains(&lead),
            "scored {lead} days before"
        );
    }
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid,
    };
    let report = prove(&data, &table, &options).expect("the proof runs");
    assert_eq!(report.observations, found.observations.len());
    assert!(
        report.auc.auc > 0.5,
        "the falling utilisation warns: {}",
        report.auc.auc
    );
}

#[test]
fn when_the_dates_fit_the_report_is_the_exact_one() {
    let data = read_data(&demo_portfolio(DemoOptions::default())).unwrap();
    let settings = demo_settings();
    let days = settings.proof.days_before_renewal;
    let index = SignalIndex::new(&data);
    let snapshots: Vec<Date> = (0..24)
        .filter_map(|m| Date::parse("2024-12-01").unwrap().plus_months(m))
        .collect();
    let exact = proof_dates(&data, days, &snapshots);
    let wanted = proof_dates(&data, days, &[]);
    let most = max_table_dates(data.accounts.len(), &settings);
    let (dates, grid) = evidence_dates(&wanted, &snapshots, most);
    assert_eq!(grid, DateGrid::EXACT);
    assert_eq!(dates, exact);
    let exact_table = HealthTable::build(&data, &index, &settings, &exact).unwrap();
    let table = HealthTable::build(&data, &index, &settings, &dates).unwrap();
    let options = ProveOptions {
        settings: settings.proof,
        firth: false,
        grid,
    };
    let exact_options = ProveOptions {
        grid: DateGrid::EXACT,
        ..options
    };
    assert_eq!(
        prove(&data, &table, &options).unwrap(),
        prove(&data, &exact_table, &exact_options).unwrap()
    );
}
