//! The period table finance teams expect: every series of a model by
//! period (0, the start, to N), with a total where adding the periods up
//! means something, and the same table as CSV (RFC 4180) or tab-separated
//! text for a spreadsheet.
//!
//! Which series may be totalled is decided here, once: a series the
//! document marks (`"total": true` or `false`) follows the mark; otherwise
//! a percentage or a duration (a rate, an adoption share, months) is never
//! added up, nor a running balance (a series that reads its own previous
//! period, such as `cumulative = PREV(cumulative) + net`), whose last value
//! already is its total. Everything else (benefits, costs, net and
//! discounted cash flows) is summed as Excel's SUM does: the first error
//! in the row is the total.
//!
//! Full build only. It reads a state and writes text; it never formats
//! numbers for people (pages do, in the case's locale): cells hold the
//! shortest text that reads back as the same number.

use super::engine::{CompiledModel, ModelState};
use super::slot::Slot;
use super::spec::{CalculationSpec, FormatStyle, OutputFormat, PeriodUnit};
use crate::formula::Value;
use crate::number_text::shortest;

/// One series of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    /// The calculation's id.
    pub id: String,
    /// Its label (the id when the document gives none).
    pub label: String,
    /// Its unit, if the document gives one.
    pub unit: Option<String>,
    /// How its values are shown.
    pub format: OutputFormat,
    /// One value per period, 0 to N.
    pub values: Vec<Value>,
    /// The sum of the values, or the first error among them; `None` when
    /// the series is not one to add up.
    pub total: Option<Value>,
}

/// Every series of a model by period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodTable {
    /// The periods' headings: `Start`, then `Year 1` (or `Quarter 1`,
    /// `Month 1`) to N.
    pub periods: Vec<String>,
    /// The series, in document order.
    pub rows: Vec<PeriodRow>,
}

/// How the table is written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableText {
    /// Comma-separated values, RFC 4180: CRLF line ends, a field with a
    /// comma, quote, CR or LF quoted, quotes doubled.
    Csv,
    /// Tab-separated values, as a spreadsheet pastes them: tabs and line
    /// breaks inside a cell become spaces, LF line ends.
    Tsv,
}

/// The heading of period `period` for a horizon counted in `unit`.
pub fn period_heading(unit: PeriodUnit, period: usize) -> String {
    if period == 0 {
        return "Start".to_string();
    }
    let name = match unit {
        PeriodUnit::Year => "Year",
        PeriodUnit::Quarter => "Quarter",
        PeriodUnit::Month => "Month",
    };
    format!("{name} {period}")
}

/// Whether the period table adds up calculation `index`'s periods (see the
/// module's rule).
pub fn totals_series(model: &CompiledModel, index: usize, calculation: &CalculationSpec) -> bool {
    if let Some(marked) = calculation.total {
        return marked;
    }
    let a_rate_or_duration = matches!(
        calculation.format.style,
        FormatStyle::Percent | FormatStyle::Months
    );
    !a_rate_or_duration && !model.reads_own_previous(index)
}

/// Excel's SUM over a row: numbers added (left to right), the first error
/// returned as it is; text, booleans and empty cells count as nothing,
/// as SUM skips them in a range.
fn sum_row(values: &[Value]) -> Value {
    let mut sum = 0.0;
    for value in values {
        match value {
            Value::Number(n) => sum += n,
            Value::Error(_) => return value.clone(),
            _ => {}
        }
    }
    Value::number(sum)
}

impl CompiledModel {
    /// The period table of `state`: every per-period calculation with its
    /// values and, where meaningful, its total.
    pub fn period_table(&self, state: &ModelState) -> PeriodTable {
        let spec = self.spec();
        let mut periods = Vec::with_capacity(spec.horizon.series_len());
        for period in 0..spec.horizon.series_len() {
            periods.push(period_heading(spec.horizon.unit, period));
        }
        let mut rows = Vec::new();
        for (index, calculation) in spec.calculations.iter().enumerate() {
            let Some(Slot::Series(values)) = state.calculation_at(self, index) else {
                continue;
            };
            let total = totals_series(self, index, calculation).then(|| sum_row(values));
            rows.push(PeriodRow {
                id: calculation.id.clone(),
                label: calculation
                    .label
                    .clone()
                    .unwrap_or_else(|| calculation.id.clone()),
                unit: calculation.unit.clone(),
                format: calculation.format,
                values: values.clone(),
                total,
            });
        }
        PeriodTable { periods, rows }
    }
}

impl PeriodTable {
    /// The table as text: a header (`Series`, the periods, `Total`), then
    /// one line per series. Numbers are the shortest text that reads back
    /// as the same number; errors as Excel writes them (`#DIV/0!`); a
    /// series without a total has an empty last cell. Text a spreadsheet
    /// would read as a formula gets a leading `'`.
    pub fn to_text(&self, format: TableText) -> String {
        let mut out = String::new();
        let mut header = Vec::with_capacity(self.periods.len() + 2);
        header.push("Series".to_string());
        header.extend(self.periods.iter().cloned());
        header.push("Total".to_string());
        write_line(&mut out, &header, format);
        for row in &self.rows {
            let mut cells = Vec::with_capacity(row.values.len() + 2);
            let label = match &row.unit {
                Some(unit) => format!("{} ({unit})", row.label),
                None => row.label.clone(),
            };
            cells.push(spreadsheet_safe(&label));
            for value in &row.values {
                cells.push(cell_text(value));
            }
            cells.push(row.total.as_ref().map(cell_text).unwrap_or_default());
            write_line(&mut out, &cells, format);
        }
        out
    }
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Number(n) => shortest(*n),
        Value::Bool(true) => "TRUE".to_string(),
        Value::Bool(false) => "FALSE".to_string(),
        Value::Text(text) => spreadsheet_safe(text),
        Value::Error(error) => error.kind.code().to_string(),
        Value::Array(_) | Value::Empty => String::new(),
    }
}

/// Text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab
/// or a carriage return first) gets a leading `'` (CSV injection).
fn spreadsheet_safe(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// One line of cells. A plain loop over each cell's characters, which
/// decides quoting and writes the cell in one pass (`str::replace` and
/// `contains` with character sets cost the wasm their own code).
fn write_line(out: &mut String, cells: &[String], format: TableText) {
    let csv = format == TableText::Csv;
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(if csv { ',' } else { '\t' });
        }
        let quoted = csv && cell.chars().any(|c| matches!(c, ',' | '"' | '\r' | '\n'));
        if quoted {
            out.push('"');
        }
        for c in cell.chars() {
            match c {
                '"' if quoted => out.push_str("\"\""),
                '\t' | '\r' | '\n' if !csv => out.push(' '),
                _ => out.push(c),
            }
        }
        if quoted {
            out.push('"');
        }
    }
    out.push_str(if csv { "\r\n" } else { "\n" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Node;

    fn text(s: &str) -> Node {
        Node::Text(s.to_string())
    }

    fn map(entries: Vec<(&str, Node)>) -> Node {
        Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    fn series(id: &str, label: &str, formula: &str, extra: Vec<(&str, Node)>) -> Node {
        let mut entries = vec![
            ("id", text(id)),
            ("label", text(label)),
            ("per_period", Node::Bool(true)),
            ("formula", text(formula)),
        ];
        entries.extend(extra);
        map(entries)
    }

    fn model(calculations: Vec<Node>) -> CompiledModel {
        let document = map(vec![
            ("schema", text("yardstick/model@1")),
            ("id", text("t")),
            ("version", text("1")),
            ("title", text("T")),
            (
                "horizon",
                map(vec![
                    ("periods", Node::Number(3.0)),
                    ("unit", text("quarter")),
                ]),
            ),
            (
                "inputs",
                Node::List(vec![map(vec![
                    ("id", text("x")),
                    ("label", text("X")),
                    ("kind", text("number")),
                    ("default", Node::Number(10.0)),
                ])]),
            ),
            ("calculations", Node::List(calculations)),
            (
                "outputs",
                Node::List(vec![map(vec![
                    ("id", text("o")),
                    ("label", text("O")),
                    ("formula", text("x")),
                ])]),
            ),
        ]);
        match CompiledModel::compile(&document) {
            Ok(model) => model,
            Err(diagnostics) => panic!("{diagnostics:?}"),
        }
    }

    fn table(calculations: Vec<Node>) -> PeriodTable {
        let model = model(calculations);
        let state = model.evaluate(&model.default_inputs());
        model.period_table(&state)
    }

    #[test]
    fn flows_are_summed_and_running_balances_rates_and_marked_series_are_not() {
        let percent = map(vec![("style", text("percent"))]);
        let table = table(vec![
            series("flow", "Flow", "x * period", vec![]),
            series("balance", "Balance", "PREV(balance) + flow", vec![]),
            series("share", "Share", "period / 10", vec![("format", percent)]),
            series("heads", "Heads", "x", vec![("total", Node::Bool(false))]),
        ]);
        assert_eq!(
            table.periods,
            ["Start", "Quarter 1", "Quarter 2", "Quarter 3"]
        );
        let totals: Vec<_> = table.rows.iter().map(|r| r.total.clone()).collect();
        assert_eq!(
            totals,
            [Some(Value::Number(60.0)), None, None, None],
            "0 + 10 + 20 + 30 summed; the balance, share and marked series not"
        );
    }

    #[test]
    fn a_marked_rate_is_summed_and_an_error_is_the_total() {
        let percent = map(vec![("style", text("percent"))]);
        let table = table(vec![
            series(
                "share",
                "Share",
                "period / 10",
                vec![("format", percent), ("total", Node::Bool(true))],
            ),
            series("ratio", "Ratio", "x / (period - 1)", vec![]),
        ]);
        let share_total = table.rows.first().and_then(|r| r.total.clone());
        assert_eq!(share_total, Some(Value::number(0.0 + 0.1 + 0.2 + 0.3)));
        let ratio_total = table.rows.get(1).and_then(|r| r.total.clone());
        assert!(
            matches!(ratio_total, Some(Value::Error(ref e)) if e.kind.code() == "#DIV/0!"),
            "{ratio_total:?}"
        );
    }

    #[test]
    fn csv_quotes_by_rfc_4180_and_tsv_is_tab_separated() {
        let table = table(vec![
            series(
                "flow",
                "Flow, \"net\"",
                "x * period / 4",
                vec![("unit", text("USD"))],
            ),
            series("bad", "=bad", "x", vec![]),
        ]);
        assert_eq!(
            table.to_text(TableText::Csv),
            "Series,Start,Quarter 1,Quarter 2,Quarter 3,Total\r\n\
             \"Flow, \"\"net\"\" (USD)\",0,2.5,5,7.5,15\r\n\
             '=bad,10,10,10,10,40\r\n"
        );
        assert_eq!(
            table.to_text(TableText::Tsv),
            "Series\tStart\tQuarter 1\tQuarter 2\tQuarter 3\tTotal\n\
             Flow, \"net\" (USD)\t0\t2.5\t5\t7.5\t15\n\
             '=bad\t10\t10\t10\t10\t40\n"
        );
    }
}
