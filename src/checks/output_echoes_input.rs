//! `output-echoes-input`: answers that repeat their instruction or input.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "output-echoes-input",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers equal to their instruction, input or prompt after normalisation (lower case, words only), starting with it, or sharing at least 80% of its word set (Jaccard); prompts under 3 words are not compared.",
    why: "An answer that echoes its prompt teaches a model to copy instead of doing the task; base models do it when they continue the prompt rather than answer it.",
    example: "input: 'If you have any questions…' → output: 'If you have any questions…'",
    threshold: ThresholdMeta { metric: "share of compared answers that echo the prompt", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let (Some(r), Some(t)) = (cx.text.rows.as_ref(), Some(&cx.profile.text.rows)) else { return Vec::new() };
    if r.echoes == 0 || r.echo_checked == 0 {
        return Vec::new();
    }
    let share = r.echoes as f64 / r.echo_checked as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let answer = cx.text.fields.iter().find(|f| f.is_answer() && f.derived_from.is_none()).map(|f| f.column.clone());
    let title = format!("{} of {} answers echo their prompt ({})", num(r.echoes), num(r.echo_checked), pct(share));
    let ev = t.echoes.evidence.iter().take(cx.limit()).cloned().collect();
    let mut finding = cx.finding(answer.into_iter().collect(), title, share, ev, r.echoes, false);
    finding.severity = cx.sized(share, r.echoes);
    vec![finding]
}
