//! The two sizes the tracker, its errors and its ids all check against.
//!
//! Their own file so that `tracker_error` and `tracker_ids` need not import
//! `tracker` (which imports them): the three files depend one way. The
//! tracker re-exports both; this file holds no logic.

/// The collector's bound on ids (`calc_id`, `step`, `scenario`, ...).
pub const MAX_ID_CHARS: usize = 64;
/// The seed's length in bytes.
pub const SEED_BYTES: usize = 32;
