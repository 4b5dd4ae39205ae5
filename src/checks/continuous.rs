//! When a numeric column is continuous (so that `outliers` and `skewed` mean something), and which
//! of its values are separated from the rest by a gap (what `outliers` reports).
//!
//! **Continuous.** A column is judged when most of its values are numbers, it has at least
//! [`MIN_VALUES`] of them, and it is none of these:
//! - a flag, code or small count: fewer than [`MIN_DISTINCT`] distinct values (0/1 flags, codes
//!   1 to 6, passenger counts 0 to 6);
//! - a set of integer codes or counts: integers only, with fewer than [`MAX_CODE_DISTINCT`]
//!   distinct values that fill at least half of the range from the smallest to the largest
//!   (education levels 1 to 16, rooms 1 to 20);
//! - an identifier or a code by name: `id`, or a name ending in `_id`, `-id`, ` id`, `.id`, or in
//!   `Id` / `ID` after a lower-case letter (`VendorID`, `PULocationID`, `userId`, but not `paid`
//!   or `VALID`), or ending in `code` (`zip_code`, `RatecodeID` is caught by its `ID`);
//! - identifier-like by content: integers that `id-like-column` reports (nearly every value
//!   unique; measurements with decimals are naturally all distinct and stay in).
//!
//! **Separated values (outliers).** The profile keeps the [`KEPT`] smallest and largest values of
//! every numeric column with their lines ([`crate::profile::column::Extremes`]), exactly, whatever
//! the memory budget. Walking outward from the bulk through the kept values, a gap between two
//! neighbouring values wider than [`GAP`] × IQR, whose outer value lies beyond Tukey's far-out
//! fence (Q1 − [`FENCE`]·IQR or Q3 + [`FENCE`]·IQR), separates the values beyond it from the rest:
//! those are outliers, provided they are at most [`MAX_SHARE`] of the values (at least one);
//! otherwise the next gap outward is tried. The upper side of a column whose positive values are
//! right-skewed ((p95 − p50) ≥ [`LOG_TAIL_RATIO`] × (p50 − p5) over them) is judged on a log10
//! scale over its positive values (quartiles of the positive part: zeros and refunds do not
//! count), where a long tail is even; everything else on the column's own scale. Values beyond the fences with no gap before them are the shape of a heavy tail (when
//! more than [`HEAVY_TAIL`] of the values lie beyond the fences), which `skewed` describes, not
//! outliers.

use super::context::{mostly_numeric, Context};
use crate::profile::column::{Column, Extreme, EXTREMES_KEPT};

/// Fewer numeric values than this and neither check runs.
pub const MIN_VALUES: u64 = 20;
/// Fewer distinct values than this: a flag, a code or a small count.
pub const MIN_DISTINCT: u64 = 15;
/// Integer columns with fewer distinct values than this that fill half their range are codes or
/// counts.
pub const MAX_CODE_DISTINCT: u64 = 32;
/// Tukey's far-out fence multiplier.
pub const FENCE: f64 = 3.0;
/// A gap wider than this many IQRs separates outliers from the bulk.
pub const GAP: f64 = 3.0;
/// Largest share of the values a gap may cut off and still call them outliers.
pub const MAX_SHARE: f64 = 0.01;
/// Share of values beyond the fences above which the column has a heavy tail.
pub const HEAVY_TAIL: f64 = 0.01;
/// The upper side is judged on a log10 scale when the bulk's upper spread is at least this many
/// times its lower spread: (p95 − p50) ≥ 2 (p50 − p5). Quantiles, not the skewness: a few
/// outliers inflate the skewness but do not move the 5th and 95th percentiles.
pub const LOG_TAIL_RATIO: f64 = 2.0;
/// Smallest and largest values the profile keeps per numeric column.
pub const KEPT: usize = EXTREMES_KEPT;

/// Why a mostly-numeric column is not continuous, or `None` when it is (and has enough values).
/// Columns that are not mostly numeric give `Some("not numeric")`.
pub fn not_continuous(cx: &Context<'_>, c: &Column) -> Option<&'static str> {
    if !mostly_numeric(c) {
        return Some("not numeric");
    }
    let n = c.moments.count();
    if n < MIN_VALUES {
        return Some("too few values");
    }
    let distinct = c.freq.distinct();
    if distinct < MIN_DISTINCT {
        return Some("a flag, code or small count");
    }
    if c.types.float == 0 && distinct < MAX_CODE_DISTINCT {
        let (lo, hi) = (c.moments.min().unwrap_or(0.0), c.moments.max().unwrap_or(0.0));
        if (hi - lo + 1.0) <= 2.0 * distinct as f64 {
            return Some("integer codes or counts");
        }
    }
    if named_like_code(&c.name) {
        return Some("named like an identifier or code");
    }
    // Continuous measurements are naturally all distinct: only integers can be identifiers.
    if c.types.float == 0 && super::id_like_column::fires_for(cx, c) {
        return Some("identifier-like");
    }
    None
}

/// Whether the column is continuous (see the module docs).
pub fn is_continuous(cx: &Context<'_>, c: &Column) -> bool {
    not_continuous(cx, c).is_none()
}

/// `id`, `*_id`, `*-id`, `* id`, `*.id`, `*Id` / `*ID` after a lower-case letter, `*code`.
pub fn named_like_code(name: &str) -> bool {
    let t = name.trim();
    let lower = t.to_ascii_lowercase();
    if lower == "id" || lower.ends_with("code") {
        return true;
    }
    if ["_id", "-id", " id", ".id"].iter().any(|s| lower.ends_with(s)) {
        return true;
    }
    let b = t.as_bytes();
    let n = b.len();
    if n >= 3 && (t.ends_with("ID") || t.ends_with("Id")) {
        return b.get(n - 3).is_some_and(|c| c.is_ascii_lowercase());
    }
    false
}

/// The share of values beyond the far-out fences on the column's own scale, with the fences;
/// `None` when the IQR is zero or there are no values.
pub fn beyond_fences(c: &Column) -> Option<(f64, f64, f64)> {
    let q1 = c.quantiles.quantile(0.25)?;
    let q3 = c.quantiles.quantile(0.75)?;
    let iqr = q3 - q1;
    if iqr <= 0.0 {
        return None;
    }
    let (lo, hi) = (q1 - FENCE * iqr, q3 + FENCE * iqr);
    let count = c.quantiles.rank_below(lo) + c.quantiles.rank_above(hi);
    Some((count as f64 / c.moments.count().max(1) as f64, lo, hi))
}

/// One side's separated values.
#[derive(Clone, Debug)]
pub struct Side {
    /// The separated values with their lines and texts, most extreme first.
    pub values: Vec<Extreme>,
    /// The nearest value on the bulk's side of the gap, as written.
    pub neighbour: Extreme,
    /// The gap in IQRs on the scale used.
    pub gap_iqrs: f64,
    /// Whether the scale is log10.
    pub log: bool,
}

/// The values separated from the rest by a gap, below and above.
pub fn separated(c: &Column) -> (Option<Side>, Option<Side>) {
    let n = c.moments.count();
    let max_count = ((MAX_SHARE * n as f64).floor() as usize).max(1);
    let linear = linear_scale(c);
    let upper = match log_scale(c).filter(|_| right_skewed_bulk(c)) {
        Some((q1, q3)) => side(&c.extremes.high, q1, q3, true, max_count, true),
        None => linear.and_then(|(q1, q3)| side(&c.extremes.high, q1, q3, true, max_count, false)),
    };
    let lower = linear.and_then(|(q1, q3)| side(&c.extremes.low, q1, q3, false, max_count, false));
    (lower, upper)
}

/// Over the positive values: (p95 − p50) ≥ [`LOG_TAIL_RATIO`] × (p50 − p5), with a spread above
/// the median.
fn right_skewed_bulk(c: &Column) -> bool {
    let q = |p: f64| positive_quantile(c, p);
    match (q(0.05), q(0.5), q(0.95)) {
        (Some(p5), Some(p50), Some(p95)) => p95 > p50 && p95 - p50 >= LOG_TAIL_RATIO * (p50 - p5),
        _ => false,
    }
}

/// The p-quantile of the positive values (zeros and negatives left out), when there are enough.
fn positive_quantile(c: &Column, p: f64) -> Option<f64> {
    let n = c.moments.count() as f64;
    let nonpos = n - c.quantiles.rank_above(0.0) as f64;
    if n - nonpos < MIN_VALUES as f64 {
        return None;
    }
    let z = nonpos / n;
    c.quantiles.quantile(z + p * (1.0 - z)).filter(|&q| q > 0.0)
}

fn linear_scale(c: &Column) -> Option<(f64, f64)> {
    let q1 = c.quantiles.quantile(0.25)?;
    let q3 = c.quantiles.quantile(0.75)?;
    (q3 > q1).then_some((q1, q3))
}

/// Quartiles of the positive values on a log10 scale.
fn log_scale(c: &Column) -> Option<(f64, f64)> {
    let (q1, q3) = (positive_quantile(c, 0.25)?.log10(), positive_quantile(c, 0.75)?.log10());
    (q3 > q1).then_some((q1, q3))
}

/// `kept`: the kept values of one side, most extreme first. Quartiles on the chosen scale.
fn side(kept: &[Extreme], q1: f64, q3: f64, upper: bool, max_count: usize, log: bool) -> Option<Side> {
    let iqr = q3 - q1;
    let fence = if upper { q3 + FENCE * iqr } else { q1 - FENCE * iqr };
    // On the log scale only positive values have a place; the kept values stay in order.
    let scaled: Vec<(f64, &Extreme)> = kept
        .iter()
        .filter(|e| !log || e.value > 0.0)
        .map(|e| (if log { e.value.log10() } else { e.value }, e))
        .collect();
    // Outward distance: positive means further from the bulk.
    let out = |t: f64| if upper { t } else { -t };
    // Pairs (outer i, inner i + 1), walked from the bulk outward: i from the end down to 0.
    for i in (0..scaled.len().saturating_sub(1)).rev() {
        let (Some(&(to, _)), Some(&(ti, inner))) = (scaled.get(i), scaled.get(i + 1)) else { continue };
        let gap = out(to) - out(ti);
        if out(to) > out(fence) && gap > GAP * iqr && i < max_count {
            let values = scaled.iter().take(i + 1).map(|&(_, e)| e.clone()).collect();
            return Some(Side { values, neighbour: inner.clone(), gap_iqrs: gap / iqr, log });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::named_like_code;

    #[test]
    fn names_of_identifiers_and_codes() {
        for name in [
            "id",
            "ID",
            "user_id",
            "order-id",
            "Row Id",
            "VendorID",
            "PULocationID",
            "RatecodeID",
            "userId",
            "zip_code",
            "ZIPCODE",
        ] {
            assert!(named_like_code(name), "{name}");
        }
        for name in ["paid", "valid", "VALID", "fluid", "Id2", "hours-per-week", "capital-gain", "idle", "ratio"] {
            assert!(!named_like_code(name), "{name}");
        }
    }
}
