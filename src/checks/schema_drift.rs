//! `schema-drift`: keys present in only some records.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "schema-drift",
    family: "quality",
    severity: Severity::Warning,
    summary: "JSON keys (columns) present in only some records.",
    why: "When a field appears in only part of the records, the rest get a default or are dropped, so the model learns that absence means something; it usually marks a change of generator, prompt template or export version partway through the data.",
    example: "line 1 {\"a\":1}; line 2 {\"a\":2,\"b\":3}",
    threshold: ThresholdMeta { metric: "lowest share of records with the key", default: 1.0, comparison: Comparison::Below, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let rows = cx.profile.rows;
    if rows == 0 {
        return Vec::new();
    }
    let mut drifting: Vec<(&str, f64, u64, u64)> = cx
        .columns()
        .filter(|c| c.present < rows)
        .map(|c| (c.name.as_str(), c.present as f64 / rows as f64, c.present, c.first_absent))
        .filter(|d| cx.fires(d.1))
        .collect();
    if drifting.is_empty() {
        return Vec::new();
    }
    drifting.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    let lowest = drifting.first().map_or(1.0, |d| d.1);
    let ev: Vec<Evidence> = drifting
        .iter()
        .take(cx.limit())
        .map(|d| Evidence {
            line: d.3,
            value: format!(
                "first record without key '{}'; it is in {} of {} records ({})",
                d.0,
                num(d.2),
                num(rows),
                pct(d.1)
            ),
        })
        .collect();
    let n = drifting.len() as u64;
    let title =
        format!("{} key{} present in only some records (lowest: {})", n, if n == 1 { "" } else { "s" }, pct(lowest));
    vec![cx.finding(drifting.iter().map(|d| d.0.to_string()).collect(), title, lowest, ev, n, false)]
}
