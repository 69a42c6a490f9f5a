//! Cell addresses and names in Excel's A1 notation: column letters,
//! absolute and relative references, quoted sheet names, and defined names
//! that Excel and LibreOffice accept (never one that reads as a cell
//! address or a function). Pure text; nothing here knows the model.

/// The letters of a 0-based column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letters(column: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(column) + 1;
    while n > 0 {
        let remainder = (n - 1) % 26;
        letters.push(char::from(b'A' + remainder as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A relative reference such as `E7` (0-based row and column).
pub fn relative(row: u32, column: u16) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// An absolute reference such as `$E$7`.
pub fn absolute(row: u32, column: u16) -> String {
    format!("${}${}", column_letters(column), row + 1)
}

/// An absolute range of one row, `$D$7:$I$7`.
pub fn row_range(row: u32, first_column: u16, last_column: u16) -> String {
    format!(
        "{}:{}",
        absolute(row, first_column),
        absolute(row, last_column)
    )
}

/// The prefix that points a reference at `sheet` from another sheet:
/// `'Scenario 1'!`, quoted always (Excel accepts quotes on any name).
pub fn sheet_prefix(sheet: &str) -> String {
    format!("'{}'!", sheet.replace('\'', "''"))
}

/// Whether `name` reads as an A1 cell address (`AB12`: one to three
/// letters up to `XFD`, then a row number) or an R1C1 one (`R`, `C`,
/// `R2`, `C3`, `R1C1`), which Excel refuses as a defined name.
pub fn looks_like_cell(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters: String = upper
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let rest = &upper[letters.len()..];
    let digits_only = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
    // Three letters reach column XFD; same-length text compares as columns do.
    let is_column = letters.len() < 3 || (letters.len() == 3 && letters.as_str() <= "XFD");
    if !letters.is_empty() && is_column && digits_only {
        return true;
    }
    is_r1c1(&upper)
}

fn is_r1c1(upper: &str) -> bool {
    // R, C, Rn, Cn, RnCn (n may be absent).
    let mut chars = upper.chars().peekable();
    let mut saw_letter = false;
    for letter in ['R', 'C'] {
        if chars.peek() == Some(&letter) {
            chars.next();
            saw_letter = true;
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
        }
    }
    saw_letter && chars.next().is_none()
}

/// The defined name for an input id: the id itself when Excel and
/// LibreOffice both take it as a name, else `in_` and the id (an id that
/// reads as a cell address or a function's name).
pub fn defined_name(id: &str) -> String {
    let is_function = super::functions::is_excel_function_name(id);
    if looks_like_cell(id) || is_function {
        format!("in_{id}")
    } else {
        id.to_string()
    }
}

/// A sheet name Excel accepts: the forbidden characters `[]:*?/\` become
/// spaces and the name is cut to 31 characters.
pub fn sheet_name(wanted: &str) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c })
        .take(31)
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "Sheet".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_references() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
        assert_eq!(relative(6, 4), "E7");
        assert_eq!(absolute(6, 4), "$E$7");
        assert_eq!(row_range(6, 3, 8), "$D$7:$I$7");
        assert_eq!(sheet_prefix("It's"), "'It''s'!");
    }

    #[test]
    fn names_that_read_as_cells_or_functions_get_a_prefix() {
        for cell in ["A1", "fy2024", "XFD1", "R", "c", "R1C1", "r2", "C3"] {
            assert!(looks_like_cell(cell), "{cell}");
            assert_eq!(defined_name(cell), format!("in_{cell}"));
        }
        for fine in ["rate_", "XFE1", "abcd1", "team_size", "roi_3y", "_x"] {
            assert!(!looks_like_cell(fine), "{fine}");
        }
        assert_eq!(defined_name("team_size"), "team_size");
        assert_eq!(defined_name("npv"), "in_npv");
        assert_eq!(defined_name("Rate"), "in_Rate");
    }

    #[test]
    fn sheet_names_are_cleaned_and_cut() {
        assert_eq!(sheet_name("a/b"), "a b");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name("[]"), "Sheet");
    }
}
