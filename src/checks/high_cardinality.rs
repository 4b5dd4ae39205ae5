//! `high-cardinality`: categorical columns with very many values.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "high-cardinality",
    family: "quality",
    severity: Severity::Info,
    summary: "Categorical columns with at least 100 distinct values that make up a large share of the rows (identifier-like columns are left to id-like-column).",
    why: "One-hot encoding a high-cardinality column explodes the feature space, most categories are seen a handful of times so the model memorises them, and unseen values at inference time have no representation. Group rare values, hash them, or learn an embedding.",
    example: "city with 8,000 values over 10,000 rows",
    threshold: ThresholdMeta { metric: "distinct values per non-missing value", default: 0.5, comparison: Comparison::AtLeast, unit: Unit::Ratio },
    needs_label: false,
    params: &[],
};

/// Fewer distinct values than this are never high-cardinality.
const MIN_DISTINCT: u64 = 100;

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| c.types.inferred() == "categorical" && c.non_missing() > 0)
        .filter(|c| !super::id_like_column::fires_for(cx, c))
        .filter_map(|c| {
            let d = c.freq.distinct();
            let share = d as f64 / c.non_missing() as f64;
            if d < MIN_DISTINCT || !cx.fires(share) {
                return None;
            }
            let title = format!(
                "'{}' has {} distinct values over {} rows ({} of rows)",
                c.name,
                num(d),
                num(c.non_missing()),
                pct(share)
            );
            let ev: Vec<Evidence> = c.ev_family.iter().flatten().take(cx.limit()).cloned().collect();
            Some(cx.finding(vec![c.name.clone()], title, share, ev, d, !c.freq.is_exact()))
        })
        .collect()
}
