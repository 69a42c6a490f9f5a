//! Excel's wildcard text patterns, as MATCH and XLOOKUP use them: `*`
//! matches any run of characters (including none), `?` any one character,
//! and `~` makes the next character literal (`~*`, `~?`, `~~`). Matching is
//! case-insensitive and covers the whole text.
//!
//! This module only matches; it never compiles regular expressions and its
//! running time is bounded by pattern length times text length.

use crate::formula::case_fold::{fold, fold_char};

/// One element of a parsed pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// `*`: any run of characters.
    AnyRun,
    /// `?`: exactly one character.
    AnyOne,
    Literal(char),
}

/// Whether `pattern` contains a wildcard or escape character, that is,
/// whether matching it differs from plain case-insensitive equality.
pub fn has_wildcards(pattern: &str) -> bool {
    pattern.contains(['*', '?', '~'])
}

/// Whether the whole of `text` matches `pattern`, ignoring case.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let tokens = tokenize(&fold(pattern));
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        chars.push(fold_char(c));
    }
    matches_tokens(&tokens, &chars)
}

fn tokenize(pattern: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        tokens.push(match c {
            '*' => Token::AnyRun,
            '?' => Token::AnyOne,
            // A trailing `~` has nothing to escape and stands for itself.
            '~' => Token::Literal(chars.next().unwrap_or('~')),
            other => Token::Literal(other),
        });
    }
    tokens
}

/// Greedy matching that backtracks only to the most recent `*`: when a
/// later token fails, that `*` absorbs one more character. Earlier stars
/// never need revisiting, which keeps the work at O(pattern x text).
fn matches_tokens(tokens: &[Token], text: &[char]) -> bool {
    let mut token_index = 0;
    let mut text_index = 0;
    // Where to resume after the last `*`: (token after it, text position).
    let mut resume: Option<(usize, usize)> = None;
    while text_index < text.len() {
        let current = text.get(text_index);
        match tokens.get(token_index) {
            Some(Token::AnyRun) => {
                resume = Some((token_index + 1, text_index));
                token_index += 1;
                continue;
            }
            Some(Token::AnyOne) => {
                token_index += 1;
                text_index += 1;
                continue;
            }
            Some(Token::Literal(expected)) if current == Some(expected) => {
                token_index += 1;
                text_index += 1;
                continue;
            }
            _ => {}
        }
        match resume {
            Some((after_star, star_text)) => {
                // Let the star swallow one more character and retry.
                resume = Some((after_star, star_text + 1));
                token_index = after_star;
                text_index = star_text + 1;
            }
            None => return false,
        }
    }
    tokens
        .get(token_index..)
        .unwrap_or_default()
        .iter()
        .all(|token| *token == Token::AnyRun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pattern: &str, text: &str, expected: bool) {
        assert_eq!(
            wildcard_match(pattern, text),
            expected,
            "wildcard_match({pattern:?}, {text:?})"
        );
    }

    #[test]
    fn stars_and_question_marks_match_like_excel() {
        check("app*", "Apple", true);
        check("*le", "apple", true);
        check("a*e", "apple", true);
        check("a*e", "apples", false);
        check("*", "", true);
        check("*", "anything", true);
        check("?", "", false);
        check("b?t", "bat", true);
        check("b?t", "boat", false);
        check("b*t", "boat", true);
        check("*a*a*", "banana", true);
        check("*x*", "banana", false);
        check("ba*na*", "banana", true);
        check("", "", true);
        check("", "a", false);
        check("ÄPFEL", "äpfel", true);
    }

    #[test]
    fn tilde_escapes_wildcards() {
        check("what~?", "what?", true);
        check("what~?", "whats", false);
        check("100~*", "100*", true);
        check("100~*", "1000", false);
        check("a~~b", "a~b", true);
        check("end~", "end~", true);
        check("~", "~", true);
    }

    #[test]
    fn detects_wildcards() {
        assert!(has_wildcards("a*"));
        assert!(has_wildcards("a?"));
        assert!(has_wildcards("~"));
        assert!(!has_wildcards("plain text"));
    }

    #[test]
    fn long_inputs_stay_fast() {
        let text = "a".repeat(5_000);
        let pattern = format!("{}b", "*a".repeat(100));
        check(&pattern, &text, false);
    }
}
