//! Stable sorting in little code.
//!
//! The standard library's stable sort (driftsort) is fast but adds a few
//! kilobytes of wasm for every element type and comparison it is used
//! with. The engine sorts short lists (object keys for hashing, a tornado's
//! rows, a project's stage events), so here one bottom-up merge sort over
//! indices serves every call: O(n log n), stable, and compiled once.

/// Sorts `items` stably: `less(a, b)` says whether `a` goes before `b`, and
/// items neither before the other keep their order.
pub fn sort_by<T>(items: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let order = {
        let before = |a: usize, b: usize| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => less(a, b),
            _ => false,
        };
        sorted_indices(items.len(), &before)
    };
    // Plain loops: this function is generic, so every chain would be
    // compiled once per item type.
    let mut slots: Vec<Option<T>> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        slots.push(Some(item));
    }
    for index in order {
        if let Some(item) = slots.get_mut(index).and_then(Option::take) {
            items.push(item);
        }
    }
}

/// The indices `0..len` in stable sorted order by `less` on indices, by a
/// bottom-up merge sort; for callers that read items by index anyway.
pub fn sorted_indices(len: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(len);
    let mut width = 1;
    while width < len {
        merged.clear();
        let mut start = 0;
        while start < len {
            let middle = start.saturating_add(width).min(len);
            let end = middle.saturating_add(width).min(len);
            let (mut left, mut right) = (start, middle);
            while let Some(&a) = order.get(left).filter(|_| left < middle) {
                match order.get(right).filter(|_| right < end) {
                    // Only a strictly smaller right item goes first: stable.
                    Some(&b) if less(b, a) => {
                        merged.push(b);
                        right += 1;
                    }
                    _ => {
                        merged.push(a);
                        left += 1;
                    }
                }
            }
            merged.extend_from_slice(order.get(left..middle).unwrap_or_default());
            merged.extend_from_slice(order.get(right..end).unwrap_or_default());
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

#[cfg(test)]
#[path = "small_sort_test.rs"]
mod tests;
