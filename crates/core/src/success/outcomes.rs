//! Outcome progress and status on a date (docs/success.md, "Outcomes").
//!
//! Point-in-time like every success figure: on `d` an outcome reads only
//! its actuals and renegotiations dated on or before `d`, and it counts
//! from its baseline date (before that it was not yet agreed, so an
//! account's mean progress leaves it out).
//!
//! - target: the latest renegotiation on or before `d` (value and date),
//!   else the original;
//! - progress: clamp((current − baseline) / (target − baseline), 0, 1)
//!   with `current` the latest actual; 0 without one. When target equals
//!   baseline: 1 when the current value is at or beyond it in the
//!   outcome's direction, else 0;
//! - status: `no_data` without an actual, `achieved` at progress 1,
//!   `missed` after the target date, else the least-squares line through
//!   the actuals (value against day) forecast at the target date:
//!   `on_track` when it reaches the target in the outcome's direction,
//!   `at_risk` when not, and `at_risk` with a single actual.

use super::data::{Actual, Outcome, OutcomeDirection};
use super::date::Date;

/// How an outcome stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeStatus {
    /// Progress reached 1.
    Achieved,
    /// The actuals' trend reaches the target by its date.
    OnTrack,
    /// The trend falls short, or there is one actual only.
    AtRisk,
    /// The target date passed short of the target.
    Missed,
    /// No actual yet.
    NoData,
}

impl OutcomeStatus {
    /// The name as documents write it (`on_track`).
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Achieved => "achieved",
            OutcomeStatus::OnTrack => "on_track",
            OutcomeStatus::AtRisk => "at_risk",
            OutcomeStatus::Missed => "missed",
            OutcomeStatus::NoData => "no_data",
        }
    }
}

/// An outcome read on a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeReading {
    /// 0 to 1.
    pub progress: f64,
    /// Where it stands.
    pub status: OutcomeStatus,
    /// The target in force (the latest renegotiated one).
    pub target: f64,
    /// The target's date in force.
    pub target_date: Date,
    /// The latest actual on or before the date.
    pub current: Option<f64>,
}

/// The outcome on `date`, or `None` before its baseline date.
pub fn outcome_on(outcome: &Outcome, date: Date) -> Option<OutcomeReading> {
    if date < outcome.baseline.date {
        return None;
    }
    let (mut target, mut target_date) = (outcome.target.value, outcome.target.date);
    for renegotiation in &outcome.renegotiations {
        if renegotiation.date <= date {
            target = renegotiation.target;
            target_date = renegotiation.target_date;
        }
    }
    let seen = outcome
        .actuals
        .partition_point(|actual| actual.date <= date);
    let actuals = outcome.actuals.get(..seen).unwrap_or(&[]);
    let current = actuals.last().map(|actual| actual.value);
    let Some(current_value) = current else {
        return Some(OutcomeReading {
            progress: 0.0,
            status: OutcomeStatus::NoData,
            target,
            target_date,
            current,
        });
    };
    let baseline = outcome.baseline.value;
    let progress = progress_of(current_value, baseline, target, outcome.direction);
    let status = if progress >= 1.0 {
        OutcomeStatus::Achieved
    } else if date > target_date {
        OutcomeStatus::Missed
    } else {
        match forecast(actuals, target_date) {
            Some(value) if reaches(value, target, outcome.direction) => OutcomeStatus::OnTrack,
            _ => OutcomeStatus::AtRisk,
        }
    };
    Some(OutcomeReading {
        progress,
        status,
        target,
        target_date,
        current,
    })
}

/// The account's outcomes' mean progress on `date`, over those past their
/// baseline date; `None` when there is none (the measure is missing).
pub fn mean_progress<'a>(outcomes: impl Iterator<Item = &'a Outcome>, date: Date) -> Option<f64> {
    let (mut total, mut count) = (0.0, 0_u32);
    for outcome in outcomes {
        if let Some(reading) = outcome_on(outcome, date) {
            total += reading.progress;
            count += 1;
        }
    }
    (count > 0).then(|| total / f64::from(count))
}

fn progress_of(current: f64, baseline: f64, target: f64, direction: OutcomeDirection) -> f64 {
    if target == baseline {
        return if reaches(current, target, direction) {
            1.0
        } else {
            0.0
        };
    }
    let ratio = (current - baseline) / (target - baseline);
    if ratio.is_nan() {
        0.0
    } else {
        ratio.clamp(0.0, 1.0)
    }
}

fn reaches(value: f64, target: f64, direction: OutcomeDirection) -> bool {
    match direction {
        OutcomeDirection::Increase => value >= target,
        OutcomeDirection::Decrease => value <= target,
    }
}

/// The least-squares line through the actuals (value against day serial)
/// at `date`; `None` with fewer than two actuals.
fn forecast(actuals: &[Actual], date: Date) -> Option<f64> {
    if actuals.len() < 2 {
        return None;
    }
    let count = actuals.len() as f64;
    // Centred on the first day so serials stay small.
    let origin = actuals.first()?.date;
    let mut mean_day = 0.0;
    let mut mean_value = 0.0;
    for actual in actuals {
        mean_day += actual.date.days_since(origin) as f64 / count;
        mean_value += actual.value / count;
    }
    let (mut covariance, mut variance) = (0.0, 0.0);
    for actual in actuals {
        let day = actual.date.days_since(origin) as f64 - mean_day;
        covariance += day * (actual.value - mean_value);
        variance += day * day;
    }
    if variance <= 0.0 {
        return None;
    }
    let slope = covariance / variance;
    let value = mean_value + slope * (date.days_since(origin) as f64 - mean_day);
    value.is_finite().then_some(value)
}

#[cfg(test)]
#[path = "outcomes_test.rs"]
mod tests;
