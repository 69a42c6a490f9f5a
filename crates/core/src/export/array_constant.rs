//! Array constants in a workbook: a literal such as `{1;2}` or a constant
//! SEQUENCE's values, written row by row (rows separated by `;`, columns
//! by `,`, as the file format reads them), with what is known of their
//! shape. The model's arrays are columns where the workbook's series are
//! rows, so a one-column constant that meets a series is written as a row
//! (`SUMPRODUCT(flow, {1;2;3})` pairs the same elements as in the model).

use super::{
    bool_text, number_text, quoted, Shape, Translated, Translator, MAX_TEXT_LITERAL_CHARS,
};
use crate::export::error::ExportError;
use crate::formula::ast::ArrayElement;

/// What is known of an array constant's text.
#[derive(Debug, Clone)]
pub struct ArrayConstant {
    /// Its rows in the model.
    pub rows: usize,
    /// Its columns in the model.
    pub columns: usize,
    /// For a one-column constant, the same values as one row
    /// (`{1,2,3}` for `{1;2;3}`): how it is written beside a series, which
    /// the workbook lays out as a row.
    pub as_row: Option<String>,
}

impl Translator<'_> {
    /// An array constant, row by row. Also used for a constant SEQUENCE.
    pub fn array(&mut self, rows: &[Vec<ArrayElement>]) -> Result<Translated, ExportError> {
        let mut texts: Vec<String> = Vec::new();
        for row in rows {
            for element in row {
                texts.push(match element {
                    ArrayElement::Number(n) => number_text(*n),
                    ArrayElement::Text(t) => {
                        if t.encode_utf16().count() > MAX_TEXT_LITERAL_CHARS {
                            return Err(self.refuse(
                                "a text constant in an array",
                                "is longer than the 255 characters Excel allows there",
                            ));
                        }
                        quoted(t)
                    }
                    ArrayElement::Bool(b) => bool_text(*b).to_string(),
                    ArrayElement::Error(kind) => self.error_literal(*kind)?.to_string(),
                });
            }
        }
        let row_count = rows.len();
        let column_count = rows.first().map_or(0, Vec::len);
        // Rows separated by `;`, columns by `,`, as Excel's file format reads them.
        let text = if column_count == 0 {
            String::from("{}")
        } else {
            let lines: Vec<String> = texts
                .chunks(column_count)
                .map(|line| line.join(","))
                .collect();
            format!("{{{}}}", lines.join(";"))
        };
        let single = row_count == 1 && column_count == 1;
        let as_row =
            (column_count == 1 && row_count > 1).then(|| format!("{{{}}}", texts.join(",")));
        Ok(Translated {
            text,
            shape: if single { Shape::Scalar } else { Shape::Array },
            is_reference: false,
            constant: Some(ArrayConstant {
                rows: row_count,
                columns: column_count,
                as_row,
            }),
        })
    }
}

/// Where a series (a row in the workbook) meets a one-column array
/// constant (a column in the model, as the series is), the constant is
/// written as a row too, so both keep the model's element order.
pub fn orient_beside_rows(items: &mut [Translated]) {
    if !items.iter().any(|item| item.shape == Shape::Row) {
        return;
    }
    for item in items.iter_mut() {
        let as_row = item.constant.as_ref().and_then(|c| c.as_row.clone());
        if let (Shape::Array, Some(as_row)) = (item.shape, as_row) {
            item.text = as_row;
            item.shape = Shape::Row;
            item.constant = None;
        }
    }
}
