use super::*;
use crate::success::data::AccountStageOverride;
use proptest::prelude::*;
use Stage::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text}"))
}

fn account(start: &str, first_value: Option<&str>, renewal: &str) -> Account {
    Account {
        id: "acme".into(),
        name: "Acme".into(),
        segment: None,
        owner: None,
        annual_value: 1.0,
        currency: "EUR".into(),
        contract_start: date(start),
        first_value: first_value.map(date),
        renewal: date(renewal),
        stage_override: None,
        case: None,
        domains: Vec::new(),
    }
}

fn renewal(account: &str, on: &str, result: RenewalResult) -> Renewal {
    Renewal {
        account: account.into(),
        date: date(on),
        result,
        value: 0.0,
    }
}

/// The stage on each date, under the default 90/90 days.
fn check(account: &Account, renewals: &[Renewal], expected: &[(&str, Option<Stage>)]) {
    let timeline = AccountTimeline::new(account, StageSettings::default(), renewals);
    for (on, stage) in expected {
        assert_eq!(timeline.stage_on(date(on)), *stage, "on {on}");
    }
}

#[test]
fn onboarding_until_first_value_or_its_days() {
    let with_value = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    check(
        &with_value,
        &[],
        &[
            ("2025-01-14", None),
            ("2025-01-15", Some(Onboarding)),
            ("2025-03-19", Some(Onboarding)),
            ("2025-03-20", Some(Established)),
        ],
    );
    let without = account("2025-01-15", None, "2026-01-15");
    // 90 days from 2025-01-15: days 0 to 89 are onboarding.
    check(
        &without,
        &[],
        &[
            ("2025-04-14", Some(Onboarding)),
            ("2025-04-15", Some(Established)),
        ],
    );
    let late_value = account("2025-01-15", Some("2025-06-01"), "2026-01-15");
    check(&late_value, &[], &[("2025-04-15", Some(Established))]);
}

#[test]
fn pre_renewal_covers_the_renewal_day_and_the_days_before() {
    let acme = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    check(
        &acme,
        &[],
        &[
            ("2025-10-16", Some(Established)),
            ("2025-10-17", Some(PreRenewal)),
            ("2026-01-15", Some(PreRenewal)),
            // Without a row the renewal rolls on by the contract's 12 months.
            ("2026-01-16", Some(Established)),
            ("2026-10-17", Some(PreRenewal)),
        ],
    );
    // A short contract: pre-renewal wins over onboarding.
    // 2025-06-15 minus 90 days is 2025-03-17, inside onboarding's 90 days.
    let short = account("2025-01-15", None, "2025-06-15");
    check(
        &short,
        &[],
        &[
            ("2025-01-14", None),
            ("2025-03-16", Some(Onboarding)),
            ("2025-03-17", Some(PreRenewal)),
            ("2025-06-15", Some(PreRenewal)),
        ],
    );
}

#[test]
fn after_a_renewal_the_next_term_runs_the_contract_length() {
    let acme = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    let renewed = [renewal("acme", "2026-01-20", RenewalResult::Renewed)];
    // The row ends the term on its own date; the next ends 12 months on.
    check(
        &acme,
        &renewed,
        &[
            ("2026-01-16", Some(PreRenewal)),
            ("2026-01-20", Some(PreRenewal)),
            ("2026-01-21", Some(Established)),
            ("2026-10-21", Some(Established)),
            ("2026-10-22", Some(PreRenewal)),
        ],
    );
    let timeline = AccountTimeline::new(&acme, StageSettings::default(), &renewed);
    assert_eq!(
        timeline.next_renewal_on(date("2026-01-21")),
        Some(date("2027-01-20"))
    );
    // The team may send the new renewal date instead.
    let mut moved = acme.clone();
    moved.renewal = date("2027-03-01");
    let timeline = AccountTimeline::new(&moved, StageSettings::default(), &renewed);
    assert_eq!(
        timeline.next_renewal_on(date("2026-01-21")),
        Some(date("2027-03-01"))
    );
    // Other accounts' rows are not this account's.
    let others = [renewal("globex", "2025-06-01", RenewalResult::Churned)];
    check(&acme, &others, &[("2025-07-01", Some(Established))]);
}

#[test]
fn no_stage_after_a_churn() {
    let acme = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    let churned = [renewal("acme", "2026-01-15", RenewalResult::Churned)];
    check(
        &acme,
        &churned,
        &[
            ("2026-01-15", Some(PreRenewal)),
            ("2026-01-16", None),
            ("2030-01-16", None),
        ],
    );
}

#[test]
fn an_override_wins_inside_its_dates_only() {
    let mut acme = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    acme.stage_override = Some(AccountStageOverride {
        stage: PreRenewal,
        from: date("2025-06-01"),
        until: Some(date("2025-06-30")),
        reason: "early renewal talks".into(),
    });
    check(
        &acme,
        &[],
        &[
            ("2025-05-31", Some(Established)),
            ("2025-06-01", Some(PreRenewal)),
            ("2025-06-30", Some(PreRenewal)),
            ("2025-07-01", Some(Established)),
        ],
    );
    let churned = [renewal("acme", "2025-09-01", RenewalResult::Churned)];
    acme.stage_override.as_mut().unwrap().until = None;
    check(
        &acme,
        &churned,
        &[("2025-09-01", Some(PreRenewal)), ("2025-09-02", None)],
    );
}

#[test]
fn changes_are_listed_with_their_new_stage() {
    let acme = account("2025-01-15", Some("2025-03-20"), "2026-01-15");
    let churned = [
        renewal("acme", "2026-01-15", RenewalResult::Renewed),
        renewal("acme", "2027-01-15", RenewalResult::Churned),
    ];
    let changes = stage_changes(
        &acme,
        StageSettings::default(),
        &churned,
        (date("2025-01-01"), date("2027-12-31")),
    );
    let found: Vec<(String, Option<Stage>)> = changes
        .iter()
        .map(|c| (c.date.to_string(), c.stage))
        .collect();
    let expected = [
        ("2025-01-15", Some(Onboarding)),
        ("2025-03-20", Some(Established)),
        ("2025-10-17", Some(PreRenewal)),
        ("2026-01-16", Some(Established)),
        ("2026-10-17", Some(PreRenewal)),
        ("2027-01-16", None),
    ];
    let expected: Vec<(String, Option<Stage>)> =
        expected.iter().map(|(d, s)| (d.to_string(), *s)).collect();
    assert_eq!(found, expected);
}

/// A random account and renewal history around 2020 to 2030.
fn arbitrary_case() -> impl Strategy<Value = (Account, Vec<Renewal>, StageSettings)> {
    (
        0..2000i64,
        1..48i64,
        proptest::option::of(0..400i64),
        proptest::option::of((0..1500i64, proptest::option::of(0..200i64), 0..3usize)),
        proptest::collection::vec((20..900i64, any::<bool>()), 0..4),
        (1..200u32, 1..200u32),
    )
        .prop_map(
            |(start, months, first_value, stage, rows, (onboarding, pre_renewal))| {
                let start_date = date("2020-01-01").plus_days(start).unwrap();
                let mut account = account("2020-01-01", None, "2021-01-01");
                account.contract_start = start_date;
                account.renewal = start_date.plus_months(months).unwrap();
                account.first_value = first_value.and_then(|days| start_date.plus_days(days));
                account.stage_override = stage.map(|(from, length, which)| AccountStageOverride {
                    stage: Stage::ALL[which],
                    from: start_date.plus_days(from - 100).unwrap(),
                    until: length.and_then(|days| start_date.plus_days(from - 100 + days)),
                    reason: "r".into(),
                });
                let mut on = start_date;
                let mut renewals = Vec::new();
                let count = rows.len();
                for (index, (gap, churn)) in rows.into_iter().enumerate() {
                    on = on.plus_days(gap).unwrap();
                    let last = index + 1 == count;
                    let result = if churn && last {
                        RenewalResult::Churned
                    } else {
                        RenewalResult::Renewed
                    };
                    renewals.push(Renewal {
                        account: "acme".into(),
                        date: on,
                        result,
                        value: 0.0,
                    });
                }
                let settings = StageSettings {
                    onboarding_max_days: onboarding,
                    pre_renewal_days: pre_renewal,
                };
                (account, renewals, settings)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn one_stage_per_date_from_the_start_until_a_churn((account, renewals, settings) in arbitrary_case()) {
        let timeline = AccountTimeline::new(&account, settings, &renewals);
        let churn = timeline.churned_on();
        let mut day = account.contract_start.plus_days(-3).unwrap();
        for _ in 0..3000 {
            let stage = timeline.stage_on(day);
            let active = day >= account.contract_start && churn.map_or(true, |c| day <= c);
            prop_assert_eq!(stage.is_some(), active, "on {}", day);
            day = day.plus_days(1).unwrap();
        }
    }

    #[test]
    fn overrides_win_inside_their_dates_only((account, renewals, settings) in arbitrary_case()) {
        let timeline = AccountTimeline::new(&account, settings, &renewals);
        let mut plain = account.clone();
        plain.stage_override = None;
        let without = AccountTimeline::new(&plain, settings, &renewals);
        let mut day = account.contract_start;
        for _ in 0..2000 {
            let stage = timeline.stage_on(day);
            match &account.stage_override {
                Some(o) if o.from <= day && o.until.map_or(true, |u| day <= u) && without.stage_on(day).is_some() => {
                    prop_assert_eq!(stage, Some(o.stage), "on {}", day);
                }
                _ => prop_assert_eq!(stage, without.stage_on(day), "on {}", day),
            }
            day = day.plus_days(1).unwrap();
        }
    }

    #[test]
    fn changes_match_a_day_by_day_walk((account, renewals, settings) in arbitrary_case(), offset in 0..800i64, length in 0..2500i64) {
        let timeline = AccountTimeline::new(&account, settings, &renewals);
        let from = account.contract_start.plus_days(offset - 400).unwrap();
        let to = from.plus_days(length).unwrap();
        let mut walked = Vec::new();
        let mut previous = timeline.stage_on(from);
        let mut day = from;
        while day < to {
            day = day.plus_days(1).unwrap();
            let stage = timeline.stage_on(day);
            if stage != previous {
                walked.push(StageChange { date: day, stage });
            }
            previous = stage;
        }
        prop_assert_eq!(timeline.stage_changes(from, to), walked);
    }
}
