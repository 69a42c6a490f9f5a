//! The workbook plan: sheets of cells (text, numbers, live formulas with
//! their cached results), number formats, defined names and column widths,
//! as plain data. The `yardstick-xlsx` crate turns a plan into file bytes;
//! this module never writes a file and knows no file format.

/// A whole workbook: its sheets in order and its workbook-wide names.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookPlan {
    /// The document's title (the model's title).
    pub title: String,
    /// The sheets, in tab order.
    pub sheets: Vec<SheetPlan>,
    /// Workbook-scoped defined names (one per input).
    pub names: Vec<DefinedName>,
}

/// One sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    /// The tab's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The cells, in no particular order; at most one per position.
    pub cells: Vec<CellPlan>,
    /// Column widths in characters, by 0-based column.
    pub column_widths: Vec<(u16, f64)>,
}

/// One cell at a 0-based row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct CellPlan {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub column: u16,
    /// What it holds.
    pub content: CellContent,
    /// How it looks.
    pub style: CellStyle,
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum CellContent {
    /// A text constant.
    Text(String),
    /// A number constant.
    Number(f64),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A live formula.
    Formula(FormulaCell),
}

/// A formula cell: Excel formula text (no leading `=`, functions newer than
/// Excel 2007 already carry their `_xlfn.` prefix) and the value Yardstick
/// computed, written as the cached result for viewers that do not
/// recalculate.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaCell {
    /// The formula text, in Excel's en-US syntax.
    pub text: String,
    /// The cached result.
    pub cached: CachedValue,
    /// Entered as a single-cell array formula (`{=...}`), because it
    /// computes over whole rows element by element.
    pub array: bool,
}

/// A formula's cached result.
#[derive(Debug, Clone, PartialEq)]
pub enum CachedValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// An error code such as `#N/A`.
    Error(&'static str),
}

/// How a cell looks: its number format and weight.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellStyle {
    /// An Excel number format code (`#,##0.00`, `0.0%`); `None` is General.
    pub number_format: Option<String>,
    /// Bold (headers, labels of sections).
    pub bold: bool,
}

/// A workbook-scoped defined name for one cell.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinedName {
    /// The name as formulas use it.
    pub name: String,
    /// The sheet the cell is on.
    pub sheet: String,
    /// 0-based row of the cell.
    pub row: u32,
    /// 0-based column of the cell.
    pub column: u16,
}
