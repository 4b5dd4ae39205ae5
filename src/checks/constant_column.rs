//! `constant-column`: columns with a single value.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "constant-column",
    family: "quality",
    severity: Severity::Warning,
    summary: "Columns whose non-missing values are all the same.",
    why: "A constant feature cannot help a model tell examples apart; in synthetic data it often means the generator collapsed a field to one template value, and in real data that a filter upstream removed all variety.",
    example: "country = US in every row",
    threshold: ThresholdMeta { metric: "distinct values", default: 2.0, comparison: Comparison::Below, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        // An array column is profiled by its arrays' lengths: a constant length (one instance per
        // record, a fixed embedding size) is not a constant value.
        .filter(|c| c.non_missing() > 1 && !c.array_lengths)
        .filter_map(|c| {
            let d = c.freq.distinct();
            if !cx.fires(d as f64) {
                return None;
            }
            let values: Vec<String> = c.freq.top(3).into_iter().map(|t| format!("'{}'", t.0)).collect();
            let title = if d == 1 {
                format!(
                    "'{}' has one value in all {} non-missing rows: {}",
                    c.name,
                    num(c.non_missing()),
                    values.join("")
                )
            } else {
                format!(
                    "'{}' has only {} distinct values in {} rows: {}",
                    c.name,
                    d,
                    num(c.non_missing()),
                    values.join(", ")
                )
            };
            let ev: Vec<Evidence> = c.ev_family.iter().flatten().take(cx.limit()).cloned().collect();
            Some(cx.finding(vec![c.name.clone()], title, d as f64, ev, c.non_missing(), !c.freq.is_exact()))
        })
        .collect()
}
