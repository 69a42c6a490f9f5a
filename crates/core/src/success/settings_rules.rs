//! A health measure's `rule` in the settings, read into the scoring
//! engine's [`ScoringRule`] (docs/success.md, "Health per stage"):
//!
//! - `banded` → [`ScoringRule::Thresholds`]: bands listed from low values
//!   up, each but the last with an exclusive `below`; a value equal to a
//!   boundary belongs to the band above. The lowest band becomes a
//!   threshold at `-f64::MAX`, which every finite value reaches.
//! - `linear` → [`ScoringRule::Linear`] (`zeroAt` worst, `fullAt` best).
//! - `bounded_linear` → [`ScoringRule::ClampedLinear`]: linear, clamped
//!   to `floor` and `ceiling` points.
//!
//! Problems come back with the settings' own paths (`bands[1].below`), not
//! the engine's names; the engine's validation runs afterwards as a net.

use super::diagnostic::SuccessCode;
use super::fields::{Object, Reader};
use crate::json::Node;
use crate::model::diagnostic::ModelPath;
use crate::number_text::Plain;
use crate::scoring::{Direction, ScoringRule, ThresholdBand, MAX_THRESHOLD_BANDS};

/// The rule kinds as settings write them.
pub const RULE_KINDS: [&str; 3] = ["banded", "linear", "bounded_linear"];
/// Values a rule's thresholds may take.
pub const THRESHOLD_RANGE: (f64, f64) = (-1e15, 1e15);
const POINTS_RANGE: (f64, f64) = (0.0, 100.0);

/// Reads the rule at `path`.
pub fn read_rule(node: &Node, path: &ModelPath, reader: &mut Reader) -> Option<ScoringRule> {
    let kind = match node.get("kind") {
        Some(Node::Text(kind)) => RULE_KINDS.iter().position(|known| known == kind),
        _ => None,
    };
    let allowed: &[&str] = match kind {
        Some(0) => &["kind", "bands"],
        Some(1) => &["kind", "zeroAt", "fullAt"],
        Some(2) => &["kind", "zeroAt", "fullAt", "floor", "ceiling"],
        _ => &["kind"],
    };
    let rule = match node {
        Node::Map(entries) if kind.is_none() => {
            // Only the kind's problem: the other fields depend on it.
            let only_kind: Vec<(String, Node)> = entries
                .iter()
                .filter(|(key, _)| key == "kind")
                .cloned()
                .collect();
            let only_kind = Node::Map(only_kind);
            let object = reader.object(&only_kind, path, allowed)?;
            object.choice("kind", true, &RULE_KINDS, reader);
            return None;
        }
        _ => reader.object(node, path, allowed)?,
    };
    match kind {
        Some(0) => read_banded(&rule, reader),
        Some(1) => {
            let (worst, best) = read_line(&rule, reader)?;
            Some(ScoringRule::Linear { worst, best })
        }
        _ => {
            let line = read_line(&rule, reader);
            let floor = rule
                .number("floor", false, POINTS_RANGE, reader)
                .unwrap_or(0.0);
            let ceiling = rule
                .number("ceiling", false, POINTS_RANGE, reader)
                .unwrap_or(100.0);
            if floor > ceiling {
                let message = format!(
                    "the floor {} is above the ceiling {}",
                    Plain(floor),
                    Plain(ceiling)
                );
                reader.push(SuccessCode::InvalidValue, &rule.at("floor"), message);
            }
            let (worst, best) = line?;
            Some(ScoringRule::ClampedLinear {
                worst,
                best,
                floor_points: floor,
                ceiling_points: ceiling,
            })
        }
    }
}

fn read_line(rule: &Object<'_>, reader: &mut Reader) -> Option<(f64, f64)> {
    let zero_at = rule.number("zeroAt", true, THRESHOLD_RANGE, reader);
    let full_at = rule.number("fullAt", true, THRESHOLD_RANGE, reader);
    let (zero_at, full_at) = (zero_at?, full_at?);
    if zero_at == full_at {
        let message = format!("fullAt must differ from zeroAt ({})", Plain(zero_at));
        reader.push(SuccessCode::InvalidValue, &rule.at("fullAt"), message);
        return None;
    }
    Some((zero_at, full_at))
}

fn read_banded(rule: &Object<'_>, reader: &mut Reader) -> Option<ScoringRule> {
    let items = rule.list("bands", true, (MAX_THRESHOLD_BANDS, "bands"), reader);
    if items.is_empty() {
        if rule
            .get("bands")
            .is_some_and(|node| matches!(node, Node::List(list) if list.is_empty()))
        {
            reader.push(
                SuccessCode::InvalidValue,
                &rule.at("bands"),
                "needs at least one band",
            );
        }
        return None;
    }
    let before = reader.list.len();
    // (below, points) from low values up.
    let mut bands: Vec<(Option<f64>, f64)> = Vec::with_capacity(items.len());
    let mut previous_below: Option<f64> = None;
    for (index, node) in items.iter().enumerate() {
        let path = rule.at("bands").index(index);
        let Some(band) = reader.object(node, &path, &["below", "points"]) else {
            continue;
        };
        let last = index + 1 == items.len();
        let below = band.number("below", !last, THRESHOLD_RANGE, reader);
        if last && band.get("below").is_some() {
            let message = "the last band has no `below`: it takes every value above the others";
            reader.push(SuccessCode::InvalidValue, &band.at("below"), message);
        }
        if let (Some(below), Some(previous)) = (below, previous_below) {
            if below <= previous {
                let message = format!(
                    "bands go from low values up: {} must be above the previous band's {}",
                    Plain(below),
                    Plain(previous)
                );
                reader.push(SuccessCode::InvalidValue, &band.at("below"), message);
            }
        }
        previous_below = below.or(previous_below);
        let points = band.number("points", true, POINTS_RANGE, reader);
        if let Some(points) = points {
            bands.push((below, points));
        }
    }
    if reader.list.len() > before {
        return None;
    }
    // Best threshold first, as the engine lists them: band i scores from
    // the `below` of band i - 1 (the lowest from -f64::MAX).
    let mut thresholds = Vec::with_capacity(bands.len());
    for index in (0..bands.len()).rev() {
        let bound = match index.checked_sub(1).and_then(|lower| bands.get(lower)) {
            Some((Some(below), _)) => *below,
            _ => -f64::MAX,
        };
        let points = bands.get(index).map_or(0.0, |band| band.1);
        thresholds.push(ThresholdBand {
            bound,
            points_0_to_100: points,
            label: format!("band {}", index + 1),
        });
    }
    Some(ScoringRule::Thresholds {
        bands: thresholds,
        direction: Direction::HigherIsBetter,
    })
}
