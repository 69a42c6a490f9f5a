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

/// The most items of a list an id is compared with: the longest list a
/// model may have (`read::MAX_CALCULATIONS`). A longer list is refused
/// anyway, its items past the bound are never read, and an editor looking
/// for the first item with an id still finds the one named.
pub const MAX_ITEMS_COMPARED: usize = super::read::MAX_CALCULATIONS;

/// The top-level lists whose items have ids.
const ITEM_LISTS: [&str; 5] = ["inputs", "calculations", "outputs", "scenarios", "charts"];

/// Names, in every path of `diagnostics` that goes through an item of one
/// of `document`'s top-level lists, that item by its id where the id names
/// it exactly (see the module's comment).
///
/// Work: one scan of at most [`MAX_ITEMS_COMPARED`] items per run of
/// diagnostics about the same item (they come item by item).
pub fn name_items(diagnostics: &mut [ModelDiagnostic], document: &Node) {
    // The last item looked up and its name: a plain cache, since the
    // diagnostics of one item come together.
    let mut last: Option<(&str, usize, Option<&str>)> = None;
    for diagnostic in diagnostics.iter_mut() {
        let Some((list, index)) = item_of(&diagnostic.path) else {
            continue;
        };
        let name = match last {
            Some((last_list, last_index, name)) if last_list == list && last_index == index => name,
            _ => {
                let name = unique_id(document, list, index);
                last = Some((list, index, name));
                name
            }
        };
        if let Some(id) = name {
            diagnostic.path.name_item(id);
        }
    }
}

/// The list and position of the item `path` goes through, unless the path
/// is that item's `id` field itself (or already names the item).
fn item_of(path: &ModelPath) -> Option<(&'static str, usize)> {
    let (key, index, rest) = match path.segments() {
        [PathSegment::Key(key), PathSegment::Index(index), rest @ ..] => (key, *index, rest),
        _ => return None,
    };
    if matches!(rest, [PathSegment::Key(field)] if field == "id") {
        return None;
    }
    ITEM_LISTS
        .into_iter()
        .find(|list| list == key)
        .map(|list| (list, index))
}

/// The id of item `index` of `list` when it is valid and no other item of
/// the list has it (ignoring case).
fn unique_id<'a>(document: &'a Node, list: &str, index: usize) -> Option<&'a str> {
    let Some(Node::List(items)) = document.get(list) else {
        return None;
    };
    let id = match items.get(index)?.get("id")? {
        Node::Text(id) if is_valid_id(id) => id.as_str(),
        _ => return None,
    };
    let mut uses = 0;
    for item in items.iter().take(MAX_ITEMS_COMPARED) {
        if matches!(item.get("id"), Some(Node::Text(other)) if other.eq_ignore_ascii_case(id)) {
            uses += 1;
        }
    }
    (uses == 1).then_some(id)
}
