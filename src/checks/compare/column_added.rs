//! `column-added`: a candidate column the reference lacks.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "column-added",
    family: "compare",
    severity: Severity::Info,
    summary: "A column of the candidate that the reference does not have (columns are matched by name).",
    why: "A column with nothing to compare against is unvalidated: a generator's extra field (an id, a score, a prompt echo) can leak into training unnoticed.",
    example: "candidate column 'generation_id' is not in the reference",
    threshold: ThresholdMeta { metric: "candidate columns added", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let extra: Vec<_> = cx.cmp.schema.iter().filter(|s| s.change == "extra").collect();
    if !cx.fires(extra.len() as f64) {
        return Vec::new();
    }
    let names: Vec<String> = extra.iter().map(|s| s.column.clone()).collect();
    let title = format!(
        "The candidate has {} the reference lacks: {}",
        crate::fmt::plural(names.len() as u64, "column"),
        names.join(", ")
    );
    let ev = extra
        .iter()
        .take(cx.opts.evidence_limit)
        .map(|s| {
            cx.ev(
                s.line,
                format!("candidate column '{}' ({}) first has a value here", s.column, s.candidate_type.unwrap_or("?")),
            )
        })
        .collect();
    vec![cx.finding(names, title, extra.len() as f64, ev, extra.len() as u64)]
}
