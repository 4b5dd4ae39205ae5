//! One column of the reference against the same column of the candidate: the shape of its
//! values (numbers: KS, Wasserstein, PSI, moments, range; categories: TVD, Jensen–Shannon,
//! chi-square, coverage), the drift verdict by Evidently's defaults, and the collapse figures.
//!
//! Exact while both columns' values are held (the profile's value budget); beyond it the
//! numeric figures are read from the DDSketches (every quantile within 0.5 % of the value at its
//! rank) and the category figures from the Misra–Gries heavy values; `exact` says which.

use super::ks::{self, KsMethod};
use crate::analysis::stats::chi_square;
use crate::profile::column::Column;
use crate::profile::quantiles::{numpy_quantile, Quantiles};
use serde::Serialize;
use statrs::function::gamma::ln_gamma;

/// Reference rows up to which drift is judged by p-values (Evidently's small-data rule).
pub const SMALL_REFERENCE: u64 = 1_000;
/// Numeric columns with at most this many distinct values are compared as categories.
pub const FEW_DISTINCT: u64 = 5;
/// Drift thresholds by Evidently's defaults.
pub const KS_P: f64 = 0.05;
pub const CHI2_P: f64 = 0.05;
pub const WASSERSTEIN_NORM: f64 = 0.1;
/// Jensen–Shannon distance in base 2 (Evidently's 0.1 is in natural log: 0.1 / √ln 2).
pub const JS_DISTANCE: f64 = 0.120;
/// PSI bins with no value are floored at this share.
pub const PSI_FLOOR: f64 = 0.0001;
/// Reference std floor for the normalised figures.
pub const STD_FLOOR: f64 = 0.001;

/// Bins of the overlaid histogram the page draws.
const HIST_BINS: usize = 20;
/// Categories shown side by side.
const SHOWN_CATEGORIES: usize = 12;

/// A column's type as the comparison treats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Numeric,
    Categorical,
}

/// The drift verdict and what it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drift {
    pub drifted: bool,
    /// The figure the verdict reads: `ks_p`, `chi2_p`, `wasserstein_norm` or `js`.
    pub by: &'static str,
    pub value: f64,
    /// `<=`, `<` or `>=`.
    pub comparison: &'static str,
    pub threshold: f64,
}

/// Overlaid shapes for the page: numbers in equal-width bins over both ranges, or the most
/// frequent categories' shares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shapes {
    /// Bin edges (numbers) or category names.
    pub edges: Vec<f64>,
    pub categories: Vec<String>,
    pub reference: Vec<f64>,
    pub candidate: Vec<f64>,
}

/// One column compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnComparison {
    pub name: String,
    pub kind: Kind,
    /// The test drift is judged by: `ks`, `chi2`, `wasserstein` or `jensen-shannon`.
    pub test: &'static str,
    /// Non-missing values in each file.
    pub n_reference: u64,
    pub n_candidate: u64,
    pub ks: Option<f64>,
    pub ks_p: Option<f64>,
    pub ks_method: Option<KsMethod>,
    pub wasserstein_norm: Option<f64>,
    pub psi: Option<f64>,
    /// (mean_c − mean_r) / reference std (ddof 0, floored).
    pub mean_shift: Option<f64>,
    /// std_c / std_r (ddof 0).
    pub std_ratio: Option<f64>,
    pub range_coverage: Option<f64>,
    /// Share of candidate values outside the reference's range.
    pub outside_share: Option<f64>,
    pub tvd: Option<f64>,
    pub js: Option<f64>,
    pub chi2_p: Option<f64>,
    /// Share of the reference's categories the candidate has.
    pub category_coverage: Option<f64>,
    /// Share of candidate values in categories the reference lacks.
    pub new_share: Option<f64>,
    /// The reference categories the candidate lacks (at most 10, most frequent first) and their
    /// reference shares.
    pub lost_categories: Vec<String>,
    pub lost_shares: Vec<f64>,
    /// Candidate missing share − reference missing share (of rows).
    pub missing_change: f64,
    /// Whether every figure is exact (no sketch on either side).
    pub exact: bool,
    pub drift: Drift,
    /// Shares outside the reference's [p5, p95]: the reference's own and the candidate's.
    pub tail: Option<(f64, f64)>,
    /// The candidate's most frequent value, its share in the candidate and in the reference.
    pub top: Option<(String, f64, f64)>,
    /// Distinct values: the candidate's, and the reference's expected at the candidate's size
    /// (or the other way round when the candidate is larger), for equal sample sizes.
    pub distinct: Option<(f64, f64)>,
    pub shapes: Shapes,
}

/// Whether a column is compared as numbers: every non-missing value is one.
pub fn is_numeric(c: &Column) -> bool {
    let n = c.moments.count();
    n > 0 && n == c.non_missing()
}

/// A numeric column's values: sorted, or the sketch.
enum Values<'a> {
    Exact(&'a [f64]),
    Sketch(&'a Quantiles),
}

impl Values<'_> {
    fn of(c: &Column) -> Values<'_> {
        match c.quantiles.exact_values() {
            Some(v) => Values::Exact(v),
            None => Values::Sketch(&c.quantiles),
        }
    }
    fn n(&self) -> u64 {
        match self {
            Values::Exact(v) => v.len() as u64,
            Values::Sketch(q) => q.count(),
        }
    }
    /// Values ≤ x.
    fn le(&self, x: f64) -> u64 {
        match self {
            Values::Exact(v) => v.partition_point(|&y| y <= x) as u64,
            Values::Sketch(q) => q.count().saturating_sub(q.rank_above(x)),
        }
    }
    /// Values < x.
    fn lt(&self, x: f64) -> u64 {
        match self {
            Values::Exact(v) => v.partition_point(|&y| y < x) as u64,
            Values::Sketch(q) => q.rank_below(x),
        }
    }
    fn quantile(&self, q: f64) -> Option<f64> {
        match self {
            Values::Exact(v) => numpy_quantile(v, q),
            Values::Sketch(s) => s.quantile(q),
        }
    }
}

/// scipy's `wasserstein_distance` of two sorted samples: ∫|U − V| over the merged support.
pub fn wasserstein(u: &[f64], v: &[f64]) -> Option<f64> {
    if u.is_empty() || v.is_empty() {
        return None;
    }
    let (nu, nv) = (u.len() as f64, v.len() as f64);
    let (mut i, mut j) = (0usize, 0usize);
    let mut prev: Option<f64> = None;
    let mut total = 0.0;
    while i < u.len() || j < v.len() {
        let x = match (u.get(i), v.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        if let Some(p) = prev {
            // CDFs (side 'right') at p hold on [p, x).
            total += (i as f64 / nu - j as f64 / nv).abs() * (x - p);
        }
        while u.get(i).is_some_and(|&a| a <= x) {
            i += 1;
        }
        while v.get(j).is_some_and(|&b| b <= x) {
            j += 1;
        }
        prev = Some(x);
    }
    Some(total)
}

/// W1 from two quantile functions (sketches): the mean |Q_r(u) − Q_c(u)| over 2,000 midpoints.
fn wasserstein_sketch(r: &Values<'_>, c: &Values<'_>) -> Option<f64> {
    const STEPS: usize = 2_000;
    let mut s = 0.0;
    for i in 0..STEPS {
        let u = (i as f64 + 0.5) / STEPS as f64;
        s += (r.quantile(u)? - c.quantile(u)?).abs();
    }
    Some(s / STEPS as f64)
}

/// KS D from counts at every reference and candidate quantile of a 2,000-point grid (sketches).
fn ks_sketch(r: &Values<'_>, c: &Values<'_>) -> Option<f64> {
    const STEPS: usize = 2_000;
    let (nr, nc) = (r.n() as f64, c.n() as f64);
    if nr == 0.0 || nc == 0.0 {
        return None;
    }
    let mut d: f64 = 0.0;
    for i in 0..=STEPS {
        let u = i as f64 / STEPS as f64;
        for x in [r.quantile(u)?, c.quantile(u)?] {
            d = d.max((r.le(x) as f64 / nr - c.le(x) as f64 / nc).abs());
        }
    }
    Some(d)
}

/// PSI on reference-decile bins (edges deduplicated; a value goes to the bin after the edges
/// below it), empty bins floored at [`PSI_FLOOR`].
fn psi(r: &Values<'_>, c: &Values<'_>) -> Option<f64> {
    let mut edges: Vec<f64> = (1..10).filter_map(|k| r.quantile(k as f64 / 10.0)).collect();
    edges.dedup();
    let (nr, nc) = (r.n() as f64, c.n() as f64);
    if nr == 0.0 || nc == 0.0 {
        return None;
    }
    let shares = |v: &Values<'_>, n: f64| -> Vec<f64> {
        let mut out = Vec::with_capacity(edges.len() + 1);
        let mut below = 0u64;
        for &e in &edges {
            let le = v.le(e);
            out.push(le.saturating_sub(below) as f64 / n);
            below = le;
        }
        out.push(v.n().saturating_sub(below) as f64 / n);
        out.into_iter().map(|s| if s == 0.0 { PSI_FLOOR } else { s }).collect()
    };
    let (p, q) = (shares(r, nr), shares(c, nc));
    Some(p.iter().zip(&q).map(|(&p, &q)| (q - p) * (q / p).ln()).sum())
}

/// Population std (ddof 0) from the column's moments.
fn std0(c: &Column) -> Option<f64> {
    let n = c.moments.count();
    let s = c.moments.std()?;
    (n > 1).then(|| s * (((n - 1) as f64) / n as f64).sqrt())
}

/// Category counts of a column (numbers shown as the profile shows them), and whether complete.
pub fn categories(c: &Column) -> (Vec<(String, u64)>, bool) {
    (c.freq.counts(), c.freq.is_exact())
}

/// TVD, JS distance (base 2), chi-square p (2 × k, small cells pooled), coverage, new share.
pub struct CategoryFigures {
    pub tvd: f64,
    pub js: f64,
    pub chi2_p: Option<f64>,
    pub coverage: f64,
    pub new_share: f64,
    pub lost: Vec<(String, f64)>,
}

pub fn category_figures(r: &[(String, u64)], c: &[(String, u64)]) -> Option<CategoryFigures> {
    use std::collections::BTreeMap;
    let nr: u64 = r.iter().map(|x| x.1).sum();
    let nc: u64 = c.iter().map(|x| x.1).sum();
    if nr == 0 || nc == 0 {
        return None;
    }
    let mut both: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for (k, n) in r {
        both.entry(k.as_str()).or_default().0 += n;
    }
    for (k, n) in c {
        both.entry(k.as_str()).or_default().1 += n;
    }
    let (fr, fc) = (nr as f64, nc as f64);
    let mut tvd = 0.0;
    let mut js = 0.0;
    for &(a, b) in both.values() {
        let (p, q) = (a as f64 / fr, b as f64 / fc);
        tvd += (p - q).abs();
        let m = (p + q) / 2.0;
        if p > 0.0 {
            js += p * (p / m).log2();
        }
        if q > 0.0 {
            js += q * (q / m).log2();
        }
    }
    let js = (js / 2.0).max(0.0).sqrt();
    // Chi-square homogeneity: categories whose expected count is under 5 in either row pooled.
    let total = fr + fc;
    let (mut kept, mut pooled) = (Vec::new(), (0u64, 0u64));
    for &(a, b) in both.values() {
        let col = (a + b) as f64;
        if col * fr / total < 5.0 || col * fc / total < 5.0 {
            pooled.0 += a;
            pooled.1 += b;
        } else {
            kept.push((a, b));
        }
    }
    if pooled.0 + pooled.1 > 0 {
        kept.push(pooled);
    }
    let chi2_p = if kept.len() < 2 {
        Some(1.0)
    } else {
        let table = vec![kept.iter().map(|x| x.0).collect::<Vec<u64>>(), kept.iter().map(|x| x.1).collect()];
        chi_square(&table).map(|(_, _, p, _)| p)
    };
    let ref_cats = both.values().filter(|x| x.0 > 0).count();
    let covered = both.values().filter(|x| x.0 > 0 && x.1 > 0).count();
    let new: u64 = both.values().filter(|x| x.0 == 0).map(|x| x.1).sum();
    let mut lost: Vec<(String, f64)> =
        both.iter().filter(|(_, x)| x.0 > 0 && x.1 == 0).map(|(k, x)| (k.to_string(), x.0 as f64 / fr)).collect();
    lost.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    lost.truncate(10);
    Some(CategoryFigures {
        tvd: tvd / 2.0,
        js,
        chi2_p,
        coverage: if ref_cats == 0 { 1.0 } else { covered as f64 / ref_cats as f64 },
        new_share: new as f64 / fc,
        lost,
    })
}

/// Expected distinct values in a uniform sample of `m` of the `n` values counted in `counts`
/// (without replacement): Σ 1 − C(n − c, m) / C(n, m).
pub fn rarefied_distinct(counts: &[u64], m: u64) -> f64 {
    let n: u64 = counts.iter().sum();
    if m >= n {
        return counts.iter().filter(|&&c| c > 0).count() as f64;
    }
    let ln_choose = |a: u64, b: u64| -> f64 {
        if b > a {
            f64::NEG_INFINITY
        } else {
            ln_gamma(a as f64 + 1.0) - ln_gamma(b as f64 + 1.0) - ln_gamma((a - b) as f64 + 1.0)
        }
    };
    let all = ln_choose(n, m);
    counts.iter().filter(|&&c| c > 0).map(|&c| 1.0 - (ln_choose(n - c, m) - all).exp()).sum()
}

/// Compares one column present in both files.
pub fn compare(r: &Column, c: &Column, reference_rows: u64) -> ColumnComparison {
    let numeric = is_numeric(r) && is_numeric(c);
    let few = r.freq.distinct() <= FEW_DISTINCT;
    let missing_share = |col: &Column| if col.present == 0 { 0.0 } else { col.missing as f64 / col.present as f64 };
    let (cr, cr_exact) = categories(r);
    let (cc, cc_exact) = categories(c);
    let mut out = ColumnComparison {
        name: r.name.clone(),
        kind: if numeric { Kind::Numeric } else { Kind::Categorical },
        test: "",
        n_reference: r.non_missing(),
        n_candidate: c.non_missing(),
        ks: None,
        ks_p: None,
        ks_method: None,
        wasserstein_norm: None,
        psi: None,
        mean_shift: None,
        std_ratio: None,
        range_coverage: None,
        outside_share: None,
        tvd: None,
        js: None,
        chi2_p: None,
        category_coverage: None,
        new_share: None,
        lost_categories: Vec::new(),
        lost_shares: Vec::new(),
        missing_change: missing_share(c) - missing_share(r),
        exact: cr_exact && cc_exact,
        drift: Drift { drifted: false, by: "", value: 0.0, comparison: "", threshold: 0.0 },
        tail: None,
        top: None,
        distinct: None,
        shapes: Shapes { edges: Vec::new(), categories: Vec::new(), reference: Vec::new(), candidate: Vec::new() },
    };
    if numeric {
        numeric_figures(&mut out, r, c);
    }
    // Categories: every categorical column, and numeric ones with few values (Evidently's rule).
    if !numeric || few {
        if let Some(f) = category_figures(&cr, &cc) {
            out.tvd = Some(f.tvd);
            out.js = Some(f.js);
            out.chi2_p = f.chi2_p;
            out.category_coverage = Some(f.coverage);
            out.new_share = Some(f.new_share);
            out.lost_shares = f.lost.iter().map(|x| x.1).collect();
            out.lost_categories = f.lost.into_iter().map(|x| x.0).collect();
        }
    }
    if !numeric {
        out.shapes = category_shapes(&cr, &cc);
    }
    // Mode: the candidate's top value, its share there and in the reference.
    let share_in = |list: &[(String, u64)], k: &str| {
        let n: u64 = list.iter().map(|x| x.1).sum();
        list.iter().find(|x| x.0 == k).map_or(0.0, |x| x.1 as f64 / n.max(1) as f64)
    };
    if let Some((k, _)) = c.freq.top(1).into_iter().next() {
        out.top = Some((k.clone(), share_in(&cc, &k), share_in(&cr, &k)));
    }
    if cr_exact && cc_exact {
        let (nr, nc) = (r.non_missing(), c.non_missing());
        let counts = |l: &[(String, u64)]| l.iter().map(|x| x.1).collect::<Vec<u64>>();
        out.distinct = Some(if nc <= nr {
            (cc.len() as f64, rarefied_distinct(&counts(&cr), nc))
        } else {
            (rarefied_distinct(&counts(&cc), nr), cr.len() as f64)
        });
    }
    out.drift = drift(&out, numeric && !few, reference_rows);
    out.test = match out.drift.by {
        "ks_p" => "ks",
        "chi2_p" => "chi2",
        "wasserstein_norm" => "wasserstein",
        _ => "jensen-shannon",
    };
    out
}

fn numeric_figures(out: &mut ColumnComparison, r: &Column, c: &Column) {
    let (vr, vc) = (Values::of(r), Values::of(c));
    let exact = matches!((&vr, &vc), (Values::Exact(_), Values::Exact(_)));
    out.exact &= exact;
    // Exact: scipy's ks_2samp (in its exact region D is rounded to the h/lcm lattice, as scipy
    // reports it). Sketches: D from the two CDFs, the p-value for that D.
    let (test, w) = match (&vr, &vc) {
        (Values::Exact(a), Values::Exact(b)) => (ks::ks_2samp(a, b), wasserstein(a, b)),
        _ => {
            let test = ks_sketch(&vr, &vc).map(|d| {
                let (p, method) = ks::p_value(d, vr.n(), vc.n());
                ks::Ks { d, p, method }
            });
            (test, wasserstein_sketch(&vr, &vc))
        }
    };
    if let Some(t) = test {
        out.ks = Some(t.d);
        out.ks_p = Some(t.p);
        out.ks_method = Some(t.method);
    }
    let sr = std0(r).unwrap_or(0.0);
    out.wasserstein_norm = w.map(|w| w / sr.max(STD_FLOOR));
    out.psi = psi(&vr, &vc);
    if let (Some(mr), Some(mc)) = (r.moments.mean(), c.moments.mean()) {
        out.mean_shift = Some((mc - mr) / sr.max(STD_FLOOR));
    }
    if let Some(sc) = std0(c) {
        out.std_ratio = (sr > 0.0).then(|| sc / sr);
    }
    if let (Some(lo_r), Some(hi_r), Some(lo_c), Some(hi_c)) =
        (r.moments.min(), r.moments.max(), c.moments.min(), c.moments.max())
    {
        let range = hi_r - lo_r;
        out.range_coverage = Some(if range > 0.0 {
            (1.0 - ((lo_c - lo_r).max(0.0) + (hi_r - hi_c).max(0.0)) / range).max(0.0)
        } else if lo_c == lo_r && hi_c == hi_r {
            1.0
        } else {
            0.0
        });
        let outside = vc.lt(lo_r) + vc.n().saturating_sub(vc.le(hi_r));
        out.outside_share = Some(outside as f64 / vc.n().max(1) as f64);
        out.shapes = numeric_shapes(&vr, &vc, lo_r.min(lo_c), hi_r.max(hi_c));
    }
    // Tails: shares outside the reference's [p5, p95].
    if let (Some(p5), Some(p95)) = (vr.quantile(0.05), vr.quantile(0.95)) {
        let out_of = |v: &Values<'_>| (v.lt(p5) + v.n().saturating_sub(v.le(p95))) as f64 / v.n().max(1) as f64;
        out.tail = Some((out_of(&vr), out_of(&vc)));
    }
}

fn numeric_shapes(r: &Values<'_>, c: &Values<'_>, lo: f64, hi: f64) -> Shapes {
    let width = (hi - lo) / HIST_BINS as f64;
    let edges: Vec<f64> = (0..=HIST_BINS).map(|i| lo + width * i as f64).collect();
    let shares = |v: &Values<'_>| -> Vec<f64> {
        let n = v.n().max(1) as f64;
        let mut below = 0u64;
        let mut out = Vec::with_capacity(HIST_BINS);
        for (i, &e) in edges.iter().enumerate().skip(1) {
            let upto = if i == HIST_BINS { v.n() } else { v.lt(e) };
            out.push(upto.saturating_sub(below) as f64 / n);
            below = upto;
        }
        out
    };
    Shapes { reference: shares(r), candidate: shares(c), edges, categories: Vec::new() }
}

fn category_shapes(r: &[(String, u64)], c: &[(String, u64)]) -> Shapes {
    let nr = r.iter().map(|x| x.1).sum::<u64>().max(1) as f64;
    let nc = c.iter().map(|x| x.1).sum::<u64>().max(1) as f64;
    let mut all: Vec<(&str, f64, f64)> = Vec::new();
    for (k, n) in r {
        all.push((k, *n as f64 / nr, 0.0));
    }
    for (k, n) in c {
        match all.iter_mut().find(|x| x.0 == k) {
            Some(x) => x.2 = *n as f64 / nc,
            None => all.push((k, 0.0, *n as f64 / nc)),
        }
    }
    all.sort_by(|a, b| (b.1 + b.2).total_cmp(&(a.1 + a.2)).then_with(|| a.0.cmp(b.0)));
    all.truncate(SHOWN_CATEGORIES);
    Shapes {
        edges: Vec::new(),
        categories: all.iter().map(|x| x.0.to_string()).collect(),
        reference: all.iter().map(|x| x.1).collect(),
        candidate: all.iter().map(|x| x.2).collect(),
    }
}

/// Evidently's default verdict: p-values for a reference of at most [`SMALL_REFERENCE`] rows,
/// distances beyond.
fn drift(c: &ColumnComparison, numeric: bool, reference_rows: u64) -> Drift {
    let small = reference_rows <= SMALL_REFERENCE;
    let d = |by, value: Option<f64>, comparison, threshold| {
        let v = value.unwrap_or(f64::NAN);
        let drifted = match comparison {
            "<=" => v <= threshold,
            "<" => v < threshold,
            _ => v >= threshold,
        };
        Drift { drifted, by, value: v, comparison, threshold }
    };
    match (numeric, small) {
        (true, true) => d("ks_p", c.ks_p, "<=", KS_P),
        (true, false) => d("wasserstein_norm", c.wasserstein_norm, ">=", WASSERSTEIN_NORM),
        (false, true) => d("chi2_p", c.chi2_p, "<", CHI2_P),
        (false, false) => d("js", c.js, ">=", JS_DISTANCE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasserstein_matches_scipy_on_a_small_case() {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
        let w = wasserstein(&[0.0, 1.0, 3.0], &[5.0, 6.0, 8.0]).unwrap_or(0.0);
        assert!((w - 5.0).abs() < 1e-12, "{w}");
        // wasserstein_distance([0, 1], [0, 0, 1, 1, 1]) = 0.1
        let w = wasserstein(&[0.0, 1.0], &[0.0, 0.0, 1.0, 1.0, 1.0]).unwrap_or(0.0);
        assert!((w - 0.1).abs() < 1e-12, "{w}");
    }

    #[test]
    fn rarefaction_is_exact_on_a_small_case() {
        // Two values of 1 and 1: a sample of 1 has 1 distinct value; of 2, 2.
        assert!((rarefied_distinct(&[1, 1], 1) - 1.0).abs() < 1e-12);
        assert!((rarefied_distinct(&[1, 1], 2) - 2.0).abs() < 1e-12);
        // counts [2, 1], m = 2: P(both from the first) = 1/3, so E = 2 − 1/3.
        assert!((rarefied_distinct(&[2, 1], 2) - 5.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn category_figures_of_identical_and_disjoint() {
        let a = vec![("x".to_string(), 10), ("y".to_string(), 10)];
        let f = category_figures(&a, &a).unwrap_or_else(|| unreachable!());
        assert!(f.tvd.abs() < 1e-12 && f.js.abs() < 1e-12 && f.coverage == 1.0);
        let b = vec![("z".to_string(), 10)];
        let f = category_figures(&a, &b).unwrap_or_else(|| unreachable!());
        assert!((f.tvd - 1.0).abs() < 1e-12 && (f.js - 1.0).abs() < 1e-12 && f.new_share == 1.0);
    }
}
