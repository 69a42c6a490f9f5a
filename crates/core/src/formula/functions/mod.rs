//! The function library: one table per category, a registry that finds a
//! function by name, and the metadata the playground's autocomplete shows.
//!
//! Each category module exports `FUNCTIONS: &[FunctionSpec]`. Functions never
//! panic: bad arguments become Excel error values.

pub mod args;
pub mod criteria;
pub mod date;
pub mod date_count;
pub mod date_serial;
pub mod depreciation;
pub mod financial;
mod help;
pub mod let_function;
pub mod logical;
pub mod lookup;
pub mod math;
pub mod math_extra;
pub mod model;
pub mod rounding;
pub mod slicing;
pub mod statistics;
mod summaries;
#[path = "testing_test.rs"]
pub mod testing;
pub mod text;
pub mod text_format;
pub mod wildcard;

pub use super::ast::FunctionId;
pub use super::calling::{Category, FunctionSpec, Implementation, MAX_ARGUMENTS};

/// All category tables, in the order the playground lists them.
fn tables() -> [&'static [FunctionSpec]; 14] {
    [
        financial::FUNCTIONS,
        depreciation::FUNCTIONS,
        math::FUNCTIONS,
        math_extra::FUNCTIONS,
        criteria::FUNCTIONS,
        statistics::FUNCTIONS,
        logical::FUNCTIONS,
        let_function::FUNCTIONS,
        date::FUNCTIONS,
        date_count::FUNCTIONS,
        text::FUNCTIONS,
        lookup::FUNCTIONS,
        slicing::FUNCTIONS,
        model::FUNCTIONS,
    ]
}

/// Every supported function.
pub fn all() -> impl Iterator<Item = &'static FunctionSpec> {
    tables().into_iter().flatten()
}

/// The id of the function named `name`, case-insensitively: its position
/// in table order. A linear scan of about 60 names, once per call in a
/// formula at parse time; sorting the registry for a binary search would
/// cost kilobytes of wasm.
pub fn find_id(name: &str) -> Option<FunctionId> {
    // Plain loops rather than `all().position(..)`: the flattening adapter
    // costs more wasm than the lookup itself.
    let mut index: u16 = 0;
    for table in tables() {
        for spec in table {
            if spec.name.eq_ignore_ascii_case(name) {
                return Some(FunctionId(index));
            }
            index = index.wrapping_add(1);
        }
    }
    None
}

/// The function an id stands for: at most one step per table, so
/// no registry has to be collected (and kept) at startup.
pub fn by_id(id: FunctionId) -> Option<&'static FunctionSpec> {
    let mut index = usize::from(id.0);
    for table in tables() {
        match table.get(index) {
            Some(spec) => return Some(spec),
            None => index -= table.len(),
        }
    }
    None
}

/// The one-sentence summary of the function named `name` (upper case), for
/// listings such as the playground's reference; kept apart from
/// [`FunctionSpec`] and from the help rows, so no wasm build carries the
/// text (the site reads `www/function-summaries.json`, written from this).
pub fn summary(name: &str) -> Option<&'static str> {
    summaries::SUMMARIES
        .iter()
        .find(|(function, _)| *function == name)
        .map(|(_, summary)| *summary)
}

/// Every function's summary as the JSON object the site serves
/// (`www/function-summaries.json`): one `"NAME": "summary"` entry per
/// line, in the tables' order. `cargo run -p yardstick-core --example
/// function_summaries` prints it; a test keeps the file equal to it.
pub fn summaries_json() -> String {
    let mut text = String::from("{\n");
    let mut first = true;
    for spec in all() {
        if !first {
            text.push_str(",\n");
        }
        first = false;
        text.push_str("  ");
        text.push_str(&crate::json::canonical_json(&crate::json::Node::Text(
            spec.name.to_string(),
        )));
        text.push_str(": ");
        let summary = summary(spec.name).unwrap_or_default();
        text.push_str(&crate::json::canonical_json(&crate::json::Node::Text(
            summary.to_string(),
        )));
    }
    text.push_str("\n}\n");
    text
}

/// The signature of the function named `name` (upper case) as shown to
/// users, such as `PMT(rate, nper, pv, [fv], [type])`: its [`parameters`]
/// in parentheses. Kept apart from [`FunctionSpec`] like [`summary`].
pub fn signature(name: &str) -> Option<String> {
    let (name, parameters) = help_row(name)?;
    // Pushed piece by piece rather than `format!` and `str::replace`: the
    // wasm then needs neither for this one listing.
    let mut text = String::with_capacity(name.len() + parameters.len() * 2 + 2);
    text.push_str(name);
    text.push('(');
    for (index, parameter) in parameters.split('|').enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        text.push_str(parameter);
    }
    text.push(')');
    Some(text)
}

/// The parameters of the function named `name` (upper case), in order, as
/// shown to users: `[fv]` is optional, and a `...` entry says that the
/// parameter before it repeats. Kept apart from [`FunctionSpec`] like
/// [`summary`].
pub fn parameters(name: &str) -> Option<Parameters> {
    help_row(name).map(|(_, parameters)| parameters.split('|'))
}

/// The parameters of one function, in order (see [`parameters`]).
pub type Parameters = std::str::Split<'static, char>;

/// The help row of the function named `name` (upper case): its name and
/// its `|`-joined parameters.
pub(crate) fn help_row(name: &str) -> Option<&'static help::HelpRow> {
    help::HELP.iter().find(|(function, _)| *function == name)
}

/// Finds a function by name, case-insensitively.
pub fn find(name: &str) -> Option<&'static FunctionSpec> {
    find_id(name).and_then(by_id)
}

/// The known function name closest to `name`, for "did you mean" hints.
pub fn suggest(name: &str) -> Option<&'static str> {
    closest(name, all().map(|spec| spec.name))
}

/// The candidate closest to `wanted` (case-insensitively), when it is close
/// enough to be a likely typo: at most 2 edits, or a third of its length.
pub fn closest<'a>(wanted: &str, mut candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    closest_of(wanted, &mut candidates)
}

/// [`closest`] over a trait object, so its body is compiled once for every
/// kind of candidate list.
fn closest_of<'a>(wanted: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    // The first of the nearest, as `min_by_key` would; a plain loop.
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&wanted, &candidate.to_ascii_lowercase());
        if distance <= 2.max(candidate.len() / 3) && best.map_or(true, |(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters, one row of the table at a time;
/// names are short, so the quadratic work is cheap.
pub fn edit_distance(a: &str, b: &str) -> usize {
    // row[j]: the distance between the prefix of `a` read so far and the
    // first j characters of `b`.
    // 0..=len(b) in characters, counted as they come: `chars().count()`
    // links a 1 KB counter into the wasm.
    let mut row = vec![0usize];
    for _ in b.chars() {
        row.push(row.len());
    }
    for (i, a_char) in a.chars().enumerate() {
        // The previous row's value at j - 1, and the new row's at j - 1.
        let mut diagonal = i;
        let mut left = i + 1;
        for (cell, b_char) in row.iter_mut().skip(1).zip(b.chars()) {
            let substitution = diagonal + usize::from(a_char != b_char);
            let value = substitution.min(*cell + 1).min(left + 1);
            diagonal = *cell;
            *cell = value;
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_upper_case_and_arities_sane() {
        let mut seen = std::collections::HashSet::new();
        for spec in all() {
            assert!(seen.insert(spec.name), "duplicate function {}", spec.name);
            assert_eq!(spec.name, spec.name.to_ascii_uppercase());
            assert!(spec.min_args <= spec.max_args, "{}", spec.name);
            assert!(spec.max_args <= MAX_ARGUMENTS, "{}", spec.name);
            assert!(
                signature(spec.name).is_some_and(|s| s.starts_with(&format!("{}(", spec.name))),
                "{}",
                spec.name
            );
            assert!(
                summary(spec.name).is_some_and(|s| !s.is_empty()),
                "{}",
                spec.name
            );
        }
        assert_eq!(help::HELP.len(), all().count(), "one help row per function");
        assert_eq!(
            summaries::SUMMARIES.len(),
            all().count(),
            "one summary per function"
        );
    }

    #[test]
    fn a_signature_lists_the_parameters_in_parentheses() {
        assert_eq!(
            signature("PMT").as_deref(),
            Some("PMT(rate, nper, pv, [fv], [type])")
        );
        assert_eq!(
            signature("NPV").as_deref(),
            Some("NPV(rate, value1, [value2], ...)")
        );
        assert_eq!(signature("NOSUCHFUNCTION"), None);
    }

    #[test]
    fn lookup_is_case_insensitive_and_suggests_near_names() {
        assert_eq!(find("npv").map(|s| s.name), Some("NPV"));
        assert_eq!(suggest("XIR"), Some("XIRR"));
        assert_eq!(suggest("SUMM"), Some("SUM"));
        assert_eq!(suggest("COMPLETELYUNKNOWN"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn every_id_leads_back_to_its_function() {
        for (index, spec) in (0u16..).zip(all()) {
            let id = find_id(spec.name);
            assert_eq!(id, Some(FunctionId(index)));
            assert_eq!(id.and_then(by_id).map(|s| s.name), Some(spec.name));
        }
        let past_the_end = (0u16..).zip(all()).count();
        assert!(u16::try_from(past_the_end).is_ok_and(|end| by_id(FunctionId(end)).is_none()));
    }

    /// The full-table Levenshtein distance, to check the one-row version.
    fn reference_distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitution = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = substitution
                    .min(table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1);
            }
        }
        table[a.len()][b.len()]
    }

    #[test]
    fn edit_distance_matches_the_full_table() {
        let words = [
            "", "a", "ab", "ba", "abc", "xirr", "XIRR", "irr", "sum", "summ", "ümlaut", "umlaut",
            "kitten", "sitting", "flaw", "lawn", "revenue", "revnue", "éé", "e",
        ];
        for a in words {
            for b in words {
                assert_eq!(edit_distance(a, b), reference_distance(a, b), "{a} / {b}");
            }
        }
    }
}
