//! JSON text to the core's document tree, for native tests and examples
//! (the browser hands the engine JavaScript objects instead). The conversion
//! itself lives in the core (`yardstick::model::json`), shared with the
//! collector.

pub use yardstick::model::json::node_from_json;
