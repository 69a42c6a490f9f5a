//! `yardstick-success`: the nightly batch scorer. Reads the success CSV
//! exports of docs/success.md from a folder (each documented file that is
//! present) and a settings JSON, and writes one CSV row per account at a
//! date: `account, stage, score, grade, coverage`.
//!
//! The score, grade and coverage are the core's health table
//! (`success::health::HealthTable`) on the one snapshot date `--as-of`:
//! the score with 2 decimals, the grade's word (`at_risk`), coverage 0 to 1
//! with 4 decimals. They are empty where the core has no score (no
//! scorecard for the stage, no measure with data, or before the contract);
//! a churned account keeps the score frozen at its churn date.
//!
//! Exit codes: 0 written; 1 the data or settings have problems (every one
//! on stderr, one a line, nothing written); 2 a usage or I/O error.

#[path = "../success_csv.rs"]
mod success_csv;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use success_csv::{split_table, SUCCESS_FILES};
use yardstick_core::success::csv_rows::{read_csv_import, CsvTable};
use yardstick_core::success::data::{KnownIds, Renewal};
use yardstick_core::success::date::Date;
use yardstick_core::success::health::{HealthCell, HealthError, HealthTable};
use yardstick_core::success::settings_read::read_settings;
use yardstick_core::success::signal_index::SignalIndex;
use yardstick_core::success::stages::AccountTimeline;
use yardstick_json_text::node_from_json;

const USAGE: &str =
    "usage: yardstick-success --data FOLDER --settings FILE --as-of YYYY-MM-DD [--out FILE]";
/// Largest CSV file or settings file read, as the server's import limit.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

struct Arguments {
    data: PathBuf,
    settings: PathBuf,
    as_of: Date,
    out: Option<PathBuf>,
}

fn parse_arguments(args: impl IntoIterator<Item = String>) -> Result<Arguments, String> {
    let (mut data, mut settings, mut as_of, mut out) = (None, None, None, None);
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => data = Some(PathBuf::from(value()?)),
            "--settings" => settings = Some(PathBuf::from(value()?)),
            "--as-of" => {
                let text = value()?;
                as_of = Some(Date::parse(&text).ok_or(format!("--as-of {text}: not a date"))?);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Arguments {
        data: data.ok_or("--data is required")?,
        settings: settings.ok_or("--settings is required")?,
        as_of: as_of.ok_or("--as-of is required")?,
        out,
    })
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|err| format!("{}: {err}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!("{}: larger than 64 MiB", path.display()));
    }
    std::fs::read(path).map_err(|err| format!("{}: {err}", path.display()))
}

/// Why the run failed: problems with the input (exit 1) or else (exit 2).
enum Failure {
    Problems(Vec<String>),
    Usage(String),
}

fn run(arguments: &Arguments) -> Result<String, Failure> {
    let settings_bytes = read_bounded(&arguments.settings).map_err(Failure::Usage)?;
    let settings_text = String::from_utf8(settings_bytes)
        .map_err(|_| Failure::Problems(vec!["settings: not UTF-8".to_string()]))?;
    let settings_node = node_from_json(&settings_text)
        .map_err(|err| Failure::Problems(vec![format!("settings: not JSON: {err}")]))?;
    let settings = read_settings(&settings_node).map_err(|problems| {
        Failure::Problems(
            problems
                .iter()
                .map(|p| format!("settings: {}: {}", p.path, p.message))
                .collect(),
        )
    })?;
    let mut tables: Vec<CsvTable> = Vec::new();
    let mut problems = Vec::new();
    for file in SUCCESS_FILES {
        let path = arguments.data.join(file);
        if !path.is_file() {
            continue;
        }
        let bytes = read_bounded(&path).map_err(Failure::Usage)?;
        match split_table(file, &bytes) {
            Ok(table) => tables.push(table),
            Err(problem) => problems.push(format!(
                "{} line {}: {}",
                problem.file, problem.line, problem.reason
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    if tables.is_empty() {
        return Err(Failure::Usage(format!(
            "{}: none of {} found",
            arguments.data.display(),
            SUCCESS_FILES.join(", ")
        )));
    }
    let import = read_csv_import(&tables, &KnownIds::default()).map_err(|problems| {
        Failure::Problems(problems.iter().map(ToString::to_string).collect())
    })?;
    let data = import.data;
    // Each account's renewals grouped once, so the work is linear in rows.
    let mut renewals_of: HashMap<&str, Vec<Renewal>> = HashMap::new();
    for renewal in &data.renewals {
        renewals_of
            .entry(renewal.account.as_str())
            .or_default()
            .push(renewal.clone());
    }
    let index = SignalIndex::new(&data);
    let table = HealthTable::build(&data, &index, &settings, &[arguments.as_of])
        .map_err(|err| Failure::Problems(vec![health_problem(&err)]))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["account", "stage", "score", "grade", "coverage"];
    let written = writer
        .write_record(header)
        .map_err(|e| Failure::Usage(e.to_string()));
    written?;
    for (row, account) in data.accounts.iter().enumerate() {
        let own = renewals_of
            .get(account.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let timeline = AccountTimeline::new(account, settings.stages, own);
        let stage = match timeline.stage_on(arguments.as_of) {
            Some(stage) => stage.as_str(),
            None if timeline.churned_on().is_some_and(|d| d <= arguments.as_of) => "churned",
            None => "not_started",
        };
        let [score, grade, coverage] = score_columns(table.cell(row, 0));
        writer
            .write_record([account.id.as_str(), stage, &score, &grade, &coverage])
            .map_err(|e| Failure::Usage(e.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Failure::Usage(e.to_string()))
}

/// A health table the core refuses, in words.
fn health_problem(error: &HealthError) -> String {
    match error {
        HealthError::TooLarge { slots } => format!(
            "health: accounts × measures is {slots}, more than the table's limit of {}",
            yardstick_core::success::health::MAX_TABLE_SLOTS
        ),
        HealthError::Weights(message) | HealthError::Measure(message) => {
            format!("health: {message}")
        }
    }
}

/// The score (2 decimals), grade and coverage (4 decimals) of a cell, all
/// three empty when the core has no score.
fn score_columns(cell: Option<&HealthCell>) -> [String; 3] {
    match cell.and_then(|cell| Some((cell.score?, cell.grade?, cell.coverage))) {
        Some((score, grade, coverage)) => [
            format!("{score:.2}"),
            grade.as_str().to_string(),
            format!("{coverage:.4}"),
        ],
        None => [String::new(), String::new(), String::new()],
    }
}

fn main() -> ExitCode {
    let arguments = match parse_arguments(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("yardstick-success: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&arguments) {
        Ok(csv) => {
            let written = match &arguments.out {
                Some(path) => std::fs::write(path, csv.as_bytes()),
                None => std::io::stdout().write_all(csv.as_bytes()),
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("yardstick-success: cannot write: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Err(Failure::Problems(problems)) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("yardstick-success: {message}");
            ExitCode::from(2)
        }
    }
}
