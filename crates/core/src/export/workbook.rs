//! The workbook's sheets: Inputs (one named cell per input), Calculations
//! (the period header, one row per calculation), Outputs (one live formula
//! each), and, for a model with scenarios, a Scenarios sheet (each
//! scenario's input values and outputs side by side) with one live
//! calculation sheet per scenario. Every formula cell carries Yardstick's
//! value as its cached result. Builds data only.

use super::cells::{absolute, defined_name, sheet_name, sheet_prefix};
use super::error::ExportError;
use super::helpers::HelperRows;
use super::plan::{
    CachedValue, CellContent, CellPlan, CellStyle, DefinedName, FormulaCell, SheetPlan,
    WorkbookPlan,
};
use super::translate::{Mode, Places, Target, Translator, MAX_FORMULA_CHARS};
use crate::formula::ast::Expr;
use crate::formula::parser::parse;
use crate::formula::Value;
use crate::model::spec::{FormatStyle, InputKind, InputSpec, OutputFormat};
use crate::model::{CompiledModel, InputValue, ModelSpec, ModelState, Slot};

/// The most formula cells one export writes (all blocks together): a model
/// at its limits (2,000 series over 600 periods, 100 scenarios) would be
/// over a hundred million; this keeps a workbook under about 100 MB.
pub const MAX_FORMULA_CELLS: usize = 1_000_000;

/// How the export writes its cached results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Writes a wrong cached result (987654321.5) in every formula cell.
    /// Only for tests: a spreadsheet program that shows Yardstick's numbers
    /// for such a workbook has recalculated it.
    pub poison_cached_results: bool,
}

const POISON: f64 = 987_654_321.5;
const INPUTS: &str = "Inputs";
const CALCULATIONS: &str = "Calculations";
const OUTPUTS: &str = "Outputs";
const SCENARIOS: &str = "Scenarios";
/// Calculation blocks: label, id, unit, then period 0 onwards.
const FIRST_PERIOD_COLUMN: u16 = 3;

/// The plan of the workbook for `model` with `inputs` (one per input, in
/// the model's order).
pub fn plan_workbook(
    model: &CompiledModel,
    inputs: &[InputValue],
    options: ExportOptions,
) -> Result<WorkbookPlan, ExportError> {
    let spec = model.spec();
    if inputs.len() != spec.inputs.len() {
        return Err(ExportError::Inputs {
            message: format!(
                "{} input values for a model of {} inputs",
                inputs.len(),
                spec.inputs.len()
            ),
        });
    }
    check_size(spec)?;
    let formulas = Formulas::parse(spec)?;
    let mut sheets = Vec::new();
    let mut names = Vec::new();

    // Inputs: one named value cell each.
    let mut input_sheet = sheet(
        INPUTS,
        &[(0, 48.0), (1, 16.0), (2, 14.0), (3, 70.0), (4, 28.0)],
    );
    header(
        &mut input_sheet,
        0,
        &["Input", "Value", "Unit", "Help", "Id"],
    );
    let mut input_refs = Vec::with_capacity(spec.inputs.len());
    for (index, (input, value)) in spec.inputs.iter().zip(inputs).enumerate() {
        let row = index as u32 + 1;
        let name = defined_name(&input.id);
        if names
            .iter()
            .any(|n: &DefinedName| n.name.eq_ignore_ascii_case(&name))
        {
            return Err(ExportError::NameClash {
                id: input.id.clone(),
                name,
            });
        }
        text(&mut input_sheet, row, 0, &input.label);
        input_sheet
            .cells
            .push(input_cell(spec, input, value, row, 1));
        if let Some(unit) = &input.unit {
            text(&mut input_sheet, row, 2, unit);
        }
        text(&mut input_sheet, row, 3, &input_help(input));
        text(&mut input_sheet, row, 4, &input.id);
        names.push(DefinedName {
            name: name.clone(),
            sheet: INPUTS.to_string(),
            row,
            column: 1,
        });
        input_refs.push(name);
    }
    sheets.push(input_sheet);

    // The case itself: Calculations and Outputs.
    let state = model.evaluate(inputs);
    let output_cells: Vec<(String, u32, u16)> = (0..spec.outputs.len())
        .map(|index| (OUTPUTS.to_string(), index as u32 + 1, 1))
        .collect();
    let mut calculations = calculation_sheet(CALCULATIONS, "Calculation", spec);
    let mut outputs = sheet(OUTPUTS, &[(0, 48.0), (1, 20.0), (2, 28.0)]);
    header(&mut outputs, 0, &["Output", "Value", "Id"]);
    for (index, output) in spec.outputs.iter().enumerate() {
        text(&mut outputs, index as u32 + 1, 0, &output.label);
        text(&mut outputs, index as u32 + 1, 2, &output.id);
    }
    let helper_start = spec.calculations.len() as u32 + 2;
    let block = Block {
        model,
        formulas: &formulas,
        places: places(spec, CALCULATIONS, input_refs, output_cells),
        state: &state,
        options,
    };
    block.write(&mut calculations, &mut outputs, helper_start)?;
    sheets.push(calculations);
    sheets.push(outputs);

    if !spec.scenarios.is_empty() {
        scenario_sheets(model, &formulas, options, &mut sheets)?;
    }
    Ok(WorkbookPlan {
        title: spec.title.clone(),
        sheets,
        names,
    })
}

fn check_size(spec: &ModelSpec) -> Result<(), ExportError> {
    let series_len = spec.horizon.series_len();
    let per_block: usize = spec
        .calculations
        .iter()
        .map(|c| if c.per_period { series_len } else { 1 })
        .sum::<usize>()
        + spec.outputs.len() * 2;
    let cells = per_block.saturating_mul(spec.scenarios.len() + 1);
    if cells > MAX_FORMULA_CELLS {
        return Err(ExportError::TooLarge {
            cells,
            limit: MAX_FORMULA_CELLS,
        });
    }
    Ok(())
}

/// Every calculation's and output's parsed formula, with its model path.
struct Formulas {
    calculations: Vec<(String, Expr)>,
    outputs: Vec<(String, Expr)>,
}

impl Formulas {
    fn parse(spec: &ModelSpec) -> Result<Formulas, ExportError> {
        let one = |path: String, formula: &str| match parse(formula) {
            Ok(parsed) => Ok((path, parsed.expr)),
            Err(diagnostics) => Err(ExportError::Parse {
                message: diagnostics
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_default(),
                path,
            }),
        };
        let calculations = spec
            .calculations
            .iter()
            .enumerate()
            .map(|(i, c)| one(format!("calculations[{i}].formula"), &c.formula))
            .collect::<Result<_, _>>()?;
        let outputs = spec
            .outputs
            .iter()
            .enumerate()
            .map(|(i, o)| one(format!("outputs[{i}].formula"), &o.formula))
            .collect::<Result<_, _>>()?;
        Ok(Formulas {
            calculations,
            outputs,
        })
    }
}

fn places(
    spec: &ModelSpec,
    calculation_sheet: &str,
    inputs: Vec<String>,
    outputs: Vec<(String, u32, u16)>,
) -> Places {
    let mut names = Vec::new();
    for (index, input) in spec.inputs.iter().enumerate() {
        names.push((input.id.to_ascii_lowercase(), Target::Input(index)));
    }
    for (index, calculation) in spec.calculations.iter().enumerate() {
        names.push((
            calculation.id.to_ascii_lowercase(),
            Target::Calculation(index),
        ));
    }
    for (index, output) in spec.outputs.iter().enumerate() {
        names.push((output.id.to_ascii_lowercase(), Target::Output(index)));
    }
    Places {
        calculation_sheet: calculation_sheet.to_string(),
        period_row: 0,
        first_column: FIRST_PERIOD_COLUMN,
        series_len: spec.horizon.series_len(),
        inputs,
        wildcard_inputs: spec
            .inputs
            .iter()
            .map(|input| {
                input.options.iter().any(|option| {
                    matches!(&option.value, InputValue::Text(text) if text.contains(['*', '?', '~']))
                })
            })
            .collect(),
        calculations: spec
            .calculations
            .iter()
            .enumerate()
            .map(|(index, c)| (index as u32 + 1, c.per_period))
            .collect(),
        outputs,
        names,
    }
}

/// A calculation sheet's fixed part: the header with the period numbers,
/// and each calculation's label, id and unit.
fn calculation_sheet(name: &str, title: &str, spec: &ModelSpec) -> SheetPlan {
    let series_len = spec.horizon.series_len();
    let mut widths = vec![(0, 44.0), (1, 30.0), (2, 12.0)];
    for period in 0..series_len {
        widths.push((FIRST_PERIOD_COLUMN + period as u16, 14.0));
    }
    let mut plan = sheet(name, &widths);
    header(&mut plan, 0, &[title, "Id", "Unit"]);
    let unit = match spec.horizon.unit.as_str() {
        "quarter" => "Quarter",
        "month" => "Month",
        _ => "Year",
    };
    for period in 0..series_len {
        plan.cells.push(CellPlan {
            row: 0,
            column: FIRST_PERIOD_COLUMN + period as u16,
            content: CellContent::Number(period as f64),
            style: CellStyle {
                number_format: Some(format!("\"{unit} \"0")),
                bold: true,
            },
        });
    }
    for (index, calculation) in spec.calculations.iter().enumerate() {
        let row = index as u32 + 1;
        let label = calculation
            .label
            .clone()
            .unwrap_or_else(|| calculation.id.clone());
        text(&mut plan, row, 0, &label);
        text(&mut plan, row, 1, &calculation.id);
        if let Some(unit) = &calculation.unit {
            text(&mut plan, row, 2, unit);
        }
    }
    plan
}

/// One calculation block: the model's calculations and outputs written
/// against one set of input cells.
struct Block<'a> {
    model: &'a CompiledModel,
    formulas: &'a Formulas,
    places: Places,
    state: &'a ModelState,
    options: ExportOptions,
}

impl Block<'_> {
    /// Writes the calculations into `calculations` and the outputs at
    /// their places (in `outputs`, or in `calculations` when they share
    /// the sheet), with helper rows from `helper_start` on.
    fn write(
        &self,
        calculations: &mut SheetPlan,
        outputs: &mut SheetPlan,
        helper_start: u32,
    ) -> Result<(), ExportError> {
        let spec = self.model.spec();
        let places = &self.places;
        let mut helpers = HelperRows::new(
            helper_start,
            places.first_column,
            places.series_len,
            places.period_row,
        );
        for (index, (path, expr)) in self.formulas.calculations.iter().enumerate() {
            let Some(&(row, is_series)) = places.calculations.get(index) else {
                continue;
            };
            let format = spec.calculations.get(index).map(|c| c.format);
            let slot = self.state.calculation_at(self.model, index);
            let modes: Vec<Mode> = if is_series {
                (0..places.series_len).map(Mode::Period).collect()
            } else {
                vec![Mode::Scalar]
            };
            for mode in modes {
                let (column, value) = match (mode, slot) {
                    (Mode::Period(period), Some(Slot::Series(values))) => (
                        places.first_column + period as u16,
                        values.get(period).cloned().unwrap_or(Value::Empty),
                    ),
                    (_, Some(Slot::Scalar(value))) => (places.first_column, value.clone()),
                    _ => (places.first_column, Value::Empty),
                };
                let cell = self.formula_cell(
                    &places.calculation_sheet,
                    path,
                    expr,
                    mode,
                    &value,
                    format,
                    &mut helpers,
                )?;
                calculations.cells.push(CellPlan {
                    row,
                    column,
                    ..cell
                });
            }
        }
        for (index, (path, expr)) in self.formulas.outputs.iter().enumerate() {
            let Some((sheet, row, column)) = places.outputs.get(index) else {
                continue;
            };
            let format = spec.outputs.get(index).map(|o| o.format);
            let value = self.state.output(self.model, index).clone();
            let cell = self.formula_cell(
                sheet,
                path,
                expr,
                Mode::Scalar,
                &value,
                format,
                &mut helpers,
            )?;
            let cell = CellPlan {
                row: *row,
                column: *column,
                ..cell
            };
            if *sheet == calculations.name {
                calculations.cells.push(cell);
            } else {
                outputs.cells.push(cell);
            }
        }
        if self.options.poison_cached_results {
            for cell in &mut helpers.cells {
                if let CellContent::Formula(formula) = &mut cell.content {
                    formula.cached = CachedValue::Number(POISON);
                }
            }
        }
        calculations.cells.append(&mut helpers.cells);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn formula_cell(
        &self,
        sheet: &str,
        path: &str,
        expr: &Expr,
        mode: Mode,
        value: &Value,
        format: Option<OutputFormat>,
        helpers: &mut HelperRows,
    ) -> Result<CellPlan, ExportError> {
        let mut translator = Translator {
            places: &self.places,
            sheet,
            path,
            mode,
            needs_array: false,
            helpers,
            scope: Vec::new(),
        };
        let translated = translator.formula(expr)?;
        let array = translator.needs_array;
        let length = translated.text.chars().count();
        if length > MAX_FORMULA_CHARS {
            return Err(ExportError::FormulaTooLong {
                path: path.to_string(),
                length,
                limit: MAX_FORMULA_CHARS,
            });
        }
        let cached = if self.options.poison_cached_results {
            CachedValue::Number(POISON)
        } else {
            cached_value(value).ok_or_else(|| ExportError::ArrayInCell {
                path: path.to_string(),
            })?
        };
        Ok(CellPlan {
            row: 0,
            column: 0,
            content: CellContent::Formula(FormulaCell {
                text: translated.text,
                cached,
                array,
            }),
            style: CellStyle {
                number_format: format.map(|f| number_format(&self.model.spec().currency, f)),
                bold: false,
            },
        })
    }
}

/// The Scenarios sheet and one calculation sheet per scenario, each
/// reading its inputs from its column of the Scenarios sheet.
fn scenario_sheets(
    model: &CompiledModel,
    formulas: &Formulas,
    options: ExportOptions,
    sheets: &mut Vec<SheetPlan>,
) -> Result<(), ExportError> {
    let spec = model.spec();
    let mut widths = vec![(0, 48.0), (1, 28.0)];
    for index in 0..spec.scenarios.len() {
        widths.push((2 + index as u16, 18.0));
    }
    let mut summary = sheet(SCENARIOS, &widths);
    header(&mut summary, 0, &["Input", "Id"]);
    let outputs_header = spec.inputs.len() as u32 + 2;
    header(&mut summary, outputs_header, &["Output", "Id"]);
    for (index, input) in spec.inputs.iter().enumerate() {
        text(&mut summary, index as u32 + 1, 0, &input.label);
        text(&mut summary, index as u32 + 1, 1, &input.id);
    }
    for (index, output) in spec.outputs.iter().enumerate() {
        let row = outputs_header + 1 + index as u32;
        text(&mut summary, row, 0, &output.label);
        text(&mut summary, row, 1, &output.id);
    }
    let mut blocks = Vec::new();
    for (number, scenario) in spec.scenarios.iter().enumerate() {
        let column = 2 + number as u16;
        let sheet_title = sheet_name(&format!("Scenario {}", number + 1));
        summary.cells.push(CellPlan {
            row: 0,
            column,
            content: CellContent::Text(scenario.label.clone()),
            style: bold(),
        });
        summary.cells.push(CellPlan {
            row: outputs_header,
            column,
            content: CellContent::Text(scenario.label.clone()),
            style: bold(),
        });
        let mut inputs = model.default_inputs();
        for (id, value) in &scenario.inputs {
            if let Some(slot) = spec
                .inputs
                .iter()
                .position(|input| input.id.eq_ignore_ascii_case(id))
                .and_then(|index| inputs.get_mut(index))
            {
                *slot = value.clone();
            }
        }
        let mut input_refs = Vec::new();
        for (index, (input, value)) in spec.inputs.iter().zip(&inputs).enumerate() {
            let row = index as u32 + 1;
            summary
                .cells
                .push(input_cell(spec, input, value, row, column));
            input_refs.push(format!(
                "{}{}",
                sheet_prefix(SCENARIOS),
                absolute(row, column)
            ));
        }
        // The scenario's outputs sit below its calculations.
        let first_output_row = spec.calculations.len() as u32 + 3;
        let output_cells: Vec<(String, u32, u16)> = (0..spec.outputs.len())
            .map(|index| {
                (
                    sheet_title.clone(),
                    first_output_row + index as u32,
                    FIRST_PERIOD_COLUMN,
                )
            })
            .collect();
        let state = model.evaluate(&inputs);
        let title = format!("Calculation ({})", scenario.label);
        let mut calculations = calculation_sheet(&sheet_title, &title, spec);
        header(&mut calculations, first_output_row - 1, &["Output", "Id"]);
        for (index, output) in spec.outputs.iter().enumerate() {
            text(
                &mut calculations,
                first_output_row + index as u32,
                0,
                &output.label,
            );
            text(
                &mut calculations,
                first_output_row + index as u32,
                1,
                &output.id,
            );
        }
        for (index, output) in spec.outputs.iter().enumerate() {
            let row = outputs_header + 1 + index as u32;
            let source = format!(
                "{}{}",
                sheet_prefix(&sheet_title),
                absolute(first_output_row + index as u32, FIRST_PERIOD_COLUMN)
            );
            let value = state.output(model, index);
            let cached = if options.poison_cached_results {
                CachedValue::Number(POISON)
            } else {
                cached_value(value).unwrap_or(CachedValue::Error("#VALUE!"))
            };
            summary.cells.push(CellPlan {
                row,
                column,
                content: CellContent::Formula(FormulaCell {
                    text: source,
                    cached,
                    array: false,
                }),
                style: CellStyle {
                    number_format: Some(number_format(&spec.currency, output.format)),
                    bold: false,
                },
            });
        }
        let block = Block {
            model,
            formulas,
            places: places(spec, &sheet_title, input_refs, output_cells),
            state: &state,
            options,
        };
        let helper_start = first_output_row + spec.outputs.len() as u32 + 1;
        let mut unused = sheet(&sheet_title, &[]);
        block.write(&mut calculations, &mut unused, helper_start)?;
        blocks.push(calculations);
    }
    sheets.push(summary);
    sheets.extend(blocks);
    Ok(())
}

fn sheet(name: &str, widths: &[(u16, f64)]) -> SheetPlan {
    SheetPlan {
        name: name.to_string(),
        cells: Vec::new(),
        column_widths: widths.to_vec(),
    }
}

fn bold() -> CellStyle {
    CellStyle {
        number_format: None,
        bold: true,
    }
}

fn header(sheet: &mut SheetPlan, row: u32, titles: &[&str]) {
    for (column, title) in titles.iter().enumerate() {
        sheet.cells.push(CellPlan {
            row,
            column: column as u16,
            content: CellContent::Text((*title).to_string()),
            style: bold(),
        });
    }
}

fn text(sheet: &mut SheetPlan, row: u32, column: u16, value: &str) {
    sheet.cells.push(CellPlan {
        row,
        column,
        content: CellContent::Text(value.to_string()),
        style: CellStyle::default(),
    });
}

/// An input's value cell: numbers with their kind's format, toggles as
/// booleans, dates as serial numbers shown as dates.
fn input_cell(
    spec: &ModelSpec,
    input: &InputSpec,
    value: &InputValue,
    row: u32,
    column: u16,
) -> CellPlan {
    let number_format = match input.kind {
        InputKind::Percent => Some("0.00%".to_string()),
        InputKind::Currency => Some(currency_format(&spec.currency, 2)),
        InputKind::Integer => Some("#,##0".to_string()),
        InputKind::Date => Some("yyyy-mm-dd".to_string()),
        InputKind::Number | InputKind::Select | InputKind::Toggle => None,
    };
    let content = match value {
        InputValue::Number(n) => CellContent::Number(*n),
        InputValue::Text(t) => CellContent::Text(t.clone()),
        InputValue::Bool(b) => CellContent::Bool(*b),
    };
    CellPlan {
        row,
        column,
        content,
        style: CellStyle {
            number_format,
            bold: false,
        },
    }
}

/// The help text, with a select's options spelled out.
fn input_help(input: &InputSpec) -> String {
    let mut help = input.help.clone().unwrap_or_default();
    if !input.options.is_empty() {
        let options: Vec<String> = input
            .options
            .iter()
            .map(|option| {
                let value = match &option.value {
                    InputValue::Number(n) => super::translate::number_text(*n),
                    InputValue::Text(t) => format!("\"{t}\""),
                    InputValue::Bool(b) => b.to_string().to_ascii_uppercase(),
                };
                format!("{value} = {}", option.label)
            })
            .collect();
        if !help.is_empty() {
            help.push(' ');
        }
        help.push_str("Options: ");
        help.push_str(&options.join("; "));
    }
    help
}

/// Yardstick's value as a cached result; `None` for an array.
fn cached_value(value: &Value) -> Option<CachedValue> {
    match value {
        Value::Number(n) => Some(CachedValue::Number(*n)),
        Value::Text(t) => Some(CachedValue::Text(t.clone())),
        Value::Bool(b) => Some(CachedValue::Bool(*b)),
        Value::Error(error) => Some(CachedValue::Error(error.kind.code())),
        Value::Empty => Some(CachedValue::Number(0.0)),
        Value::Array(_) => None,
    }
}

fn currency_format(currency: &str, decimals: u8) -> String {
    let symbol = match currency {
        "USD" => "\"$\"",
        "EUR" => "\"€\"",
        "GBP" => "\"£\"",
        "JPY" => "\"¥\"",
        _ => "",
    };
    let digits = fraction_digits(decimals);
    if symbol.is_empty() {
        let code: String = currency.chars().filter(char::is_ascii_alphabetic).collect();
        format!("#,##0{digits} \"{code}\"")
    } else {
        format!("{symbol}#,##0{digits}")
    }
}

fn fraction_digits(decimals: u8) -> String {
    if decimals == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(usize::from(decimals.min(10))))
    }
}

/// The number format of a model format.
fn number_format(currency: &str, format: OutputFormat) -> String {
    let digits = fraction_digits(format.decimals);
    match format.style {
        FormatStyle::Currency => currency_format(currency, format.decimals),
        FormatStyle::Percent => format!("0{digits}%"),
        FormatStyle::Number => format!("#,##0{digits}"),
        FormatStyle::Months => format!("0{digits} \"months\""),
    }
}
