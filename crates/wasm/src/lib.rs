//! The JavaScript surface: the only module that knows wasm-bindgen.
//!
//! It converts between the core's Rust types and plain JavaScript objects
//! (see [`dto`]) and declares their TypeScript types, so the generated
//! `.d.ts` names precise types and never `any`. It holds no business logic.

#[cfg(feature = "model")]
mod document;
// The page snippet's build (no `model`) uses only its object helpers.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
mod dto;
#[cfg(feature = "tracker")]
mod engagement;
#[cfg(feature = "page")]
mod engagement_page;
mod error;
mod js;
#[cfg(feature = "model")]
mod model;
#[cfg(feature = "workbench")]
mod model_analysis;
#[cfg(feature = "export")]
mod model_export;
#[cfg(feature = "model")]
mod model_view;
#[cfg(feature = "workbench")]
mod model_workbench;
#[cfg(feature = "risk")]
mod monte_carlo;
#[cfg(feature = "workbench")]
mod scoring;
#[cfg(feature = "success")]
mod success;
#[cfg(feature = "success")]
mod success_account;
#[cfg(feature = "success")]
mod success_cases;
#[cfg(feature = "success")]
mod success_dto;
#[cfg(feature = "success")]
mod success_evidence;
#[cfg(feature = "success")]
mod success_execute;
#[cfg(feature = "success")]
mod success_json;
#[cfg(feature = "success")]
mod success_node;
#[cfg(feature = "success")]
mod success_portfolio;
#[cfg(feature = "success")]
mod success_proof;
#[cfg(feature = "success")]
mod success_snapshots;
#[cfg(feature = "success")]
mod success_source;
#[cfg(feature = "success")]
mod success_team;
#[cfg(feature = "success")]
mod success_text;

#[cfg(feature = "tracker")]
pub use engagement::{page_consent, Fact, Tracker};
pub use error::JsError;
#[cfg(feature = "model")]
pub use model::Model;
#[cfg(feature = "risk")]
pub use monte_carlo::MonteCarloRun;
#[cfg(feature = "workbench")]
pub use scoring::Scorecard;
#[cfg(feature = "success")]
pub use success::SuccessPortfolio;

use wasm_bindgen::prelude::*;
#[cfg(feature = "workbench")]
use yardstick_core::finance;
#[cfg(feature = "workbench")]
use yardstick_core::formula;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r##"
/** An Excel error value, with why it arose. `#ERROR!` means the formula does not parse. */
export interface FormulaError {
  error: "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!" | "#ERROR!";
  message: string;
}
/** A formula result: a number, text, a boolean, an error, or an array given as rows of values. */
export type FormulaValue = number | string | boolean | FormulaError | FormulaValue[][];
/** A problem in the formula. `start`/`end` are UTF-16 offsets into the formula as passed. */
export interface FormulaDiagnostic {
  code: string;
  message: string;
  start: number;
  end: number;
  /** 1-based line and column of `start`, in characters. */
  line: number;
  column: number;
}
/** The value of a formula and every problem found in it. */
export interface EvaluateResult {
  value: FormulaValue;
  diagnostics: FormulaDiagnostic[];
}
/** A supported function, for autocomplete and help. */
/** A model document (`yardstick/model@1`, see docs/model-format.md), as JSON.parse gives it. */
export type ModelDocument = { schema: "yardstick/model@1"; [field: string]: unknown };
/** An input's value: a number (dates as Excel serials or ISO text), text for selects, a boolean for toggles. */
export type InputValue = number | string | boolean;
export type InputValues = Record<string, InputValue>;
/** A problem in a model; `start`/`end` are UTF-16 offsets inside the formula at `path`. */
export interface ModelDiagnostic { code: string; message: string; path: string; start?: number; end?: number }
/** The stable code of every Error Yardstick throws (docs/errors.md). */
export type ErrorCode =
  | "invalid-argument" | "invalid-model" | "unknown-id" | "invalid-input"
  | "invalid-option" | "too-much-work" | "invalid-distribution" | "trials-out-of-range"
  | "bins-out-of-range" | "too-many-variables" | "output-count-out-of-range"
  | "too-many-results" | "invalid-scorecard" | "missing-values" | "nothing-to-score"
  | "invalid-as-of" | "too-many-projects" | "invalid-seed" | "invalid-time-origin"
  | "option-out-of-range" | "idle-timeout-out-of-range" | "invalid-id"
  | "unknown-instance" | "time-out-of-range" | "time-went-backwards"
  | "ratio-out-of-range" | "too-many-instances" | "unknown-clock-instance"
  | "not-exportable" | "not-enough-evidence" | "invalid-success-data"
  | "invalid-success-settings";
/** An Error thrown by a Yardstick call: branch on `code`, show `message`. */
export interface YardstickError extends Error { code: ErrorCode }
/** The Error `Model.compile` throws for an invalid model. */
export interface InvalidModelError extends YardstickError { code: "invalid-model"; diagnostics: ModelDiagnostic[] }
export interface ModelEvaluation {
  inputs: InputValues;
  outputs: Record<string, FormulaValue>;
  /** Every per-period calculation: one value per period, 0 to N. */
  series: Record<string, FormulaValue[]>;
  /** The ids of the inputs that do not apply now (their `appliesWhen` toggle is off). */
  inapplicable: string[];
}
/** What `applyScenario` gives: every input's value (dates as ISO text, as in the layout), the outputs that changed, and every series. */
export interface AppliedScenario {
  inputs: InputValues;
  outputs: Record<string, FormulaValue>;
  series: Record<string, FormulaValue[]>;
  /** The ids of the inputs that do not apply now (their `appliesWhen` toggle is off). */
  inapplicable: string[];
}
export interface ScenarioColumn { id: string; label: string; outputs: Record<string, FormulaValue> }
export interface SensitivityOptions { output: string; percentChange?: number; useUncertainty?: boolean }
export interface SensitivityRow { input: string; low: number; high: number; outputAtLow: number | null; outputAtHigh: number | null; swing: number }
export interface SensitivityResult { output: string; base: number; rows: SensitivityRow[] }
export interface GoalSeekOptions { input: string; output: string; target: number; low?: number; high?: number; tolerance?: number }
export type GoalSeekResult =
  | { found: true; inputValue: number; outputValue: number; evaluations: number }
  | { found: false; message: string; lowestOutput: number | null; highestOutput: number | null; closestOutput: number | null };
export interface BreakEven { period: number | null; months: number | null }
export interface Receipt { modelId: string; modelVersion: string; hash: string; inputs: InputValues; outputs: Record<string, FormulaValue> }
export interface BusinessCaseScorecardOptions { hurdleRate?: number; irrFullPointsAboveHurdle?: number; paybackLimitMonths?: number }
/** Values to score, each an object of id → number: model outputs, model inputs, and values supplied by hand. */
export interface ScoreValues { outputs?: Record<string, number>; inputs?: Record<string, number>; supplied?: Record<string, number> }
/** One measure's part of a score: its label, where its value comes from (an output, an input or a value supplied by hand, by id), whether it is a gate, and its points and contribution. */
export interface MeasureScore {
    id: string; label: string; source: "output" | "input" | "supplied"; sourceId: string; gate: boolean;
    value: number | null; points: number; weightShare: number; contribution: number; status: "scored" | "missing" | "excluded";
}
export interface ScoreResult {
  scorecard: string;
  /** 0 to 100; the sum of the measures' contributions. */
  score: number;
  grade: string;
  verdict: "positive" | "marginal" | "negative";
  failedGates: string[];
  highLevelCasePositive: boolean;
  detailedCasePositive: boolean;
  measures: MeasureScore[];
}
/** The name the caret is typing (`nameAt`): UTF-16 offsets of the whole name and the text typed before the caret. */
export interface NameAt { start: number; end: number; prefix: string }
/** The call the caret is in (`callAt`); `activeParameter` indexes `parameters`, null past a fixed list. */
export interface CallAt {
  name: string;
  argumentIndex: number;
  /** As shown to people: `[fv]` is optional, and a `...` entry says that the parameter before it repeats. */
  parameters: string[];
  activeParameter: number | null;
}
export interface FunctionInfo {
  name: string;
  category: "financial" | "math" | "statistical" | "logical" | "date" | "text" | "lookup" | "model";
  signature: string;
  minArgs: number;
  maxArgs: number;
}
"##;

/// The heap allocator in the browser: talc instead of the default dlmalloc,
/// smaller in the module and faster for the engine's many small
/// allocations (measured in bench/models.mjs). Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Installs a panic hook that logs to the console in debug builds; release
/// builds abort on panic, and no panic should be reachable anyway.
#[cfg(all(target_arch = "wasm32", debug_assertions))]
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Reads a number a visitor typed into a field, in the notation of a locale
/// whose decimal mark is a comma (`decimalComma`) or a point: `1.234,5`,
/// `$1,200`, `12 %` (percentages are not scaled). Throws `invalid-input`
/// with a message for the visitor when the text is empty, not one number,
/// or has more than 15 significant digits (core `typed_number`).
#[cfg(feature = "model")]
#[wasm_bindgen(js_name = readTypedNumber)]
pub fn read_typed_number(text: &str, decimal_comma: bool) -> Result<f64, JsError> {
    yardstick_core::typed_number::read_typed_number(text, decimal_comma).map_err(|refusal| {
        JsError::displayed(yardstick_core::error::ErrorCode::INVALID_INPUT, &refusal)
    })
}

/// Evaluates an Excel-style formula (a leading `=` is optional) and returns
/// its value with every diagnostic. Never throws for any input string.
#[cfg(feature = "workbench")]
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(formula: &str) -> JsValue {
    let evaluation = formula::evaluate(formula);
    dto::evaluation_to_js(formula, &evaluation)
}

/// A formula parsed once, to evaluate many times without re-parsing: the
/// fast path for pages and benchmarks that re-run the same text, and, with
/// parameters, for one formula over many rows of arguments in one call.
#[cfg(feature = "workbench")]
#[wasm_bindgen]
pub struct Formula {
    source: String,
    compiled: formula::CompiledFormula,
    /// The parameter names, in row column order.
    parameters: Vec<String>,
    /// The direct kernel call when the formula is one financial function
    /// of parameters and number literals.
    numeric: Option<formula::functions::financial::NumericCall>,
    /// The JavaScript values of the kernel errors `evaluateRows` met, made
    /// once and shared by every row and call that meets the same error.
    errors: std::cell::RefCell<Vec<(finance::FinanceError, JsValue)>>,
}

/// The most distinct kernel errors a [`Formula`] keeps the values of.
#[cfg(feature = "workbench")]
const KEPT_ERRORS: usize = 32;

/// A row of parameter values as the names a formula reads.
#[cfg(feature = "workbench")]
struct RowNames<'a> {
    parameters: &'a [String],
    row: &'a [f64],
}

#[cfg(feature = "workbench")]
impl RowNames<'_> {
    fn column(&self, name: &str) -> Option<usize> {
        self.parameters
            .iter()
            .position(|p| p.eq_ignore_ascii_case(name))
    }
}

#[cfg(feature = "workbench")]
impl formula::Names for RowNames<'_> {
    /// NaN is a blank cell, as an omitted argument.
    fn lookup(&self, name: &str) -> Option<formula::Value> {
        let value = *self.row.get(self.column(name)?)?;
        Some(if value.is_nan() {
            formula::Value::Empty
        } else {
            formula::Value::number(value)
        })
    }
}

#[cfg(feature = "workbench")]
impl Formula {
    /// How many rows `rows` holds, or the error when it is not whole rows.
    /// Returned, not thrown: a throw skips the release of the borrow of
    /// `self`, and every later call on the formula (`free` too) would fail.
    fn row_count(&self, rows: &[f64]) -> Result<usize, JsError> {
        let width = self.parameters.len();
        if width == 0 || rows.len() % width != 0 {
            return Err(JsError::argument(
                "evaluateRows: rows must hold one number per parameter for each row",
            ));
        }
        Ok(rows.len() / width)
    }

    /// Each row's value pushed onto `values` (pushed, not zeroed first:
    /// filling memory is a runtime call in browsers' wasm), and each value
    /// that is not a number into `others`.
    fn fill_rows(&self, rows: &[f64], values: &mut Vec<f64>, others: Option<JsValue>) {
        let others = others.map(JsCast::unchecked_into::<js::Array>);
        let mut made: Vec<(formula::Value, JsValue)> = Vec::new();
        let width = self.parameters.len().max(1);
        for row in rows.chunks_exact(width) {
            let index = values.len() as u32;
            let number = match self.numeric.as_ref().and_then(|call| call.kernel(row)) {
                Some(Ok(n)) => n,
                Some(Err(error)) => {
                    if let Some(others) = &others {
                        self.set_error(others, index, error);
                    }
                    f64::NAN
                }
                None => self.row_value(row, others.as_ref(), index, &mut made),
            };
            values.push(number);
        }
    }

    /// A row's value through the formula (or the call with values made):
    /// the number, or NaN with the value stored at `others[index]`; `made`
    /// holds the values made so far in this call, so equal ones share one.
    fn row_value(
        &self,
        row: &[f64],
        others: Option<&js::Array>,
        index: u32,
        made: &mut Vec<(formula::Value, JsValue)>,
    ) -> f64 {
        let value = match &self.numeric {
            Some(call) => call.evaluate(row),
            None => self.compiled.evaluate(&RowNames {
                parameters: &self.parameters,
                row,
            }),
        };
        if let formula::Value::Number(n) = value {
            return n;
        }
        if let Some(others) = others {
            let made_index = match made.iter().position(|(made, _)| *made == value) {
                Some(made_index) => made_index,
                None => {
                    let js_value = dto::value_to_js(&value);
                    made.push((value, js_value));
                    made.len() - 1
                }
            };
            if let Some((_, js_value)) = made.get(made_index) {
                others.set(index, js_value);
            }
        }
        f64::NAN
    }

    /// Stores the JavaScript value of a kernel error at `others[row]`; the
    /// value is made once per distinct error and kept for later rows and
    /// calls (a batch often repeats one error, and making it is most of a
    /// row's cost).
    fn set_error(&self, others: &js::Array, row: u32, error: finance::FinanceError) {
        let mut errors = self.errors.borrow_mut();
        if let Some((_, kept)) = errors.iter().find(|(kept, _)| *kept == error) {
            return others.set(row, kept);
        }
        let value = formula::functions::financial::NumericCall::error_value(error);
        let js_value = dto::value_to_js(&value);
        others.set(row, &js_value);
        if errors.len() < KEPT_ERRORS {
            errors.push((error, js_value));
        }
    }
}

#[cfg(feature = "workbench")]
#[wasm_bindgen]
impl Formula {
    /// Parses `formula` (a leading `=` is optional). `parameters` names the
    /// columns of the rows `evaluateRows` takes (names match ignoring ASCII
    /// case). Never throws: problems are in `diagnostics`, and evaluating
    /// then gives `#ERROR!`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        formula: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "string[]")] parameters: Option<JsValue>,
    ) -> Formula {
        let compiled = formula::CompiledFormula::compile(formula);
        // Read through the few declared built-ins: a `Vec<String>` argument
        // costs about 1.5 KB of conversion glue in the wasm.
        let mut names = Vec::new();
        if let Some(list) = parameters {
            for name in list.unchecked_into::<js::Array>().iter() {
                names.push(name.as_string().unwrap_or_default());
            }
        }
        let parameters = names;
        let names = RowNames {
            parameters: &parameters,
            row: &[],
        };
        let numeric = compiled.expr().and_then(|expr| {
            formula::functions::financial::NumericCall::lower(expr, &|name| names.column(name))
        });
        Formula {
            source: formula.to_string(),
            compiled,
            parameters,
            numeric,
            errors: Default::default(),
        }
    }

    /// The formula's value (parameters, if any, are unknown names here).
    #[wasm_bindgen(unchecked_return_type = "FormulaValue")]
    pub fn evaluate(&self) -> JsValue {
        dto::value_to_js(&self.compiled.evaluate(&formula::NoNames))
    }

    /// The value for each row of `rows`: `rows` holds the rows one after
    /// another, each with one number per parameter, in the constructor's
    /// order; NaN stands for a blank (an omitted argument). Returns one
    /// number per row, NaN where the row's value is not a number; when
    /// `others` is given, each such row's value is stored at that row's
    /// index (`others[row]`, a sparse array; equal values share one
    /// object, and a function's argument errors share one across calls:
    /// read them, do not change them). One call for the whole batch, with
    /// no JavaScript value made per numeric row. Throws when the length is
    /// not a multiple of the parameter count, or there are no parameters.
    #[wasm_bindgen(js_name = evaluateRows)]
    pub fn evaluate_rows(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] rows: &[f64],
        #[wasm_bindgen(unchecked_optional_param_type = "FormulaValue[]")] others: Option<JsValue>,
    ) -> Result<Vec<f64>, JsError> {
        let mut values = Vec::with_capacity(self.row_count(rows)?);
        self.fill_rows(rows, &mut values, others);
        Ok(values)
    }

    /// The problems found in the formula, as `evaluate(text).diagnostics`
    /// gives them; parameters are known names.
    #[wasm_bindgen(getter, unchecked_return_type = "FormulaDiagnostic[]")]
    pub fn diagnostics(&self) -> JsValue {
        let row = vec![0.0; self.parameters.len()];
        let names = RowNames {
            parameters: &self.parameters,
            row: &row,
        };
        let evaluation = self.compiled.evaluation(&names);
        dto::diagnostics_to_js(&self.source, &evaluation.diagnostics)
    }
}

/// Every supported function with its category, signature and arity, for
/// autocomplete and help while writing formulas. Only in the full build.
/// The one-line summaries are not in any wasm build: the site reads them
/// from `function-summaries.json` (docs/formula-functions.md).
#[cfg(feature = "workbench")]
#[wasm_bindgen(unchecked_return_type = "FunctionInfo[]")]
pub fn functions() -> JsValue {
    dto::functions_to_js()
}

/// The function call whose parentheses hold the caret in `formula` (a
/// UTF-16 offset, as `selectionStart` gives it), read with the engine's
/// lexer: the function's name, the argument the caret is in, its
/// parameters from the function registry with the one that argument
/// stands for. `null` outside every call and inside a
/// call of an unknown function. Only in the full build, for the
/// playground's signature hint.
#[cfg(feature = "workbench")]
#[wasm_bindgen(js_name = callAt, unchecked_return_type = "CallAt | null")]
pub fn call_at(formula: &str, caret: u32) -> JsValue {
    let caret = dto::byte_offset(formula, caret as usize);
    formula::call_at::call_at(formula, caret).map_or(JsValue::NULL, |call| dto::call_to_js(&call))
}

/// The name the caret is typing in `formula` (a UTF-16 offset, as
/// `selectionStart` gives it), read with the engine's lexer: `{ start,
/// end, prefix }` in UTF-16 offsets, where `start..end` is the whole name
/// a completion replaces and `prefix` the part before the caret. `null`
/// when the caret is not in or at the end of a name (inside a string, in
/// a number such as `1.5E`). Only in the full build, for the playground's
/// autocomplete.
#[cfg(feature = "workbench")]
#[wasm_bindgen(js_name = nameAt, unchecked_return_type = "NameAt | null")]
pub fn name_at(formula: &str, caret: u32) -> JsValue {
    let caret = dto::byte_offset(formula, caret as usize);
    formula::name_at::name_at(formula, caret).map_or(JsValue::NULL, |name| {
        let object = js::Object::new();
        let start = dto::utf16_offset(formula, name.start);
        dto::set_number(&object, "start", start as f64);
        let end = dto::utf16_offset(formula, name.end);
        dto::set_number(&object, "end", end as f64);
        let prefix = formula.get(name.start..name.caret).unwrap_or_default();
        dto::set_text(&object, "prefix", prefix);
        object.into()
    })
}

/// The engine's version, as in Cargo.toml.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use yardstick_core::error::ErrorCode;

    #[test]
    fn the_typescript_error_code_type_lists_every_code() {
        // wasm-bindgen consumes the custom section's const, so the test
        // reads it from this file's text.
        let source = include_str!("lib.rs");
        let start = source.find("export type ErrorCode =").unwrap_or(0);
        let declaration = source.get(start..).unwrap_or_default();
        let end = declaration.find(';').unwrap_or(0);
        let union = declaration.get(..end).unwrap_or_default();
        for code in ErrorCode::ALL {
            assert!(
                union.contains(&format!("\"{code}\"")),
                "ErrorCode lacks `{code}`"
            );
        }
        assert_eq!(
            union.matches('"').count(),
            2 * ErrorCode::ALL.len(),
            "{union}"
        );
    }
}
