//! `duplicate-rows`: exact duplicate rows.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "duplicate-rows",
    family: "quality",
    severity: Severity::Warning,
    summary: "Rows that repeat an earlier row exactly (every field identical).",
    why: "Duplicates weight some examples more than others, leak between train and test splits so evaluation looks better than it is, and in synthetic data are the first sign of mode collapse (the generator repeating itself).",
    example: "the same row on lines 10 and 2,048",
    threshold: ThresholdMeta { metric: "duplicate share of rows", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of repeats in a large table neither weights training nor leaks a split: a warning
    // from 1% of the rows or 1,000 repeated rows, else info.
    params: &[
        Param { name: "top_share", value: 0.01, meaning: "warning from this share of rows" },
        Param { name: "top_count", value: 1000.0, meaning: "or from this many repeated rows" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let rows = cx.profile.rows;
    let (dups, exact) = cx.profile.duplicates.repeats();
    if rows == 0 {
        return Vec::new();
    }
    let share = dups as f64 / rows as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let approx = if exact { "" } else { "about " };
    let verb = if dups == 1 { "repeats" } else { "repeat" };
    let title = format!("{approx}{} {verb} an earlier row exactly ({})", crate::fmt::plural(dups, "row"), pct(share));
    let ev: Vec<Evidence> = cx.profile.duplicates.examples().to_vec();
    let mut f = cx.finding(Vec::new(), title, share, ev, dups, !exact);
    f.severity = cx.sized(share, dups);
    vec![f]
}
