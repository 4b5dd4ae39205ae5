//! The comparison family: a candidate file (synthetic data, a test split, new data) against a
//! reference (its real source, train, old data), read from the two files' profiles.
//!
//! - [`columns`]: each shared column's shape, drift verdict and collapse figures;
//! - [`pairs`]: relationships between columns in each file;
//! - [`copies`]: candidate rows that copy reference rows (exactly, within 1 %, by distance);
//! - [`text`]: text fields' length, diversity, openers and copied texts;
//! - here: the schema (missing, extra and retyped columns), bias per file, and SDMetrics-style
//!   scores.

pub mod columns;
pub mod copies;
pub mod ks;
pub mod pairs;
pub mod text;

use crate::analysis::Analysis;
use crate::options::Options;
use crate::profile::Profile;
use serde::Serialize;

/// Non-missing values each file needs for a finding above info.
pub const MIN_VALUES: u64 = 500;
/// SDMetrics version whose quality report the scores follow.
pub const SDMETRICS_VERSION: &str = "0.32.0";

/// A column only one file has, or one whose type changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchemaChange {
    pub column: String,
    /// `missing` (only in the reference), `extra` (only in the candidate) or `retyped`.
    pub change: &'static str,
    pub reference_type: Option<&'static str>,
    pub candidate_type: Option<&'static str>,
    /// Line of the column's first value in the file that has it (candidate for `retyped`).
    pub line: u64,
}

/// Outcome disparity of one sensitive column in each file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BiasComparison {
    pub sensitive: Vec<String>,
    pub label: String,
    pub outcome: Option<String>,
    pub parity_difference: (Option<f64>, Option<f64>),
    pub impact_ratio: (Option<f64>, Option<f64>),
    /// The groups with the lowest and highest rate in the candidate.
    pub lowest: Option<String>,
    pub highest: Option<String>,
    /// The gap between those two groups in the reference, its change in the candidate, and that
    /// change over its standard error (the two files' four group rates, binomial).
    pub reference_gap: Option<f64>,
    pub gap_change: Option<f64>,
    pub gap_z: Option<f64>,
}

/// SDMetrics-style quality scores (0–100).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Mean of KSComplement (numbers) and TVComplement (categories) over the shared columns.
    pub column_shapes: Option<f64>,
    /// As SDMetrics' quality report: the mean similarity over the pairs whose reference
    /// relationship is not weak (|r| > 0.5, or V > 0.3), numbers binned by each file's range.
    pub column_pair_trends: Option<f64>,
    /// Pairs counted there, of all compared.
    pub pairs_counted: (u64, u64),
    /// The mean of CorrelationSimilarity and ContingencySimilarity (reference bins) over every
    /// pair compared, weak ones included.
    pub column_pair_trends_all: Option<f64>,
    pub overall: Option<f64>,
    /// What the scores follow.
    pub method: String,
}

/// Everything the comparison found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub schema: Vec<SchemaChange>,
    pub columns: Vec<columns::ColumnComparison>,
    pub pairs: Vec<pairs::PairComparison>,
    pub copies: Option<copies::Copies>,
    pub bias: Vec<BiasComparison>,
    pub scores: Scores,
    pub text: Vec<text::TextComparison>,
    /// Columns that drift, and all compared.
    pub drifted: (u64, u64),
}

/// A column's type as the schema comparison names it (integers and floats are both numeric).
fn type_name(c: &crate::profile::column::Column) -> &'static str {
    if columns::is_numeric(c) {
        return "numeric";
    }
    match c.types.inferred() {
        "integer" | "float" => "numeric",
        t => t,
    }
}

/// Compares two finished profiles and their analyses.
pub fn analyze(r: &Profile, c: &Profile, ra: &Analysis, ca: &Analysis, opts: &Options) -> Comparison {
    let mut schema = Vec::new();
    let mut cols = Vec::new();
    for col in &r.columns {
        match c.column(&col.name) {
            None => schema.push(SchemaChange {
                column: col.name.clone(),
                change: "missing",
                reference_type: Some(type_name(col)),
                candidate_type: None,
                line: col.first_line,
            }),
            Some(other) => {
                let (tr, tc) = (type_name(col), type_name(other));
                let known = col.non_missing() > 0 && other.non_missing() > 0;
                if known && tr != tc && (tr == "numeric" || tc == "numeric" || tr == "boolean" || tc == "boolean") {
                    schema.push(SchemaChange {
                        column: col.name.clone(),
                        change: "retyped",
                        reference_type: Some(tr),
                        candidate_type: Some(tc),
                        line: other.first_line,
                    });
                    continue;
                }
                if known {
                    cols.push(columns::compare(col, other, r.rows));
                }
            }
        }
    }
    for col in &c.columns {
        if r.column(&col.name).is_none() {
            schema.push(SchemaChange {
                column: col.name.clone(),
                change: "extra",
                reference_type: None,
                candidate_type: Some(type_name(col)),
                line: col.first_line,
            });
        }
    }
    let axes = pairs::axes(r, c);
    let pairs = pairs::compare(r, c, &axes);
    let copies = copies::analyze(r, c, opts.evidence_limit);
    let bias = bias(ra, ca);
    let text = text::compare(r, c, &ra.text, &ca.text, opts.near_duplicate_threshold, opts.evidence_limit);
    let scores = scores(&cols, &pairs);
    let drifted = (cols.iter().filter(|x| x.drift.drifted).count() as u64, cols.len() as u64);
    Comparison { schema, columns: cols, pairs, copies, bias, scores, text, drifted }
}

fn bias(ra: &Analysis, ca: &Analysis) -> Vec<BiasComparison> {
    let mut out = Vec::new();
    for dr in &ra.fairness.bias {
        let Some(dc) = ca.fairness.bias.iter().find(|d| d.sensitive == dr.sensitive && d.label == dr.label) else {
            continue;
        };
        if dr.outcome != dc.outcome {
            continue;
        }
        // The candidate's extreme groups, and the same two groups in the reference.
        let rate = |d: &crate::analysis::fairness::Disparity, g: &Option<String>| {
            g.as_ref().and_then(|g| d.groups.iter().find(|x| &x.value == g)).and_then(|x| x.rate.map(|r| (r, x.count)))
        };
        let (lo_c, hi_c, lo_r, hi_r) =
            (rate(dc, &dc.lowest), rate(dc, &dc.highest), rate(dr, &dc.lowest), rate(dr, &dc.highest));
        let (mut reference_gap, mut gap_change, mut gap_z) = (None, None, None);
        if let (Some(lc), Some(hc), Some(lr), Some(hr)) = (lo_c, hi_c, lo_r, hi_r) {
            let var = |(p, n): (f64, u64)| p * (1.0 - p) / n.max(1) as f64;
            let change = (hc.0 - lc.0) - (hr.0 - lr.0);
            let se = (var(lc) + var(hc) + var(lr) + var(hr)).sqrt();
            reference_gap = Some(hr.0 - lr.0);
            gap_change = Some(change);
            gap_z = (se > 0.0).then(|| change / se);
        }
        out.push(BiasComparison {
            sensitive: dr.sensitive.clone(),
            label: dr.label.clone(),
            outcome: dr.outcome.clone(),
            parity_difference: (dr.parity_difference, dc.parity_difference),
            impact_ratio: (dr.impact_ratio, dc.impact_ratio),
            lowest: dc.lowest.clone(),
            highest: dc.highest.clone(),
            reference_gap,
            gap_change,
            gap_z,
        });
    }
    out
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn scores(cols: &[columns::ColumnComparison], pairs: &[pairs::PairComparison]) -> Scores {
    let shapes: Vec<f64> = cols
        .iter()
        .filter_map(|c| match c.kind {
            columns::Kind::Numeric => c.ks.map(|d| 1.0 - d),
            columns::Kind::Categorical => c.tvd.map(|t| 1.0 - t),
        })
        .collect();
    let trends: Vec<f64> = pairs.iter().filter(|p| p.meets_threshold).filter_map(|p| p.report_similarity).collect();
    let all: Vec<f64> = pairs.iter().filter_map(|p| p.similarity).collect();
    let (s, t) = (mean(&shapes), mean(&trends));
    let overall = match (s, t) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        (a, b) => a.or(b),
    };
    Scores {
        column_shapes: s.map(|x| x * 100.0),
        column_pair_trends: t.map(|x| x * 100.0),
        pairs_counted: (trends.len() as u64, pairs.len() as u64),
        column_pair_trends_all: mean(&all).map(|x| x * 100.0),
        overall: overall.map(|x| x * 100.0),
        method: format!(
            "SDMetrics {SDMETRICS_VERSION} QualityReport: Column Shapes = mean KSComplement / TVComplement; Column Pair Trends = mean CorrelationSimilarity (Pearson) / ContingencySimilarity (numbers in 10 bins of each file's own range) over the pairs that are not weak (reference |r| > 0.5 or V > 0.3: weak pairs are left out, as recent versions do); column_pair_trends_all averages every pair with reference bins"
        ),
    }
}
