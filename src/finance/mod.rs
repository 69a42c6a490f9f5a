//! Time value of money (placeholder; filled in by its own change).
