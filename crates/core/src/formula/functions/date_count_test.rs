use crate::formula::functions::testing::check_formula as check;

#[test]
fn yearfrac_bases_count_days_as_excel_does() {
    // US 30/360: the end of February counts as the 30th.
    check(
        "YEARFRAC(DATE(2023,2,28),DATE(2023,3,31))",
        "0.08611111111111111",
    );
    check(
        "YEARFRAC(DATE(2024,2,29),DATE(2024,3,29))",
        "0.08055555555555556",
    );
    check("YEARFRAC(DATE(2024,1,1),DATE(2024,1,1),1)", "0");
    check("YEARFRAC(\"2024-01-01\",\"2025-01-01\",1)", "1");
    check("YEARFRAC(DATE(2023,1,1),DATE(2024,1,1),1)", "1");
    check("YEARFRAC(1,2,-1)", "#NUM!");
    check("YEARFRAC(-1,2)", "#NUM!");
}

#[test]
fn networkdays_counts_in_constant_time_over_the_whole_calendar() {
    check("NETWORKDAYS(DATE(2024,3,4),DATE(2024,3,8))", "5");
    check(
        "NETWORKDAYS(DATE(2024,3,4),DATE(2024,3,8),{45355,45355,45356})",
        "3",
    );
    check("NETWORKDAYS(DATE(2024,3,4),DATE(2024,3,8),45360)", "5");
    check("NETWORKDAYS(1,2958465)", "2113190");
    check("NETWORKDAYS(1,2,{\"x\",-5})", "#NUM!");
}

#[test]
fn workday_skips_weekends_and_holidays_within_the_calendar() {
    check("WORKDAY(DATE(2024,3,8),1)", "45362");
    check("WORKDAY(DATE(2024,3,8),1,DATE(2024,3,11))", "45363");
    check("WORKDAY(DATE(2024,3,9),1)", "45362");
    check("WORKDAY(DATE(2024,3,11),-1,DATE(2024,3,8))", "45358");
    check("WORKDAY(DATE(9999,12,30),5)", "#NUM!");
    check("WORKDAY(1,1E15)", "#NUM!");
}

#[test]
fn datedif_units_and_excels_md_quirk() {
    check("DATEDIF(DATE(2020,2,29),DATE(2021,2,28),\"Y\")", "0");
    check("DATEDIF(DATE(2020,2,29),DATE(2021,3,1),\"Y\")", "1");
    check("DATEDIF(DATE(2024,1,15),DATE(2024,3,10),\"MD\")", "24");
    // The end's day is before the start's: counted from 31 February,
    // rolled over to 3 March, so -2 as Excel gives.
    check("DATEDIF(DATE(2023,1,31),DATE(2023,3,1),\"MD\")", "-2");
    check("DATEDIF(DATE(2023,5,20),DATE(2024,2,10),\"YD\")", "266");
    check("DATEDIF(DATE(2023,5,20),DATE(2024,2,10),\"YM\")", "8");
    check("DATEDIF(1,2,3)", "#NUM!");
}
