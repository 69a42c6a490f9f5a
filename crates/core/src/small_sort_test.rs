use super::*;

#[test]
fn sorts_like_the_standard_stable_sort() {
    let mut state = 7_u32;
    for len in [0, 1, 2, 3, 5, 8, 13, 100, 1000] {
        let items: Vec<(u32, usize)> = (0..len)
            .map(|index| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((state >> 16) % 17, index)
            })
            .collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0 < b.0);
        let mut std = items;
        std.sort_by_key(|item| item.0);
        assert_eq!(ours, std, "{len} items");
    }
}

#[test]
fn moves_items_that_are_not_copy() {
    let mut words: Vec<String> = ["pear", "fig", "apple", "kiwi"].map(String::from).to_vec();
    sort_by(&mut words, |a, b| a.len() < b.len());
    assert_eq!(words, ["fig", "pear", "kiwi", "apple"]);
}
