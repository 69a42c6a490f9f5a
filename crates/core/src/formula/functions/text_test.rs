use crate::formula::functions::testing::check_formula as check;

use super::upper_char;
use crate::formula::case_fold::fold_char;

#[test]
fn characters_are_counted_not_bytes() {
    check("LEN(\"naïve café\")", "10");
    check("RIGHT(\"Zürich\",4)", "\"rich\"");
    check("MID(\"Ωμέγα\",5,9)", "\"α\"");
    check("LEFT(\"😀x\",1)", "\"😀\"");
    check("LEN(\"😀\")", "1");
}

#[test]
fn upper_inverts_the_case_table() {
    for c in "abcxyzàéîõüþæçñøāăđēğħĳĺľłńňŋőœřśşšţŧūůűźżžÿαβγδωάέήίόύώабвяѐёђџ".chars()
    {
        let expected: String = c.to_uppercase().collect();
        assert_eq!(upper_char(c).to_string(), expected, "{c}");
        assert_eq!(fold_char(upper_char(c)), c, "{c}");
    }
    check("UPPER(\"ß1-x\")", "\"ß1-X\"");
    check("LOWER(\"ÀÉÎ ΩΣ\")", "\"àéî ωσ\"");
}

#[test]
fn one_text_functions_apply_to_each_element() {
    check("LEN({\"a\",\"bb\";\"\",123})", "{1,2;0,3}");
    check("UPPER({\"a\",TRUE})", "{\"A\",\"TRUE\"}");
    check("VALUE({\"1\",\"x\"})", "{1,#VALUE!}");
    check("LEFT({\"abc\",\"de\"},2)", "{\"ab\",\"de\"}");
}

#[test]
fn joins_propagate_errors_and_respect_the_text_limit() {
    check("CONCAT(\"a\",#N/A)", "#N/A");
    check("TEXTJOIN(\",\",TRUE,{\"a\",#DIV/0!})", "#DIV/0!");
    check("TEXTJOIN(\"\",TRUE)", "#VALUE!");
    check("LEN(CONCAT(SEQUENCE(5000)))", "18893");
    check("CONCAT(SEQUENCE(10000)&\"xxxx\")", "#VALUE!");
    check("VALUE(\"2024-03-15\")", "45366");
    check("VALUE(TRUE)", "#VALUE!");
    check("TRIM(\"  a  b  \")", "\"a b\"");
}
