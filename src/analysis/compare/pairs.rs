//! Relationships between columns, in each file and their difference: Pearson and Spearman for
//! two numeric columns, Cramér's V otherwise (each column's 10 most frequent values plus one
//! "other"; numbers in 10 equal-width bins of the reference's range), and SDMetrics'
//! similarities: CorrelationSimilarity = 1 − |r_ref − r_cand| / 2 and ContingencySimilarity =
//! 1 − ½·Σ|p_ref(a,b) − p_cand(a,b)| (numbers in 10 equal-width reference bins).
//!
//! ContingencySimilarity follows `ContingencySimilarity.compute(..., continuous_column_names,
//! num_discrete_bins=10)` of SDMetrics 0.32.0: missing cells are a category of their own and
//! every row counts. The quality report's Column Pair Trends bins each file by its own range and
//! leaves out pairs whose reference association is weak; ours averages every pair (see
//! [`super::Scores`]).
//!
//! Computed on the row samples ([`crate::profile::sample`]): exact while a file has at most
//! 20,000 rows, a uniform sample of rows beyond. At most [`MAX_COLUMNS`] columns.

use super::columns::{is_numeric, Kind};
use crate::analysis::stats::chi_square;
use crate::profile::frequency::show_num;
use crate::profile::sample::{text_key, Norm, SampledRow};
use crate::profile::Profile;
use serde::Serialize;
use std::collections::HashMap;

/// Columns whose pairs are compared at most (the first ones shared).
pub const MAX_COLUMNS: usize = 30;
/// Categories kept per column for Cramér's V (the rest pooled).
pub const TOP_CATEGORIES: usize = 10;
/// Equal-width bins of the reference's range for numbers in a contingency table.
pub const BINS: usize = 10;

/// One pair of columns compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairComparison {
    pub a: String,
    pub b: String,
    /// `pearson` (two numeric columns) or `cramer`.
    pub measure: &'static str,
    pub reference: Option<f64>,
    pub candidate: Option<f64>,
    /// candidate − reference.
    pub difference: Option<f64>,
    pub spearman_reference: Option<f64>,
    pub spearman_candidate: Option<f64>,
    /// CorrelationSimilarity (numeric pairs) or ContingencySimilarity.
    pub similarity: Option<f64>,
    /// The similarity as SDMetrics' quality report computes it (numbers binned by each file's
    /// own range), and whether the pair counts there (reference |r| > 0.5, or Cramér's V of the
    /// reference's binned table, missing cells a category, > 0.3).
    pub report_similarity: Option<f64>,
    pub meets_threshold: bool,
    /// Rows of each sample the figures rest on.
    pub rows: (u64, u64),
}

/// How one column's cells become a coordinate.
#[derive(Clone, Debug)]
pub(crate) struct Axis {
    pub name: String,
    pub kind: Kind,
    /// Position of the column in each sample.
    pub at: (usize, usize),
    /// The reference's range (numbers).
    pub lo: f64,
    pub hi: f64,
    /// The candidate's range (numbers), for the quality report's own-range bins.
    pub lo_c: f64,
    pub hi_c: f64,
    /// Keys of the top categories (as [`category_key`] gives them), in order.
    pub top: Vec<u64>,
}

/// A category cell's key: the hash of its text, numbers as the profile shows them.
pub fn category_key(n: Norm) -> Option<u64> {
    match n {
        Norm::Missing => None,
        Norm::Num(x) => Some(text_key(&show_num(x.to_bits()))),
        Norm::Text(h) => Some(h),
    }
}

impl Axis {
    /// Bin of a number in the reference's range (values outside go to the end bins), as
    /// `np.digitize` on edges with the ends opened.
    fn bin(&self, x: f64) -> u64 {
        let w = (self.hi - self.lo) / BINS as f64;
        if w <= 0.0 || !x.is_finite() {
            return 0;
        }
        let edges = |i: usize| self.lo + w * i as f64;
        // Inner edges 1..BINS-1: the bin is how many inner edges are ≤ x.
        (1..BINS).filter(|&i| edges(i) <= x).count() as u64
    }

    /// The full category of a cell for ContingencySimilarity (numbers binned with the ends
    /// open; a missing cell is a category of its own, as SDMetrics counts it).
    fn full(&self, n: Norm) -> Option<u64> {
        match (self.kind, n) {
            (_, Norm::Missing) => Some(u64::MAX),
            (Kind::Numeric, Norm::Num(x)) => Some(self.bin(x)),
            _ => category_key(n),
        }
    }

    /// The quality report's label of a cell: numbers by `np.digitize` on 10 equal-width bins of
    /// the file's own range with finite ends (the maximum and missing cells get label 11),
    /// categories as they are (missing a category of its own).
    fn own(&self, n: Norm, reference: bool) -> u64 {
        match (self.kind, n) {
            (_, Norm::Missing) => {
                if self.kind == Kind::Numeric {
                    BINS as u64 + 1
                } else {
                    u64::MAX
                }
            }
            (Kind::Numeric, Norm::Num(x)) => {
                let (mut lo, mut hi) = if reference { (self.lo, self.hi) } else { (self.lo_c, self.hi_c) };
                if hi <= lo {
                    // numpy widens an empty range by 0.5 each side.
                    lo -= 0.5;
                    hi += 0.5;
                }
                let w = (hi - lo) / BINS as f64;
                let edge = |i: usize| if i == BINS { hi } else { lo + w * i as f64 };
                (0..=BINS).filter(|&i| edge(i) <= x).count() as u64
            }
            _ => category_key(n).unwrap_or(u64::MAX),
        }
    }

    /// The category for Cramér's V: a top category's index, or the pooled "other".
    fn top_of(&self, n: Norm) -> Option<u64> {
        match self.kind {
            Kind::Numeric => self.full(n),
            Kind::Categorical => {
                let k = category_key(n)?;
                Some(self.top.iter().position(|&t| t == k).map_or(TOP_CATEGORIES as u64, |i| i as u64))
            }
        }
    }
}

fn cell(row: &SampledRow, at: usize) -> Norm {
    row.cells.get(at).copied().unwrap_or(Norm::Missing)
}

/// The columns whose relationships are compared: shared, not free text, not near-unique
/// categories (identifiers say nothing about relationships), at most [`MAX_COLUMNS`].
pub(crate) fn axes(r: &Profile, c: &Profile) -> Vec<Axis> {
    let (Some(sr), Some(sc)) = (r.sample.as_ref(), c.sample.as_ref()) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, col) in r.columns.iter().enumerate() {
        if out.len() >= MAX_COLUMNS {
            break;
        }
        let Some(j) = sc.names.iter().position(|n| n == &col.name) else { continue };
        let Some(other) = c.columns.get(j) else { continue };
        let Some(ir) = sr.names.iter().position(|n| n == &col.name) else { continue };
        let numeric = is_numeric(col) && is_numeric(other);
        let distinct = col.freq.distinct();
        if r.is_free_text(i) || (!numeric && distinct * 2 > col.non_missing().max(1)) || col.non_missing() == 0 {
            continue;
        }
        let top = col.freq.top(TOP_CATEGORIES).into_iter().map(|(k, _)| text_key(&k)).collect();
        out.push(Axis {
            name: col.name.clone(),
            kind: if numeric { Kind::Numeric } else { Kind::Categorical },
            at: (ir, j),
            lo: col.moments.min().unwrap_or(0.0),
            hi: col.moments.max().unwrap_or(0.0),
            lo_c: other.moments.min().unwrap_or(0.0),
            hi_c: other.moments.max().unwrap_or(0.0),
            top,
        });
    }
    out
}

/// Pearson's r of paired values (None when either is constant or fewer than 3 pairs).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 3 {
        return None;
    }
    let mx = x.iter().sum::<f64>() / n as f64;
    let my = y.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Average ranks (ties share their mean rank), 1-based.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    let val = |i: usize| x.get(i).copied().unwrap_or(0.0);
    idx.sort_by(|&a, &b| val(a).total_cmp(&val(b)));
    let mut out = vec![0.0; x.len()];
    let mut pos = 0usize;
    for group in idx.chunk_by(|&a, &b| val(a) == val(b)) {
        let mean = pos as f64 + (group.len() as f64 + 1.0) / 2.0;
        for &g in group {
            if let Some(o) = out.get_mut(g) {
                *o = mean;
            }
        }
        pos += group.len();
    }
    out
}

/// Spearman's ρ: Pearson's r of average ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&ranks(x), &ranks(y))
}

/// Cramér's V (no continuity correction) of a table given as counts per (row, column) key.
fn cramers_v(cells: &HashMap<(u64, u64), u64>) -> Option<f64> {
    let mut rows: Vec<u64> = cells.keys().map(|k| k.0).collect();
    let mut cols: Vec<u64> = cells.keys().map(|k| k.1).collect();
    rows.sort_unstable();
    rows.dedup();
    cols.sort_unstable();
    cols.dedup();
    if rows.len() < 2 || cols.len() < 2 {
        return Some(0.0);
    }
    let table: Vec<Vec<u64>> =
        rows.iter().map(|&a| cols.iter().map(|&b| cells.get(&(a, b)).copied().unwrap_or(0)).collect()).collect();
    let (chi2, _, _, _) = chi_square(&table)?;
    let n: u64 = cells.values().sum();
    let k = (rows.len().min(cols.len()) - 1) as f64;
    Some((chi2 / (n as f64 * k)).sqrt().clamp(0.0, 1.0))
}

/// How a contingency table labels its cells.
const TOP: u8 = 0;
const FULL: u8 = 1;
const OWN: u8 = 2;
/// SDMetrics' quality report counts a pair only above these reference figures.
pub const REPORT_CORRELATION: f64 = 0.5;
pub const REPORT_ASSOCIATION: f64 = 0.3;

/// 1 − ½·Σ|p − q| over the cells of two contingency tables (each normalised by its own total).
fn contingency_similarity(fr: &HashMap<(u64, u64), u64>, fc: &HashMap<(u64, u64), u64>) -> Option<f64> {
    let (nr, nc) = (fr.values().sum::<u64>(), fc.values().sum::<u64>());
    (nr > 0 && nc > 0).then(|| {
        let mut keys: Vec<&(u64, u64)> = fr.keys().chain(fc.keys()).collect();
        keys.sort_unstable();
        keys.dedup();
        let tvd: f64 = keys
            .iter()
            .map(|k| {
                let p = fr.get(k).copied().unwrap_or(0) as f64 / nr as f64;
                let q = fc.get(k).copied().unwrap_or(0) as f64 / nc as f64;
                (p - q).abs()
            })
            .sum::<f64>()
            / 2.0;
        1.0 - tvd
    })
}

/// Compares every pair of the axes on the two samples.
pub(crate) fn compare(r: &Profile, c: &Profile, axes: &[Axis]) -> Vec<PairComparison> {
    let (Some(sr), Some(sc)) = (r.sample.as_ref(), c.sample.as_ref()) else { return Vec::new() };
    let (rows_r, rows_c) = (sr.rows(), sc.rows());
    let mut out = Vec::new();
    for (i, a) in axes.iter().enumerate() {
        for b in axes.iter().skip(i + 1) {
            out.push(pair(a, b, &rows_r, &rows_c));
        }
    }
    out
}

fn pair(a: &Axis, b: &Axis, rr: &[&SampledRow], rc: &[&SampledRow]) -> PairComparison {
    let numeric = a.kind == Kind::Numeric && b.kind == Kind::Numeric;
    let pick = |rows: &[&SampledRow], side: bool| -> (Vec<f64>, Vec<f64>) {
        let (ia, ib) = if side { (a.at.0, b.at.0) } else { (a.at.1, b.at.1) };
        rows.iter()
            .filter_map(|r| match (cell(r, ia), cell(r, ib)) {
                (Norm::Num(x), Norm::Num(y)) => Some((x, y)),
                _ => None,
            })
            .unzip()
    };
    let table = |rows: &[&SampledRow], side: bool, how: u8| -> HashMap<(u64, u64), u64> {
        let (ia, ib) = if side { (a.at.0, b.at.0) } else { (a.at.1, b.at.1) };
        let mut t = HashMap::new();
        for r in rows {
            let (x, y) = (cell(r, ia), cell(r, ib));
            let k = match how {
                FULL => (a.full(x), b.full(y)),
                TOP => (a.top_of(x), b.top_of(y)),
                _ => (Some(a.own(x, side)), Some(b.own(y, side))),
            };
            if let (Some(p), Some(q)) = k {
                *t.entry((p, q)).or_insert(0) += 1;
            }
        }
        t
    };
    if numeric {
        let (xr, yr) = pick(rr, true);
        let (xc, yc) = pick(rc, false);
        let (pr, pc) = (pearson(&xr, &yr), pearson(&xc, &yc));
        let difference = pr.zip(pc).map(|(p, q)| q - p);
        PairComparison {
            a: a.name.clone(),
            b: b.name.clone(),
            measure: "pearson",
            reference: pr,
            candidate: pc,
            difference,
            spearman_reference: spearman(&xr, &yr),
            spearman_candidate: spearman(&xc, &yc),
            similarity: difference.map(|d| 1.0 - d.abs() / 2.0),
            report_similarity: difference.map(|d| 1.0 - d.abs() / 2.0),
            meets_threshold: pr.is_some_and(|r| r.abs() > REPORT_CORRELATION),
            rows: (xr.len() as u64, xc.len() as u64),
        }
    } else {
        let (tr, tc) = (table(rr, true, TOP), table(rc, false, TOP));
        let (vr, vc) = (cramers_v(&tr), cramers_v(&tc));
        let similarity = contingency_similarity(&table(rr, true, FULL), &table(rc, false, FULL));
        let (or, oc) = (table(rr, true, OWN), table(rc, false, OWN));
        let report_similarity = contingency_similarity(&or, &oc);
        let meets_threshold = cramers_v(&or).is_some_and(|v| v > REPORT_ASSOCIATION);
        PairComparison {
            a: a.name.clone(),
            b: b.name.clone(),
            measure: "cramer",
            reference: vr,
            candidate: vc,
            difference: vr.zip(vc).map(|(p, q)| q - p),
            spearman_reference: None,
            spearman_candidate: None,
            similarity,
            report_similarity,
            meets_threshold,
            rows: (tr.values().sum(), tc.values().sum()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), vec![1.5, 3.0, 1.5, 4.0]);
    }

    #[test]
    fn pearson_of_a_line() {
        let r = pearson(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 6.0, 8.0]).unwrap_or(0.0);
        assert!((r - 1.0).abs() < 1e-12);
        let s = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 8.0, 27.0, 64.0]).unwrap_or(0.0);
        assert!((s - 1.0).abs() < 1e-12);
    }
}
