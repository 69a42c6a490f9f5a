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
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Concat,
    Add,
    Subtract,
    Multiply,
    Divide,
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
    Number(f64),
    Text(String),
    Bool(bool),
    Error(ErrorKind),
}

/// An expression node with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// The shape of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(f64),
    Text(String),
    Bool(bool),
    Error(ErrorKind),
    /// An array literal, row by row; rows have equal length.
    Array(Vec<Vec<ArrayElement>>),
    /// A variable name, resolved at evaluation time.
    Name(String),
    /// A name the host (a model) resolved to a slot when it compiled the
    /// formula, so evaluation reads the value without looking the name up.
    /// The parser never produces it; it prints as its name.
    Variable {
        name: String,
        slot: usize,
    },
    /// A function call; `name` is upper-cased and `function` is the
    /// function it names, resolved by the parser (`None` when unknown), so
    /// evaluation never looks a name up.
    Call {
        name: String,
        function: Option<FunctionId>,
        args: Vec<Expr>,
    },
    /// An omitted argument, as the blank in `PV(0.1, 10, , 100)`.
    Missing,
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Postfix {
        op: PostfixOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// Parentheses, kept so spans and printing stay faithful.
    Group(Box<Expr>),
}

impl Expr {
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
