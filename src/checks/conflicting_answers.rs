//! `conflicting-answers`: one prompt with different answers.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "conflicting-answers",
    family: "text",
    severity: Severity::Warning,
    summary: "Identical prompts (instruction with input, or prompt) whose answers differ.",
    why: "The same prompt with different answers is noise for supervised fine-tuning: the model is told two things for one question. Keep one answer, or make the data a preference set on purpose.",
    example: "two rows with the same instruction and input, answers 'Positive' and 'Negative'",
    threshold: ThresholdMeta { metric: "rows in prompt groups with different answers", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(r) = cx.text.rows.as_ref() else { return Vec::new() };
    if r.conflicting_prompts == 0 || !cx.fires(r.conflicting_rows as f64) {
        return Vec::new();
    }
    let title = format!(
        "{} prompts appear with different answers ({} rows)",
        num(r.conflicting_prompts),
        num(r.conflicting_rows)
    );
    let ev = cx.profile.text.rows.conflicts.examples().iter().take(cx.limit()).cloned().collect();
    vec![cx.finding(Vec::new(), title, r.conflicting_rows as f64, ev, r.conflicting_rows, false)]
}
