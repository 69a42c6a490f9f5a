//! Runs the five-year business case natively and prints its outputs, its
//! scenarios side by side and the tornado of its NPV.
//!
//! `cargo run --example business_case [path/to/model.json]`

use yardstick_core::formula::value::format_general;
use yardstick_core::formula::Value;
use yardstick_core::model::analysis::{scenarios, sensitivity, SensitivityOptions};
use yardstick_core::model::receipt::receipt;
use yardstick_core::model::CompiledModel;

fn show(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("{:.2}", n),
        Value::Error(e) => e.kind.code().to_string(),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string().to_uppercase(),
        Value::Array(_) => "(array)".to_string(),
        Value::Empty => String::new(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/models/business-case-5y.json"
        )
        .to_string()
    });
    let document = yardstick_json_text::node_from_json(&std::fs::read_to_string(&path)?)?;
    let model = CompiledModel::compile(&document).map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        format!("{path} is invalid:\n{}", lines.join("\n"))
    })?;
    let spec = model.spec();
    let state = model.evaluate(&model.default_inputs());
    println!(
        "{} (model {} v{}), {} {}s\n",
        spec.title,
        spec.id,
        spec.version,
        spec.horizon.periods,
        spec.horizon.unit.as_str()
    );
    println!("Outputs at the defaults");
    for (index, output) in spec.outputs.iter().enumerate() {
        println!(
            "  {:<40.40} {:>16}",
            output.label,
            show(state.output(&model, index))
        );
    }
    let columns = scenarios(&model)?;
    println!("\nScenarios");
    print!("  {:<40}", "");
    for column in &columns {
        print!(" {:>16}", column.label.chars().take(16).collect::<String>());
    }
    println!();
    for (index, output) in spec.outputs.iter().enumerate() {
        print!("  {:<40.40}", output.label);
        for column in &columns {
            print!(
                " {:>16}",
                column.outputs.get(index).map(show).unwrap_or_default()
            );
        }
        println!();
    }
    if let Some(npv_output) = spec.outputs.iter().find(|o| o.id == "npv") {
        let options = SensitivityOptions {
            output_id: "npv".into(),
            percent_change: 0.1,
            use_uncertainty: true,
        };
        let (base, rows) = sensitivity(&model, &state, &options)?;
        println!("\nTornado of {} (base {:.0})", npv_output.label, base);
        for row in rows.iter().take(8) {
            println!(
                "  {:<32} {:>12} .. {:<12} NPV {:>14} .. {:<14} swing {:>12.0}",
                row.input_id,
                format_general(row.low_input),
                format_general(row.high_input),
                row.output_at_low
                    .map_or("n/a".into(), |v| format!("{v:.0}")),
                row.output_at_high
                    .map_or("n/a".into(), |v| format!("{v:.0}")),
                row.swing
            );
        }
    }
    println!("\nReceipt SHA-256: {}", receipt(&model, &state).hash_sha256);
    Ok(())
}
