//! Quantiles and histograms of a numeric column.
//!
//! Memory: at most `cap` values × 8 bytes while exact; then a DDSketch of at most
//! [`SKETCH_BINS`] bins per sign (≈ 64 KiB). Exact quantiles use linear interpolation between
//! order statistics (numpy's and pandas' default). Beyond the cap the column switches to a
//! DDSketch (Masson, Rim & Lee, VLDB 2019): every reported quantile is then within a relative
//! error of [`SKETCH_ALPHA`] of the value at that rank, and sketches merge exactly (bin counts add).

use super::merge::Merge;
use sketches_ddsketch::{Config, DDSketch};

/// Relative accuracy of the sketch: a reported quantile q̂ satisfies |q̂ − q| ≤ α·|q|.
pub const SKETCH_ALPHA: f64 = 0.005;
/// Bins per sign; with α = 0.5 % this covers a dynamic range of about 10^17 before the lowest
/// bins collapse.
pub const SKETCH_BINS: u32 = 4096;

/// The quantiles the report shows, with their JSON names.
pub const QUANTILES: [(&str, f64); 7] =
    [("p1", 0.01), ("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

/// numpy's default (linear) q-quantile of sorted values, to the last bit: numpy's `_lerp`
/// interpolates from the nearer end.
pub fn numpy_quantile(values: &[f64], q: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let a = *values.get(lo)?;
    let b = *values.get(lo + 1).unwrap_or(&a);
    let t = h - lo as f64;
    let diff = b - a;
    if !diff.is_finite() {
        // Ends of opposite sign near the limits of a double: the difference overflows, the
        // weighted sum does not.
        return Some(a * (1.0 - t) + b * t);
    }
    Some(if t >= 0.5 { b - diff * (1.0 - t) } else { a + diff * t })
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub enum Quantiles {
    Exact { values: Vec<f64>, cap: usize },
    Sketch(Box<DDSketch>),
}

impl std::fmt::Debug for Quantiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantiles::Exact { values, cap } => write!(f, "Exact({} of {cap})", values.len()),
            Quantiles::Sketch(s) => write!(f, "Sketch({} values)", s.count()),
        }
    }
}

impl Default for Quantiles {
    fn default() -> Quantiles {
        Quantiles::Exact { values: Vec::new(), cap: usize::MAX }
    }
}

fn new_sketch() -> DDSketch {
    DDSketch::new(Config::new(SKETCH_ALPHA, SKETCH_BINS, 1e-9))
}

impl Quantiles {
    /// Exact up to `cap` values.
    pub fn with_cap(cap: usize) -> Quantiles {
        Quantiles::Exact { values: Vec::new(), cap: cap.max(1) }
    }

    pub fn push(&mut self, x: f64) {
        match self {
            Quantiles::Exact { values, cap } => {
                if values.len() < *cap {
                    if values.len() == values.capacity() {
                        // Grow by doubling but never past the cap, so the cap is a real bound.
                        // Not clamp(): it panics when the cap is below 64 (tiny budgets, many columns).
                        let want = (values.capacity() * 2).max(64).min(*cap) - values.len();
                        values.reserve_exact(want);
                    }
                    values.push(x);
                } else {
                    self.to_sketch();
                    self.push(x);
                }
            }
            Quantiles::Sketch(s) => s.add(x),
        }
    }

    /// Switches to the sketch, keeping every value seen.
    pub fn to_sketch(&mut self) {
        if let Quantiles::Exact { values, .. } = self {
            let mut s = new_sketch();
            values.iter().for_each(|&v| s.add(v));
            *self = Quantiles::Sketch(Box::new(s));
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Quantiles::Exact { .. })
    }

    /// Every value, sorted (after [`seal`](Self::seal)), while exact.
    pub fn exact_values(&self) -> Option<&[f64]> {
        match self {
            Quantiles::Exact { values, .. } => Some(values),
            Quantiles::Sketch(_) => None,
        }
    }

    /// Values seen.
    pub fn count(&self) -> u64 {
        match self {
            Quantiles::Exact { values, .. } => values.len() as u64,
            Quantiles::Sketch(s) => s.count() as u64,
        }
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Quantiles::Exact { values, .. } => values.capacity() * 8,
            Quantiles::Sketch(_) => 2 * SKETCH_BINS as usize * 8,
        }
    }

    /// Sorts the exact values once; call before reading figures.
    pub fn seal(&mut self) {
        if let Quantiles::Exact { values, .. } = self {
            // Not a radix sort: radsort 0.1 sorted 875,000 random doubles 1.2-1.6 times as fast
            // but rising ids 13 times slower, and a column of 70 ages 1.7 times slower; pattern-
            // defeating quicksort adapts to runs and repeats (same order, bit for bit, both ways).
            values.sort_unstable_by(f64::total_cmp);
        }
    }

    /// The q-quantile (0 ≤ q ≤ 1). Exact mode requires [`seal`](Self::seal) first.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        match self {
            Quantiles::Exact { values, .. } => numpy_quantile(values, q),
            Quantiles::Sketch(s) => s.quantile(q.clamp(0.0, 1.0)).ok().flatten(),
        }
    }

    /// How many values lie strictly below `x` (exact), or an estimate from the sketch.
    pub fn rank_below(&self, x: f64) -> u64 {
        match self {
            Quantiles::Exact { values, .. } => values.partition_point(|&v| v < x) as u64,
            Quantiles::Sketch(s) => {
                let n = s.count() as f64;
                // The sketch's quantile function is monotone: bisect for the rank of x.
                let (mut lo, mut hi) = (0.0f64, 1.0f64);
                for _ in 0..40 {
                    let mid = (lo + hi) / 2.0;
                    match s.quantile(mid) {
                        Ok(Some(v)) if v < x => lo = mid,
                        _ => hi = mid,
                    }
                }
                (lo * n).round() as u64
            }
        }
    }

    /// How many values lie strictly above `x`.
    pub fn rank_above(&self, x: f64) -> u64 {
        match self {
            Quantiles::Exact { values, .. } => (values.len() - values.partition_point(|&v| v <= x)) as u64,
            Quantiles::Sketch(s) => {
                let n = s.count() as u64;
                n.saturating_sub(self.rank_below(x.next_up()))
            }
        }
    }

    /// Equal-width histogram over [min, max]: `bins` counts and `bins + 1` edges. Integer columns
    /// with a small range get one bin per integer. Exact in exact mode; in sketch mode the counts
    /// are interpolated from 1,000 sketch quantiles.
    pub fn histogram(&self, min: f64, max: f64, integer: bool) -> Option<(Vec<f64>, Vec<u64>)> {
        let n = match self {
            Quantiles::Exact { values, .. } => values.len() as u64,
            Quantiles::Sketch(s) => s.count() as u64,
        };
        if n == 0 || !min.is_finite() || !max.is_finite() {
            return None;
        }
        let (bins, lo, width) = if max == min {
            (1usize, min, 1.0)
        } else if integer && max - min < 30.0 {
            ((max - min) as usize + 1, min - 0.5, 1.0)
        } else if (max - min).is_finite() {
            (20usize, min, (max - min) / 20.0)
        } else {
            // A range past the largest double (-1e308 to 1e308): its twentieth is not.
            (20usize, min, max / 20.0 - min / 20.0)
        };
        let edges: Vec<f64> = if (max - min).is_finite() {
            (0..=bins).map(|i| lo + width * i as f64).collect()
        } else {
            // Weighted ends, so that no partial sum passes the largest double.
            let b = bins as f64;
            (0..=bins).map(|i| min * ((b - i as f64) / b) + max * (i as f64 / b)).collect()
        };
        let mut counts = vec![0u64; bins];
        let bin = |x: f64| {
            let d = x - lo;
            let at = if d.is_finite() { d / width } else { x / width - lo / width };
            (at.floor().max(0.0) as usize).min(bins - 1)
        };
        let mut add = |x: f64, c: u64| {
            if let Some(slot) = counts.get_mut(bin(x)) {
                *slot += c;
            }
        };
        match self {
            // Sealed values are sorted, and `bin` does not decrease along them while `x - lo`
            // stays finite (subtraction, division by a positive width and `floor` keep order):
            // each bin's values are then a run, found by binary search with the same `bin`,
            // so the counts are those of binning every value.
            Quantiles::Exact { values, .. }
                if values
                    .first()
                    .zip(values.last())
                    .is_some_and(|(a, b)| (a - lo).is_finite() && (b - lo).is_finite())
                    && values.is_sorted_by(|a, b| a.total_cmp(b).is_le()) =>
            {
                let mut start = 0;
                for (i, slot) in counts.iter_mut().enumerate() {
                    let rest = values.get(start..).unwrap_or(&[]);
                    let run = rest.partition_point(|&x| bin(x) <= i);
                    *slot += run as u64;
                    start += run;
                }
            }
            Quantiles::Exact { values, .. } => values.iter().for_each(|&x| add(x, 1)),
            Quantiles::Sketch(s) => {
                let steps = 1000u64;
                let mut given = 0u64;
                for i in 0..steps {
                    let q = (i as f64 + 0.5) / steps as f64;
                    let share = (n * (i + 1)) / steps - given;
                    given += share;
                    if let Ok(Some(v)) = s.quantile(q) {
                        add(v.max(min).min(max), share);
                    }
                }
            }
        }
        Some((edges, counts))
    }
}

/// Two runs sorted by `f64::total_cmp`, as one. Values equal under `total_cmp` have the same
/// bits, so the result is the one sorting both together gives.
fn merge_sorted(a: Vec<f64>, b: Vec<f64>) -> Vec<f64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    // Without a branch on which side is taken (random data mispredicts half of them).
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        let from_b = y.total_cmp(&x).is_lt();
        out.push(if from_b { y } else { x });
        j += usize::from(from_b);
        i += usize::from(!from_b);
    }
    out.extend_from_slice(a.get(i..).unwrap_or(&[]));
    out.extend_from_slice(b.get(j..).unwrap_or(&[]));
    out
}

impl Merge for Quantiles {
    fn merge(&mut self, other: Quantiles) {
        match (&mut *self, other) {
            (Quantiles::Exact { values, cap }, Quantiles::Exact { values: ov, .. })
                if values.len() + ov.len() <= *cap =>
            {
                // Keep a sealed (sorted) profile sealed: merging finished profiles must not need
                // another seal() before figures are read. Parts sort their values where they
                // end, on their own threads ([`Quantiles::seal`] from `Session::finish_part`), so
                // two sorted runs are merged in one pass here instead of sorted again.
                let sorted = |v: &[f64]| v.is_sorted_by(|a, b| a.total_cmp(b).is_le());
                if sorted(values) && sorted(&ov) {
                    *values = merge_sorted(std::mem::take(values), ov);
                } else {
                    values.extend(ov);
                    values.sort_unstable_by(f64::total_cmp);
                }
            }
            (Quantiles::Sketch(s), Quantiles::Sketch(o)) => {
                // Same configuration on both sides: merge cannot fail.
                let _ = s.merge(&o);
            }
            (_, other) => {
                let mut s = new_sketch();
                for q in [&*self, &other] {
                    match q {
                        Quantiles::Exact { values, .. } => values.iter().for_each(|&v| s.add(v)),
                        Quantiles::Sketch(o) => {
                            let _ = s.merge(o);
                        }
                    }
                }
                *self = Quantiles::Sketch(Box::new(s));
            }
        }
    }
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Binning sorted values by binary search counts what binning each value counts (the
        /// reversed copy is never sorted, so it takes the value-by-value path).
        #[test]
        fn histogram_of_sorted_values_bins_each_value(
            raw in prop::collection::vec(prop_oneof![-1e6..1e6f64, (-40i32..40).prop_map(f64::from), -1e300..1e300f64], 2..400),
        ) {
            let mut sorted = raw;
            sorted.sort_unstable_by(f64::total_cmp);
            let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
            prop_assume!(min != max);
            let reversed: Vec<f64> = sorted.iter().rev().copied().collect();
            for integer in [false, true] {
                let a = Quantiles::Exact { values: sorted.clone(), cap: usize::MAX }.histogram(min, max, integer);
                let b = Quantiles::Exact { values: reversed.clone(), cap: usize::MAX }.histogram(min, max, integer);
                prop_assert_eq!(a, b);
            }
        }

        /// Two sorted runs merged are both sorted together, bit for bit (ties and signed zeros too).
        #[test]
        fn merge_sorted_is_a_sort(
            mut a in prop::collection::vec(prop_oneof![-1e3..1e3f64, prop::sample::select(vec![-0.0, 0.0, 1.0, -1.0])], 0..200),
            mut b in prop::collection::vec(prop_oneof![-1e3..1e3f64, prop::sample::select(vec![-0.0, 0.0, 1.0, -1.0])], 0..200),
        ) {
            a.sort_unstable_by(f64::total_cmp);
            b.sort_unstable_by(f64::total_cmp);
            let mut want: Vec<f64> = a.iter().chain(&b).copied().collect();
            want.sort_unstable_by(f64::total_cmp);
            let got = merge_sorted(a, b);
            prop_assert_eq!(got.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), want.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn exact_matches_numpy_linear() {
        let mut q = Quantiles::with_cap(100);
        for x in [1.0, 2.0, 3.0, 4.0] {
            q.push(x);
        }
        q.seal();
        assert_eq!(q.quantile(0.5), Some(2.5));
        assert_eq!(q.quantile(0.25), Some(1.75));
        // numpy.quantile([1, 2, 3, 4], 0.99) == 3.9699999999999998, bit for bit.
        assert_eq!(q.quantile(0.99), Some(3.9699999999999998));
        assert_eq!(q.rank_below(3.0), 2);
        assert_eq!(q.rank_above(3.0), 1);
    }

    #[test]
    fn sketch_is_within_stated_error() {
        let mut q = Quantiles::with_cap(1000);
        let xs: Vec<f64> = (1..=100_000).map(|i| ((i * 7919) % 100_003) as f64 + 1.0).collect();
        xs.iter().for_each(|&x| q.push(x));
        assert!(!q.is_exact());
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        for (_, p) in QUANTILES {
            let truth = sorted[((sorted.len() - 1) as f64 * p).round() as usize];
            let got = q.quantile(p).unwrap_or(f64::NAN);
            assert!((got - truth).abs() <= SKETCH_ALPHA * truth.abs() * 1.01 + 1.0, "p{p}: {got} vs {truth}");
        }
    }
}
