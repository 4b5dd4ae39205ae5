//! `conflicting-labels`: identical features with different labels.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "conflicting-labels",
    family: "quality",
    severity: Severity::Error,
    summary: "Groups of rows whose feature values are all identical but whose labels differ.",
    why: "The same input with two answers is label noise the model cannot fit: it caps the accuracy any model can reach, and in synthetic or crowd-labelled data it exposes generators or annotators that disagree. Resolve each group (majority vote, review) or drop it.",
    example: "two identical rows, one labelled <=50K and one >50K",
    threshold: ThresholdMeta { metric: "share of rows in conflicting groups", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: true,
    // A few conflicting rows in a large table cannot cap what a model learns: an error from 1% of
    // the rows or 1,000 rows, a warning from 0.1% or 100 rows, else info.
    params: &[
        Param { name: "top_share", value: 0.01, meaning: "error from this share of rows in conflicting groups" },
        Param { name: "top_count", value: 1000.0, meaning: "or from this many rows" },
        Param { name: "mid_share", value: 0.001, meaning: "warning from this share" },
        Param { name: "mid_count", value: 100.0, meaning: "or from this many rows" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(conf) = cx.profile.conflicts.as_ref() else {
        return Vec::new();
    };
    let rows = cx.profile.rows;
    let (groups, in_groups, exact) = conf.groups();
    if rows == 0 || groups == 0 {
        return Vec::new();
    }
    let share = in_groups as f64 / rows as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let approx = if exact { "" } else { "about " };
    let label = cx.profile.label.clone().unwrap_or_default();
    let (what, verb) = if groups == 1 { ("group", "carries") } else { ("groups", "carry") };
    let title = format!(
        "{approx}{} {what} of identical features {verb} different '{label}' labels ({}, {})",
        num(groups),
        crate::fmt::plural(in_groups, "row"),
        pct(share)
    );
    let ev: Vec<Evidence> = conf.examples().to_vec();
    let mut f = cx.finding(vec![label], title, share, ev, in_groups, !exact);
    f.severity = cx.sized(share, in_groups);
    vec![f]
}
