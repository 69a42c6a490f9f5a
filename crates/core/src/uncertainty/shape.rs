//! Small numeric helpers shared by the distributions, the normal kernels,
//! the sampler and the summary: clamps that never panic, a PERT's Beta
//! shapes, a normal's bounds in standard units.
//!
//! Their own file so that `distribution`, `normal` and `sampler` depend one
//! way (sampler -> distribution -> normal -> shape) instead of importing one
//! another; the parameter bound is here too, so the errors that quote it
//! need not import `distribution`, which returns them. Pure functions; no
//! state, no randomness.

/// The largest magnitude any distribution parameter may have. It keeps
/// every width, `mean ± 40·sd` and every sample finite in `f64`.
pub const MAX_PARAMETER_MAGNITUDE: f64 = 1e300;

/// PERT's width `max − min` and Beta shapes `(α, β)`, shape 4.
pub(crate) fn pert_shape(min: f64, mode: f64, max: f64) -> (f64, f64, f64) {
    let width = max - min;
    let alpha = 1.0 + 4.0 * ((mode - min) / width);
    let beta = 1.0 + 4.0 * ((max - mode) / width);
    (width, alpha, beta)
}

/// A normal's bounds in standard units; a missing bound is infinite.
pub(crate) fn standard_bounds(
    mean: f64,
    sd: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> (f64, f64) {
    let lower = min.map_or(f64::NEG_INFINITY, |min| (min - mean) / sd);
    let upper = max.map_or(f64::INFINITY, |max| (max - mean) / sd);
    (lower, upper)
}

/// `value` limited to `[low, high]` without `f64::clamp`'s panic on
/// NaN or reversed bounds: a NaN value gives `low`, NaN bounds are ignored.
pub(crate) fn clamp_between(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

/// `value` clamped to the bounds that are given.
pub(crate) fn clamp_optional(value: f64, min: Option<f64>, max: Option<f64>) -> f64 {
    let value = min.map_or(value, |min| value.max(min));
    max.map_or(value, |max| value.min(max))
}
