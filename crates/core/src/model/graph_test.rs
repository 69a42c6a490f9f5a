//! Unit tests of `model::graph`.

use super::*;

fn same(on: usize) -> Edge {
    Edge { on, lagged: false }
}

fn lagged(on: usize) -> Edge {
    Edge { on, lagged: true }
}

#[test]
fn components_come_after_what_they_read() {
    // 0 reads 1, 1 reads 2; 3 and 4 read each other.
    let graph = vec![
        vec![same(1)],
        vec![same(2)],
        vec![],
        vec![same(4)],
        vec![same(3)],
    ];
    let components = components_in_evaluation_order(&graph);
    let position = |n: usize| components.iter().position(|c| c.contains(&n)).unwrap();
    assert!(position(2) < position(1) && position(1) < position(0));
    assert_eq!(
        components.iter().find(|c| c.len() == 2).map(|c| c.len()),
        Some(2)
    );
}

#[test]
fn lagged_cycles_order_and_same_period_cycles_fail() {
    // a reads PREV(b), b reads a: fine, b after a.
    let graph = vec![vec![lagged(1)], vec![same(0)]];
    assert_eq!(same_period_order(&[0, 1], &graph), Ok(vec![0, 1]));
    let cyclic = vec![vec![same(1)], vec![same(2)], vec![same(0)]];
    let cycle = same_period_order(&[0, 1, 2], &cyclic).unwrap_err();
    assert_eq!(cycle.len(), 3);
}

#[test]
fn deep_chains_do_not_recurse() {
    let graph: Vec<Vec<Edge>> = (0..50_000)
        .map(|i| if i == 0 { vec![] } else { vec![same(i - 1)] })
        .collect();
    let components = components_in_evaluation_order(&graph);
    assert_eq!(components.len(), 50_000);
    assert_eq!(components[0], vec![0]);
}
