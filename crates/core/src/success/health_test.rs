use super::*;
use crate::scoring::{score, ScoreInputs, ScoringError};
use crate::success::data::{Account, DatedValue, OutcomeDirection, RenewalResult, Signal};
use crate::success::data_read::read_data;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;
use crate::success::stages::stage_on;
use proptest::prelude::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

/// Monthly snapshots from `first` on.
fn monthly(first: Date, count: i64) -> Vec<Date> {
    (0..count)
        .filter_map(|month| first.plus_months(month))
        .collect()
}

/// The oracle: the scoring engine on the account's values on `date`,
/// looked up by a plain scan of the rows (no index, no cursor).
fn oracle(
    data: &SuccessData,
    settings: &SuccessSettings,
    account: &Account,
    date: Date,
) -> Option<(
    usize,
    Result<crate::scoring::ScoreResult, ScoringError>,
    f64,
)> {
    let own: Vec<Renewal> = data
        .renewals
        .iter()
        .filter(|row| row.account == account.id)
        .cloned()
        .collect();
    let churn = own
        .iter()
        .max_by_key(|row| row.date)
        .filter(|row| row.result == RenewalResult::Churned)
        .map(|row| row.date);
    let read_on = churn.map_or(date, |churn| date.min(churn));
    let stage = stage_on(account, settings.stages, read_on, &own)?;
    let card = settings.scorecard_for(stage, account.segment.as_deref())?;
    let position = settings.scorecards.iter().position(|known| known == card)?;
    let mut inputs = ScoreInputs::new();
    let (mut covered, mut all) = (0.0, 0.0);
    for measure in &card.measures {
        let value = match &measure.source {
            HealthSource::Metric(metric) => {
                let mut latest: Option<&Signal> = None;
                for signal in &data.signals {
                    if signal.account == account.id
                        && &signal.metric == metric
                        && signal.date <= read_on
                        && latest.map_or(true, |best| signal.date >= best.date)
                    {
                        latest = Some(signal);
                    }
                }
                latest
                    .filter(|signal| {
                        read_on.days_since(signal.date) <= i64::from(settings.stale_after_days)
                    })
                    .map(|signal| signal.value)
            }
            HealthSource::OutcomeProgress => mean_progress(
                data.outcomes.iter().filter(|o| o.account == account.id),
                read_on,
            ),
            _ => None,
        };
        all += measure.weight;
        if let Some(value) = value {
            covered += measure.weight;
            inputs.set(measure.source.score_source(), value);
        }
    }
    let months = read_on.whole_months_since(account.contract_start);
    let result = score(&card.scorecard(months, &settings.grades), &inputs);
    Some((position, result, covered / all))
}

/// Every cell against the oracle; the invariants on the way.
fn check_against_oracle(data: &SuccessData, settings: &SuccessSettings, table: &HealthTable) {
    for (row, account) in data.accounts.iter().enumerate() {
        for (snapshot, &day) in table.dates().iter().enumerate() {
            let cell = table.cell(row, snapshot).expect("a cell");
            let expected = oracle(data, settings, account, day);
            let Some((card, result, coverage)) = expected else {
                assert_eq!(cell.scorecard, None, "{} on {day}", account.id);
                continue;
            };
            assert_eq!(cell.scorecard, Some(card as u16), "{} on {day}", account.id);
            assert!((0.0..=1.0).contains(&cell.coverage));
            let Ok(result) = result else {
                assert_eq!(cell.score, None, "{} on {day}", account.id);
                continue;
            };
            assert!((cell.coverage - coverage).abs() < 1e-12);
            let got = cell.score.expect("a score");
            assert!((0.0..=100.0).contains(&got));
            assert!(
                (got - result.score_0_to_100).abs() < 1e-9,
                "{} on {day}",
                account.id
            );
            assert_eq!(cell.grade.map(Grade::as_str), Some(result.grade.as_str()));
            let mut sum = 0.0;
            for (position, expected) in result.measures.iter().enumerate() {
                let measure = table.measure(row, snapshot, position).expect("a measure");
                assert_eq!(measure.value, expected.value);
                assert_eq!(measure.points, expected.points_0_to_100);
                assert!((measure.weight_share - expected.weight_share).abs() < 1e-12);
                assert!((measure.contribution - expected.contribution).abs() < 1e-9);
                sum += measure.contribution;
            }
            assert!((sum - got).abs() < 1e-9);
        }
    }
}

fn demo() -> SuccessData {
    let options = DemoOptions {
        accounts: 40,
        months: 24,
        ..DemoOptions::default()
    };
    read_data(&demo_portfolio(options)).expect("the demo reads")
}

#[test]
fn the_demo_portfolio_scores_as_the_engine_does_cell_by_cell() {
    let data = demo();
    let settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates = monthly(date("2024-12-15"), 26);
    let table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    check_against_oracle(&data, &settings, &table);
    let scored = (0..data.accounts.len())
        .flat_map(|row| (0..dates.len()).map(move |s| (row, s)))
        .filter(|(row, s)| {
            table
                .cell(*row, *s)
                .is_some_and(|cell| cell.score.is_some())
        })
        .count();
    assert!(
        scored > data.accounts.len() * 10,
        "only {scored} scored cells"
    );
}

#[test]
fn a_churned_account_is_frozen_at_its_churn_date() {
    let data = demo();
    let settings = default_settings();
    let churned = data
        .renewals
        .iter()
        .find(|row| row.result == RenewalResult::Churned)
        .expect("the demo has churn");
    let row = data
        .accounts
        .iter()
        .position(|account| account.id == churned.account)
        .expect("its account");
    let dates = vec![churned.date, churned.date.plus_days(40).expect("in range")];
    let table =
        HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates).expect("small");
    let (on, after) = (
        table.cell(row, 0).expect("cell"),
        table.cell(row, 1).expect("cell"),
    );
    assert!(!on.frozen && after.frozen);
    assert_eq!(
        (on.score, on.grade, on.stage),
        (after.score, after.grade, after.stage)
    );
    assert_eq!(after.moved_most, None);
}

#[test]
fn a_weight_change_rescores_as_a_fresh_build_with_those_weights() {
    let data = demo();
    let mut settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates = monthly(date("2025-01-10"), 18);
    let mut table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    let weights: Vec<Vec<f64>> = settings
        .scorecards
        .iter()
        .map(|card| {
            (0..card.measures.len())
                .map(|i| (i % 3) as f64 + 0.5)
                .collect()
        })
        .collect();
    table.rescore_weights(&weights).expect("valid weights");
    for (card, list) in settings.scorecards.iter_mut().zip(&weights) {
        for (measure, weight) in card.measures.iter_mut().zip(list) {
            measure.weight = *weight;
        }
    }
    check_against_oracle(&data, &settings, &table);
    assert!(table.rescore_weights(&weights[1..]).is_err());
    let mut zero = weights.clone();
    zero[0].iter_mut().for_each(|w| *w = 0.0);
    let stage = settings.scorecards[0].stage.as_str().replace('_', "-");
    assert_eq!(
        table.rescore_weights(&zero).unwrap_err().to_string(),
        format!("at least one weight of the {stage} scorecard must be above 0")
    );
    // A bad weight is named by its measure, with what was typed.
    for bad in [-1.0, 1e6 + 1.0, f64::NAN, f64::INFINITY] {
        let mut wrong = weights.clone();
        wrong[0][1] = bad;
        let message = table.rescore_weights(&wrong).unwrap_err().to_string();
        let label = &settings.scorecards[0].measures[1].label;
        assert_eq!(
            message,
            format!("the weight of {label} ({stage} scorecard) must be a number from 0 to 1,000,000, not {bad}")
        );
    }
}

#[test]
fn one_scorecards_weight_change_rescores_every_cell_as_a_fresh_build() {
    let data = demo();
    let mut settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates = monthly(date("2025-01-10"), 18);
    let mut table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    // Twice: away from the built weights, then back to them.
    for weight in [7.5, settings.scorecards[1].measures[0].weight] {
        let mut weights: Vec<Vec<f64>> = settings
            .scorecards
            .iter()
            .map(|card| card.measures.iter().map(|m| m.weight).collect())
            .collect();
        weights[1][0] = weight;
        table.rescore_weights(&weights).expect("valid weights");
        settings.scorecards[1].measures[0].weight = weight;
        let fresh = HealthTable::build(&data, &index, &settings, &dates).expect("small");
        assert_eq!(table.cells, fresh.cells);
        assert_eq!(table.contributions, fresh.contributions);
    }
}

#[test]
fn a_rule_change_rescores_that_column_as_a_fresh_build() {
    let data = demo();
    let mut settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates = monthly(date("2025-01-10"), 18);
    let mut table = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    let rule = ScoringRule::Linear {
        worst: 0.1,
        best: 0.6,
    };
    table
        .rescore_measure(0, 0, rule.clone())
        .expect("a valid rule");
    settings.scorecards[0].measures[0].rule = rule;
    check_against_oracle(&data, &settings, &table);
    let broken = ScoringRule::Linear {
        worst: 1.0,
        best: 1.0,
    };
    assert!(table.rescore_measure(0, 0, broken).is_err());
    assert!(table
        .rescore_measure(
            0,
            99,
            ScoringRule::Linear {
                worst: 0.0,
                best: 1.0
            }
        )
        .is_err());
}

#[test]
fn a_table_past_its_bound_is_refused() {
    let data = demo();
    let dates: Vec<Date> = (0..25_000)
        .filter_map(|day| date("2025-01-01").plus_days(day))
        .collect();
    let built = HealthTable::build(&data, &SignalIndex::new(&data), &default_settings(), &dates);
    assert!(matches!(built, Err(HealthError::TooLarge { .. })));
}

fn account(id: &str, start: Date) -> Account {
    crate::success::test_json::bare_account(id, start)
}

const METRICS: [&str; 4] = [
    "licence_utilisation",
    "active_users_share",
    "open_tickets",
    "nps",
];

prop_compose! {
    fn random_case()(
        starts in prop::collection::vec(0_i64..200, 1..4),
        churns in prop::collection::vec(any::<bool>(), 3),
        signals in prop::collection::vec((0_usize..3, 0_i64..600, 0_usize..4, -60.0_f64..120.0), 0..60),
        actuals in prop::collection::vec((0_i64..600, 0.0_f64..20.0), 0..6),
        weights in prop::collection::vec(0.0_f64..5.0, 15),
        tighten in -0.05_f64..0.05,
        stale in 5_u32..90,
        snapshots in prop::collection::vec(0_i64..700, 1..8),
    ) -> (SuccessData, SuccessSettings, Vec<Date>) {
        let origin = date("2025-01-01");
        let day = |offset: i64| origin.plus_days(offset).expect("in range");
        let accounts: Vec<Account> = starts
            .iter()
            .enumerate()
            .map(|(i, start)| account(&format!("a{i}"), day(*start)))
            .collect();
        let mut data = SuccessData { accounts, ..SuccessData::default() };
        for (i, account) in data.accounts.clone().iter().enumerate() {
            if churns.get(i).copied().unwrap_or(false) {
                data.renewals.push(Renewal {
                    account: account.id.clone(),
                    date: account.renewal,
                    result: RenewalResult::Churned,
                    value: 0.0,
                });
            }
        }
        for (account, offset, metric, value) in signals {
            let Some(account) = data.accounts.get(account % data.accounts.len()) else { continue };
            let signal = Signal {
                account: account.id.clone(),
                date: day(offset),
                metric: METRICS[metric].to_string(),
                value,
            };
            let repeated = data.signals.iter().any(|known| {
                known.account == signal.account && known.date == signal.date && known.metric == signal.metric
            });
            if !repeated {
                data.signals.push(signal);
            }
        }
        if let Some(first) = data.accounts.first() {
            let mut outcome_actuals: Vec<DatedValue> = Vec::new();
            for (offset, value) in actuals {
                let actual = DatedValue { value, date: day(offset) };
                if !outcome_actuals.iter().any(|known| known.date == actual.date) {
                    outcome_actuals.push(actual);
                }
            }
            outcome_actuals.sort_by_key(|actual| actual.date);
            data.outcomes.push(Outcome {
                id: "o".to_string(),
                account: first.id.clone(),
                label: "o".to_string(),
                unit: None,
                direction: OutcomeDirection::Increase,
                baseline: DatedValue { value: 2.0, date: day(30) },
                target: DatedValue { value: 12.0, date: day(400) },
                actuals: outcome_actuals,
                renegotiations: Vec::new(),
            });
        }
        let mut settings = default_settings();
        settings.stale_after_days = stale;
        let mut weight = weights.into_iter();
        for card in &mut settings.scorecards {
            for measure in &mut card.measures {
                measure.weight = weight.next().unwrap_or(1.0);
                measure.tighten_per_month = Some(tighten);
            }
            if let Some(first) = card.measures.first_mut() {
                first.weight += 0.01;
            }
        }
        let dates = snapshots.into_iter().map(day).collect();
        (data, settings, dates)
    }
}

/// The data as it stood on `date`: rows dated on or before it.
fn as_of(data: &SuccessData, date: Date) -> SuccessData {
    let mut past = data.clone();
    past.signals.retain(|row| row.date <= date);
    past.renewals.retain(|row| row.date <= date);
    for outcome in &mut past.outcomes {
        outcome.actuals.retain(|row| row.date <= date);
        outcome.renegotiations.retain(|row| row.date <= date);
    }
    past
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_cell_is_the_engines_score_and_point_in_time(case in random_case()) {
        let (data, settings, dates) = case;
        let table = HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates)
            .expect("small");
        check_against_oracle(&data, &settings, &table);
        for (snapshot, &day) in table.dates().iter().enumerate() {
            let past = as_of(&data, day);
            let alone = HealthTable::build(&past, &SignalIndex::new(&past), &settings, &[day])
                .expect("small");
            for row in 0..data.accounts.len() {
                let full = table.cell(row, snapshot).expect("a cell");
                let then = alone.cell(row, 0).expect("a cell");
                prop_assert_eq!(
                    (full.stage, full.frozen, full.scorecard, full.score, full.grade, full.coverage),
                    (then.stage, then.frozen, then.scorecard, then.score, then.grade, then.coverage)
                );
            }
        }
    }
}

#[test]
fn the_measure_that_moved_most_has_the_largest_change_of_contribution() {
    let data = demo();
    let settings = default_settings();
    let dates = monthly(date("2025-01-10"), 18);
    let table =
        HealthTable::build(&data, &SignalIndex::new(&data), &settings, &dates).expect("small");
    let mut named = 0;
    for row in 0..data.accounts.len() {
        for snapshot in 1..dates.len() {
            let (now, before) = (table.cell(row, snapshot), table.cell(row, snapshot - 1));
            let (Some(now), Some(before)) = (now, before) else {
                continue;
            };
            let comparable = now.score.is_some()
                && before.score.is_some()
                && now.scorecard == before.scorecard
                && !now.frozen;
            let count = now
                .scorecard
                .and_then(|card| table.scorecards().get(usize::from(card)))
                .map_or(0, |card| card.measures.len());
            let changes: Vec<f64> = (0..count)
                .map(|m| {
                    let a = table
                        .measure(row, snapshot, m)
                        .map_or(0.0, |x| x.contribution);
                    let b = table
                        .measure(row, snapshot - 1, m)
                        .map_or(0.0, |x| x.contribution);
                    (a - b).abs()
                })
                .collect();
            let largest = changes.iter().copied().fold(0.0, f64::max);
            match now.moved_most {
                Some(measure) => {
                    assert!(comparable);
                    assert_eq!(changes[usize::from(measure)], largest);
                    named += 1;
                }
                None => assert!(!comparable || largest == 0.0),
            }
        }
    }
    assert!(named > 50, "only {named}");
}

#[test]
fn a_table_of_wanted_cells_scores_them_as_the_full_table_and_leaves_the_rest_empty() {
    let data = demo();
    let settings = default_settings();
    let index = SignalIndex::new(&data);
    let dates = monthly(date("2025-01-10"), 18);
    let full = HealthTable::build(&data, &index, &settings, &dates).expect("small");
    // Every third account on every fourth date, offset per account.
    let wanted = |account: usize, day: Date| {
        let at = dates.iter().position(|d| *d == day).unwrap_or(0);
        account % 3 == 0 && (at + account) % 4 == 0
    };
    let cases = CaseDocuments::new();
    let some = HealthTable::build_cells(&data, &index, &settings, (&dates, &cases), &wanted)
        .expect("small");
    let mut scored = 0;
    for account in 0..full.account_count() {
        for (snapshot, day) in dates.iter().enumerate() {
            let cell = some.cell(account, snapshot).expect("in the table");
            if wanted(account, *day) {
                let expected = full.cell(account, snapshot).expect("in the table");
                // The mover compares with the previous cell, not scored here.
                assert_eq!(
                    HealthCell {
                        moved_most: None,
                        ..*cell
                    },
                    HealthCell {
                        moved_most: None,
                        ..*expected
                    }
                );
                for measure in 0..12 {
                    assert_eq!(
                        some.value_and_points(account, snapshot, measure),
                        full.value_and_points(account, snapshot, measure)
                    );
                }
                scored += usize::from(cell.score.is_some());
            } else {
                assert_eq!(*cell, HealthCell::EMPTY);
            }
        }
    }
    assert!(scored > 10, "some wanted cells have a score: {scored}");
}
