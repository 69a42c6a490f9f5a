//! Advice on a model that compiles: things that are not errors, so a model
//! with them loads and runs, but that its author most likely wants to fix
//! before prospects meet it. A separate list from the blocking
//! diagnostics (`ModelDiagnostic`), so a host can show it beside a working
//! model without refusing it.
//!
//! Today one kind: a money input without a maximum, where a visitor can
//! type `1e300` and get results hundreds of digits long. It reads the spec
//! only; it never changes a model and is not linked by the widget.
//!
//! Paths name the input by its id, as diagnostics do (`model::item_names`):
//! `inputs[revenue].max`, keeping the position only when the id is not a
//! valid id or another input has it too (ignoring case), so digits in
//! brackets are always a position and anything else names one input.

use super::diagnostic::{item_path, ModelPath};
use super::fields::is_valid_id;
use super::spec::{InputKind, InputSpec, ModelSpec};
use std::fmt;

/// What a piece of advice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceCode {
    /// A money input (currency, or a number whose unit is money) without
    /// `max`: any amount is accepted.
    UnboundedInput,
}

impl AdviceCode {
    /// The code as a kebab-case string (`unbounded-input`).
    pub fn as_str(self) -> &'static str {
        match self {
            AdviceCode::UnboundedInput => "unbounded-input",
        }
    }
}

/// One piece of advice: a code, the path of the field to change and a
/// sentence for the model's author.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// What it is about.
    pub code: AdviceCode,
    /// Where to change the document (`inputs[revenue].max`; `inputs[3].max`
    /// when the id does not name that input alone).
    pub path: ModelPath,
    /// What to do, in the author's words.
    pub message: String,
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every piece of advice on `spec`, in document order.
pub fn advice(spec: &ModelSpec) -> Vec<Advice> {
    let mut list = Vec::new();
    for (index, input) in spec.inputs.iter().enumerate() {
        let money = match input.kind {
            InputKind::Currency => true,
            InputKind::Number | InputKind::Integer => input
                .unit
                .as_deref()
                .is_some_and(|unit| names_money(unit, &spec.currency)),
            _ => false,
        };
        if money && input.max.is_none() {
            let mut path = item_path("inputs", index);
            if names_one_input(&spec.inputs, &input.id) {
                path.name_item(&input.id);
            }
            list.push(Advice {
                code: AdviceCode::UnboundedInput,
                path: path.key("max"),
                message: format!(
                    "'{}' has no maximum: a visitor can enter any amount (1e300); \
                     give it a max that no real customer exceeds",
                    input.label
                ),
            });
        }
    }
    list
}

/// Whether `id` is a valid id that exactly one of `inputs` has (ignoring
/// case, as formulas read ids): the rule `model::item_names` keeps for
/// diagnostics. A spec's inputs number at most 500, so the scan is bounded.
fn names_one_input(inputs: &[InputSpec], id: &str) -> bool {
    is_valid_id(id)
        && inputs
            .iter()
            .filter(|input| input.id.eq_ignore_ascii_case(id))
            .count()
            == 1
}

/// Whether a unit names money: the model's currency code (any case) or a
/// currency sign.
fn names_money(unit: &str, currency: &str) -> bool {
    let code = unit
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.eq_ignore_ascii_case(currency));
    code || unit.contains(['$', '€', '£', '¥'])
}

#[cfg(test)]
mod tests {
    use super::names_money;

    #[test]
    fn money_units_are_the_currency_code_or_a_sign() {
        assert!(names_money("USD per year", "USD"));
        assert!(names_money("$ / month", "EUR"));
        assert!(names_money("€", "EUR"));
        assert!(!names_money("hours", "USD"));
        assert!(!names_money("users", "USD"));
    }
}
