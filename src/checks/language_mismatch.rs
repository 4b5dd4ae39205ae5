//! `language-mismatch`: answers in another language than their instruction.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "language-mismatch",
    family: "text",
    severity: Severity::Warning,
    summary: "Rows whose answer is detected in another language than its instruction or prompt (whatlang, reliable detections only, on the first 400 characters of values of 4+ words; the first 20,000 rows).",
    why: "An answer in the wrong language teaches a model to switch languages unprompted; in translated or synthetic data it marks a failed generation or a misaligned join.",
    example: "instruction in English, answer in Spanish",
    threshold: ThresholdMeta { metric: "share of rows whose answer's language differs from the prompt's", default: 0.05, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(r) = cx.text.rows.as_ref() else { return Vec::new() };
    if r.language_checked == 0 || r.language_mismatch == 0 {
        return Vec::new();
    }
    let share = r.language_mismatch as f64 / r.language_checked as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let title = format!(
        "{} of {} answers are in another language than their prompt ({})",
        num(r.language_mismatch),
        num(r.language_checked),
        pct(share)
    );
    let ev = cx.profile.text.rows.language_mismatch.evidence.iter().take(cx.limit()).cloned().collect();
    vec![cx.finding(Vec::new(), title, share, ev, r.language_mismatch, false)]
}
