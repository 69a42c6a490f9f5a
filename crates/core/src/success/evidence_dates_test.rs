use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

#[test]
fn a_weekly_grid_snaps_down_to_the_same_weekday() {
    let grid = DateGrid::every(7);
    let days: Vec<Date> = (0..21)
        .filter_map(|offset| date("2025-03-01").plus_days(offset))
        .collect();
    let snapped: Vec<Date> = days.iter().filter_map(|day| grid.snap(*day)).collect();
    for (day, snap) in days.iter().zip(&snapped) {
        assert!(snap <= day && day.days_since(*snap) < 7, "{day} -> {snap}");
        assert_eq!(snap.serial().rem_euclid(7), 0);
    }
    let mut distinct = snapped.clone();
    distinct.dedup();
    assert!(distinct.len() <= 4, "{distinct:?}");
    assert_eq!(
        DateGrid::EXACT.snap(date("2025-03-05")),
        Some(date("2025-03-05"))
    );
    assert_eq!(DateGrid::every(0), DateGrid::EXACT);
}

#[test]
fn a_score_is_read_on_or_before_the_day_within_one_step() {
    let table = [date("2025-01-01"), date("2025-01-08"), date("2025-02-01")];
    let weekly = DateGrid::every(7);
    assert_eq!(weekly.snapshot_of(&table, date("2025-01-08")), Some(1));
    assert_eq!(weekly.snapshot_of(&table, date("2025-01-14")), Some(1));
    assert_eq!(
        weekly.snapshot_of(&table, date("2025-01-15")),
        None,
        "a week is too far"
    );
    assert_eq!(
        weekly.snapshot_of(&table, date("2024-12-31")),
        None,
        "never a later day"
    );
    assert_eq!(
        DateGrid::EXACT.snapshot_of(&table, date("2025-01-08")),
        Some(1)
    );
    assert_eq!(
        DateGrid::EXACT.snapshot_of(&table, date("2025-01-09")),
        None
    );
}

#[test]
fn wanted_days_stay_exact_while_they_fit_and_are_snapped_when_not() {
    let snapshots = [date("2025-06-30")];
    let wanted: Vec<Date> = (0..60)
        .filter_map(|offset| date("2025-01-01").plus_days(offset))
        .collect();
    let (dates, grid) = evidence_dates(&wanted, &snapshots, 61);
    assert_eq!(grid, DateGrid::EXACT);
    assert_eq!(dates.len(), 61);
    let (dates, grid) = evidence_dates(&wanted, &snapshots, 20);
    assert_eq!(grid.step_days(), 7);
    assert!(dates.len() <= 20, "{}", dates.len());
    for day in &wanted {
        let at = grid
            .snapshot_of(&dates, *day)
            .expect("every wanted day reads a date");
        assert!(dates[at] <= *day);
    }
    let (dates, grid) = evidence_dates(&wanted, &snapshots, 4);
    assert_eq!(grid.step_days(), 28);
    assert!(dates.len() <= 4);
}

#[test]
fn the_table_bound_gives_the_dates_a_table_holds() {
    let settings = crate::success::settings_default::default_settings();
    let width = settings
        .scorecards
        .iter()
        .map(|card| card.measures.len())
        .max()
        .unwrap_or(1);
    let most = max_table_dates(1_000, &settings);
    assert!(1_000 * most * width <= MAX_TABLE_SLOTS);
    assert!(1_000 * (most + 1) * width > MAX_TABLE_SLOTS);
    assert_eq!(max_table_dates(0, &settings), MAX_TABLE_SLOTS / width);
}
