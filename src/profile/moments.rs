//! Streaming moments: count, mean, variance, skewness, min, max.
//!
//! Memory: constant (six numbers). Updates use Welford's method extended to the third central
//! moment (Terriberry), and merges use the pairwise formulas of Chan et al. and Pébay (2008), so
//! mean and variance stay accurate where naive sums of squares cancel catastrophically.
//!
//! Values near the limits of a double (±1e308) would overflow the differences and their cubes:
//! the moments are then kept of the values scaled by a power of two, 2^-`scale`, chosen so that
//! no scaled value exceeds 2^[`SCALED_LIMIT_EXP`] (an exact scaling, so figures of ordinary data,
//! where `scale` stays 0, are bit for bit unchanged). A figure that still does not fit a double
//! once scaled back (a standard deviation past 1.8e308) is `None`, and [`Moments::overflow`] says
//! so.

use super::merge::Merge;

/// Streaming central moments of a sequence of finite `f64`s.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
    m3: f64,
    min: f64,
    max: f64,
    /// The moments are those of x · 2^-scale.
    scale: i32,
}

/// Scaled values stay within 2^this: their cubes, times a count below 2^64, fit a double.
pub const SCALED_LIMIT_EXP: i32 = 256;

/// 2^e for e in the normal range of a double, exactly.
fn pow2(e: i32) -> f64 {
    let e = e.clamp(-1022, 1023);
    f64::from_bits(((e + 1023) as u64) << 52)
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
        if x.abs() > pow2(SCALED_LIMIT_EXP + self.scale) {
            // Large enough to overflow a cube: rescale so |x| lands near 2^(limit - 56).
            let want = x.abs().log2().ceil() as i32 - SCALED_LIMIT_EXP + 56;
            self.rescale(want);
        }
        let x = if self.scale == 0 { x } else { x * pow2(-self.scale) };
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

    /// Moves to a larger scale (never a smaller one): exact but for values that underflow,
    /// which are negligible beside the values that called for it.
    fn rescale(&mut self, scale: i32) {
        if scale <= self.scale {
            return;
        }
        let f = pow2(self.scale - scale);
        self.mean *= f;
        self.m2 *= f * f;
        self.m3 *= f * f * f;
        self.scale = scale;
    }

    /// Undoes the scaling; a figure that does not fit a double is `None`.
    fn unscale(&self, x: f64, power: i32) -> Option<f64> {
        let y = if self.scale == 0 { x } else { x * pow2(self.scale * power) };
        y.is_finite().then_some(y)
    }

    pub fn count(&self) -> u64 {
        self.n
    }
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.unscale(self.mean, 1)).flatten()
    }
    pub fn min(&self) -> Option<f64> {
        (self.n > 0).then_some(self.min)
    }
    pub fn max(&self) -> Option<f64> {
        (self.n > 0).then_some(self.max)
    }
    /// Sample standard deviation (denominator n - 1), as pandas' `std()`.
    pub fn std(&self) -> Option<f64> {
        (self.n > 1).then(|| self.unscale((self.m2 / (self.n as f64 - 1.0)).max(0.0).sqrt(), 1)).flatten()
    }
    /// Whether a figure (mean or standard deviation) lies beyond the range of a double even
    /// after scaling, and is therefore `None`.
    pub fn overflow(&self) -> bool {
        (self.n > 0 && self.mean().is_none()) || (self.n > 1 && self.std().is_none())
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
        let mut o = o;
        let scale = self.scale.max(o.scale);
        self.rescale(scale);
        o.rescale(scale);
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

    #[test]
    fn near_the_limits_of_a_double() {
        let mut m = Moments::default();
        for x in [1e308, -1e308, 1e308, -1e308] {
            m.push(x);
        }
        assert_eq!(m.mean(), Some(0.0));
        let std = m.std().unwrap();
        assert!((std / (4.0f64 / 3.0).sqrt() - 1e308).abs() < 1e294, "{std}");
        assert!(!m.overflow());
        let mut same = Moments::default();
        (0..5).for_each(|_| same.push(1e308));
        assert_eq!((same.mean(), same.std(), same.skewness()), (Some(1e308), Some(0.0), None));
        // Split anywhere, the merge agrees.
        let xs = [1.0, 1e308, -3.0, -1.5e308, 7.0, 1.7e308];
        let mut whole = Moments::default();
        xs.iter().for_each(|&x| whole.push(x));
        for cut in 0..=xs.len() {
            let (a, b) = xs.split_at(cut);
            let mut ma = Moments::default();
            a.iter().for_each(|&x| ma.push(x));
            let mut mb = Moments::default();
            b.iter().for_each(|&x| mb.push(x));
            ma.merge(mb);
            let rel = |p: Option<f64>, q: Option<f64>| (p.unwrap() - q.unwrap()).abs() <= 1e-12 * q.unwrap().abs();
            assert!(rel(ma.mean(), whole.mean()) && rel(ma.std(), whole.std()), "cut {cut}");
        }
        // A spread past the largest double: stated, not infinite.
        let mut wide = Moments::default();
        [1.7e308, -1.7e308, 1.7e308, -1.7e308].iter().for_each(|&x| wide.push(x));
        assert_eq!(wide.std(), None);
        assert!(wide.overflow());
        assert_eq!(wide.mean(), Some(0.0));
    }
}
