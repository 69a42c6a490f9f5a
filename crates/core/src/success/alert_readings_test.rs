use super::super::condition_holds;
use super::*;
use crate::success::data_read::read_data;
use crate::success::date::Date;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;
use proptest::prelude::*;

fn portfolio(seed: u64, days_apart: i64) -> (SuccessData, SignalIndex, HealthTable) {
    let options = DemoOptions {
        seed,
        accounts: 30,
        ..DemoOptions::default()
    };
    let data = read_data(&demo_portfolio(options)).expect("the demo reads");
    let index = SignalIndex::new(&data);
    let start = Date::parse("2024-12-20").expect("a date");
    let dates: Vec<Date> = (0..30)
        .filter_map(|step| start.plus_days(step * days_apart))
        .collect();
    let table = HealthTable::build(&data, &index, &default_settings(), &dates).expect("small");
    (data, index, table)
}

/// The defaults and a `metric_change` rule each way on each of the demo's
/// metrics, so that metric rules fire (the defaults' reads a metric the
/// demo does not have).
fn settings_with_metric_rules() -> crate::success::settings::SuccessSettings {
    use crate::success::demo::{NOISE_METRICS, PLANTED_METRICS};
    use crate::success::settings::AlertCondition;
    let mut settings = default_settings();
    let play = settings.alerts[0].play.clone();
    for metric in PLANTED_METRICS.iter().chain(NOISE_METRICS.iter()) {
        for (percent, within_days) in [(-10.0, 30), (15.0, 60)] {
            settings.alerts.push(AlertRule {
                id: format!("{metric}_{percent}"),
                condition: AlertCondition::MetricChange {
                    metric: (*metric).to_string(),
                    percent,
                    within_days,
                },
                play: play.clone(),
            });
        }
    }
    settings
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    /// The one pass agrees with reading each cell on its own (the events
    /// scanned, the at-risk run looked back for): the same cells hold and
    /// an alert fires exactly where a rule starts to hold.
    #[test]
    fn one_pass_reads_every_cell_as_each_cell_alone(seed in 0_u64..500, days_apart in 9_i64..40) {
        let (data, index, table) = portfolio(seed, days_apart);
        let settings = settings_with_metric_rules();
        let rules = &settings.alerts;
        let readings = AlertReadings::of_rules(&table, &data, &index, rules, &settings.plays);
        let mut expected_fired = Vec::new();
        for account in 0..table.account_count() {
            for snapshot in 0..table.dates().len() {
                let holding = rules
                    .iter()
                    .filter(|rule| condition_holds(&table, &data, &index, rule, account, snapshot))
                    .count();
                prop_assert_eq!(readings.open_on(account, snapshot), holding);
            }
            for (position, rule) in rules.iter().enumerate() {
                let mut was = false;
                for snapshot in 0..table.dates().len() {
                    let holds = condition_holds(&table, &data, &index, rule, account, snapshot);
                    if holds && !was {
                        expected_fired.push((account, position, snapshot));
                    }
                    was = holds;
                }
            }
        }
        let fired: Vec<_> = readings
            .fired()
            .iter()
            .map(|alert| (alert.account, alert.rule, alert.snapshot))
            .collect();
        let metric_rules = rules.len() - default_settings().alerts.len();
        let metric_fired = fired.iter().filter(|(_, rule, _)| *rule >= rules.len() - metric_rules).count();
        prop_assert!(metric_fired > 0, "metric rules fire");
        prop_assert_eq!(fired, expected_fired);
    }
}

#[test]
fn an_event_rule_finds_the_first_event_of_its_kind_in_the_snapshots_days() {
    let (data, index, table) = portfolio(11, 30);
    let settings = default_settings();
    let readings =
        AlertReadings::of_rules(&table, &data, &index, &settings.alerts, &settings.plays);
    let champion = settings
        .alerts
        .iter()
        .position(|rule| rule.id == "champion")
        .expect("the defaults have the champion rule");
    let mut seen = 0;
    for alert in readings.fired().iter().filter(|a| a.rule == champion) {
        let id = &data.accounts[alert.account].id;
        let today = table.dates()[alert.snapshot];
        let after = alert.snapshot.checked_sub(1).map(|s| table.dates()[s]);
        let first = data
            .events
            .iter()
            .filter(|e| &e.account == id && e.kind == "champion_left")
            .filter(|e| e.date <= today && after.map_or(true, |after| e.date > after))
            .map(|e| e.date)
            .min()
            .expect("an event in the snapshot's days");
        let text = alert.alert(&settings.alerts, &settings.plays).evidence;
        assert_eq!(text, format!("champion_left on {first}"));
        seen += 1;
    }
    assert!(seen > 0, "the demo has champions leaving");
}

#[test]
fn an_accounts_alerts_are_its_own_and_cells_outside_the_table_hold_nothing() {
    let (data, index, table) = portfolio(5, 30);
    let settings = default_settings();
    let readings =
        AlertReadings::of_rules(&table, &data, &index, &settings.alerts, &settings.plays);
    let mut total = 0;
    for account in 0..table.account_count() {
        let own = readings.of_account(account);
        assert!(own.iter().all(|alert| alert.account == account));
        total += own.len();
    }
    assert_eq!(total, readings.fired().len());
    assert_eq!(readings.open_on(0, table.dates().len()), 0);
    assert_eq!(readings.open_on(usize::MAX, 0), 0);
}

#[test]
fn after_a_churn_no_alert_fires_or_stays_open() {
    let settings = settings_with_metric_rules();
    let mut frozen_cells = 0;
    let mut frozen_at_risk = 0;
    for seed in [3_u64, 11, 29] {
        let (data, index, table) = portfolio(seed, 30);
        let readings =
            AlertReadings::of_rules(&table, &data, &index, &settings.alerts, &settings.plays);
        for account in 0..table.account_count() {
            for snapshot in 0..table.dates().len() {
                let Some(cell) = table.cell(account, snapshot) else {
                    continue;
                };
                if !cell.frozen {
                    continue;
                }
                frozen_cells += 1;
                if cell.grade == Some(crate::success::settings::Grade::AtRisk) {
                    frozen_at_risk += 1;
                }
                assert_eq!(
                    readings.open_on(account, snapshot),
                    0,
                    "{account} {snapshot}"
                );
                for rule in &settings.alerts {
                    assert!(!condition_holds(
                        &table, &data, &index, rule, account, snapshot
                    ));
                }
            }
        }
        for alert in readings.fired() {
            let cell = table.cell(alert.account, alert.snapshot);
            assert!(!cell.is_some_and(|cell| cell.frozen), "{alert:?}");
        }
    }
    // The demo's churned accounts froze, some of them at risk: the case
    // where days at risk would otherwise count on for ever.
    assert!(
        frozen_at_risk > 0,
        "{frozen_cells} frozen cells, none at risk"
    );
}
