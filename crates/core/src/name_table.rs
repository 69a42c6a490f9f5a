//! Name lookups without std's hash maps.
//!
//! `HashMap` and `HashSet` bring hashbrown and SipHash into the wasm (about
//! 2 KB gzipped), for tables of a few thousand names at most that are
//! built once. A sorted vector with binary search answers the same
//! questions in O(log n), and its code is one sort (`small_sort`) and one
//! search shared by every caller.

use crate::small_sort::sorted_indices;
use std::cmp::Ordering;

/// A map from names to indices, built once, looked up by exact name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameTable {
    /// Sorted by name, one entry per name.
    entries: Vec<(String, usize)>,
}

impl NameTable {
    /// The table of `(name, index)` pairs. When a name comes more than once
    /// the last pair wins, as when collecting into a `HashMap`.
    pub fn new(pairs: Vec<(String, usize)>) -> NameTable {
        let before = |a: usize, b: usize| match (pairs.get(a), pairs.get(b)) {
            (Some((a, _)), Some((b, _))) => a < b,
            _ => false,
        };
        let order = sorted_indices(pairs.len(), &before);
        let mut slots: Vec<Option<(String, usize)>> = Vec::with_capacity(pairs.len());
        for pair in &pairs {
            slots.push(Some(pair.clone()));
        }
        let mut entries: Vec<(String, usize)> = Vec::with_capacity(pairs.len());
        for position in order {
            let Some(pair) = slots.get_mut(position).and_then(Option::take) else {
                debug_assert!(false, "the sort order is not a permutation at {position}");
                continue;
            };
            // The sort is stable, so a later pair with the same name comes
            // right after the earlier one and replaces it.
            match entries.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => entries.push(pair),
            }
        }
        NameTable { entries }
    }

    /// The index stored under `name`.
    pub fn get(&self, name: &str) -> Option<usize> {
        let position = self
            .entries
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
            .ok()?;
        self.entries.get(position).map(|&(_, index)| index)
    }
}

/// For each key, the position of the latest earlier equal key, if any:
/// what a duplicate check reports ("already used at ..."). Empty keys are
/// compared like any other; callers skip them if they mean "absent".
pub fn previous_uses(keys: &[&str]) -> Vec<Option<usize>> {
    let before = |a: usize, b: usize| match (keys.get(a), keys.get(b)) {
        (Some(a), Some(b)) => a.cmp(b) == Ordering::Less,
        _ => false,
    };
    // Stable: equal keys stay in their original order, side by side.
    let order = sorted_indices(keys.len(), &before);
    let mut previous = vec![None; keys.len()];
    for pair in order.windows(2) {
        if let [earlier, later] = *pair {
            if keys.get(earlier) == keys.get(later) {
                if let Some(slot) = previous.get_mut(later) {
                    *slot = Some(earlier);
                }
            }
        }
    }
    previous
}

#[cfg(test)]
#[path = "name_table_test.rs"]
mod tests;
