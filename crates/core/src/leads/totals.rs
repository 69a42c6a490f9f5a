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
    /// The currency its valued leads share (the model's), or `None` when
    /// they name none or several.
    pub currency: Option<String>,
    /// The compensation term of the sum (what rounding lost so far).
    compensation: f64,
    /// Whether valued leads named different currencies.
    mixed: bool,
}

/// Totals per calculator, sorted by calculator id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadTotals {
    calcs: Vec<CalcLeadTotals>,
}

impl LeadTotals {
    /// Counts one lead of `calc_id` with its value, if any, in `currency`
    /// (the model's, for a verified lead). Non-finite values (which a
    /// store never holds) are counted as no value.
    pub fn add(&mut self, calc_id: &str, value: Option<f64>, currency: Option<&str>) {
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
                        currency: None,
                        compensation: 0.0,
                        mixed: false,
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
            match (&calc.currency, currency) {
                (_, None) => calc.mixed = true,
                (None, Some(currency)) if calc.valued == 1 => {
                    calc.currency = Some(currency.to_string())
                }
                (Some(known), Some(currency)) if known == currency => {}
                _ => calc.mixed = true,
            }
        }
    }

    /// Each calculator's totals, by id, with the compensation applied.
    pub fn calcs(&self) -> Vec<CalcLeadTotals> {
        let mut calcs = Vec::with_capacity(self.calcs.len());
        for calc in &self.calcs {
            calcs.push(CalcLeadTotals {
                value: calc.value + calc.compensation,
                compensation: 0.0,
                currency: if calc.mixed {
                    None
                } else {
                    calc.currency.clone()
                },
                ..calc.clone()
            });
        }
        calcs
    }

    /// All leads counted.
    pub fn leads(&self) -> u64 {
        self.calcs.iter().map(|c| c.leads).sum()
    }

    /// The value of every calculator's leads together, and its currency,
    /// when all valued leads share one currency; `None` otherwise (a sum
    /// of dollars and euros is no figure).
    pub fn overall_value(&self) -> Option<(f64, String)> {
        let mut total: Option<(f64, String)> = None;
        for calc in self.calcs() {
            if calc.valued == 0 {
                continue;
            }
            let currency = calc.currency?;
            total = match total {
                None => Some((calc.value, currency)),
                Some((sum, known)) if known == currency => Some((sum + calc.value, known)),
                Some(_) => return None,
            };
        }
        total
    }

    /// `{leads, value, currency, calcs: [{calc_id, leads, valued, value,
    /// currency}]}`, calcs by calc_id (`value` is 0 for a calculator
    /// without valued leads, `currency` null unless its valued leads share
    /// one); the overall `value` and `currency` are null unless every
    /// valued lead shares one currency.
    pub fn to_node(&self) -> Node {
        let mut items = Vec::with_capacity(self.calcs.len());
        for calc in self.calcs() {
            items.push(Node::Map(vec![
                ("calc_id".into(), Node::Text(calc.calc_id)),
                ("leads".into(), Node::Number(calc.leads as f64)),
                ("valued".into(), Node::Number(calc.valued as f64)),
                ("value".into(), Node::Number(calc.value + 0.0)),
                (
                    "currency".into(),
                    calc.currency.map_or(Node::Null, Node::Text),
                ),
            ]));
        }
        let (value, currency) = match self.overall_value() {
            Some((value, currency)) => (Node::Number(value + 0.0), Node::Text(currency)),
            None => (Node::Null, Node::Null),
        };
        Node::Map(vec![
            ("leads".into(), Node::Number(self.leads() as f64)),
            ("value".into(), value),
            ("currency".into(), currency),
            ("calcs".into(), Node::List(items)),
        ])
    }
}
