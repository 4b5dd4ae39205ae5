//! `copied-rows`: candidate rows equal to reference rows.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "copied-rows",
    family: "compare",
    severity: Severity::Error,
    summary: "Candidate rows equal to a reference row (every shared column, after trimming and with numbers compared as numbers) more often than the reference repeats its own rows, by at least the threshold (percentage points). Rows are matched by hash over every row; with different columns, on the row samples over the shared columns, numbers within 1%.",
    why: "Synthetic data that copies its real source leaks the people in it (a privacy breach, not an imitation), and a test set that copies train rows makes evaluation measure memory instead of generalisation.",
    example: "5.0% of candidate rows copy a reference row (the reference repeats 0.1% of its own)",
    threshold: ThresholdMeta { metric: "copied share − the reference's own duplicate share (points)", default: 0.005, comparison: Comparison::AtLeast, unit: Unit::Points },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let Some(c) = &cx.cmp.copies else { return Vec::new() };
    let excess = c.rate - c.reference_rate;
    if !cx.fires(excess) {
        return Vec::new();
    }
    let title = format!(
        "{} candidate rows ({}) copy a reference row; the reference repeats {} of its own",
        crate::fmt::num(c.count),
        pct(c.rate),
        pct(c.reference_rate)
    );
    let mut f = cx.finding(Vec::new(), title, excess, c.evidence.clone(), c.count);
    f.approximate = c.method != "all rows by hash";
    f.severity = cx.severity(cx.reference.rows, cx.candidate.rows);
    vec![f]
}
