//! The health table's points and sums, and its fast paths: a weight
//! change re-sums the stored points, a rule change re-evaluates one
//! measure's column and re-sums.
//!
//! The sum is the scoring engine's own kernel ([`weigh_points`]), so cells
//! equal [`crate::scoring::score`] to the bit: weights counted only where a
//! measure has a value (the missing policy `Exclude`). Coverage is Σ
//! weights with a value over Σ weights.

use super::health::{HealthError, HealthTable};
use super::settings::{Grade, HealthScorecard};
use crate::scoring::{validate_scorecard, weigh_points, ScoringRule, WeightTotals};

/// Whether the value at `slot` is there (not NaN, the table's missing).
fn has_value(values: &[f64], slot: usize) -> bool {
    values.get(slot).is_some_and(|v| !v.is_nan())
}

impl HealthTable {
    /// Turns a cell's values into points; `only` limits it to one measure.
    pub(super) fn evaluate_points(&mut self, cell_index: usize, card: usize, only: Option<usize>) {
        let months = self.months_of(cell_index);
        let measure_count = self
            .scorecards
            .get(card)
            .map_or(0, |card| card.measures.len());
        let start = self.slot_start.get(card).copied().unwrap_or(0);
        for position in 0..measure_count {
            if only.is_some_and(|only| only != position) {
                continue;
            }
            let slot = cell_index * self.width + position;
            let Some(&value) = self.values.get(slot) else {
                continue;
            };
            let points = if value.is_nan() {
                0.0
            } else {
                self.rule_for(card, start + position, position, months)
                    .map_or(0.0, |rule| rule.points_0_to_100(value))
            };
            if let Some(target) = self.points.get_mut(slot) {
                *target = points;
            }
        }
    }

    /// Whole months since the contract's start on the cell's reading date.
    fn months_of(&self, cell_index: usize) -> i64 {
        let count = self.dates.len().max(1);
        let (Some(row), Some(&date)) = (
            self.accounts.get(cell_index / count),
            self.dates.get(cell_index % count),
        ) else {
            return 0;
        };
        let read_on = row.churned_on.map_or(date, |churn| date.min(churn));
        read_on.whole_months_since(row.contract_start)
    }

    /// The measure's rule, tightened by `months` × `tightenPerMonth` as
    /// [`HealthScorecard::scorecard`] does, from a cache per slot.
    fn rule_for(
        &mut self,
        card: usize,
        slot: usize,
        position: usize,
        months: i64,
    ) -> Option<&ScoringRule> {
        let measure = self.scorecards.get(card)?.measures.get(position)?;
        let per_month = match measure.tighten_per_month {
            Some(per_month) if months > 0 => per_month,
            _ => {
                return self
                    .scorecards
                    .get(card)?
                    .measures
                    .get(position)
                    .map(|m| &m.rule)
            }
        };
        let cache = self.shifted.get_mut(slot)?;
        let found = cache.partition_point(|(known, _)| *known < months);
        if cache.get(found).map_or(true, |(known, _)| *known != months) {
            let rule = measure.rule.shifted(per_month * months as f64);
            cache.insert(found, (months, rule));
        }
        cache.get(found).map(|(_, rule)| rule)
    }

    /// The value (`None` when missing) and points of measure `measure` of
    /// a cell: [`HealthTable::measure`] without the weight share, which
    /// is summed over the scorecard (the proof reads many cells' values).
    pub fn value_and_points(
        &self,
        account: usize,
        snapshot: usize,
        measure: usize,
    ) -> Option<(Option<f64>, f64)> {
        let cell = self.cell(account, snapshot)?;
        let card = self.scorecards.get(usize::from(cell.scorecard?))?;
        if measure >= card.measures.len() {
            return None;
        }
        let slot = (account * self.dates.len() + snapshot) * self.width + measure;
        let value = *self.values.get(slot)?;
        let points = *self.points.get(slot)?;
        Some(((!value.is_nan()).then_some(value), points))
    }

    /// The share of measure `position` in a cell scored by `card`.
    pub(super) fn share(&self, cell_index: usize, card: &HealthScorecard, position: usize) -> f64 {
        let base = cell_index * self.width;
        let mut weights = Vec::with_capacity(card.measures.len());
        let mut counted = Vec::with_capacity(card.measures.len());
        for (position, measure) in card.measures.iter().enumerate() {
            weights.push(measure.weight);
            counted.push(has_value(&self.values, base + position));
        }
        let weight = card.measures.get(position).map_or(0.0, |m| m.weight);
        WeightTotals::of(&weights, &counted).share_of(weight)
    }

    /// Sums a cell's points into its score, grade, coverage and
    /// contributions, and finds the measure that moved most since the
    /// account's previous snapshot.
    pub(super) fn sum_cell(&mut self, cell_index: usize) {
        let Some(cell) = self.cells.get(cell_index).copied() else {
            return;
        };
        let base = cell_index * self.width;
        let Some(card) = cell
            .scorecard
            .and_then(|card| self.scorecards.get(usize::from(card)))
        else {
            return;
        };
        let measure_count = card.measures.len();
        // The kernel's weight and counted columns, in buffers of `width`
        // kept on the table and overwritten cell after cell.
        let slots = base..base + measure_count;
        let (Some(weights), Some(counted), Some(values), Some(points), Some(contributions)) = (
            self.weights_buffer.get_mut(..measure_count),
            self.counted_buffer.get_mut(..measure_count),
            self.values.get(slots.clone()),
            self.points.get(slots.clone()),
            self.contributions.get_mut(slots),
        ) else {
            return;
        };
        for (((weight, counts), measure), value) in weights
            .iter_mut()
            .zip(counted.iter_mut())
            .zip(&card.measures)
            .zip(values)
        {
            *weight = measure.weight;
            *counts = !value.is_nan();
        }
        let weighted = weigh_points(points, weights, counted, contributions);
        let score = weighted.score_0_to_100;
        let grades = self.grades;
        let moved_most = self.moved_most(cell_index, measure_count);
        if let Some(cell) = self.cells.get_mut(cell_index) {
            cell.score = score;
            cell.grade = score.map(|score| {
                if score >= grades.healthy {
                    Grade::Healthy
                } else if score >= grades.average {
                    Grade::Average
                } else {
                    Grade::AtRisk
                }
            });
            cell.coverage = weighted.totals.coverage_0_to_1();
            cell.moved_most = if score.is_some() { moved_most } else { None };
        }
    }

    /// The measure whose contribution changed most against the previous
    /// snapshot of the same account, if both used the same scorecard and
    /// the previous one has a score. The first of equal changes wins.
    fn moved_most(&self, cell_index: usize, measure_count: usize) -> Option<u16> {
        let count = self.dates.len();
        if count == 0 || cell_index % count == 0 {
            return None;
        }
        let (now, before) = (self.cells.get(cell_index)?, self.cells.get(cell_index - 1)?);
        if now.scorecard != before.scorecard || before.score.is_none() || now.frozen {
            return None;
        }
        let (base, previous) = (cell_index * self.width, (cell_index - 1) * self.width);
        let mut best: Option<(u16, f64)> = None;
        for position in 0..measure_count {
            let now_value = self.contributions.get(base + position)?;
            let change = (now_value - self.contributions.get(previous + position)?).abs();
            if change > 0.0 && best.map_or(true, |(_, most)| change > most) {
                best = Some((u16::try_from(position).ok()?, change));
            }
        }
        best.map(|(position, _)| position)
    }

    /// Sets every scorecard's weights (`weights[card][measure]`, as in the
    /// settings) and re-sums, from the stored points, every cell scored by
    /// a scorecard whose weights changed.
    pub fn rescore_weights(&mut self, weights: &[Vec<f64>]) -> Result<(), HealthError> {
        if weights.len() != self.scorecards.len() {
            return Err(HealthError::Weights(format!(
                "{} weight lists for {} scorecards",
                weights.len(),
                self.scorecards.len()
            )));
        }
        for (card, list) in self.scorecards.iter().zip(weights) {
            // In the words a person who typed the weight reads, naming the
            // measure and the stage.
            let stage = card.stage.as_str().replace('_', "-");
            if list.len() != card.measures.len() {
                return Err(HealthError::Weights(format!(
                    "{} weights for the {} measures of the {stage} scorecard",
                    list.len(),
                    card.measures.len()
                )));
            }
            let bad = card
                .measures
                .iter()
                .zip(list)
                .find(|(_, w)| !(w.is_finite() && **w >= 0.0 && **w <= 1e6));
            if let Some((measure, weight)) = bad {
                return Err(HealthError::Weights(format!(
                    "the weight of {} ({stage} scorecard) must be a number from 0 to 1,000,000, not {weight}",
                    measure.label
                )));
            }
            if !list.iter().any(|w| *w > 0.0) {
                return Err(HealthError::Weights(format!(
                    "at least one weight of the {stage} scorecard must be above 0"
                )));
            }
        }
        // Only the cells of a scorecard whose weights changed can change:
        // a cell's sum reads its own scorecard's weights, and its mover
        // compares it with the previous cell only when both used the same
        // scorecard (so both are re-summed here, in order).
        let mut changed = vec![false; self.scorecards.len()];
        for ((card, list), flag) in self.scorecards.iter_mut().zip(weights).zip(&mut changed) {
            for (measure, weight) in card.measures.iter_mut().zip(list) {
                *flag |= measure.weight.to_bits() != weight.to_bits();
                measure.weight = *weight;
            }
        }
        for cell_index in 0..self.cells.len() {
            let card = self.cells.get(cell_index).and_then(|cell| cell.scorecard);
            if card.is_some_and(|card| changed.get(usize::from(card)) == Some(&true)) {
                self.sum_cell(cell_index);
            }
        }
        Ok(())
    }

    /// Sets the rule of measure `measure` of scorecard `card` and
    /// re-evaluates that column alone, then re-sums the cells.
    pub fn rescore_measure(
        &mut self,
        card: usize,
        measure: usize,
        rule: ScoringRule,
    ) -> Result<(), HealthError> {
        let scorecard = self
            .scorecards
            .get(card)
            .ok_or_else(|| HealthError::Measure(format!("no scorecard at position {card}")))?;
        if measure >= scorecard.measures.len() {
            return Err(HealthError::Measure(format!(
                "the {} scorecard has no measure at position {measure}",
                scorecard.stage.as_str()
            )));
        }
        let mut trial = scorecard.clone();
        if let Some(target) = trial.measures.get_mut(measure) {
            target.rule = rule.clone();
        }
        let problems = validate_scorecard(&trial.scorecard(0, &self.grades));
        if let Some(problem) = problems.first() {
            return Err(HealthError::Measure(format!("{problem:?}")));
        }
        if let Some(target) = self.scorecards.get_mut(card) {
            *target = trial;
        }
        let slot = self.slot_start.get(card).copied().unwrap_or(0) + measure;
        if let Some(cache) = self.shifted.get_mut(slot) {
            cache.clear();
        }
        let wanted = u16::try_from(card).ok();
        for cell_index in 0..self.cells.len() {
            if self.cells.get(cell_index).map(|cell| cell.scorecard) == Some(wanted) {
                self.evaluate_points(cell_index, card, Some(measure));
            }
        }
        for cell_index in 0..self.cells.len() {
            self.sum_cell(cell_index);
        }
        Ok(())
    }
}
