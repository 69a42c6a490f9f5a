//! Excel-parity reference vectors: every row of `tests/data/finance_vectors.tsv`
//! and `tests/data/formula_vectors.tsv` is evaluated with
//! `yardstick_core::formula::evaluate` and compared with its expected value.
//!
//! The expected values come from outside Yardstick (Microsoft's documentation,
//! LibreOffice Calc, numpy-financial, hand computation; see the files' headers
//! and `tests/data/tools/`). A row passes when
//! `|actual - expected| <= tolerance * max(1, |expected|)` for numbers, and on
//! exact equality for errors, text, booleans and array shapes. A failing run
//! lists every failing row, never only the first.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::HashSet;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use yardstick_core::formula::functions::{self, Category};
use yardstick_core::formula::{evaluate, Value};

const FINANCE_FILE: &str = "tests/data/finance_vectors.tsv";
const FORMULA_FILE: &str = "tests/data/formula_vectors.tsv";
/// Every documented domain edge of the financial functions and its error code.
const DOMAIN_FILE: &str = "tests/data/finance_domain.tsv";
/// Rows near a zero rate, checked with a purely relative tolerance.
const TINY_RATES_FILE: &str = "tests/data/finance_tiny_rates.tsv";
const MIN_FINANCE_ROWS: usize = 150;
const MIN_FORMULA_ROWS: usize = 100;

/// Registry functions that the vector files need not call, each with the
/// reason. Every other function of `functions::all()` must appear: a
/// financial one as the function a finance_vectors.tsv row calls, any other
/// anywhere in a formula_vectors.tsv formula. So a function added to the
/// registry without vectors fails `every_function_is_covered`.
const EXEMPT_FUNCTIONS: &[(&str, &str)] = &[
    (
        "PREV",
        "needs a model's previous period, which `evaluate` has not; \
         tests/model_engine.rs and the model property tests cover it",
    ),
    (
        "IRRROOTS",
        "Yardstick's own (every IRR root), with no Excel or LibreOffice \
         counterpart to take expected values from; its unit tests in \
         src/formula/functions/financial_test.rs check its roots and errors",
    ),
];

/// Financial functions whose vectors are in formula_vectors.tsv rather
/// than finance_vectors.tsv: the depreciation functions, whose expected
/// values are Excel's documented examples at LibreOffice's full precision
/// (tests/data/tools/formula_rows.py), with no excel_ref.py counterpart.
const DEPRECIATION: &[&str] = &["SLN", "SYD", "DB", "DDB", "VDB"];

// ---------------------------------------------------------------------------
// Reading the files

#[derive(Debug, Clone)]
struct Row {
    file: &'static str,
    line: usize,
    id: String,
    formula: String,
    expected_text: String,
    expected: Expected,
    tolerance: f64,
    source: String,
}

fn read_rows(file: &'static str) -> Vec<Row> {
    let path = format!("{}/../../{}", env!("CARGO_MANIFEST_DIR"), file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut saw_header = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !saw_header {
            assert_eq!(
                cols,
                ["id", "formula", "expected", "tolerance", "source", "note"],
                "{file}:{line_no}: the header line"
            );
            saw_header = true;
            continue;
        }
        if cols.len() != 6 {
            problems.push(format!(
                "{file}:{line_no}: {} columns, expected 6",
                cols.len()
            ));
            continue;
        }
        let expected = match parse_expected(cols[2]) {
            Ok(expected) => expected,
            Err(err) => {
                problems.push(format!("{file}:{line_no}: expected {:?}: {err}", cols[2]));
                continue;
            }
        };
        let tolerance = match cols[3].parse::<f64>() {
            Ok(t) if t >= 0.0 && t.is_finite() => t,
            _ => {
                problems.push(format!("{file}:{line_no}: bad tolerance {:?}", cols[3]));
                continue;
            }
        };
        for (name, value) in [("id", cols[0]), ("formula", cols[1]), ("source", cols[4])] {
            if value.trim().is_empty() {
                problems.push(format!("{file}:{line_no}: empty {name}"));
            }
        }
        rows.push(Row {
            file,
            line: line_no,
            id: cols[0].to_string(),
            formula: cols[1].to_string(),
            expected_text: cols[2].to_string(),
            expected,
            tolerance,
            source: cols[4].to_string(),
        });
    }
    assert!(saw_header, "{file}: no header line");
    assert!(
        problems.is_empty(),
        "{file} is malformed:\n{}",
        problems.join("\n")
    );
    rows
}

// ---------------------------------------------------------------------------
// Expected values

#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Number(f64),
    Error(String),
    Bool(bool),
    Text(String),
    Array(Vec<Vec<Expected>>),
}

const ERROR_CODES: &[&str] = &[
    "#NUM!", "#DIV/0!", "#VALUE!", "#N/A", "#REF!", "#NAME?", "#NULL!",
];

fn parse_expected(text: &str) -> Result<Expected, String> {
    let mut parser = ExpectedParser {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let value = if text.starts_with('{') {
        parser.array()?
    } else {
        parser.scalar()?
    };
    if parser.pos != text.len() {
        return Err(format!("unexpected text at byte {}", parser.pos));
    }
    Ok(value)
}

struct ExpectedParser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl ExpectedParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn array(&mut self) -> Result<Expected, String> {
        self.pos += 1; // '{'
        let mut rows = vec![Vec::new()];
        loop {
            let value = self.scalar()?;
            rows.last_mut().ok_or("no row")?.push(value);
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b';') => {
                    self.pos += 1;
                    rows.push(Vec::new());
                }
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                other => {
                    return Err(format!(
                        "expected , ; or }} but found {:?}",
                        other.map(char::from)
                    ))
                }
            }
        }
        let width = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|row| row.len() != width) {
            return Err("array rows differ in length".into());
        }
        Ok(Expected::Array(rows))
    }

    fn scalar(&mut self) -> Result<Expected, String> {
        let rest = std::str::from_utf8(self.bytes.get(self.pos..).unwrap_or_default())
            .map_err(|e| e.to_string())?;
        if rest.starts_with('"') {
            let mut text = String::new();
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '"' {
                    if matches!(chars.peek(), Some((_, '"'))) {
                        chars.next();
                        text.push('"');
                    } else {
                        self.pos += i + 1;
                        return Ok(Expected::Text(text));
                    }
                } else {
                    text.push(c);
                }
            }
            return Err("unterminated string".into());
        }
        let end = rest.find([',', ';', '}']).unwrap_or(rest.len());
        let token = &rest[..end];
        self.pos += end;
        if let Some(code) = ERROR_CODES
            .iter()
            .find(|code| token.eq_ignore_ascii_case(code))
        {
            return Ok(Expected::Error((*code).to_string()));
        }
        if token.eq_ignore_ascii_case("TRUE") {
            return Ok(Expected::Bool(true));
        }
        if token.eq_ignore_ascii_case("FALSE") {
            return Ok(Expected::Bool(false));
        }
        token
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Expected::Number)
            .ok_or_else(|| format!("not a number, error, boolean, string or array: {token:?}"))
    }
}

// ---------------------------------------------------------------------------
// Comparing

struct Shown<'a>(&'a Value);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Number(n) => write!(f, "{n:?}"),
            Value::Text(s) => write!(f, "\"{}\"", s.replace('"', "\"\"")),
            Value::Bool(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
            Value::Error(e) => write!(f, "{} ({})", e.kind.code(), e.message),
            Value::Empty => f.write_str("<empty>"),
            Value::Array(array) => {
                f.write_str("{")?;
                for (r, row) in array.row_slices().enumerate() {
                    if r > 0 {
                        f.write_str(";")?;
                    }
                    for (c, v) in row.iter().enumerate() {
                        if c > 0 {
                            f.write_str(",")?;
                        }
                        write!(f, "{}", Shown(v))?;
                    }
                }
                f.write_str("}")
            }
        }
    }
}

fn matches(expected: &Expected, actual: &Value, tolerance: f64) -> bool {
    match (expected, actual) {
        (Expected::Number(e), Value::Number(a)) => (a - e).abs() <= tolerance * e.abs().max(1.0),
        (Expected::Error(code), Value::Error(err)) => err.kind.code() == code,
        (Expected::Bool(e), Value::Bool(a)) => e == a,
        (Expected::Text(e), Value::Text(a)) => e == a,
        (Expected::Array(rows), Value::Array(array)) => {
            let width = rows.first().map_or(0, Vec::len);
            array.rows() == rows.len()
                && array.cols() == width
                && rows.iter().enumerate().all(|(r, row)| {
                    row.iter()
                        .enumerate()
                        .all(|(c, e)| array.get(r, c).is_some_and(|a| matches(e, a, tolerance)))
                })
        }
        _ => false,
    }
}

/// Evaluates every row and returns a description of each failure.
fn failures(rows: &[Row]) -> Vec<String> {
    let mut failed = Vec::new();
    for row in rows {
        let outcome = catch_unwind(AssertUnwindSafe(|| evaluate(&row.formula)));
        let actual = match outcome {
            Ok(evaluation) => {
                let agrees = match (&row.expected, &evaluation.value) {
                    // Near a zero rate, values are tiny: `max(1, |e|)` would
                    // make the tolerance absolute and hide lost digits.
                    (Expected::Number(e), Value::Number(a)) if row.file == TINY_RATES_FILE => {
                        (a - e).abs() <= row.tolerance * e.abs()
                    }
                    (expected, actual) => matches(expected, actual, row.tolerance),
                };
                if agrees {
                    continue;
                }
                Shown(&evaluation.value).to_string()
            }
            Err(_) => "PANIC".to_string(),
        };
        failed.push(format!(
            "  {} ({}:{})\n    formula:  {}\n    expected: {} (tolerance {:?})\n    actual:   {}\n    source:   {}",
            row.id, row.file, row.line, row.formula, row.expected_text, row.tolerance, actual, row.source
        ));
    }
    failed
}

fn assert_all_pass(file: &'static str) {
    let rows = read_rows(file);
    let failed = failures(&rows);
    assert!(
        failed.is_empty(),
        "{} of {} rows of {file} fail:\n{}",
        failed.len(),
        rows.len(),
        failed.join("\n")
    );
}

#[test]
fn finance_vectors_match_excel() {
    assert_all_pass(FINANCE_FILE);
}

/// Closed forms and RATE keep 1e-9 relative accuracy for rates within
/// 1e-6 of zero (exact expected values: tests/data/tools/gen_tiny_rates.py).
#[test]
fn tiny_rate_vectors_are_exact_to_1e_9_relative() {
    assert_all_pass(TINY_RATES_FILE);
}

/// Arguments outside a function's documented domain give the error code
/// Microsoft documents (`#VALUE!` and `#NUM!` are not interchangeable).
#[test]
fn domain_edges_give_excels_error_codes() {
    assert_all_pass(DOMAIN_FILE);
}

#[test]
fn formula_vectors_match_excel() {
    assert_all_pass(FORMULA_FILE);
}

// ---------------------------------------------------------------------------
// The files themselves

#[test]
fn vector_files_have_enough_rows_and_unique_ids() {
    let finance = read_rows(FINANCE_FILE);
    let formula = read_rows(FORMULA_FILE);
    assert!(
        finance.len() >= MIN_FINANCE_ROWS,
        "{FINANCE_FILE}: {} rows",
        finance.len()
    );
    assert!(
        formula.len() >= MIN_FORMULA_ROWS,
        "{FORMULA_FILE}: {} rows",
        formula.len()
    );
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = finance
        .iter()
        .chain(&formula)
        .filter(|row| !seen.insert(row.id.as_str()))
        .map(|row| row.id.as_str())
        .collect();
    assert!(duplicates.is_empty(), "duplicate ids: {duplicates:?}");
}

/// The name of the function a finance row calls: `PMT` in `PMT(0.1,10,1000)`.
fn called_function(formula: &str) -> &str {
    formula.split('(').next().unwrap_or_default()
}

/// Every function name that `text` calls, upper-cased.
fn function_names(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut in_string = false;
    let mut current = String::new();
    for c in text.chars() {
        if c == '"' {
            in_string = !in_string;
            current.clear();
            continue;
        }
        if in_string {
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            current.push(c.to_ascii_uppercase());
        } else {
            if c == '(' && !current.is_empty() {
                names.insert(current.clone());
            }
            current.clear();
        }
    }
    names
}

#[test]
fn every_function_is_covered() {
    let finance: HashSet<String> = read_rows(FINANCE_FILE)
        .iter()
        .map(|row| called_function(&row.formula).to_ascii_uppercase())
        .collect();
    let formula: HashSet<String> = read_rows(FORMULA_FILE)
        .iter()
        .flat_map(|row| function_names(&row.formula))
        .collect();
    let exempt: HashSet<&str> = EXEMPT_FUNCTIONS.iter().map(|(name, _)| *name).collect();
    let mut missing_finance = Vec::new();
    let mut missing_formula = Vec::new();
    for spec in functions::all() {
        if exempt.contains(spec.name) {
            continue;
        }
        if spec.category == Category::Financial && !DEPRECIATION.contains(&spec.name) {
            if !finance.contains(spec.name) {
                missing_finance.push(spec.name);
            }
        } else if !formula.contains(spec.name) {
            missing_formula.push(spec.name);
        }
    }
    assert!(
        missing_finance.is_empty() && missing_formula.is_empty(),
        "no reference vectors for registry functions: {FINANCE_FILE} lacks \
         {missing_finance:?}, {FORMULA_FILE} lacks {missing_formula:?} \
         (add rows, or an entry with its reason to EXEMPT_FUNCTIONS)"
    );
}

/// An exemption names a function of the registry, says why, and is still
/// needed: a stale entry would hide a function that later loses its vectors.
#[test]
fn every_exemption_is_a_registry_function_without_vectors() {
    let rows: Vec<Row> = read_rows(FINANCE_FILE)
        .into_iter()
        .chain(read_rows(FORMULA_FILE))
        .collect();
    let called: HashSet<String> = rows
        .iter()
        .flat_map(|row| function_names(&row.formula))
        .collect();
    for (name, reason) in EXEMPT_FUNCTIONS {
        assert!(
            functions::find(name).is_some(),
            "{name} is not in the registry"
        );
        assert!(!reason.trim().is_empty(), "{name}: no reason given");
        assert!(
            !called.contains(*name),
            "{name} has vectors now: drop its exemption"
        );
    }
}

/// finance_vectors.tsv formulas keep to the grammar the JavaScript benchmark
/// parses: `FN(arg,...)`, each argument a number literal, an array literal of
/// numbers, TRUE/FALSE, or empty.
#[test]
fn finance_formulas_keep_to_the_simple_grammar() {
    let mut bad = Vec::new();
    for row in read_rows(FINANCE_FILE) {
        if !simple_call(&row.formula) {
            bad.push(format!("{}: {}", row.id, row.formula));
        }
    }
    assert!(
        bad.is_empty(),
        "formulas outside the simple grammar:\n{}",
        bad.join("\n")
    );
}

fn simple_call(formula: &str) -> bool {
    let Some((name, rest)) = formula.split_once('(') else {
        return false;
    };
    let Some(args) = rest.strip_suffix(')') else {
        return false;
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    // Split on commas outside braces.
    let mut depth = 0;
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in args.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&args[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        if !(0..=1).contains(&depth) {
            return false;
        }
    }
    parts.push(&args[start..]);
    parts.iter().all(|part| {
        if part.is_empty() || *part == "TRUE" || *part == "FALSE" {
            true
        } else if let Some(inner) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            inner.split(',').all(number_literal)
        } else {
            number_literal(part)
        }
    })
}

fn number_literal(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        && text.parse::<f64>().is_ok_and(f64::is_finite)
}

#[test]
fn expected_value_parser_reads_every_form() {
    assert_eq!(parse_expected("-1.5e-3"), Ok(Expected::Number(-0.0015)));
    assert_eq!(
        parse_expected("#DIV/0!"),
        Ok(Expected::Error("#DIV/0!".into()))
    );
    assert_eq!(parse_expected("TRUE"), Ok(Expected::Bool(true)));
    assert_eq!(
        parse_expected("\"a\"\"b\""),
        Ok(Expected::Text("a\"b".into()))
    );
    assert_eq!(
        parse_expected("{1,\"x,y\";#N/A,FALSE}"),
        Ok(Expected::Array(vec![
            vec![Expected::Number(1.0), Expected::Text("x,y".into())],
            vec![Expected::Error("#N/A".into()), Expected::Bool(false)],
        ]))
    );
    assert!(parse_expected("{1,2;3}").is_err());
    assert!(parse_expected("abc").is_err());
    assert!(simple_call("NPV(0.1,{-100,30,40},,TRUE)"));
    assert!(!simple_call("PMT(8%/12,10,1000)"));
}
