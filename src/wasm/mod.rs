//! The JavaScript surface (placeholder).
