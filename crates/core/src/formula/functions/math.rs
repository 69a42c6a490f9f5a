//! Math functions with Excel's semantics: aggregates (SUM, PRODUCT, MIN,
//! MAX, AVERAGE, COUNT, SUMPRODUCT), decimal rounding (ROUND, ROUNDUP,
//! ROUNDDOWN) and scalar functions (ABS, SQRT, EXP, LN, LOG10, POWER, MOD,
//! INT).
//!
//! Aggregates read their arguments with [`args::aggregate_numbers`]: direct
//! booleans and numeric text count, inside arrays only numbers do. The
//! one-number functions (ABS, SQRT, EXP, LN, LOG10, INT, and the rounding
//! functions' first argument) apply element by element to an array, as
//! Excel's dynamic arrays do. Nothing here returns NaN or infinity: out of
//! range results are `#NUM!`.

use super::args;
use super::rounding::{round_decimal, RoundingMode};
use super::{Category, FunctionSpec};
use crate::formula::operators;
use crate::formula::value::{parse_number_text, ErrorKind, ErrorValue, Value};

/// The math functions.
pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::eager("SUM", Category::Math, 1, 255, sum),
    FunctionSpec::eager("PRODUCT", Category::Math, 1, 255, product),
    FunctionSpec::eager("MIN", Category::Math, 1, 255, min),
    FunctionSpec::eager("MAX", Category::Math, 1, 255, max),
    FunctionSpec::eager("AVERAGE", Category::Math, 1, 255, average),
    FunctionSpec::eager("COUNT", Category::Math, 1, 255, count),
    FunctionSpec::eager("ROUND", Category::Math, 2, 2, round),
    FunctionSpec::eager("ROUNDUP", Category::Math, 2, 2, roundup),
    FunctionSpec::eager("ROUNDDOWN", Category::Math, 2, 2, rounddown),
    FunctionSpec::eager("ABS", Category::Math, 1, 1, abs),
    FunctionSpec::eager("SQRT", Category::Math, 1, 1, sqrt),
    FunctionSpec::eager("EXP", Category::Math, 1, 1, exp),
    FunctionSpec::eager("LN", Category::Math, 1, 1, ln),
    FunctionSpec::eager("LOG10", Category::Math, 1, 1, log10),
    FunctionSpec::eager("POWER", Category::Math, 2, 2, power),
    FunctionSpec::eager("MOD", Category::Math, 2, 2, modulo),
    FunctionSpec::eager("INT", Category::Math, 1, 1, int),
    FunctionSpec::eager("SUMPRODUCT", Category::Math, 1, 255, sumproduct),
];

/// SUM: the total; overflow is `#NUM!`.
fn sum(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(Value::number(args::aggregate_numbers(args)?.iter().sum()))
}

/// PRODUCT: the product; 0 when there are no numbers (as Excel's PRODUCT of
/// empty cells).
fn product(args: &[Value]) -> Result<Value, ErrorValue> {
    let numbers = args::aggregate_numbers(args)?;
    if numbers.is_empty() {
        return Ok(Value::Number(0.0));
    }
    Ok(Value::number(numbers.iter().product()))
}

/// MIN: the smallest number; 0 when there are none (Excel's rule).
fn min(args: &[Value]) -> Result<Value, ErrorValue> {
    let numbers = args::aggregate_numbers(args)?;
    Ok(Value::Number(
        numbers.into_iter().reduce(f64::min).unwrap_or(0.0),
    ))
}

/// MAX: the largest number; 0 when there are none (Excel's rule).
fn max(args: &[Value]) -> Result<Value, ErrorValue> {
    let numbers = args::aggregate_numbers(args)?;
    Ok(Value::Number(
        numbers.into_iter().reduce(f64::max).unwrap_or(0.0),
    ))
}

/// AVERAGE: the mean; `#DIV/0!` when there are no numbers.
fn average(args: &[Value]) -> Result<Value, ErrorValue> {
    let numbers = args::aggregate_numbers(args)?;
    if numbers.is_empty() {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "AVERAGE: there are no numbers to average",
        ));
    }
    let total: f64 = numbers.iter().sum();
    Ok(Value::number(total / numbers.len() as f64))
}

/// COUNT, as Excel documents it: a direct number, boolean or numeric text
/// counts; inside an array only numbers count. Errors and other text are
/// not counted and never propagate. An omitted argument is not counted.
fn count(args: &[Value]) -> Result<Value, ErrorValue> {
    let counted: usize = args
        .iter()
        .map(|arg| match arg {
            Value::Array(array) => array
                .values()
                .iter()
                .filter(|v| matches!(v, Value::Number(_)))
                .count(),
            Value::Number(_) | Value::Bool(_) => 1,
            Value::Text(text) => usize::from(parse_number_text(text).is_some()),
            Value::Error(_) | Value::Empty => 0,
        })
        .sum();
    Ok(Value::Number(counted as f64))
}

/// ROUND(number, num_digits): halves round away from zero, on the 15-digit
/// decimal form (ROUND(2.675, 2) is 2.68 as in Excel).
fn round(args: &[Value]) -> Result<Value, ErrorValue> {
    rounding(args, RoundingMode::HalfAwayFromZero)
}

/// ROUNDUP(number, num_digits): away from zero.
fn roundup(args: &[Value]) -> Result<Value, ErrorValue> {
    rounding(args, RoundingMode::AwayFromZero)
}

/// ROUNDDOWN(number, num_digits): toward zero.
fn rounddown(args: &[Value]) -> Result<Value, ErrorValue> {
    rounding(args, RoundingMode::TowardZero)
}

fn rounding(args: &[Value], mode: RoundingMode) -> Result<Value, ErrorValue> {
    // Truncated like every Excel count; beyond +-400 digits the answer no
    // longer changes, so clamping keeps the cast exact.
    let digits = args::integer(args, 1)?.clamp(-400.0, 400.0) as i32;
    Ok(map_number(args, &|n| Ok(round_decimal(n, digits, mode))))
}

/// ABS(number).
fn abs(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| Ok(n.abs())))
}

/// SQRT(number): a negative number is `#NUM!`.
fn sqrt(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| {
        if n < 0.0 {
            Err(args::num_error("SQRT", "the number must not be negative"))
        } else {
            Ok(n.sqrt())
        }
    }))
}

/// EXP(number): overflow (above about 709.78) is `#NUM!`.
fn exp(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| Ok(n.exp())))
}

/// LN(number): zero or negative is `#NUM!`.
fn ln(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| positive("LN", n).map(f64::ln)))
}

/// LOG10(number): zero or negative is `#NUM!`.
fn log10(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| positive("LOG10", n).map(f64::log10)))
}

/// POWER(number, power): as the `^` operator; 0^0 is `#NUM!`, 0 to a
/// negative power `#DIV/0!`, a negative base to a fractional power `#NUM!`.
fn power(args: &[Value]) -> Result<Value, ErrorValue> {
    let [base, exponent, ..] = args::numbers(args, &[0.0; 2])?;
    operators::power(base, exponent).map(Value::Number)
}

/// MOD(number, divisor) = number - divisor * INT(number / divisor), so the
/// result takes the divisor's sign (MOD(-3, 2) is 1); a zero divisor is
/// `#DIV/0!`. Excel's old limit on the quotient's size is not reproduced:
/// only an overflowing quotient is `#NUM!`.
fn modulo(args: &[Value]) -> Result<Value, ErrorValue> {
    let [number, divisor, ..] = args::numbers(args, &[0.0; 2])?;
    if divisor == 0.0 {
        return Err(ErrorValue::new(
            ErrorKind::DivZero,
            "MOD: the divisor is zero",
        ));
    }
    Ok(Value::number(number - divisor * (number / divisor).floor()))
}

/// INT(number): rounds down (toward negative infinity), so INT(-8.9) is -9.
fn int(args: &[Value]) -> Result<Value, ErrorValue> {
    Ok(map_number(args, &|n| Ok(n.floor())))
}

/// SUMPRODUCT(array1, ...): every argument must have the same dimensions
/// (a scalar is a 1x1 array), else `#VALUE!`. Elements that are not
/// numbers count as 0, as Excel documents; an error element propagates.
fn sumproduct(args: &[Value]) -> Result<Value, ErrorValue> {
    let mut shape: Option<(usize, usize)> = None;
    let mut products: Vec<f64> = Vec::new();
    for arg in args {
        let (dims, elements): ((usize, usize), &[Value]) = match arg {
            Value::Array(array) => ((array.rows(), array.cols()), array.values()),
            scalar => ((1, 1), std::slice::from_ref(scalar)),
        };
        match shape {
            Some(expected) if expected != dims => {
                return Err(args::value_error(
                    "SUMPRODUCT",
                    "the arrays must have the same dimensions",
                ));
            }
            Some(_) => {}
            None => {
                shape = Some(dims);
                products = vec![1.0; elements.len()];
            }
        }
        for (product, element) in products.iter_mut().zip(elements) {
            *product *= match element {
                Value::Number(n) => *n,
                Value::Error(err) => return Err(err.clone()),
                _ => 0.0,
            };
        }
    }
    Ok(Value::number(products.iter().sum()))
}

fn positive(function: &str, n: f64) -> Result<f64, ErrorValue> {
    if n > 0.0 {
        Ok(n)
    } else {
        Err(args::num_error(function, "the number must be positive"))
    }
}

/// Applies a one-number function to the first argument, element by element
/// when it is an array; an element's failure becomes that element's error.
/// `op` is a trait object so that the array walk is compiled once, not once
/// per function (it is called per element either way).
pub(super) fn map_number(args: &[Value], op: &dyn Fn(f64) -> Result<f64, ErrorValue>) -> Value {
    // The array walk is the text functions' (one copy in the wasm).
    args::map_first(args, &|value| {
        value.to_number().and_then(op).map(Value::number)
    })
}

#[cfg(test)]
// Excel's documentation examples use 3.14159 as a plain number, not as pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use crate::formula::functions::testing::{
        assert_same, call, err, grid, num, nums, row, text, Eager,
    };

    fn check(function: Eager, args: &[Value], expected: Value) {
        assert_same(&call(function, args), &expected, &format!("{args:?}"));
    }

    fn mixed() -> Value {
        row(vec![num(1.0), text("3"), Value::Bool(true), num(4.0)])
    }

    #[test]
    fn aggregates_follow_excel_argument_rules() {
        check(
            sum,
            &[nums(&[1.0, 2.0]), num(3.0), text("4"), Value::Bool(true)],
            num(11.0),
        );
        check(sum, &[mixed()], num(5.0));
        check(sum, &[Value::Empty], num(0.0));
        check(sum, &[text("x")], err(ErrorKind::Value));
        check(
            sum,
            &[row(vec![num(1.0), err(ErrorKind::NotAvailable)])],
            err(ErrorKind::NotAvailable),
        );
        check(sum, &[num(1e308), num(1e308)], err(ErrorKind::Num));
        check(product, &[mixed(), num(2.0)], num(8.0));
        check(product, &[row(vec![text("a")])], num(0.0));
        check(product, &[num(1e200), num(1e200)], err(ErrorKind::Num));
        check(min, &[mixed(), num(-2.0)], num(-2.0));
        check(max, &[mixed(), Value::Bool(true)], num(4.0));
        check(min, &[row(vec![text("a")])], num(0.0));
        check(max, &[row(vec![Value::Bool(true)])], num(0.0));
        check(max, &[nums(&[-5.0, -3.0])], num(-3.0));
        check(average, &[mixed()], num(2.5));
        check(average, &[nums(&[10.0, 7.0, 9.0, 27.0, 2.0])], num(11.0));
        check(
            average,
            &[nums(&[10.0, 7.0, 9.0, 27.0, 2.0]), num(5.0)],
            num(10.0),
        );
        check(average, &[row(vec![text("a")])], err(ErrorKind::DivZero));
        check(average, &[text("two")], err(ErrorKind::Value));
    }

    #[test]
    fn count_counts_numbers_only_inside_arrays() {
        let array = row(vec![
            num(1.0),
            text("2"),
            Value::Bool(true),
            err(ErrorKind::Value),
            num(5.0),
        ]);
        check(count, &[array], num(2.0));
        check(
            count,
            &[
                num(1.0),
                Value::Bool(false),
                text("3"),
                text("x"),
                err(ErrorKind::Num),
            ],
            num(3.0),
        );
        check(count, &[Value::Empty], num(0.0));
    }

    #[test]
    fn rounding_functions_use_excel_decimal_rules() {
        check(round, &[num(2.15), num(1.0)], num(2.2));
        check(round, &[num(2.675), num(2.0)], num(2.68));
        check(round, &[num(-1.475), num(2.0)], num(-1.48));
        check(round, &[num(21.5), num(-1.0)], num(20.0));
        check(round, &[num(626.3), num(-3.0)], num(1000.0));
        check(round, &[num(2.5), num(0.9)], num(3.0));
        check(round, &[num(1.0), num(1e300)], num(1.0));
        check(round, &[num(1e300), num(-1e300)], num(0.0));
        check(roundup, &[num(3.14159), num(3.0)], num(3.142));
        check(roundup, &[num(-3.14159), num(1.0)], num(-3.2));
        check(roundup, &[num(31415.92654), num(-2.0)], num(31500.0));
        check(roundup, &[num(1.7e308), num(-308.0)], err(ErrorKind::Num));
        check(rounddown, &[num(-3.14159), num(1.0)], num(-3.1));
        check(rounddown, &[num(31415.92654), num(-2.0)], num(31400.0));
        check(round, &[nums(&[1.25, -1.25]), num(1.0)], nums(&[1.3, -1.3]));
        check(round, &[text("x"), num(1.0)], err(ErrorKind::Value));
        check(round, &[num(1.0), err(ErrorKind::Ref)], err(ErrorKind::Ref));
    }

    #[test]
    fn scalar_functions_match_excel_examples() {
        check(abs, &[num(-4.0)], num(4.0));
        check(abs, &[nums(&[-1.0, 2.0])], nums(&[1.0, 2.0]));
        check(sqrt, &[num(16.0)], num(4.0));
        check(sqrt, &[num(-16.0)], err(ErrorKind::Num));
        check(
            sqrt,
            &[nums(&[4.0, -1.0])],
            row(vec![num(2.0), err(ErrorKind::Num)]),
        );
        check(exp, &[num(1.0)], num(std::f64::consts::E));
        check(exp, &[num(2.0)], num(7.38905609893065));
        check(exp, &[num(1000.0)], err(ErrorKind::Num));
        check(ln, &[num(86.0)], num(86f64.ln()));
        check(ln, &[num(3f64.exp())], num(3.0));
        check(ln, &[num(0.0)], err(ErrorKind::Num));
        check(log10, &[num(1e5)], num(5.0));
        check(log10, &[num(10.0)], num(1.0));
        check(log10, &[num(-10.0)], err(ErrorKind::Num));
        check(log10, &[text("100")], num(2.0));
        check(int, &[num(8.9)], num(8.0));
        check(int, &[num(-8.9)], num(-9.0));
        check(int, &[text("x")], err(ErrorKind::Value));
    }

    #[test]
    fn power_and_mod_handle_edge_cases() {
        check(power, &[num(5.0), num(2.0)], num(25.0));
        check(power, &[num(4.0), num(1.25)], num(4f64.powf(1.25)));
        check(power, &[num(0.0), num(0.0)], err(ErrorKind::Num));
        check(power, &[num(0.0), num(-1.0)], err(ErrorKind::DivZero));
        check(power, &[num(-8.0), num(1.0 / 3.0)], err(ErrorKind::Num));
        check(power, &[num(10.0), num(400.0)], err(ErrorKind::Num));
        check(modulo, &[num(3.0), num(2.0)], num(1.0));
        check(modulo, &[num(-3.0), num(2.0)], num(1.0));
        check(modulo, &[num(3.0), num(-2.0)], num(-1.0));
        check(modulo, &[num(-3.0), num(-2.0)], num(-1.0));
        check(modulo, &[num(5.5), num(2.0)], num(1.5));
        check(modulo, &[num(3.0), num(0.0)], err(ErrorKind::DivZero));
        check(modulo, &[num(1e308), num(1e-10)], err(ErrorKind::Num));
    }

    #[test]
    fn sumproduct_multiplies_equal_shapes() {
        let left = grid(vec![
            vec![num(3.0), num(4.0)],
            vec![num(8.0), num(6.0)],
            vec![num(1.0), num(9.0)],
        ]);
        let right = grid(vec![
            vec![num(2.0), num(7.0)],
            vec![num(6.0), num(7.0)],
            vec![num(5.0), num(3.0)],
        ]);
        check(sumproduct, &[left.clone(), right], num(156.0));
        check(sumproduct, std::slice::from_ref(&left), num(31.0));
        check(
            sumproduct,
            &[nums(&[1.0, 2.0]), row(vec![text("a"), Value::Bool(true)])],
            num(0.0),
        );
        check(sumproduct, &[num(3.0), num(4.0)], num(12.0));
        check(
            sumproduct,
            &[left, nums(&[1.0, 2.0])],
            err(ErrorKind::Value),
        );
        check(
            sumproduct,
            &[nums(&[1.0, 2.0]), row(vec![num(1.0), err(ErrorKind::Null)])],
            err(ErrorKind::Null),
        );
        check(sumproduct, &[err(ErrorKind::Ref)], err(ErrorKind::Ref));
    }

    #[test]
    fn table_lists_every_math_function() {
        assert_eq!(FUNCTIONS.len(), 18);
        assert!(FUNCTIONS.iter().all(|spec| spec.category == Category::Math));
    }
}
