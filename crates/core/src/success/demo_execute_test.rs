use crate::json::Node;
use crate::success::data::{ChecklistKind, KnownIds, RenewalResult, SuccessData};
use crate::success::data_read::{read_data_with, settings_ids};
use crate::success::date::Date;
use crate::success::demo::{demo_portfolio, DemoOptions};
use crate::success::settings_default::default_settings;

fn demo() -> SuccessData {
    let document: Node = demo_portfolio(DemoOptions {
        accounts: 300,
        ..DemoOptions::default()
    });
    // The settings' ids checked too, as the server checks an import.
    let known = KnownIds::default().with_settings_ids(settings_ids(&default_settings()));
    match read_data_with(&document, &known) {
        Ok(data) => data,
        Err(problems) => panic!("{:?}", problems.iter().take(5).collect::<Vec<_>>()),
    }
}

#[test]
fn a_share_of_the_accounts_keeps_both_checklists_of_the_default_settings() {
    let data = demo();
    let mut with_setup: Vec<&str> = data
        .checklist
        .iter()
        .filter(|mark| mark.list == ChecklistKind::Setup)
        .map(|mark| mark.account.as_str())
        .collect();
    with_setup.sort_unstable();
    with_setup.dedup();
    let share = with_setup.len() as f64 / data.accounts.len() as f64;
    assert!((0.3..0.6).contains(&share), "share with checklists {share}");
    assert!(data
        .checklist
        .iter()
        .any(|mark| mark.list == ChecklistKind::Execution && mark.done));
    assert!(data.checklist.iter().any(|mark| !mark.done));
}

#[test]
fn plays_follow_a_champion_leaving_and_a_low_health_month() {
    let data = demo();
    for completion in data.plays.iter().filter(|p| p.play == "new_sponsor") {
        assert_eq!(completion.alert.as_deref(), Some("champion"));
        let left = data
            .events
            .iter()
            .find(|event| event.account == completion.account && event.kind == "champion_left");
        let left = left.map(|event| event.date);
        assert!(
            left.is_some_and(|left| left < completion.date),
            "{completion:?}"
        );
    }
    assert!(data.plays.iter().any(|p| p.play == "new_sponsor"));
    assert!(data.plays.iter().any(|p| p.play == "rescue"));
}

#[test]
fn nothing_is_dated_after_a_churn() {
    let data = demo();
    for renewal in data
        .renewals
        .iter()
        .filter(|r| r.result == RenewalResult::Churned)
    {
        let after = |account: &str, date: Date| account == renewal.account && date > renewal.date;
        assert!(!data.checklist.iter().any(|m| after(&m.account, m.date)));
        assert!(!data.plays.iter().any(|p| after(&p.account, p.date)));
    }
}
