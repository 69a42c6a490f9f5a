use crate::formula::functions::testing::check_formula as check;

use crate::formula::evaluate;

#[test]
fn one_number_functions_apply_to_each_element() {
    check("CEILING.MATH({1.2,-1.2})", "{2,-1}");
    check("FLOOR.MATH({1.2,-1.2},1,1)", "{1,-1}");
    check("TRUNC({1.99,-1.99},1)", "{1.9,-1.9}");
    check("SIGN({-3,0,2})", "{-1,0,1}");
    check("LOG({100,1000})", "{2,3}");
    check("MROUND({7,-7},5)", "{5,#NUM!}");
}

#[test]
fn a_zero_multiple_gives_zero_and_bad_arguments_are_errors() {
    check("CEILING.MATH(5,0)", "0");
    check("FLOOR.MATH(5,0)", "0");
    check("MROUND(5,0)", "0");
    check("LOG(8,-2)", "#NUM!");
    check("TRUNC(\"x\")", "#VALUE!");
    check("CEILING.MATH(1,2,3,4)", "#VALUE!");
    check("MROUND(1)", "#VALUE!");
}

#[test]
fn sequence_counts_row_by_row_and_is_bounded() {
    check("SEQUENCE(1,3,0,0.5)", "{0,0.5,1}");
    check("SEQUENCE(2.9,1.5)", "{1;2}");
    assert!(matches!(
        evaluate("SEQUENCE(256,256)").value,
        crate::formula::Value::Array(a) if a.rows() == 256 && a.cols() == 256
    ));
    check("SEQUENCE(256,257)", "#NUM!");
    check("SEQUENCE(-1)", "#VALUE!");
    let value = evaluate("SEQUENCE(1E300,1E300)").value;
    match value {
        crate::formula::Value::Error(err) => {
            assert!(err.message.contains("65,536"), "{}", err.message)
        }
        other => panic!("{other:?}"),
    }
}
