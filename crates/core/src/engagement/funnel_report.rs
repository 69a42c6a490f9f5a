//! The Develop funnel as the API gives it: the JSON answer of
//! `GET /api/funnel` and the tables of `GET /api/funnel.csv`
//! (docs/engagement.md, "The Develop funnel"). Conversions are computed
//! here, labels put in place of their keys, and every CSV cell made safe to
//! open in a spreadsheet. It formats; the figures are [`super::funnel`]'s.

use crate::json::Node;
use crate::number_text::Plain;

use super::funnel::{BreakdownKey, BreakdownRow, Funnel, LeadCurrency, StepCounts};
use super::funnel_dates::format_day;

/// The label texts of the keys a funnel's breakdowns name, sorted by key
/// (the collector reads them for the rows it shows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    sorted: Vec<(i64, String)>,
}

impl Labels {
    /// The labels of `pairs` (key, text), in any order.
    pub fn new(mut pairs: Vec<(i64, String)>) -> Labels {
        pairs.sort_unstable();
        pairs.dedup_by_key(|(key, _)| *key);
        Labels { sorted: pairs }
    }

    fn get(&self, key: i64) -> Option<&str> {
        self.sorted
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .and_then(|index| self.sorted.get(index))
            .map(|(_, text)| text.as_str())
    }
}

/// The keys of every labelled row of a funnel's breakdowns: what the
/// collector must look up.
pub fn label_keys(funnel: &Funnel) -> Vec<i64> {
    let mut keys: Vec<i64> = [&funnel.pages, &funnel.referrers, &funnel.campaigns]
        .into_iter()
        .flatten()
        .filter_map(|row| match row.key {
            BreakdownKey::Label(key) => Some(key),
            BreakdownKey::None | BreakdownKey::Other => None,
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `part / whole`, 0 when `whole` is 0.
fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The funnel's steps: (name, count).
fn steps(counts: &StepCounts) -> [(&'static str, u64); 4] {
    [
        ("visitors", counts.visitors),
        ("interested", counts.interested),
        ("interacting", counts.interacting),
        ("leads", counts.leads),
    ]
}

fn number(n: u64) -> Node {
    Node::Number(n as f64)
}

/// The leads' value and its currency: the value is `null` when the leads
/// name several currencies (they do not add up), the currency `null`
/// when no lead carried a value, or several.
fn lead_value_entries(counts: &StepCounts) -> [(String, Node); 2] {
    let value = match counts.lead_currency {
        LeadCurrency::Several => Node::Null,
        _ => Node::Number(counts.lead_value),
    };
    let currency = counts
        .lead_currency
        .code()
        .map_or(Node::Null, |code| Node::Text(code.into()));
    [
        ("lead_value".into(), value),
        ("lead_currency".into(), currency),
    ]
}

/// The leads' value as a CSV cell: empty when the leads name several
/// currencies.
fn lead_value_cell(counts: &StepCounts) -> String {
    match counts.lead_currency {
        LeadCurrency::Several => String::new(),
        _ => Plain(counts.lead_value).to_string(),
    }
}

fn counts_entries(counts: &StepCounts) -> Vec<(String, Node)> {
    let mut entries: Vec<(String, Node)> = steps(counts)
        .into_iter()
        .map(|(name, count)| (name.to_string(), number(count)))
        .collect();
    entries.extend(lead_value_entries(counts));
    entries
}

/// What a breakdown row's value is called: its label, or `None` for no
/// value and for the "other" row (`kind` says which).
fn row_label<'a>(row: &BreakdownRow, labels: &'a Labels) -> (&'static str, Option<&'a str>) {
    match row.key {
        BreakdownKey::Label(key) => ("value", labels.get(key)),
        BreakdownKey::None => ("none", None),
        BreakdownKey::Other => ("other", None),
    }
}

fn breakdown_node(rows: &[BreakdownRow], labels: &Labels) -> Node {
    Node::List(
        rows.iter()
            .map(|row| {
                let (kind, label) = row_label(row, labels);
                let mut entries = counts_entries(&row.counts);
                entries.push(("kind".into(), Node::Text(kind.into())));
                entries.push((
                    "value".into(),
                    label.map_or(Node::Null, |text| Node::Text(text.into())),
                ));
                Node::Map(entries)
            })
            .collect(),
    )
}

/// The JSON answer of `GET /api/funnel`.
pub fn funnel_to_node(funnel: &Funnel, labels: &Labels) -> Node {
    let counts = &funnel.counts;
    let mut previous = counts.visitors;
    let steps = steps(counts)
        .into_iter()
        .map(|(name, count)| {
            let of_previous = if name == "visitors" {
                share(count, count)
            } else {
                share(count, previous)
            };
            previous = count;
            Node::Map(vec![
                ("step".into(), Node::Text(name.into())),
                ("count".into(), number(count)),
                ("of_previous".into(), Node::Number(of_previous)),
                (
                    "of_visitors".into(),
                    Node::Number(share(count, counts.visitors)),
                ),
            ])
        })
        .collect();
    let daily = funnel
        .daily
        .iter()
        .map(|(day, counts)| {
            let mut entries = counts_entries(counts);
            entries.push(("day".into(), Node::Text(format_day(*day))));
            Node::Map(entries)
        })
        .collect();
    let query = &funnel.query;
    let [lead_value, lead_currency] = lead_value_entries(counts);
    Node::Map(vec![
        ("from".into(), Node::Text(format_day(query.from_day))),
        ("to".into(), Node::Text(format_day(query.to_day))),
        ("days".into(), Node::Number(query.days() as f64)),
        (
            "engaged_s".into(),
            number(query.engaged_threshold_ms / 1000),
        ),
        ("steps".into(), Node::List(steps)),
        lead_value,
        lead_currency,
        (
            "totals".into(),
            Node::Map(vec![
                ("page_views".into(), number(funnel.page_views)),
                ("downloads".into(), number(funnel.downloads)),
                ("video_plays".into(), number(funnel.video_plays)),
                ("outbound_clicks".into(), number(funnel.outbound_clicks)),
                (
                    "returning_visitors".into(),
                    number(funnel.returning_visitors),
                ),
            ]),
        ),
        ("daily".into(), Node::List(daily)),
        ("pages".into(), breakdown_node(&funnel.pages, labels)),
        (
            "referrers".into(),
            breakdown_node(&funnel.referrers, labels),
        ),
        (
            "campaigns".into(),
            breakdown_node(&funnel.campaigns, labels),
        ),
    ])
}

/// The tables `GET /api/funnel.csv?table=...` exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunnelTable {
    /// The steps with their conversions, and the leads' value.
    Funnel,
    /// One row per day.
    Daily,
    /// By page path.
    Pages,
    /// By referrer host.
    Referrers,
    /// By `utm_campaign`.
    Campaigns,
}

impl FunnelTable {
    /// Every table, by its name in the query.
    pub const ALL: [(&'static str, FunnelTable); 5] = [
        ("funnel", FunnelTable::Funnel),
        ("daily", FunnelTable::Daily),
        ("pages", FunnelTable::Pages),
        ("referrers", FunnelTable::Referrers),
        ("campaigns", FunnelTable::Campaigns),
    ];

    /// The table a query names, if it is one.
    pub fn parse(name: &str) -> Option<FunnelTable> {
        FunnelTable::ALL
            .into_iter()
            .find_map(|(n, table)| (n == name).then_some(table))
    }
}

/// A cell as a spreadsheet should see it: text that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, so a campaign named `=HYPERLINK(...)` stays
/// text (CSV injection).
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A table: its header and rows of cells, each already spreadsheet-safe.
pub fn funnel_table(funnel: &Funnel, table: FunnelTable, labels: &Labels) -> Vec<Vec<String>> {
    let whole = |n: u64| n.to_string();
    let counts_cells = |counts: &StepCounts| -> Vec<String> {
        let mut cells: Vec<String> = steps(counts).into_iter().map(|(_, n)| whole(n)).collect();
        cells.push(lead_value_cell(counts));
        cells.push(counts.lead_currency.code().unwrap_or_default().to_string());
        cells
    };
    let counts_header = [
        "visitors",
        "interested",
        "interacting",
        "leads",
        "lead_value",
        "lead_currency",
    ];
    let breakdown = |first: &str, none: &str, rows: &[BreakdownRow]| -> Vec<Vec<String>> {
        let mut out = vec![std::iter::once(first)
            .chain(counts_header)
            .map(String::from)
            .collect::<Vec<_>>()];
        for row in rows {
            let label = match row_label(row, labels) {
                ("value", Some(text)) => spreadsheet_safe(text),
                ("other", _) => "(other)".to_string(),
                _ => none.to_string(),
            };
            out.push(
                std::iter::once(label)
                    .chain(counts_cells(&row.counts))
                    .collect(),
            );
        }
        out
    };
    match table {
        FunnelTable::Funnel => {
            let counts = &funnel.counts;
            let mut previous = counts.visitors;
            let mut rows = vec![vec![
                "step".to_string(),
                "count".into(),
                "of_previous".into(),
                "of_visitors".into(),
            ]];
            for (name, count) in steps(counts) {
                let of_previous = share(count, if name == "visitors" { count } else { previous });
                previous = count;
                rows.push(vec![
                    name.to_string(),
                    whole(count),
                    Plain(of_previous).to_string(),
                    Plain(share(count, counts.visitors)).to_string(),
                ]);
            }
            rows.push(vec![
                "lead_value".into(),
                lead_value_cell(counts),
                String::new(),
                String::new(),
            ]);
            rows.push(vec![
                "lead_currency".into(),
                counts.lead_currency.code().unwrap_or_default().to_string(),
                String::new(),
                String::new(),
            ]);
            rows
        }
        FunnelTable::Daily => {
            let mut rows = vec![std::iter::once("day")
                .chain(counts_header)
                .map(String::from)
                .collect::<Vec<_>>()];
            for (day, counts) in &funnel.daily {
                rows.push(
                    std::iter::once(format_day(*day))
                        .chain(counts_cells(counts))
                        .collect(),
                );
            }
            rows
        }
        FunnelTable::Pages => breakdown("path", "(none)", &funnel.pages),
        FunnelTable::Referrers => breakdown("referrer_host", "(direct)", &funnel.referrers),
        FunnelTable::Campaigns => breakdown("utm_campaign", "(none)", &funnel.campaigns),
    }
}
