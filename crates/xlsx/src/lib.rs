//! The Excel export's file writer: a [`WorkbookPlan`] from the core's
//! `export` module into the bytes of an `.xlsx` file, with rust_xlsxwriter.
//! It adds no logic: every formula, value and format comes from the plan.
//! It does no I/O (the bytes are returned) and writes a fixed creation
//! date, so the same plan always gives the same bytes.

use std::collections::HashMap;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};
use yardstick_core::export::{
    plan_workbook, CachedValue, CellContent, CellStyle, ExportError, ExportOptions, WorkbookPlan,
};
use yardstick_core::model::{CompiledModel, InputValue};

/// Why no workbook came out.
#[derive(Debug)]
pub enum XlsxExportError {
    /// The model cannot be exported (the core says which formula and why).
    Export {
        /// The core's refusal.
        source: ExportError,
    },
    /// The file writer failed.
    Write {
        /// rust_xlsxwriter's message.
        message: String,
    },
}

impl std::fmt::Display for XlsxExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxExportError::Export { source } => source.fmt(f),
            XlsxExportError::Write { message } => write!(f, "cannot write the workbook: {message}"),
        }
    }
}

impl std::error::Error for XlsxExportError {}

impl From<XlsxError> for XlsxExportError {
    fn from(error: XlsxError) -> Self {
        XlsxExportError::Write {
            message: error.to_string(),
        }
    }
}

/// The `.xlsx` bytes of `model` with `inputs` (one per input, in order).
pub fn export_xlsx(
    model: &CompiledModel,
    inputs: &[InputValue],
    options: ExportOptions,
) -> Result<Vec<u8>, XlsxExportError> {
    let plan = plan_workbook(model, inputs, options)
        .map_err(|source| XlsxExportError::Export { source })?;
    write_workbook(&plan)
}

/// The `.xlsx` bytes of a plan.
pub fn write_workbook(plan: &WorkbookPlan) -> Result<Vec<u8>, XlsxExportError> {
    let mut workbook = Workbook::new();
    // A fixed date rather than the clock: reproducible bytes, and no clock
    // read on wasm beyond rust_xlsxwriter's own default.
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    let properties = DocProperties::new()
        .set_title(&plan.title)
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let mut formats: HashMap<(Option<String>, bool), Format> = HashMap::new();
    for sheet_plan in &plan.sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&sheet_plan.name)?;
        for (column, width) in &sheet_plan.column_widths {
            sheet.set_column_width(*column, *width)?;
        }
        for cell in &sheet_plan.cells {
            let format = formats
                .entry((cell.style.number_format.clone(), cell.style.bold))
                .or_insert_with(|| format_of(&cell.style));
            let (row, column) = (cell.row, cell.column);
            match &cell.content {
                CellContent::Text(text) => {
                    sheet.write_string_with_format(row, column, text, format)?;
                }
                CellContent::Number(n) => {
                    sheet.write_number_with_format(row, column, *n, format)?;
                }
                CellContent::Bool(b) => {
                    sheet.write_boolean_with_format(row, column, *b, format)?;
                }
                CellContent::Formula(formula) => {
                    // rust_xlsxwriter strips a leading `{` or trailing `}`
                    // (array formula braces); a formula that starts or
                    // ends with an array constant keeps them in parentheses.
                    let text = if formula.text.starts_with('{') || formula.text.ends_with('}') {
                        format!("({})", formula.text)
                    } else {
                        formula.text.clone()
                    };
                    let excel = Formula::new(text).set_result(cached_text(&formula.cached));
                    if formula.array {
                        sheet.write_array_formula_with_format(
                            row, column, row, column, excel, format,
                        )?;
                    } else {
                        sheet.write_formula_with_format(row, column, excel, format)?;
                    }
                }
            }
        }
    }
    for name in &plan.names {
        let reference = format!(
            "='{}'!{}",
            name.sheet.replace('\'', "''"),
            yardstick_core::export::cells::absolute(name.row, name.column)
        );
        workbook.define_name(&name.name, &reference)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn format_of(style: &CellStyle) -> Format {
    let mut format = Format::new();
    if let Some(code) = &style.number_format {
        format = format.set_num_format(code);
    }
    if style.bold {
        format = format.set_bold();
    }
    format
}

/// The cached result as rust_xlsxwriter takes it: numbers in full
/// precision, `TRUE`/`FALSE`, error codes, text.
fn cached_text(value: &CachedValue) -> String {
    match value {
        CachedValue::Number(n) => format!("{n:?}"),
        CachedValue::Text(text) => text.clone(),
        CachedValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        CachedValue::Error(code) => (*code).to_string(),
    }
}
