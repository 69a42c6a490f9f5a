//! One model formula into Excel formula text: names become defined names
//! or cell references, series become the same period's cell (in a
//! per-period formula) or their row's range (in a scalar one), `period`
//! becomes the period header cell, PREV the previous column, and
//! Yardstick's own functions become plain Excel formulas. Refuses (never
//! guesses) what has no faithful translation.
//!
//! It writes text only; where things are comes from [`Places`], and the
//! helper rows PAYBACK needs are added through the block's `HelperRows`.

use super::cells::{absolute, relative, row_range, sheet_prefix};
use super::error::ExportError;
use super::functions::{self, RangeArguments, Translation};
use super::helpers::HelperRows;
use crate::formula::ast::{BinaryOp, Expr, ExprKind, PostfixOp, UnaryOp};
use crate::formula::value::ErrorKind;
use array_constant::orient_beside_rows;
pub use array_constant::ArrayConstant;
use let_binding::Binding;

/// Excel's limit on one formula's length, in characters.
pub const MAX_FORMULA_CHARS: usize = 8192;

// Array constants and LET are the translator's own parts: child modules,
// so they may read its internals without the two files importing each other.
#[path = "array_constant.rs"]
mod array_constant;
#[path = "let_binding.rs"]
mod let_binding;

/// What a name in a formula refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Input `index`.
    Input(usize),
    /// Calculation `index`.
    Calculation(usize),
    /// Output `index`.
    Output(usize),
}

/// Where one calculation block's things are: the sheet formulas are written
/// on, how each input is referred to, and the cells of the calculations and
/// outputs.
#[derive(Debug, Clone)]
pub struct Places {
    /// The sheet holding the calculations (and the period header).
    pub calculation_sheet: String,
    /// The 0-based row of the period numbers.
    pub period_row: u32,
    /// The column of period 0 (and of scalar calculations' values).
    pub first_column: u16,
    /// Periods 0..=N: N + 1 columns.
    pub series_len: usize,
    /// How formulas refer to each input: a defined name or a reference.
    pub inputs: Vec<String>,
    /// Whether each input may hold text with a wildcard character (`*`,
    /// `?` or `~`: a select with such an option), which MATCH would read
    /// as a pattern.
    pub wildcard_inputs: Vec<bool>,
    /// Each calculation's row on the calculation sheet, and whether it is a series.
    pub calculations: Vec<(u32, bool)>,
    /// Each output's sheet, row and column.
    pub outputs: Vec<(String, u32, u16)>,
    /// Ids (ASCII lower case) to what they name.
    pub names: Vec<(String, Target)>,
}

/// Whether a formula is evaluated once or once per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A scalar calculation or an output: a series name is its whole row.
    Scalar,
    /// A per-period calculation, in period `period` (0-based column offset).
    Period(usize),
}

/// The shape of a translated expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    Scalar,
    /// A row of the workbook (a series, possibly narrowed), or values
    /// computed element by element from rows: the model's one-column series
    /// laid out across the period columns.
    Row,
    /// Another array (a literal such as `{1;2}`), whose orientation is the
    /// model's own; mixing it with a row would transpose one of them.
    Array,
}

/// A translated expression.
#[derive(Debug, Clone)]
pub struct Translated {
    /// Excel formula text.
    pub text: String,
    /// Its shape.
    pub shape: Shape,
    /// Whether the text is a plain cell reference, range or defined name
    /// (what Excel's criteria functions require).
    pub is_reference: bool,
    /// Set when the text is an array constant written as such (a literal
    /// or a constant SEQUENCE).
    pub constant: Option<ArrayConstant>,
}

/// Excel's limit on a text constant inside a formula.
pub(super) const MAX_TEXT_LITERAL_CHARS: usize = 255;

/// Functions that read a whole row as Excel reads a range: a row argument
/// needs no array entry and gives one value.
const READ_ROWS: &[&str] = &[
    "SUM",
    "PRODUCT",
    "MIN",
    "MAX",
    "AVERAGE",
    "COUNT",
    "NPV",
    "IRR",
    "MIRR",
    "XNPV",
    "XIRR",
    "SUMPRODUCT",
    "MEDIAN",
    "STDEV.S",
    "STDEV.P",
    "PERCENTILE.INC",
    "QUARTILE.INC",
    "LARGE",
    "SMALL",
    "CORREL",
    "SUMIF",
    "SUMIFS",
    "COUNTIF",
    "COUNTIFS",
    "AVERAGEIF",
    "MAXIFS",
    "MINIFS",
    "MATCH",
    "CONCAT",
    "TEXTJOIN",
    "AND",
    "OR",
];

/// Translates one formula.
pub struct Translator<'a> {
    /// Where things are.
    pub places: &'a Places,
    /// The sheet the formula is written on.
    pub sheet: &'a str,
    /// The model path of the formula, for errors.
    pub path: &'a str,
    /// Scalar or per-period.
    pub mode: Mode,
    /// Set when the formula must be entered as an array formula.
    pub needs_array: bool,
    /// Helper rows for PAYBACK and DPAYBACK.
    pub helpers: &'a mut HelperRows,
    /// The LET names in scope, innermost last (see `let_binding.rs`).
    pub scope: Vec<Binding>,
}

impl Translator<'_> {
    pub(super) fn refuse(&self, what: impl Into<String>, reason: impl Into<String>) -> ExportError {
        ExportError::Untranslatable {
            path: self.path.to_string(),
            what: what.into(),
            reason: reason.into(),
        }
    }

    fn on_sheet(&self, sheet: &str) -> String {
        if sheet == self.sheet {
            String::new()
        } else {
            sheet_prefix(sheet)
        }
    }

    pub(super) fn target(&self, name: &str) -> Option<Target> {
        let lower = name.to_ascii_lowercase();
        self.places
            .names
            .iter()
            .find(|(id, _)| *id == lower)
            .map(|(_, target)| *target)
    }

    fn column(&self, period: usize) -> u16 {
        let offset = u16::try_from(period).unwrap_or(u16::MAX);
        self.places.first_column.saturating_add(offset)
    }

    /// The whole row of calculation `index`, or part of it (`from..to`
    /// periods), as an absolute range.
    pub fn series_range(&self, row: u32, from: usize, to: usize) -> String {
        format!(
            "{}{}",
            self.on_sheet(&self.places.calculation_sheet),
            row_range(row, self.column(from), self.column(to.saturating_sub(1)))
        )
    }

    /// A translated expression.
    pub fn formula(&mut self, expr: &Expr) -> Result<Translated, ExportError> {
        self.expr(expr)
    }

    fn scalar(text: String) -> Translated {
        Translated {
            text,
            shape: Shape::Scalar,
            is_reference: false,
            constant: None,
        }
    }

    fn reference(text: String, shape: Shape) -> Translated {
        Translated {
            text,
            shape,
            is_reference: true,
            constant: None,
        }
    }

    /// Every node's text is measured as it is made: LET's substitution can
    /// grow a formula exponentially, and what is past Excel's limit is
    /// refused before it grows further.
    fn expr(&mut self, expr: &Expr) -> Result<Translated, ExportError> {
        let translated = self.node(expr)?;
        self.within_length(translated)
    }

    /// `translated`, or the refusal when its text is longer than Excel's
    /// formula limit (every node's text ends up inside the cell's formula).
    pub fn within_length(&self, translated: Translated) -> Result<Translated, ExportError> {
        // Characters are never more than bytes: count only long texts.
        if translated.text.len() > MAX_FORMULA_CHARS {
            let length = translated.text.chars().count();
            if length > MAX_FORMULA_CHARS {
                return Err(ExportError::FormulaTooLong {
                    path: self.path.to_string(),
                    length,
                    limit: MAX_FORMULA_CHARS,
                });
            }
        }
        Ok(translated)
    }

    fn node(&mut self, expr: &Expr) -> Result<Translated, ExportError> {
        match &expr.kind {
            ExprKind::Number(n) => Ok(Self::scalar(number_text(*n))),
            ExprKind::Text(text) => Ok(Self::scalar(text_literal(text))),
            ExprKind::Bool(b) => Ok(Self::scalar(bool_text(*b).to_string())),
            ExprKind::Error(kind) => Ok(Self::scalar(self.error_literal(*kind)?.to_string())),
            ExprKind::Missing => Ok(Self::scalar(String::new())),
            ExprKind::Array(rows) => self.array(rows),
            ExprKind::Name(name) | ExprKind::Variable { name, .. } => self.name(name),
            ExprKind::Group(inner) => {
                let inner = self.expr(inner)?;
                if inner.constant.is_some() {
                    // `({1;2})` is `{1;2}`; bare, it can still turn into a row.
                    return Ok(inner);
                }
                Ok(Translated {
                    text: format!("({})", inner.text),
                    shape: inner.shape,
                    is_reference: false,
                    constant: None,
                })
            }
            ExprKind::Unary { op, operand } => {
                let needs_group = matches!(
                    operand.kind,
                    ExprKind::Binary { .. } | ExprKind::Postfix { .. }
                );
                let inner = self.operand(operand, needs_group)?;
                let sign = match op {
                    UnaryOp::Negate => '-',
                    UnaryOp::Plus => '+',
                };
                self.note_elementwise(&[inner.shape])?;
                Ok(Translated {
                    text: format!("{sign}{}", inner.text),
                    shape: inner.shape,
                    is_reference: false,
                    constant: None,
                })
            }
            ExprKind::Postfix {
                op: PostfixOp::Percent,
                operand,
            } => {
                let needs_group = matches!(operand.kind, ExprKind::Binary { .. });
                let inner = self.operand(operand, needs_group)?;
                self.note_elementwise(&[inner.shape])?;
                Ok(Translated {
                    text: format!("{}%", inner.text),
                    shape: inner.shape,
                    is_reference: false,
                    constant: None,
                })
            }
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right),
            ExprKind::Call { name, args, .. } => self.call(name, args),
        }
    }

    fn operand(&mut self, expr: &Expr, group: bool) -> Result<Translated, ExportError> {
        let inner = self.expr(expr)?;
        if group {
            Ok(Translated {
                text: format!("({})", inner.text),
                ..inner
            })
        } else {
            Ok(inner)
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
    ) -> Result<Translated, ExportError> {
        let precedence = op.precedence();
        let left_group =
            matches!(&left.kind, ExprKind::Binary { op: l, .. } if l.precedence() < precedence);
        let right_group =
            matches!(&right.kind, ExprKind::Binary { op: r, .. } if r.precedence() <= precedence);
        let mut pair = [
            self.operand(left, left_group)?,
            self.operand(right, right_group)?,
        ];
        orient_beside_rows(&mut pair);
        let [left, right] = pair;
        let shape = self.note_elementwise(&[left.shape, right.shape])?;
        Ok(Translated {
            text: format!("{}{}{}", left.text, op.symbol(), right.text),
            shape,
            is_reference: false,
            constant: None,
        })
    }

    /// The shape of an element-by-element operation on `shapes`; a row in
    /// it makes the formula an array formula, and a row meeting another
    /// array is refused (their orientations differ in the workbook).
    fn note_elementwise(&mut self, shapes: &[Shape]) -> Result<Shape, ExportError> {
        let has_row = shapes.contains(&Shape::Row);
        let has_array = shapes.contains(&Shape::Array);
        if has_row && has_array {
            return Err(self.refuse(
                "a series combined with an array constant",
                "cannot be exported: the workbook lays series out across columns, so the constant's orientation would not match",
            ));
        }
        if has_row {
            self.needs_array = true;
            Ok(Shape::Row)
        } else if has_array {
            Ok(Shape::Array)
        } else {
            Ok(Shape::Scalar)
        }
    }

    pub(super) fn error_literal(&self, kind: ErrorKind) -> Result<&'static str, ExportError> {
        if kind == ErrorKind::Syntax {
            return Err(self.refuse("#ERROR!", "has no Excel error literal"));
        }
        Ok(kind.code())
    }

    fn name(&mut self, name: &str) -> Result<Translated, ExportError> {
        // A LET's name hides `period` and the model's names inside the LET.
        if let Some(bound) = self.bound_value(name) {
            return bound;
        }
        if name.eq_ignore_ascii_case("period") {
            return match self.mode {
                Mode::Period(period) => {
                    // The column follows the cell; the row is the header's.
                    let letters = super::cells::column_letters(self.column(period));
                    let prefix = self.on_sheet(&self.places.calculation_sheet);
                    let row = self.places.period_row + 1;
                    Ok(Self::reference(
                        format!("{prefix}{letters}${row}"),
                        Shape::Scalar,
                    ))
                }
                Mode::Scalar => {
                    Err(self.refuse("`period`", "is only defined in a per-period calculation"))
                }
            };
        }
        let target = self.target(name).ok_or_else(|| {
            self.refuse(format!("the name `{name}`"), "names nothing in the model")
        })?;
        match target {
            Target::Input(index) => {
                let text = self.places.inputs.get(index).cloned().unwrap_or_default();
                Ok(Self::reference(text, Shape::Scalar))
            }
            Target::Output(index) => {
                let Some((sheet, row, column)) = self.places.outputs.get(index) else {
                    return Err(self.refuse(format!("`{name}`"), "has no cell"));
                };
                let text = format!("{}{}", self.on_sheet(sheet), absolute(*row, *column));
                Ok(Self::reference(text, Shape::Scalar))
            }
            Target::Calculation(index) => {
                let Some(&(row, is_series)) = self.places.calculations.get(index) else {
                    return Err(self.refuse(format!("`{name}`"), "has no cell"));
                };
                let prefix = self.on_sheet(&self.places.calculation_sheet);
                if !is_series {
                    let text = format!("{prefix}{}", absolute(row, self.places.first_column));
                    return Ok(Self::reference(text, Shape::Scalar));
                }
                match self.mode {
                    Mode::Period(period) => Ok(Self::reference(
                        format!("{prefix}{}", relative(row, self.column(period))),
                        Shape::Scalar,
                    )),
                    Mode::Scalar => Ok(Self::reference(
                        self.series_range(row, 0, self.places.series_len),
                        Shape::Row,
                    )),
                }
            }
        }
    }

    /// The row of the series `expr` names directly, if it does.
    pub fn series_row(&self, expr: &Expr) -> Option<u32> {
        let name = match &expr.kind {
            ExprKind::Name(name) | ExprKind::Variable { name, .. } => name,
            ExprKind::Group(inner) => return self.series_row(inner),
            _ => return None,
        };
        if let Some(binding) = self.binding(name) {
            return binding.series_row;
        }
        match self.target(name)? {
            Target::Calculation(index) => match self.places.calculations.get(index) {
                Some(&(row, true)) => Some(row),
                _ => None,
            },
            _ => None,
        }
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Result<Translated, ExportError> {
        let Some((translation, ranges)) = functions::find(name) else {
            return Err(self.refuse(name, "is not a function Yardstick knows how to export"));
        };
        match translation {
            Translation::NotExportable(reason) => Err(self.refuse(name, reason)),
            Translation::Direct(excel) => self.direct(name, excel, ranges, args),
            // The rewrites are methods in their own file (rewrite.rs).
            Translation::Rewrite => self.rewrite_call(name, args),
        }
    }

    /// Translates the arguments of a call and joins them.
    pub fn arguments(&mut self, args: &[Expr]) -> Result<Vec<Translated>, ExportError> {
        args.iter().map(|arg| self.expr(arg)).collect()
    }

    fn direct(
        &mut self,
        name: &str,
        excel: &str,
        ranges: RangeArguments,
        args: &[Expr],
    ) -> Result<Translated, ExportError> {
        let mut translated = self.arguments(args)?;
        orient_beside_rows(&mut translated);
        for (index, arg) in translated.iter().enumerate() {
            if ranges.requires_range(index) && !arg.is_reference {
                return Err(self.refuse(
                    name,
                    format!("needs a cell range as argument {}, and a computed array is not one in Excel", index + 1),
                ));
            }
        }
        let shapes: Vec<Shape> = translated.iter().map(|t| t.shape).collect();
        let reads_rows = READ_ROWS.contains(&name);
        let shape = if shapes.contains(&Shape::Row) && shapes.contains(&Shape::Array) {
            return Err(self.refuse(
                format!("{name} of a series and an array constant"),
                "cannot be exported: the workbook lays series out across columns, so the constant's orientation would not match",
            ));
        } else if reads_rows {
            Shape::Scalar
        } else {
            self.note_elementwise(&shapes)?
        };
        Ok(Translated {
            text: call_text(excel, &translated),
            shape,
            is_reference: false,
            constant: None,
        })
    }
}

/// `NAME(a,b,c)`.
pub fn call_text(excel: &str, args: &[Translated]) -> String {
    let mut text = String::from(excel);
    text.push('(');
    for (index, arg) in args.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&arg.text);
    }
    text.push(')');
    text
}

pub(super) fn bool_text(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// A number as Excel reads it back exactly.
pub fn number_text(n: f64) -> String {
    let magnitude = n.abs();
    if magnitude != 0.0 && !(1e-6..1e16).contains(&magnitude) {
        crate::number_text::shortest_exp(n)
    } else {
        crate::number_text::shortest(n)
    }
}

pub(super) fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A text constant; longer than Excel's 255 characters per constant, it
/// becomes pieces joined with `&`.
fn text_literal(text: &str) -> String {
    let units: Vec<char> = text.chars().collect();
    if text.encode_utf16().count() <= MAX_TEXT_LITERAL_CHARS {
        return quoted(text);
    }
    // 127 characters are at most 254 UTF-16 units.
    let pieces: Vec<String> = units
        .chunks(127)
        .map(|chunk| quoted(&chunk.iter().collect::<String>()))
        .collect();
    format!("({})", pieces.join("&"))
}
