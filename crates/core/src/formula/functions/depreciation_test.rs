use crate::formula::functions::testing::check_formula as check;

#[test]
fn depreciation_over_the_life_adds_up_to_cost_less_salvage() {
    let total = |formula: &str, periods: u32| -> f64 {
        (1..=periods)
            .map(
                |p| match crate::formula::evaluate(&formula.replace('#', &p.to_string())).value {
                    crate::formula::Value::Number(n) => n,
                    other => panic!("{formula} {p}: {other:?}"),
                },
            )
            .sum()
    };
    assert!((total("SYD(1000,100,5,#)", 5) - 900.0).abs() < 1e-9);
    assert!((total("VDB(1000,100,5,#-1,#)", 5) - 900.0).abs() < 1e-9);
    assert!(
        (total("DDB(1000,100,5,#)", 5) - total("VDB(1000,100,5,#-1,#,2,TRUE)", 5)).abs() < 1e-9
    );
}

#[test]
fn long_lives_are_refused_not_looped() {
    check("VDB(1000,0,1E9,0,1E9)", "#NUM!");
    check("DB(1000,1,1E9,5)", "#NUM!");
    check("DDB(1000,1,1E9,5)", "0.000002");
}

#[test]
fn domains_follow_excel() {
    check("DB(-1,0,5,1)", "#NUM!");
    check("DB(0,0,5,1)", "0");
    check("DDB(1000,100,5,1,0)", "#NUM!");
    check("VDB(1000,2000,5,0,1)", "#NUM!");
    check("VDB(1000,100,5,0,1,2,\"x\")", "#VALUE!");
    check("SLN(1)", "#VALUE!");
}
