//! Names the items of a model document's top-level lists by their ids in
//! diagnostics' paths: `inputs[2].max` becomes `inputs[team_size].max`, the
//! path an author recognises. Only where the name is exact: the item's id
//! is a valid id and no other item of its list has it (ignoring case, as
//! formulas read ids), and the problem is not the id itself (an invalid or
//! repeated `id` keeps `inputs[2].id`, the only unambiguous name it has).
//! The step keeps its position, so `ModelPath::find` still follows it.
//!
//! It only rewrites paths; it never adds, drops or rewords a diagnostic.

use super::diagnostic::{ModelDiagnostic, ModelPath, PathSegment};
use super::fields::is_valid_id;
use crate::json::Node;
use crate::name_table::previous_uses;

/// The top-level lists whose items have ids.
const ITEM_LISTS: [&str; 5] = ["inputs", "calculations", "outputs", "scenarios", "charts"];

/// Names, in every path of `diagnostics` that goes through an item of one
/// of `document`'s top-level lists, that item by its id where the id names
/// it exactly (see the module's comment). Work: one sort per list that has
/// a diagnostic, then one step per diagnostic.
pub fn name_items(diagnostics: &mut [ModelDiagnostic], document: &Node) {
    for list in ITEM_LISTS {
        let Some(Node::List(items)) = document.get(list) else {
            continue;
        };
        if !diagnostics
            .iter()
            .any(|d| item_index(&d.path, list).is_some())
        {
            continue;
        }
        let names = unique_ids(items);
        for diagnostic in diagnostics.iter_mut() {
            let name = item_index(&diagnostic.path, list).and_then(|i| names.get(i).copied());
            if let Some(Some(id)) = name {
                diagnostic.path.name_item(id);
            }
        }
    }
}

/// The position of the item of `list` that `path` goes through, unless the
/// path is that item's `id` field itself (or already names the item).
fn item_index(path: &ModelPath, list: &str) -> Option<usize> {
    match path.segments() {
        [PathSegment::Key(key), PathSegment::Index(_), PathSegment::Key(field)]
            if key == list && field == "id" =>
        {
            None
        }
        [PathSegment::Key(key), PathSegment::Index(index), ..] if key == list => Some(*index),
        _ => None,
    }
}

/// For each item, its id when that id is valid and no other item of the
/// list has it (ignoring case).
fn unique_ids(items: &[Node]) -> Vec<Option<&str>> {
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        ids.push(match item.get("id") {
            Some(Node::Text(id)) if is_valid_id(id) => Some(id.as_str()),
            _ => None,
        });
    }
    // Invalid or absent ids compare as "" and are never named anyway.
    let mut lower = Vec::with_capacity(ids.len());
    for id in &ids {
        lower.push(id.map(str::to_ascii_lowercase).unwrap_or_default());
    }
    let mut keys = Vec::with_capacity(lower.len());
    for key in &lower {
        keys.push(key.as_str());
    }
    for (later, earlier) in previous_uses(&keys).into_iter().enumerate() {
        if let Some(earlier) = earlier {
            for position in [earlier, later] {
                if let Some(id) = ids.get_mut(position) {
                    *id = None;
                }
            }
        }
    }
    ids
}
