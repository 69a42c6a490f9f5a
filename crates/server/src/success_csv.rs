//! Splits a success CSV file (docs/success.md, "As CSV") into the header
//! and records with their line numbers, for the core's
//! `success::csv_rows::read_csv_import`, which checks every cell. RFC 4180
//! quoting is the `csv` crate's; records of a different length than the
//! header reach the core, which names them.

use yardstick_core::success::csv_rows::{CsvRecord, CsvTable};

/// The documented file names, in import order.
pub const SUCCESS_FILES: [&str; 10] = [
    "accounts.csv",
    "signals.csv",
    "events.csv",
    "outcomes.csv",
    "outcome_actuals.csv",
    "outcome_renegotiations.csv",
    "renewals.csv",
    "realised.csv",
    "checklist.csv",
    "plays.csv",
];

/// Why a file could not be split: not UTF-8 or broken quoting, at a line.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitProblem {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

/// The table of `file`: its first record is the header. An empty file is a
/// table without header, which the core refuses by name.
pub fn split_table(file: &str, bytes: &[u8]) -> Result<CsvTable, SplitProblem> {
    // A UTF-8 byte-order mark (spreadsheet exports add one) is not a cell.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut header = Vec::new();
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                let line = record
                    .position()
                    .map_or(line, |at| first_line_with_text(bytes, at));
                if header.is_empty() && records.is_empty() && line == 1 {
                    header = cells;
                } else {
                    records.push(CsvRecord { line, cells });
                }
            }
            Err(err) => {
                let line = err.position().map_or(line, csv::Position::line);
                let reason = match err.kind() {
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
                    _ => format!("cannot split the CSV: {err}"),
                };
                return Err(SplitProblem {
                    file: file.to_string(),
                    line,
                    reason,
                });
            }
        }
    }
    Ok(CsvTable {
        file: file.to_string(),
        header,
        records,
    })
}

/// The line a record's text starts on. The `csv` crate skips blank lines
/// before a record and counts its position from the first of them, so the
/// line breaks between there and the record's first byte are added.
fn first_line_with_text(bytes: &[u8], at: &csv::Position) -> u64 {
    let from = usize::try_from(at.byte()).unwrap_or(usize::MAX);
    let blank_lines = bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|byte| matches!(byte, b'\n' | b'\r'))
        .filter(|byte| **byte == b'\n')
        .count();
    at.line().saturating_add(blank_lines as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_quoted_commas_and_line_numbers() {
        let text = "account,date,kind,note\nacme,2025-06-02,call,\"a, b\"\n\nacme,2025-06-03,call,\"two\nlines\"\nacme,2025-06-04,call,x\n";
        let table = split_table("events.csv", text.as_bytes()).expect("splits");
        assert_eq!(table.header, ["account", "date", "kind", "note"]);
        let lines: Vec<u64> = table.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(table.records[0].cells[3], "a, b");
        assert_eq!(table.records[1].cells[3], "two\nlines");
    }

    #[test]
    fn refuses_bytes_that_are_not_utf8_at_their_line() {
        let problem = split_table("events.csv", b"account,date\nac\xFFme,2025-01-01\n")
            .expect_err("not UTF-8");
        assert_eq!((problem.line, problem.reason.as_str()), (2, "not UTF-8"));
    }
}
