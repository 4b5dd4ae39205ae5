//! `repetitive-text`: long values that loop on the same lines or phrases.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "repetitive-text",
    family: "text",
    severity: Severity::Warning,
    summary: "Values of at least 50 words over one of the Gopher repetition limits, with datatrove's definitions: duplicate lines or paragraphs over 30% of them, or their characters over 20% of the value; the most frequent 2-, 3-, 4-gram's characters over 20%, 18%, 16%; duplicated 5- to 10-gram characters (non-overlapping scan) over 15% down to 10%. Character shares are of the value's length (datatrove; Dolma defines them differently). A value whose repeated span holds no letters (a table's pipes, a grid of digits) is counted in the text section but not reported.",
    why: "Degenerate loops are what a base model writes when it does not know when to stop; trained on, they teach a model to loop. Quality filters for pretraining (Gopher, FineWeb) drop such documents for the same reason.",
    example: "Sincerely, Sincerely, Sincerely, … (top 2-gram covers 97% of the characters)",
    threshold: ThresholdMeta { metric: "share of values of 50+ words over a repetition limit", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &cx.text.fields {
        let Some(acc) = cx.acc(f) else { continue };
        let (n, checked) = (acc.repetitive.count, acc.repetition_checked);
        if n == 0 || checked == 0 || !cx.fires(n as f64 / checked as f64) {
            continue;
        }
        let share = n as f64 / checked as f64;
        let title = format!(
            "'{}': {} of {} values of 50+ words repeat themselves ({})",
            f.column,
            num(n),
            num(checked),
            pct(share)
        );
        let ev = acc.repetitive.evidence.iter().take(cx.limit()).cloned().collect();
        let mut finding = cx.finding(vec![f.column.clone()], title, share, ev, n, false);
        finding.severity = cx.sized(share, n);
        out.push(finding);
    }
    out
}
