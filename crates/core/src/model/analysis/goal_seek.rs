//! Goal seek: the value of one input that makes an output hit a target
//! ("the price at which payback is 12 months"), or a clear answer when no
//! value in the range does.
//!
//! The range is scanned at a fixed number of points for a sign change of
//! `output - target` (the one nearest the input's current value wins), then
//! bisected. Bisection needs no slope, so outputs with kinks and plateaus
//! (payback, IF) work. At most [`SCAN_POINTS`] + [`MAX_BISECTIONS`]
//! evaluations.

use crate::model::diagnostic::{IdKind, ModelError};
use crate::model::engine::{CompiledModel, ModelState};
use crate::model::spec::InputValue;
use crate::number_text::Plain;

/// Points evaluated across the range to find a bracket.
pub const SCAN_POINTS: usize = 64;
/// Most bisection steps once bracketed.
pub const MAX_BISECTIONS: usize = 200;
/// Without a min or max, the search reaches this many times the input's
/// current magnitude (at least 1) beyond it.
pub const DEFAULT_REACH: f64 = 10.0;

/// The tolerance when a caller names none: the output within 1e-9 of the
/// target, relative to it (absolute below 1).
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// What goal seek looks for: the value of one input that makes an output
/// equal a target.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSeekOptions {
    /// The id of the (numeric) input to vary.
    pub input_id: String,
    /// The id of the output to bring to the target.
    pub output_id: String,
    /// The output value wanted, in the output's own unit.
    pub target: f64,
    /// The search range; defaults to the input's min and max, and where the
    /// input has none, to a wide range around its current value (see
    /// [`DEFAULT_REACH`]).
    pub low: Option<f64>,
    /// The top of the search range (see `low`).
    pub high: Option<f64>,
    /// Accept when `|output - target| <= tolerance * max(1, |target|)`.
    pub tolerance: f64,
}

/// What goal seek found.
#[derive(Debug, Clone, PartialEq)]
pub enum GoalSeekResult {
    /// The input value found and the output it gives.
    Found {
        /// The input value, in the input's own unit.
        input_value: f64,
        /// The output at that input value.
        output_value: f64,
        /// How many evaluations the search took.
        evaluations: usize,
    },
    /// No value in the range reaches the target; the range of outputs seen
    /// explains why.
    NotReachable {
        /// The lowest numeric output seen across the range, if any.
        lowest_output: Option<f64>,
        /// The highest numeric output seen across the range, if any.
        highest_output: Option<f64>,
        /// Of those two, the one nearer the target: the closest the output
        /// gets (the lowest on a tie).
        closest_output: Option<f64>,
        /// Why the target is out of reach, in a sentence.
        message: String,
    },
}

/// Searches for the value of `options.input_id` that brings
/// `options.output_id` to `options.target`, starting from `base` (a state of
/// `model`): bracket, then bisect. Errors for unknown ids, a non-numeric
/// input, bad options or a search past the work budget.
pub fn goal_seek(
    model: &CompiledModel,
    base: &ModelState,
    options: &GoalSeekOptions,
) -> Result<GoalSeekResult, ModelError> {
    let input_index = model.input_index(&options.input_id)?;
    let output_index = model.output_index(&options.output_id)?;
    let input = model
        .spec()
        .inputs
        .get(input_index)
        .ok_or_else(|| ModelError::UnknownId {
            kind: IdKind::Input,
            id: options.input_id.clone(),
        })?;
    if !input.kind.is_numeric() {
        return Err(ModelError::InvalidOption {
            option: "input",
            reason: format!(
                "`{}` is a {} input; goal seek moves numeric inputs",
                input.id,
                input.kind.as_str()
            ),
        });
    }
    let invalid = |option: &'static str, reason: &str| ModelError::InvalidOption {
        option,
        reason: reason.to_string(),
    };
    if !options.target.is_finite() {
        return Err(invalid("target", "must be a finite number"));
    }
    if !(options.tolerance.is_finite() && options.tolerance > 0.0 && options.tolerance < 1.0) {
        return Err(invalid("tolerance", "must be between 0 and 1"));
    }
    // Without bounds, search a wide range around the current value: from 0
    // (or far below, when negative) to DEFAULT_REACH times beyond it.
    let current = match base.inputs.get(input_index) {
        Some(InputValue::Number(n)) => *n,
        _ => 0.0,
    };
    let reach = DEFAULT_REACH * current.abs().max(1.0);
    let low =
        options
            .low
            .or(input.min)
            .unwrap_or(if current >= 0.0 { 0.0 } else { current - reach });
    let high = options.high.or(input.max).unwrap_or(current + reach);
    if !low.is_finite() {
        return Err(invalid("low", "must be a finite number"));
    }
    if !(high.is_finite() && low < high) {
        return Err(ModelError::InvalidOption {
            option: "high",
            reason: format!("must be a finite number above low ({})", Plain(low)),
        });
    }
    // One working state; each evaluation re-runs only the steps between
    // the input and the output.
    let steps = model.steps_for_outputs(&model.steps_after(&[input_index]), Some(output_index));
    super::within_budget(
        "goal seek",
        model
            .cells_in(&steps)
            .saturating_mul(SCAN_POINTS + MAX_BISECTIONS),
        super::MAX_ANALYSIS_CELLS,
        "use a smaller model",
    )?;
    let mut state = base.clone();
    let mut evaluations = 0usize;
    let mut gap_at = |x: f64| -> Option<f64> {
        evaluations += 1;
        model
            .set_index(&mut state, input_index, &InputValue::Number(x), &steps)
            .ok()?;
        state
            .output_number(model, output_index)
            .map(|y| y - options.target)
    };
    let accept = options.tolerance * options.target.abs().max(1.0);
    // Plain loops here: each iterator chain is its own body in the wasm.
    let mut points: Vec<(f64, Option<f64>)> = Vec::with_capacity(SCAN_POINTS);
    for i in 0..SCAN_POINTS {
        let x = low + (high - low) * i as f64 / (SCAN_POINTS - 1) as f64;
        points.push((x, gap_at(x)));
    }
    let nearer = |x: f64, best: Option<f64>| {
        best.map_or(true, |b| {
            distance(x, base, input_index) < distance(b, base, input_index)
        })
    };
    // The accepted point nearest the current value (the first on a tie).
    let mut found = None;
    for &(x, gap) in &points {
        if let Some(gap) = gap.filter(|g| g.abs() <= accept) {
            if nearer(x, found.map(|(x, _)| x)) {
                found = Some((x, gap));
            }
        }
    }
    if let Some((x, gap)) = found {
        return Ok(GoalSeekResult::Found {
            input_value: x,
            output_value: gap + options.target,
            evaluations,
        });
    }
    // The bracket (a sign change between neighbours) nearest the current
    // value (the first on a tie).
    let mut nearest: Option<(f64, f64, f64)> = None;
    for i in 1..points.len() {
        if let (Some(&(x0, Some(g0))), Some(&(x1, Some(g1)))) = (points.get(i - 1), points.get(i)) {
            if g0.signum() != g1.signum() && nearer(x0, nearest.map(|(x, _, _)| x)) {
                nearest = Some((x0, g0, x1));
            }
        }
    }
    let Some((mut x0, mut g0, mut x1)) = nearest else {
        let (mut lowest_output, mut highest_output) = (None::<f64>, None::<f64>);
        for &(_, gap) in &points {
            if let Some(gap) = gap {
                let output = gap + options.target;
                lowest_output = Some(lowest_output.map_or(output, |lo| lo.min(output)));
                highest_output = Some(highest_output.map_or(output, |hi| hi.max(output)));
            }
        }
        let message = match (lowest_output, highest_output) {
            (Some(lo), Some(hi)) => format!(
                "no value of {} between {} and {} makes {} equal {}; it ranges from {} to {} there",
                input.id,
                Plain(low),
                Plain(high),
                options.output_id,
                Plain(options.target),
                Plain(lo),
                Plain(hi)
            ),
            _ => format!(
                "{} is not a number anywhere between {} and {}",
                options.output_id,
                Plain(low),
                Plain(high)
            ),
        };
        let closest_output = match (lowest_output, highest_output) {
            (Some(lo), Some(hi)) if (hi - options.target).abs() < (lo - options.target).abs() => {
                Some(hi)
            }
            (lo, hi) => lo.or(hi),
        };
        return Ok(GoalSeekResult::NotReachable {
            lowest_output,
            highest_output,
            closest_output,
            message,
        });
    };
    for _ in 0..MAX_BISECTIONS {
        let middle = 0.5 * (x0 + x1);
        let Some(gap) = gap_at(middle) else { break };
        if gap.abs() <= accept {
            return Ok(GoalSeekResult::Found {
                input_value: middle,
                output_value: gap + options.target,
                evaluations,
            });
        }
        if (x1 - x0).abs() <= f64::EPSILON * middle.abs().max(1.0) {
            break;
        }
        if gap.signum() == g0.signum() {
            x0 = middle;
            g0 = gap;
        } else {
            x1 = middle;
        }
    }
    Ok(GoalSeekResult::NotReachable {
        lowest_output: None,
        highest_output: None,
        closest_output: None,
        message: format!(
            "{} jumps past {} without reaching it (the output is not continuous there)",
            options.output_id,
            Plain(options.target)
        ),
    })
}

fn distance(x: f64, base: &ModelState, input_index: usize) -> f64 {
    match base.inputs.get(input_index) {
        Some(InputValue::Number(current)) => (x - current).abs(),
        _ => 0.0,
    }
}
