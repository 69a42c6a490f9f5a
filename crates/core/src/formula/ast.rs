//! The formula syntax tree. Every node keeps the byte span it came from so
//! diagnostics and editors can point at it.
//!
//! The tree is plain data; it never evaluates itself.

use super::diagnostic::Span;
use super::value::ErrorKind;

/// A function's position in the registry (`functions::find_id`): what a
/// parsed call stores, so evaluation reaches the function without a lookup.
/// It lives with the tree, which stores it, rather than with the registry,
/// which reads the tree's expressions: neither file imports the other back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FunctionId(pub(crate) u16);

/// A prefix operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`; binds tighter than `^` in Excel, so `-2^2` is 4.
    Negate,
    /// `+x`; a no-op kept so the printer can reproduce the formula.
    Plus,
}

/// A postfix operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostfixOp {
    /// `x%`: divides by 100.
    Percent,
}

/// A binary operator, from loosest to tightest binding group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `=`: equal, numbers to 15 significant digits, text case-insensitively.
    Equal,
    /// `<>`.
    NotEqual,
    /// `<`.
    Less,
    /// `<=`.
    LessEqual,
    /// `>`.
    Greater,
    /// `>=`.
    GreaterEqual,
    /// `&`: text concatenation.
    Concat,
    /// `+`.
    Add,
    /// `-`.
    Subtract,
    /// `*`.
    Multiply,
    /// `/`; a zero divisor is `#DIV/0!`.
    Divide,
    /// `^`: power, with Excel's edge cases (`0^0` is `#NUM!`).
    Power,
}

impl BinaryOp {
    /// Binding strength: higher binds tighter. Excel's order is comparison,
    /// then `&`, then `+ -`, then `* /`, then `^`; all are left-associative
    /// (so `2^3^2` is 64).
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Equal
            | BinaryOp::NotEqual
            | BinaryOp::Less
            | BinaryOp::LessEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterEqual => 1,
            BinaryOp::Concat => 2,
            BinaryOp::Add | BinaryOp::Subtract => 3,
            BinaryOp::Multiply | BinaryOp::Divide => 4,
            BinaryOp::Power => 5,
        }
    }

    /// The operator as written in a formula: `"<>"`, `"&"`, `"^"`, ...
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "<>",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Concat => "&",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Power => "^",
        }
    }
}

/// A constant inside an array literal such as `{1, -2; "a", TRUE}`.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrayElement {
    /// A number constant.
    Number(f64),
    /// A text constant.
    Text(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// An error literal such as `#N/A`.
    Error(ErrorKind),
}

/// An expression node with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// The bytes of the formula text it came from.
    pub span: Span,
}

/// The shape of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number literal (finite).
    Number(f64),
    /// A text literal, quotes removed and `""` unescaped.
    Text(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// An error literal such as `#DIV/0!`.
    Error(ErrorKind),
    /// An array literal, row by row; rows have equal length.
    Array(Vec<Vec<ArrayElement>>),
    /// A variable name, resolved at evaluation time.
    Name(String),
    /// A name the host (a model) resolved to a slot when it compiled the
    /// formula, so evaluation reads the value without looking the name up.
    /// The parser never produces it; it prints as its name.
    Variable {
        /// The name as written, for printing and messages.
        name: String,
        /// The host's index of the variable (see `Names::lookup_slot`).
        slot: usize,
    },
    /// A function call; `name` is upper-cased and `function` is the
    /// function it names, resolved by the parser (`None` when unknown), so
    /// evaluation never looks a name up.
    Call {
        /// The function's name, upper-cased.
        name: String,
        /// The registry entry, or `None` for an unknown function (`#NAME?`).
        function: Option<FunctionId>,
        /// The arguments; [`ExprKind::Missing`] for an omitted one.
        args: Vec<Expr>,
    },
    /// An omitted argument, as the blank in `PV(0.1, 10, , 100)`.
    Missing,
    /// A prefix operator applied to one operand.
    Unary {
        /// Which operator.
        op: UnaryOp,
        /// What it applies to.
        operand: Box<Expr>,
    },
    /// A postfix operator (`%`) applied to one operand.
    Postfix {
        /// Which operator.
        op: PostfixOp,
        /// What it applies to.
        operand: Box<Expr>,
    },
    /// An infix operator between two operands.
    Binary {
        /// Which operator.
        op: BinaryOp,
        /// The left operand.
        left: Box<Expr>,
        /// The right operand.
        right: Box<Expr>,
    },
    /// Parentheses, kept so spans and printing stay faithful.
    Group(Box<Expr>),
}

impl Expr {
    /// A node of `kind` covering `span`.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// The same tree with every span set to zero, for comparing shapes.
    pub fn without_spans(&self) -> Expr {
        let kind = match &self.kind {
            ExprKind::Call {
                name,
                function,
                args,
            } => ExprKind::Call {
                name: name.clone(),
                function: *function,
                args: args.iter().map(Expr::without_spans).collect(),
            },
            ExprKind::Unary { op, operand } => ExprKind::Unary {
                op: *op,
                operand: Box::new(operand.without_spans()),
            },
            ExprKind::Postfix { op, operand } => ExprKind::Postfix {
                op: *op,
                operand: Box::new(operand.without_spans()),
            },
            ExprKind::Binary { op, left, right } => ExprKind::Binary {
                op: *op,
                left: Box::new(left.without_spans()),
                right: Box::new(right.without_spans()),
            },
            ExprKind::Group(inner) => ExprKind::Group(Box::new(inner.without_spans())),
            other => other.clone(),
        };
        Expr {
            kind,
            span: Span::default(),
        }
    }
}
