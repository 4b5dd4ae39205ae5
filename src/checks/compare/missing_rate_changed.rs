//! `missing-rate-changed`: a column's missing share moved between the files.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "missing-rate-changed",
    family: "compare",
    severity: Severity::Warning,
    summary: "A shared column whose share of missing values differs between the files by at least the threshold (percentage points, either way).",
    why: "Missing values carry information (who skipped a question, which source lacked a field); a generator that fills every gap, or a new source that leaves more blank, changes what the model learns from absence.",
    example: "'occupation' is missing in 5.7% of the reference and 0% of the candidate",
    threshold: ThresholdMeta { metric: "change in missing share (points, absolute)", default: 0.05, comparison: Comparison::AtLeast, unit: Unit::Points },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &cx.cmp.columns {
        if !cx.fires(c.missing_change.abs()) {
            continue;
        }
        let (Some(r), Some(k)) = (cx.reference.column(&c.name), cx.candidate.column(&c.name)) else { continue };
        let share = |x: &crate::profile::column::Column| x.missing as f64 / x.present.max(1) as f64;
        let title = format!(
            "'{}' is missing in {} of the reference rows and {} of the candidate's",
            c.name,
            pct(share(r)),
            pct(share(k))
        );
        let ev = k.ev_missing.iter().take(cx.opts.evidence_limit).cloned().collect();
        let mut f = cx.finding(vec![c.name.clone()], title, c.missing_change.abs(), ev, k.missing);
        f.severity = cx.severity(r.present, k.present);
        out.push(f);
    }
    out
}
