//! The scorecard: the measures to score, their rules and weights, the grade
//! bands, what to do with missing values and where the verdict lines lie;
//! and [`ScoreInputs`], the values a caller supplies to score against it.
//!
//! These are plain data. Nothing here computes a score (see `engine`) or
//! knows where the values came from: the caller looks them up in a model,
//! a Monte Carlo run or a form and fills [`ScoreInputs`] by source and id.

use super::rule::ScoringRule;

/// Where a measure's value comes from. The engine only uses it as a key
/// into [`ScoreInputs`]; the kinds exist so that an output and an input of
/// the same id stay apart, and so that a page can tell which values are
/// typed in by hand.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeasureSource {
    /// A calculator output, such as `npv` or `irr`.
    Output(String),
    /// A calculator input, such as `licences_purchased`.
    Input(String),
    /// A number entered by hand or computed elsewhere, such as a strategic
    /// fit rating from 1 to 5 or a Monte Carlo probability.
    Supplied(String),
}

impl MeasureSource {
    /// The id within its kind.
    pub fn id(&self) -> &str {
        match self {
            MeasureSource::Output(id) | MeasureSource::Input(id) | MeasureSource::Supplied(id) => {
                id
            }
        }
    }

    /// The kind as a lowercase word (`output`, `input`, `supplied`).
    pub fn kind(&self) -> &'static str {
        match self {
            MeasureSource::Output(_) => "output",
            MeasureSource::Input(_) => "input",
            MeasureSource::Supplied(_) => "supplied",
        }
    }
}

/// One scored measure of a scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Unique within the scorecard.
    pub id: String,
    /// What a person sees ("Internal rate of return").
    pub label: String,
    /// Where the value is looked up.
    pub source: MeasureSource,
    /// How the value becomes points.
    pub rule: ScoringRule,
    /// Relative weight, finite and `>= 0`. Weights need not add up to
    /// anything: each measure counts `weight / Σ weights` of the score.
    pub weight: f64,
    /// A hard gate: when set, the measure must have a value and score more
    /// than 0 points, or the verdict is [`Verdict::Negative`] whatever the
    /// score (for example NPV > 0).
    ///
    /// [`Verdict::Negative`]: super::Verdict::Negative
    pub gate: bool,
}

/// A grade: every score at or above `min_score_0_to_100` (and below the
/// next better band) gets `label`.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeBand {
    /// "A", "healthy", "at risk".
    pub label: String,
    /// The lowest score with this grade, within [0, 100].
    pub min_score_0_to_100: f64,
}

/// What the engine does with a measure whose value is missing. A value is
/// missing when [`ScoreInputs`] holds nothing for its source, or holds NaN
/// or ±infinity (an IRR that does not exist, a payback that never comes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MissingPolicy {
    /// Leave the measure out and renormalise the weights over the measures
    /// that have values (status `Excluded`, effective weight 0). If every
    /// measure with weight is left out, scoring fails with
    /// `ScoringError::NothingToScore`.
    #[default]
    Exclude,
    /// Keep the measure's weight and score it 0 points (status `Missing`):
    /// a case earns no points for what it cannot show.
    ScoreZero,
    /// Refuse to score: the result is `ScoringError::MissingValues`
    /// listing every missing measure.
    Fail,
}

/// Where the verdict lines lie, as scores from 0 to 100:
/// `score >= positive_at` is Positive, `score >= marginal_at` is Marginal,
/// anything lower is Negative; a failed gate makes it Negative regardless.
/// Requires `0 <= marginal_at <= positive_at <= 100`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerdictThresholds {
    /// The lowest Positive score.
    pub positive_at: f64,
    /// The lowest Marginal score.
    pub marginal_at: f64,
}

impl Default for VerdictThresholds {
    /// Positive from 60, Marginal from 40.
    fn default() -> Self {
        VerdictThresholds {
            positive_at: 60.0,
            marginal_at: 40.0,
        }
    }
}

/// A weighted set of measures that scores a business case, an account's
/// health or anything else measurable, from 0 to 100.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// A stable id (`business-case`, `health-onboarding`).
    pub id: String,
    /// What a person sees.
    pub title: String,
    /// The measures, in display order.
    pub measures: Vec<Measure>,
    /// Grades listed best first (`min_score_0_to_100` strictly descending);
    /// the last band must start at 0 so that every score has a grade.
    pub grades: Vec<GradeBand>,
    /// What to do with a measure that has no value.
    pub missing_policy: MissingPolicy,
    /// Where Positive, Marginal and Negative begin.
    pub verdict_thresholds: VerdictThresholds,
}

/// The values to score, keyed by source kind and id. Filled by the caller
/// from model outputs, inputs and hand-entered numbers.
///
/// A list searched linearly rather than a map: a scorecard reads a few
/// dozen values at most, and a `BTreeMap` costs about 2 KB of wasm.
#[derive(Debug, Clone, Default)]
pub struct ScoreInputs {
    /// At most one entry per source.
    values: Vec<(MeasureSource, f64)>,
}

impl PartialEq for ScoreInputs {
    /// The same sources with equal values, whatever the order they were set in.
    fn eq(&self, other: &ScoreInputs) -> bool {
        self.values.len() == other.values.len()
            && self
                .values
                .iter()
                .all(|(source, value)| other.get(source) == Some(*value))
    }
}

impl ScoreInputs {
    /// No values yet.
    pub fn new() -> ScoreInputs {
        ScoreInputs::default()
    }

    /// Sets the value for a source, replacing any earlier one. Non-finite
    /// values are kept but count as missing when scored.
    pub fn set(&mut self, source: MeasureSource, value: f64) -> &mut ScoreInputs {
        // Plain loops here: each `find` or `position` was a body of its own.
        for (known, slot) in &mut self.values {
            if *known == source {
                *slot = value;
                return self;
            }
        }
        self.values.push((source, value));
        self
    }

    /// Sets a calculator output's value.
    pub fn set_output(&mut self, id: &str, value: f64) -> &mut ScoreInputs {
        self.set(MeasureSource::Output(id.to_string()), value)
    }

    /// Sets a calculator input's value.
    pub fn set_input(&mut self, id: &str, value: f64) -> &mut ScoreInputs {
        self.set(MeasureSource::Input(id.to_string()), value)
    }

    /// Sets a hand-entered or externally computed value.
    pub fn set_supplied(&mut self, id: &str, value: f64) -> &mut ScoreInputs {
        self.set(MeasureSource::Supplied(id.to_string()), value)
    }

    /// Removes a source's value.
    pub fn remove(&mut self, source: &MeasureSource) -> Option<f64> {
        let index = self.values.iter().position(|(known, _)| known == source)?;
        Some(self.values.swap_remove(index).1)
    }

    /// The value for a source if it is present and finite; NaN and
    /// ±infinity read as missing.
    pub fn finite_value(&self, source: &MeasureSource) -> Option<f64> {
        self.get(source).filter(|v| v.is_finite())
    }

    fn get(&self, source: &MeasureSource) -> Option<f64> {
        for (known, value) in &self.values {
            if known == source {
                return Some(*value);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(inputs: &ScoreInputs, source: MeasureSource, expected: Option<f64>) {
        assert_eq!(inputs.finite_value(&source), expected, "{source:?}");
    }

    #[test]
    fn sources_of_different_kinds_stay_apart() {
        let mut inputs = ScoreInputs::new();
        inputs
            .set_output("x", 1.0)
            .set_input("x", 2.0)
            .set_supplied("x", 3.0);
        check(&inputs, MeasureSource::Output("x".into()), Some(1.0));
        check(&inputs, MeasureSource::Input("x".into()), Some(2.0));
        check(&inputs, MeasureSource::Supplied("x".into()), Some(3.0));
        check(&inputs, MeasureSource::Output("y".into()), None);
    }

    #[test]
    fn non_finite_values_read_as_missing() {
        let mut inputs = ScoreInputs::new();
        inputs
            .set_output("nan", f64::NAN)
            .set_output("inf", f64::INFINITY)
            .set_output("neg_inf", f64::NEG_INFINITY);
        check(&inputs, MeasureSource::Output("nan".into()), None);
        check(&inputs, MeasureSource::Output("inf".into()), None);
        check(&inputs, MeasureSource::Output("neg_inf".into()), None);
        inputs.set_output("nan", 4.0);
        check(&inputs, MeasureSource::Output("nan".into()), Some(4.0));
        assert_eq!(
            inputs.remove(&MeasureSource::Output("nan".into())),
            Some(4.0)
        );
        check(&inputs, MeasureSource::Output("nan".into()), None);
    }

    #[test]
    fn source_names_its_kind_and_id() {
        let source = MeasureSource::Supplied("strategic_fit".into());
        assert_eq!((source.kind(), source.id()), ("supplied", "strategic_fit"));
    }
}
