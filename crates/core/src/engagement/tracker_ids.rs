//! The tracker's ids: UUID v4 text from PCG-XSL-RR 128/64 (`rand_pcg::Pcg64`)
//! seeded with 32 random bytes the caller draws, so the same seed gives the
//! same ids, and every id has 122 random bits.

use super::tracker_limits::SEED_BYTES;
use rand_core::RngCore;
use rand_pcg::Pcg64;

/// The generator for `seed`, exactly `Pcg64::from_seed(seed)`: the state is
/// bytes 0..16 and the increment bytes 16..32 (little-endian) with its low
/// bit forced to 1. `Pcg64::new` makes the increment `(stream << 1) | 1`, so
/// the stream `increment >> 1` gives the same one. Built here because
/// `from_seed` reads the seed through a checked conversion whose panic path
/// (and its message formatting) would ship in the wasm.
pub(super) fn generator(seed: &[u8; SEED_BYTES]) -> Pcg64 {
    let little_endian = |bytes: &[u8]| {
        bytes
            .iter()
            .rev()
            .fold(0u128, |value, &byte| (value << 8) | u128::from(byte))
    };
    let (state, increment) = seed.split_at(SEED_BYTES / 2);
    Pcg64::new(little_endian(state), little_endian(increment) >> 1)
}

/// A UUID version 4 from 16 random bytes (two outputs, little-endian, as
/// `fill_bytes` would give them), lowercase 8-4-4-4-12.
pub(super) fn uuid_v4(rng: &mut Pcg64) -> String {
    let low = u128::from(rng.next_u64());
    let high = u128::from(rng.next_u64());
    let mut bytes = ((high << 64) | low).to_le_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        for nibble in [byte >> 4, byte & 0x0f] {
            text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    text
}
