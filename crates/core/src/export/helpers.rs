//! Helper rows that PAYBACK and DPAYBACK need in a workbook: Excel has no
//! payback function, so the export writes the running total of the
//! (discounted) cash flow and, per period, the interpolated payback time
//! where the total first turns non-negative, one formula per cell, where a
//! finance team can follow them. Rows are shared by every output that asks
//! for the same thing. Plain data; nothing here evaluates.

use super::cells::{column_letters, relative};
use super::plan::{CachedValue, CellContent, CellPlan, CellStyle, FormulaCell};

/// The helper rows of one calculation block, added below its series.
#[derive(Debug, Clone)]
pub struct HelperRows {
    /// The next free 0-based row.
    pub next_row: u32,
    /// The column of period 0.
    pub first_column: u16,
    /// Periods 0..=N.
    pub series_len: usize,
    /// The 0-based row of the period numbers.
    pub period_row: u32,
    /// The cells written so far.
    pub cells: Vec<CellPlan>,
    /// What was made: (key, running total row, payback time row).
    made: Vec<(String, u32, u32)>,
}

impl HelperRows {
    /// No helper rows yet; the first goes at `next_row`.
    pub fn new(next_row: u32, first_column: u16, series_len: usize, period_row: u32) -> HelperRows {
        HelperRows {
            next_row,
            first_column,
            series_len,
            period_row,
            cells: Vec::new(),
            made: Vec::new(),
        }
    }

    fn column(&self, period: usize) -> u16 {
        self.first_column
            .saturating_add(u16::try_from(period).unwrap_or(u16::MAX))
    }

    fn label(&mut self, row: u32, text: String) {
        self.cells.push(CellPlan {
            row,
            column: 0,
            content: CellContent::Text(text),
            style: CellStyle::default(),
        });
    }

    fn formula(&mut self, row: u32, period: usize, text: String) {
        let column = self.column(period);
        self.cells.push(CellPlan {
            row,
            column,
            // Not a Yardstick value: left blank for viewers that do not
            // recalculate; the outputs that read these rows carry theirs.
            content: CellContent::Formula(FormulaCell {
                text,
                cached: CachedValue::Text(String::new()),
                array: false,
            }),
            style: CellStyle {
                number_format: Some("#,##0.00".to_string()),
                bold: false,
            },
        });
    }

    /// The running total and payback rows over the series in row
    /// `flow_row`, discounted at `rate` (Excel text whose every reference
    /// names its sheet) when given: `(total row, payback time row)`.
    pub fn payback_rows(
        &mut self,
        flow_row: u32,
        series_id: &str,
        rate: Option<&str>,
    ) -> (u32, u32) {
        let key = format!("{flow_row}|{}", rate.unwrap_or(""));
        if let Some((_, total, time)) = self.made.iter().find(|(k, _, _)| *k == key) {
            return (*total, *time);
        }
        // With a rate, the discounted flows first: flow / (1 + rate)^period.
        let flow_row = match rate {
            Some(rate) => {
                let discounted = self.next_row;
                self.next_row += 1;
                self.label(discounted, format!("{series_id} discounted (for DPAYBACK)"));
                for period in 0..self.series_len {
                    let letters = column_letters(self.column(period));
                    let text = format!(
                        "{}/(1+{rate})^{letters}${}",
                        relative(flow_row, self.column(period)),
                        self.period_row + 1
                    );
                    self.formula(discounted, period, text);
                }
                discounted
            }
            None => flow_row,
        };
        let what = if rate.is_some() {
            "DPAYBACK"
        } else {
            "PAYBACK"
        };
        let total = self.next_row;
        let time = total + 1;
        self.next_row += 2;
        self.label(total, format!("{series_id}: running total (for {what})"));
        self.label(
            time,
            format!("{series_id}: payback time if it turns non-negative here (for {what})"),
        );
        for period in 0..self.series_len {
            let flow = relative(flow_row, self.column(period));
            let here = relative(total, self.column(period));
            if period == 0 {
                self.formula(total, period, flow);
                self.formula(time, period, "\"\"".to_string());
                continue;
            }
            let before = relative(total, self.column(period - 1));
            self.formula(total, period, format!("{before}+{flow}"));
            // The first period whose total is back at zero or above after
            // being negative, interpolated inside it as Yardstick does.
            let text = format!(
                "IF(AND({before}<0,{here}>=0),{}+MIN(1,MAX(0,-{before}/{flow})),\"\")",
                period - 1
            );
            self.formula(time, period, text);
        }
        self.made.push((key, total, time));
        (total, time)
    }
}
