//! A [`Journey`] as the JSON `GET /api/journey/{customerId}` answers
//! (docs/journey.md, "The answer"): keys in camelCase, dates `YYYY-MM-DD`,
//! times in ms, money as plain numbers beside their currency, `null` for
//! what is not known.

use super::account::{AccountPhases, HealthReading, RealisedStanding};
use super::develop::Develop;
use super::evaluate::Evaluate;
use super::Journey;
use crate::cases::nodes::pipeline_node;
use crate::json::Node;
use crate::scoring::PipelineStage;
use crate::success::data::{OutcomeDirection, RenewalResult};
use crate::success::date::Date;
use crate::success::execution::ListReading;
use crate::success::settings::SuccessSettings;

fn text(value: &str) -> Node {
    Node::Text(value.to_string())
}

fn number(value: f64) -> Node {
    Node::Number(value)
}

fn count(value: usize) -> Node {
    // Counts are bounded far below 2^53.
    Node::Number(value as f64)
}

fn optional_number(value: Option<f64>) -> Node {
    value.map_or(Node::Null, Node::Number)
}

fn optional_text(value: Option<&str>) -> Node {
    value.map_or(Node::Null, text)
}

fn date(value: Date) -> Node {
    Node::Text(value.to_string())
}

fn optional_date(value: Option<Date>) -> Node {
    value.map_or(Node::Null, date)
}

fn map(entries: Vec<(&str, Node)>) -> Node {
    Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The domain's name of each step's measure, in pipeline order.
pub fn measure_name(stage: PipelineStage) -> &'static str {
    match stage {
        PipelineStage::BusinessReview => "potential",
        PipelineStage::HighLevelCase => "positive_high_level_case",
        PipelineStage::ProjectsReview => "moving_on",
        PipelineStage::DetailedCase => "positive_detailed_case",
        PipelineStage::Decision => "approved",
        PipelineStage::Commitment => "committed",
    }
}

/// The whole answer; `settings` labels the checklists' items.
pub fn journey_node(journey: &Journey, settings: Option<&SuccessSettings>) -> Node {
    let account = journey.account.as_ref();
    map(vec![
        (
            "customer",
            map(vec![
                ("id", text(&journey.customer_id)),
                ("name", text(&journey.customer_name)),
                ("account", Node::Bool(account.is_some())),
            ]),
        ),
        ("develop", develop_node(&journey.develop)),
        ("evaluate", evaluate_node(&journey.evaluate)),
        (
            "execute",
            account.map_or(Node::Null, |a| execute_node(a, settings)),
        ),
        ("prosper", account.map_or(Node::Null, prosper_node)),
    ])
}

fn develop_node(develop: &Develop) -> Node {
    let values = develop
        .lead_value
        .iter()
        .map(|total| {
            map(vec![
                ("currency", optional_text(total.currency.as_deref())),
                ("count", count(total.count)),
                ("value", number(total.value)),
            ])
        })
        .collect();
    let recent = develop
        .recent_leads
        .iter()
        .map(|lead| {
            map(vec![
                ("leadId", text(&lead.lead_id)),
                ("calcId", text(&lead.calc_id)),
                ("receivedAtMs", number(lead.received_at_ms as f64)),
                ("company", text(&lead.company)),
                ("value", optional_number(lead.value)),
                ("currency", optional_text(lead.currency.as_deref())),
            ])
        })
        .collect();
    map(vec![
        ("status", text(develop.status.as_str())),
        (
            "domains",
            Node::List(develop.domains.iter().map(|d| text(d)).collect()),
        ),
        ("visitors", count(develop.visitors)),
        ("pageViews", count(develop.page_views)),
        ("timeOnSiteMs", number(develop.time_on_site_ms as f64)),
        ("downloads", number(develop.downloads as f64)),
        ("videoPlays", number(develop.video_plays as f64)),
        ("returnVisits", count(develop.return_visits)),
        (
            "calculatorInteractionMs",
            number(develop.calc_interaction_ms as f64),
        ),
        ("leads", count(develop.leads)),
        ("leadsWithoutValue", count(develop.leads_without_value)),
        ("leadValue", Node::List(values)),
        ("recentLeads", Node::List(recent)),
    ])
}

fn evaluate_node(evaluate: &Evaluate) -> Node {
    let measures = evaluate
        .measures
        .iter()
        .map(|currency| {
            let steps = currency
                .steps
                .iter()
                .map(|step| {
                    map(vec![
                        ("step", text(step.stage.as_str())),
                        ("measure", text(measure_name(step.stage))),
                        ("count", count(step.count)),
                        ("value", number(step.value)),
                    ])
                })
                .collect();
            map(vec![
                ("currency", text(&currency.currency)),
                ("steps", Node::List(steps)),
                ("dropped", count(currency.dropped)),
                ("droppedValue", number(currency.dropped_value)),
            ])
        })
        .collect();
    map(vec![
        ("measures", Node::List(measures)),
        ("pipeline", pipeline_node(&evaluate.pipeline)),
    ])
}

fn list_node(list: &ListReading, labels: &[(String, String)]) -> Node {
    let label_of = |id: &str| {
        labels
            .iter()
            .find(|(item, _)| item == id)
            .map_or(id.to_string(), |(_, label)| label.clone())
    };
    let items = list
        .items
        .iter()
        .map(|item| {
            map(vec![
                ("id", text(&item.id)),
                ("label", text(&item.label)),
                ("done", Node::Bool(item.done)),
                ("since", optional_date(item.since)),
                ("note", optional_text(item.note.as_deref())),
            ])
        })
        .collect();
    let missing = list
        .missing
        .iter()
        .map(|id| map(vec![("id", text(id)), ("label", text(&label_of(id)))]))
        .collect();
    map(vec![
        ("degree", optional_number(list.degree)),
        ("items", Node::List(items)),
        ("missing", Node::List(missing)),
    ])
}

fn execute_node(phases: &AccountPhases, settings: Option<&SuccessSettings>) -> Node {
    let labels = |items: Option<&Vec<crate::success::settings::ChecklistItem>>| {
        items.map_or(Vec::new(), |items| {
            items
                .iter()
                .map(|item| (item.id.clone(), item.label.clone()))
                .collect()
        })
    };
    let execute = &phases.execute;
    map(vec![
        ("asOf", date(phases.as_of)),
        (
            "setup",
            list_node(
                &execute.setup,
                &labels(settings.map(|s| &s.checklists.setup)),
            ),
        ),
        (
            "execution",
            list_node(
                &execute.execution,
                &labels(settings.map(|s| &s.checklists.execution)),
            ),
        ),
        ("outcomes", count(execute.outcomes)),
        ("outcomesMeasured", count(execute.outcomes_measured)),
    ])
}

fn health_node(health: &HealthReading) -> Node {
    map(vec![
        ("stage", optional_text(health.stage.map(|s| s.as_str()))),
        ("frozen", Node::Bool(health.frozen)),
        ("score", optional_number(health.score)),
        ("grade", optional_text(health.grade.map(|g| g.as_str()))),
        ("coverage", number(health.coverage)),
        ("changePrevious", optional_number(health.change_previous)),
        ("change30Days", optional_number(health.change_30_days)),
        ("change90Days", optional_number(health.change_90_days)),
    ])
}

fn realised_node(realised: &RealisedStanding) -> Node {
    match realised {
        RealisedStanding::NoCase => map(vec![("status", text("no_case"))]),
        RealisedStanding::NotLoaded => map(vec![("status", text("not_loaded"))]),
        RealisedStanding::NotComparable(why) => map(vec![
            ("status", text("not_comparable")),
            ("message", text(why)),
        ]),
        RealisedStanding::Compared(report) => map(vec![
            ("status", text("compared")),
            ("periodsElapsed", count(report.periods_elapsed)),
            ("projectedToDate", number(report.projected_to_date)),
            ("realisedToDate", number(report.realised_to_date)),
            ("ratio", optional_number(report.ratio)),
            ("currency", text(&report.currency)),
        ]),
    }
}

fn prosper_node(phases: &AccountPhases) -> Node {
    let account = &phases.account;
    let prosper = &phases.prosper;
    let outcomes = prosper
        .outcomes
        .iter()
        .map(|line| {
            let outcome = &line.outcome;
            let reading = line.reading;
            map(vec![
                ("id", text(&outcome.id)),
                ("label", text(&outcome.label)),
                ("unit", optional_text(outcome.unit.as_deref())),
                (
                    "direction",
                    text(match outcome.direction {
                        OutcomeDirection::Increase => "increase",
                        OutcomeDirection::Decrease => "decrease",
                    }),
                ),
                ("baseline", number(outcome.baseline.value)),
                ("baselineDate", date(outcome.baseline.date)),
                (
                    "target",
                    number(reading.map_or(outcome.target.value, |r| r.target)),
                ),
                (
                    "targetDate",
                    date(reading.map_or(outcome.target.date, |r| r.target_date)),
                ),
                ("current", optional_number(reading.and_then(|r| r.current))),
                ("progress", optional_number(reading.map(|r| r.progress))),
                ("status", optional_text(reading.map(|r| r.status.as_str()))),
            ])
        })
        .collect();
    let renewals = prosper
        .renewals
        .iter()
        .map(|renewal| {
            map(vec![
                ("date", date(renewal.date)),
                (
                    "result",
                    text(match renewal.result {
                        RenewalResult::Renewed => "renewed",
                        RenewalResult::Churned => "churned",
                    }),
                ),
                ("value", number(renewal.value)),
            ])
        })
        .collect();
    let case = account.case.map_or(Node::Null, |link| {
        // Whole numbers from 1, far below 2^53: exact as f64.
        map(vec![
            ("id", number(link.id as f64)),
            ("revision", number(link.revision as f64)),
        ])
    });
    map(vec![
        ("asOf", date(phases.as_of)),
        (
            "account",
            map(vec![
                ("annualValue", number(account.annual_value)),
                ("currency", text(&account.currency)),
                ("contractStart", date(account.contract_start)),
                ("case", case),
            ]),
        ),
        ("health", health_node(&prosper.health)),
        ("outcomes", Node::List(outcomes)),
        ("realised", realised_node(&prosper.realised)),
        ("renewals", Node::List(renewals)),
        ("nextRenewal", optional_date(prosper.next_renewal)),
        ("churnedOn", optional_date(prosper.churned_on)),
    ])
}
