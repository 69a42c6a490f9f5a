// Types of the values the Yardstick engine hands to JavaScript, as the site
// uses them. They mirror the contract of `evaluate` and `functions` in
// pkg/yardstick.js; engine.js casts the generated bindings to them.

/** Excel's error codes; `#ERROR!` means the formula does not parse. */
export type ErrorCode = "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!" | "#ERROR!";

/** An error value with a message a person can act on. */
export interface FormulaError {
  error: ErrorCode;
  message: string;
}

/** A formula value; arrays are rows of values. */
export type FormulaValue = number | string | boolean | FormulaError | FormulaValue[][];

/**
 * A problem found in a formula. `start`/`end` are UTF-16 offsets into the
 * formula string exactly as passed (a leading `=` included); `line` and
 * `column` are 1-based.
 */
export interface FormulaDiagnostic {
  code: string;
  message: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface EvaluateResult {
  value: FormulaValue;
  diagnostics: FormulaDiagnostic[];
}

export type FunctionCategory = "financial" | "math" | "logical" | "date" | "lookup";

/** One function the engine knows, for autocomplete and signature hints. */
export interface FunctionInfo {
  name: string;
  category: FunctionCategory;
  signature: string;
  summary: string;
  minArgs: number;
  maxArgs: number;
}
