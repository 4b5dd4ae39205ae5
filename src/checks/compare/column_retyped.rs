//! `column-retyped`: a column whose type differs between the files.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "column-retyped",
    family: "compare",
    severity: Severity::Warning,
    summary: "A column that is numeric (or boolean) in one file and not in the other; its shape is then not compared.",
    why: "A feature that changes type breaks the pipeline or is silently re-encoded: numbers written as words, or categories written as codes, train a different feature than the reference has.",
    example: "'age' is numeric in the reference and text in the candidate",
    threshold: ThresholdMeta { metric: "columns retyped", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    cx.cmp
        .schema
        .iter()
        .filter(|s| s.change == "retyped")
        .map(|s| {
            let (a, b) = (s.reference_type.unwrap_or("?"), s.candidate_type.unwrap_or("?"));
            let title = format!("'{}' is {a} in the reference but {b} in the candidate", s.column);
            let ev = vec![cx.ev(s.line, format!("first candidate value of '{}'", s.column))];
            cx.finding(vec![s.column.clone()], title, 1.0, ev, 1)
        })
        .collect()
}
