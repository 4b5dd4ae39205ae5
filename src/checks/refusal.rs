//! `refusal`: answers that refuse or disclaim instead of answering.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "refusal",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers and assistant turns holding a refusal or model disclaimer, from a documented, case-insensitive phrase list ('as an AI language model', 'I'm sorry, but I cannot', 'I don't have personal opinions', 'my knowledge cutoff', …; extend it with the refusal_phrases option), counted per phrase. No topic words: the list finds refusals, not subjects.",
    why: "Refusals and disclaimers in training answers teach a model to refuse and to talk about itself where it should answer; in synthetic data they are the generator's policy leaking into the dataset.",
    example: "As an AI language model, I don't have personal opinions.",
    threshold: ThresholdMeta { metric: "share of answers with a refusal phrase", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.per_field(
        cx.text.fields.iter().filter(|f| f.is_answer()),
        |a| &a.refusals,
        |f, t, share| {
            let top: Vec<String> = f
                .artefacts
                .refusal_phrases
                .iter()
                .take(3)
                .map(|p| format!("\"{}\" ({})", p.value, num(p.count)))
                .collect();
            format!("'{}': {} answers refuse or disclaim ({}): {}", f.column, num(t.count), pct(share), top.join(", "))
        },
    )
}
