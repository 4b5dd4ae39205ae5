//! Findings: plain data shared by the CLI, the wasm bindings and every rendering.

use serde::{Deserialize, Serialize};

/// One evidence row: a 1-based physical line and what is there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub line: u64,
    pub value: String,
}

/// Appends an evidence row while fewer than `limit` are kept; the value is only built then.
pub fn push_evidence(v: &mut Vec<Evidence>, limit: usize, line: u64, value: impl FnOnce() -> String) {
    if v.len() < limit {
        v.push(Evidence { line, value: value() });
    }
}

/// What a metric's number is, so that every rendering (text, Markdown, the page) formats it the
/// same way without guessing from the metric's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A share of rows or values in [0, 1], shown as a percentage.
    Share,
    /// A difference of two shares (percentage points), in [-1, 1].
    Points,
    /// A whole number of things.
    Count,
    /// A ratio of two like quantities (impact ratio, distinct per value).
    Ratio,
    /// A test statistic or effect size (skewness, Cramér's V, a standardised difference).
    Statistic,
}

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How a metric is compared with its threshold to fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Comparison {
    #[serde(rename = ">")]
    Above,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "<=")]
    AtMost,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Above => ">",
            Comparison::AtLeast => ">=",
            Comparison::Below => "<",
            Comparison::AtMost => "<=",
        }
    }
    pub fn fires(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Above => value > threshold,
            Comparison::AtLeast => value >= threshold,
            Comparison::Below => value < threshold,
            Comparison::AtMost => value <= threshold,
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable check id (see `datalint explain`).
    pub id: &'static str,
    pub severity: Severity,
    pub columns: Vec<String>,
    /// One line, specific to this data.
    pub title: String,
    /// Why it matters for a model trained on the data.
    pub explanation: &'static str,
    /// What the metric measures (e.g. "missing share").
    pub metric_name: &'static str,
    /// The figure that triggered the finding.
    pub metric: f64,
    pub comparison: Comparison,
    pub threshold: f64,
    /// What the metric and threshold are (share, points, count, ratio, statistic).
    pub unit: Unit,
    /// Up to the evidence limit: lines (1-based physical) and values.
    pub evidence: Vec<Evidence>,
    /// How many rows are affected in all (evidence is capped).
    pub evidence_total: u64,
    /// Whether the metric comes from a sketch.
    pub approximate: bool,
    /// For outcome-disparity findings: the label class whose rate is compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}
