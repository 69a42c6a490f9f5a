//! Printer (placeholder).
