use super::*;
use crate::success::data::{Account, Signal};

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn account(id: &str) -> Account {
    crate::success::test_json::bare_account(id, date("2025-01-01"))
}

fn signal(account: &str, day: &str, metric: &str, value: f64) -> Signal {
    Signal {
        account: account.to_string(),
        date: date(day),
        metric: metric.to_string(),
        value,
    }
}

fn data() -> SuccessData {
    SuccessData {
        // Document order differs from id order on purpose.
        accounts: vec![account("zeta"), account("alpha")],
        signals: vec![
            signal("alpha", "2025-03-01", "users", 3.0),
            signal("zeta", "2025-02-01", "users", 20.0),
            signal("alpha", "2025-01-15", "users", 1.0),
            signal("ghost", "2025-01-15", "users", 99.0),
            signal("alpha", "2025-02-01", "tickets", 7.0),
        ],
        ..SuccessData::default()
    }
}

#[test]
fn series_are_per_account_by_document_position_and_date_sorted() {
    let index = SignalIndex::new(&data());
    let alpha = index.series_of(1, "users");
    assert_eq!(alpha.values, &[1.0, 3.0]);
    assert!(alpha.dates.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(index.series_of(0, "users").values, &[20.0]);
    assert_eq!(index.series_of(1, "tickets").values, &[7.0]);
    assert_eq!(index.series_of(0, "tickets"), Series::EMPTY);
    assert_eq!(index.series_of(1, "nps"), Series::EMPTY);
    assert_eq!(index.series_of(7, "users"), Series::EMPTY);
}

#[test]
fn the_latest_value_on_or_before_a_date_counts_while_fresh() {
    let index = SignalIndex::new(&data());
    let alpha = index.series_of(1, "users");
    assert_eq!(alpha.fresh_on(date("2025-01-14"), 45), None);
    assert_eq!(alpha.fresh_on(date("2025-01-15"), 45), Some(1.0));
    assert_eq!(alpha.fresh_on(date("2025-02-28"), 45), Some(1.0));
    // 45 days after 2025-01-15 is 2025-03-01, when a new value arrives.
    assert_eq!(alpha.fresh_on(date("2025-03-01"), 45), Some(3.0));
    assert_eq!(alpha.fresh_on(date("2025-04-15"), 45), Some(3.0));
    assert_eq!(alpha.fresh_on(date("2025-04-16"), 45), None);
    assert_eq!(alpha.fresh_on(date("2025-03-01"), 10), Some(3.0));
    assert_eq!(alpha.fresh_on(date("2025-02-28"), 10), None);
}

#[test]
fn a_cursor_gives_what_a_search_gives_for_ascending_dates() {
    let index = SignalIndex::new(&data());
    let alpha = index.series_of(1, "users");
    let mut cursor = Cursor::new();
    let mut day = date("2025-01-01");
    while day < date("2025-06-01") {
        assert_eq!(
            cursor.fresh_on(&alpha, day, 20),
            alpha.fresh_on(day, 20),
            "{day}"
        );
        day = day.plus_days(3).expect("in range");
    }
}

#[test]
fn a_repeated_row_is_replaced_by_the_later_one() {
    let mut data = data();
    data.signals
        .push(signal("alpha", "2025-03-01", "users", 4.0));
    let index = SignalIndex::new(&data);
    assert_eq!(index.series_of(1, "users").values, &[1.0, 4.0]);
}

#[test]
fn rows_reduced_to_numbers_index_as_the_signals_do() {
    use crate::success::data_read::read_data;
    use crate::success::demo::{demo_portfolio, DemoOptions};
    let options = DemoOptions {
        accounts: 30,
        ..DemoOptions::default()
    };
    let mut data = read_data(&demo_portfolio(options)).unwrap();
    // A repeated day, later in the rows: it must win in both indexes.
    let mut again = data.signals[5].clone();
    again.value += 1.0;
    data.signals.push(again);
    let expected = SignalIndex::new(&data);
    let mut metrics: Vec<String> = data.signals.iter().map(|s| s.metric.clone()).collect();
    metrics.sort();
    metrics.dedup();
    let rows = data
        .signals
        .iter()
        .map(|signal| SignalRow {
            account: data
                .accounts
                .iter()
                .position(|a| a.id == signal.account)
                .unwrap() as u32,
            metric: metrics.binary_search(&signal.metric).unwrap() as u32,
            serial: signal.date.serial() as i32,
            value: signal.value,
        })
        .collect();
    assert_eq!(SignalIndex::from_rows(metrics, rows), expected);
}
