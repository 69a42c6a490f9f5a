//! Lexer (placeholder).
