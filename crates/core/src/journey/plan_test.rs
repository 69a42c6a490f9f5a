//! Unit tests of the success plan made from a committed case.

use super::*;
use crate::cases::pipeline::RevisionMark;
use crate::cases::read::read_case;
use crate::success::test_json::node;

const BUSINESS_CASE: &str = include_str!("../../../../examples/models/business-case-5y.json");
const PORTFOLIO: &str = include_str!("../../../../examples/models/project-portfolio.json");

/// 2025-03-10T15:00Z, the commitment's save.
const COMMITTED_MS: f64 = 1_741_618_800_000.0;

fn case(model: &str, model_id: &str, step: &str, extra: &str) -> CaseDocument {
    let text = format!(
        r#"{{"schema": "yardstick/case@1", "title": "Rollout", "customer": {{"id": "acme", "name": "Acme Corp"}},
        "model": {{"id": "{model_id}", "version": "1.0.0", "document": {model}}},
        "inputs": {{ {extra} }}, "step": "{step}", "author": "Ada"}}"#
    );
    read_case(&node(&text)).unwrap()
}

fn history(currency: &str) -> CaseHistory {
    let mark = |ms: f64, step| RevisionMark {
        saved_at_ms: ms,
        step,
        high_level_positive: true,
        detailed_positive: true,
        dropped: false,
    };
    CaseHistory {
        case_id: "7".into(),
        title: "Rollout".into(),
        customer_id: "acme".into(),
        customer_name: "Acme Corp".into(),
        value: Some(1.0),
        currency: currency.into(),
        marks: vec![
            mark(COMMITTED_MS - 30.0 * MS_PER_DAY, PipelineStage::Decision),
            mark(COMMITTED_MS, PipelineStage::Commitment),
            mark(COMMITTED_MS + 9.0 * MS_PER_DAY, PipelineStage::Commitment),
        ],
        dropped_reason: None,
    }
}

fn input<'a>(case: &'a CaseDocument, history: &'a CaseHistory) -> PlanInput<'a> {
    PlanInput {
        case_id: 7,
        revision: 3,
        case,
        history,
        stored: None,
        stored_outcomes: &[],
        annual_value: None,
    }
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn a_committed_case_makes_an_account_and_one_outcome_per_benefit_line() {
    let case = case(
        BUSINESS_CASE,
        "business-case-5y",
        "commitment",
        r#""adoption_year1": 0.5, "subscription_per_year": 100000"#,
    );
    let history = history("USD");
    let plan = success_plan(&input(&case, &history)).unwrap();
    assert!(plan.changed);
    assert_eq!(plan.committed_on, date("2025-03-10"));
    let account = &plan.account;
    assert_eq!(
        (account.id.as_str(), account.name.as_str()),
        ("acme", "Acme Corp")
    );
    assert_eq!(account.annual_value, 100_000.0, "subscription_per_year");
    assert_eq!(account.currency, "USD");
    assert_eq!(account.contract_start, date("2025-03-10"));
    assert_eq!(account.renewal, date("2026-03-10"));
    assert_eq!(account.case, Some(CaseLink { id: 7, revision: 3 }));
    // Year one: each benefit per year times adoption_year1 (0.5).
    let found: Vec<(&str, f64, Date)> = plan
        .outcomes
        .iter()
        .map(|o| (o.id.as_str(), o.target.value, o.target.date))
        .collect();
    let year_end = date("2026-03-09");
    assert_eq!(
        found,
        [
            ("plan-7-productivity_benefits", 120_000.0, year_end),
            ("plan-7-revenue_benefits", 70_000.0, year_end),
            ("plan-7-cost_avoidance_benefits", 30_000.0, year_end),
        ]
    );
    let first = &plan.outcomes[0];
    assert_eq!(
        first.baseline,
        DatedValue {
            value: 0.0,
            date: date("2025-03-10")
        }
    );
    assert_eq!(first.direction, OutcomeDirection::Increase);
    assert_eq!(first.label, "Productivity (before risk adjustment)");
    assert_eq!(first.unit.as_deref(), Some("USD"));
}

#[test]
fn a_repeat_changes_nothing_and_a_stored_account_keeps_its_fields() {
    let case = case(BUSINESS_CASE, "business-case-5y", "commitment", "");
    let history = history("USD");
    let plan = success_plan(&input(&case, &history)).unwrap();
    let ids: Vec<String> = plan.outcomes.iter().map(|o| o.id.clone()).collect();
    let again = success_plan(&PlanInput {
        stored: Some(&plan.account),
        stored_outcomes: &ids,
        ..input(&case, &history)
    })
    .unwrap();
    assert!(!again.changed);
    assert_eq!(again.account, plan.account);
    let mut older = plan.account.clone();
    older.case = None;
    older.annual_value = 5.0;
    older.name = "ACME".into();
    let linked = success_plan(&PlanInput {
        stored: Some(&older),
        stored_outcomes: &ids,
        ..input(&case, &history)
    })
    .unwrap();
    assert!(linked.changed);
    assert_eq!(
        (linked.account.annual_value, linked.account.name.as_str()),
        (5.0, "ACME")
    );
    assert_eq!(linked.account.case, Some(CaseLink { id: 7, revision: 3 }));
}

#[test]
fn refuses_a_case_not_committed_dropped_or_without_an_annual_value() {
    let history = history("USD");
    let open = case(BUSINESS_CASE, "business-case-5y", "decision", "");
    assert_eq!(
        success_plan(&input(&open, &history)),
        Err(PlanRefusal::NotCommitted(PipelineStage::Decision))
    );
    let mut dropped = case(BUSINESS_CASE, "business-case-5y", "commitment", "");
    dropped.dropped = Some(crate::cases::read::CaseDrop {
        reason: "budget".into(),
    });
    assert_eq!(
        success_plan(&input(&dropped, &history)),
        Err(PlanRefusal::Dropped)
    );
    let portfolio = case(PORTFOLIO, "project-portfolio", "commitment", "");
    assert_eq!(
        success_plan(&input(&portfolio, &history)),
        Err(PlanRefusal::NoAnnualValue)
    );
    let given = PlanInput {
        annual_value: Some(50_000.0),
        ..input(&portfolio, &history)
    };
    assert!(
        matches!(success_plan(&given), Err(PlanRefusal::NotUsable(_))),
        "no benefits"
    );
    let bad = PlanInput {
        annual_value: Some(f64::NAN),
        ..input(&portfolio, &history)
    };
    assert_eq!(success_plan(&bad), Err(PlanRefusal::BadAnnualValue));
}

#[test]
fn days_are_utc_and_ids_fit() {
    assert_eq!(date_of_ms(0.0), Some(date("1970-01-01")));
    assert_eq!(date_of_ms(COMMITTED_MS), Some(date("2025-03-10")));
    assert_eq!(date_of_ms(f64::NAN), None);
    assert_eq!(date_of_ms(1e300), None);
    assert_eq!(outcome_id(7, &"x".repeat(100)).len(), 64);
    assert_eq!(outcome_id(7, &"é".repeat(100)).chars().count(), 64);
}
