//! The Excel export's translation: a compiled model and a set of input
//! values into a [`WorkbookPlan`] of sheets, live formulas (with
//! Yardstick's values cached), number formats and defined names, which the
//! `yardstick-xlsx` crate writes as an `.xlsx` file. Opened and
//! recalculated in Excel or LibreOffice, every output and series equals
//! Yardstick's. Pure: no I/O, no clock, no file format here; a model
//! whose formulas have no faithful translation is refused with the model
//! path and the reason (docs/xlsx-export.md).

pub mod cells;
pub mod error;
pub mod functions;
mod helpers;
mod lookup_sequence;
pub mod plan;
mod rewrite;
pub mod translate;
mod workbook;

pub use error::ExportError;
pub use plan::{
    CachedValue, CellContent, CellPlan, CellStyle, DefinedName, FormulaCell, SheetPlan,
    WorkbookPlan,
};
pub use translate::MAX_FORMULA_CHARS;
pub use workbook::{plan_workbook, ExportOptions, MAX_FORMULA_CELLS};

#[cfg(test)]
#[path = "export_test.rs"]
mod tests;
