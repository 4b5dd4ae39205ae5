//! `bias-amplified`: an outcome disparity larger in the candidate than in the reference.

use super::Cx;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, pct};

pub const META: CheckMeta = CheckMeta {
    id: "bias-amplified",
    family: "compare",
    severity: Severity::Error,
    summary: "With a label and a sensitive column in both files (the same class compared): the candidate's parity difference (highest − lowest group rate) exceeds the reference's by at least 0.05 and by at least 25%, or its impact ratio drops below 0.8 while the reference's is at least 0.8; either way the gap between the candidate's lowest and highest groups must have grown by at least 3 standard errors over the same groups' gap in the reference (binomial errors of the four rates), so that sampling noise between small groups does not fire it.",
    why: "Generators amplify the biases of their source: a model trained on the synthetic set learns a larger gap between groups than the real world has, and its decisions widen it further.",
    example: "'sex': parity difference 0.19 in the reference, 0.31 in the candidate",
    threshold: ThresholdMeta { metric: "candidate parity difference − reference's", default: 0.05, comparison: Comparison::AtLeast, unit: Unit::Points },
    needs_label: true,
    params: &[
        Param { name: "relative", value: 0.25, meaning: "and at least this much larger, relatively" },
        Param { name: "impact_ratio", value: 0.8, meaning: "or the impact ratio falls below this from at least it" },
        Param { name: "min_z", value: 3.0, meaning: "and the gap's growth is at least this many standard errors" },
    ],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for b in &cx.cmp.bias {
        let (Some(pr), Some(pc)) = b.parity_difference else { continue };
        let by_pd = cx.fires(pc - pr) && pc >= (1.0 + META.param("relative")) * pr;
        let line = META.param("impact_ratio");
        let by_ir = matches!(b.impact_ratio, (Some(r), Some(c)) if r >= line && c < line);
        let significant = b.gap_z.is_some_and(|z| z >= META.param("min_z"));
        if !(by_pd || by_ir) || !significant {
            continue;
        }
        let ir = |x: Option<f64>| x.map_or("-".to_string(), fmt_metric);
        let title = format!(
            "'{}': the outcome gap widens from {} to {} (impact ratio {} to {})",
            b.sensitive.join(" × "),
            pct(pr),
            pct(pc),
            ir(b.impact_ratio.0),
            ir(b.impact_ratio.1)
        );
        let ev = vec![cx.ev(
            0,
            format!(
                "candidate: lowest rate {}, highest {}",
                b.lowest.clone().unwrap_or_default(),
                b.highest.clone().unwrap_or_default()
            ),
        )];
        let mut f = cx.finding(b.sensitive.clone(), title, pc - pr, ev, cx.candidate.rows);
        f.outcome = b.outcome.clone();
        f.severity = cx.severity(cx.reference.rows, cx.candidate.rows);
        out.push(f);
    }
    out
}
