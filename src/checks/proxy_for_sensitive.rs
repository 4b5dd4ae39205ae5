//! `proxy-for-sensitive`: a column that stands in for a sensitive one.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::analysis::fairness::{Proxy, ProxyEvidence};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "proxy-for-sensitive",
    family: "bias",
    severity: Severity::Warning,
    summary: "Non-sensitive columns strongly associated with a sensitive one: Cramér's V with Bergsma's bias correction for a categorical column (so sparse tables of few rows per value do not look associated), the correlation ratio for a numeric one.",
    why: "Dropping a sensitive column does not remove what a model can learn about it while a proxy stays: the model reconstructs the group from the proxy and any bias with it. Know your proxies before claiming a model does not use a sensitive attribute.",
    example: "relationship = Husband for 99.9% of rows with that value having sex = Male",
    threshold: ThresholdMeta { metric: "association (Cramér's V or correlation ratio)", default: 0.5, comparison: Comparison::AtLeast, unit: Unit::Statistic },
    needs_label: false,
    params: &[],
};

/// One evidence sentence: a value's concentration in one group, or a group's mean.
fn sentence(p: &Proxy, e: &ProxyEvidence) -> Evidence {
    match e {
        ProxyEvidence::Value { line, value, rows, group, share } => Evidence {
            line: *line,
            value: format!(
                "{} = {value}: {} of {} rows have {} = {group}",
                p.column,
                pct(*share),
                num(*rows),
                p.sensitive
            ),
        },
        ProxyEvidence::Mean { line, group, mean } => {
            Evidence { line: *line, value: format!("{} = {group}: mean {} {mean:.4}", p.sensitive, p.column) }
        }
    }
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.fairness
        .proxies
        .iter()
        .filter(|p| cx.fires(p.value))
        .map(|p| {
            let measure =
                if p.measure == "cramers_v_corrected" { "bias-corrected Cramér's V" } else { "correlation ratio" };
            let title = format!("'{}' is a proxy for '{}' ({measure} {:.2})", p.column, p.sensitive, p.value);
            let ev: Vec<Evidence> = p.evidence.iter().take(cx.limit()).map(|e| sentence(p, e)).collect();
            let n = p.evidence.len() as u64;
            cx.finding(vec![p.column.clone(), p.sensitive.clone()], title, p.value, ev, n, false)
        })
        .collect()
}
