//! `copied-text`: candidate texts that reproduce a reference text.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta, TEXT_STEPS};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, pct};

pub const META: CheckMeta = CheckMeta {
    id: "copied-text",
    family: "compare",
    severity: Severity::Warning,
    summary: "Candidate texts whose MinHash estimate of Jaccard similarity with some reference text of the same field is at least the near-duplicate threshold (0.8): the synthetic set reproduces its seed or real examples. The first 200,000 texts of each file are compared (LSH, 16 bands of 8 rows).",
    why: "A generator that reproduces its seed or real examples adds no new data and leaks the originals; a test set that repeats train texts inflates evaluation.",
    example: "41 candidate responses (16%) reproduce a reference response",
    threshold: ThresholdMeta { metric: "share of candidate texts copying a reference text", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &TEXT_STEPS,
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.cmp.text {
        if t.examined.0 == 0 {
            continue;
        }
        let share = t.copied as f64 / t.examined.0 as f64;
        if !cx.fires(share) {
            continue;
        }
        let title = format!(
            "{} candidate '{}' texts ({}) reproduce a reference text",
            crate::fmt::num(t.copied),
            t.column,
            pct(share)
        );
        let ev = t
            .copied_pairs
            .iter()
            .take(cx.opts.evidence_limit)
            .map(|&(l, rl, e)| cx.ev(l, format!("estimate {} with reference line {rl}", fmt_metric(e))))
            .collect();
        let mut f = cx.finding(vec![t.column.clone()], title, share, ev, t.copied);
        f.approximate = true;
        let steps = share >= META.param("top_share") || t.copied as f64 >= META.param("top_count");
        f.severity = if steps { cx.severity(t.values.0, t.values.1).max(Severity::Info) } else { Severity::Info };
        out.push(f);
    }
    out
}
