//! The logistic fit's arithmetic on the standardised design: the linear
//! predictor, the penalised log-likelihood, its gradient and Hessian and
//! the report on both scales (the Newton loop itself is `newton`'s).
//!
//! θ = (g₀, γ₁, …, γ_p) throughout; row i of the design is
//! (1, z_i1, …, z_ip) with z_ij = (x_ij − mean_j) / sd_j, or 0 for a
//! measure whose sd is 0. Nothing here allocates per observation except
//! one reused row buffer.

use super::LogisticFit;

/// The measures with their moments: the design matrix, never materialised.
pub(in crate::success::proof) struct Design<'a> {
    pub measures: &'a [Vec<f64>],
    pub means: &'a [f64],
    pub standard_deviations: &'a [f64],
}

/// ln(1 + eᵗ) without overflow: max(t, 0) + ln(1 + e^−|t|).
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

/// σ(t) = 1 / (1 + e⁻ᵗ), computed on the side where the exponential is small.
pub(in crate::success::proof) fn logistic(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + (-t).exp())
    } else {
        let e = t.exp();
        e / (1.0 + e)
    }
}

impl Design<'_> {
    fn observations(&self) -> usize {
        self.measures.first().map_or(0, Vec::len)
    }

    /// Fills `row` with (1, z_i1, …, z_ip).
    pub fn fill_row(&self, index: usize, row: &mut [f64]) {
        let mut slots = row.iter_mut();
        if let Some(first) = slots.next() {
            *first = 1.0;
        }
        for (((slot, column), &mean), &sd) in slots
            .zip(self.measures)
            .zip(self.means)
            .zip(self.standard_deviations)
        {
            let value = column.get(index).copied().unwrap_or(mean);
            *slot = if sd > 0.0 { (value - mean) / sd } else { 0.0 };
        }
    }

    pub fn dot(row: &[f64], theta: &[f64]) -> f64 {
        row.iter().zip(theta).map(|(z, t)| z * t).sum()
    }

    /// Σ [y η − ln(1 + e^η)] − (λ/2) Σ γ², or with λ = 0 the plain
    /// log-likelihood.
    pub fn penalised_log_likelihood(&self, theta: &[f64], churned: &[bool], penalty: f64) -> f64 {
        let mut row = vec![0.0; theta.len()];
        let mut total = 0.0;
        for (index, &churned) in churned.iter().enumerate().take(self.row_limit(churned)) {
            self.fill_row(index, &mut row);
            let eta = Self::dot(&row, theta);
            total += if churned { eta } else { 0.0 } - softplus(eta);
        }
        let squares: f64 = theta.iter().skip(1).map(|g| g * g).sum();
        total - 0.5 * penalty * squares
    }

    /// With no measures every observation is still a row (the intercept).
    pub fn row_limit(&self, churned: &[bool]) -> usize {
        if self.measures.is_empty() {
            churned.len()
        } else {
            self.observations().min(churned.len())
        }
    }

    /// The gradient of the penalised log-likelihood and the negative
    /// Hessian (row-major, positive semi-definite), both in θ's order.
    pub fn gradient_and_hessian(
        &self,
        theta: &[f64],
        churned: &[bool],
        penalty: f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let dimension = theta.len();
        let mut gradient = vec![0.0; dimension];
        let mut hessian = vec![0.0; dimension * dimension];
        let mut row = vec![0.0; dimension];
        for (index, &churned) in churned.iter().enumerate().take(self.row_limit(churned)) {
            self.fill_row(index, &mut row);
            let probability = logistic(Self::dot(&row, theta));
            let residual = f64::from(u8::from(churned)) - probability;
            let weight = probability * (1.0 - probability);
            for (g, z) in gradient.iter_mut().zip(&row) {
                *g += residual * z;
            }
            for (hessian_row, &z_a) in hessian.chunks_exact_mut(dimension).zip(&row) {
                let scaled = weight * z_a;
                for (h, &z_b) in hessian_row.iter_mut().zip(&row) {
                    *h += scaled * z_b;
                }
            }
        }
        for (j, (g, &gamma)) in gradient.iter_mut().zip(theta).enumerate().skip(1) {
            *g -= penalty * gamma;
            let constant = self
                .standard_deviations
                .get(j - 1)
                .is_some_and(|&sd| sd <= 0.0);
            if let Some(h) = hessian.get_mut(j * dimension + j) {
                // A constant measure's row and column are 0: a 1 on the
                // diagonal keeps H definite and its step 0.
                *h += penalty + if constant { 1.0 } else { 0.0 };
            }
        }
        (gradient, hessian)
    }

    /// The fit on both scales.
    pub fn report(&self, theta: Vec<f64>, churned: &[bool], iterations: usize) -> LogisticFit {
        let standardized_intercept = theta.first().copied().unwrap_or(0.0);
        let standardized_coefficients: Vec<f64> = theta.iter().skip(1).copied().collect();
        let coefficients: Vec<f64> = standardized_coefficients
            .iter()
            .zip(self.standard_deviations)
            .map(|(gamma, &sd)| if sd > 0.0 { gamma / sd } else { 0.0 })
            .collect();
        let intercept = standardized_intercept
            - coefficients
                .iter()
                .zip(self.means)
                .map(|(beta, mean)| beta * mean)
                .sum::<f64>();
        LogisticFit {
            intercept,
            coefficients,
            standardized_intercept,
            standardized_coefficients,
            means: self.means.to_vec(),
            standard_deviations: self.standard_deviations.to_vec(),
            iterations,
            log_likelihood: self.penalised_log_likelihood(&theta, churned, 0.0),
        }
    }
}
