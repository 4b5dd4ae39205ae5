//! `truncated-output`: answers cut off before their end.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "truncated-output",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers and assistant turns that do not end like finished text (no final . ! ? quote, bracket or closing code fence) and either leave a code fence open or, at 50+ words, have a length within 2% of at least 4 other unfinished answers (a plateau: a length limit cut them all).",
    why: "Answers cut at a token limit teach a model to stop mid-sentence; the plateau of equal lengths is the signature of a generation limit, not of how people write.",
    example: "… and the next step in the process is to (a 4,899-character answer among six of 4,850–4,950)",
    threshold: ThresholdMeta { metric: "share of answers truncated", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in cx.text.fields.iter().filter(|f| f.is_answer()) {
        let n = f.truncated_lines.len() as u64;
        let share = n as f64 / f.values.max(1) as f64;
        if n == 0 || !cx.fires(share) {
            continue;
        }
        let title = format!("'{}': {} answers are cut off ({})", f.column, num(n), pct(share));
        let ev = f
            .truncated_lines
            .iter()
            .take(cx.limit())
            .map(|&(line, chars, why)| Evidence {
                line,
                value: format!("{} characters, unfinished, with {why}", num(chars)),
            })
            .collect();
        let mut finding = cx.finding(vec![f.column.clone()], title, share, ev, n, false);
        finding.severity = cx.sized(share, n);
        out.push(finding);
    }
    out
}
