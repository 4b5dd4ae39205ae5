//! `dataset-drift`: at least half of the shared columns drift.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "dataset-drift",
    family: "compare",
    severity: Severity::Error,
    summary: "At least the threshold share of the shared columns drift (Evidently's dataset drift: 50% of the columns by default); each column's `drift` finding says how.",
    why: "When most features moved, the candidate is a different dataset, not a sample of the reference: a model trained on one is not validated by the other, and a synthetic set this far from its source does not stand in for it.",
    example: "9 of 15 columns drift (60%)",
    threshold: ThresholdMeta { metric: "share of shared columns that drift", default: 0.5, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let (drifted, all) = cx.cmp.drifted;
    if all == 0 {
        return Vec::new();
    }
    let share = drifted as f64 / all as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let names: Vec<String> = cx.cmp.columns.iter().filter(|c| c.drift.drifted).map(|c| c.name.clone()).collect();
    let title = format!("{drifted} of {all} shared columns drift ({})", pct(share));
    let ev = vec![cx.ev(0, format!("drifting: {}", names.join(", ")))];
    let mut f = cx.finding(names, title, share, ev, drifted);
    f.severity = cx.severity(cx.reference.rows, cx.candidate.rows);
    vec![f]
}
