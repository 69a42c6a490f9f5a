//! SEQUENCE and XLOOKUP in a workbook that LibreOffice 7.4 (which has
//! neither) and Excel both read.
//!
//! SEQUENCE with constant arguments becomes the array constant Yardstick
//! computes (`SEQUENCE(3)` is `{1;2;3}`, a column, as in the model); with
//! an argument that reads a name it is refused, since the workbook could
//! not follow a change of that name.
//!
//! XLOOKUP becomes `INDEX(return_array, MATCH(key, lookup_array, 0))`,
//! with `IF(ISNA(MATCH(...)), if_not_found, INDEX(...))` when
//! if_not_found is given: only a value not found gives if_not_found, while
//! an error inside return_array still shows (IFERROR would hide it). A
//! key that may be an error is checked first (`IF(ISERROR(key), key, ...)`),
//! since Yardstick answers with the key's error where MATCH's #N/A would
//! read as not found.
//!
//! Wildcards: XLOOKUP's exact mode reads `*`, `?` and `~` as characters,
//! MATCH's exact mode as a pattern, in Excel always and in LibreOffice 7.4
//! only over a range (over an array constant or a computed array it
//! compares plainly). A key that cannot hold them (a number, an input
//! other than a select with such an option, text without them) goes to
//! MATCH as it is; over a range, any other key is escaped with `~`; over
//! an array it is compared with `=` instead (`MATCH(TRUE, array=(key), 0)`,
//! an array formula), which neither reads as a pattern. Wildcard mode (2)
//! is MATCH's own pattern match, so only over a range.
//!
//! Yardstick searches modes 2 and -2 linearly from the first element,
//! which for an exact match is MATCH's first match; the nearest-value
//! modes (-1, 1) and the last-to-first search (-1) are refused.

use super::error::ExportError;
use super::translate::{Shape, Target, Translated, Translator};
use crate::formula::ast::{ArrayElement, BinaryOp, Expr, ExprKind, UnaryOp};
use crate::formula::eval::Evaluator;
use crate::formula::names::NoNames;
use crate::formula::value::Value;

/// Most elements of a SEQUENCE written as an array constant (far past
/// what fits Excel's 8,192-character formula, which is checked as well).
pub const MAX_SEQUENCE_ELEMENTS: usize = 10_000;

impl Translator<'_> {
    /// `SEQUENCE(rows, [columns], [start], [step])` with constant arguments:
    /// Yardstick's own result, written as an array constant.
    pub fn sequence(&mut self, args: &[Expr]) -> Result<Translated, ExportError> {
        if let Some(name) = args.iter().find_map(first_name) {
            return Err(self.untranslatable(
                "SEQUENCE",
                format!(
                    "is exported only with constant arguments, as an array constant (LibreOffice 7.4 has no SEQUENCE); this one reads `{name}`, which the constant could not follow"
                ),
            ));
        }
        let call = Expr::new(
            ExprKind::Call {
                name: "SEQUENCE".to_string(),
                function: crate::formula::functions::find_id("SEQUENCE"),
                args: args.to_vec(),
            },
            Default::default(),
        );
        // Constant arguments: the value is the same at every input set.
        let array = match Evaluator::new(&NoNames).eval(&call) {
            Value::Array(array) => array,
            Value::Error(error) => {
                return Err(self.untranslatable(
                    "SEQUENCE",
                    format!(
                        "here is an error value in Yardstick ({}); the export refuses it",
                        error.message
                    ),
                ))
            }
            other => {
                return Err(self.untranslatable(
                    "SEQUENCE",
                    format!("gave a {} where an array was expected", other.type_name()),
                ))
            }
        };
        let count = array.values().len();
        if count > MAX_SEQUENCE_ELEMENTS {
            return Err(self.untranslatable(
                "SEQUENCE",
                format!("of {count} elements is past the {MAX_SEQUENCE_ELEMENTS} the export writes as an array constant"),
            ));
        }
        let mut rows = Vec::with_capacity(array.rows());
        for line in array.row_slices() {
            let mut row = Vec::with_capacity(line.len());
            for value in line {
                row.push(match value {
                    Value::Number(n) => ArrayElement::Number(*n),
                    Value::Error(error) => ArrayElement::Error(error.kind),
                    other => {
                        return Err(self.untranslatable(
                            "SEQUENCE",
                            format!("gave a {} element", other.type_name()),
                        ))
                    }
                });
            }
            rows.push(row);
        }
        self.array(&rows)
    }

    /// `XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found],
    /// [match_mode], [search_mode])` as INDEX and MATCH.
    pub fn xlookup(&mut self, args: &[Expr]) -> Result<Translated, ExportError> {
        let match_mode = self.constant_mode(args.get(4), 0, "match_mode")?;
        let search_mode = self.constant_mode(args.get(5), 1, "search_mode")?;
        let wildcards = match match_mode {
            0 => false,
            2 => true,
            -1 | 1 => {
                return Err(self.untranslatable(
                    format!("XLOOKUP with match_mode {match_mode}"),
                    "(exact match or the next smaller or larger) finds the nearest value in unsorted data in Yardstick, which no formula of LibreOffice 7.4 does alike; use match_mode 0 or 2",
                ))
            }
            other => return Err(self.error_mode("match_mode", other, "0, -1, 1 or 2")),
        };
        match search_mode {
            1 | 2 | -2 => {}
            -1 => {
                return Err(self.untranslatable(
                    "XLOOKUP with search_mode -1",
                    "(last to first) has no formula in LibreOffice 7.4 that finds the last match as Yardstick does; use search_mode 1",
                ))
            }
            other => return Err(self.error_mode("search_mode", other, "1, -1, 2 or -2")),
        }
        let (Some(key), Some(lookup_array), Some(return_array)) =
            (args.first(), args.get(1), args.get(2))
        else {
            return Err(self.untranslatable("XLOOKUP", "has the wrong number of arguments"));
        };
        let (key_text, plain_key) = match &key.kind {
            // An omitted lookup_value is 0 in Yardstick.
            ExprKind::Missing => ("0".to_string(), true),
            _ => {
                let translated = self.formula(key)?;
                if translated.shape != Shape::Scalar {
                    return Err(self.untranslatable(
                        "XLOOKUP",
                        "of an array of lookup values cannot be exported (Yardstick reads only its first element)",
                    ));
                }
                (translated.text, self.cannot_hold_wildcards(key))
            }
        };
        let lookup_array = self.formula(lookup_array)?;
        let return_array = self.formula(return_array)?;
        for (what, array) in [
            ("lookup_array", &lookup_array),
            ("return_array", &return_array),
        ] {
            if array
                .constant
                .as_ref()
                .is_some_and(|c| c.rows > 1 && c.columns > 1)
            {
                return Err(self.untranslatable(
                    "XLOOKUP",
                    format!("with a {what} of several rows and columns cannot be exported"),
                ));
            }
        }
        // MATCH's exact mode applies wildcards in Excel, and in LibreOffice
        // 7.4 over a range only (not over an array constant or a computed
        // array): a key that may hold `*`, `?` or `~` needs care.
        let (position, guard_error) = match (plain_key, lookup_array.is_reference, wildcards) {
            (true, _, _) | (false, true, true) => {
                (format!("MATCH({key_text},{},0)", lookup_array.text), false)
            }
            (false, true, false) => (
                format!("MATCH({},{},0)", escaped_key(&key_text), lookup_array.text),
                false,
            ),
            (false, false, false) => {
                // Plain equality, no wildcards anywhere: an array formula.
                self.needs_array = true;
                let array = parenthesised(&lookup_array);
                (format!("MATCH(TRUE,{array}=({key_text}),0)"), true)
            }
            (false, false, true) => {
                return Err(self.untranslatable(
                    "XLOOKUP with match_mode 2",
                    "over an array constant or a computed array cannot be exported: LibreOffice 7.4 applies wildcards only when it looks up in a range; look up in a calculation instead",
                ))
            }
        };
        let found = format!("INDEX({},{position})", return_array.text);
        let if_not_found = args.get(3).filter(|e| !matches!(e.kind, ExprKind::Missing));
        // With if_not_found, a key that is #N/A would read as not found.
        let key_is_literal = constant_number(key).is_some()
            || matches!(
                key.kind,
                ExprKind::Missing | ExprKind::Text(_) | ExprKind::Bool(_)
            );
        let guard_error = guard_error || (if_not_found.is_some() && !key_is_literal);
        let mut text = match if_not_found {
            None => found,
            Some(if_not_found) => {
                let if_not_found = self.formula(if_not_found)?;
                if if_not_found.shape != Shape::Scalar {
                    return Err(self.untranslatable(
                        "XLOOKUP",
                        "with an array as if_not_found cannot be exported",
                    ));
                }
                format!("IF(ISNA({position}),{},{found})", if_not_found.text)
            }
        };
        if guard_error {
            // An error key is the answer in Yardstick; compared element by
            // element, or #N/A beside if_not_found, it would read as a
            // value not found.
            text = format!("IF(ISERROR({key_text}),{key_text},{text})");
        }
        self.within_length(Translated {
            text,
            shape: Shape::Scalar,
            is_reference: false,
            constant: None,
        })
    }

    /// A mode argument: `default` when omitted, else a number written in
    /// the formula, truncated as Yardstick truncates it.
    fn constant_mode(
        &self,
        arg: Option<&Expr>,
        default: i64,
        what: &str,
    ) -> Result<i64, ExportError> {
        match arg {
            None => Ok(default),
            Some(expr) if matches!(expr.kind, ExprKind::Missing) => Ok(default),
            Some(expr) => constant_number(expr)
                .filter(|n| n.abs() < 1e9)
                .map(|n| n.trunc() as i64)
                .ok_or_else(|| {
                    self.untranslatable(
                        "XLOOKUP",
                        format!("is exported only with its {what} written as a number"),
                    )
                }),
        }
    }

    fn error_mode(&self, what: &str, mode: i64, allowed: &str) -> ExportError {
        self.untranslatable(
            format!("XLOOKUP with {what} {mode}"),
            format!(
                "is an error value in Yardstick ({what} must be {allowed}); the export refuses it"
            ),
        )
    }

    /// Whether `expr` is surely not text with a wildcard character: a
    /// number, an arithmetic result, a comparison, `period`, an input
    /// other than a select with such an option, or text without `*`, `?`
    /// or `~`.
    fn cannot_hold_wildcards(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Number(_) | ExprKind::Bool(_) | ExprKind::Error(_) => true,
            ExprKind::Text(text) => !text.contains(['*', '?', '~']),
            ExprKind::Group(inner) => self.cannot_hold_wildcards(inner),
            ExprKind::Unary { .. } | ExprKind::Postfix { .. } => true,
            ExprKind::Binary { op, .. } => *op != BinaryOp::Concat,
            ExprKind::Name(name) | ExprKind::Variable { name, .. } => {
                if self.binding(name).is_some() {
                    return false;
                }
                if name.eq_ignore_ascii_case("period") {
                    return true;
                }
                match self.target(name) {
                    Some(Target::Input(index)) => {
                        self.places.wildcard_inputs.get(index) == Some(&false)
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

/// `key` with MATCH's wildcards escaped when it is text:
/// `IF(ISTEXT(k),SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(k,"~","~~"),"*","~*"),"?","~?"),k)`.
fn escaped_key(key: &str) -> String {
    format!(
        "IF(ISTEXT({key}),SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({key},\"~\",\"~~\"),\"*\",\"~*\"),\"?\",\"~?\"),{key})"
    )
}

/// A reference or a constant as it is; anything else in parentheses.
fn parenthesised(translated: &Translated) -> String {
    if translated.is_reference || translated.constant.is_some() {
        translated.text.clone()
    } else {
        format!("({})", translated.text)
    }
}

/// A number written as a constant: `2`, `-1`, `(+2)`.
fn constant_number(expr: &Expr) -> Option<f64> {
    match &expr.kind {
        ExprKind::Number(n) => Some(*n),
        ExprKind::Group(inner) => constant_number(inner),
        ExprKind::Unary { op, operand } => {
            let n = constant_number(operand)?;
            Some(match op {
                UnaryOp::Negate => -n,
                UnaryOp::Plus => n,
            })
        }
        _ => None,
    }
}

/// The first name `expr` reads, if any.
fn first_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(name) | ExprKind::Variable { name, .. } => Some(name.clone()),
        ExprKind::Call { args, .. } => args.iter().find_map(first_name),
        ExprKind::Unary { operand, .. }
        | ExprKind::Postfix { operand, .. }
        | ExprKind::Group(operand) => first_name(operand),
        ExprKind::Binary { left, right, .. } => first_name(left).or_else(|| first_name(right)),
        _ => None,
    }
}
