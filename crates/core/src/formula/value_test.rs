use super::*;

fn check_general(n: f64, expected: &str) {
    assert_eq!(format_general(n), expected, "format_general({n})");
}

#[test]
fn general_format_matches_excel_text_conversion() {
    check_general(1.0, "1");
    check_general(-2.5, "-2.5");
    check_general(1.0 / 3.0, "0.333333333333333");
    check_general(0.1 + 0.2, "0.3");
    check_general(123456789012345.0, "123456789012345");
    check_general(1e21, "1E+21");
    check_general(1.5e-10, "1.5E-10");
}

/// The General format as it was written with core's float formatting.
fn format_general_with_core(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    let magnitude = n.abs();
    if !(1e-9..1e15).contains(&magnitude) {
        let formatted = format!("{:.14E}", n);
        let (mantissa, exponent) = formatted.split_once('E').unwrap();
        let mantissa = trim_fraction(mantissa);
        let exponent: i32 = exponent.parse().unwrap();
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}E{sign}{:02}", exponent.abs());
    }
    let digits_before_point = magnitude.log10().floor() as i32 + 1;
    let decimals = (15 - digits_before_point).clamp(0, 24) as usize;
    trim_fraction(&format!("{:.*}", decimals, n)).to_string()
}

#[test]
fn general_format_agrees_with_core_formatting() {
    let mut next = crate::test_rng::xorshift64();
    for i in 0..100_000 {
        let n = if i % 2 == 0 {
            f64::from_bits(next())
        } else {
            let digits = (next() % 10_000_000_000_000_000) as f64;
            digits * 10f64.powi((next() % 40) as i32 - 25)
        };
        if n.is_finite() {
            assert_eq!(format_general(n), format_general_with_core(n), "{n:e}");
        }
    }
    for n in [
        999999999999999.9,
        0.09999999999999999,
        1e-9,
        9.99999999999999e14,
        -1e15,
    ] {
        assert_eq!(format_general(n), format_general_with_core(n), "{n:e}");
    }
}

#[test]
fn numeric_text_coerces_like_excel() {
    assert_eq!(parse_number_text(" 12.5 "), Some(12.5));
    assert_eq!(parse_number_text("10%"), Some(0.1));
    assert_eq!(parse_number_text("1e3"), Some(1000.0));
    assert_eq!(parse_number_text("inf"), None);
    assert_eq!(parse_number_text("NaN"), None);
    assert_eq!(parse_number_text("abc"), None);
    assert_eq!(parse_number_text(""), None);
}

#[test]
fn non_finite_numbers_become_num_errors() {
    assert!(matches!(Value::number(f64::INFINITY), Value::Error(e) if e.kind == ErrorKind::Num));
    assert!(matches!(Value::number(f64::NAN), Value::Error(e) if e.kind == ErrorKind::Num));
}

#[test]
fn error_codes_round_trip() {
    for kind in ErrorKind::ALL {
        assert_eq!(ErrorKind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(ErrorKind::from_code("#div/0!"), Some(ErrorKind::DivZero));
}

#[test]
fn block_copies_the_elements_inside_the_array_row_by_row() {
    let n = Value::Number;
    let array = Array::new(2, 3, (1..=6).map(|i| n(f64::from(i))).collect()).unwrap();
    assert_eq!(
        array.block(0..2, 1..3),
        vec![n(2.0), n(3.0), n(5.0), n(6.0)]
    );
    assert_eq!(array.block(1..2, 0..3), vec![n(4.0), n(5.0), n(6.0)]);
    assert_eq!(array.block(0..2, 2..5), vec![n(3.0), n(6.0)]);
    assert!(array.block(2..3, 0..3).is_empty());
    assert!(array.block(0..2, 1..1).is_empty());
}
