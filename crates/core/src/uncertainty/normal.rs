//! The standard normal distribution: its density, CDF and quantile, and
//! the truncated standard normal sampled by inverse CDF with one uniform.
//!
//! - Quantile: Wichura's AS 241 (PPND16, Applied Statistics 37, 1988),
//!   relative error about 1e-16 over (0, 1); the same rational
//!   approximation as Python's `statistics.NormalDist.inv_cdf`.
//! - CDF: W. J. Cody's rational Chebyshev approximations (ACM TOMS 715,
//!   1993; the algorithm of R's `pnorm`): about 1e-15 relative error in the
//!   lower tail, exactly 0 below −37.5193.
//! - Truncation to `[lower, upper]` (in standard units, either may be
//!   infinite): with `pₗ = Φ(lower)`, `pᵤ = Φ(upper)`, the sample is
//!   `Φ⁻¹(pₗ + u·(pᵤ − pₗ))`, clamped into the interval. An interval above
//!   the mean is mirrored below it first, so the tail probabilities are
//!   computed without cancellation. When `pᵤ − pₗ` is not positive in
//!   floating point (an interval beyond about 37 sd, or one too narrow for
//!   the CDF to resolve), the sample falls back to the exponential tail
//!   approximation `c − ln(1 + u·(e^(−c·w) − 1))/c` below −1 sd (with
//!   `c` the distance of the interval's inner end from the mean and `w` its
//!   width) and to a uniform draw otherwise. There is no rejection loop.
//!
//! Float functions used: `exp`, `ln`, `ln_1p`, `exp_m1` and `sqrt`.
//! `sqrt` is correctly rounded everywhere; the others come from the
//! platform's libm (glibc natively, Rust's musl-derived libm on wasm32),
//! which agree to the last bit in practice but are not guaranteed to.
//! Nothing here allocates, loops without bound or returns NaN; a result is
//! infinite only for an interval at a single infinity (a subnormal sd),
//! which the sampler maps to the bound.

use super::shape::clamp_between;

/// 1/√(2π).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// The standard normal density φ(z); 0 for infinite `z`.
pub fn standard_normal_density(z: f64) -> f64 {
    if !z.is_finite() {
        return 0.0;
    }
    FRAC_1_SQRT_2PI * (-0.5 * z * z).exp()
}

/// Evaluates a polynomial by Horner's rule, coefficients from the highest
/// degree down: `((c₀·x + c₁)·x + c₂)…`.
fn horner(coefficients: &[f64], x: f64) -> f64 {
    coefficients.iter().fold(0.0, |acc, &c| acc * x + c)
}

// Cody's rational Chebyshev coefficients (ACM TOMS 715, as in R's pnorm).
const CODY_A: [f64; 5] = [
    2.2352520354606837,
    161.02823106855587,
    1067.6894854603709,
    18154.98125334356,
    0.06568233791820745,
];
const CODY_B: [f64; 4] = [
    47.202581904688245,
    976.0985517377767,
    10260.932208618979,
    45507.78933502673,
];
const CODY_C: [f64; 9] = [
    0.39894151208813466,
    8.883149794388377,
    93.50665613217785,
    597.2702763948002,
    2494.5375852903726,
    6848.190450536283,
    11602.65143764735,
    9842.714838383978,
    1.0765576773720192e-8,
];
const CODY_D: [f64; 8] = [
    22.266688044328117,
    235.387901782625,
    1519.3775994075547,
    6485.558298266761,
    18615.571640885097,
    34900.95272114598,
    38912.00328609327,
    19685.429676859992,
];
const CODY_P: [f64; 6] = [
    0.215898534057957,
    0.12740116116024736,
    0.022235277870649807,
    0.0014216191932278934,
    2.9112874951168793e-5,
    0.023073441764940174,
];
const CODY_Q: [f64; 5] = [
    1.284260096144911,
    0.4682382124808651,
    0.06598813786892856,
    0.0037823963320275824,
    7.297515550839662e-5,
];

/// `exp(−x²/2)` computed as `exp(−x₀²/2)·exp(−(x − x₀)(x + x₀)/2)` with
/// `x₀ = ⌊16x⌋/16`, so the rounding of `x²` does not cost accuracy.
fn gaussian_tail_factor(x: f64) -> f64 {
    let x_rounded = (x * 16.0).trunc() / 16.0;
    let remainder = (x - x_rounded) * (x + x_rounded);
    (-x_rounded * x_rounded * 0.5).exp() * (-remainder * 0.5).exp()
}

/// The standard normal CDF Φ(z) by Cody's algorithm (see module docs);
/// exactly 0 below −37.5193 and 1 above 37.5193.
pub fn standard_normal_cdf(z: f64) -> f64 {
    let z_abs = z.abs();
    if z_abs <= 0.674_489_75 {
        let z_squared = z * z;
        let mut numerator = CODY_A[4] * z_squared;
        let mut denominator = z_squared;
        for (a, b) in CODY_A.iter().zip(&CODY_B).take(3) {
            numerator = (numerator + a) * z_squared;
            denominator = (denominator + b) * z_squared;
        }
        return 0.5 + z * (numerator + CODY_A[3]) / (denominator + CODY_B[3]);
    }
    let lower_tail = if z_abs <= 5.656_854_249_492_381 {
        let mut numerator = CODY_C[8] * z_abs;
        let mut denominator = z_abs;
        for (c, d) in CODY_C.iter().zip(&CODY_D).take(7) {
            numerator = (numerator + c) * z_abs;
            denominator = (denominator + d) * z_abs;
        }
        gaussian_tail_factor(z_abs) * (numerator + CODY_C[7]) / (denominator + CODY_D[7])
    } else if z_abs < 37.519_3 {
        let inverse_square = 1.0 / (z_abs * z_abs);
        let mut numerator = CODY_P[5] * inverse_square;
        let mut denominator = inverse_square;
        for (p, q) in CODY_P.iter().zip(&CODY_Q).take(4) {
            numerator = (numerator + p) * inverse_square;
            denominator = (denominator + q) * inverse_square;
        }
        let correction = inverse_square * (numerator + CODY_P[4]) / (denominator + CODY_Q[4]);
        gaussian_tail_factor(z_abs) * (FRAC_1_SQRT_2PI - correction) / z_abs
    } else {
        0.0
    };
    if z > 0.0 {
        1.0 - lower_tail
    } else {
        lower_tail
    }
}

/// AS 241 central region (|p − 0.5| ≤ 0.425), highest degree first.
const CENTRAL_NUMERATOR: [f64; 8] = [
    2509.0809287301227,
    33430.57558358813,
    67265.7709270087,
    45921.95393154987,
    13731.69376550946,
    1971.5909503065513,
    133.14166789178438,
    3.3871328727963665,
];
const CENTRAL_DENOMINATOR: [f64; 8] = [
    5226.495278852854,
    28729.085735721943,
    39307.89580009271,
    21213.794301586597,
    5394.196021424751,
    687.1870074920579,
    42.31333070160091,
    1.0,
];
/// AS 241 intermediate tail (√(−ln p) ≤ 5).
const NEAR_TAIL_NUMERATOR: [f64; 8] = [
    0.0007745450142783414,
    0.022723844989269184,
    0.2417807251774506,
    1.2704582524523684,
    3.6478483247632045,
    5.769497221460691,
    4.630337846156546,
    1.4234371107496835,
];
const NEAR_TAIL_DENOMINATOR: [f64; 8] = [
    1.0507500716444169e-9,
    0.0005475938084995345,
    0.015198666563616457,
    0.14810397642748008,
    0.6897673349851,
    1.6763848301838038,
    2.053191626637759,
    1.0,
];
/// AS 241 far tail (√(−ln p) > 5).
const FAR_TAIL_NUMERATOR: [f64; 8] = [
    2.0103343992922881e-7,
    2.7115555687434876e-5,
    0.0012426609473880784,
    0.026532189526576124,
    0.29656057182850487,
    1.7848265399172913,
    5.463784911164114,
    6.657904643501103,
];
const FAR_TAIL_DENOMINATOR: [f64; 8] = [
    2.0442631033899397e-15,
    1.421511758316446e-7,
    1.8463183175100548e-5,
    0.0007868691311456133,
    0.014875361290850615,
    0.1369298809227358,
    0.599832206555888,
    1.0,
];

/// The standard normal quantile Φ⁻¹(p) by AS 241 (PPND16) for `p` in
/// (0, 1); `p` at or outside the ends (or NaN) gives ±38.5, beyond any
/// finite quantile of a double (never infinity).
pub fn standard_normal_quantile(p: f64) -> f64 {
    const EDGE: f64 = 38.5;
    if p.is_nan() || p <= 0.0 {
        return -EDGE;
    }
    if p >= 1.0 {
        return EDGE;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&CENTRAL_NUMERATOR, r) / horner(&CENTRAL_DENOMINATOR, r);
    }
    let tail_probability = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail_probability.ln()).sqrt();
    let magnitude = if r <= 5.0 {
        let r = r - 1.6;
        horner(&NEAR_TAIL_NUMERATOR, r) / horner(&NEAR_TAIL_DENOMINATOR, r)
    } else {
        let r = r - 5.0;
        horner(&FAR_TAIL_NUMERATOR, r) / horner(&FAR_TAIL_DENOMINATOR, r)
    };
    if q < 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// Where the sampler of a truncated standard normal sits for an interval
/// (see the module docs): shared by sampling and the analytic moments so
/// both describe the same distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TruncatedShape {
    /// Inverse CDF between these lower-tail probabilities, `mirrored` when
    /// the interval lies above the mean.
    InverseCdf {
        lower: f64,
        upper: f64,
        p_lower: f64,
        p_upper: f64,
        mirrored: bool,
    },
    /// Exponential tail approximation: `inner + Exp(rate)` truncated at
    /// `width`, pointing away from the mean (`sign` = ±1).
    ExponentialTail {
        inner: f64,
        rate: f64,
        width: f64,
        sign: f64,
    },
    /// Uniform between the bounds: the CDF cannot resolve the interval.
    Uniform { lower: f64, upper: f64 },
}

/// The end of `[lower, upper]` nearest the mean (0).
fn nearest_end(lower: f64, upper: f64) -> f64 {
    if lower >= 0.0 {
        lower
    } else if upper <= 0.0 {
        upper
    } else {
        0.0
    }
}

fn truncated_shape(lower: f64, upper: f64) -> TruncatedShape {
    // Mirror an interval above the mean so the tail is computed as a lower tail.
    let (a, b, mirrored) = if lower >= 0.0 {
        (-upper, -lower, true)
    } else {
        (lower, upper, false)
    };
    let sign = if mirrored { -1.0 } else { 1.0 };
    if a >= b || b == f64::NEG_INFINITY {
        // Empty in floating point (a subnormal sd can put both ends at the
        // same infinity): all the mass sits at the end nearest the mean.
        let end = nearest_end(lower, upper);
        return TruncatedShape::Uniform {
            lower: end,
            upper: end,
        };
    }
    let p_lower = standard_normal_cdf(a);
    let p_upper = standard_normal_cdf(b);
    if p_upper > p_lower {
        TruncatedShape::InverseCdf {
            lower: a,
            upper: b,
            p_lower,
            p_upper,
            mirrored,
        }
    } else if b < -1.0 {
        // Far below the mean: the density is close to exp(-c·(x - c)) from
        // the inner end c = -b outward.
        TruncatedShape::ExponentialTail {
            inner: -b,
            rate: -b,
            width: b - a,
            sign: -sign,
        }
    } else {
        TruncatedShape::Uniform { lower, upper }
    }
}

/// A draw of the standard normal truncated to `[lower, upper]` (standard
/// units, `lower < upper`, either may be infinite) from one uniform `u` in
/// (0, 1), by the method in the module docs. The result lies in the
/// interval, and is finite unless the interval is a single infinity (which
/// a subnormal sd can produce; callers map that to the bound).
pub fn truncated_standard_normal(lower: f64, upper: f64, u: f64) -> f64 {
    TruncatedStandardNormal::new(lower, upper).sample(u)
}

/// [`truncated_standard_normal`] for one interval, its constants (the
/// CDF at both ends) worked out once for many draws: the same draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TruncatedStandardNormal {
    lower: f64,
    upper: f64,
    shape: TruncatedShape,
}

impl TruncatedStandardNormal {
    /// The standard normal truncated to `[lower, upper]` (in standard units;
    /// infinite for a missing bound), its CDF at both bounds worked out once.
    pub fn new(lower: f64, upper: f64) -> Self {
        TruncatedStandardNormal {
            lower,
            upper,
            shape: truncated_shape(lower, upper),
        }
    }

    /// The draw for uniform `u`, as [`truncated_standard_normal`].
    pub fn sample(&self, u: f64) -> f64 {
        let (lower, upper) = (self.lower, self.upper);
        let z = match self.shape {
            TruncatedShape::InverseCdf {
                lower,
                upper,
                p_lower,
                p_upper,
                mirrored,
            } => {
                let p = p_lower + u * (p_upper - p_lower);
                let z = clamp_between(standard_normal_quantile(p), lower, upper);
                if mirrored {
                    -z
                } else {
                    z
                }
            }
            TruncatedShape::ExponentialTail {
                inner,
                rate,
                width,
                sign,
            } => {
                let offset = -(u * (-rate * width).exp_m1()).ln_1p() / rate;
                sign * (inner + clamp_between(offset, 0.0, width))
            }
            TruncatedShape::Uniform { lower, upper } => lower + u * (upper - lower),
        };
        if z.is_finite() {
            clamp_between(z, lower, upper)
        } else {
            nearest_end(lower, upper)
        }
    }
}

/// The mean and variance of the standard normal truncated to
/// `[lower, upper]`, of the same distribution
/// [`truncated_standard_normal`] samples (so the exponential-tail and
/// uniform fallbacks report their own moments).
pub fn truncated_standard_moments(lower: f64, upper: f64) -> (f64, f64) {
    match truncated_shape(lower, upper) {
        TruncatedShape::InverseCdf {
            lower,
            upper,
            p_lower,
            p_upper,
            mirrored,
        } => {
            let mass = p_upper - p_lower;
            let density_lower = standard_normal_density(lower);
            let density_upper = standard_normal_density(upper);
            let mean = (density_lower - density_upper) / mass;
            let weighted = |z: f64, density: f64| if z.is_finite() { z * density } else { 0.0 };
            let variance = 1.0
                + (weighted(lower, density_lower) - weighted(upper, density_upper)) / mass
                - mean * mean;
            (if mirrored { -mean } else { mean }, variance.max(0.0))
        }
        TruncatedShape::ExponentialTail {
            inner,
            rate,
            width,
            sign,
        } => {
            let scaled_width = rate * width;
            let (mean_offset, variance) = if scaled_width > 700.0 {
                (1.0 / rate, 1.0 / (rate * rate))
            } else {
                let growth = scaled_width.exp_m1();
                let mean_offset = 1.0 / rate - width / growth;
                let variance =
                    1.0 / (rate * rate) - width * width * (growth + 1.0) / (growth * growth);
                (mean_offset, variance.max(0.0))
            };
            (sign * (inner + mean_offset), variance)
        }
        TruncatedShape::Uniform { lower, upper } => {
            if lower == upper {
                (lower, 0.0)
            } else {
                let width = upper - lower;
                (lower + width / 2.0, width * width / 12.0)
            }
        }
    }
}

#[cfg(test)]
#[path = "normal_test.rs"]
mod tests;
