//! Unit tests for the lookup functions: Excel's documented examples, edge
//! cases and error values.

use super::*;
use crate::formula::functions::testing::{
    assert_same, call, call_expr, column, err, eval_counting, grid, missing_expr, name_expr, num,
    num_expr, nums, row, text, text_expr, Eager,
};

fn check(function: Eager, args: &[Value], expected: Value) {
    assert_same(&call(function, args), &expected, &format!("{args:?}"));
}

fn check_lazy(name: &str, args: Vec<Expr>, expected: Value, lookups: usize) {
    let (value, counted) = eval_counting(&call_expr(name, args));
    assert_same(&value, &expected, name);
    assert_eq!(counted, lookups, "{name}: names evaluated");
}

fn texts(values: &[&str]) -> Value {
    column(values.iter().map(|s| text(s)).collect())
}

/// The 2x3 array {1,2,3;4,5,6}.
fn table() -> Value {
    grid(vec![
        vec![num(1.0), num(2.0), num(3.0)],
        vec![num(4.0), num(5.0), num(6.0)],
    ])
}

#[test]
fn choose_evaluates_only_the_chosen_value() {
    let weeks = || {
        vec![
            text_expr("1st"),
            text_expr("2nd"),
            name_expr("x"),
            missing_expr(),
        ]
    };
    let with_index = |index: f64| {
        let mut args = vec![num_expr(index)];
        args.extend(weeks());
        args
    };
    check_lazy("CHOOSE", with_index(2.0), text("2nd"), 0);
    check_lazy("CHOOSE", with_index(2.9), text("2nd"), 0);
    check_lazy("CHOOSE", with_index(3.0), num(99.0), 1);
    check_lazy("CHOOSE", with_index(4.0), num(0.0), 0);
    check_lazy("CHOOSE", with_index(0.0), err(ErrorKind::Value), 0);
    check_lazy("CHOOSE", with_index(5.0), err(ErrorKind::Value), 0);
    let text_index = vec![text_expr("two"), num_expr(1.0)];
    check_lazy("CHOOSE", text_index, err(ErrorKind::Value), 0);
    let error_index = vec![call_expr("SQRT", vec![num_expr(-1.0)]), num_expr(1.0)];
    check_lazy("CHOOSE", error_index, err(ErrorKind::Num), 0);
}

#[test]
fn index_picks_elements_rows_and_columns() {
    check(index, &[table(), num(2.0), num(3.0)], num(6.0));
    check(index, &[table(), num(1.9), num(1.2)], num(1.0));
    check(
        index,
        &[table(), num(2.0), num(0.0)],
        nums(&[4.0, 5.0, 6.0]),
    );
    check(index, &[table(), num(2.0)], nums(&[4.0, 5.0, 6.0]));
    check(
        index,
        &[table(), num(0.0), num(2.0)],
        column(vec![num(2.0), num(5.0)]),
    );
    check(
        index,
        &[table(), Value::Empty, num(2.0)],
        column(vec![num(2.0), num(5.0)]),
    );
    check(index, &[table(), num(0.0), num(0.0)], table());
    // Excel's example: INDEX({1,2;3,4}, 2, 2) = 4.
    let small = grid(vec![vec![num(1.0), num(2.0)], vec![num(3.0), num(4.0)]]);
    check(index, &[small, num(2.0), num(2.0)], num(4.0));
}

#[test]
fn index_on_one_dimensional_arrays_takes_one_position() {
    check(index, &[nums(&[1.0, 2.0, 3.0]), num(2.0)], num(2.0));
    check(
        index,
        &[nums(&[1.0, 2.0, 3.0]), num(1.0), num(3.0)],
        num(3.0),
    );
    check(
        index,
        &[column(vec![num(7.0), num(8.0)]), num(2.0)],
        num(8.0),
    );
    check(index, &[num(5.0), num(1.0)], num(5.0));
    check(index, &[num(5.0), num(1.0), num(1.0)], num(5.0));
    check(
        index,
        &[row(vec![text("a"), err(ErrorKind::Null)]), num(2.0)],
        err(ErrorKind::Null),
    );
}

#[test]
fn index_rejects_bad_positions() {
    check(index, &[table(), num(3.0), num(1.0)], err(ErrorKind::Ref));
    check(index, &[table(), num(1.0), num(4.0)], err(ErrorKind::Ref));
    check(
        index,
        &[nums(&[1.0, 2.0, 3.0]), num(4.0)],
        err(ErrorKind::Ref),
    );
    check(
        index,
        &[nums(&[1.0, 2.0, 3.0]), num(2.0), num(1.0)],
        err(ErrorKind::Ref),
    );
    check(index, &[table(), num(1e300), num(1.0)], err(ErrorKind::Ref));
    check(
        index,
        &[table(), num(-1.0), num(1.0)],
        err(ErrorKind::Value),
    );
    check(index, &[table(), text("x")], err(ErrorKind::Value));
    check(
        index,
        &[err(ErrorKind::Name), num(1.0)],
        err(ErrorKind::Name),
    );
}

#[test]
fn match_exact_ignores_case_and_honours_wildcards() {
    let fruit = texts(&["Apple", "banana", "Cherry", "what?"]);
    check(
        match_function,
        &[text("BANANA"), fruit.clone(), num(0.0)],
        num(2.0),
    );
    check(
        match_function,
        &[text("ch*"), fruit.clone(), num(0.0)],
        num(3.0),
    );
    check(
        match_function,
        &[text("b?nana"), fruit.clone(), num(0.0)],
        num(2.0),
    );
    check(
        match_function,
        &[text("what~?"), fruit.clone(), num(0.0)],
        num(4.0),
    );
    check(
        match_function,
        &[text("ch"), fruit.clone(), Value::Empty],
        err(ErrorKind::NotAvailable),
    );
    check(
        match_function,
        &[text("cherry"), fruit, Value::Empty],
        num(3.0),
    );
    let mixed = row(vec![text("1"), Value::Bool(true), num(1.0)]);
    check(
        match_function,
        &[num(1.0), mixed.clone(), num(0.0)],
        num(3.0),
    );
    check(
        match_function,
        &[Value::Bool(true), mixed, num(0.0)],
        num(2.0),
    );
}

#[test]
fn match_approximate_follows_sorted_data() {
    // Excel's example: MATCH(39, {25,38,40,41}, 1) = 2, MATCH(41, ..., 0) = 4,
    // MATCH(40, ..., -1) = #N/A (the data is not descending).
    let ascending = column(vec![num(25.0), num(38.0), num(40.0), num(41.0)]);
    check(
        match_function,
        &[num(39.0), ascending.clone(), num(1.0)],
        num(2.0),
    );
    check(match_function, &[num(39.0), ascending.clone()], num(2.0));
    check(
        match_function,
        &[num(41.0), ascending.clone(), num(0.0)],
        num(4.0),
    );
    check(
        match_function,
        &[num(40.0), ascending.clone(), num(-1.0)],
        err(ErrorKind::NotAvailable),
    );
    check(
        match_function,
        &[num(100.0), ascending.clone(), num(1.0)],
        num(4.0),
    );
    check(
        match_function,
        &[num(1.0), ascending, num(1.0)],
        err(ErrorKind::NotAvailable),
    );
    let duplicates = nums(&[1.0, 2.0, 2.0, 3.0]);
    check(match_function, &[num(2.0), duplicates, num(0.5)], num(3.0));
    let descending = nums(&[50.0, 40.0, 30.0]);
    check(
        match_function,
        &[num(35.0), descending.clone(), num(-1.0)],
        num(2.0),
    );
    check(
        match_function,
        &[num(40.0), descending.clone(), num(-1.0)],
        num(2.0),
    );
    check(
        match_function,
        &[num(60.0), descending, num(-1.0)],
        err(ErrorKind::NotAvailable),
    );
    let words = texts(&["apple", "Banana", "cherry"]);
    check(
        match_function,
        &[text("blueberry"), words, num(1.0)],
        num(2.0),
    );
}

#[test]
fn match_rejects_two_dimensional_arrays_and_errors() {
    check(
        match_function,
        &[num(1.0), table(), num(0.0)],
        err(ErrorKind::NotAvailable),
    );
    check(
        match_function,
        &[err(ErrorKind::DivZero), nums(&[1.0])],
        err(ErrorKind::DivZero),
    );
    check(
        match_function,
        &[num(1.0), nums(&[1.0]), text("x")],
        err(ErrorKind::Value),
    );
    check(match_function, &[num(5.0), num(5.0), num(0.0)], num(1.0));
    check(
        match_function,
        &[nums(&[2.0, 9.0]), nums(&[1.0, 2.0]), num(0.0)],
        num(2.0),
    );
}

#[test]
fn xlookup_finds_exact_matches_and_returns_rows() {
    let countries = texts(&["China", "India", "USA"]);
    let codes = texts(&["+86", "+91", "+1"]);
    check(
        xlookup,
        &[text("india"), countries.clone(), codes.clone()],
        text("+91"),
    );
    check(
        xlookup,
        &[text("Brazil"), countries.clone(), codes.clone()],
        err(ErrorKind::NotAvailable),
    );
    let fallback = [
        text("Brazil"),
        countries.clone(),
        codes.clone(),
        text("none"),
    ];
    check(xlookup, &fallback, text("none"));
    let omitted = [
        text("Brazil"),
        countries.clone(),
        codes.clone(),
        Value::Empty,
    ];
    check(xlookup, &omitted, err(ErrorKind::NotAvailable));
    // Exact mode does not treat * as a wildcard; mode 2 does.
    check(
        xlookup,
        &[text("U*"), countries.clone(), codes.clone()],
        err(ErrorKind::NotAvailable),
    );
    let wildcard = [text("U*"), countries.clone(), codes, Value::Empty, num(2.0)];
    check(xlookup, &wildcard, text("+1"));
    let details = grid(vec![
        vec![num(1.0), num(2.0)],
        vec![num(3.0), num(4.0)],
        vec![num(5.0), num(6.0)],
    ]);
    check(
        xlookup,
        &[text("USA"), countries, details],
        nums(&[5.0, 6.0]),
    );
    let header = nums(&[2022.0, 2023.0]);
    let by_year = grid(vec![vec![num(10.0), num(20.0)], vec![num(30.0), num(40.0)]]);
    let year_column = column(vec![num(20.0), num(40.0)]);
    check(xlookup, &[num(2023.0), header, by_year], year_column);
}

#[test]
fn xlookup_approximate_modes_pick_the_nearest_value() {
    // Excel's tax-rate example: 46523 in {0,9701,39476,84201} with -1 gives 22%.
    let incomes = nums(&[0.0, 9701.0, 39476.0, 84201.0]);
    let rates = nums(&[0.10, 0.12, 0.22, 0.24]);
    let approx = |value: f64, mode: f64| {
        call(
            xlookup,
            &[
                num(value),
                incomes.clone(),
                rates.clone(),
                Value::Empty,
                num(mode),
            ],
        )
    };
    assert_same(&approx(46523.0, -1.0), &num(0.22), "next smaller");
    assert_same(&approx(46523.0, 1.0), &num(0.24), "next larger");
    assert_same(&approx(9701.0, 1.0), &num(0.12), "exact before larger");
    assert_same(
        &approx(-5.0, -1.0),
        &err(ErrorKind::NotAvailable),
        "nothing smaller",
    );
    assert_same(
        &approx(1e6, 1.0),
        &err(ErrorKind::NotAvailable),
        "nothing larger",
    );
    // Unsorted data still finds the nearest value.
    let unsorted = nums(&[30.0, 10.0, 20.0]);
    let letters = row(vec![text("c"), text("a"), text("b")]);
    let nearest = [num(25.0), unsorted, letters, Value::Empty, num(-1.0)];
    check(xlookup, &nearest, text("b"));
}

#[test]
fn xlookup_search_modes_choose_first_or_last() {
    let keys = nums(&[1.0, 2.0, 1.0]);
    let values = row(vec![text("first"), text("middle"), text("last")]);
    let with_mode = |mode: f64| {
        call(
            xlookup,
            &[
                num(1.0),
                keys.clone(),
                values.clone(),
                Value::Empty,
                num(0.0),
                num(mode),
            ],
        )
    };
    assert_same(&with_mode(1.0), &text("first"), "first to last");
    assert_same(&with_mode(-1.0), &text("last"), "last to first");
    assert_same(&with_mode(2.0), &text("first"), "binary ascending");
    assert_same(&with_mode(0.0), &err(ErrorKind::Value), "bad search mode");
}

#[test]
fn xlookup_rejects_bad_shapes_and_modes() {
    let keys = nums(&[1.0, 2.0]);
    check(
        xlookup,
        &[num(1.0), table(), table()],
        err(ErrorKind::Value),
    );
    check(
        xlookup,
        &[num(1.0), keys.clone(), nums(&[1.0, 2.0, 3.0])],
        err(ErrorKind::Value),
    );
    let bad_mode = [num(1.0), keys.clone(), keys.clone(), Value::Empty, num(3.0)];
    check(xlookup, &bad_mode, err(ErrorKind::Value));
    check(
        xlookup,
        &[err(ErrorKind::Ref), keys.clone(), keys.clone()],
        err(ErrorKind::Ref),
    );
    check(
        xlookup,
        &[num(1.0), err(ErrorKind::Name), keys.clone()],
        err(ErrorKind::Name),
    );
    let returned_error = row(vec![err(ErrorKind::DivZero), num(2.0)]);
    check(
        xlookup,
        &[num(1.0), keys, returned_error],
        err(ErrorKind::DivZero),
    );
    check(xlookup, &[num(7.0), num(7.0), text("seven")], text("seven"));
}

#[test]
fn table_lists_every_lookup_function() {
    let names: Vec<&str> = FUNCTIONS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["CHOOSE", "INDEX", "MATCH", "XLOOKUP"]);
}
