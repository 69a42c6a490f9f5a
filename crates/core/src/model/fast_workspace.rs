//! The numeric path's working memory, kept with each model state but never
//! part of its values: a scratch buffer the series functions reuse for their
//! numbers, and a small memo of recent powers. It only saves work.

use crate::formula::eval::power;
use std::cell::Cell;

/// Entries of [`Workspace`]'s memo of powers.
const REMEMBERED_POWERS: usize = 16;

/// Working memory of a model state's evaluations, never part of its
/// values: it only saves work.
pub struct Workspace {
    /// Reused by the series functions for their numbers.
    pub(super) scratch: Cell<Vec<f64>>,
    /// Powers computed lately, as `(base bits, exponent bits, power)`,
    /// at a slot picked by a hash of the operands. Discount factors such
    /// as `(1 + rate) ^ period` recur in every Monte Carlo trial and every
    /// recompute, and `powf` is a software routine in wasm (5% of a trial);
    /// a remembered power is the same bits `power` gives.
    powers: [Cell<(u64, u64, f64)>; REMEMBERED_POWERS],
}

impl Default for Workspace {
    fn default() -> Self {
        // Operands are finite, so a NaN base matches no lookup.
        let empty = (f64::NAN.to_bits(), 0, 0.0);
        Workspace {
            scratch: Cell::default(),
            powers: std::array::from_fn(|_| Cell::new(empty)),
        }
    }
}

impl Workspace {
    /// `power(base, exponent)` where it is a number, remembered.
    pub(super) fn power(&self, base: f64, exponent: f64) -> Option<f64> {
        let key = (base.to_bits(), exponent.to_bits());
        let hash = (key.0 ^ key.1.rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let entry = self
            .powers
            .get(((hash >> 60) as usize).checked_rem(REMEMBERED_POWERS)?)?;
        let (remembered_base, remembered_exponent, remembered) = entry.get();
        if (remembered_base, remembered_exponent) == key {
            return Some(remembered);
        }
        let result = power(base, exponent).ok()?;
        entry.set((key.0, key.1, result));
        Some(result)
    }
}
