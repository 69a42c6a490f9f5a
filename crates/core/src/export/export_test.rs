use super::*;
use crate::json::Node;
use crate::model::CompiledModel;

fn document(text: &str) -> Node {
    fn convert(value: serde_json::Value) -> Node {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(b),
            serde_json::Value::Number(n) => Node::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Node::Text(s),
            serde_json::Value::Array(items) => Node::List(items.into_iter().map(convert).collect()),
            serde_json::Value::Object(map) => {
                Node::Map(map.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(serde_json::from_str(text).unwrap())
}

fn compiled(text: &str) -> CompiledModel {
    CompiledModel::compile(&document(text)).unwrap()
}

fn business_case() -> CompiledModel {
    compiled(include_str!(
        "../../../../examples/models/business-case-5y.json"
    ))
}

/// A small model around `calculations` and `outputs` (JSON array bodies).
fn tiny(calculations: &str, outputs: &str) -> CompiledModel {
    compiled(&format!(
        r#"{{ "schema": "yardstick/model@1", "id": "t", "version": "1", "title": "T",
            "horizon": {{ "periods": 3 }},
            "inputs": [ {{ "id": "a", "label": "A", "kind": "number", "default": 2 }},
                        {{ "id": "rate", "label": "Rate", "kind": "percent", "default": 0.1 }} ],
            "calculations": [ {calculations} ], "outputs": [ {outputs} ] }}"#
    ))
}

fn plan(model: &CompiledModel) -> Result<WorkbookPlan, ExportError> {
    plan_workbook(model, &model.default_inputs(), ExportOptions::default())
}

/// The formula text at row, column of the named sheet.
fn formula_at(plan: &WorkbookPlan, sheet: &str, row: u32, column: u16) -> String {
    let sheet = plan.sheets.iter().find(|s| s.name == sheet).unwrap();
    let cell = sheet
        .cells
        .iter()
        .find(|c| c.row == row && c.column == column)
        .unwrap_or_else(|| panic!("no cell at {row},{column}"));
    match &cell.content {
        CellContent::Formula(f) => f.text.clone(),
        other => panic!("not a formula: {other:?}"),
    }
}

#[test]
fn the_business_case_translates_series_prev_and_whole_rows() {
    let plan = plan(&business_case()).unwrap();
    let names: Vec<&str> = plan.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Inputs",
            "Calculations",
            "Outputs",
            "Scenarios",
            "Scenario 1",
            "Scenario 2",
            "Scenario 3"
        ]
    );
    // one_off_costs, period 0 and 1 (columns D and E): `period` is the header cell.
    assert_eq!(
        formula_at(&plan, "Calculations", 1, 3),
        "IF(D$1=0,licence_setup_cost+implementation_cost+training_cost,0)"
    );
    // cumulative_cash_flow = PREV(cumulative_cash_flow) + net_cash_flow (row 10).
    assert_eq!(formula_at(&plan, "Calculations", 10, 3), "0+D10");
    assert_eq!(formula_at(&plan, "Calculations", 10, 4), "D11+E10");
    // npv: INDEX of a row, NPV over the narrowed range.
    assert_eq!(
        formula_at(&plan, "Outputs", 1, 1),
        "INDEX('Calculations'!$D$10:$I$10,1)+NPV(discount_rate,'Calculations'!$E$10:$I$10)"
    );
    assert_eq!(
        formula_at(&plan, "Outputs", 2, 1),
        "IRR('Calculations'!$D$10:$I$10)"
    );
    // Scenario sheets read their inputs from the Scenarios sheet.
    assert!(formula_at(&plan, "Scenario 1", 1, 3).contains("'Scenarios'!$C$"));
    assert_eq!(plan.names.len(), 15);
    // At most one cell per position on every sheet.
    for sheet in &plan.sheets {
        let mut seen = std::collections::HashSet::new();
        for cell in &sheet.cells {
            assert!(
                seen.insert((cell.row, cell.column)),
                "{}: two cells at {},{}",
                sheet.name,
                cell.row,
                cell.column
            );
        }
    }
}

#[test]
fn precedence_unary_minus_percent_and_text_print_as_excel_reads_them() {
    let model = tiny(
        r#"{ "id": "x", "formula": "-2^2 + -(a+1)^2 + 5% * a" },
           { "id": "t", "formula": "\"say \"\"hi\"\"\" & a" }"#,
        r#"{ "id": "o", "label": "O", "formula": "x" }"#,
    );
    let plan = plan(&model).unwrap();
    assert_eq!(
        formula_at(&plan, "Calculations", 1, 3),
        "-2^2+-(a+1)^2+5%*a"
    );
    assert_eq!(
        formula_at(&plan, "Calculations", 2, 3),
        "\"say \"\"hi\"\"\"&a"
    );
}

#[test]
fn untranslatable_functions_are_refused_with_the_path() {
    let model = tiny(
        r#"{ "id": "s", "per_period": true, "formula": "a * period" }"#,
        r#"{ "id": "o", "label": "O", "formula": "INDEX(IRRROOTS(s), 1)" }"#,
    );
    let error = plan(&model).unwrap_err();
    assert!(
        matches!(&error, ExportError::Untranslatable { path, what, .. }
        if path == "outputs[0].formula" && what == "IRRROOTS"),
        "{error}"
    );
    assert!(error.to_string().contains("outputs[0].formula"));

    let model = tiny(
        r#"{ "id": "s", "per_period": true, "formula": "a * period" }"#,
        r#"{ "id": "o", "label": "O", "formula": "SUM(DROP(s, a))" }"#,
    );
    assert!(
        matches!(plan(&model), Err(ExportError::Untranslatable { what, .. }) if what == "DROP")
    );

    let model = tiny(
        r#"{ "id": "s", "per_period": true, "formula": "a * period" }"#,
        r#"{ "id": "o", "label": "O", "formula": "SUMPRODUCT(s, {1,2;3,4})" }"#,
    );
    assert!(plan(&model).is_err());
}

#[test]
fn elementwise_rows_become_array_formulas_and_payback_gets_helper_rows() {
    let model = tiny(
        r#"{ "id": "s", "per_period": true, "formula": "IF(period = 0, -a * 10, a * 4)" }"#,
        r#"{ "id": "o", "label": "O", "formula": "SUM(s * s)" },
           { "id": "p", "label": "P", "formula": "PAYBACK(s)" },
           { "id": "d", "label": "D", "formula": "DPAYBACK(rate, s)" }"#,
    );
    let plan = plan(&model).unwrap();
    let outputs = plan.sheets.iter().find(|s| s.name == "Outputs").unwrap();
    let array_of = |row| {
        outputs.cells.iter().find_map(|c| match &c.content {
            CellContent::Formula(f) if c.row == row => Some(f.array),
            _ => None,
        })
    };
    assert_eq!(array_of(1), Some(true));
    assert_eq!(array_of(2), Some(false));
    assert_eq!(
        formula_at(&plan, "Outputs", 2, 1),
        "IF(ISERROR(SUM('Calculations'!$D$2:$G$2)),SUM('Calculations'!$D$2:$G$2),\
         IF(COUNTIF('Calculations'!$D$4:$G$4,\"<0\")=0,0,\
         IF(COUNT('Calculations'!$D$5:$G$5)=0,NA(),MIN('Calculations'!$D$5:$G$5))))"
    );
    assert_eq!(
        formula_at(&plan, "Calculations", 4, 4),
        "IF(AND(D4<0,E4>=0),0+MIN(1,MAX(0,-D4/E2)),\"\")"
    );
    // The discounted flows, then their running total and payback times.
    assert_eq!(
        formula_at(&plan, "Calculations", 5, 4),
        "E2/(1+(in_rate))^E$1"
    );
}

#[test]
fn poisoned_results_replace_every_cached_value() {
    let model = business_case();
    let plan = plan_workbook(
        &model,
        &model.default_inputs(),
        ExportOptions {
            poison_cached_results: true,
        },
    )
    .unwrap();
    for sheet in &plan.sheets {
        for cell in &sheet.cells {
            if let CellContent::Formula(f) = &cell.content {
                assert_eq!(f.cached, CachedValue::Number(987_654_321.5));
            }
        }
    }
}

#[test]
fn wrong_input_counts_are_refused() {
    let model = business_case();
    assert!(matches!(
        plan_workbook(&model, &[], ExportOptions::default()),
        Err(ExportError::Inputs { .. })
    ));
}

#[path = "let_sequence_xlookup_test.rs"]
mod let_sequence_xlookup;
