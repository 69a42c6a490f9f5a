use super::*;
use crate::json::canonical_json;

fn small() -> DemoOptions {
    DemoOptions {
        accounts: 300,
        ..DemoOptions::default()
    }
}

fn list<'a>(document: &'a Node, key: &str) -> &'a [Node] {
    match document.get(key) {
        Some(Node::List(items)) => items,
        _ => &[],
    }
}

fn text_of<'a>(node: &'a Node, key: &str) -> &'a str {
    match node.get(key) {
        Some(Node::Text(text)) => text,
        _ => "",
    }
}

fn number_of(node: &Node, key: &str) -> f64 {
    match node.get(key) {
        Some(Node::Number(n)) => *n,
        _ => f64::NAN,
    }
}

#[test]
fn the_same_seed_gives_the_same_document_and_another_seed_another() {
    let one = canonical_json(&demo_portfolio(small()));
    assert_eq!(one, canonical_json(&demo_portfolio(small())));
    let other = DemoOptions { seed: 7, ..small() };
    assert_ne!(one, canonical_json(&demo_portfolio(other)));
}

#[test]
fn the_portfolio_has_every_table_and_a_believable_churn_rate() {
    let document = demo_portfolio(small());
    assert_eq!(text_of(&document, "schema"), "yardstick/success@1");
    assert_eq!(list(&document, "accounts").len(), 300);
    let renewals = list(&document, "renewals");
    let churned = renewals
        .iter()
        .filter(|r| text_of(r, "result") == "churned")
        .count();
    let rate = churned as f64 / renewals.len() as f64;
    assert!(
        renewals.len() > 300,
        "two years give most accounts a renewal or two: {}",
        renewals.len()
    );
    assert!((0.08..0.35).contains(&rate), "churn rate {rate}");
    assert!(list(&document, "signals").len() > 300 * 6 * 10);
    assert!(!list(&document, "outcomes").is_empty());
    assert!(list(&document, "events")
        .iter()
        .any(|e| text_of(e, "kind") == "champion_left"));
}

#[test]
fn a_churned_account_sends_nothing_after_it_churned() {
    let document = demo_portfolio(small());
    for renewal in list(&document, "renewals") {
        if text_of(renewal, "result") != "churned" {
            continue;
        }
        let account = text_of(renewal, "account");
        let churn_date = text_of(renewal, "date");
        let later = list(&document, "signals")
            .iter()
            .filter(|s| text_of(s, "account") == account && text_of(s, "date") > churn_date)
            .count();
        assert_eq!(later, 0, "{account} churned on {churn_date}");
        let renewals_after = list(&document, "renewals")
            .iter()
            .filter(|r| text_of(r, "account") == account && text_of(r, "date") > churn_date)
            .count();
        assert_eq!(renewals_after, 0, "{account} has no renewal after churning");
        let record = list(&document, "accounts")
            .iter()
            .find(|a| text_of(a, "id") == account);
        assert_eq!(
            record.map(|a| text_of(a, "renewal")),
            Some(churn_date),
            "{account}'s renewal is the one it churned at"
        );
    }
}

/// The gap between renewed and churned accounts' mean value of `metric`
/// in the last signal at least 90 days before each renewal, in units of
/// the metric's standard deviation (a plain effect size, computed here
/// rather than with the proof module it is meant to test).
fn effect_size(document: &Node, metric: &str) -> f64 {
    let signals: Vec<&Node> = list(document, "signals")
        .iter()
        .filter(|s| text_of(s, "metric") == metric)
        .collect();
    let mut renewed = Vec::new();
    let mut churned = Vec::new();
    for renewal in list(document, "renewals") {
        let account = text_of(renewal, "account");
        let date = text_of(renewal, "date");
        let serial =
            crate::formula::functions::date_serial::serial_from_iso_text(date).unwrap_or(0);
        let cutoff = date_text(serial - 90);
        let last = signals
            .iter()
            .filter(|s| text_of(s, "account") == account && text_of(s, "date") <= cutoff.as_str())
            .max_by(|a, b| text_of(a, "date").cmp(text_of(b, "date")));
        if let Some(signal) = last {
            let value = number_of(signal, "value");
            if text_of(renewal, "result") == "churned" {
                churned.push(value);
            } else {
                renewed.push(value);
            }
        }
    }
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let all: Vec<f64> = renewed.iter().chain(&churned).copied().collect();
    let overall = mean(&all);
    let sd = (all.iter().map(|v| (v - overall).powi(2)).sum::<f64>() / all.len() as f64).sqrt();
    (mean(&renewed) - mean(&churned)).abs() / sd
}

fn date_text(serial: i64) -> String {
    match date(serial) {
        Node::Text(text) => text,
        _ => String::new(),
    }
}

#[test]
fn the_planted_signals_separate_churn_and_the_noise_does_not() {
    let document = demo_portfolio(DemoOptions {
        accounts: 600,
        ..DemoOptions::default()
    });
    let weakest_planted = PLANTED_METRICS
        .iter()
        .map(|metric| effect_size(&document, metric))
        .fold(f64::INFINITY, f64::min);
    let strongest_noise = NOISE_METRICS
        .iter()
        .map(|metric| effect_size(&document, metric))
        .fold(0.0, f64::max);
    assert!(weakest_planted > 0.3, "planted effect {weakest_planted}");
    assert!(strongest_noise < 0.2, "noise effect {strongest_noise}");
    assert!(weakest_planted > 2.0 * strongest_noise);
}

#[test]
fn add_years_keeps_the_day_and_steps_back_from_a_leap_day() {
    let leap_day = serial_from_ymd(2024, 2, 29).unwrap_or(0);
    assert_eq!(date_text(add_years(leap_day, 1)), "2025-02-28");
    let day = serial_from_ymd(2025, 1, 15).unwrap_or(0);
    assert_eq!(date_text(add_years(day, 2)), "2027-01-15");
}

#[test]
fn the_demo_reads_as_valid_success_data() {
    let document = demo_portfolio(small());
    let data = crate::success::data_read::read_data(&document);
    match data {
        Ok(data) => assert_eq!(data.accounts.len(), 300),
        Err(problems) => panic!(
            "the demo is not valid success data: {:?}",
            problems.iter().take(5).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn every_demo_account_has_a_name_of_its_own() {
    let names: std::collections::BTreeSet<String> =
        (0..MAX_DEMO_ACCOUNTS).map(account_name).collect();
    assert_eq!(names.len(), MAX_DEMO_ACCOUNTS);
    assert_eq!(account_name(0), "North Logistics");
    // Neighbours share no word: the pairings are scattered.
    for index in 0..191 {
        let this = account_name(index);
        let next = account_name(index + 1);
        assert!(
            this.split(' ')
                .all(|word| !next.split(' ').any(|other| other == word)),
            "{this} / {next}"
        );
    }
    let document = demo_portfolio(DemoOptions {
        accounts: 400,
        ..DemoOptions::default()
    });
    let listed: std::collections::BTreeSet<&str> = list(&document, "accounts")
        .iter()
        .map(|account| text_of(account, "name"))
        .collect();
    assert_eq!(listed.len(), 400);
}
