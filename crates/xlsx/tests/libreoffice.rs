//! The export's real test: the workbooks of every example model (at their
//! defaults and at other input sets; each workbook holds every scenario
//! as a live sheet) are recalculated by headless LibreOffice Calc and every
//! formula cell — outputs, series, scalar calculations and the scenarios'
//! outputs — must equal Yardstick's value (1e-9 relative; 1e-7 for outputs
//! that use IRR or XIRR, iterative in both).
//!
//! The workbooks sent to LibreOffice carry *poisoned* cached results
//! (987654321.5 in every formula cell), so only a real recalculation can
//! give the right numbers: LibreOffice does not recalculate an xlsx on load
//! by default, and this test sets `OOXMLRecalcMode` to "always" in a fresh
//! profile. `cached_results_are_yardsticks_values` checks the other half:
//! unpoisoned workbooks read back (without LibreOffice) show Yardstick's
//! numbers.
//!
//! Needs `soffice` (Debian's libreoffice-calc-nogui; scripts/ensure-tools.sh);
//! run by `make test-export`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use yardstick_core::export::{
    plan_workbook, CachedValue, CellContent, ExportOptions, WorkbookPlan,
};
use yardstick_core::model::{CompiledModel, InputValue};
use yardstick_xlsx::{export_xlsx, write_workbook};

const MODELS: &[&str] = &["business-case-5y", "saas-roi", "project-portfolio"];
const POISON: f64 = 987_654_321.5;

fn model(id: &str) -> CompiledModel {
    compile_file(&format!(
        "{}/../../examples/models/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn compile_file(path: &str) -> CompiledModel {
    let text = std::fs::read_to_string(path).unwrap();
    let node = yardstick_json_text::node_from_json(&text).unwrap();
    CompiledModel::compile(&node).unwrap()
}

/// The defaults with some inputs changed.
fn inputs(model: &CompiledModel, changes: &[(&str, InputValue)]) -> Vec<InputValue> {
    let mut values = model.default_inputs();
    for (id, value) in changes {
        let index = model.input_index(id).unwrap();
        values[index] = value.clone();
    }
    values
}

/// Every case: each model at its defaults, and input sets that take other
/// branches (a payback that never comes, one within year 1, a toggle off,
/// other stages).
fn cases() -> Vec<(String, CompiledModel, Vec<InputValue>)> {
    let mut cases = Vec::new();
    for id in MODELS {
        let m = model(id);
        let defaults = m.default_inputs();
        cases.push((format!("{id}-defaults"), m, defaults));
    }
    let n = InputValue::Number;
    let b = model("business-case-5y");
    let never = inputs(
        &b,
        &[
            ("productivity_benefit_per_year", n(10_000.0)),
            ("revenue_benefit_per_year", n(0.0)),
        ],
    );
    cases.push(("business-case-never".into(), b.clone(), never));
    // Pays back within year 1, discounted at 15%.
    let fast = inputs(
        &b,
        &[
            ("implementation_cost", n(10_000.0)),
            ("licence_setup_cost", n(0.0)),
            ("training_cost", n(0.0)),
            ("discount_rate", n(0.15)),
            ("adoption_year1", n(0.9)),
        ],
    );
    cases.push(("business-case-fast".into(), b.clone(), fast));
    let s = model("saas-roi");
    let off = inputs(
        &s,
        &[
            ("include_revenue_uplift", InputValue::Bool(false)),
            ("team_size", n(7.0)),
        ],
    );
    cases.push(("saas-roi-uplift-off".into(), s, off));
    let p = model("project-portfolio");
    let staged = inputs(
        &p,
        &[
            ("stage_a", n(1.0)),
            ("stage_c", n(6.0)),
            ("cost_b", n(400_000.0)),
        ],
    );
    cases.push(("project-portfolio-staged".into(), p, staged));
    // Every translation rule once (tests/data/export-coverage.json), at its
    // defaults and with the other branches of its toggle, select and growth.
    let c = compile_file(&format!(
        "{}/tests/data/export-coverage.json",
        env!("CARGO_MANIFEST_DIR")
    ));
    let defaults = c.default_inputs();
    let other = inputs(
        &c,
        &[
            ("fast", InputValue::Bool(false)),
            ("tier", InputValue::Text("silver".into())),
            ("growth", n(-0.2)),
            ("n", n(5.0)),
        ],
    );
    cases.push(("coverage-defaults".into(), c.clone(), defaults));
    cases.push(("coverage-other".into(), c, other));
    cases
}

/// A fresh LibreOffice profile that recalculates xlsx files on load.
fn profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!("file://{}", dir.join("profile").display())
}

/// LibreOffice loads each file (recalculating it) and saves it as xlsx
/// into `out`; one process for all files.
fn recalculate(files: &[PathBuf], work: &Path) -> PathBuf {
    let out = work.join("recalculated");
    std::fs::create_dir_all(&out).unwrap();
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation={}", profile(work)))
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(&out)
        .args(files)
        .status()
        .expect("soffice (LibreOffice Calc) must be installed: scripts/ensure-tools.sh");
    assert!(status.success(), "soffice failed: {status}");
    out
}

fn work_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-export-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether a formula's value may differ by the iterative tolerance: an
/// IRR, or a cell of the Scenarios sheet (which reads each scenario's
/// outputs, IRR among them; the scenario sheets' own cells are checked at
/// 1e-9 apart from their IRR).
fn iterative(text: &str) -> bool {
    text.contains("IRR(") || text.contains("'Scenario ")
}

/// Every formula cell of the plan whose cached value is Yardstick's:
/// (sheet, row, column, value, formula text). Helper rows (blank cache)
/// are not Yardstick values and are left out.
fn expected(plan: &WorkbookPlan) -> Vec<(String, u32, u16, CachedValue, String)> {
    let mut cells = Vec::new();
    for sheet in &plan.sheets {
        for cell in &sheet.cells {
            if let CellContent::Formula(f) = &cell.content {
                if f.cached != CachedValue::Text(String::new()) {
                    cells.push((
                        sheet.name.clone(),
                        cell.row,
                        cell.column,
                        f.cached.clone(),
                        f.text.clone(),
                    ));
                }
            }
        }
    }
    cells
}

/// A cell's number (dates as serial numbers), never parsed from text.
fn number(data: &Data) -> Option<f64> {
    match data {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::DateTime(_) => data.as_f64(),
        _ => None,
    }
}

fn matches(expected: &CachedValue, actual: &Data, tolerance: f64, calc_booleans: bool) -> bool {
    match (expected, actual) {
        (CachedValue::Number(e), actual) => number(actual)
            .is_some_and(|a| (a - e).abs() <= tolerance * e.abs().max(a.abs()).max(1.0)),
        (CachedValue::Text(e), Data::String(a)) => e == a,
        (CachedValue::Bool(e), Data::Bool(a)) => e == a,
        // LibreOffice has no boolean type: TRUE is the number 1 shown as
        // TRUE, and it saves a logical formula's result as that number.
        (CachedValue::Bool(e), Data::Float(a)) if calc_booleans => *a == f64::from(u8::from(*e)),
        (CachedValue::Error(code), Data::Error(a)) => *code == a.to_string(),
        _ => false,
    }
}

/// Compares every Yardstick value of `plan` with the workbook at `path`;
/// returns the mismatches and the number of cells compared.
fn compare(plan: &WorkbookPlan, path: &Path, from_calc: bool) -> (Vec<String>, usize) {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let mut mismatches = Vec::new();
    let cells = expected(plan);
    let mut ranges = std::collections::HashMap::new();
    for (sheet, row, column, value, text) in &cells {
        let range = ranges
            .entry(sheet.clone())
            .or_insert_with(|| workbook.worksheet_range(sheet).unwrap());
        let actual = range
            .get_value((*row, u32::from(*column)))
            .cloned()
            .unwrap_or(Data::Empty);
        let loose = iterative(text);
        let tolerance = if loose { 1e-7 } else { 1e-9 };
        // An IRR without a root is #NUM! in Excel and Yardstick; LibreOffice
        // gives its own "no convergence" error (Err:523), which it saves in
        // xlsx as #N/A. Both say "no rate"; only the code differs.
        let no_root_in_calc = iterative(text)
            && *value == CachedValue::Error("#NUM!")
            && matches(&CachedValue::Error("#N/A"), &actual, 0.0, false);
        if !matches(value, &actual, tolerance, from_calc) && !no_root_in_calc {
            mismatches.push(format!(
                "{sheet}!R{}C{}: `{text}` gave {actual:?}, Yardstick {value:?}",
                row + 1,
                column + 1
            ));
        }
    }
    (mismatches, cells.len())
}

#[test]
fn libreoffice_recalculates_every_exported_value_as_yardstick() {
    let work = work_dir("libreoffice");
    let cases = cases();
    let mut files = Vec::new();
    for (name, model, inputs) in &cases {
        let poisoned = export_xlsx(
            model,
            inputs,
            ExportOptions {
                poison_cached_results: true,
            },
        )
        .unwrap();
        let path = work.join(format!("{name}.xlsx"));
        std::fs::write(&path, poisoned).unwrap();
        files.push(path);
    }
    let out = recalculate(&files, &work);
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, model, inputs) in &cases {
        let plan = plan_workbook(model, inputs, ExportOptions::default()).unwrap();
        let (mismatches, count) = compare(&plan, &out.join(format!("{name}.xlsx")), true);
        compared += count;
        failures.extend(mismatches.into_iter().map(|m| format!("{name}: {m}")));
        // Every output of the case itself, straight from the engine.
        let state = model.evaluate(inputs);
        let mut workbook: Xlsx<_> = open_workbook(out.join(format!("{name}.xlsx"))).unwrap();
        let outputs = workbook.worksheet_range("Outputs").unwrap();
        for (index, value) in state.outputs(model).iter().enumerate() {
            let actual = outputs
                .get_value((index as u32 + 1, 1))
                .cloned()
                .unwrap_or(Data::Empty);
            assert_ne!(
                number(&actual),
                Some(POISON),
                "{name}: output {index} was not recalculated"
            );
            if let yardstick_core::formula::Value::Number(n) = value {
                let e = CachedValue::Number(*n);
                let irr = model.spec().outputs[index]
                    .formula
                    .to_ascii_uppercase()
                    .contains("IRR(");
                assert!(
                    matches(&e, &actual, if irr { 1e-7 } else { 1e-9 }, true),
                    "{name}: output {index}: {actual:?} vs {n}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    assert!(compared > 500, "only {compared} cells compared");
    assert!(
        failures.is_empty(),
        "{} mismatches of {compared}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn cached_results_are_yardsticks_values() {
    let work = work_dir("cached");
    std::fs::create_dir_all(&work).unwrap();
    for (name, model, inputs) in cases() {
        let plan = plan_workbook(&model, &inputs, ExportOptions::default()).unwrap();
        let path = work.join(format!("{name}.xlsx"));
        std::fs::write(&path, write_workbook(&plan).unwrap()).unwrap();
        let (mismatches, count) = compare(&plan, &path, false);
        assert!(count > 0);
        assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");
    }
}

#[test]
fn the_same_case_gives_the_same_bytes_and_a_zip() {
    let m = model("business-case-5y");
    let first = export_xlsx(&m, &m.default_inputs(), ExportOptions::default()).unwrap();
    let second = export_xlsx(&m, &m.default_inputs(), ExportOptions::default()).unwrap();
    assert_eq!(&first[..2], b"PK");
    assert_eq!(first, second);
}
