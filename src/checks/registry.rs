//! The only place check ids live. Each check's words are data here, so the page, the JSON
//! report and `datalint explain ID` show the same text. Ids are never reused.

use super::Context;
use crate::finding::{Comparison, Finding, Severity};
use serde::Serialize;

/// A check's threshold: what is compared, with what, by default.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ThresholdMeta {
    /// What the metric measures.
    pub metric: &'static str,
    pub default: f64,
    pub comparison: Comparison,
}

/// A check's fixed documentation.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CheckMeta {
    pub id: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    /// What it checks.
    pub summary: &'static str,
    /// Why it matters for training.
    pub why: &'static str,
    /// A small example that fires.
    pub example: &'static str,
    pub threshold: ThresholdMeta,
    /// Whether it needs a declared label column.
    pub needs_label: bool,
}

pub type Run = fn(&Context<'_>) -> Vec<Finding>;

macro_rules! checks {
    ($($m:ident),* $(,)?) => {
        /// Every check, in report order.
        pub const ALL: &[(&CheckMeta, Run)] = &[$((&super::$m::META, super::$m::run)),*];
    };
}

checks!(
    ragged_rows,
    invalid_encoding,
    invalid_json_line,
    unreadable_data,
    bad_header,
    schema_drift,
    empty_column,
    constant_column,
    missing_values,
    duplicate_rows,
    mixed_types,
    whitespace,
    id_like_column,
    high_cardinality,
    outliers,
    skewed,
    class_imbalance,
    conflicting_labels,
    underrepresented_group,
    label_disparity,
    proxy_for_sensitive,
    missingness_disparity,
);

/// The documentation of one check.
pub fn meta(id: &str) -> Option<&'static CheckMeta> {
    ALL.iter().map(|(m, _)| *m).find(|m| m.id == id)
}
