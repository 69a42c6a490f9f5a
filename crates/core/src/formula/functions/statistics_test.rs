use crate::formula::functions::testing::check_formula as check;

#[test]
fn order_statistics_read_numbers_like_the_aggregates() {
    check("MEDIAN({3,\"x\",TRUE,1},2)", "2");
    check("PERCENTILE.INC({10},0.7)", "10");
    check("QUARTILE.INC({4,1,3,2},0)", "1");
    check("QUARTILE.INC({4,1,3,2},4)", "4");
    check("LARGE({1,#N/A},1)", "#N/A");
    check("SMALL({5,1,3},0)", "#NUM!");
    check("STDEV.S({2,4,4,4,5,5,7,9})", "2.138089935299395");
    check("STDEV.P({2,4,4,4,5,5,7,9})", "2");
}

#[test]
fn correl_pairs_only_numbers_and_propagates_errors() {
    check("CORREL({1,2,\"x\",4},{2,4,100,8})", "1");
    check("CORREL({1,2,3},{3,2,1})", "-1");
    check("CORREL({1,#DIV/0!},{1,2})", "#DIV/0!");
    check("CORREL({1},{1})", "#DIV/0!");
}
