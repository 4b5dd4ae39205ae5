//! `prompt-scaffolding`: answers running on into the next example of a prompt template.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "prompt-scaffolding",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers and assistant turns holding prompt-template markers ('### Instruction:', '### Response:', '[INST]', '<<SYS>>', '<|im_start|>', a line-initial 'Input:', 'Output:', 'USER:', 'ASSISTANT:', 'Human:' after the first line, or 'N. Instruction:'), which show an answer running on into the next example; and prompt fields that are only a URL or an image reference.",
    why: "Run-ons teach a model to invent the next turn of the conversation and to emit template syntax; a prompt that is only a link asks about content the model never saw.",
    example: "…please let me know.\n\nInput: The company has been in business…",
    threshold: ThresholdMeta { metric: "share of values with template markers (answers) or only a link (prompts)", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = cx.per_field(
        cx.text.fields.iter().filter(|f| f.is_answer()),
        |a| &a.scaffolding,
        |f, t, share| {
            format!("'{}': {} answers run on into prompt-template markers ({})", f.column, num(t.count), pct(share))
        },
    );
    let prompts = cx.text.fields.iter().filter(|f| f.role.is_some_and(|r| r.is_prompt()));
    out.extend(cx.per_field(
        prompts,
        |a| &a.link_only,
        |f, t, share| {
            format!("'{}': {} prompts are only a link or an image reference ({})", f.column, num(t.count), pct(share))
        },
    ));
    out
}
