//! Compiling a model: read the document, parse every formula, resolve names
//! to variables, find each formula's same-period and previous-period
//! reads, reject cycles (naming the whole cycle) and misplaced kinds, and
//! lay out the evaluation plan. Done once; evaluation reuses it.
//!
//! Every problem is collected; nothing here evaluates a formula (the
//! engine's default-value check does, after compiling). The plan's types
//! are in [`plan`](super::plan), which the numeric lowering (`fast_lower`)
//! reads without importing this file.

use super::diagnostic::{item_path, suggest_id, ModelPath};
use super::diagnostic::{ModelDiagnostic, ModelDiagnosticCode};
use super::fast::Node;
use super::fast_lower::lower_formula;
use super::graph::{components_in_evaluation_order, find_cycle, same_period_order, Edge};
use super::item_names::name_items;
use super::plan::{Role, Step, Structure, Variable, PERIOD_NAME};
use super::read::read_model;
use super::spec::ModelSpec;
use crate::formula::ast::{Expr, ExprKind};
use crate::formula::functions::let_function;
use crate::formula::{parser, DiagnosticCode};
use crate::json::Node as DocumentNode;
use crate::name_table::NameTable;

/// Reads and compiles a document; every diagnostic when it is invalid.
pub fn compile(document: &DocumentNode) -> Result<(ModelSpec, Structure), Vec<ModelDiagnostic>> {
    match compile_parts(document) {
        (Some(parts), diagnostics) if diagnostics.is_empty() => Ok(parts),
        (_, diagnostics) => Err(diagnostics),
    }
}

/// Reads and compiles a document as far as it goes: the model and its plan
/// even when there are diagnostics (broken formulas left out of the plan),
/// so the caller can run the checks that need an evaluation too and report
/// every problem at once. `None` only when the document is not an object.
pub fn compile_parts(
    document: &DocumentNode,
) -> (Option<(ModelSpec, Structure)>, Vec<ModelDiagnostic>) {
    let (spec, mut diagnostics) = read_model(document);
    let Some(spec) = spec else {
        name_items(&mut diagnostics, document);
        return (None, diagnostics);
    };
    let structure = build(&spec, &mut diagnostics);
    name_items(&mut diagnostics, document);
    (Some((spec, structure)), diagnostics)
}

fn formula_path(role: Role) -> ModelPath {
    match role {
        Role::Input(i) => item_path("inputs", i),
        Role::Calculation(i) => item_path("calculations", i).key("formula"),
        Role::Output(i) => item_path("outputs", i).key("formula"),
    }
}

fn build(spec: &ModelSpec, diagnostics: &mut Vec<ModelDiagnostic>) -> Structure {
    let mut variables: Vec<Variable> = Vec::new();
    for (i, input) in spec.inputs.iter().enumerate() {
        variables.push(Variable {
            id: input.id.clone(),
            role: Role::Input(i),
            per_period: false,
            formula: None,
            reads: Vec::new(),
            fast: None,
        });
    }
    for (i, calculation) in spec.calculations.iter().enumerate() {
        variables.push(Variable {
            id: calculation.id.clone(),
            role: Role::Calculation(i),
            per_period: calculation.per_period,
            formula: None,
            reads: Vec::new(),
            fast: None,
        });
    }
    for (i, output) in spec.outputs.iter().enumerate() {
        variables.push(Variable {
            id: output.id.clone(),
            role: Role::Output(i),
            per_period: false,
            formula: None,
            reads: Vec::new(),
            fast: None,
        });
    }
    // Plain loops: each iterator chain that collects is its own body in
    // the wasm.
    let mut names = Vec::with_capacity(variables.len());
    for (index, v) in variables.iter().enumerate() {
        names.push((v.id.to_ascii_lowercase(), index));
    }
    let by_name = NameTable::new(names);
    for index in 0..variables.len() {
        let Some(variable) = variables.get(index) else {
            debug_assert!(false, "variable {index} out of range");
            continue;
        };
        let text = match variable.role {
            Role::Input(_) => None,
            Role::Calculation(i) => spec.calculations.get(i).map(|c| c.formula.as_str()),
            Role::Output(i) => spec.outputs.get(i).map(|o| o.formula.as_str()),
        };
        let Some(text) = text else { continue };
        let (role, per_period) = (variable.role, variable.per_period);
        let path = formula_path(role);
        let Some(mut expr) = parse_formula(text, &path, diagnostics) else {
            continue;
        };
        let mut reads = Vec::new();
        let mut context = ReadContext {
            by_name: &by_name,
            variables: &variables,
            per_period,
            path: &path,
            reads: &mut reads,
            diagnostics,
            let_names: Vec::new(),
        };
        context.collect(&mut expr, false);
        if let Some(variable) = variables.get_mut(index) {
            variable.formula = Some(expr);
            variable.reads = reads;
        }
    }
    let mut lowered: Vec<Option<Node>> = Vec::with_capacity(variables.len());
    for v in &variables {
        lowered.push(
            v.formula
                .as_ref()
                .and_then(|expr| lower_formula(expr, v.per_period, &variables)),
        );
    }
    for (variable, fast) in variables.iter_mut().zip(lowered) {
        variable.fast = fast;
    }
    let steps = plan(&variables, diagnostics);
    let mut step_of = vec![None; variables.len()];
    for (step_index, step) in steps.iter().enumerate() {
        let members: &[usize] = match step {
            Step::Scalar(v) => std::slice::from_ref(v),
            Step::Series(vs) => vs,
        };
        for &member in members {
            if let Some(slot) = step_of.get_mut(member) {
                *slot = Some(step_index);
            }
        }
    }
    Structure {
        variables,
        by_name,
        steps,
        step_of,
    }
}

fn parse_formula(
    text: &str,
    path: &ModelPath,
    diagnostics: &mut Vec<ModelDiagnostic>,
) -> Option<Expr> {
    let code_of = |code: DiagnosticCode| match code {
        DiagnosticCode::UnknownFunction => ModelDiagnosticCode::UnknownFunction,
        DiagnosticCode::WrongArgumentCount => ModelDiagnosticCode::WrongArgumentCount,
        DiagnosticCode::UnknownName => ModelDiagnosticCode::UnknownName,
        _ => ModelDiagnosticCode::FormulaSyntax,
    };
    match parser::parse(text) {
        Ok(parsed) => {
            for d in parsed.diagnostics {
                diagnostics.push(
                    ModelDiagnostic::new(code_of(d.code), path.clone(), d.message)
                        .with_span(d.span),
                );
            }
            Some(parsed.expr)
        }
        Err(list) => {
            for d in list {
                diagnostics.push(
                    ModelDiagnostic::new(code_of(d.code), path.clone(), d.message)
                        .with_span(d.span),
                );
            }
            None
        }
    }
}

/// Walks a formula: lower-cases names (ids are case-insensitive), records
/// reads, and reports unknown names and misplaced kinds.
struct ReadContext<'a> {
    by_name: &'a NameTable,
    variables: &'a [Variable],
    per_period: bool,
    path: &'a ModelPath,
    reads: &'a mut Vec<Edge>,
    diagnostics: &'a mut Vec<ModelDiagnostic>,
    /// The names of the LETs around the part being read (lower case): they
    /// are the LET's own, not the model's, and stay names.
    let_names: Vec<String>,
}

impl ReadContext<'_> {
    fn report(&mut self, code: ModelDiagnosticCode, expr: &Expr, message: String) {
        self.diagnostics
            .push(ModelDiagnostic::new(code, self.path.clone(), message).with_span(expr.span));
    }

    fn collect(&mut self, expr: &mut Expr, lagged: bool) {
        let span_expr = Expr::new(ExprKind::Missing, expr.span);
        match &mut expr.kind {
            ExprKind::Name(name) => {
                let lower = name.to_ascii_lowercase();
                *name = lower.clone();
                if self.let_names.contains(&lower) {
                    return;
                }
                if lower == PERIOD_NAME {
                    if !self.per_period {
                        self.report(ModelDiagnosticCode::WrongKind, &span_expr, "`period` exists only in per-period calculations (set \"per_period\": true)".to_string());
                    }
                    return;
                }
                match self.by_name.get(&lower) {
                    Some(index) => {
                        expr.kind = ExprKind::Variable {
                            name: lower.clone(),
                            slot: index,
                        };
                        let is_series = self.variables.get(index).is_some_and(|v| v.per_period);
                        let is_output = self
                            .variables
                            .get(index)
                            .is_some_and(|v| matches!(v.role, Role::Output(_)));
                        if lagged && !is_series {
                            self.report(ModelDiagnosticCode::WrongKind, &span_expr, format!("PREV needs a per-period calculation, and `{lower}` is a single value"));
                        }
                        if is_output && self.per_period {
                            // Allowed: an output is a scalar like any other.
                        }
                        self.reads.push(Edge { on: index, lagged });
                    }
                    None => {
                        let hint = suggest_id(&lower, self.variables.iter().map(|v| v.id.as_str()));
                        self.report(
                            ModelDiagnosticCode::UnknownName,
                            &span_expr,
                            format!("unknown name `{lower}`{hint}"),
                        );
                    }
                }
            }
            ExprKind::Call { name, args, .. } if name == "PREV" => {
                if !self.per_period {
                    self.report(
                        ModelDiagnosticCode::WrongKind,
                        &span_expr,
                        "PREV works only in per-period calculations (set \"per_period\": true)"
                            .to_string(),
                    );
                }
                let mut args_iter = args.iter_mut();
                if let Some(first) = args_iter.next() {
                    if matches!(first.kind, ExprKind::Name(_)) {
                        self.collect(first, true);
                    } else {
                        self.report(ModelDiagnosticCode::WrongKind, first, "PREV takes the name of a per-period calculation, as in PREV(cumulative)".to_string());
                        self.collect(first, false);
                    }
                }
                for rest in args_iter {
                    self.collect(rest, false);
                }
            }
            ExprKind::Call { name, args, .. }
                if name == "LET" && let_function::bound_names(args).is_some() =>
            {
                // Each value sees the names before it; the calculation all.
                let depth = self.let_names.len();
                let last = args.len().saturating_sub(1);
                let mut pending = None;
                for (index, arg) in args.iter_mut().enumerate() {
                    match &mut arg.kind {
                        ExprKind::Name(name) if index % 2 == 0 && index < last => {
                            *name = name.to_ascii_lowercase();
                            pending = Some(name.clone());
                        }
                        _ => {
                            self.collect(arg, false);
                            self.let_names.extend(pending.take());
                        }
                    }
                }
                self.let_names.truncate(depth);
            }
            ExprKind::Call { args, .. } => {
                for arg in args {
                    self.collect(arg, false);
                }
            }
            ExprKind::Unary { operand, .. }
            | ExprKind::Postfix { operand, .. }
            | ExprKind::Group(operand) => self.collect(operand, false),
            ExprKind::Binary { left, right, .. } => {
                self.collect(left, false);
                self.collect(right, false);
            }
            _ => {}
        }
    }
}

/// The evaluation plan; cycles become diagnostics naming every member.
fn plan(variables: &[Variable], diagnostics: &mut Vec<ModelDiagnostic>) -> Vec<Step> {
    // Only formulas form the graph; inputs are always ready.
    let mut depends_on: Vec<Vec<Edge>> = Vec::with_capacity(variables.len());
    for v in variables {
        let mut edges = Vec::new();
        for &edge in &v.reads {
            if variables.get(edge.on).is_some_and(|r| r.formula.is_some()) {
                edges.push(edge);
            }
        }
        depends_on.push(edges);
    }
    let mut steps = Vec::new();
    for component in components_in_evaluation_order(&depends_on) {
        let Some(&first) = component.first() else {
            debug_assert!(false, "an empty component in the evaluation order");
            continue;
        };
        let Some(variable) = variables.get(first) else {
            debug_assert!(false, "variable {first} out of range");
            continue;
        };
        if variable.formula.is_none() {
            continue;
        }
        let all_series = component
            .iter()
            .all(|&m| variables.get(m).is_some_and(|v| v.per_period));
        let reads_itself = |m: usize| {
            depends_on
                .get(m)
                .is_some_and(|edges| edges.iter().any(|e| e.on == m && !e.lagged))
        };
        if component.len() == 1 && !reads_itself(first) {
            steps.push(if variable.per_period {
                Step::Series(component)
            } else {
                Step::Scalar(first)
            });
            continue;
        }
        let cycle = if all_series {
            match same_period_order(&component, &depends_on) {
                Ok(ordered) => {
                    steps.push(Step::Series(ordered));
                    continue;
                }
                Err(cycle) => cycle,
            }
        } else {
            let reads = |node: usize| -> Vec<usize> {
                let mut nodes = Vec::new();
                for edge in depends_on.get(node).map_or(&[][..], Vec::as_slice) {
                    nodes.push(edge.on);
                }
                nodes
            };
            find_cycle(&component, &reads)
        };
        report_cycle(&cycle, variables, diagnostics);
    }
    steps
}

fn report_cycle(cycle: &[usize], variables: &[Variable], diagnostics: &mut Vec<ModelDiagnostic>) {
    let Some(first) = cycle.first().and_then(|&m| variables.get(m)) else {
        return;
    };
    let description = if cycle.len() == 1 {
        format!(
            "`{}` refers to itself; use PREV({}) for its previous period",
            first.id, first.id
        )
    } else {
        // Every member, then the first again: `a → b → c → a`.
        let mut chain = String::from("circular reference: ");
        for member in cycle.iter().filter_map(|&m| variables.get(m)) {
            chain.push_str(&member.id);
            chain.push_str(" → ");
        }
        chain.push_str(&first.id);
        chain
    };
    diagnostics.push(ModelDiagnostic::new(
        ModelDiagnosticCode::Cycle,
        formula_path(first.role),
        description,
    ));
}
