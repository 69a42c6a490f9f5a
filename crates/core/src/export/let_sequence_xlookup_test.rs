//! The translations of LET (substitution), SEQUENCE (an array constant)
//! and XLOOKUP (INDEX and MATCH), which LibreOffice 7.4 lacks: the formula
//! text, and every refusal. The LibreOffice check of their values is in
//! crates/xlsx/tests (the export-coverage model).

use super::*;

/// The text of output `row` (1-based: row 1 is the first output).
fn output(model: &CompiledModel, row: u32) -> String {
    formula_at(&plan(model).unwrap(), "Outputs", row, 1)
}

/// A model with the per-period series `s` (-a*10, a*4, a*4, a*4; `a` is 2)
/// and the given outputs.
fn with_series(outputs: &str) -> CompiledModel {
    tiny(
        r#"{ "id": "s", "per_period": true, "formula": "IF(period = 0, -a * 10, a * 4)" }"#,
        outputs,
    )
}

fn refusal(model: &CompiledModel) -> (String, String) {
    match plan(model) {
        Err(ExportError::Untranslatable { what, reason, .. }) => (what, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn let_substitutes_each_value_in_parentheses_in_order() {
    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "LET(x, a * 2, y, x + rate, y * x)" }"#,
    );
    assert_eq!(output(&model, 1), "((a*2)+in_rate)*(a*2)");
}

#[test]
fn let_names_hide_model_names_and_nested_lets_rebind_them() {
    // The outer `a` hides the input; the inner LET's value reads the outer
    // `a`, its calculation the inner one; the outer calculation the outer.
    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "LET(a, 10, b, LET(a, a + 1, a * 2), b + a)" }"#,
    );
    assert_eq!(output(&model, 1), "(((10)+1)*2)+(10)");
    // Yardstick agrees on the value the text computes: 22 + 10.
    let state = model.evaluate(&model.default_inputs());
    assert_eq!(state.output_number(&model, 0), Some(32.0));
}

#[test]
fn a_let_name_of_a_series_stays_a_range() {
    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "LET(r, s, SUMIF(r, \">0\") + SUM(DROP(r, 1)))" },
           { "id": "p", "label": "P", "formula": "LET(r, s * 2, SUM(r))" }"#,
    );
    assert_eq!(
        output(&model, 1),
        "SUMIF('Calculations'!$D$2:$G$2,\">0\")+SUM('Calculations'!$E$2:$G$2)"
    );
    // A value that needs an array formula makes the formula reading it one.
    let plan = plan(&model).unwrap();
    let outputs = plan.sheets.iter().find(|s| s.name == "Outputs").unwrap();
    let array_at = |row| {
        outputs.cells.iter().find_map(|c| match &c.content {
            CellContent::Formula(f) if c.row == row => Some(f.array),
            _ => None,
        })
    };
    assert_eq!(array_at(1), Some(false));
    assert_eq!(array_at(2), Some(true));
    assert_eq!(
        formula_at(&plan, "Outputs", 2, 1),
        "SUM(('Calculations'!$D$2:$G$2*2))"
    );
}

#[test]
fn an_unread_let_value_leaves_no_trace() {
    let model =
        with_series(r#"{ "id": "o", "label": "O", "formula": "LET(unused, s * 2, a + 1)" }"#);
    let plan = plan(&model).unwrap();
    assert_eq!(formula_at(&plan, "Outputs", 1, 1), "a+1");
    let outputs = plan.sheets.iter().find(|s| s.name == "Outputs").unwrap();
    assert!(outputs
        .cells
        .iter()
        .all(|c| !matches!(&c.content, CellContent::Formula(f) if f.array)));
}

#[test]
fn a_let_chain_that_doubles_is_refused_at_excels_length_limit() {
    // 40 doublings would be a trillion characters; the export stops at 8,192.
    let mut formula = String::from("LET(n0, rate");
    for level in 1..=40 {
        formula.push_str(&format!(", n{level}, n{prev} + n{prev}", prev = level - 1));
    }
    formula.push_str(", n40)");
    let model = with_series(&format!(
        r#"{{ "id": "o", "label": "O", "formula": "{formula}" }}"#
    ));
    match plan(&model) {
        Err(ExportError::FormulaTooLong {
            path,
            length,
            limit,
        }) => {
            assert_eq!(path, "outputs[0].formula");
            assert_eq!(limit, 8192);
            // Refused at the first value past the limit, not at the end.
            assert!(length > 8192 && length < 2 * 8192 + 16, "{length}");
        }
        other => panic!("expected FormulaTooLong, got {other:?}"),
    }
    // A short chain is written out.
    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "LET(x, 1, y, x + x, z, y * y, z)" }"#,
    );
    assert_eq!(output(&model, 1), "(((1)+(1))*((1)+(1)))");
}

#[test]
fn prev_of_a_let_name_and_a_let_name_in_a_dpayback_rate_are_refused() {
    let model = tiny(
        r#"{ "id": "s", "per_period": true, "formula": "LET(s, 1, PREV(s) + period)" }"#,
        r#"{ "id": "o", "label": "O", "formula": "SUM(s)" }"#,
    );
    let (what, reason) = refusal(&model);
    assert_eq!(what, "PREV");
    assert!(reason.contains("LET name"), "{reason}");

    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "LET(r, rate * 2, DPAYBACK(r, s))" }"#,
    );
    let (what, reason) = refusal(&model);
    assert_eq!(what, "the LET name `r`");
    assert!(reason.contains("DPAYBACK"), "{reason}");
}

#[test]
fn a_constant_sequence_is_the_array_yardstick_computes() {
    let model = with_series(
        r#"{ "id": "o1", "label": "O", "formula": "SUM(SEQUENCE(3))" },
           { "id": "o2", "label": "O", "formula": "INDEX(SEQUENCE(2, 3), 2, 3)" },
           { "id": "o3", "label": "O", "formula": "SUM(SEQUENCE(1 + 1, 2, -1, 0.5))" },
           { "id": "o4", "label": "O", "formula": "SUMPRODUCT(SEQUENCE(3), {2;4;6})" },
           { "id": "o5", "label": "O", "formula": "SUM(SEQUENCE(1, 1, 7))" }"#,
    );
    let plan = plan(&model).unwrap();
    let at = |row| formula_at(&plan, "Outputs", row, 1);
    // One column in the model: rows separated by `;`.
    assert_eq!(at(1), "SUM({1;2;3})");
    assert_eq!(at(2), "INDEX({1,2,3;4,5,6},2,3)");
    assert_eq!(at(3), "SUM({-1,-0.5;0,0.5})");
    assert_eq!(at(4), "SUMPRODUCT({1;2;3},{2;4;6})");
    assert_eq!(at(5), "SUM({7})");
}

#[test]
fn a_one_column_constant_beside_a_series_is_written_as_a_row() {
    // A series is a column in the model and a row in the workbook; the
    // constant follows it, so SUMPRODUCT pairs the same elements.
    let model = with_series(
        r#"{ "id": "o", "label": "O", "formula": "SUMPRODUCT(s, SEQUENCE(4, 1, 0, 0.5))" },
           { "id": "p", "label": "P", "formula": "SUM(s * {1;0;1;0})" }"#,
    );
    assert_eq!(
        output(&model, 1),
        "SUMPRODUCT('Calculations'!$D$2:$G$2,{0,0.5,1,1.5})"
    );
    assert_eq!(output(&model, 2), "SUM('Calculations'!$D$2:$G$2*{1,0,1,0})");
    // A constant of several columns has no such reading: still refused.
    let model =
        with_series(r#"{ "id": "o", "label": "O", "formula": "SUMPRODUCT(s, SEQUENCE(4, 2))" }"#);
    assert!(refusal(&model).0.contains("SUMPRODUCT"));
}

#[test]
fn a_sequence_that_can_change_or_is_too_large_is_refused() {
    let model = with_series(r#"{ "id": "o", "label": "O", "formula": "SUM(SEQUENCE(a))" }"#);
    let (what, reason) = refusal(&model);
    assert_eq!(what, "SEQUENCE");
    assert!(
        reason.contains("constant arguments") && reason.contains("`a`"),
        "{reason}"
    );

    let model = with_series(r#"{ "id": "o", "label": "O", "formula": "SUM(SEQUENCE(200, 100))" }"#);
    let (what, reason) = refusal(&model);
    assert_eq!(what, "SEQUENCE");
    assert!(
        reason.contains("20000") && reason.contains("10000"),
        "{reason}"
    );

    let model = with_series(r#"{ "id": "o", "label": "O", "formula": "SUM(SEQUENCE(3000))" }"#);
    assert!(matches!(
        plan(&model),
        Err(ExportError::FormulaTooLong { limit: 8192, .. })
    ));

    let model = with_series(r#"{ "id": "o", "label": "O", "formula": "SUM(SEQUENCE(0))" }"#);
    let (what, reason) = refusal(&model);
    assert_eq!(what, "SEQUENCE");
    assert!(reason.contains("error value"), "{reason}");
}

#[test]
fn xlookup_exact_becomes_index_of_match() {
    let model = with_series(
        r#"{ "id": "o1", "label": "O", "formula": "XLOOKUP(2, {1;2;3}, {10;20;30})" },
           { "id": "o2", "label": "O", "formula": "XLOOKUP(a * 4, s, SEQUENCE(4), -1)" },
           { "id": "o3", "label": "O", "formula": "XLOOKUP(a, {1;2}, {5;6}, , 0, 2)" }"#,
    );
    let plan = plan(&model).unwrap();
    let at = |row| formula_at(&plan, "Outputs", row, 1);
    assert_eq!(at(1), "INDEX({10;20;30},MATCH(2,{1;2;3},0))");
    // if_not_found only where MATCH finds nothing; errors in the return
    // array still show (IFERROR would hide them), and so does an error key.
    assert_eq!(
        at(2),
        "IF(ISERROR(a*4),a*4,IF(ISNA(MATCH(a*4,'Calculations'!$D$2:$G$2,0)),-1,\
         INDEX({1;2;3;4},MATCH(a*4,'Calculations'!$D$2:$G$2,0))))"
    );
    // A number input needs no escaping; search mode 2 is a linear search
    // from the first element in Yardstick.
    assert_eq!(at(3), "INDEX({5;6},MATCH(a,{1;2},0))");
}

/// A model with a text key `key` ("a*"), the text series `names`
/// ("abc", "a*", "b", "c") and a select `tier` (options "gold", "silver").
fn with_text(outputs: &str) -> CompiledModel {
    compiled(&format!(
        r#"{{ "schema": "yardstick/model@1", "id": "t", "version": "1", "title": "T",
            "horizon": {{ "periods": 3 }},
            "inputs": [ {{ "id": "tier", "label": "Tier", "kind": "select", "default": "gold",
                          "options": [ {{ "value": "silver", "label": "Silver" }},
                                       {{ "value": "gold", "label": "Gold" }} ] }} ],
            "calculations": [
              {{ "id": "key", "formula": "\"a\" & \"*\"" }},
              {{ "id": "names", "per_period": true,
                 "formula": "CHOOSE(period + 1, \"abc\", \"a*\", \"b\", \"c\")" }} ],
            "outputs": [ {outputs} ] }}"#
    ))
}

#[test]
fn xlookup_exact_never_reads_a_text_key_as_a_pattern() {
    let model = with_text(
        r#"{ "id": "o1", "label": "O", "formula": "XLOOKUP(key, {\"abc\";\"a*\"}, {1;2})" },
           { "id": "o2", "label": "O", "formula": "XLOOKUP(key, names, SEQUENCE(4), 0)" },
           { "id": "o3", "label": "O", "formula": "XLOOKUP(\"b\", {\"abc\";\"b\"}, {1;2})" },
           { "id": "o4", "label": "O", "formula": "XLOOKUP(tier, {\"silver\";\"gold\"}, {1;2})" },
           { "id": "o5", "label": "O", "formula": "XLOOKUP(\"a?c\", names, SEQUENCE(4), 0, 2)" }"#,
    );
    let plan = plan(&model).unwrap();
    let at = |row| formula_at(&plan, "Outputs", row, 1);
    let key = "'Calculations'!$D$2";
    let names = "'Calculations'!$D$3:$G$3";
    // Over an array: Excel's MATCH would apply wildcards, LibreOffice's
    // not, so plain equality, as an array formula; an error key is the
    // answer, as in Yardstick.
    assert_eq!(
        at(1),
        format!("IF(ISERROR({key}),{key},INDEX({{1;2}},MATCH(TRUE,{{\"abc\";\"a*\"}}=({key}),0)))")
    );
    let outputs = plan.sheets.iter().find(|s| s.name == "Outputs").unwrap();
    assert!(outputs
        .cells
        .iter()
        .any(|c| c.row == 1 && matches!(&c.content, CellContent::Formula(f) if f.array)));
    // Over a range both apply wildcards: the key's are escaped with `~`.
    let escaped = format!(
        "IF(ISTEXT({key}),SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({key},\"~\",\"~~\"),\"*\",\"~*\"),\"?\",\"~?\"),{key})"
    );
    assert_eq!(
        at(2),
        format!(
            "IF(ISERROR({key}),{key},IF(ISNA(MATCH({escaped},{names},0)),0,INDEX({{1;2;3;4}},MATCH({escaped},{names},0))))"
        )
    );
    // Text without a wildcard, or a select whose options have none, as it is.
    assert_eq!(at(3), "INDEX({1;2},MATCH(\"b\",{\"abc\";\"b\"},0))");
    assert_eq!(at(4), "INDEX({1;2},MATCH(tier,{\"silver\";\"gold\"},0))");
    // match_mode 2 over a range is MATCH's own wildcard match.
    assert_eq!(
        at(5),
        format!("IF(ISNA(MATCH(\"a?c\",{names},0)),0,INDEX({{1;2;3;4}},MATCH(\"a?c\",{names},0)))")
    );
    // Over an array LibreOffice 7.4 applies no wildcards: refused.
    let model = with_text(
        r#"{ "id": "o", "label": "O", "formula": "XLOOKUP(key, {\"abc\";\"a*\"}, {1;2}, 0, 2)" }"#,
    );
    let (what, reason) = refusal(&model);
    assert_eq!(what, "XLOOKUP with match_mode 2");
    assert!(reason.contains("range"), "{reason}");
}

#[test]
fn xlookup_modes_without_a_faithful_formula_are_refused_by_name() {
    for (formula, what) in [
        (
            "XLOOKUP(2, {1;3}, {1;2}, 0, -1)",
            "XLOOKUP with match_mode -1",
        ),
        (
            "XLOOKUP(2, {1;3}, {1;2}, 0, 1)",
            "XLOOKUP with match_mode 1",
        ),
        (
            "XLOOKUP(2, {1;3}, {1;2}, 0, 0, -1)",
            "XLOOKUP with search_mode -1",
        ),
        (
            "XLOOKUP(2, {1;3}, {1;2}, 0, 5)",
            "XLOOKUP with match_mode 5",
        ),
        ("XLOOKUP(2, {1;3}, {1;2}, 0, a)", "XLOOKUP"),
        ("XLOOKUP(2, {1,2;3,4}, {1;2})", "XLOOKUP"),
    ] {
        let model = with_series(&format!(
            r#"{{ "id": "o", "label": "O", "formula": "{formula}" }}"#
        ));
        assert_eq!(refusal(&model).0, what, "{formula}");
    }
}
