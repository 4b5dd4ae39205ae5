//! `chat-structure`: chats that break the turn structure.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "chat-structure",
    family: "text",
    severity: Severity::Error,
    summary: "Chats (messages[{role, content}], ShareGPT conversations[{from, value}], or a Human:/Assistant: transcript) that are not an optional system turn, then user and assistant turns alternating from the user, ending with the assistant, with no empty turn.",
    why: "Chat templates assume this structure; a broken chat is trained with the wrong turns masked, or teaches a model to answer itself or to end on a question.",
    example: "user, user, assistant (two user turns in a row)",
    threshold: ThresholdMeta { metric: "chats with a structural error", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(r) = cx.text.rows.as_ref() else { return Vec::new() };
    if r.chat_errors == 0 || !cx.fires(r.chat_errors as f64) {
        return Vec::new();
    }
    let title = format!("{} of {} chats break the turn structure", num(r.chat_errors), num(r.chats));
    let ev = cx.profile.text.rows.chat_errors.evidence.iter().take(cx.limit()).cloned().collect();
    vec![cx.finding(Vec::new(), title, r.chat_errors as f64, ev, r.chat_errors, false)]
}
