//! How many leads each calculator brought and their summed value, kept as
//! leads are read one by one (the collector streams them from its store, so
//! it never holds them all).
//!
//! The sum is compensated (Neumaier's variant of Kahan summation): leads
//! come newest first today, and an export may read them in another order;
//! an uncompensated sum of many values could differ in its last digits
//! between the two, and a total that changes with the order it is read in
//! is not one a finance team trusts. Leads without a value (unverified, or
//! a model without `leadValue`) are counted but add nothing.

use crate::json::Node;

/// One calculator's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct CalcLeadTotals {
    /// The calculator's id.
    pub calc_id: String,
    /// Its leads.
    pub leads: u64,
    /// Its leads that have a value.
    pub valued: u64,
    /// The sum of their values.
    pub value: f64,
    /// The compensation term of the sum (what rounding lost so far).
    compensation: f64,
}

/// Totals per calculator, sorted by calculator id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadTotals {
    calcs: Vec<CalcLeadTotals>,
}

impl LeadTotals {
    /// Counts one lead of `calc_id` with its value, if any. Non-finite
    /// values (which a store never holds) are counted as no value.
    pub fn add(&mut self, calc_id: &str, value: Option<f64>) {
        let position = self
            .calcs
            .binary_search_by(|c| c.calc_id.as_str().cmp(calc_id));
        let index = match position {
            Ok(index) => index,
            Err(index) => {
                self.calcs.insert(
                    index,
                    CalcLeadTotals {
                        calc_id: calc_id.to_string(),
                        leads: 0,
                        valued: 0,
                        value: 0.0,
                        compensation: 0.0,
                    },
                );
                index
            }
        };
        let Some(calc) = self.calcs.get_mut(index) else {
            return;
        };
        calc.leads += 1;
        if let Some(value) = value.filter(|v| v.is_finite()) {
            calc.valued += 1;
            let sum = calc.value + value;
            calc.compensation += if calc.value.abs() >= value.abs() {
                (calc.value - sum) + value
            } else {
                (value - sum) + calc.value
            };
            calc.value = sum;
        }
    }

    /// Each calculator's totals, by id, with the compensation applied.
    pub fn calcs(&self) -> Vec<CalcLeadTotals> {
        let mut calcs = Vec::with_capacity(self.calcs.len());
        for calc in &self.calcs {
            calcs.push(CalcLeadTotals {
                value: calc.value + calc.compensation,
                compensation: 0.0,
                ..calc.clone()
            });
        }
        calcs
    }

    /// All leads counted.
    pub fn leads(&self) -> u64 {
        self.calcs.iter().map(|c| c.leads).sum()
    }

    /// `[{calc_id, leads, valued, value}]`, by calc_id (`value` is 0 for
    /// a calculator without valued leads).
    pub fn to_node(&self) -> Node {
        let mut items = Vec::with_capacity(self.calcs.len());
        for calc in self.calcs() {
            items.push(Node::Map(vec![
                ("calc_id".into(), Node::Text(calc.calc_id)),
                ("leads".into(), Node::Number(calc.leads as f64)),
                ("valued".into(), Node::Number(calc.valued as f64)),
                ("value".into(), Node::Number(calc.value + 0.0)),
            ]));
        }
        Node::List(items)
    }
}

