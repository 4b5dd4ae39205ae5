//! `mode-collapse`: one value takes over a column in the candidate.

use super::Cx;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "mode-collapse",
    family: "compare",
    severity: Severity::Warning,
    summary: "The candidate's most frequent value of a column holds at least 10 points more of the values than it does in the reference, and at least 1.5 times its reference share.",
    why: "A generator that falls back on its favourite value (the majority class, a default, a template) teaches the model that value is more common than it is and starves every other.",
    example: "'workclass' = Private: 92% of the candidate against 70% of the reference",
    threshold: ThresholdMeta { metric: "growth of the top value's share (points)", default: 0.10, comparison: Comparison::AtLeast, unit: Unit::Points },
    needs_label: false,
    params: &[Param { name: "ratio", value: 1.5, meaning: "and the candidate share at least this times the reference's" }],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &cx.cmp.columns {
        let Some((value, cand, refr)) = &c.top else { continue };
        let growth = cand - refr;
        if !cx.fires(growth) || *cand < META.param("ratio") * refr {
            continue;
        }
        let title = format!(
            "'{}' = {value:?} holds {} of the candidate against {} of the reference",
            c.name,
            pct(*cand),
            pct(*refr)
        );
        let ev = vec![cx.ev(0, format!("{value:?}: candidate {}, reference {}", pct(*cand), pct(*refr)))];
        let mut f = cx.finding(vec![c.name.clone()], title, growth, ev, (cand * c.n_candidate as f64).round() as u64);
        f.approximate = !c.exact;
        f.severity = cx.severity(c.n_reference, c.n_candidate);
        out.push(f);
    }
    out
}
