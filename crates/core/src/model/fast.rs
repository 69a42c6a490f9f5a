//! The compiled numeric path: a model formula lowered (by `fast_lower`)
//! into a small tree over variable slots that computes numbers and
//! booleans directly, without building a `Value` per node, cloning a
//! series into an array, or allocating for a function's arguments.
//!
//! It is a specialisation of the general evaluator, never a second
//! semantics: every node computes exactly what the general evaluator
//! computes when its operands are numbers or booleans (the same Excel
//! coercions and comparisons, the same finance kernels, the same
//! summation order), and *gives up* (`None`) whenever the general
//! evaluator could give anything else: an error value (division by zero,
//! a non-finite result, a function's error), text, an array, or an empty
//! value. The engine then evaluates the whole formula with the general
//! evaluator, so results are bit-identical by construction; a property
//! test checks it on random models. A formula with any part the lowering
//! does not know is not lowered at all: the general evaluator takes it
//! whole (no copy of its tree is kept).
//!
//! Nothing here allocates on the hot path (series functions reuse one
//! scratch buffer of the model state), parses, or panics.

pub use super::fast_workspace::Workspace;
use super::slot::Slot;
use crate::finance::{self, Payback};
use crate::formula::eval::compare_numbers;
use crate::formula::functions::FunctionId;
use crate::formula::{ErrorValue, Value};
use std::cell::Cell;
use std::cmp::Ordering;
use std::mem::ManuallyDrop;

/// Eager calls pass at most this many arguments without allocating.
const STACK_ARGUMENTS: usize = 6;

/// A scalar the numeric path computes: a finite number or a boolean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// A finite number.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
}

impl Scalar {
    /// A number, or `None` when it is not finite (the general evaluator's
    /// `#NUM!`).
    #[inline(always)]
    fn number(n: f64) -> Option<Scalar> {
        n.is_finite().then_some(Scalar::Number(n))
    }

    /// As `Value::to_number` for a number or boolean.
    #[inline(always)]
    fn to_number(self) -> f64 {
        match self {
            Scalar::Number(n) => n,
            Scalar::Bool(b) => f64::from(u8::from(b)),
        }
    }

    /// As `Value::to_bool` for a number or boolean.
    #[inline(always)]
    fn truth(self) -> bool {
        match self {
            Scalar::Number(n) => n != 0.0,
            Scalar::Bool(b) => b,
        }
    }

    /// The scalar a value holds; `None` for anything else.
    #[inline(always)]
    pub fn from_value(value: &Value) -> Option<Scalar> {
        match value {
            Value::Number(n) => Some(Scalar::Number(*n)),
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            _ => None,
        }
    }

    /// The formula value. Every `Scalar::Number` here is finite (made by
    /// `Scalar::number`, read from a finite `Value::Number`, or a finite
    /// constant or period), so it is the number itself.
    #[inline(always)]
    pub fn to_value(self) -> Value {
        match self {
            Scalar::Number(n) => Value::Number(n),
            Scalar::Bool(b) => Value::Bool(b),
        }
    }
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arithmetic {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `^`
    Power,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `=`
    Equal,
    /// `<>`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterEqual,
}

/// An eager function of the library, called as the general evaluator calls it.
#[derive(Clone, Copy)]
pub struct EagerFunction {
    /// The function's place in the registry, which also identifies it.
    pub id: FunctionId,
    /// Its implementation, as the registry holds it.
    pub function: fn(&[Value]) -> Result<Value, ErrorValue>,
}

impl PartialEq for EagerFunction {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl std::fmt::Debug for EagerFunction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EagerFunction({:?})", self.id)
    }
}

/// An argument of an eager call.
#[derive(Debug, Clone, PartialEq)]
pub enum CallArg {
    /// An argument the numeric path computes.
    Node(Node),
    /// An omitted argument (`PV(r, n, , fv)`): `Value::Empty`.
    Missing,
}

/// Which part of a series a view keeps, as TAKE and DROP count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// Keeps the first `n` values (the last `-n` when negative).
    Take,
    /// Leaves out the first `n` values (the last `-n` when negative).
    Drop,
}

/// A whole series read in a scalar formula (a column array), optionally
/// through `TAKE(series, n)` or `DROP(series, n)`.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The series' slot.
    pub slot: usize,
    /// A TAKE or DROP and its count, if the series is sliced.
    pub slice: Option<(Slice, Box<Node>)>,
}

/// An argument of a series function.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesArg {
    /// A single-value argument (a rate, a position).
    Scalar(Node),
    /// A whole series, perhaps sliced.
    View(View),
    /// An omitted argument.
    Missing,
}

/// Functions that read whole series, computed here over the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesFunction {
    /// SUM
    Sum,
    /// MIN
    Min,
    /// MAX
    Max,
    /// NPV
    Npv,
    /// IRR
    Irr,
    /// PAYBACK
    Payback,
    /// DPAYBACK
    DiscountedPayback,
    /// INDEX of a series and a position.
    Index,
}

/// One node of a lowered formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A literal number or boolean.
    Constant(Scalar),
    /// The current period (per-period formulas only).
    Period,
    /// A variable: a scalar's value, or a series' value in the current period.
    Read(usize),
    /// `PREV(series, [default])`.
    Previous {
        /// The series read.
        slot: usize,
        /// The value in period 0, which has no previous period: PREV's
        /// second argument (0 when omitted).
        before_start: Box<Node>,
    },
    /// Unary minus.
    Negate(Box<Node>),
    /// Postfix `%`: the operand divided by 100.
    Percent(Box<Node>),
    /// A binary arithmetic operator.
    Arithmetic {
        /// Which operator.
        op: Arithmetic,
        /// The left operand.
        left: Box<Node>,
        /// The right operand.
        right: Box<Node>,
    },
    /// A comparison, as Excel compares numbers and booleans.
    Compare {
        /// Which comparison.
        op: Comparison,
        /// The left operand.
        left: Box<Node>,
        /// The right operand.
        right: Box<Node>,
    },
    /// `IF(condition, then, otherwise)`, evaluating only the branch taken.
    If {
        /// The condition.
        condition: Box<Node>,
        /// The value when the condition is true.
        then: Box<Node>,
        /// The value when it is false.
        otherwise: Box<Node>,
    },
    /// `CHOOSE(index, choices...)`, evaluating only the choice taken.
    Choose {
        /// The 1-based position of the choice.
        index: Box<Node>,
        /// The choices.
        choices: Vec<Node>,
    },
    /// A call of an eager library function on scalar arguments.
    Call {
        /// The function.
        function: EagerFunction,
        /// Its arguments, in order.
        args: Vec<CallArg>,
    },
    /// A function over whole series, computed on their numbers.
    Series {
        /// The function.
        function: SeriesFunction,
        /// Its arguments, in order.
        args: Vec<SeriesArg>,
    },
    /// A part the numeric path does not know, while a formula is lowered:
    /// a formula holding one is not lowered at all, so no lowered tree
    /// contains it (its value would be "give up").
    General,
}

/// Where a formula is evaluated: the slots, the period (per-period
/// formulas) and the scratch space.
pub struct Context<'a> {
    /// Every variable's current value, by slot.
    pub slots: &'a [Slot],
    /// The period being computed; `None` in scalar formulas.
    pub period: Option<usize>,
    /// Scratch space the series functions reuse instead of allocating.
    pub workspace: &'a Workspace,
}

impl Node {
    /// An operand's value: leaves (constants and reads) inline,
    /// without a call, since they are about half of all nodes.
    #[inline(always)]
    fn operand(&self, context: &Context<'_>) -> Option<Scalar> {
        match self {
            Node::Constant(scalar) => Some(*scalar),
            Node::Read(slot) => read(*slot, context),
            _ => self.eval(context),
        }
    }

    /// The node's value, or `None` when the general evaluator must decide.
    pub fn eval(&self, context: &Context<'_>) -> Option<Scalar> {
        match self {
            Node::Constant(scalar) => Some(*scalar),
            Node::Period => context.period.map(|p| Scalar::Number(p as f64)),
            Node::Read(slot) => read(*slot, context),
            Node::Previous { slot, before_start } => {
                let period = context.period?;
                let Slot::Series(values) = context.slots.get(*slot)? else {
                    return None;
                };
                match period.checked_sub(1) {
                    Some(previous) => Scalar::from_value(values.get(previous)?),
                    None => before_start.eval(context),
                }
            }
            Node::Negate(operand) => Scalar::number(-operand.operand(context)?.to_number()),
            Node::Percent(operand) => Scalar::number(operand.operand(context)?.to_number() / 100.0),
            Node::Arithmetic { op, left, right } => {
                let l = left.operand(context)?.to_number();
                let r = right.operand(context)?.to_number();
                Scalar::number(match op {
                    Arithmetic::Add => l + r,
                    Arithmetic::Subtract => l - r,
                    Arithmetic::Multiply => l * r,
                    Arithmetic::Divide if r == 0.0 => return None,
                    Arithmetic::Divide => l / r,
                    Arithmetic::Power => context.workspace.power(l, r)?,
                })
            }
            Node::Compare { op, left, right } => {
                let ordering = compare(left.operand(context)?, right.operand(context)?);
                Some(Scalar::Bool(match op {
                    Comparison::Equal => ordering.is_eq(),
                    Comparison::NotEqual => ordering.is_ne(),
                    Comparison::Less => ordering.is_lt(),
                    Comparison::LessEqual => ordering.is_le(),
                    Comparison::Greater => ordering.is_gt(),
                    Comparison::GreaterEqual => ordering.is_ge(),
                }))
            }
            Node::If {
                condition,
                then,
                otherwise,
            } => {
                if condition.eval(context)?.truth() {
                    then.operand(context)
                } else {
                    otherwise.operand(context)
                }
            }
            Node::Choose { index, choices } => {
                let index = index.eval(context)?.to_number().trunc();
                if index < 1.0 || index > choices.len() as f64 {
                    return None;
                }
                choices.get(index as usize - 1)?.operand(context)
            }
            Node::Call { function, args } => call(*function, args, context),
            Node::Series { function, args } => series(*function, args, context),
            Node::General => None,
        }
    }
}

/// A variable: a scalar's value, or a series' value in the current period.
#[inline(always)]
fn read(slot: usize, context: &Context<'_>) -> Option<Scalar> {
    match (context.slots.get(slot)?, context.period) {
        (Slot::Scalar(value), _) => Scalar::from_value(value),
        (Slot::Series(values), Some(period)) => Scalar::from_value(values.get(period)?),
        (Slot::Series(_), None) => None,
    }
}

/// The evaluator's own guard: no number is NaN or infinite.
#[inline(always)]
fn finite(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::number(n),
        other => other,
    }
}

/// Excel's comparison of two scalars, as `formula::eval::compare`:
/// numbers before booleans, numbers equal to 15 significant digits.
fn compare(left: Scalar, right: Scalar) -> Ordering {
    match (left, right) {
        (Scalar::Number(l), Scalar::Number(r)) => compare_numbers(l, r),
        (Scalar::Bool(l), Scalar::Bool(r)) => l.cmp(&r),
        (Scalar::Number(_), Scalar::Bool(_)) => Ordering::Less,
        (Scalar::Bool(_), Scalar::Number(_)) => Ordering::Greater,
    }
}

/// An eager library function on scalar arguments, exactly as the general
/// evaluator calls it; anything but a number or boolean gives up.
#[inline(never)]
fn call(function: EagerFunction, args: &[CallArg], context: &Context<'_>) -> Option<Scalar> {
    let value_of = |arg: &CallArg| -> Option<Value> {
        match arg {
            CallArg::Node(node) => Some(node.operand(context)?.to_value()),
            CallArg::Missing => Some(Value::Empty),
        }
    };
    let result = if args.len() <= STACK_ARGUMENTS {
        // Numbers, booleans and empty values own nothing, so the array is
        // never dropped: its drop glue was a call per value per call.
        let mut values: ManuallyDrop<[Value; STACK_ARGUMENTS]> =
            ManuallyDrop::new(std::array::from_fn(|_| Value::Empty));
        for (slot, arg) in values.iter_mut().zip(args) {
            // Over an empty value: the assignment drops nothing either.
            *slot = value_of(arg)?;
        }
        (function.function)(values.get(..args.len())?)
    } else {
        // A plain loop: collecting into an `Option` adds its own adapter.
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(value_of(arg)?);
        }
        (function.function)(&values)
    };
    Scalar::from_value(&finite(result.ok()?))
}

/// The series a view reads, after TAKE or DROP; `None` outside a scalar
/// formula, for a scalar slot, or when the slice would be empty.
fn view_values<'a>(view: &View, context: &Context<'a>) -> Option<&'a [Value]> {
    if context.period.is_some() {
        return None;
    }
    let Slot::Series(values) = context.slots.get(view.slot)? else {
        return None;
    };
    let Some((slice, count)) = &view.slice else {
        return Some(values);
    };
    let count = count.eval(context)?.to_number();
    let length = values.len();
    // As `slicing::kept_range`: the count truncated, at most the length.
    let magnitude = count.abs().trunc().min(length as f64) as usize;
    let range = match (slice, count >= 0.0) {
        (Slice::Take, true) => 0..magnitude,
        (Slice::Take, false) => length - magnitude..length,
        (Slice::Drop, true) => magnitude..length,
        (Slice::Drop, false) => 0..length - magnitude,
    };
    values.get(range).filter(|kept| !kept.is_empty())
}

/// A buffer of numbers borrowed from the context's scratch space and
/// given back when dropped, so series functions reuse one allocation.
///
/// The buffer is `ManuallyDrop` and an empty vector coming back out of the
/// scratch space is forgotten: dropping an empty `Vec` frees nothing, but
/// at `opt-level = "z"` it is a chain of calls, twice per series function
/// (3% of a Monte Carlo trial).
struct Numbers<'a> {
    home: &'a Cell<Vec<f64>>,
    numbers: ManuallyDrop<Vec<f64>>,
}

impl<'a> Numbers<'a> {
    fn borrow(home: &'a Cell<Vec<f64>>) -> Numbers<'a> {
        let mut numbers = home.take();
        numbers.clear();
        Numbers {
            home,
            numbers: ManuallyDrop::new(numbers),
        }
    }

    #[inline]
    fn push(&mut self, n: f64) {
        self.numbers.push(n);
    }

    /// Every element of a view, which must all be numbers (an array's
    /// text and booleans are skipped by Excel's rules and its errors
    /// propagate; both are left to the general evaluator).
    fn push_view(&mut self, values: &[Value]) -> Option<()> {
        if !values.iter().all(|v| matches!(v, Value::Number(_))) {
            return None;
        }
        self.numbers.extend(values.iter().map(|v| match v {
            Value::Number(n) => *n,
            _ => 0.0,
        }));
        Some(())
    }

    fn as_slice(&self) -> &[f64] {
        &self.numbers
    }
}

impl Drop for Numbers<'_> {
    fn drop(&mut self) {
        let displaced = self.home.replace(std::mem::take(&mut *self.numbers));
        // Only a nested borrow's buffer (given back while this one was
        // out) holds memory; the empty vector `take` left behind does not.
        if displaced.capacity() == 0 {
            std::mem::forget(displaced);
        }
    }
}

/// A scalar argument of a series function, read as `args::number` reads
/// it (an omitted argument is 0); `None` for a view.
fn scalar_number(arg: Option<&SeriesArg>, context: &Context<'_>) -> Option<f64> {
    match arg {
        Some(SeriesArg::Scalar(node)) => Some(node.operand(context)?.to_number()),
        Some(SeriesArg::Missing) | None => Some(0.0),
        Some(SeriesArg::View(_)) => None,
    }
}

/// The numbers of a cash-flow argument that is a view, into `numbers`.
fn flows<'n>(
    arg: Option<&SeriesArg>,
    context: &Context<'_>,
    numbers: &'n mut Numbers<'_>,
) -> Option<&'n [f64]> {
    let Some(SeriesArg::View(view)) = arg else {
        return None;
    };
    numbers.push_view(view_values(view, context)?)?;
    Some(numbers.as_slice())
}

fn payback(result: Result<Payback, finance::FinanceError>) -> Option<Scalar> {
    match result.ok()? {
        Payback::Period(period) => Scalar::number(period),
        Payback::Never => None,
    }
}

/// The series functions, each exactly as its library function reads its
/// arguments and calls its kernel.
#[inline(never)]
fn series(function: SeriesFunction, args: &[SeriesArg], context: &Context<'_>) -> Option<Scalar> {
    if let (SeriesFunction::Min | SeriesFunction::Max | SeriesFunction::Sum, [a, b]) =
        (function, args)
    {
        // Two scalars (as `MIN(period, 3)`): the same fold, on the stack.
        if let (SeriesArg::Scalar(a), SeriesArg::Scalar(b)) = (a, b) {
            let pair = [
                a.operand(context)?.to_number(),
                b.operand(context)?.to_number(),
            ];
            return Scalar::number(match function {
                SeriesFunction::Sum => pair.iter().sum(),
                SeriesFunction::Min => pair.into_iter().reduce(f64::min).unwrap_or(0.0),
                _ => pair.into_iter().reduce(f64::max).unwrap_or(0.0),
            });
        }
    }
    let mut numbers = Numbers::borrow(&context.workspace.scratch);
    match function {
        SeriesFunction::Sum | SeriesFunction::Min | SeriesFunction::Max => {
            // As `args::aggregate_numbers`: direct arguments coerce, omitted ones count as nothing.
            for arg in args {
                match arg {
                    SeriesArg::Scalar(node) => numbers.push(node.operand(context)?.to_number()),
                    SeriesArg::View(view) => numbers.push_view(view_values(view, context)?)?,
                    SeriesArg::Missing => {}
                }
            }
            let numbers = numbers.as_slice();
            Scalar::number(match function {
                SeriesFunction::Sum => numbers.iter().sum(),
                SeriesFunction::Min => numbers.iter().copied().reduce(f64::min).unwrap_or(0.0),
                _ => numbers.iter().copied().reduce(f64::max).unwrap_or(0.0),
            })
        }
        SeriesFunction::Npv => {
            let rate = scalar_number(args.first(), context)?;
            // As NPV's `npv_values`: an omitted argument is a zero flow.
            for arg in args.get(1..).unwrap_or(&[]) {
                match arg {
                    SeriesArg::Scalar(node) => numbers.push(node.operand(context)?.to_number()),
                    SeriesArg::View(view) => numbers.push_view(view_values(view, context)?)?,
                    SeriesArg::Missing => numbers.push(0.0),
                }
            }
            Scalar::number(finance::npv(rate, numbers.as_slice()).ok()?)
        }
        SeriesFunction::Irr => {
            let values = flows(args.first(), context, &mut numbers)?;
            let guess = match args.get(1) {
                None | Some(SeriesArg::Missing) => finance::DEFAULT_GUESS,
                arg => scalar_number(arg, context)?,
            };
            Scalar::number(finance::irr(values, guess).ok()?)
        }
        SeriesFunction::Payback => payback(finance::payback_period(flows(
            args.first(),
            context,
            &mut numbers,
        )?)),
        SeriesFunction::DiscountedPayback => {
            let rate = scalar_number(args.first(), context)?;
            let values = flows(args.get(1), context, &mut numbers)?;
            payback(finance::discounted_payback(rate, values))
        }
        SeriesFunction::Index => {
            let Some(SeriesArg::View(view)) = args.first() else {
                return None;
            };
            let values = view_values(view, context)?;
            let position = scalar_number(args.get(1), context)?.trunc();
            // Position 0 (the whole column) and positions outside are left
            // to the general evaluator.
            if position < 1.0 || position > values.len() as f64 {
                return None;
            }
            match values.get(position as usize - 1)? {
                Value::Number(n) => Scalar::number(*n),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
#[path = "fast_test.rs"]
mod tests;
