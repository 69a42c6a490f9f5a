//! Times `formula::evaluate` natively on a few formulas (a quick look at
//! parse and evaluation cost without the JavaScript boundary).
//! Run with `cargo run --release --example evaluate_timing`.

use std::time::Instant;
use yardstick_core::formula::{evaluate, CompiledFormula, NoNames};

fn main() {
    let formulas = [
        "1",
        "1+2*3",
        "EFFECT(0.05,4)",
        "XNPV(0.09,{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904})",
        "IRR({-70000,12000,15000,18000,21000,26000})",
    ];
    for formula in formulas {
        let rounds = 200_000;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(evaluate(std::hint::black_box(formula)));
        }
        let text_ns = started.elapsed().as_nanos() / rounds;
        let compiled = CompiledFormula::compile(formula);
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(compiled.evaluate(&NoNames));
        }
        let compiled_ns = started.elapsed().as_nanos() / rounds;
        println!("{formula:<60} text {text_ns:>6} ns   compiled {compiled_ns:>6} ns");
    }
}
