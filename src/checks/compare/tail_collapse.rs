//! `tail-collapse`: the candidate's values keep to the middle of the reference's range.

use super::Cx;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, pct};

pub const META: CheckMeta = CheckMeta {
    id: "tail-collapse",
    family: "compare",
    severity: Severity::Warning,
    summary: "A numeric column whose candidate values leave the reference's [p5, p95] less than half as often as the reference's own do (10% without ties), or whose std is under 0.8 of the reference's.",
    why: "Generators regress to the mean: rare, extreme cases (the very old, the very rich, long stays) are what a model most needs to see and what synthetic data loses first, so a model trained on it fails on exactly those cases.",
    example: "'age': 3.1% of candidate values outside the reference's [p5, p95], against 9.8%",
    threshold: ThresholdMeta { metric: "candidate share outside the reference's [p5, p95] / the reference's own", default: 0.5, comparison: Comparison::Below, unit: Unit::Ratio },
    needs_label: false,
    params: &[Param { name: "std_ratio", value: 0.8, meaning: "or candidate std / reference std below this" }],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &cx.cmp.columns {
        let Some((refr, cand)) = c.tail else { continue };
        let ratio = if refr > 0.0 { cand / refr } else { 1.0 };
        let std_ratio = c.std_ratio.unwrap_or(1.0);
        let by_tail = refr > 0.0 && cx.fires(ratio);
        let by_std = std_ratio < META.param("std_ratio");
        if !(by_tail || by_std) {
            continue;
        }
        let title = format!(
            "'{}' loses its tails: {} of candidate values lie outside the reference's [p5, p95] against {} of the reference's; std ratio {}",
            c.name, pct(cand), pct(refr), fmt_metric(std_ratio)
        );
        let mut f = cx.finding(vec![c.name.clone()], title, ratio, Vec::new(), c.n_candidate);
        if !by_tail {
            f.metric_name = "candidate std / reference std";
            f.metric = std_ratio;
            f.threshold = META.param("std_ratio");
        }
        f.evidence = vec![cx.ev(
            0,
            format!(
                "outside [p5, p95]: reference {}, candidate {}; std ratio {}",
                pct(refr),
                pct(cand),
                fmt_metric(std_ratio)
            ),
        )];
        f.approximate = !c.exact;
        f.severity = cx.severity(c.n_reference, c.n_candidate);
        out.push(f);
    }
    out
}
