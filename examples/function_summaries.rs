//! Prints every formula function's one-line summary as the JSON object the
//! site serves: `cargo run -q -p yardstick-core --example
//! function_summaries > www/function-summaries.json`. The summaries stay
//! out of the wasm builds; the playground fetches this file instead.

fn main() {
    print!("{}", yardstick_core::formula::functions::summaries_json());
}
