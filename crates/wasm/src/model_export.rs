//! `Model.exportXlsx`: the Excel export in JavaScript, only in the
//! `export` build (`make pkg-export`, loaded when a user exports). It reads
//! the input set, asks `yardstick-xlsx` for the bytes and hands them over
//! as a `Uint8Array`; the workbook's every formula and value come from the
//! core's `export` module.

use super::error::{display_text, JsError};
use super::model::{inputs_from_js, Model};
use wasm_bindgen::prelude::*;
use yardstick_core::export::ExportOptions;

#[wasm_bindgen]
impl Model {
    /// The `.xlsx` workbook of this model with `inputs` (id → value;
    /// missing ids keep their defaults): live formulas, Yardstick's values
    /// cached. Throws `not-exportable` (with the formula's model path) for
    /// a model whose formulas have no faithful Excel translation,
    /// `invalid-input` or `unknown-id` for bad inputs.
    #[wasm_bindgen(js_name = exportXlsx)]
    pub fn export_xlsx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InputValues | undefined")] inputs: JsValue,
    ) -> Result<Vec<u8>, JsError> {
        let values = inputs_from_js(&self.compiled, &inputs)?;
        yardstick_xlsx::export_xlsx(&self.compiled, &values, ExportOptions::default()).map_err(
            |error| {
                let code = match &error {
                    yardstick_xlsx::XlsxExportError::Export { source } => source.code(),
                    yardstick_xlsx::XlsxExportError::Write { .. } => {
                        yardstick_core::error::ErrorCode::NOT_EXPORTABLE
                    }
                };
                JsError::new(code, &display_text(&error))
            },
        )
    }
}
