//! `correlation-not-preserved`: a relationship between two columns that the candidate does not
//! keep.

use super::Cx;
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::fmt_metric;

pub const META: CheckMeta = CheckMeta {
    id: "correlation-not-preserved",
    family: "compare",
    severity: Severity::Warning,
    summary: "A pair of columns whose relationship in the reference (Pearson's |r| for two numeric columns, Cramér's V on the 10 most frequent values plus other otherwise, at least 0.3) changes by at least 0.2 in the candidate. Pairs of Cramér's V whose numeric column drifts are left to `drift` (its binned marginal moved, not the relationship).",
    why: "A model learns relationships, not columns: synthetic data that gets each column right but breaks how they move together (or flips a correlation) teaches the wrong dependence.",
    example: "'age' and 'hours-per-week': r 0.42 in the reference, -0.05 in the candidate",
    threshold: ThresholdMeta { metric: "change in |r| or V", default: 0.2, comparison: Comparison::AtLeast, unit: Unit::Statistic },
    needs_label: false,
    params: &[Param { name: "min_reference", value: 0.3, meaning: "reference |r| or V at least this" }],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let drifted = |n: &str| {
        cx.cmp
            .columns
            .iter()
            .any(|c| c.name == n && c.drift.drifted && c.kind == crate::analysis::compare::columns::Kind::Numeric)
    };
    let mut out = Vec::new();
    for p in &cx.cmp.pairs {
        let (Some(r), Some(c)) = (p.reference, p.candidate) else { continue };
        let change = (c - r).abs();
        if r.abs() < META.param("min_reference") || !cx.fires(change) {
            continue;
        }
        if p.measure == "cramer" && (drifted(&p.a) || drifted(&p.b)) {
            continue;
        }
        let what = if p.measure == "pearson" { "Pearson's r" } else { "Cramér's V" };
        let title = format!(
            "'{}' and '{}': {what} {} in the reference, {} in the candidate",
            p.a,
            p.b,
            fmt_metric(r),
            fmt_metric(c)
        );
        let ev = vec![cx.ev(
            0,
            format!(
                "{what}: reference {} ({} rows), candidate {} ({} rows); similarity {}",
                fmt_metric(r),
                p.rows.0,
                fmt_metric(c),
                p.rows.1,
                p.similarity.map_or("-".into(), fmt_metric)
            ),
        )];
        let mut f = cx.finding(vec![p.a.clone(), p.b.clone()], title, change, ev, p.rows.1);
        f.severity = cx.severity(p.rows.0, p.rows.1);
        out.push(f);
    }
    out
}
