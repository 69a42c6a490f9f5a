//! Analyses on a compiled model: scenarios side by side, sensitivity
//! (tornado), goal seek and break-even (Monte Carlo lives beside them). Each evaluates the same compiled
//! model many times; none changes it.
//!
//! Every loop has a fixed cap, so no option makes an analysis hang.

pub mod break_even;
pub mod goal_seek;
pub mod monte_carlo;
pub mod scenarios;
pub mod sensitivity;

pub use break_even::break_even;
pub use goal_seek::{goal_seek, GoalSeekOptions, GoalSeekResult};
pub use monte_carlo::{ModelMonteCarlo, MonteCarloOptions};
pub use scenarios::{scenarios, ScenarioResult};
pub use sensitivity::{sensitivity, SensitivityOptions, SensitivityRow};
