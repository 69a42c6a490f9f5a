use crate::formula::functions::testing::check_formula as check;

#[test]
fn criteria_compare_within_a_kind() {
    check("COUNTIF({1,\"a\",TRUE,\"b\"},\"<>a\")", "3");
    check("COUNTIF({\"apple\",\"Banana\",\"cherry\"},\">b\")", "2");
    check("COUNTIF({1,2,3},\"<=2\")", "2");
    check("COUNTIF({1,2,3},\"=2\")", "1");
    check("COUNTIF({1,\"\",3},\"\")", "1");
    check("COUNTIF({1,\"\",3},\"<>\")", "2");
    check("COUNTIF({\"TRUE\",TRUE},\"TRUE\")", "1");
    check("COUNTIF({45292,45300,45400},\">=2024-01-05\")", "2");
    check("COUNTIF({\"what?\",\"whats\"},\"what~?\")", "1");
    check("COUNTIF({\"ab\",\"abc\"},\"<>a*\")", "0");
}

#[test]
fn errors_propagate_from_criteria_and_selected_cells_only() {
    check("COUNTIF({1,#N/A,3},\">1\")", "1");
    check("SUMIF({1,2,3},\">1\",{10,#N/A,30})", "#N/A");
    check("SUMIF({1,2,3},\">2\",{10,#N/A,30})", "30");
    check("COUNTIF({1,2},#REF!)", "#REF!");
    check("SUMIF({1,2},\">0\",{\"x\",5})", "5");
}

#[test]
fn ranges_must_share_a_shape_and_pairs_must_be_complete() {
    check("SUMIFS({1,2},{1;2},\">0\")", "#VALUE!");
    check("COUNTIFS({1,2},\">0\",{1,2})", "#VALUE!");
    check("MINIFS({1,2},{1,2})", "#VALUE!");
    check("COUNTIF(5,5)", "1");
}
