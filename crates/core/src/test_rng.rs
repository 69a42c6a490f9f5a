//! A tiny deterministic generator for the unit tests' random cases
//! (xorshift64): the same cases on every run, no dependency. Test-only.

/// Successive xorshift64 values from a fixed seed.
pub fn xorshift64() -> impl FnMut() -> u64 {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
