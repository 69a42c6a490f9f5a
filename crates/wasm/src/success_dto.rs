//! Plain JavaScript values for `SuccessPortfolio`: the thrown Error of a
//! refused document (with every problem in `diagnostics`), ISO dates,
//! document trees (the settings in force) and a health cell's figures as
//! every view shows them ([`CellFigures`]). Conversion only.

use super::dto::{object, set, set_number, set_number_or_null, set_text};
use super::error::JsError;
use super::js::{Array, Object};
use super::success_json::ReadError;
use super::success_portfolio::set_text_or_null;
use wasm_bindgen::JsValue;
use yardstick_core::error::ErrorCode;
use yardstick_core::json::Node;
use yardstick_core::success::date::Date;
use yardstick_core::success::diagnostic::SuccessDiagnostic;
use yardstick_core::success::health::{HealthCell, LOW_COVERAGE_BELOW};
use yardstick_core::success::settings::Grade;

/// The thrown Error for a refused document: the first problem as its
/// message, every problem in `diagnostics`.
pub(crate) fn document_error(code: ErrorCode, error: ReadError) -> JsError {
    match error {
        ReadError::NotJson(why) => {
            let message = format!("not JSON: {why}");
            let diagnostic = SuccessDiagnostic {
                code: yardstick_core::success::diagnostic::SuccessCode::WrongType,
                path: yardstick_core::model::diagnostic::ModelPath::root(),
                message: message.clone(),
            };
            with_diagnostics(code, &message, &[diagnostic])
        }
        ReadError::Problems(list) => {
            let first = list
                .first()
                .map(|d| super::error::display_text(d))
                .unwrap_or_default();
            let message = match list.len() {
                0 | 1 => first,
                count => format!("{first} (and {} more problems)", count - 1),
            };
            with_diagnostics(code, &message, &list)
        }
    }
}

fn with_diagnostics(code: ErrorCode, message: &str, list: &[SuccessDiagnostic]) -> JsError {
    let error = super::error::coded_error(code, message);
    let diagnostics = Array::new();
    for diagnostic in list {
        let item = object();
        set_text(&item, "code", diagnostic.code.as_str());
        set_text(&item, "path", &super::error::display_text(&diagnostic.path));
        set_text(&item, "message", &diagnostic.message);
        diagnostics.push(&item);
    }
    set(&error, "diagnostics", &diagnostics);
    JsError::from_value(error.into())
}

/// ISO dates as a JavaScript array.
pub(crate) fn dates_to_js(dates: &[Date]) -> Array {
    let list = Array::new();
    for date in dates {
        list.push(&JsValue::from_str(&super::error::display_text(date)));
    }
    list
}

/// A document tree as plain JavaScript values.
pub(crate) fn node_to_js(node: &Node) -> JsValue {
    match node {
        Node::Null => JsValue::NULL,
        Node::Bool(value) => JsValue::from_bool(*value),
        Node::Number(value) => JsValue::from_f64(*value),
        Node::Text(text) => JsValue::from_str(text),
        Node::List(items) => {
            let list = Array::new();
            for item in items {
                list.push(&node_to_js(item));
            }
            list.into()
        }
        Node::Map(entries) => {
            let map: Object = object();
            for (key, value) in entries {
                set(&map, key, &node_to_js(value));
            }
            map.into()
        }
    }
}

/// What both the portfolio's rows and an account's history show of a
/// health cell, read in one place: stage, frozen, score, grade, coverage
/// and the low-coverage flag (`success::health::LOW_COVERAGE_BELOW`).
pub(crate) struct CellFigures {
    pub stage: Option<&'static str>,
    pub frozen: bool,
    pub score: Option<f64>,
    pub grade: Option<&'static str>,
    pub coverage: f64,
    pub low_coverage: bool,
}

impl CellFigures {
    pub(crate) fn of(cell: &HealthCell) -> CellFigures {
        CellFigures {
            stage: cell.stage.map(|stage| stage.as_str()),
            frozen: cell.frozen,
            score: cell.score,
            grade: cell.grade.map(Grade::as_str),
            coverage: cell.coverage,
            low_coverage: cell.score.is_some() && cell.coverage < LOW_COVERAGE_BELOW,
        }
    }

    /// Score, grade, coverage and the flag on a JavaScript object (stage
    /// and frozen are named per view; the portfolio's columns take the
    /// fields themselves).
    pub(crate) fn set_score_on(&self, view: &Object) {
        set_number_or_null(view, "score", self.score);
        set_text_or_null(view, "grade", self.grade);
        set_number(view, "coverage", self.coverage);
        set(view, "lowCoverage", &JsValue::from_bool(self.low_coverage));
    }
}
