//! `diversity-collapse`: fewer distinct values (or texts less varied) than the reference's at the
//! same sample size.

use super::Cx;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, fmt_num};

pub const META: CheckMeta = CheckMeta {
    id: "diversity-collapse",
    family: "compare",
    severity: Severity::Warning,
    summary: "A column whose distinct values fall under 0.8 of the reference's at equal sample size (the reference's expected distinct count in a sample as large as the candidate, or the other way round), or a text field whose distinct-2 falls under 0.8 of the reference's, or whose compression ratio rises over 1.25 times it, at the same number of tokens.",
    why: "Synthetic data collapses in diversity: the same phrasings, the same handful of values. A model trained on it sees a narrower world than the real one and repeats the generator's habits.",
    example: "'response': distinct-2 0.41 against 0.78 in the reference at 100,000 tokens",
    threshold: ThresholdMeta { metric: "candidate distinct count / reference's at equal sample size", default: 0.8, comparison: Comparison::Below, unit: Unit::Ratio },
    needs_label: false,
    params: &[
        Param { name: "distinct2_ratio", value: 0.8, meaning: "text: candidate distinct-2 / reference's below this" },
        Param { name: "compression_ratio", value: 1.25, meaning: "text: candidate compression ratio / reference's above this" },
        Param { name: "min_distinct", value: 10.0, meaning: "columns with fewer distinct reference values are left to mode-collapse" },
    ],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let text_cols: Vec<&str> = cx.cmp.text.iter().map(|t| t.column.as_str()).collect();
    for c in &cx.cmp.columns {
        if text_cols.contains(&c.name.as_str()) {
            continue;
        }
        let Some((cand, refr)) = c.distinct else { continue };
        if refr < META.param("min_distinct") || refr <= 0.0 {
            continue;
        }
        let ratio = cand / refr;
        if !cx.fires(ratio) {
            continue;
        }
        let title = format!(
            "'{}' has {} distinct values where the reference has {} at the same size",
            c.name,
            fmt_num(cand),
            fmt_num(refr)
        );
        let ev = vec![cx.ev(
            0,
            format!("distinct: candidate {}, reference {} (at equal sample size)", fmt_num(cand), fmt_num(refr)),
        )];
        let mut f = cx.finding(vec![c.name.clone()], title, ratio, ev, c.n_candidate);
        f.severity = cx.severity(c.n_reference, c.n_candidate);
        out.push(f);
    }
    for t in &cx.cmp.text {
        let (Some(r), Some(c)) = (&t.diversity.0, &t.diversity.1) else { continue };
        let (Some(&d2r), Some(&d2c)) = (r.distinct.get(1), c.distinct.get(1)) else { continue };
        let d2 = if d2r > 0.0 { d2c / d2r } else { 1.0 };
        let cr = if r.compression_ratio > 0.0 { c.compression_ratio / r.compression_ratio } else { 1.0 };
        let by_d2 = d2 < META.param("distinct2_ratio");
        let by_cr = cr > META.param("compression_ratio");
        if !(by_d2 || by_cr) {
            continue;
        }
        let title = format!(
            "'{}' is less varied than the reference's: distinct-2 {} against {}, compression ratio {} against {} (at {} tokens)",
            t.column, fmt_metric(d2c), fmt_metric(d2r), fmt_metric(c.compression_ratio), fmt_metric(r.compression_ratio), crate::fmt::num(t.tokens)
        );
        let mut f = cx.finding(vec![t.column.clone()], title, d2, Vec::new(), t.values.1);
        f.metric_name = "candidate distinct-2 / reference's (same tokens)";
        f.threshold = META.param("distinct2_ratio");
        if !by_d2 {
            f.metric_name = "candidate compression ratio / reference's (same tokens)";
            f.metric = cr;
            f.comparison = Comparison::Above;
            f.threshold = META.param("compression_ratio");
        }
        f.evidence = vec![cx.ev(
            0,
            format!(
                "distinct-2 {} vs {}; NDS {} vs {}; compression ratio {} vs {}",
                fmt_metric(d2c),
                fmt_metric(d2r),
                fmt_metric(c.nds),
                fmt_metric(r.nds),
                fmt_metric(c.compression_ratio),
                fmt_metric(r.compression_ratio)
            ),
        )];
        f.severity = cx.severity(t.values.0, t.values.1);
        out.push(f);
    }
    out
}
