//! Customer-success tracking lives here: what happened to accounts after
//! they bought, measured against what was promised.
//!
//! For now it holds only [`proof`], the statistics that test a health score
//! against renewal history. Later work adds accounts, signals, snapshots and
//! outcomes (docs/design.md, "Success tracking"). Like the rest of the core,
//! nothing here does I/O, reads a clock or draws unseeded randomness.

pub mod proof;
