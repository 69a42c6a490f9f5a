//! Lowering a model formula into the numeric path's tree (see
//! [`super::fast`]): operators, `period`, variable reads, PREV, IF,
//! CHOOSE, the series functions (SUM, MIN, MAX, NPV, IRR, PAYBACK,
//! DPAYBACK, INDEX over whole series, through TAKE and DROP) and every
//! other eager library function on scalar arguments. Whatever it does not
//! know (text, arrays, error literals, other lazy functions) is kept as a
//! general node, evaluated by the general evaluator.
//!
//! Done once per formula when a model compiles. It never evaluates
//! anything and never changes what a formula means: a lowered node is only
//! a faster route to the value the general evaluator gives.

use super::fast::{
    Arithmetic, CallArg, Comparison, EagerFunction, Node, Scalar, SeriesArg, SeriesFunction, Slice,
    View,
};
use super::plan::{Variable, PERIOD_NAME};
use crate::formula::ast::{BinaryOp, Expr, ExprKind, PostfixOp, UnaryOp};
use crate::formula::functions::{self, FunctionId, Implementation};
use std::cell::Cell;

/// The lowered formula, or `None` when nothing of it can take the numeric
/// path (it would be one general node).
pub fn lower_formula(expr: &Expr, per_period: bool, variables: &[Variable]) -> Option<Node> {
    let lowering = Lowering {
        variables,
        per_period,
        gave_up: Cell::new(false),
    };
    let node = lowering.node(expr);
    // A formula with any part the numeric path does not know is left
    // whole to the general evaluator: no general sub-nodes, so no copy of
    // the formula's tree is kept (and the widget carries none of that
    // code). Every formula of the example models lowers whole.
    (!lowering.gave_up.get()).then_some(node)
}

struct Lowering<'a> {
    variables: &'a [Variable],
    /// Inside a per-period formula a series name is its current value;
    /// elsewhere it is the whole series.
    per_period: bool,
    /// Set when a part could not be lowered: the formula is then not.
    gave_up: Cell<bool>,
}

fn boxed(node: Node) -> Box<Node> {
    Box::new(node)
}

/// The expression inside any parentheses.
fn ungrouped(mut expr: &Expr) -> &Expr {
    while let ExprKind::Group(inner) = &expr.kind {
        expr = inner;
    }
    expr
}

impl Lowering<'_> {
    /// A part the numeric path does not know: the whole formula gives up.
    fn general(&self) -> Node {
        self.gave_up.set(true);
        Node::General
    }

    fn is_series(&self, slot: usize) -> bool {
        self.variables.get(slot).is_some_and(|v| v.per_period)
    }

    fn node(&self, expr: &Expr) -> Node {
        match &expr.kind {
            ExprKind::Number(n) if n.is_finite() => Node::Constant(Scalar::Number(*n)),
            ExprKind::Bool(b) => Node::Constant(Scalar::Bool(*b)),
            ExprKind::Name(name) if self.per_period && name == PERIOD_NAME => Node::Period,
            ExprKind::Variable { slot, .. } if self.per_period || !self.is_series(*slot) => {
                Node::Read(*slot)
            }
            ExprKind::Group(inner) => self.node(inner),
            ExprKind::Unary {
                op: UnaryOp::Plus,
                operand,
            } => self.node(operand),
            ExprKind::Unary {
                op: UnaryOp::Negate,
                operand,
            } => Node::Negate(boxed(self.node(operand))),
            ExprKind::Postfix {
                op: PostfixOp::Percent,
                operand,
            } => Node::Percent(boxed(self.node(operand))),
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right),
            ExprKind::Call {
                function: Some(id),
                args,
                ..
            } => self.call(*id, args),
            _ => self.general(),
        }
    }

    fn binary(&self, op: BinaryOp, left: &Expr, right: &Expr) -> Node {
        let arithmetic = match op {
            BinaryOp::Add => Some(Arithmetic::Add),
            BinaryOp::Subtract => Some(Arithmetic::Subtract),
            BinaryOp::Multiply => Some(Arithmetic::Multiply),
            BinaryOp::Divide => Some(Arithmetic::Divide),
            BinaryOp::Power => Some(Arithmetic::Power),
            _ => None,
        };
        if let Some(op) = arithmetic {
            return Node::Arithmetic {
                op,
                left: boxed(self.node(left)),
                right: boxed(self.node(right)),
            };
        }
        let comparison = match op {
            BinaryOp::Equal => Comparison::Equal,
            BinaryOp::NotEqual => Comparison::NotEqual,
            BinaryOp::Less => Comparison::Less,
            BinaryOp::LessEqual => Comparison::LessEqual,
            BinaryOp::Greater => Comparison::Greater,
            BinaryOp::GreaterEqual => Comparison::GreaterEqual,
            _ => return self.general(),
        };
        Node::Compare {
            op: comparison,
            left: boxed(self.node(left)),
            right: boxed(self.node(right)),
        }
    }

    /// An argument that the function reads as `Value::Empty` when omitted
    /// and as `empty` then (IF's branches, CHOOSE's values, PREV's default).
    fn or_when_omitted(&self, arg: Option<&Expr>, empty: Scalar) -> Node {
        match arg {
            Some(expr) if !matches!(expr.kind, ExprKind::Missing) => self.node(expr),
            _ => Node::Constant(empty),
        }
    }

    fn call(&self, id: FunctionId, args: &[Expr]) -> Node {
        let Some(spec) = functions::by_id(id) else {
            return self.general();
        };
        if args.len() < spec.min_args || args.len() > spec.max_args {
            return self.general();
        }
        match (spec.name, spec.implementation) {
            ("IF", _) => Node::If {
                // An omitted test is empty, which is FALSE.
                condition: boxed(self.or_when_omitted(args.first(), Scalar::Bool(false))),
                then: boxed(self.or_when_omitted(args.get(1), Scalar::Number(0.0))),
                otherwise: boxed(match args.get(2) {
                    None => Node::Constant(Scalar::Bool(false)),
                    arg => self.or_when_omitted(arg, Scalar::Number(0.0)),
                }),
            },
            ("CHOOSE", _) => {
                // Plain loops: each iterator chain that collects is its own
                // body in the wasm.
                let mut choices = Vec::new();
                for arg in args.get(1..).unwrap_or(&[]) {
                    choices.push(self.or_when_omitted(Some(arg), Scalar::Number(0.0)));
                }
                Node::Choose {
                    index: boxed(self.or_when_omitted(args.first(), Scalar::Number(0.0))),
                    choices,
                }
            }
            ("PREV", _) => match args.first().map(|arg| &arg.kind) {
                Some(ExprKind::Variable { slot, .. })
                    if self.per_period && self.is_series(*slot) =>
                {
                    Node::Previous {
                        slot: *slot,
                        before_start: boxed(self.or_when_omitted(args.get(1), Scalar::Number(0.0))),
                    }
                }
                _ => self.general(),
            },
            (name, Implementation::Eager(function)) => {
                if let Some(node) = self.series_call(name, args) {
                    return node;
                }
                let mut lowered_args = Vec::with_capacity(args.len());
                for arg in args {
                    lowered_args.push(match arg.kind {
                        ExprKind::Missing => CallArg::Missing,
                        _ => CallArg::Node(self.node(arg)),
                    });
                }
                let args = lowered_args;
                // An argument the numeric path cannot give (an array, a
                // series) leaves the whole call to the general evaluator.
                if args
                    .iter()
                    .any(|arg| matches!(arg, CallArg::Node(Node::General)))
                {
                    return self.general();
                }
                Node::Call {
                    function: EagerFunction { id, function },
                    args,
                }
            }
            _ => self.general(),
        }
    }

    /// A whole series in a scalar formula, possibly through TAKE or DROP.
    fn view(&self, arg: &Expr) -> Option<View> {
        if self.per_period {
            return None;
        }
        match &ungrouped(arg).kind {
            ExprKind::Variable { slot, .. } if self.is_series(*slot) => Some(View {
                slot: *slot,
                slice: None,
            }),
            ExprKind::Call {
                function: Some(id),
                args,
                ..
            } => {
                let slice = match functions::by_id(*id)?.name {
                    "TAKE" => Slice::Take,
                    "DROP" => Slice::Drop,
                    _ => return None,
                };
                let [series, count] = args.as_slice() else {
                    return None;
                };
                let ExprKind::Variable { slot, .. } = ungrouped(series).kind else {
                    return None;
                };
                if !self.is_series(slot) || matches!(count.kind, ExprKind::Missing) {
                    return None;
                }
                Some(View {
                    slot,
                    slice: Some((slice, boxed(self.node(count)))),
                })
            }
            _ => None,
        }
    }

    /// SUM, MIN and MAX; NPV, IRR, PAYBACK, DPAYBACK and INDEX when they
    /// read a whole series. `None` when no argument is one, or the series
    /// is where the function does not take it.
    fn series_call(&self, name: &str, args: &[Expr]) -> Option<Node> {
        let function = match name {
            "SUM" => SeriesFunction::Sum,
            "MIN" => SeriesFunction::Min,
            "MAX" => SeriesFunction::Max,
            "NPV" => SeriesFunction::Npv,
            "IRR" => SeriesFunction::Irr,
            "PAYBACK" => SeriesFunction::Payback,
            "DPAYBACK" => SeriesFunction::DiscountedPayback,
            "INDEX" if args.len() == 2 => SeriesFunction::Index,
            _ => return None,
        };
        let mut lowered: Vec<SeriesArg> = Vec::with_capacity(args.len());
        for arg in args {
            lowered.push(match (&arg.kind, self.view(arg)) {
                (_, Some(view)) => SeriesArg::View(view),
                (ExprKind::Missing, None) => SeriesArg::Missing,
                (_, None) => SeriesArg::Scalar(self.node(arg)),
            });
        }
        let is_view = |index: usize| matches!(lowered.get(index), Some(SeriesArg::View(_)));
        let views_where_read = match function {
            // Also on scalars alone: the same numbers, without the library's Vec.
            SeriesFunction::Sum | SeriesFunction::Min | SeriesFunction::Max => true,
            SeriesFunction::Npv => !is_view(0) && (1..lowered.len()).any(is_view),
            SeriesFunction::Irr | SeriesFunction::Payback | SeriesFunction::Index => {
                is_view(0) && !is_view(1)
            }
            SeriesFunction::DiscountedPayback => !is_view(0) && is_view(1),
        };
        let general_scalar = lowered
            .iter()
            .any(|arg| matches!(arg, SeriesArg::Scalar(Node::General)));
        (views_where_read && !general_scalar).then_some(Node::Series {
            function,
            args: lowered,
        })
    }
}
