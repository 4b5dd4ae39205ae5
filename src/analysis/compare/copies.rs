//! Candidate rows that copy reference rows: exactly (every row's normalised hash, see
//! [`crate::profile::sample`]), within SDMetrics' tolerance (NewRowSynthesis: numbers equal
//! within 1 % of the candidate's value, on the row samples), and by distance (DCR, as SDMetrics'
//! `calculate_dcr`, on seeded samples of at most 2,000 candidate and 20,000 reference rows).

use super::columns::is_numeric;
use crate::finding::Evidence;
use crate::profile::rows::RowIndex;
use crate::profile::sample::{Norm, SampledRow};
use crate::profile::Profile;
use serde::Serialize;
use std::collections::HashMap;

/// Candidate rows whose DCR is computed at most.
pub const DCR_CANDIDATE_ROWS: usize = 2_000;
/// Reference rows held out to measure the reference's own distances.
pub const DCR_HOLDOUT_ROWS: usize = 1_000;
/// Random rows for DCRBaselineProtection.
pub const DCR_RANDOM_ROWS: usize = 250;
/// A row closer than this to a reference row is a near-copy.
pub const NEAR: f64 = 0.01;
/// NewRowSynthesis' tolerance for numbers (relative to the candidate's value).
pub const TOLERANCE: f64 = 0.01;

/// Distances to the closest reference row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dcr {
    pub candidate_rows: u64,
    pub reference_rows: u64,
    pub candidate_median: f64,
    /// Held-out reference rows against the rest of the reference.
    pub reference_median: f64,
    /// Random rows (uniform in the reference's ranges and categories).
    pub random_median: f64,
    /// min(candidate median / random median, 1).
    pub baseline_protection: f64,
    /// Shares of rows whose DCR is under [`NEAR`].
    pub candidate_close: f64,
    pub reference_close: f64,
    /// The same shares without exact copies (0 < DCR < [`NEAR`]): what `near-copies` reads, so
    /// that an exact copy is reported once, by `copied-rows`.
    pub candidate_near: f64,
    pub reference_near: f64,
    /// The candidate rows closest to a reference row: (candidate line, reference line, DCR).
    pub closest: Vec<(u64, u64, f64)>,
}

/// What the comparison found about copies.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Copies {
    /// Candidate rows equal to a reference row.
    pub count: u64,
    /// `count` / candidate rows (of the rows the method saw).
    pub rate: f64,
    /// The reference's own rate: rows equal to an earlier reference row.
    pub reference_rate: f64,
    /// `all rows by hash`, `a 1/2^k hash sample of rows`, or `row samples within 1%` (when the
    /// two files do not have the same columns).
    pub method: String,
    /// 1 − NewRowSynthesis on the row samples (numbers within 1 %); exact when both files fit
    /// their samples.
    pub within_tolerance: Option<f64>,
    pub dcr: Option<Dcr>,
    /// Candidate line and the reference line it copies.
    pub evidence: Vec<Evidence>,
}

/// A shared column: positions in the two samples, and how its cells are compared.
struct Shared {
    at: (usize, usize),
    numeric: bool,
    lo: f64,
    range: f64,
}

fn shared(r: &Profile, c: &Profile) -> Vec<Shared> {
    let (Some(sr), Some(sc)) = (r.sample.as_ref(), c.sample.as_ref()) else { return Vec::new() };
    let mut out = Vec::new();
    for (ir, name) in sr.names.iter().enumerate() {
        let Some(ic) = sc.names.iter().position(|n| n == name) else { continue };
        let (Some(cr), Some(cc)) = (r.column(name), c.column(name)) else { continue };
        let lo = cr.moments.min().unwrap_or(0.0);
        out.push(Shared {
            at: (ir, ic),
            numeric: is_numeric(cr) && (is_numeric(cc) || cc.non_missing() == 0),
            lo,
            range: cr.moments.max().unwrap_or(lo) - lo,
        });
    }
    out
}

fn cell(row: &SampledRow, at: usize) -> Norm {
    row.cells.get(at).copied().unwrap_or(Norm::Missing)
}

/// A cell as the distance loop reads it: a number scaled by the reference range (numeric
/// columns), or a category code; [`MISSING`] for a missing cell.
const MISSING: u64 = u64::MAX;

fn code(s: &Shared, n: Norm) -> u64 {
    match n {
        Norm::Missing => MISSING,
        Norm::Num(x) if s.numeric => {
            let scaled = if s.range > 0.0 { (x - s.lo) / s.range } else { x };
            scaled.to_bits()
        }
        Norm::Num(x) => x.to_bits() ^ 0x4e55_4d00,
        Norm::Text(h) if h == MISSING => h - 1,
        Norm::Text(h) => h,
    }
}

/// Reference rows as a row-major matrix of codes, columns ordered so that the ones most often
/// different come first (the distance loop stops as soon as a row cannot beat the best).
struct Matrix {
    order: Vec<usize>,
    numeric: Vec<bool>,
    /// For numeric columns whose range is 0: compare values for equality.
    flat: Vec<bool>,
    codes: Vec<u64>,
    width: usize,
    lines: Vec<u64>,
    /// Reference rows by their categorical cells: the nearest row usually shares them, so a
    /// query scans its own bucket first and every other row stops at its first mismatch.
    buckets: HashMap<u64, Vec<usize>>,
}

/// The hash of a row's categorical codes.
fn bucket_key(row: &[u64], numeric: &[bool]) -> u64 {
    let mut h: u64 = 0x6275_636b;
    for (&c, &num) in row.iter().zip(numeric) {
        let x = if num { u64::from(c == MISSING) } else { c };
        h = (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(17);
    }
    h
}

impl Matrix {
    fn new(cols: &[Shared], refs: &[&SampledRow]) -> Matrix {
        // How often two random reference cells differ: categories 1 − Σp², numbers ~ their spread.
        let mut weight: Vec<(f64, usize)> = cols
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut counts: HashMap<u64, u64> = HashMap::new();
                for r in refs {
                    *counts.entry(code(s, cell(r, s.at.0))).or_insert(0) += 1;
                }
                let n = refs.len().max(1) as f64;
                let same: f64 = counts.values().map(|&c| (c as f64 / n).powi(2)).sum();
                let w = if s.numeric { (1.0 - same) * 0.25 } else { 1.0 - same };
                (w, i)
            })
            .collect();
        weight.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let order: Vec<usize> = weight.iter().map(|w| w.1).collect();
        let mut codes = Vec::with_capacity(refs.len() * order.len());
        for r in refs {
            for &i in &order {
                if let Some(s) = cols.get(i) {
                    codes.push(code(s, cell(r, s.at.0)));
                }
            }
        }
        let numeric: Vec<bool> = order.iter().map(|&i| cols.get(i).is_some_and(|s| s.numeric)).collect();
        let flat = order.iter().map(|&i| cols.get(i).is_some_and(|s| s.range <= 0.0)).collect();
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (j, r) in codes.chunks_exact(order.len().max(1)).enumerate() {
            buckets.entry(bucket_key(r, &numeric)).or_default().push(j);
        }
        Matrix {
            width: order.len(),
            order,
            numeric,
            flat,
            codes,
            lines: refs.iter().map(|r| r.line).collect(),
            buckets,
        }
    }

    /// A row's codes in the matrix's column order (`side`: which sample's positions).
    fn encode(&self, cols: &[Shared], row: &[Norm]) -> Vec<u64> {
        self.order
            .iter()
            .map(|&i| cols.get(i).map_or(MISSING, |s| code(s, row.get(i).copied().unwrap_or(Norm::Missing))))
            .collect()
    }

    /// The closest reference row (index, mean distance), skipping `skip`.
    fn closest(&self, row: &[u64], skip: Option<usize>) -> Option<(usize, f64)> {
        let k = self.width.max(1) as f64;
        let w = self.width.max(1);
        let mut best: Option<(usize, f64)> = None;
        let mut limit = f64::INFINITY;
        let own = self.buckets.get(&bucket_key(row, &self.numeric)).map(Vec::as_slice).unwrap_or(&[]);
        let all = 0..self.codes.len() / w;
        for j in own.iter().copied().chain(all) {
            if Some(j) == skip {
                continue;
            }
            let Some(r) = self.codes.get(j * w..(j + 1) * w) else { continue };
            let mut sum = 0.0;
            for (((&a, &b), &num), &flat) in row.iter().zip(r).zip(&self.numeric).zip(&self.flat) {
                sum += if a == b {
                    0.0
                } else if a == MISSING || b == MISSING || !num || flat {
                    1.0
                } else {
                    (f64::from_bits(a) - f64::from_bits(b)).abs().min(1.0)
                };
                if sum > limit {
                    break;
                }
            }
            if sum < limit || (best.is_none() && sum <= limit) {
                best = Some((j, sum / k));
                limit = sum;
            }
        }
        best
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    let (a, b) = (v.get((n - 1) / 2).copied().unwrap_or(0.0), v.get(n / 2).copied().unwrap_or(0.0));
    (a + b) / 2.0
}

/// A small seeded generator for the random baseline rows (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn dcr(cols: &[Shared], refs: &[&SampledRow], cands: &[&SampledRow], limit: usize) -> Option<Dcr> {
    if cols.is_empty() || refs.len() < 2 || cands.is_empty() {
        return None;
    }
    let row_of = |r: &SampledRow, side: bool| -> Vec<Norm> {
        cols.iter().map(|s| cell(r, if side { s.at.0 } else { s.at.1 })).collect()
    };
    let m = Matrix::new(cols, refs);
    let mut cand: Vec<(u64, u64, f64)> = Vec::new();
    for r in cands {
        if let Some((j, d)) = m.closest(&m.encode(cols, &row_of(r, false)), None) {
            cand.push((r.line, m.lines.get(j).copied().unwrap_or(0), d));
        }
    }
    // The reference's own distances: rows spread over the sample (every k-th), against the rest.
    let step = (refs.len() / DCR_HOLDOUT_ROWS).max(1);
    let mut own: Vec<f64> = Vec::new();
    for (i, r) in refs.iter().enumerate().step_by(step).take(DCR_HOLDOUT_ROWS) {
        if let Some((_, d)) = m.closest(&m.encode(cols, &row_of(r, true)), Some(i)) {
            own.push(d);
        }
    }
    // Random rows: numbers uniform in the reference's range, categories uniform among the
    // reference sample's values of that column.
    let mut rng = Rng(0x0064_6372);
    let pools: Vec<Vec<Norm>> = cols
        .iter()
        .map(|s| {
            let mut v: Vec<(u64, Norm)> =
                refs.iter().map(|r| cell(r, s.at.0)).filter(|n| *n != Norm::Missing).map(|n| (code(s, n), n)).collect();
            v.sort_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            v.into_iter().map(|x| x.1).collect::<Vec<Norm>>()
        })
        .collect();
    let mut random: Vec<f64> = Vec::new();
    for _ in 0..DCR_RANDOM_ROWS {
        let row: Vec<Norm> = cols
            .iter()
            .zip(&pools)
            .map(|(s, pool)| {
                if s.numeric {
                    Norm::Num(s.lo + rng.unit() * s.range)
                } else {
                    let i = (rng.next() % pool.len().max(1) as u64) as usize;
                    pool.get(i).copied().unwrap_or(Norm::Missing)
                }
            })
            .collect();
        if let Some((_, d)) = m.closest(&m.encode(cols, &row), None) {
            random.push(d);
        }
    }
    let close = |v: &[f64]| v.iter().filter(|&&d| d < NEAR).count() as f64 / v.len().max(1) as f64;
    let near = |v: &[f64]| v.iter().filter(|&&d| d > 0.0 && d < NEAR).count() as f64 / v.len().max(1) as f64;
    let mut cd: Vec<f64> = cand.iter().map(|x| x.2).collect();
    let candidate_close = close(&cd);
    let reference_close = close(&own);
    let (candidate_near, reference_near) = (near(&cd), near(&own));
    let candidate_median = median(&mut cd);
    let random_median = median(&mut random);
    let mut closest_rows = cand.clone();
    closest_rows.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    closest_rows.truncate(limit);
    Some(Dcr {
        candidate_rows: cand.len() as u64,
        reference_rows: refs.len() as u64,
        candidate_median,
        reference_median: median(&mut own),
        random_median,
        baseline_protection: if random_median > 0.0 { (candidate_median / random_median).min(1.0) } else { 1.0 },
        candidate_close,
        reference_close,
        candidate_near,
        reference_near,
        closest: closest_rows,
    })
}

/// Candidate sample rows that equal some reference sample row, numbers within [`TOLERANCE`] of
/// the candidate's value (SDMetrics' NewRowSynthesis rule), other cells equal, missing matching
/// missing.
fn within_tolerance(cols: &[Shared], refs: &[&SampledRow], cands: &[&SampledRow]) -> Option<f64> {
    if cands.is_empty() || cols.is_empty() {
        return None;
    }
    // Bucket reference rows by their non-numeric cells and the missing pattern of numbers.
    let key = |r: &SampledRow, side: bool| -> u64 {
        let mut h: u64 = 0x006b_6579;
        for s in cols {
            let n = cell(r, if side { s.at.0 } else { s.at.1 });
            let x = match n {
                Norm::Missing => 1,
                Norm::Num(_) if s.numeric => 2,
                Norm::Num(v) => v.to_bits(),
                Norm::Text(t) => t,
            };
            h = (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(13);
        }
        h
    };
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, r) in refs.iter().enumerate() {
        buckets.entry(key(r, true)).or_default().push(i);
    }
    let mut matched = 0u64;
    for c in cands {
        let Some(list) = buckets.get(&key(c, false)) else { continue };
        let hit = list.iter().filter_map(|&i| refs.get(i)).any(|r| {
            cols.iter().all(|s| match (cell(r, s.at.0), cell(c, s.at.1)) {
                (Norm::Num(a), Norm::Num(b)) if s.numeric => (a - b).abs() <= (TOLERANCE * b).abs(),
                (a, b) => a == b,
            })
        });
        matched += u64::from(hit);
    }
    Some(matched as f64 / cands.len() as f64)
}

/// Copies of reference rows in the candidate.
pub fn analyze(r: &Profile, c: &Profile, limit: usize) -> Option<Copies> {
    let (sr, sc) = (r.sample.as_ref()?, c.sample.as_ref()?);
    let cols = shared(r, c);
    let refs = sr.rows();
    let mut by_key: Vec<&SampledRow> = sc.rows();
    by_key.sort_by_key(|x| x.key);
    by_key.truncate(DCR_CANDIDATE_ROWS);
    by_key.sort_by_key(|x| x.line);
    let mut names_r: Vec<&String> = sr.names.iter().collect();
    let mut names_c: Vec<&String> = sc.names.iter().collect();
    names_r.sort();
    names_c.sort();
    let within = within_tolerance(&cols, &refs, &sc.rows());
    let mut out = Copies {
        count: 0,
        rate: 0.0,
        reference_rate: 0.0,
        method: String::new(),
        within_tolerance: within,
        dcr: dcr(&cols, &refs, &by_key, limit),
        evidence: Vec::new(),
    };
    if names_r == names_c && !sr.renamed && !sc.renamed {
        let level = sr.index.level().max(sc.index.level());
        let (mut copied, mut rows) = (0u64, 0u64);
        let mut pairs: Vec<(u64, u64)> = Vec::new();
        for (h, line, n) in sc.index.iter() {
            if !RowIndex::kept_at(h, level) {
                continue;
            }
            rows += n;
            if let Some((rl, _)) = sr.index.get(h) {
                copied += n;
                pairs.push((line, rl));
            }
        }
        let (mut own, mut own_rows) = (0u64, 0u64);
        for (h, _, n) in sr.index.iter() {
            if RowIndex::kept_at(h, level) {
                own += n - 1;
                own_rows += n;
            }
        }
        pairs.sort_unstable();
        let scale = (2f64).powi(level as i32);
        out.count = (copied as f64 * scale).round() as u64;
        out.rate = copied as f64 / rows.max(1) as f64;
        out.reference_rate = own as f64 / own_rows.max(1) as f64;
        out.method = if level == 0 {
            "all rows by hash".to_string()
        } else {
            format!("a 1/{} sample of rows by hash (relative error about 1/√{})", 1u64 << level.min(63), copied.max(1))
        };
        out.evidence = pairs
            .into_iter()
            .take(limit)
            .map(|(l, rl)| Evidence { line: l, value: format!("same as reference line {rl}") })
            .collect();
    } else {
        // Different columns: the shared columns of the row samples decide.
        let rate = within.unwrap_or(0.0);
        out.rate = rate;
        out.count = (rate * c.rows as f64).round() as u64;
        out.method = "row samples over the shared columns, numbers within 1%".to_string();
    }
    Some(out)
}
