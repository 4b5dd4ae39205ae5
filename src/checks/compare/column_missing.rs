//! `column-missing`: a reference column the candidate lacks.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "column-missing",
    family: "compare",
    severity: Severity::Warning,
    summary: "A column of the reference that the candidate does not have (columns are matched by name).",
    why: "A model trained on the candidate never sees the feature, and code written for the reference breaks on it; a generator that drops a column cannot have learned its relationships.",
    example: "reference column 'income' is absent from the candidate",
    threshold: ThresholdMeta { metric: "reference columns missing", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let missing: Vec<_> = cx.cmp.schema.iter().filter(|s| s.change == "missing").collect();
    if !cx.fires(missing.len() as f64) {
        return Vec::new();
    }
    let names: Vec<String> = missing.iter().map(|s| s.column.clone()).collect();
    let title = format!(
        "The candidate lacks {} of the reference: {}",
        crate::fmt::plural(names.len() as u64, "column"),
        names.join(", ")
    );
    let ev = missing
        .iter()
        .take(cx.opts.evidence_limit)
        .map(|s| {
            cx.ev(
                s.line,
                format!("reference column '{}' ({}) first has a value here", s.column, s.reference_type.unwrap_or("?")),
            )
        })
        .collect();
    vec![cx.finding(names, title, missing.len() as f64, ev, missing.len() as u64)]
}
