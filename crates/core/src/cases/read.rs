//! Reads a case document (`yardstick/case@1`, docs/cases.md) from a
//! [`Node`] into a [`CaseDocument`]: the model it is built on (id, version
//! and the model document itself), title, customer, inputs, an assumption
//! source per input, the case's own scenarios, settings (hurdle rate,
//! payback limit, strategic fit, Monte Carlo, locale, currency), the
//! pipeline step, whether the project was dropped (and why), and the author
//! as typed.
//!
//! Every problem comes back at once, each with its path, so a form can
//! mark every field to fix. It checks shapes and bounds only: whether the
//! inputs fit the model is [`super::figures`]' question. It stores nothing
//! and reads no clock.

pub use super::text::CaseProblem;
use super::text::{bounded_text, field, join, number_within, object, required, short, Problems};
use crate::engagement::envelope::is_valid_id;
use crate::json::Node;
use crate::scoring::PipelineStage;

/// The only case schema the reader accepts.
pub const CASE_SCHEMA: &str = "yardstick/case@1";
/// Longest title, customer name, author, source `by` and `basis`, and
/// scenario label, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest source note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Longest reason for dropping a project, in characters: a sentence or
/// two, short enough to list beside every dropped case.
pub const MAX_DROP_REASON_CHARS: usize = 500;
/// Most inputs (and sources, and inputs per scenario) a case may carry; a
/// model has at most 500 inputs.
pub const MAX_CASE_INPUTS: usize = 500;
/// Most scenarios of a case.
pub const MAX_CASE_SCENARIOS: usize = 20;
/// Longest text input value, in characters.
pub const MAX_INPUT_TEXT_CHARS: usize = 1000;
/// Most Monte Carlo trials a case may ask for (the engine's own cap).
pub const MAX_TRIALS: f64 = 1_000_000.0;
/// Largest Monte Carlo seed: the largest integer a JavaScript number holds exactly.
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;
/// Longest payback limit, in months (50 years).
pub const MAX_PAYBACK_LIMIT_MONTHS: f64 = 600.0;

const CASE_FIELDS: [&str; 11] = [
    "schema",
    "title",
    "customer",
    "model",
    "inputs",
    "sources",
    "scenarios",
    "settings",
    "step",
    "dropped",
    "author",
];
const DROPPED_FIELDS: [&str; 1] = ["reason"];
const CUSTOMER_FIELDS: [&str; 2] = ["id", "name"];
const MODEL_FIELDS: [&str; 3] = ["id", "version", "document"];
const SOURCE_FIELDS: [&str; 3] = ["by", "basis", "note"];
const SCENARIO_FIELDS: [&str; 3] = ["id", "label", "inputs"];
const SETTINGS_FIELDS: [&str; 7] = [
    "hurdleRate",
    "paybackLimitMonths",
    "strategicFit",
    "probabilityNpvPositive",
    "monteCarlo",
    "locale",
    "currency",
];
const MONTE_CARLO_FIELDS: [&str; 3] = ["seed", "trials", "paybackWithinMonths"];

/// The customer a case is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// A stable id (1 to 64 of `A-Z a-z 0-9 . _ : -`): the pipeline's filter.
    pub id: String,
    /// The name people see, 1 to 200 characters.
    pub name: String,
}

/// Where an input's number comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AssumptionSource {
    /// Who gave the number ("CFO", "Ada Lovelace").
    pub by: Option<String>,
    /// What it rests on: "benchmark", "customer data", "estimate" or free text.
    pub basis: Option<String>,
    /// Anything else worth keeping, up to 2,000 characters.
    pub note: Option<String>,
}

/// A named input set the sales engineer saved with the case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseScenario {
    /// Unique within the case.
    pub id: String,
    /// What a person sees.
    pub label: String,
    /// Input values by id (the others are the case's inputs).
    pub inputs: Vec<(String, Node)>,
}

/// Monte Carlo settings, so a run can be reproduced exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonteCarloSettings {
    /// A whole number from 0 to 2^53 − 1.
    pub seed: f64,
    /// A whole number from 1 to 1,000,000.
    pub trials: f64,
    /// The N of "payback within N months", when set.
    pub payback_within_months: Option<f64>,
}

/// The case's settings; every field optional (defaults in docs/cases.md).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseSettings {
    /// The customer's hurdle rate, a fraction per year, 0 to 1 (default 0.10).
    pub hurdle_rate: Option<f64>,
    /// The longest acceptable payback, over 0 to 600 months (default 36).
    pub payback_limit_months: Option<f64>,
    /// Strategic fit rated by hand, 1 to 5 (missing scores 0 points).
    pub strategic_fit: Option<f64>,
    /// The Monte Carlo probability that NPV > 0, 0 to 1, when the
    /// workbench computed it (missing scores 0 points).
    pub probability_npv_positive: Option<f64>,
    /// The Monte Carlo settings of the last run.
    pub monte_carlo: Option<MonteCarloSettings>,
    /// The case's locale (BCP 47, such as `en-GB`); the model's by default.
    pub locale: Option<String>,
    /// The case's currency (ISO 4217, such as `EUR`); the model's by default.
    pub currency: Option<String>,
}

/// A project the customer abandoned: the case is closed without a
/// commitment at its step, until a later revision reopens it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDrop {
    /// Why, as typed: 1 to 500 characters without line breaks.
    pub reason: String,
}

/// A case as sent, checked for shape and bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDocument {
    /// What the case is called, 1 to 200 characters.
    pub title: String,
    /// Who it is for.
    pub customer: Customer,
    /// The model's id, which its document must carry.
    pub model_id: String,
    /// The model's version, which its document must carry.
    pub model_version: String,
    /// The model document itself (`yardstick/model@1`), as sent.
    pub model_document: Node,
    /// Input values by id, in the order sent; inputs not given take the
    /// model's defaults.
    pub inputs: Vec<(String, Node)>,
    /// An assumption source per input id, in the order sent.
    pub sources: Vec<(String, AssumptionSource)>,
    /// The case's scenarios, ids unique.
    pub scenarios: Vec<CaseScenario>,
    /// Scorecard, Monte Carlo and display settings.
    pub settings: CaseSettings,
    /// The step of the Evaluate pipeline the case is at (when dropped, the
    /// step it was dropped at).
    pub step: PipelineStage,
    /// Set when the project was dropped; `None` (the field absent, as in
    /// every document written before it existed) for an open case.
    pub dropped: Option<CaseDrop>,
    /// Who saved this revision, as typed, 1 to 200 characters.
    pub author: String,
}

/// The stage a step word names (`business_review`, ...), if any.
pub fn stage_from_str(text: &str) -> Option<PipelineStage> {
    PipelineStage::ALL
        .into_iter()
        .find(|stage| stage.as_str() == text)
}

/// Reads a case body; every problem at once, in document order.
pub fn read_case(body: &Node) -> Result<CaseDocument, Vec<CaseProblem>> {
    let mut problems = Problems::default();
    let document = read_parts(body, &mut problems);
    match document {
        Some(document) if problems.0.is_empty() => Ok(document),
        _ => {
            if problems.0.is_empty() {
                problems.push("", "the case could not be read");
            }
            Err(problems.0)
        }
    }
}

fn read_parts(body: &Node, problems: &mut Problems) -> Option<CaseDocument> {
    let top = object(body, "", &CASE_FIELDS, problems)?;
    if let Some(schema) = required(top, "schema", "", problems) {
        if *schema != Node::Text(CASE_SCHEMA.into()) {
            problems.push("schema", format!("must be \"{CASE_SCHEMA}\""));
        }
    }
    let title = required(top, "title", "", problems)
        .and_then(|node| bounded_text(node, "title", MAX_NAME_CHARS, false, problems));
    let customer =
        required(top, "customer", "", problems).and_then(|node| read_customer(node, problems));
    let model = required(top, "model", "", problems).and_then(|node| read_model(node, problems));
    let inputs = match field(top, "inputs") {
        Some(node) => read_inputs(node, "inputs", problems),
        None => Some(Vec::new()),
    };
    let sources = match field(top, "sources") {
        Some(node) => read_sources(node, problems),
        None => Some(Vec::new()),
    };
    let scenarios = match field(top, "scenarios") {
        Some(node) => read_scenarios(node, problems),
        None => Some(Vec::new()),
    };
    let settings = match field(top, "settings") {
        Some(node) => read_settings(node, problems),
        None => Some(CaseSettings::default()),
    };
    let step = required(top, "step", "", problems).and_then(|node| read_step(node, problems));
    let dropped = match field(top, "dropped") {
        Some(node) => read_dropped(node, problems).map(Some),
        None => Some(None),
    };
    let author = required(top, "author", "", problems)
        .and_then(|node| bounded_text(node, "author", MAX_NAME_CHARS, false, problems));
    let (model_id, model_version, model_document) = model?;
    Some(CaseDocument {
        title: title?,
        customer: customer?,
        model_id,
        model_version,
        model_document,
        inputs: inputs?,
        sources: sources?,
        scenarios: scenarios?,
        settings: settings?,
        step: step?,
        dropped: dropped?,
        author: author?,
    })
}

fn read_dropped(node: &Node, problems: &mut Problems) -> Option<CaseDrop> {
    let entries = object(node, "dropped", &DROPPED_FIELDS, problems)?;
    let reason = required(entries, "reason", "dropped", problems).and_then(|node| {
        bounded_text(
            node,
            "dropped.reason",
            MAX_DROP_REASON_CHARS,
            false,
            problems,
        )
    })?;
    Some(CaseDrop { reason })
}

/// A reason for dropping a project sent on its own (the server's drop
/// route), at `path`: the rule of `dropped.reason`, trimmed.
pub fn read_drop_reason(node: &Node, path: &str) -> Result<CaseDrop, CaseProblem> {
    let mut problems = Problems::default();
    match bounded_text(node, path, MAX_DROP_REASON_CHARS, false, &mut problems) {
        Some(reason) => Ok(CaseDrop { reason }),
        None => Err(problems.0.into_iter().next().unwrap_or(CaseProblem {
            path: path.to_string(),
            message: "is not a reason".into(),
        })),
    }
}

fn read_step(node: &Node, problems: &mut Problems) -> Option<PipelineStage> {
    let Node::Text(text) = node else {
        problems.wrong_type("step", "text", node);
        return None;
    };
    let stage = stage_from_str(text);
    if stage.is_none() {
        problems.push(
            "step",
            "must be one of business_review, high_level_case, projects_review, \
             detailed_case, decision, commitment",
        );
    }
    stage
}

fn id_text(node: &Node, path: &str, problems: &mut Problems) -> Option<String> {
    match node {
        Node::Text(text) if is_valid_id(text) => Some(text.clone()),
        Node::Text(_) => {
            problems.push(path, "must be 1 to 64 of A-Z a-z 0-9 . _ : -");
            None
        }
        other => {
            problems.wrong_type(path, "text", other);
            None
        }
    }
}

fn read_customer(node: &Node, problems: &mut Problems) -> Option<Customer> {
    let entries = object(node, "customer", &CUSTOMER_FIELDS, problems)?;
    let id = required(entries, "id", "customer", problems)
        .and_then(|node| id_text(node, "customer.id", problems));
    let name = required(entries, "name", "customer", problems)
        .and_then(|node| bounded_text(node, "customer.name", MAX_NAME_CHARS, false, problems));
    Some(Customer {
        id: id?,
        name: name?,
    })
}

fn read_model(node: &Node, problems: &mut Problems) -> Option<(String, String, Node)> {
    let entries = object(node, "model", &MODEL_FIELDS, problems)?;
    let id = required(entries, "id", "model", problems)
        .and_then(|node| id_text(node, "model.id", problems));
    let version = required(entries, "version", "model", problems)
        .and_then(|node| id_text(node, "model.version", problems));
    let document = required(entries, "document", "model", problems);
    if let Some(document) = document {
        if !matches!(document, Node::Map(_)) {
            problems.wrong_type("model.document", "an object (the model itself)", document);
        }
    }
    let document = document.filter(|node| matches!(node, Node::Map(_)))?;
    Some((id?, version?, document.clone()))
}

/// An object of input values by id at `path`: numbers, text or booleans.
/// Ids are checked against the model later; here only their count, form
/// and uniqueness (ignoring ASCII case, as models match ids).
fn read_inputs(node: &Node, path: &str, problems: &mut Problems) -> Option<Vec<(String, Node)>> {
    let entries = object(node, path, &[], problems)?;
    if entries.len() > MAX_CASE_INPUTS {
        problems.push(
            path,
            format!("{} inputs, more than {MAX_CASE_INPUTS}", entries.len()),
        );
        return None;
    }
    let mut inputs: Vec<(String, Node)> = Vec::with_capacity(entries.len());
    let before = problems.0.len();
    for (key, value) in entries {
        let item_path = join(path, short(key));
        if inputs.iter().any(|(id, _)| id.eq_ignore_ascii_case(key)) {
            problems.push(&item_path, "is given twice (ids ignore case)");
            continue;
        }
        match value {
            Node::Number(n) if n.is_finite() => inputs.push((key.clone(), Node::Number(*n + 0.0))),
            Node::Bool(_) => inputs.push((key.clone(), value.clone())),
            Node::Text(text) if text.chars().count() <= MAX_INPUT_TEXT_CHARS => {
                inputs.push((key.clone(), value.clone()))
            }
            Node::Text(_) => problems.push(
                &item_path,
                format!("must be at most {MAX_INPUT_TEXT_CHARS} characters"),
            ),
            other => problems.wrong_type(&item_path, "a finite number, text or a boolean", other),
        }
    }
    (problems.0.len() == before).then_some(inputs)
}

fn read_sources(node: &Node, problems: &mut Problems) -> Option<Vec<(String, AssumptionSource)>> {
    let entries = object(node, "sources", &[], problems)?;
    if entries.len() > MAX_CASE_INPUTS {
        problems.push(
            "sources",
            format!("{} sources, more than {MAX_CASE_INPUTS}", entries.len()),
        );
        return None;
    }
    let before = problems.0.len();
    let mut sources: Vec<(String, AssumptionSource)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let path = join("sources", short(key));
        if sources.iter().any(|(id, _)| id.eq_ignore_ascii_case(key)) {
            problems.push(&path, "is given twice (ids ignore case)");
            continue;
        }
        let Some(fields) = object(value, &path, &SOURCE_FIELDS, problems) else {
            continue;
        };
        let mut text = |name: &str, max_chars: usize, multiline: bool| {
            field(fields, name).and_then(|node| {
                bounded_text(node, &join(&path, name), max_chars, multiline, problems)
            })
        };
        let source = AssumptionSource {
            by: text("by", MAX_NAME_CHARS, false),
            basis: text("basis", MAX_NAME_CHARS, false),
            note: text("note", MAX_NOTE_CHARS, true),
        };
        sources.push((key.clone(), source));
    }
    (problems.0.len() == before).then_some(sources)
}

fn read_scenarios(node: &Node, problems: &mut Problems) -> Option<Vec<CaseScenario>> {
    let Node::List(items) = node else {
        problems.wrong_type("scenarios", "a list", node);
        return None;
    };
    if items.len() > MAX_CASE_SCENARIOS {
        problems.push(
            "scenarios",
            format!("{} scenarios, more than {MAX_CASE_SCENARIOS}", items.len()),
        );
        return None;
    }
    let before = problems.0.len();
    let mut scenarios: Vec<CaseScenario> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let path = format!("scenarios[{index}]");
        let Some(entries) = object(item, &path, &SCENARIO_FIELDS, problems) else {
            continue;
        };
        let id = required(entries, "id", &path, problems)
            .and_then(|node| id_text(node, &join(&path, "id"), problems));
        if let Some(id) = &id {
            if scenarios.iter().any(|s| s.id.eq_ignore_ascii_case(id)) {
                problems.push(&join(&path, "id"), format!("\"{id}\" is used twice"));
            }
        }
        let label = required(entries, "label", &path, problems).and_then(|node| {
            bounded_text(node, &join(&path, "label"), MAX_NAME_CHARS, false, problems)
        });
        let inputs = required(entries, "inputs", &path, problems)
            .and_then(|node| read_inputs(node, &join(&path, "inputs"), problems));
        if let (Some(id), Some(label), Some(inputs)) = (id, label, inputs) {
            scenarios.push(CaseScenario { id, label, inputs });
        }
    }
    (problems.0.len() == before).then_some(scenarios)
}

fn read_settings(node: &Node, problems: &mut Problems) -> Option<CaseSettings> {
    let entries = object(node, "settings", &SETTINGS_FIELDS, problems)?;
    let before = problems.0.len();
    let mut number = |key: &str, range: (f64, f64)| {
        field(entries, key)
            .and_then(|node| number_within(node, &join("settings", key), range, problems))
    };
    let hurdle_rate = number("hurdleRate", (0.0, 1.0));
    let payback_limit_months = number("paybackLimitMonths", (0.0, MAX_PAYBACK_LIMIT_MONTHS));
    let strategic_fit = number("strategicFit", (1.0, 5.0));
    let probability_npv_positive = number("probabilityNpvPositive", (0.0, 1.0));
    if payback_limit_months == Some(0.0) {
        problems.push("settings.paybackLimitMonths", "must be more than 0 months");
    }
    let monte_carlo =
        field(entries, "monteCarlo").and_then(|node| read_monte_carlo(node, problems));
    let locale = field(entries, "locale").and_then(|node| match node {
        Node::Text(text) if is_locale(text) => Some(text.clone()),
        _ => {
            problems.push(
                "settings.locale",
                "must be a BCP 47 language tag such as en-GB (2 to 35 of A-Z a-z 0-9 -)",
            );
            None
        }
    });
    let currency = field(entries, "currency").and_then(|node| match node {
        Node::Text(text) if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) => {
            Some(text.clone())
        }
        _ => {
            problems.push(
                "settings.currency",
                "must be an ISO 4217 code of three capital letters such as EUR",
            );
            None
        }
    });
    (problems.0.len() == before).then_some(CaseSettings {
        hurdle_rate,
        payback_limit_months,
        strategic_fit,
        probability_npv_positive,
        monte_carlo,
        locale,
        currency,
    })
}

fn read_monte_carlo(node: &Node, problems: &mut Problems) -> Option<MonteCarloSettings> {
    let path = "settings.monteCarlo";
    let entries = object(node, path, &MONTE_CARLO_FIELDS, problems)?;
    let mut whole = |key: &str, range: (f64, f64)| {
        let value = required(entries, key, path, problems)
            .and_then(|node| number_within(node, &join(path, key), range, problems))?;
        if value.fract() != 0.0 {
            problems.push(&join(path, key), "must be a whole number");
            return None;
        }
        Some(value)
    };
    let seed = whole("seed", (0.0, MAX_SEED));
    let trials = whole("trials", (1.0, MAX_TRIALS));
    let payback_within_months = field(entries, "paybackWithinMonths").and_then(|node| {
        number_within(
            node,
            &join(path, "paybackWithinMonths"),
            (0.0, MAX_PAYBACK_LIMIT_MONTHS),
            problems,
        )
    });
    Some(MonteCarloSettings {
        seed: seed?,
        trials: trials?,
        payback_within_months,
    })
}

/// A plausible BCP 47 tag: 2 to 35 of `A-Z a-z 0-9 -`, starting with a letter.
fn is_locale(text: &str) -> bool {
    (2..=35).contains(&text.len())
        && text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
