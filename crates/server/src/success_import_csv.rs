//! CSV imports (docs/success.md, "The API"): one table as `text/csv` at
//! `POST /api/success/import/{file}`, or several tables at once as a
//! `multipart/form-data` body at `POST /api/success/import` (each part's
//! file name names its table). Either way every file is split and every
//! row checked, every problem of every file is answered, and the tables
//! are stored together in one transaction or not at all, so a refused
//! file never leaves the others half imported.

use yardstick_core::success::csv_rows::{read_csv_import, CsvTable};
use yardstick_core::success::diagnostic::{CsvProblem, SuccessCode};
use yardstick_core::success::stored_keys::csv_stored_keys;

use crate::form_data::form_files;
use crate::http::{Request, Response};
use crate::store::Store;
use crate::success_api::{checked_import, csv_problems, media_type};
use crate::success_cases::{check_realised, current_settings_ids, known_ids};
use crate::success_csv::{split_table, SplitProblem};

/// The table file whose rows are checked against their linked cases.
const REALISED_FILE: &str = "realised.csv";

/// `POST /api/success/import/{file}`: one CSV table.
pub fn import_table(store: &Store, request: &Request, file: &str) -> Response {
    if media_type(request) != "text/csv" {
        return Response::error(415, "Content-Type must be text/csv");
    }
    match split_table(file, &request.body) {
        Ok(table) => import_tables(store, vec![table], Vec::new()),
        Err(problem) => csv_problems(&[split_problem(problem)]),
    }
}

/// `POST /api/success/import` with a form: every part a CSV table named
/// by its file name. A part whose name is no table is the core's
/// "not a table" problem, answered with the others.
pub fn import_form(store: &Store, request: &Request, boundary: &str) -> Response {
    let files = match form_files(boundary, &request.body) {
        Ok(files) => files,
        Err(reason) => return Response::error(400, &format!("the form cannot be read: {reason}")),
    };
    if files.is_empty() {
        return Response::error(400, "the form holds no file");
    }
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match split_table(&file.name, file.bytes) {
            Ok(table) => tables.push(table),
            Err(problem) => problems.push(split_problem(problem)),
        }
    }
    import_tables(store, tables, problems)
}

fn split_problem(problem: SplitProblem) -> CsvProblem {
    CsvProblem {
        code: SuccessCode::InvalidValue,
        file: problem.file,
        line: problem.line,
        column: None,
        reason: problem.reason,
    }
}

/// Checks `tables` together (and against what is stored) and stores them
/// in one transaction; `problems` are the files that could not be split,
/// answered with the rows' problems of the others.
fn import_tables(store: &Store, tables: Vec<CsvTable>, mut problems: Vec<CsvProblem>) -> Response {
    if !problems.is_empty() {
        // Nothing will be stored, but the other files' problems are named
        // now rather than on the next try.
        let known = match known_ids(store) {
            Ok(known) => known,
            Err(failed) => return failed,
        };
        if let Err(more) = read_csv_import(&tables, &known) {
            problems.extend(more);
        }
        return csv_problems(&problems);
    }
    if let Some(realised) = tables.iter().find(|table| table.file == REALISED_FILE) {
        // Realised rows are checked against their linked case first
        // (outside the store's write lock: the check reads the cases
        // store), then the import is read again against the stored rows.
        let known = match known_ids(store) {
            Ok(known) => known,
            Err(failed) => return failed,
        };
        let lines: Vec<u64> = realised.records.iter().map(|record| record.line).collect();
        let import = match read_csv_import(&tables, &known) {
            Ok(import) => import,
            Err(problems) => return csv_problems(&problems),
        };
        let refusals = match check_realised(store, &import.data) {
            Ok(refusals) => refusals,
            Err(failed) => return failed,
        };
        if !refusals.is_empty() {
            // An accepted import read every record of realised.csv into a
            // realised row, in order (no other file has realised rows).
            let problems: Vec<CsvProblem> = refusals
                .into_iter()
                .map(|refusal| CsvProblem {
                    code: SuccessCode::UnknownReference,
                    file: REALISED_FILE.to_string(),
                    line: lines.get(refusal.row).copied().unwrap_or(0),
                    column: Some(refusal.field.to_string()),
                    reason: refusal.reason,
                })
                .collect();
            return csv_problems(&problems);
        }
    }
    let ids = match current_settings_ids(store) {
        Ok(ids) => ids,
        Err(failed) => return failed,
    };
    checked_import(
        store,
        &csv_stored_keys(&tables),
        |known| read_csv_import(&tables, &known.clone().with_settings_ids(ids)),
        |problems| csv_problems(&problems),
    )
}
