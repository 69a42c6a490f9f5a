//! Validation of a scorecard: every problem at once, as data, each with a
//! stable code, a message a person can act on and the path of the field it
//! concerns (`measures[2].rule.bands[1].bound`).
//!
//! Validation never changes the scorecard and never stops at the first
//! problem; the engine refuses to score a scorecard that has any.

use super::rule::{Direction, ScoringRule, ThresholdBand, MAX_POINTS};
use super::scorecard::{GradeBand, Measure, Scorecard, VerdictThresholds};
use crate::number_text::Plain;
use std::fmt;

/// The most measures a scorecard may have.
pub const MAX_MEASURES: usize = 256;
/// The most bands a threshold rule may have.
pub const MAX_THRESHOLD_BANDS: usize = 64;
/// The most grade bands a scorecard may have.
pub const MAX_GRADE_BANDS: usize = 32;

/// What kind of problem a diagnostic reports; stable across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScorecardDiagnosticCode {
    /// The scorecard has no measures.
    NoMeasures,
    /// More measures, bands or grades than the limits allow.
    TooManyItems,
    /// An id (of a measure or of its source) is empty.
    EmptyId,
    /// Two measures share an id.
    DuplicateMeasureId,
    /// A weight is negative, NaN or infinite.
    InvalidWeight,
    /// Every weight is zero, so no score can be weighted.
    AllWeightsZero,
    /// A number in a rule (bound, points, worst, best, anchor, threshold)
    /// is NaN or infinite.
    NonFiniteNumber,
    /// Points outside [0, 100].
    PointsOutOfRange,
    /// A threshold rule without bands.
    NoBands,
    /// Threshold bands not listed best first with strictly monotone bounds.
    BandsNotSorted,
    /// A linear rule whose `worst` equals its `best`.
    WorstEqualsBest,
    /// Bounded-linear anchors not strictly increasing or strictly decreasing.
    AnchorsNotMonotonic,
    /// A clamped-linear rule whose floor points exceed its ceiling points.
    FloorAboveCeiling,
    /// The scorecard has no grade bands.
    NoGrades,
    /// Grade bands not listed best first with strictly descending scores.
    GradesNotSorted,
    /// A grade's minimum score outside [0, 100].
    GradeScoreOutOfRange,
    /// The lowest grade starts above 0, so low scores would have no grade.
    LowestGradeAboveZero,
    /// Verdict thresholds not `0 <= marginal_at <= positive_at <= 100`.
    InvalidVerdictThresholds,
}

impl ScorecardDiagnosticCode {
    /// The code as a kebab-case string, as JavaScript will see it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoMeasures => "no-measures",
            Self::TooManyItems => "too-many-items",
            Self::EmptyId => "empty-id",
            Self::DuplicateMeasureId => "duplicate-measure-id",
            Self::InvalidWeight => "invalid-weight",
            Self::AllWeightsZero => "all-weights-zero",
            Self::NonFiniteNumber => "non-finite-number",
            Self::PointsOutOfRange => "points-out-of-range",
            Self::NoBands => "no-bands",
            Self::BandsNotSorted => "bands-not-sorted",
            Self::WorstEqualsBest => "worst-equals-best",
            Self::AnchorsNotMonotonic => "anchors-not-monotonic",
            Self::FloorAboveCeiling => "floor-above-ceiling",
            Self::NoGrades => "no-grades",
            Self::GradesNotSorted => "grades-not-sorted",
            Self::GradeScoreOutOfRange => "grade-score-out-of-range",
            Self::LowestGradeAboveZero => "lowest-grade-above-zero",
            Self::InvalidVerdictThresholds => "invalid-verdict-thresholds",
        }
    }
}

impl fmt::Display for ScorecardDiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with a scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardDiagnostic {
    /// What kind of problem.
    pub code: ScorecardDiagnosticCode,
    /// What is wrong, for a person.
    pub message: String,
    /// The field concerned, such as `measures[2].rule.bands[1].bound`.
    pub path: String,
}

impl fmt::Display for ScorecardDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.message, self.code)
    }
}

/// Collects diagnostics.
#[derive(Default)]
struct Findings {
    diagnostics: Vec<ScorecardDiagnostic>,
}

impl Findings {
    fn push(&mut self, code: ScorecardDiagnosticCode, path: String, message: String) {
        self.diagnostics.push(ScorecardDiagnostic {
            code,
            message,
            path,
        });
    }

    /// Checks that the field `path.name` is finite. The path is only built
    /// for a diagnostic, in one place rather than at every caller.
    fn finite(&mut self, value: f64, path: &str, name: &str) -> bool {
        let finite = value.is_finite();
        if !finite {
            let message = format!("must be a finite number, not {}", Plain(value));
            let code = ScorecardDiagnosticCode::NonFiniteNumber;
            self.push(code, field_path(path, name), message);
        }
        finite
    }

    fn points(&mut self, points: f64, path: &str, name: &str) {
        if self.finite(points, path, name) && !(0.0..=MAX_POINTS).contains(&points) {
            let message = format!("points must lie within 0 to 100, not {}", Plain(points));
            let code = ScorecardDiagnosticCode::PointsOutOfRange;
            self.push(code, field_path(path, name), message);
        }
    }

    fn count(&mut self, count: usize, limit: usize, what: &str, path: String) {
        if count > limit {
            let message = format!("{count} {what}, more than the limit of {limit}");
            self.push(ScorecardDiagnosticCode::TooManyItems, path, message);
        }
    }
}

/// The field of a grade band checked here.
const MIN_SCORE: &str = "min_score_0_to_100";

/// `path.name`. One small function instead of a `format!` at each of the
/// dozen fields checked: each `format!` site builds its own argument list.
fn field_path(path: &str, name: &str) -> String {
    let mut joined = String::with_capacity(path.len() + 1 + name.len());
    joined.push_str(path);
    joined.push('.');
    joined.push_str(name);
    joined
}

/// Every problem with the scorecard; empty when it can be scored.
pub fn validate_scorecard(scorecard: &Scorecard) -> Vec<ScorecardDiagnostic> {
    let mut findings = Findings::default();
    if scorecard.measures.is_empty() {
        findings.push(
            ScorecardDiagnosticCode::NoMeasures,
            "measures".into(),
            "a scorecard needs at least one measure".into(),
        );
    }
    let count = scorecard.measures.len();
    findings.count(count, MAX_MEASURES, "measures", "measures".into());
    let mut ids = Vec::with_capacity(scorecard.measures.len());
    for measure in &scorecard.measures {
        ids.push(measure.id.as_str());
    }
    let previous_ids = crate::name_table::previous_uses(&ids);
    for (index, measure) in scorecard.measures.iter().enumerate() {
        let path = format!("measures[{index}]");
        check_measure(&mut findings, measure, &path);
        let repeated = previous_ids.get(index).is_some_and(Option::is_some);
        if !measure.id.is_empty() && repeated {
            let message = format!("the measure id \"{}\" is used twice", measure.id);
            let code = ScorecardDiagnosticCode::DuplicateMeasureId;
            findings.push(code, field_path(&path, "id"), message);
        }
    }
    check_weights(&mut findings, &scorecard.measures);
    check_grades(&mut findings, &scorecard.grades);
    check_verdict(&mut findings, &scorecard.verdict_thresholds);
    findings.diagnostics
}

/// [`validate_scorecard`] for a scorecard whose ids, sources and grades
/// are known to be valid and whose rules are all `Linear` or `Boolean`
/// (the default business-case scorecard's shape): the same diagnostics in
/// the same order, from its weights, rule numbers and verdict thresholds.
/// It leaves the rest of the validator (bands, anchors, grades, ids) out
/// of a build that only makes that scorecard (about 2 KB of the wasm);
/// a property test checks both agree on the default scorecard.
pub(super) fn validate_numbers(scorecard: &Scorecard) -> Vec<ScorecardDiagnostic> {
    let mut findings = Findings::default();
    for (index, measure) in scorecard.measures.iter().enumerate() {
        let path = format!("measures[{index}]");
        check_weight(&mut findings, measure.weight, &path);
        let rule_path = field_path(&path, "rule");
        match measure.rule {
            ScoringRule::Linear { worst, best } => {
                check_linear(&mut findings, worst, best, &rule_path);
            }
            ScoringRule::Boolean { threshold, .. } => {
                findings.finite(threshold, &rule_path, "threshold");
            }
            ScoringRule::Thresholds { .. }
            | ScoringRule::ClampedLinear { .. }
            | ScoringRule::BoundedLinear { .. } => {
                debug_assert!(false, "validate_numbers met a rule it does not check");
            }
        }
    }
    check_weights(&mut findings, &scorecard.measures);
    check_verdict(&mut findings, &scorecard.verdict_thresholds);
    findings.diagnostics
}

/// Every weight 0 (and all valid) leaves nothing to weight the score by.
fn check_weights(findings: &mut Findings, measures: &[Measure]) {
    let (mut weights_valid, mut all_zero) = (true, true);
    for m in measures {
        weights_valid &= m.weight.is_finite() && m.weight >= 0.0;
        all_zero &= m.weight == 0.0;
    }
    if weights_valid && all_zero && !measures.is_empty() {
        findings.push(
            ScorecardDiagnosticCode::AllWeightsZero,
            "measures".into(),
            "every weight is 0; give at least one measure a positive weight".into(),
        );
    }
}

fn check_weight(findings: &mut Findings, weight: f64, path: &str) {
    if !(weight.is_finite() && weight >= 0.0) {
        let message = format!("a weight must be finite and >= 0, not {}", Plain(weight));
        let code = ScorecardDiagnosticCode::InvalidWeight;
        findings.push(code, field_path(path, "weight"), message);
    }
}

fn check_linear(findings: &mut Findings, worst: f64, best: f64, path: &str) {
    let worst_ok = findings.finite(worst, path, "worst");
    let best_ok = findings.finite(best, path, "best");
    if worst_ok && best_ok && worst == best {
        let message = format!("worst and best are both {}; they must differ", Plain(worst));
        let code = ScorecardDiagnosticCode::WorstEqualsBest;
        findings.push(code, path.to_string(), message);
    }
}

fn check_measure(findings: &mut Findings, measure: &Measure, path: &str) {
    if measure.id.is_empty() {
        let message = "a measure needs an id".to_string();
        findings.push(
            ScorecardDiagnosticCode::EmptyId,
            field_path(path, "id"),
            message,
        );
    }
    if measure.source.id().is_empty() {
        let message = format!("the {} source needs an id", measure.source.kind());
        let code = ScorecardDiagnosticCode::EmptyId;
        findings.push(code, field_path(path, "source"), message);
    }
    check_weight(findings, measure.weight, path);
    check_rule(findings, &measure.rule, &field_path(path, "rule"));
}

fn check_rule(findings: &mut Findings, rule: &ScoringRule, path: &str) {
    match rule {
        ScoringRule::Thresholds { bands, direction } => {
            check_bands(findings, bands, *direction, path);
        }
        ScoringRule::Linear { worst, best } => check_linear(findings, *worst, *best, path),
        ScoringRule::ClampedLinear {
            worst,
            best,
            floor_points,
            ceiling_points,
        } => {
            check_linear(findings, *worst, *best, path);
            findings.points(*floor_points, path, "floor_points");
            findings.points(*ceiling_points, path, "ceiling_points");
            if floor_points > ceiling_points {
                findings.push(
                    ScorecardDiagnosticCode::FloorAboveCeiling,
                    path.to_string(),
                    format!(
                        "floor_points {} must not exceed ceiling_points {}",
                        Plain(*floor_points),
                        Plain(*ceiling_points)
                    ),
                );
            }
        }
        ScoringRule::BoundedLinear {
            floor,
            red_below,
            green_at,
            ceiling,
        } => {
            let anchors = [
                ("floor", *floor),
                ("red_below", *red_below),
                ("green_at", *green_at),
                ("ceiling", *ceiling),
            ];
            // Check every anchor (no short circuit), then combine.
            let mut all_finite = true;
            for (name, value) in anchors {
                all_finite &= findings.finite(value, path, name);
            }
            let increasing = floor < red_below && red_below < green_at && green_at < ceiling;
            let decreasing = floor > red_below && red_below > green_at && green_at > ceiling;
            if all_finite && !increasing && !decreasing {
                findings.push(
                    ScorecardDiagnosticCode::AnchorsNotMonotonic,
                    path.to_string(),
                    format!(
                        "floor, red_below, green_at, ceiling ({}, {}, {}, {}) must be strictly \
                         increasing, or strictly decreasing when lower is better",
                        Plain(*floor),
                        Plain(*red_below),
                        Plain(*green_at),
                        Plain(*ceiling)
                    ),
                );
            }
        }
        ScoringRule::Boolean { threshold, .. } => {
            findings.finite(*threshold, path, "threshold");
        }
    }
}

fn check_bands(findings: &mut Findings, bands: &[ThresholdBand], direction: Direction, path: &str) {
    if bands.is_empty() {
        let message = "a threshold rule needs at least one band".to_string();
        findings.push(
            ScorecardDiagnosticCode::NoBands,
            field_path(path, "bands"),
            message,
        );
    }
    findings.count(
        bands.len(),
        MAX_THRESHOLD_BANDS,
        "bands",
        field_path(path, "bands"),
    );
    let mut previous_bound: Option<f64> = None;
    for (index, band) in bands.iter().enumerate() {
        let band_path = format!("{path}.bands[{index}]");
        let bound_ok = findings.finite(band.bound, &band_path, "bound");
        findings.points(band.points_0_to_100, &band_path, "points_0_to_100");
        if let (true, Some(previous)) = (bound_ok, previous_bound) {
            let (in_order, order) = match direction {
                Direction::HigherIsBetter => (band.bound < previous, "below"),
                Direction::LowerIsBetter => (band.bound > previous, "above"),
            };
            if !in_order {
                let message = format!(
                    "bands are listed best first: bound {} must lie strictly {order} the \
                     previous band's {}",
                    Plain(band.bound),
                    Plain(previous)
                );
                findings.push(ScorecardDiagnosticCode::BandsNotSorted, band_path, message);
            }
        }
        if bound_ok {
            previous_bound = Some(band.bound);
        }
    }
}

fn check_grades(findings: &mut Findings, grades: &[GradeBand]) {
    let Some(lowest) = grades.last() else {
        let message = "a scorecard needs at least one grade band".to_string();
        findings.push(ScorecardDiagnosticCode::NoGrades, "grades".into(), message);
        return;
    };
    findings.count(
        grades.len(),
        MAX_GRADE_BANDS,
        "grade bands",
        "grades".into(),
    );
    let mut previous: Option<f64> = None;
    for (index, grade) in grades.iter().enumerate() {
        let grade_path = format!("grades[{index}]");
        let score = grade.min_score_0_to_100;
        if !findings.finite(score, &grade_path, MIN_SCORE) {
            continue;
        }
        let path = field_path(&grade_path, MIN_SCORE);
        if !(0.0..=MAX_POINTS).contains(&score) {
            let message = format!(
                "a grade's minimum score must lie within 0 to 100, not {}",
                Plain(score)
            );
            findings.push(
                ScorecardDiagnosticCode::GradeScoreOutOfRange,
                path.clone(),
                message,
            );
        }
        if let Some(previous_score) = previous {
            if score >= previous_score {
                let message = format!(
                    "grades are listed best first: {} must lie strictly below the previous \
                     grade's {}",
                    Plain(score),
                    Plain(previous_score)
                );
                findings.push(ScorecardDiagnosticCode::GradesNotSorted, path, message);
            }
        }
        previous = Some(score);
    }
    if lowest.min_score_0_to_100 > 0.0 {
        let index = grades.len().saturating_sub(1);
        findings.push(
            ScorecardDiagnosticCode::LowestGradeAboveZero,
            field_path(&format!("grades[{index}]"), MIN_SCORE),
            format!(
                "the lowest grade \"{}\" starts at {}; it must start at 0 so every score has a grade",
                lowest.label,
                Plain(lowest.min_score_0_to_100)
            ),
        );
    }
}

fn check_verdict(findings: &mut Findings, thresholds: &VerdictThresholds) {
    let VerdictThresholds {
        positive_at,
        marginal_at,
    } = *thresholds;
    let positive_ok = findings.finite(positive_at, "verdict_thresholds", "positive_at");
    let marginal_ok = findings.finite(marginal_at, "verdict_thresholds", "marginal_at");
    let ordered = 0.0 <= marginal_at && marginal_at <= positive_at && positive_at <= MAX_POINTS;
    if positive_ok && marginal_ok && !ordered {
        findings.push(
            ScorecardDiagnosticCode::InvalidVerdictThresholds,
            "verdict_thresholds".into(),
            format!(
                "need 0 <= marginal_at <= positive_at <= 100, got marginal_at {} and \
                 positive_at {}",
                Plain(marginal_at),
                Plain(positive_at)
            ),
        );
    }
}

#[cfg(test)]
#[path = "validate_test.rs"]
mod tests;
