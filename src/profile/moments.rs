//! Streaming moments: count, mean, variance, skewness, min, max.
//!
//! Memory: constant (six numbers). Updates use Welford's method extended to the third central
//! moment (Terriberry), and merges use the pairwise formulas of Chan et al. and Pébay (2008), so
//! mean and variance stay accurate where naive sums of squares cancel catastrophically.

use super::merge::Merge;

/// Streaming central moments of a sequence of finite `f64`s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
    m3: f64,
    min: f64,
    max: f64,
}

impl Moments {
    pub fn push(&mut self, x: f64) {
        if self.n == 0 {
            self.min = x;
            self.max = x;
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        let n1 = self.n as f64;
        self.n += 1;
        let n = self.n as f64;
        let delta = x - self.mean;
        let delta_n = delta / n;
        let term1 = delta * delta_n * n1;
        self.mean += delta_n;
        self.m3 += term1 * delta_n * (n - 2.0) - 3.0 * delta_n * self.m2;
        self.m2 += term1;
    }

    pub fn count(&self) -> u64 {
        self.n
    }
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then_some(self.mean)
    }
    pub fn min(&self) -> Option<f64> {
        (self.n > 0).then_some(self.min)
    }
    pub fn max(&self) -> Option<f64> {
        (self.n > 0).then_some(self.max)
    }
    /// Sample standard deviation (denominator n - 1), as pandas' `std()`.
    pub fn std(&self) -> Option<f64> {
        (self.n > 1).then(|| (self.m2 / (self.n as f64 - 1.0)).max(0.0).sqrt())
    }
    /// Adjusted Fisher-Pearson skewness G1, as pandas' `skew()`; `None` below 3 values or with
    /// zero variance.
    pub fn skewness(&self) -> Option<f64> {
        if self.n < 3 || self.m2 <= 0.0 {
            return None;
        }
        let n = self.n as f64;
        let g1 = n.sqrt() * self.m3 / self.m2.powf(1.5);
        Some(g1 * (n * (n - 1.0)).sqrt() / (n - 2.0))
    }
}

impl Merge for Moments {
    fn merge(&mut self, o: Moments) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = o;
            return;
        }
        let (na, nb) = (self.n as f64, o.n as f64);
        let n = na + nb;
        let delta = o.mean - self.mean;
        let mean = self.mean + delta * nb / n;
        let m2 = self.m2 + o.m2 + delta * delta * na * nb / n;
        let m3 = self.m3
            + o.m3
            + delta.powi(3) * na * nb * (na - nb) / (n * n)
            + 3.0 * delta * (na * o.m2 - nb * self.m2) / n;
        self.n += o.n;
        self.mean = mean;
        self.m2 = m2;
        self.m3 = m3;
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
    }
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn naive(xs: &[f64]) -> (f64, f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let m2: f64 = xs.iter().map(|x| (x - mean).powi(2)).sum();
        let m3: f64 = xs.iter().map(|x| (x - mean).powi(3)).sum();
        let g1 = (m3 / n) / (m2 / n).powf(1.5);
        (mean, (m2 / (n - 1.0)).sqrt(), g1 * (n * (n - 1.0)).sqrt() / (n - 2.0))
    }

    #[test]
    fn matches_two_pass_and_merges() {
        let xs: Vec<f64> = (0..1000).map(|i| ((i * 7919) % 1013) as f64 * 0.37 + 1e6).collect();
        let mut whole = Moments::default();
        xs.iter().for_each(|&x| whole.push(x));
        let (mean, std, skew) = naive(&xs);
        assert!((whole.mean().unwrap_or(0.0) - mean).abs() < 1e-9 * mean.abs());
        assert!((whole.std().unwrap_or(0.0) - std).abs() < 1e-9 * std);
        assert!((whole.skewness().unwrap_or(0.0) - skew).abs() < 1e-7);
        for cut in [0, 1, 333, 999, 1000] {
            let (a, b) = xs.split_at(cut);
            let mut ma = Moments::default();
            a.iter().for_each(|&x| ma.push(x));
            let mut mb = Moments::default();
            b.iter().for_each(|&x| mb.push(x));
            ma.merge(mb);
            assert_eq!(ma.count(), 1000);
            assert!((ma.mean().unwrap_or(0.0) - mean).abs() < 1e-9 * mean.abs());
            assert!((ma.std().unwrap_or(0.0) - std).abs() < 1e-9 * std);
            assert!((ma.skewness().unwrap_or(0.0) - skew).abs() < 1e-7);
            assert_eq!(ma.min(), whole.min());
            assert_eq!(ma.max(), whole.max());
        }
    }
}
