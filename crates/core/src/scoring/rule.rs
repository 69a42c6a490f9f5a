//! Scoring rules: how one measured value becomes points from 0 to 100
//! (step thresholds, linear, linear between floor and ceiling points,
//! three-zone bounded linear, pass/fail), and the same rule moved along the
//! value axis ([`ScoringRule::shifted`], a health measure's thresholds that
//! tighten as an account matures).
//!
//! A rule only maps a finite number to points; it never looks values up,
//! never weights them and never sees NaN or infinity (the engine treats
//! non-finite values as missing before a rule is applied). Whatever the
//! rule's parameters, the points are finite and within [0, 100].

/// Points a measure scores at its best.
pub const MAX_POINTS: f64 = 100.0;

/// Points at the `red_below` anchor of [`ScoringRule::BoundedLinear`]: the
/// boundary between the red zone (below) and the yellow zone.
pub const BOUNDED_RED_POINTS: f64 = 33.0;

/// Points at the `green_at` anchor of [`ScoringRule::BoundedLinear`]: the
/// boundary between the yellow zone and the green zone (at and above).
pub const BOUNDED_GREEN_POINTS: f64 = 67.0;

/// Which way a value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Larger values are better (IRR, NPS, licence utilisation).
    HigherIsBetter,
    /// Smaller values are better (payback months, open tickets).
    LowerIsBetter,
}

/// A comparison of a value against a threshold, as in `value > threshold`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `value > threshold`
    GreaterThan,
    /// `value >= threshold`
    GreaterOrEqual,
    /// `value < threshold`
    LessThan,
    /// `value <= threshold`
    LessOrEqual,
    /// `value == threshold` (exact; meant for flags such as 0/1)
    Equal,
    /// `value != threshold` (exact)
    NotEqual,
}

impl Comparison {
    /// Whether `value` compares to `threshold` this way.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThan => value > threshold,
            Comparison::GreaterOrEqual => value >= threshold,
            Comparison::LessThan => value < threshold,
            Comparison::LessOrEqual => value <= threshold,
            Comparison::Equal => value == threshold,
            Comparison::NotEqual => value != threshold,
        }
    }
}

/// One step of a [`ScoringRule::Thresholds`] rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdBand {
    /// The bound a value must reach to fall in this band: a lower bound
    /// (`value >= bound`) when higher is better, an upper bound
    /// (`value <= bound`) when lower is better. Both ends inclusive.
    pub bound: f64,
    /// Points a value in this band scores, within [0, 100].
    pub points_0_to_100: f64,
    /// A short name for the band ("excellent", "above hurdle").
    pub label: String,
}

/// How a measure's value becomes points from 0 to 100.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoringRule {
    /// A step function. `bands` are listed best first: bounds strictly
    /// descending when higher is better, strictly ascending when lower is
    /// better. The value scores the points of the first band it reaches
    /// (`value >= bound`, or `value <= bound` when lower is better); a value
    /// that reaches no band scores 0 points and has no band label.
    ///
    /// Example: IRR `>= 0.15 → 100`, `>= 0.10 → 70`, `>= 0.05 → 30`.
    Thresholds {
        /// The steps, best first.
        bands: Vec<ThresholdBand>,
        /// Whether bounds are lower bounds (higher is better) or upper bounds.
        direction: Direction,
    },
    /// `100 × (value − worst) / (best − worst)`, clamped to [0, 100]:
    /// 0 points at or beyond `worst`, 100 at or beyond `best`. With
    /// `worst > best` lower values are better (payback months). `worst` and
    /// `best` must differ.
    Linear {
        /// The value scoring 0 points.
        worst: f64,
        /// The value scoring 100 points.
        best: f64,
    },
    /// [`ScoringRule::Linear`], then clamped to `[floor_points,
    /// ceiling_points]`: a measure that never scores below a floor (some
    /// credit for any value) or above a ceiling (a measure that cannot carry
    /// an account alone). `worst` and `best` must differ, and `0 <=
    /// floor_points <= ceiling_points <= 100`.
    ClampedLinear {
        /// The value where the line scores 0 points.
        worst: f64,
        /// The value where the line scores 100 points.
        best: f64,
        /// The fewest points a value scores.
        floor_points: f64,
        /// The most points a value scores.
        ceiling_points: f64,
    },
    /// Three zones, as health-score tools grade (red / yellow / green):
    /// piecewise linear through four anchors on the value axis,
    ///
    /// | value       | points |
    /// |-------------|--------|
    /// | `floor`     | 0      |
    /// | `red_below` | 33     |
    /// | `green_at`  | 67     |
    /// | `ceiling`   | 100    |
    ///
    /// linear between neighbouring anchors and clamped outside them: a
    /// value below `red_below` scores under 33 (red), a value from
    /// `red_below` up to `green_at` scores 33 to 67 (yellow), and a value at
    /// or above `green_at` scores 67 or more (green). The anchors must be
    /// strictly increasing, or strictly decreasing for "lower is better"
    /// (then "below" and "above" read as "worse than" and "better than").
    BoundedLinear {
        /// The value scoring 0 points.
        floor: f64,
        /// The value scoring 33 points: worse is red.
        red_below: f64,
        /// The value scoring 67 points: this or better is green.
        green_at: f64,
        /// The value scoring 100 points.
        ceiling: f64,
    },
    /// Pass or fail: 100 points when `value pass_if threshold` holds, else 0
    /// (for example NPV `GreaterThan` 0).
    Boolean {
        /// How the value must compare to `threshold` to pass.
        pass_if: Comparison,
        /// The number compared against.
        threshold: f64,
    },
}

/// The points a finite value scores under a rule, and the label of the
/// threshold band it fell in (only [`ScoringRule::Thresholds`] has bands).
#[derive(Debug, Clone, PartialEq)]
pub struct RulePoints {
    /// Within [0, 100], always finite.
    pub points_0_to_100: f64,
    /// The label of the band reached, if the rule has bands and one was reached.
    pub band_label: Option<String>,
}

impl ScoringRule {
    /// The points `value` scores. Defined for every input: a non-finite
    /// value or a rule whose parameters fail validation still yields points
    /// within [0, 100] (validation reports such rules before scoring).
    pub fn points(&self, value: f64) -> RulePoints {
        let (points_0_to_100, band) = self.points_and_band(value);
        RulePoints {
            points_0_to_100,
            band_label: band.map(|band| band.label.clone()),
        }
    }

    /// The points alone, as [`ScoringRule::points`] gives them, without
    /// copying a band's label: for loops that score millions of values
    /// (health over a portfolio's history).
    pub fn points_0_to_100(&self, value: f64) -> f64 {
        self.points_and_band(value).0
    }

    fn points_and_band(&self, value: f64) -> (f64, Option<&ThresholdBand>) {
        let (points, band) = match self {
            ScoringRule::Thresholds { bands, direction } => {
                // The first band reached; a plain loop, not `find`.
                let mut reached = (0.0, None);
                for band in bands {
                    if reaches(value, band.bound, *direction) {
                        reached = (band.points_0_to_100, Some(band));
                        break;
                    }
                }
                reached
            }
            ScoringRule::Linear { worst, best } => {
                (MAX_POINTS * fraction_along(value, *worst, *best), None)
            }
            ScoringRule::ClampedLinear {
                worst,
                best,
                floor_points,
                ceiling_points,
            } => {
                let line = MAX_POINTS * fraction_along(value, *worst, *best);
                // max then min, not `clamp`: it panics when floor > ceiling,
                // which validation refuses but `points` must survive.
                (line.max(*floor_points).min(*ceiling_points), None)
            }
            ScoringRule::BoundedLinear {
                floor,
                red_below,
                green_at,
                ceiling,
            } => (
                bounded_linear(value, [*floor, *red_below, *green_at, *ceiling]),
                None,
            ),
            ScoringRule::Boolean { pass_if, threshold } => {
                let passed = pass_if.holds(value, *threshold);
                (if passed { MAX_POINTS } else { 0.0 }, None)
            }
        };
        (clamp_points(points), band)
    }
}

impl ScoringRule {
    /// The same rule with every threshold on the value axis moved by
    /// `offset` (band bounds, `worst` and `best`, anchors, the pass/fail
    /// threshold); points are unchanged. A health measure's bands that
    /// rise by so much per month since the contract's start are the rule
    /// shifted by months × that amount.
    pub fn shifted(&self, offset: f64) -> ScoringRule {
        let mut rule = self.clone();
        match &mut rule {
            ScoringRule::Thresholds { bands, .. } => {
                for band in bands {
                    band.bound += offset;
                }
            }
            ScoringRule::Linear { worst, best }
            | ScoringRule::ClampedLinear { worst, best, .. } => {
                *worst += offset;
                *best += offset;
            }
            ScoringRule::BoundedLinear {
                floor,
                red_below,
                green_at,
                ceiling,
            } => {
                for anchor in [floor, red_below, green_at, ceiling] {
                    *anchor += offset;
                }
            }
            ScoringRule::Boolean { threshold, .. } => *threshold += offset,
        }
        rule
    }
}

/// Whether `value` reaches a band's bound in the given direction.
fn reaches(value: f64, bound: f64, direction: Direction) -> bool {
    match direction {
        Direction::HigherIsBetter => value >= bound,
        Direction::LowerIsBetter => value <= bound,
    }
}

/// Points clamped to [0, 100], with NaN as 0.
fn clamp_points(points: f64) -> f64 {
    if points.is_nan() {
        0.0
    } else {
        points.clamp(0.0, MAX_POINTS)
    }
}

/// How far `value` lies along the way from `from` (0) to `to` (1), clamped
/// to [0, 1]. Works in either direction (`from > to`) and never overflows
/// for finite arguments. Degenerate cases: any NaN gives 0; `from == to`
/// is a step, 1 for `value >= to` and 0 below.
pub(crate) fn fraction_along(value: f64, from: f64, to: f64) -> f64 {
    if value.is_nan() || from.is_nan() || to.is_nan() {
        return 0.0;
    }
    if from == to {
        return if value >= to { 1.0 } else { 0.0 };
    }
    let ascending = to > from;
    let reached_to = if ascending { value >= to } else { value <= to };
    if reached_to {
        return 1.0;
    }
    let before_from = if ascending {
        value <= from
    } else {
        value >= from
    };
    if before_from {
        return 0.0;
    }
    // Strictly between the two: the ratio lies in (0, 1) unless the
    // differences overflow, in which case halving both sides fixes it.
    let (offset, span) = (value - from, to - from);
    if offset.is_finite() && span.is_finite() {
        return (offset / span).clamp(0.0, 1.0);
    }
    let halved = (value / 2.0 - from / 2.0) / (to / 2.0 - from / 2.0);
    if halved.is_finite() {
        halved.clamp(0.0, 1.0)
    } else {
        0.5
    }
}

/// Piecewise linear through the anchors at 0, 33, 67 and 100 points.
fn bounded_linear(value: f64, anchors: [f64; 4]) -> f64 {
    let [floor, red_below, green_at, ceiling] = anchors;
    let increasing = ceiling > floor;
    let better_or_equal = |a: f64, b: f64| if increasing { a >= b } else { a <= b };
    let (from, to, points_from, points_to) = if better_or_equal(value, green_at) {
        (green_at, ceiling, BOUNDED_GREEN_POINTS, MAX_POINTS)
    } else if better_or_equal(value, red_below) {
        (
            red_below,
            green_at,
            BOUNDED_RED_POINTS,
            BOUNDED_GREEN_POINTS,
        )
    } else {
        (floor, red_below, 0.0, BOUNDED_RED_POINTS)
    };
    points_from + (points_to - points_from) * fraction_along(value, from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rule: &ScoringRule, value: f64, expected_points: f64) {
        let got = rule.points(value).points_0_to_100;
        assert!(
            (got - expected_points).abs() < 1e-9,
            "{rule:?} at {value}: got {got}, expected {expected_points}"
        );
    }

    fn band(bound: f64, points_0_to_100: f64, label: &str) -> ThresholdBand {
        ThresholdBand {
            bound,
            points_0_to_100,
            label: label.to_string(),
        }
    }

    fn irr_steps() -> ScoringRule {
        ScoringRule::Thresholds {
            bands: vec![
                band(0.15, 100.0, "excellent"),
                band(0.10, 70.0, "good"),
                band(0.05, 30.0, "weak"),
            ],
            direction: Direction::HigherIsBetter,
        }
    }

    #[test]
    fn thresholds_include_their_bound() {
        let rule = irr_steps();
        check(&rule, 0.15, 100.0);
        check(&rule, 0.2, 100.0);
        check(&rule, 0.149_999, 70.0);
        check(&rule, 0.10, 70.0);
        check(&rule, 0.05, 30.0);
        check(&rule, 0.049_999, 0.0);
        check(&rule, -5.0, 0.0);
        assert_eq!(rule.points(0.12).band_label.as_deref(), Some("good"));
        assert_eq!(rule.points(0.0).band_label, None);
    }

    #[test]
    fn thresholds_lower_is_better_use_upper_bounds() {
        let rule = ScoringRule::Thresholds {
            bands: vec![band(12.0, 100.0, "fast"), band(24.0, 50.0, "slow")],
            direction: Direction::LowerIsBetter,
        };
        check(&rule, 6.0, 100.0);
        check(&rule, 12.0, 100.0);
        check(&rule, 12.5, 50.0);
        check(&rule, 24.0, 50.0);
        check(&rule, 24.1, 0.0);
    }

    #[test]
    fn thresholds_without_bands_score_zero() {
        let rule = ScoringRule::Thresholds {
            bands: vec![],
            direction: Direction::HigherIsBetter,
        };
        check(&rule, 1.0, 0.0);
    }

    #[test]
    fn linear_clamps_at_both_ends() {
        let rule = ScoringRule::Linear {
            worst: 0.10,
            best: 0.25,
        };
        check(&rule, 0.10, 0.0);
        check(&rule, 0.05, 0.0);
        check(&rule, 0.175, 50.0);
        check(&rule, 0.25, 100.0);
        check(&rule, 3.0, 100.0);
    }

    #[test]
    fn linear_with_worst_above_best_prefers_lower_values() {
        let payback = ScoringRule::Linear {
            worst: 36.0,
            best: 0.0,
        };
        check(&payback, 36.0, 0.0);
        check(&payback, 40.0, 0.0);
        check(&payback, 27.0, 25.0);
        check(&payback, 0.0, 100.0);
        check(&payback, -3.0, 100.0);
    }

    #[test]
    fn linear_survives_extreme_and_degenerate_parameters() {
        let huge = ScoringRule::Linear {
            worst: -f64::MAX,
            best: f64::MAX,
        };
        check(&huge, 0.0, 50.0);
        check(&huge, f64::MAX, 100.0);
        let flat = ScoringRule::Linear {
            worst: 1.0,
            best: 1.0,
        };
        check(&flat, 1.0, 100.0);
        check(&flat, 0.5, 0.0);
        let nan = ScoringRule::Linear {
            worst: f64::NAN,
            best: 1.0,
        };
        check(&nan, 0.5, 0.0);
        check(&huge, f64::NAN, 0.0);
    }

    #[test]
    fn clamped_linear_stays_between_its_floor_and_ceiling() {
        let rule = ScoringRule::ClampedLinear {
            worst: 0.0,
            best: 1.0,
            floor_points: 20.0,
            ceiling_points: 90.0,
        };
        check(&rule, -1.0, 20.0);
        check(&rule, 0.1, 20.0);
        check(&rule, 0.2, 20.0);
        check(&rule, 0.5, 50.0);
        check(&rule, 0.9, 90.0);
        check(&rule, 2.0, 90.0);
        let fewer_is_better = ScoringRule::ClampedLinear {
            worst: 10.0,
            best: 0.0,
            floor_points: 10.0,
            ceiling_points: 100.0,
        };
        check(&fewer_is_better, 5.0, 50.0);
        check(&fewer_is_better, 12.0, 10.0);
        let inverted = ScoringRule::ClampedLinear {
            worst: 0.0,
            best: 1.0,
            floor_points: 80.0,
            ceiling_points: 30.0,
        };
        // Refused by validation; still points within [0, 100], no panic.
        check(&inverted, 0.5, 30.0);
    }

    #[test]
    fn shifted_rules_move_their_thresholds_not_their_points() {
        let rule = irr_steps().shifted(0.05);
        check(&rule, 0.2, 100.0);
        check(&rule, 0.19, 70.0);
        check(&rule, 0.151, 70.0);
        check(&rule, 0.11, 30.0);
        check(&rule, 0.09, 0.0);
        let linear = ScoringRule::Linear {
            worst: 0.0,
            best: 1.0,
        }
        .shifted(-0.5);
        check(&linear, 0.0, 50.0);
        let clamped = ScoringRule::ClampedLinear {
            worst: 0.0,
            best: 1.0,
            floor_points: 10.0,
            ceiling_points: 100.0,
        };
        check(&clamped.shifted(1.0), 1.5, 50.0);
        let bounded = ScoringRule::BoundedLinear {
            floor: 0.0,
            red_below: 0.4,
            green_at: 0.7,
            ceiling: 1.0,
        };
        check(&bounded.shifted(0.1), 0.8, 67.0);
        let boolean = ScoringRule::Boolean {
            pass_if: Comparison::GreaterThan,
            threshold: 0.0,
        };
        check(&boolean.shifted(1.0), 0.5, 0.0);
        check(&boolean.shifted(1.0), 1.5, 100.0);
        assert_eq!(irr_steps().shifted(0.0), irr_steps());
    }

    #[test]
    fn bounded_linear_passes_through_its_anchors() {
        let rule = ScoringRule::BoundedLinear {
            floor: 0.0,
            red_below: 0.4,
            green_at: 0.7,
            ceiling: 1.0,
        };
        check(&rule, -1.0, 0.0);
        check(&rule, 0.0, 0.0);
        check(&rule, 0.2, 16.5);
        check(&rule, 0.4, 33.0);
        check(&rule, 0.55, 50.0);
        check(&rule, 0.7, 67.0);
        check(&rule, 0.85, 83.5);
        check(&rule, 1.0, 100.0);
        check(&rule, 2.0, 100.0);
        assert!(rule.points(0.399_999).points_0_to_100 < BOUNDED_RED_POINTS);
    }

    #[test]
    fn bounded_linear_descending_prefers_lower_values() {
        let open_tickets = ScoringRule::BoundedLinear {
            floor: 20.0,
            red_below: 10.0,
            green_at: 4.0,
            ceiling: 0.0,
        };
        check(&open_tickets, 25.0, 0.0);
        check(&open_tickets, 15.0, 16.5);
        check(&open_tickets, 10.0, 33.0);
        check(&open_tickets, 7.0, 50.0);
        check(&open_tickets, 4.0, 67.0);
        check(&open_tickets, 2.0, 83.5);
        check(&open_tickets, 0.0, 100.0);
    }

    #[test]
    fn boolean_passes_or_fails() {
        let npv_positive = ScoringRule::Boolean {
            pass_if: Comparison::GreaterThan,
            threshold: 0.0,
        };
        check(&npv_positive, 0.01, 100.0);
        check(&npv_positive, 0.0, 0.0);
        check(&npv_positive, -1.0, 0.0);
        let cases = [
            (Comparison::GreaterOrEqual, 0.0, 100.0),
            (Comparison::LessThan, 0.0, 0.0),
            (Comparison::LessOrEqual, 0.0, 100.0),
            (Comparison::Equal, 0.0, 100.0),
            (Comparison::NotEqual, 0.0, 0.0),
            (Comparison::Equal, 1.0, 0.0),
        ];
        for (pass_if, threshold, expected) in cases {
            check(&ScoringRule::Boolean { pass_if, threshold }, 0.0, expected);
        }
    }

    #[test]
    fn out_of_range_band_points_are_clamped() {
        let rule = ScoringRule::Thresholds {
            bands: vec![band(0.0, 250.0, "too many"), band(-1.0, f64::NAN, "nan")],
            direction: Direction::HigherIsBetter,
        };
        check(&rule, 1.0, 100.0);
        check(&rule, -0.5, 0.0);
    }
}
