//! LET in a workbook, by substitution: LibreOffice 7.4 has no LET, so each
//! name is replaced by its value's translation, in parentheses, wherever
//! the LET's later values and its calculation read it. Scoping is the
//! language's (`functions/let_function.rs`): a value sees the names bound
//! before it, the calculation sees them all, the latest binding of a name
//! wins (an inner LET may rebind an outer name), and a LET name hides
//! `period` and the model's names of the same spelling inside the LET.
//!
//! Substitution repeats a value as often as its name is read, so a chain
//! such as `LET(a, x, b, a+a, c, b+b, ...)` doubles at every step: the
//! translator measures every node it makes (`Translator::within_length`)
//! and refuses past Excel's 8,192 characters, so the growth stops there.
//!
//! A value that is never read is absent from the workbook's formula, as it
//! is unused in Yardstick: an error in it shows nowhere in either.

use super::{Mode, Translated, Translator};
use crate::export::error::ExportError;
use crate::formula::ast::{Expr, ExprKind};
use crate::formula::functions::let_function::bound_names;

/// One LET name in scope and the text that replaces it.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The name as written (compared case-insensitively).
    pub name: String,
    /// Its value's translation, parenthesised unless it is a reference or
    /// an array constant (which keep those properties where they are read).
    pub value: Translated,
    /// Whether the value's text needs an array formula.
    pub needs_array: bool,
    /// The row of the series the value names directly, if it does (so
    /// TAKE, DROP and PAYBACK of the name read that series' row).
    pub series_row: Option<u32>,
    /// The sheet the value's references were written for.
    pub sheet: String,
    /// The mode (period) the value was translated in.
    pub mode: Mode,
}

impl Translator<'_> {
    /// The innermost binding of `name`, if a LET in scope binds it.
    pub fn binding(&self, name: &str) -> Option<&Binding> {
        self.scope
            .iter()
            .rev()
            .find(|binding| binding.name.eq_ignore_ascii_case(name))
    }

    /// The text of a LET name where it is read; `None` when no LET in
    /// scope binds `name`.
    pub fn bound_value(&mut self, name: &str) -> Option<Result<Translated, ExportError>> {
        let binding = self.binding(name)?;
        if binding.sheet != self.sheet || binding.mode != self.mode {
            // DPAYBACK's rate goes into helper cells on another sheet.
            return Some(Err(self.untranslatable(
                format!("the LET name `{name}`"),
                "is read where its value's cell references would point elsewhere (inside DPAYBACK's rate); bind the rate outside the LET or write it out",
            )));
        }
        let value = binding.value.clone();
        self.needs_array |= binding.needs_array;
        Some(Ok(value))
    }

    /// LET(name1, value1, ..., calculation): the calculation's translation
    /// with every bound name replaced by its value's.
    pub fn let_call(&mut self, args: &[Expr]) -> Result<Translated, ExportError> {
        let (Some(names), Some((calculation, pairs))) = (bound_names(args), args.split_last())
        else {
            return Err(self.untranslatable(
                "LET",
                "takes pairs of a name and a value, then a calculation (in Yardstick this LET is #VALUE!)",
            ));
        };
        let depth = self.scope.len();
        let result = self.bind_then_translate(&names, pairs, calculation);
        self.scope.truncate(depth);
        result
    }

    fn bind_then_translate(
        &mut self,
        names: &[&str],
        pairs: &[Expr],
        calculation: &Expr,
    ) -> Result<Translated, ExportError> {
        for (name, pair) in names.iter().zip(pairs.chunks(2)) {
            let value_expr = match pair.get(1) {
                Some(expr) if !matches!(expr.kind, ExprKind::Missing) => expr,
                _ => {
                    return Err(self.untranslatable(format!("LET's name `{name}`"), "has no value"))
                }
            };
            // The value's own need for an array formula counts only where
            // the name is read.
            let outer_needs_array = std::mem::replace(&mut self.needs_array, false);
            let value = self.formula(value_expr);
            let needs_array = std::mem::replace(&mut self.needs_array, outer_needs_array);
            let mut value = value?;
            if !value.is_reference && value.constant.is_none() {
                value.text = format!("({})", value.text);
                value = self.within_length(value)?;
            }
            let series_row = self.series_row(value_expr);
            self.scope.push(Binding {
                name: (*name).to_string(),
                value,
                needs_array,
                series_row,
                sheet: self.sheet.to_string(),
                mode: self.mode,
            });
        }
        self.formula(calculation)
    }

    /// A refusal naming this formula's path.
    pub fn untranslatable(
        &self,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) -> ExportError {
        ExportError::Untranslatable {
            path: self.path.to_string(),
            what: what.into(),
            reason: reason.into(),
        }
    }
}
