use super::*;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Bits(u64);

impl Bits {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A finite `f64` from random bits: every exponent, subnormals included.
    fn finite(&mut self) -> f64 {
        loop {
            let x = f64::from_bits(self.next());
            if x.is_finite() {
                return x;
            }
        }
    }

    /// A number of everyday size: a few significant digits or many, with
    /// magnitudes from 1e-12 to 1e16.
    fn everyday(&mut self) -> f64 {
        let digits = (self.next() % 10_000_000_000_000_000) as f64;
        let short = (self.next() % 100_000) as f64;
        let power = (self.next() % 29) as i32 - 16;
        let mantissa = if self.next() % 2 == 0 { digits } else { short };
        let sign = if self.next() % 3 == 0 { -1.0 } else { 1.0 };
        sign * mantissa * 10f64.powi(power)
    }
}

fn special_values() -> Vec<f64> {
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.2,
        0.3,
        0.1 + 0.2,
        1.0 / 3.0,
        2.0 / 3.0,
        5e-324,
        1e-323,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE * 2.0,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        9007199254740992.0,
        9007199254740993.0,
        123456789012345680.0,
        1e15,
        1e16,
        1e21,
        1e22,
        1e23,
        9.5,
        0.5,
        0.25,
        2.5,
        0.125,
        1.5e-10,
        2.675,
        999999999999999.9,
        0.09999999999999999,
    ];
    for power in -1074..=1023 {
        values.push(2f64.powi(power));
    }
    for power in -323..=308 {
        values.push(format!("1e{power}").parse().unwrap());
        values.push(format!("9.999999999999999e{power}").parse().unwrap());
    }
    values
}

#[test]
fn shortest_matches_core_display() {
    let mut bits = Bits(0x9e37_79b9_7f4a_7c15);
    let values = special_values().into_iter().chain((0..20_000).map(|i| {
        if i % 2 == 0 {
            bits.finite()
        } else {
            bits.everyday()
        }
    }));
    for x in values {
        assert_eq!(shortest(x), format!("{x}"), "{{}} of {:?}", x.to_bits());
        assert_eq!(
            shortest_exp(x),
            format!("{x:e}"),
            "{{:e}} of {:?}",
            x.to_bits()
        );
    }
}

#[test]
fn shortest_handles_non_finite_values() {
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(shortest(x), format!("{x}"));
        assert_eq!(shortest_exp(x), format!("{x:e}"));
    }
    assert_eq!(Plain(-2.5).to_string(), "-2.5");
}

fn core_significant(x: f64, count: usize) -> (u64, i32) {
    let text = format!("{:.*e}", count - 1, x);
    let (mantissa, exponent) = text.split_once('e').unwrap();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits.parse().unwrap(), exponent.parse().unwrap())
}

#[test]
fn significant_matches_core_exponent_rounding() {
    let mut bits = Bits(0x2545_f491_4f6c_dd1d);
    let values = special_values().into_iter().chain((0..20_000).map(|i| {
        if i % 2 == 0 {
            bits.finite()
        } else {
            bits.everyday()
        }
    }));
    for x in values.map(f64::abs).filter(|x| *x != 0.0 && x.is_finite()) {
        for count in [15, 17, 1, 2] {
            assert_eq!(
                significant(x, count),
                core_significant(x, count as usize),
                "{count} digits of {:?}",
                x.to_bits()
            );
        }
    }
    assert_eq!(significant(0.0, 15), (0, 0));
    assert_eq!(significant(f64::NAN, 15), (0, 0));
}

#[test]
fn significant_rounds_exact_ties_to_even() {
    // 0.125 and 0.375 are exact: ties at 2 digits go to the even digit.
    assert_eq!(significant(0.125, 2), (12, -1));
    assert_eq!(significant(0.375, 2), (38, -1));
    assert_eq!(significant(9.5, 1), (1, 1));
    assert_eq!(significant(8.5, 1), (8, 0));
}

#[test]
fn fixed_matches_core_precision() {
    let mut bits = Bits(0x0123_4567_89ab_cdef);
    let values = special_values()
        .into_iter()
        .chain((0..30_000).map(|_| bits.everyday()));
    for x in values {
        for decimals in [0_usize, 1, 2, 5, 14, 17, 23, 24] {
            let expected = format!("{x:.decimals$}");
            let within = x.abs() * 10f64.powi(decimals as i32) < 9e18;
            match fixed(x, decimals as u32) {
                Some(text) => {
                    assert_eq!(text, expected, "{decimals} decimals of {:?}", x.to_bits())
                }
                None => assert!(!within, "{decimals} decimals of {:?}", x.to_bits()),
            }
        }
    }
    assert_eq!(fixed(f64::NAN, 2), None);
    assert_eq!(fixed(1e300, 2), None);
}

#[test]
fn integers_are_zero_padded() {
    let mut out = String::new();
    push_u64(&mut out, 7, 2);
    push_u64(&mut out, 0, 1);
    push_u64(&mut out, u64::MAX, 1);
    assert_eq!(out, format!("070{}", u64::MAX));
}
