//! The scoring engine: looks each measure's value up, turns it into points
//! with its rule, weights the points into one score from 0 to 100, grades
//! it and gives a verdict, and shows how every measure contributed.
//!
//! The engine never scores an invalid scorecard (it validates first), never
//! lets NaN or infinity into a score (such values count as missing), and
//! never divides by a zero total weight (that is an error).
//!
//! Formulas, with `wᵢ` the effective weight of measure `i` (its weight, or
//! 0 when excluded) and `pᵢ` its points:
//! `shareᵢ = wᵢ / Σ w`, `contributionᵢ = pᵢ × shareᵢ`,
//! `score = Σ contributionᵢ`, clamped to [0, 100] against rounding. The
//! arithmetic is the weighting kernel's ([`super::weighting`]), shared
//! with the success health table.

use super::error::ScoringError;
use super::scorecard::{MissingPolicy, ScoreInputs, Scorecard, VerdictThresholds};
use super::validate::{validate_scorecard, ScorecardDiagnostic};
use super::weighting::weigh_points;

/// The verdict on a scored case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The score reaches `positive_at` and every gate passed.
    Positive,
    /// The score reaches `marginal_at` but not `positive_at`, and every gate passed.
    Marginal,
    /// The score is below `marginal_at`, or a gate failed.
    Negative,
}

impl Verdict {
    /// The verdict as a lowercase word (`positive`, `marginal`, `negative`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Positive => "positive",
            Verdict::Marginal => "marginal",
            Verdict::Negative => "negative",
        }
    }
}

/// How a measure took part in the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureStatus {
    /// It had a finite value and was scored by its rule.
    Scored,
    /// It had no finite value and scored 0 points at its full weight
    /// (policy `ScoreZero`).
    Missing,
    /// It had no finite value and was left out; its weight went to the
    /// other measures (policy `Exclude`).
    Excluded,
}

/// One measure's part in a score.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureResult {
    /// The measure's id.
    pub id: String,
    /// The finite value scored, or `None` when missing.
    pub value: Option<f64>,
    /// Within [0, 100]; 0 when missing or excluded.
    pub points_0_to_100: f64,
    /// The threshold band reached, for threshold rules.
    pub band_label: Option<String>,
    /// The weight configured on the measure.
    pub weight: f64,
    /// The weight counted: `weight`, or 0 when excluded.
    pub effective_weight: f64,
    /// `effective_weight / Σ effective weights`, within [0, 1].
    pub weight_share: f64,
    /// `points × weight_share`: the score points this measure adds.
    pub contribution: f64,
    /// Whether it was scored, scored as missing, or excluded.
    pub status: MeasureStatus,
}

/// A scored scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    /// The id of the scorecard used.
    pub scorecard_id: String,
    /// Within [0, 100]; the sum of the measures' contributions.
    pub score_0_to_100: f64,
    /// The label of the best grade band whose minimum the score reaches.
    pub grade: String,
    /// Positive, Marginal or Negative; Negative when a gate failed.
    pub verdict: Verdict,
    /// Gate measures that had no value or scored 0 points, in scorecard order.
    pub failed_gate_ids: Vec<String>,
    /// One result per measure, in scorecard order.
    pub measures: Vec<MeasureResult>,
}

impl Scorecard {
    /// Every problem with this scorecard; see [`validate_scorecard`].
    pub fn validate(&self) -> Vec<ScorecardDiagnostic> {
        validate_scorecard(self)
    }

    /// Scores `inputs` against this scorecard; see [`score`].
    pub fn score(&self, inputs: &ScoreInputs) -> Result<ScoreResult, ScoringError> {
        score(self, inputs)
    }
}

/// Scores `inputs` against `scorecard`.
///
/// Validates the scorecard first and fails with every diagnostic if it is
/// invalid. Values that are absent, NaN or infinite are missing and handled
/// by the scorecard's [`MissingPolicy`]. Fails when the policy is `Fail`
/// and a value is missing, or when exclusions leave no weight.
pub fn score(scorecard: &Scorecard, inputs: &ScoreInputs) -> Result<ScoreResult, ScoringError> {
    let diagnostics = validate_scorecard(scorecard);
    if !diagnostics.is_empty() {
        return Err(ScoringError::InvalidScorecard { diagnostics });
    }
    score_valid(scorecard, inputs)
}

/// [`score`] of a scorecard already known to be valid (a
/// [`BusinessCaseScorecard`](super::BusinessCaseScorecard)), without
/// validating it again.
pub(super) fn score_valid(
    scorecard: &Scorecard,
    inputs: &ScoreInputs,
) -> Result<ScoreResult, ScoringError> {
    let policy = scorecard.missing_policy;
    let measure_count = scorecard.measures.len();
    // Plain loops rather than iterator chains: each `map`/`filter` closure
    // collected here was its own body in the wasm.
    let mut measures: Vec<MeasureResult> = Vec::with_capacity(measure_count);
    let mut missing_ids: Vec<String> = Vec::new();
    // The weighting kernel's columns (`weighting::weigh_points`).
    let mut points_column: Vec<f64> = Vec::with_capacity(measure_count);
    let mut weights: Vec<f64> = Vec::with_capacity(measure_count);
    let mut counted: Vec<bool> = Vec::with_capacity(measure_count);
    for measure in &scorecard.measures {
        let value = inputs.finite_value(&measure.source);
        let (points, band_label, status) = match value {
            Some(v) => {
                let points = measure.rule.points(v);
                (
                    points.points_0_to_100,
                    points.band_label,
                    MeasureStatus::Scored,
                )
            }
            None if policy == MissingPolicy::ScoreZero => (0.0, None, MeasureStatus::Missing),
            None => (0.0, None, MeasureStatus::Excluded),
        };
        let effective_weight = match status {
            MeasureStatus::Excluded => 0.0,
            MeasureStatus::Scored | MeasureStatus::Missing => measure.weight,
        };
        if value.is_none() {
            missing_ids.push(measure.id.clone());
        }
        points_column.push(points);
        weights.push(measure.weight);
        counted.push(status != MeasureStatus::Excluded);
        measures.push(MeasureResult {
            id: measure.id.clone(),
            value,
            points_0_to_100: points,
            band_label,
            weight: measure.weight,
            effective_weight,
            weight_share: 0.0,
            contribution: 0.0,
            status,
        });
    }

    if policy == MissingPolicy::Fail && !missing_ids.is_empty() {
        return Err(ScoringError::MissingValues {
            measure_ids: missing_ids,
        });
    }
    let mut contributions = vec![0.0; measure_count];
    let weighted = weigh_points(&points_column, &weights, &counted, &mut contributions);
    let Some(score_0_to_100) = weighted.score_0_to_100 else {
        return Err(ScoringError::NothingToScore {
            excluded_measure_ids: missing_ids,
        });
    };
    let mut failed_gate_ids: Vec<String> = Vec::new();
    for ((measure, result), contribution) in scorecard
        .measures
        .iter()
        .zip(&mut measures)
        .zip(contributions)
    {
        result.weight_share = weighted.totals.share_of(result.effective_weight);
        result.contribution = contribution;
        let failed = result.status != MeasureStatus::Scored || result.points_0_to_100 <= 0.0;
        if measure.gate && failed {
            failed_gate_ids.push(measure.id.clone());
        }
    }

    // The first band the score reaches, else the lowest.
    let mut grade_band = scorecard.grades.last();
    for band in &scorecard.grades {
        if score_0_to_100 >= band.min_score_0_to_100 {
            grade_band = Some(band);
            break;
        }
    }
    let grade = grade_band
        .map(|band| band.label.clone())
        .unwrap_or_default();

    let verdict = verdict_for(
        score_0_to_100,
        &scorecard.verdict_thresholds,
        failed_gate_ids.is_empty(),
    );
    Ok(ScoreResult {
        scorecard_id: scorecard.id.clone(),
        score_0_to_100,
        grade,
        verdict,
        failed_gate_ids,
        measures,
    })
}

/// The verdict for a score: Negative when a gate failed, else by thresholds.
fn verdict_for(score_0_to_100: f64, thresholds: &VerdictThresholds, gates_passed: bool) -> Verdict {
    if !gates_passed {
        Verdict::Negative
    } else if score_0_to_100 >= thresholds.positive_at {
        Verdict::Positive
    } else if score_0_to_100 >= thresholds.marginal_at {
        Verdict::Marginal
    } else {
        Verdict::Negative
    }
}

#[cfg(test)]
#[path = "engine_test.rs"]
mod tests;
