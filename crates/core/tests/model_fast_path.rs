//! Property test of the compiled numeric path: on random models (random
//! formulas over inputs, scalar calculations, series, PREV, `period` and
//! the series functions, with values that divide by zero, overflow, mix
//! booleans and text) and random inputs, every calculation and output is
//! bit-identical to the general evaluator's, errors and messages included,
//! after a full evaluation and after incremental changes.

// Test code: a panic here is a failing test, not a poisoned wasm instance.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

mod support;

use proptest::prelude::*;
use yardstick_core::formula::Value;
use yardstick_core::model::{CompiledModel, InputValue, ModelState, Slot};

/// A small deterministic generator (SplitMix64), so one proptest seed
/// describes a whole model.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &[
    "0", "1", "2", "3", "-1", "0.5", "0.1", "100", "1e300", "1e-300", "7.25",
];
const INPUT_VALUES: &[f64] = &[0.0, 1.0, -1.0, 2.5, 0.1, 1000.0, -250.0, 1e300, 3.0];
const SCALAR_INPUTS: &[&str] = &["a", "b", "c"];

/// What a formula may name.
struct Names {
    per_period: bool,
    scalars: Vec<String>,
    series: Vec<String>,
    this: String,
}

fn expression(random: &mut Random, names: &Names, depth: usize) -> String {
    let leaf = depth == 0 || random.below(4) == 0;
    if leaf {
        return match random.below(10) {
            0..=2 => random.pick(NUMBERS).to_string(),
            3..=5 => random.pick(SCALAR_INPUTS).to_string(),
            6 if !names.scalars.is_empty() => {
                names.scalars[random.below(names.scalars.len())].clone()
            }
            7 if names.per_period => "period".to_string(),
            7 | 8 if names.per_period && !names.series.is_empty() => {
                names.series[random.below(names.series.len())].clone()
            }
            8 => random
                .pick(&["TRUE", "FALSE", "flag", "\"4\"", "\"x\""])
                .to_string(),
            _ => random.pick(&["flag", "#N/A", "a", "1"]).to_string(),
        };
    }
    let sub = |random: &mut Random| expression(random, names, depth - 1);
    let series_name = |random: &mut Random| -> Option<String> {
        (!names.series.is_empty()).then(|| names.series[random.below(names.series.len())].clone())
    };
    match random.below(if names.per_period { 16 } else { 24 }) {
        0..=3 => {
            let op = random.pick(&[
                "+", "-", "*", "/", "^", "=", "<>", "<", "<=", ">", ">=", "&",
            ]);
            format!("{} {op} {}", sub(random), sub(random))
        }
        4 => format!("-{}", sub(random)),
        5 => format!("({})%", sub(random)),
        6 => format!("IF({}, {}, {})", sub(random), sub(random), sub(random)),
        7 => format!("IF({}, {})", sub(random), sub(random)),
        8 => format!(
            "CHOOSE({}, {}, {}, {})",
            sub(random),
            sub(random),
            sub(random),
            sub(random)
        ),
        9 => {
            let function = random.pick(&["MIN", "MAX", "SUM"]);
            format!("{function}({}, {})", sub(random), sub(random))
        }
        10 => {
            let function = random.pick(&["ABS", "SQRT", "LN", "INT"]);
            format!("{function}({})", sub(random))
        }
        11 => format!("ROUND({}, {})", sub(random), sub(random)),
        12 => format!("IFERROR({}, {})", sub(random), sub(random)),
        13 => format!("PMT({}, {}, {})", sub(random), sub(random), sub(random)),
        14 | 15 if names.per_period => {
            let lagged = if random.below(3) == 0 {
                series_name(random).unwrap_or_else(|| names.this.clone())
            } else {
                names.this.clone()
            };
            if random.below(2) == 0 {
                format!("PREV({lagged})")
            } else {
                format!("PREV({lagged}, {})", sub(random))
            }
        }
        choice => {
            // Scalar formulas: the series functions.
            let Some(series) = series_name(random) else {
                return sub(random);
            };
            let view = match random.below(4) {
                0 => format!(
                    "DROP({series}, {})",
                    random.pick(&["1", "2", "-1", "0", "9"])
                ),
                1 => format!("TAKE({series}, {})", random.pick(&["1", "3", "-2", "0"])),
                _ => series,
            };
            match choice {
                16 => format!("SUM({view})"),
                17 => format!("NPV({}, {view})", sub(random)),
                18 => format!("IRR({view})"),
                19 => format!(
                    "INDEX({view}, {})",
                    random.pick(&["1", "2", "0", "7", "-1"])
                ),
                20 => format!("{}({view}, {})", random.pick(&["MIN", "MAX"]), sub(random)),
                21 => format!("PAYBACK({view})"),
                22 => format!("DPAYBACK({}, {view})", sub(random)),
                _ => format!("NPV({}, {}, {view})", sub(random), sub(random)),
            }
        }
    }
}

/// A random model: three number inputs and a toggle, up to six
/// calculations (each scalar or per period) and two outputs.
fn model_json(random: &mut Random) -> String {
    let periods = 1 + random.below(5);
    let mut names = Names {
        per_period: false,
        scalars: Vec::new(),
        series: Vec::new(),
        this: String::new(),
    };
    let mut calculations = Vec::new();
    for index in 0..1 + random.below(6) {
        let id = format!("x{index}");
        names.per_period = random.below(3) != 0;
        names.this = id.clone();
        if names.per_period {
            names.series.push(id.clone());
        }
        let formula = expression(random, &names, 3);
        calculations.push(serde_json::json!({
            "id": id, "formula": formula, "per_period": names.per_period,
        }));
        if !names.per_period {
            names.scalars.push(id);
        }
    }
    names.per_period = false;
    let outputs: Vec<serde_json::Value> = (0..2)
        .map(|index| {
            serde_json::json!({
                "id": format!("out{index}"), "label": "Out",
                "formula": expression(random, &names, 3),
            })
        })
        .collect();
    serde_json::json!({
        "schema": "yardstick/model@1", "id": "random", "version": "1", "title": "Random",
        "horizon": { "periods": periods, "unit": "year" },
        "inputs": [
            { "id": "a", "label": "A", "kind": "number", "default": 1 },
            { "id": "b", "label": "B", "kind": "number", "default": 2 },
            { "id": "c", "label": "C", "kind": "number", "default": 0.1 },
            { "id": "flag", "label": "Flag", "kind": "toggle", "default": true }
        ],
        "calculations": calculations,
        "outputs": outputs,
    })
    .to_string()
}

fn random_inputs(random: &mut Random) -> Vec<InputValue> {
    let mut inputs: Vec<InputValue> = (0..3)
        .map(|_| InputValue::Number(INPUT_VALUES[random.below(INPUT_VALUES.len())]))
        .collect();
    inputs.push(InputValue::Bool(random.below(2) == 0));
    inputs
}

/// Equal values, numbers compared bit for bit (so 0 and -0 differ).
fn same(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => l.to_bits() == r.to_bits(),
        _ => left == right,
    }
}

fn assert_same_state(model: &CompiledModel, fast: &ModelState, general: &ModelState, json: &str) {
    for (index, (f, g)) in fast
        .outputs(model)
        .iter()
        .zip(general.outputs(model))
        .enumerate()
    {
        assert!(same(f, &g), "output {index}: {f:?} != {g:?}\n{json}");
    }
    for calculation in &model.spec().calculations {
        let (f, g) = (
            fast.calculation(model, &calculation.id),
            general.calculation(model, &calculation.id),
        );
        let equal = match (f, g) {
            (Some(Slot::Scalar(f)), Some(Slot::Scalar(g))) => same(f, g),
            (Some(Slot::Series(f)), Some(Slot::Series(g))) => {
                f.len() == g.len() && f.iter().zip(g).all(|(f, g)| same(f, g))
            }
            _ => false,
        };
        assert!(equal, "{}: {f:?} != {g:?}\n{json}", calculation.id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_numeric_path_equals_the_general_evaluator(seed in any::<u64>()) {
        let mut random = Random(seed);
        let json = model_json(&mut random);
        let Ok(model) = support::try_compile(&json) else {
            // A random formula may give a series as an output: not a model.
            return Ok(());
        };
        let general = model.without_fast_path();
        let mut state = model.evaluate(&model.default_inputs());
        for _ in 0..4 {
            let inputs = random_inputs(&mut random);
            let fast = model.evaluate(&inputs);
            assert_same_state(&model, &fast, &general.evaluate(&inputs), &json);
            // Incrementally, one input at a time.
            let index = random.below(inputs.len());
            model.apply(&mut state, &[(index, inputs[index].clone())]).unwrap();
            assert_same_state(&model, &state, &general.evaluate(&state.inputs), &json);
        }
    }
}
