//! `near-copies`: candidate rows much closer to a reference row than reference rows are to
//! each other.

use super::Cx;
use crate::analysis::compare::copies::NEAR;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, pct};

pub const META: CheckMeta = CheckMeta {
    id: "near-copies",
    family: "compare",
    severity: Severity::Warning,
    summary: "The share of candidate rows (exact copies aside: those are `copied-rows`) whose distance to the closest reference row (DCR, as SDMetrics: per column |difference| / reference range capped at 1, categories 0 or 1, missing against a value 1; the mean over columns) is under 0.01 is at least twice, and at least 1 point above, that of reference rows against the rest of the reference. On seeded samples of at most 2,000 candidate and 20,000 reference rows.",
    why: "A generator that perturbs real rows slightly (a year added, a digit changed) copies them in all but name: the privacy risk of copying, hidden from exact matching.",
    example: "6.2% of candidate rows lie within 0.01 of a reference row, against 0.4% of reference rows",
    threshold: ThresholdMeta { metric: "share of candidate rows with 0 < DCR < 0.01", default: 2.0, comparison: Comparison::AtLeast, unit: Unit::Ratio },
    needs_label: false,
    params: &[
        Param { name: "dcr", value: NEAR, meaning: "a row this close to a reference row is a near-copy" },
        Param { name: "min_points", value: 0.01, meaning: "and the candidate share at least this above the reference's" },
    ],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let Some(d) = cx.cmp.copies.as_ref().and_then(|c| c.dcr.as_ref()) else { return Vec::new() };
    let ratio = if d.reference_near > 0.0 {
        d.candidate_near / d.reference_near
    } else if d.candidate_near > 0.0 {
        f64::INFINITY
    } else {
        0.0
    };
    if !cx.fires(ratio) || d.candidate_near - d.reference_near < META.param("min_points") {
        return Vec::new();
    }
    let title = format!(
        "{} of sampled candidate rows lie within {} of a reference row without copying it, against {} of reference rows",
        pct(d.candidate_near),
        NEAR,
        pct(d.reference_near)
    );
    let ev = d
        .closest
        .iter()
        .filter(|x| x.2 > 0.0 && x.2 < NEAR)
        .take(cx.opts.evidence_limit)
        .map(|&(l, rl, v)| cx.ev(l, format!("DCR {} to reference line {rl}", fmt_metric(v))))
        .collect();
    let total = (d.candidate_near * d.candidate_rows as f64).round() as u64;
    let mut f = cx.finding(Vec::new(), title, d.candidate_near.min(1.0), ev, total);
    f.metric_name = "share of candidate rows with 0 < DCR < 0.01";
    f.threshold = META.param("min_points") + d.reference_near.max(d.reference_near * 2.0);
    f.metric = d.candidate_near;
    f.unit = Unit::Share;
    f.approximate = true;
    f.severity = cx.severity(cx.reference.rows, cx.candidate.rows);
    vec![f]
}
