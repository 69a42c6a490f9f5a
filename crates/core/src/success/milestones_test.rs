use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a test date")
}

fn account() -> Account {
    Account {
        id: "acme".to_string(),
        name: "Acme".to_string(),
        segment: None,
        owner: None,
        annual_value: 1.0,
        currency: "EUR".to_string(),
        contract_start: date("2025-01-01"),
        first_value: Some(date("2025-02-10")),
        renewal: date("2026-01-01"),
        stage_override: None,
        case: None,
        domains: Vec::new(),
    }
}

fn milestone(id: &str, stage: Stage, within_days: u32, condition: MilestoneCondition) -> Milestone {
    Milestone {
        id: id.to_string(),
        label: id.to_string(),
        stage,
        within_days,
        condition,
    }
}

fn milestones() -> Vec<Milestone> {
    vec![
        milestone(
            "admin",
            Stage::Onboarding,
            14,
            MilestoneCondition::Event("admin_setup_done".into()),
        ),
        milestone(
            "licences",
            Stage::Onboarding,
            30,
            MilestoneCondition::Signal {
                metric: "licence_utilisation".into(),
                at_least: 0.2,
            },
        ),
        milestone(
            "first_value",
            Stage::Onboarding,
            30,
            MilestoneCondition::FirstValue,
        ),
        milestone(
            "renewal_call",
            Stage::PreRenewal,
            10,
            MilestoneCondition::Event("renewal_call".into()),
        ),
    ]
}

fn event(day: &str, kind: &str) -> Event {
    Event {
        account: "acme".into(),
        date: date(day),
        kind: kind.into(),
        note: None,
    }
}

fn signal(day: &str, value: f64) -> Signal {
    Signal {
        account: "acme".into(),
        date: date(day),
        metric: "licence_utilisation".into(),
        value,
    }
}

fn status_on(day: &str, events: &[Event], signals: &[Signal]) -> Vec<(String, MilestoneStatus)> {
    let account = account();
    let rows = AccountRows {
        account: &account,
        renewals: &[],
        events,
        signals,
    };
    milestones_on(rows, StageSettings::default(), &milestones(), date(day))
        .into_iter()
        .map(|reading| (reading.id, reading.status))
        .collect()
}

#[test]
fn milestones_are_due_then_done_or_overdue_from_the_stage_start() {
    let events = [event("2025-01-20", "admin_setup_done")];
    let signals = [signal("2025-01-10", 0.1), signal("2025-01-25", 0.25)];
    let early = status_on("2025-01-05", &events, &signals);
    assert_eq!(
        early,
        vec![
            ("admin".to_string(), MilestoneStatus::Due { days_left: 10 }),
            (
                "licences".to_string(),
                MilestoneStatus::Due { days_left: 26 }
            ),
            (
                "first_value".to_string(),
                MilestoneStatus::Due { days_left: 26 }
            ),
        ]
    );
    let later = status_on("2025-02-05", &events, &signals);
    assert_eq!(
        later[0].1,
        MilestoneStatus::Done {
            on: date("2025-01-20"),
            late: true
        }
    );
    assert_eq!(
        later[1].1,
        MilestoneStatus::Done {
            on: date("2025-01-25"),
            late: false
        }
    );
    assert_eq!(later[2].1, MilestoneStatus::Overdue { days_over: 5 });
    let after_value = status_on("2025-02-10", &events, &signals);
    assert_eq!(
        after_value[2].1,
        MilestoneStatus::Done {
            on: date("2025-02-10"),
            late: true
        }
    );
}

#[test]
fn a_stage_not_yet_entered_lists_no_milestone_and_pre_renewal_counts_from_its_start() {
    let before = status_on("2025-06-01", &[], &[]);
    assert!(before.iter().all(|(id, _)| id != "renewal_call"));
    // Pre-renewal starts 90 days before 2026-01-01: 2025-10-03.
    let events = [event("2025-10-05", "renewal_call")];
    let during = status_on("2025-10-20", &events, &[]);
    let call = during
        .iter()
        .find(|(id, _)| id == "renewal_call")
        .expect("listed");
    assert_eq!(
        call.1,
        MilestoneStatus::Done {
            on: date("2025-10-05"),
            late: false
        }
    );
    let missed = status_on("2025-10-20", &[], &[]);
    let call = missed
        .iter()
        .find(|(id, _)| id == "renewal_call")
        .expect("listed");
    assert_eq!(call.1, MilestoneStatus::Overdue { days_over: 7 });
}

#[test]
fn a_churned_accounts_milestones_read_as_on_the_churn_day() {
    let account = account();
    let churn = [Renewal {
        account: "acme".into(),
        date: date("2026-01-01"),
        result: crate::success::data::RenewalResult::Churned,
        value: 0.0,
    }];
    let read_on = |day: &str| {
        let rows = AccountRows {
            account: &account,
            renewals: &churn,
            events: &[],
            signals: &[],
        };
        milestones_on(rows, StageSettings::default(), &milestones(), date(day))
    };
    let on_churn = read_on("2026-01-01");
    let admin = |readings: &[MilestoneReading]| {
        readings
            .iter()
            .find(|reading| reading.id == "admin")
            .map(|reading| reading.status)
    };
    // Deadline 2025-01-15; on the churn day 351 days over.
    assert_eq!(
        admin(&on_churn),
        Some(MilestoneStatus::Overdue { days_over: 351 })
    );
    assert_eq!(read_on("2026-09-30"), on_churn);
    assert_eq!(read_on("2027-06-01"), on_churn);
    // Before the churn, the day itself is read.
    assert_eq!(
        admin(&read_on("2025-12-31")),
        Some(MilestoneStatus::Overdue { days_over: 350 })
    );
}

#[test]
fn rows_after_the_date_are_not_read() {
    let events = [event("2025-01-20", "admin_setup_done")];
    let on = status_on("2025-01-12", &events, &[]);
    assert_eq!(on[0].1, MilestoneStatus::Due { days_left: 3 });
}

#[test]
fn the_grouped_tables_read_each_account_as_its_own_rows_do() {
    // Two accounts whose rows interleave: each must read only its own.
    let acme = account();
    let globex = Account {
        id: "globex".into(),
        contract_start: date("2025-01-05"),
        first_value: None,
        ..account()
    };
    let mut other_event = event("2025-01-08", "admin_setup_done");
    other_event.account = "globex".into();
    let mut other_signal = signal("2025-01-09", 0.9);
    other_signal.account = "globex".into();
    let data = SuccessData {
        accounts: vec![acme.clone(), globex.clone()],
        events: vec![other_event.clone(), event("2025-01-20", "admin_setup_done")],
        signals: vec![signal("2025-01-25", 0.25), other_signal.clone()],
        ..SuccessData::default()
    };
    let tables = MilestoneTables::new(&data, &milestones());
    let day = date("2025-03-01");
    let own = |account: &Account, events: &[Event], signals: &[Signal]| {
        let rows = AccountRows {
            account,
            renewals: &[],
            events,
            signals,
        };
        milestones_on(rows, StageSettings::default(), &milestones(), day)
    };
    let acme_alone = own(
        &acme,
        &[event("2025-01-20", "admin_setup_done")],
        &[signal("2025-01-25", 0.25)],
    );
    let globex_alone = own(&globex, &[other_event], &[other_signal]);
    assert_eq!(
        tables.milestones_on(0, StageSettings::default(), &milestones(), day),
        acme_alone
    );
    assert_eq!(
        tables.milestones_on(1, StageSettings::default(), &milestones(), day),
        globex_alone
    );
    assert_ne!(acme_alone, globex_alone, "the two accounts differ");
    assert!(tables
        .milestones_on(2, StageSettings::default(), &milestones(), day)
        .is_empty());
}
