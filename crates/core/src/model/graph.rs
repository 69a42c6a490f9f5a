//! The dependency graph of a model's calculations and outputs: strongly
//! connected components in evaluation order, and the cycles that make a
//! model invalid.
//!
//! A component is fine when it is one scalar that does not read itself, or
//! a group of series whose same-period dependencies have no cycle (they may
//! read each other's previous period through PREV). Everything here is
//! iterative, so a chain of 2,000 calculations cannot overflow the stack.

/// One dependency: node `on` is read, in the same period or the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The node read.
    pub on: usize,
    /// True when it is read in the previous period (through PREV).
    pub lagged: bool,
}

/// Strongly connected components of `depends_on` (node → the nodes it
/// reads), each listed after every component it depends on (Tarjan's
/// algorithm, iterative).
pub fn components_in_evaluation_order(depends_on: &[Vec<Edge>]) -> Vec<Vec<usize>> {
    let count = depends_on.len();
    let mut index_of: Vec<Option<usize>> = vec![None; count];
    let mut low: Vec<usize> = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0;
    for root in 0..count {
        if index_of.get(root).copied().flatten().is_some() {
            continue;
        }
        // Each frame: the node and how many of its edges were explored.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&(node, edge_position)) = frames.last() {
            if edge_position == 0 && index_of.get(node).copied().flatten().is_none() {
                set(&mut index_of, node, Some(next_index));
                set(&mut low, node, next_index);
                next_index += 1;
                stack.push(node);
                set(&mut on_stack, node, true);
            }
            let edges = depends_on.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(edge) = edges.get(edge_position) {
                if let Some(top) = frames.last_mut() {
                    top.1 += 1;
                }
                let next = edge.on;
                match index_of.get(next).copied().flatten() {
                    None => frames.push((next, 0)),
                    Some(next_index_value) if on_stack.get(next).copied().unwrap_or(false) => {
                        let current = low.get(node).copied().unwrap_or(0);
                        set(&mut low, node, current.min(next_index_value));
                    }
                    Some(_) => {}
                }
                continue;
            }
            frames.pop();
            let node_low = low.get(node).copied().unwrap_or(0);
            if let Some(&(parent, _)) = frames.last() {
                let parent_low = low.get(parent).copied().unwrap_or(0);
                set(&mut low, parent, parent_low.min(node_low));
            }
            if Some(node_low) == index_of.get(node).copied().flatten() {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.reverse();
                components.push(component);
            }
        }
    }
    components
}

fn set<T>(values: &mut [T], index: usize, value: T) {
    if let Some(slot) = values.get_mut(index) {
        *slot = value;
    }
}

/// Orders `members` so each comes after the members it reads in the same
/// period (Kahn's algorithm). `Err` holds a cycle of same-period reads.
pub fn same_period_order(
    members: &[usize],
    depends_on: &[Vec<Edge>],
) -> Result<Vec<usize>, Vec<usize>> {
    let inside = |node: usize| members.contains(&node);
    let same_period_reads = |node: usize| -> Vec<usize> {
        let mut nodes = Vec::new();
        for edge in depends_on.get(node).map_or(&[][..], Vec::as_slice) {
            if !edge.lagged && inside(edge.on) {
                nodes.push(edge.on);
            }
        }
        nodes
    };
    let mut remaining: Vec<usize> = members.to_vec();
    let mut ordered = Vec::with_capacity(members.len());
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|&node| {
            same_period_reads(node)
                .iter()
                .all(|read| ordered.contains(read))
        });
        match ready {
            Some(position) => ordered.push(remaining.remove(position)),
            None => return Err(find_cycle(&remaining, &same_period_reads)),
        }
    }
    Ok(ordered)
}

/// A cycle among `nodes`, following `reads` from the first node until a
/// node repeats; the cycle's nodes in order.
pub fn find_cycle(nodes: &[usize], reads: &dyn Fn(usize) -> Vec<usize>) -> Vec<usize> {
    let Some(&start) = nodes.first() else {
        return Vec::new();
    };
    let mut path = vec![start];
    let mut current = start;
    for _ in 0..=nodes.len() {
        let Some(next) = reads(current).into_iter().find(|n| nodes.contains(n)) else {
            break;
        };
        if let Some(position) = path.iter().position(|&n| n == next) {
            return path.split_off(position);
        }
        path.push(next);
        current = next;
    }
    path
}

#[cfg(test)]
#[path = "graph_test.rs"]
mod tests;
