//! `id-like-column`: identifier-like columns.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};
use crate::profile::column::Column;

pub const META: CheckMeta = CheckMeta {
    id: "id-like-column",
    family: "quality",
    severity: Severity::Warning,
    summary: "Integer or short categorical columns in which (nearly) every value is unique: row ids, keys, hashes.",
    why: "An identifier carries no signal that generalises, but a model can memorise it: it then scores well on rows it has seen and fails on new ones, and ids that follow time or source leak the label. Drop it from the features (keep it for joins).",
    example: "customer_id: 10001, 10002, 10003, ...",
    threshold: ThresholdMeta { metric: "unique share of non-missing values", default: 0.99, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

/// Fewer non-missing values than this and uniqueness says nothing.
const MIN_VALUES: u64 = 20;

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| is_candidate(c) && !cx.is_text(&c.name))
        .filter_map(|c| {
            let n = c.non_missing();
            let share = unique_share(c);
            if !cx.fires(share) {
                return None;
            }
            let title = format!(
                "'{}' looks like an identifier: {} distinct values in {} rows ({})",
                c.name,
                num(c.freq.distinct()),
                num(n),
                pct(share)
            );
            let ev: Vec<Evidence> = c.ev_family.iter().flatten().take(cx.limit()).cloned().collect();
            let mut f = cx.finding(vec![c.name.clone()], title, share, ev, n, !c.freq.is_exact());
            // Beside instruction or chat text, an id or task slug is the record's metadata, which
            // nobody trains on: a note, not a warning.
            if cx.text.shape.is_some() && !cx.opts.severity.contains_key(META.id) {
                f.severity = crate::finding::Severity::Info;
                f.title.push_str(" (metadata beside the text)");
            }
            Some(f)
        })
        .collect()
}

fn unique_share(c: &Column) -> f64 {
    (c.freq.distinct() as f64 / c.non_missing().max(1) as f64).min(1.0)
}

/// Integer or short-string columns with enough values.
pub fn is_candidate(c: &Column) -> bool {
    let ty = c.types.inferred();
    let short = c.lengths.n > 0 && (c.lengths.sum as f64 / c.lengths.n as f64) <= 40.0;
    c.non_missing() >= MIN_VALUES && (ty == "integer" || (ty == "categorical" && short))
}

/// Whether this check fires for the column (high-cardinality defers to it).
pub fn fires_for(cx: &Context<'_>, c: &Column) -> bool {
    is_candidate(c) && META.threshold.comparison.fires(unique_share(c), META.threshold_in(cx.opts))
}
