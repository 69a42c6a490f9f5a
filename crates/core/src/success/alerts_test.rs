use super::*;
use crate::success::data_read::read_data;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;
use proptest::prelude::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn run(seed: u64, months: i64) -> Vec<Alert> {
    let options = DemoOptions {
        seed,
        accounts: 25,
        ..DemoOptions::default()
    };
    let data = read_data(&demo_portfolio(options)).expect("the demo reads");
    let settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates: Vec<Date> = (0..months)
        .filter_map(|month| date("2024-12-20").plus_months(month))
        .collect();
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    alerts(&table, &data, &index, &settings.alerts, &settings.plays)
}

#[test]
fn the_demo_fires_alerts_with_evidence_and_plays() {
    let fired = run(2026, 24);
    for kind in ["to_at_risk", "fast_drop", "long_at_risk", "champion"] {
        assert!(fired.iter().any(|alert| alert.rule == kind), "no {kind}");
    }
    assert!(fired.iter().all(|alert| !alert.evidence.is_empty()));
    assert!(fired.iter().any(|alert| alert.play.is_some()));
}

#[test]
fn an_episode_fires_once_and_ends_when_its_condition_is_false() {
    let fired = run(7, 24);
    let mut sorted = fired.clone();
    sorted.sort_by_key(|alert| (alert.account, alert.rule.clone(), alert.snapshot));
    for pair in sorted.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        if first.account == second.account && first.rule == second.rule {
            // A new episode needs a snapshot in between where it was false.
            assert!(
                second.snapshot > first.snapshot + 1,
                "{first:?} then {second:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_longer_history_never_fires_an_earlier_episode_again(seed in 0_u64..1000, cut in 3_i64..23) {
        let short = run(seed, cut);
        let long = run(seed, 24);
        let early: Vec<&Alert> = long.iter().filter(|alert| (alert.snapshot as i64) < cut).collect();
        prop_assert_eq!(short.iter().collect::<Vec<_>>(), early);
    }
}
