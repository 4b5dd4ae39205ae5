//! `identical-preference`: preference pairs whose chosen and rejected answers are the same.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "identical-preference",
    family: "text",
    severity: Severity::Error,
    summary: "Preference pairs (chosen / rejected) whose two answers are identical after trimming.",
    why: "A pair with one answer on both sides carries no preference: it adds noise to reward modelling and to DPO, and usually marks a broken generation or join.",
    example: "chosen = rejected = 'The capital of France is Paris.'",
    threshold: ThresholdMeta { metric: "identical preference pairs", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(r) = cx.text.rows.as_ref() else { return Vec::new() };
    if r.identical_pairs == 0 || !cx.fires(r.identical_pairs as f64) {
        return Vec::new();
    }
    let title = format!(
        "{} of {} preference pairs have the same chosen and rejected answer",
        num(r.identical_pairs),
        num(r.pairs)
    );
    let ev = cx.profile.text.rows.identical_pairs.evidence.iter().take(cx.limit()).cloned().collect();
    vec![cx.finding(Vec::new(), title, r.identical_pairs as f64, ev, r.identical_pairs, false)]
}
