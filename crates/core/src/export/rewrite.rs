//! The functions Excel lacks or reads differently, rewritten: PREV as the
//! previous column's cell, TAKE and DROP of a series as a narrowed range
//! (LibreOffice 7.4 has neither), INDEX on a series row with its row and
//! column swapped, ROI and BREAKEVEN as their closed forms with
//! Yardstick's error rules, PAYBACK and DPAYBACK over helper rows; LET,
//! SEQUENCE and XLOOKUP (which LibreOffice 7.4 lacks) in their own files.
//! Anything else of these functions is refused with the reason.

use super::error::ExportError;
use super::translate::{call_text, Mode, Shape, Translated, Translator};
use crate::formula::ast::{Expr, ExprKind, UnaryOp};

impl Translator<'_> {
    /// The rewrite of a call to `name` (upper case).
    pub(super) fn rewrite_call(
        &mut self,
        name: &str,
        args: &[Expr],
    ) -> Result<Translated, ExportError> {
        rewrite(self, name, args)
    }
}

/// The rewrite of a call to `name` (upper case).
fn rewrite(
    translator: &mut Translator<'_>,
    name: &str,
    args: &[Expr],
) -> Result<Translated, ExportError> {
    match name {
        "PREV" => prev(translator, args),
        "LET" => translator.let_call(args),
        "SEQUENCE" => translator.sequence(args),
        "XLOOKUP" => translator.xlookup(args),
        "TAKE" | "DROP" => slice(translator, name, args),
        "INDEX" => index(translator, args),
        "ROI" => {
            let [gain, cost] = scalars(translator, name, args)?;
            // Yardstick: a negative cost is #NUM!; zero divides by zero.
            Ok(scalar(format!("IF({cost}<0,#NUM!,({gain}-{cost})/{cost})")))
        }
        "BREAKEVEN" => {
            let [fixed, price, variable] = scalars(translator, name, args)?;
            Ok(scalar(format!(
                "IF({fixed}<0,#NUM!,IF({price}-{variable}<0,#NUM!,{fixed}/({price}-{variable})))"
            )))
        }
        "PAYBACK" => payback(translator, name, None, args.first()),
        "DPAYBACK" => {
            let rate = match args.first() {
                Some(rate) => rate,
                None => return Err(refuse(translator, name, "needs a rate")),
            };
            payback(translator, name, Some(rate), args.get(1))
        }
        _ => Err(refuse(translator, name, "has no rewrite")),
    }
}

fn refuse(translator: &Translator<'_>, what: &str, reason: &str) -> ExportError {
    ExportError::Untranslatable {
        path: translator.path.to_string(),
        what: what.to_string(),
        reason: reason.to_string(),
    }
}

fn scalar(text: String) -> Translated {
    Translated {
        text,
        shape: Shape::Scalar,
        is_reference: false,
        constant: None,
    }
}

/// `N` scalar arguments, each wrapped in parentheses so they can be
/// repeated inside a larger expression.
fn scalars<const N: usize>(
    translator: &mut Translator<'_>,
    name: &str,
    args: &[Expr],
) -> Result<[String; N], ExportError> {
    if args.len() != N {
        return Err(refuse(
            translator,
            name,
            "has the wrong number of arguments",
        ));
    }
    let translated = translator.arguments(args)?;
    if translated.iter().any(|t| t.shape != Shape::Scalar) {
        return Err(refuse(
            translator,
            name,
            "of a series or an array gives an array, which the export does not write",
        ));
    }
    let texts: Vec<String> = translated
        .into_iter()
        .map(|t| format!("({})", t.text))
        .collect();
    texts
        .try_into()
        .map_err(|_| refuse(translator, name, "has the wrong number of arguments"))
}

fn prev(translator: &mut Translator<'_>, args: &[Expr]) -> Result<Translated, ExportError> {
    let Mode::Period(period) = translator.mode else {
        return Err(refuse(
            translator,
            "PREV",
            "outside a per-period calculation is an error value in Yardstick; the export refuses it",
        ));
    };
    if let Some(ExprKind::Name(name)) = args.first().map(|arg| &arg.kind) {
        if translator.binding(name).is_some() {
            // Yardstick's PREV reads the model's series of that spelling,
            // not the LET's value: too surprising to carry into a workbook.
            return Err(refuse(
                translator,
                "PREV",
                "of a LET name cannot be exported: name the per-period calculation directly",
            ));
        }
    }
    let Some(series) = args
        .first()
        .filter(|arg| translator.series_row(arg).is_some())
    else {
        return Err(refuse(
            translator,
            "PREV",
            "must name a per-period calculation directly, as in PREV(cumulative)",
        ));
    };
    if period == 0 {
        // Period 0: the default, or 0 (an omitted default is 0 as well).
        return match args.get(1) {
            None => Ok(scalar("0".to_string())),
            Some(Expr {
                kind: ExprKind::Missing,
                ..
            }) => Ok(scalar("0".to_string())),
            Some(default) => {
                let value = translator.formula(default)?;
                if value.shape != Shape::Scalar {
                    return Err(refuse(
                        translator,
                        "PREV",
                        "with an array default cannot be exported",
                    ));
                }
                Ok(scalar(format!("({})", value.text)))
            }
        };
    }
    // The series' own reference, one column to the left.
    let saved = translator.mode;
    translator.mode = Mode::Period(period - 1);
    let previous = translator.formula(series);
    translator.mode = saved;
    previous
}

/// An integer count written as a constant (`1`, `-2`, `(3)`).
fn constant_count(expr: &Expr) -> Option<i64> {
    match &expr.kind {
        ExprKind::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => Some(*n as i64),
        ExprKind::Group(inner) => constant_count(inner),
        ExprKind::Unary {
            op: UnaryOp::Negate,
            operand,
        } => constant_count(operand).map(|n| -n),
        ExprKind::Unary {
            op: UnaryOp::Plus,
            operand,
        } => constant_count(operand),
        _ => None,
    }
}

fn slice(
    translator: &mut Translator<'_>,
    name: &str,
    args: &[Expr],
) -> Result<Translated, ExportError> {
    if translator.mode != Mode::Scalar {
        return Err(refuse(
            translator,
            name,
            "in a per-period calculation cannot be exported",
        ));
    }
    let row = args.first().and_then(|arg| translator.series_row(arg));
    let count = args.get(1).and_then(constant_count);
    let (Some(row), Some(count), 2) = (row, count, args.len()) else {
        return Err(refuse(
            translator,
            name,
            "is exported only on a series named directly with a constant count of periods, as in DROP(net_cash_flow, 1) (LibreOffice 7.4 has no TAKE or DROP, so it becomes a range)",
        ));
    };
    let length = translator.places.series_len as i64;
    let magnitude = count.abs().min(length);
    // Periods kept: from..to.
    let (from, to) = match (name == "TAKE", count >= 0) {
        (true, true) => (0, magnitude),
        (true, false) => (length - magnitude, length),
        (false, true) => (magnitude, length),
        (false, false) => (0, length - magnitude),
    };
    if from >= to {
        return Err(refuse(
            translator,
            name,
            "leaves no period, which is an error value in Yardstick; the export refuses it",
        ));
    }
    let text = translator.series_range(row, from as usize, to as usize);
    Ok(Translated {
        text,
        shape: Shape::Row,
        is_reference: true,
        constant: None,
    })
}

fn index(translator: &mut Translator<'_>, args: &[Expr]) -> Result<Translated, ExportError> {
    let translated = translator.arguments(args)?;
    let Some(array) = translated.first() else {
        return Err(refuse(translator, "INDEX", "needs an array"));
    };
    if translated.iter().skip(1).any(|t| t.shape != Shape::Scalar) {
        return Err(refuse(
            translator,
            "INDEX",
            "with an array of positions cannot be exported",
        ));
    }
    if array.shape != Shape::Row {
        return Ok(scalar(call_text("INDEX", &translated)));
    }
    // A series is one column in the model and one row in the workbook: the
    // model's row number is the workbook's column number.
    let text = match translated.as_slice() {
        [array, row] => format!("INDEX({},{})", array.text, row.text),
        [array, row, column] => format!("INDEX({},{},{})", array.text, column.text, row.text),
        _ => {
            return Err(refuse(
                translator,
                "INDEX",
                "has the wrong number of arguments",
            ))
        }
    };
    Ok(scalar(text))
}

fn payback(
    translator: &mut Translator<'_>,
    name: &str,
    rate: Option<&Expr>,
    values: Option<&Expr>,
) -> Result<Translated, ExportError> {
    let row = values.and_then(|v| translator.series_row(v));
    let (Some(row), Mode::Scalar) = (row, translator.mode) else {
        return Err(refuse(
            translator,
            name,
            "is exported only on a series named directly, in a scalar formula, as in PAYBACK(net_cash_flow)",
        ));
    };
    let series_id = match values.map(|v| &v.kind) {
        Some(ExprKind::Name(id)) | Some(ExprKind::Variable { name: id, .. }) => id.clone(),
        _ => String::from("series"),
    };
    // The rate goes into helper cells on the calculation sheet: translated
    // as if written on no sheet, so every reference names its sheet.
    let rate_text = match rate {
        Some(rate) => {
            let mut rate_translator = Translator {
                places: translator.places,
                sheet: "",
                path: translator.path,
                mode: Mode::Scalar,
                needs_array: false,
                helpers: &mut *translator.helpers,
                // Read here, a LET name is refused (its text was written
                // for the output's sheet).
                scope: translator.scope.clone(),
            };
            let translated = rate_translator.formula(rate)?;
            if translated.shape != Shape::Scalar {
                return Err(refuse(
                    translator,
                    name,
                    "with a rate that is not one value cannot be exported",
                ));
            }
            Some(format!("({})", translated.text))
        }
        None => None,
    };
    let (total_row, time_row) =
        translator
            .helpers
            .payback_rows(row, &series_id, rate_text.as_deref());
    let length = translator.places.series_len;
    let flows = translator.series_range(row, 0, length);
    let totals = translator.series_range(total_row, 0, length);
    let times = translator.series_range(time_row, 0, length);
    // An error among the flows is the answer; a total never negative pays
    // back at 0; one that never recovers is #N/A, as in Yardstick.
    let recovered =
        format!("IF(COUNTIF({totals},\"<0\")=0,0,IF(COUNT({times})=0,NA(),MIN({times})))");
    let checked = match &rate_text {
        Some(rate) => format!("IF({rate}<=-1,#NUM!,{recovered})"),
        None => recovered,
    };
    Ok(scalar(format!(
        "IF(ISERROR(SUM({flows})),SUM({flows}),{checked})"
    )))
}
