//! The value rules of docs/success.md ("Conventions") over plain values,
//! shared by the JSON reader and the CSV reader so both refuse the same
//! things with the same words: ids, texts, notes, dates, numbers, choices.
//!
//! Each check returns the value or a code and a reason; where the value
//! was found (a path or a cell) is the caller's business.

use super::date::Date;
use super::diagnostic::SuccessCode;
use crate::engagement::envelope::is_valid_id;
use crate::number_text::Plain;

/// Longest text (a name, a label, a reason), in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Largest whole number a JavaScript number holds exactly (case ids, seeds).
pub const MAX_WHOLE: f64 = 9_007_199_254_740_991.0;

/// A value, or why it is refused.
pub type Checked<T> = Result<T, (SuccessCode, String)>;

/// At most 64 characters of input, for messages.
pub fn short(text: &str) -> &str {
    match text.char_indices().nth(64) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text),
        None => text,
    }
}

/// An id: 1 to 64 of `A-Z a-z 0-9 . _ : -`, compared exactly.
pub fn id(text: &str) -> Checked<String> {
    if is_valid_id(text) {
        Ok(text.to_string())
    } else {
        Err((
            SuccessCode::InvalidId,
            format!(
                "\"{}\" is not an id: use 1 to 64 of A-Z a-z 0-9 . _ : -",
                short(text)
            ),
        ))
    }
}

/// Text, trimmed: 1 to 200 characters without line breaks, or a note (1 to
/// 2,000 characters, line breaks and tabs allowed).
pub fn text(raw: &str, note: bool) -> Checked<String> {
    let value = raw.trim();
    let max_chars = if note { MAX_NOTE_CHARS } else { MAX_TEXT_CHARS };
    let length = value.chars().count();
    let bad_control = value
        .chars()
        .any(|c| c.is_control() && !(note && matches!(c, '\n' | '\t' | '\r')));
    if length == 0 || length > max_chars || bad_control {
        let breaks = if note { "" } else { " without line breaks" };
        return Err((
            SuccessCode::InvalidValue,
            format!("must be 1 to {max_chars} characters{breaks}"),
        ));
    }
    Ok(value.to_string())
}

/// The most e-mail domains an account lists.
pub const MAX_DOMAINS: usize = 20;

/// An account's e-mail domains: host names separated by spaces
/// (`acme.com acme.de`), at most [`MAX_DOMAINS`], each 1 to 253 of
/// `a-z 0-9 . -` with a dot inside (not first or last, never two in a
/// row); capitals are lowered, and a repeated domain is kept once.
pub fn domains(raw: &str) -> Checked<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    for word in raw.split_ascii_whitespace() {
        let domain = word.to_ascii_lowercase();
        let well_formed = domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !well_formed {
            return Err((
                SuccessCode::InvalidValue,
                format!(
                    "\"{}\" is not an e-mail domain such as acme.com",
                    short(word)
                ),
            ));
        }
        if !found.contains(&domain) {
            found.push(domain);
        }
        if found.len() > MAX_DOMAINS {
            return Err((
                SuccessCode::InvalidValue,
                format!("at most {MAX_DOMAINS} domains, separated by spaces"),
            ));
        }
    }
    if found.is_empty() {
        return Err((
            SuccessCode::InvalidValue,
            "must name at least one domain such as acme.com".to_string(),
        ));
    }
    Ok(found)
}

/// A date `YYYY-MM-DD` from 1900-03-01 to 9999-12-31.
pub fn date(text: &str) -> Checked<Date> {
    Date::parse(text).ok_or_else(|| {
        (
            SuccessCode::InvalidDate,
            format!(
                "expected a date YYYY-MM-DD (1900-03-01 to 9999-12-31), found \"{}\"",
                short(text)
            ),
        )
    })
}

/// A finite number within `[min, max]`; `-0` reads as `0`.
pub fn number_in(value: f64, (min, max): (f64, f64)) -> Checked<f64> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value + 0.0)
    } else {
        Err((
            SuccessCode::OutOfRange,
            format!(
                "must be a number from {} to {}, not {}",
                Plain(min),
                Plain(max),
                Plain(value)
            ),
        ))
    }
}

/// A whole number within `[min, max]` (both whole and at most 2^53 - 1).
pub fn whole_in(value: f64, range: (f64, f64)) -> Checked<u64> {
    let value = number_in(value, range)?;
    if value.fract() != 0.0 {
        return Err((
            SuccessCode::OutOfRange,
            format!("must be a whole number, not {}", Plain(value)),
        ));
    }
    // Exact: a whole number from 0 to 2^53 - 1.
    Ok(value as u64)
}

/// A number written in a CSV cell: an optional sign, digits with an
/// optional `.` fraction and an optional exponent; nothing else (no `n/a`,
/// `inf`, thousands separators or spaces inside).
pub fn number_text(text: &str) -> Checked<f64> {
    let trimmed = text.trim();
    let plain = !trimmed.is_empty()
        && trimmed.bytes().any(|b| b.is_ascii_digit())
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    match trimmed.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => Ok(value + 0.0),
        _ => Err((
            SuccessCode::WrongType,
            format!("expected a number, found \"{}\"", short(text)),
        )),
    }
}

/// An ISO 4217 code: three capital letters.
pub fn currency(text: &str) -> Checked<String> {
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(text.to_string())
    } else {
        Err((
            SuccessCode::InvalidValue,
            format!(
                "\"{}\" is not a currency: use three capital letters such as EUR",
                short(text)
            ),
        ))
    }
}

/// One of `names`: its position.
pub fn choice(text: &str, names: &[&str]) -> Checked<usize> {
    names.iter().position(|name| *name == text).ok_or_else(|| {
        let mut message = format!("\"{}\" is not one of ", short(text));
        for (index, name) in names.iter().enumerate() {
            if index > 0 {
                message.push_str(if index + 1 == names.len() {
                    " or "
                } else {
                    ", "
                });
            }
            message.push_str(name);
        }
        (SuccessCode::InvalidValue, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_number(text: &str, expected: Option<f64>) {
        assert_eq!(number_text(text).ok(), expected, "{text}");
    }

    #[test]
    fn csv_numbers_are_plain_decimals() {
        check_number("0.42", Some(0.42));
        check_number(" -5 ", Some(-5.0));
        check_number("+1e3", Some(1000.0));
        check_number("-0", Some(0.0));
        for bad in [
            "n/a", "1,000", "0x10", "-", ".", "NaN", "inf", "infinity", "1e400", "", "1 000",
        ] {
            check_number(bad, None);
        }
    }

    #[test]
    fn texts_ids_and_choices() {
        assert_eq!(text("  Acme  ", false), Ok("Acme".to_string()));
        assert!(text("two\nlines", false).is_err());
        assert_eq!(text("two\nlines", true), Ok("two\nlines".to_string()));
        assert!(text(&"x".repeat(201), false).is_err());
        assert!(text(&"x".repeat(2000), true).is_ok());
        assert!(text("   ", true).is_err());
        assert!(id("a.b_c:d-e").is_ok());
        assert_eq!(id("a b").map_err(|e| e.0), Err(SuccessCode::InvalidId));
        assert!(id(&"x".repeat(65)).is_err());
        assert_eq!(choice("churned", &["renewed", "churned"]), Ok(1));
        assert_eq!(
            choice("won", &["a", "b", "c"]).map_err(|e| e.1),
            Err("\"won\" is not one of a, b or c".to_string())
        );
        assert_eq!(whole_in(3.0, (1.0, 5.0)), Ok(3));
        assert!(whole_in(3.5, (1.0, 5.0)).is_err());
        assert!(number_in(f64::NAN, (0.0, 1.0)).is_err());
    }
}
