use crate::formula::functions::testing::check_formula as check;

use crate::formula::{evaluate, Value};

#[test]
fn number_codes_round_half_away_on_the_decimal_form() {
    check("TEXT(2.675,\"0.00\")", "\"2.68\"");
    check("TEXT(-0.5,\"0\")", "\"-1\"");
    check("TEXT(0.001,\"0.00\")", "\"0.00\"");
    check("TEXT(0.5,\"#.00\")", "\".50\"");
    check("TEXT(1234567.891,\"#,##0.0\")", "\"1,234,567.9\"");
    check("TEXT(12,\"000\")", "\"012\"");
    check("TEXT(0,\"0.00E+00\")", "\"0.00E+00\"");
    check("TEXT(-0.00123,\"0.00E+0\")", "\"-1.23E-3\"");
    check("TEXT(1/3,\"General\")", "\"0.333333333333333\"");
    check("TEXT(TRUE,\"0\")", "\"TRUE\"");
    check("TEXT({1,2},\"0.0\")", "{\"1.0\",\"2.0\"}");
}

#[test]
fn date_codes_spell_english_names() {
    check(
        "TEXT(DATE(2024,12,25),\"ddd d mmmm yy\")",
        "\"Wed 25 December 24\"",
    );
    check("TEXT(DATE(2024,1,5),\"m/d/yyyy\")", "\"1/5/2024\"");
    check("TEXT(\"2024-07-04\",\"YYYY.MM.DD\")", "\"2024.07.04\"");
    check("TEXT(-1,\"yyyy\")", "#VALUE!");
}

#[test]
fn an_unsupported_code_is_named_in_the_error() {
    for code in [
        "hh:mm", "$#,##0", "0.0#", "#,##0,", "0;(0)", "[Red]0", "0.00E-00",
    ] {
        let formula = format!("TEXT(5,\"{code}\")");
        match evaluate(&formula).value {
            Value::Error(err) => {
                assert!(
                    err.message.contains(&format!("\"{code}\"")),
                    "{formula}: {}",
                    err.message
                )
            }
            other => panic!("{formula}: {other:?}"),
        }
    }
}
