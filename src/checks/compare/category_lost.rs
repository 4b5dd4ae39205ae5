//! `category-lost`: a value of the reference that the candidate never has.

use super::Cx;
use crate::checks::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{one_line, pct};

pub const META: CheckMeta = CheckMeta {
    id: "category-lost",
    family: "compare",
    severity: Severity::Warning,
    summary: "A category that holds at least the threshold share of a column's reference values and never occurs in the candidate.",
    why: "A generator that drops a category (a rare occupation, a minority group, a class) erases it: a model trained on the candidate cannot predict or serve what it never saw, and the loss is invisible in averages.",
    example: "'occupation' = Craft-repair: 12.6% of the reference, absent from the candidate",
    threshold: ThresholdMeta { metric: "reference share of the lost category", default: 0.01, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let text: Vec<&str> = cx.cmp.text.iter().map(|t| t.column.as_str()).collect();
    for c in &cx.cmp.columns {
        // Free text and near-unique values have no categories to lose.
        let distinct = cx.reference.column(&c.name).map_or(0, |col| col.freq.distinct());
        if text.contains(&c.name.as_str()) || distinct * 2 > c.n_reference {
            continue;
        }
        let lost: Vec<(&String, f64)> =
            c.lost_categories.iter().zip(c.lost_shares.iter().copied()).filter(|x| cx.fires(x.1)).collect();
        let Some(&(first, top)) = lost.first() else { continue };
        let show = |k: &str| one_line(k, 40);
        let names: Vec<String> = lost.iter().map(|(k, s)| format!("{} ({})", show(k), pct(*s))).collect();
        let first = show(first);
        let title = if lost.len() == 1 {
            format!("'{}' = {first}: {} of the reference, absent from the candidate", c.name, pct(top))
        } else {
            format!("'{}' loses {} reference values: {}", c.name, lost.len(), names.join(", "))
        };
        let ev = lost
            .iter()
            .map(|(k, s)| cx.ev(0, format!("{k}: {} of the reference, 0 in the candidate", pct(*s))))
            .collect();
        let mut f = cx.finding(vec![c.name.clone()], title, top, ev, lost.len() as u64);
        f.approximate = !c.exact;
        f.severity = cx.severity(c.n_reference, c.n_candidate);
        out.push(f);
    }
    out
}
