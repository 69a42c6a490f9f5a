//! Prints the seeded demo portfolio (`yardstick/success@1`, docs/success.md):
//! `cargo run -q -p yardstick-core --example success_demo -- [seed] [accounts]`.
//! Churn in it is driven by planted signals; see `success::demo`.

use yardstick_core::json::canonical_json;
use yardstick_core::success::demo::{demo_portfolio, DemoOptions};

fn main() {
    let mut arguments = std::env::args().skip(1);
    let mut options = DemoOptions::default();
    if let Some(seed) = arguments.next().and_then(|text| text.parse().ok()) {
        options.seed = seed;
    }
    if let Some(accounts) = arguments.next().and_then(|text| text.parse().ok()) {
        options.accounts = accounts;
    }
    println!("{}", canonical_json(&demo_portfolio(options)));
}
