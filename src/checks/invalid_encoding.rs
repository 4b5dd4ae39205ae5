//! `invalid-encoding`: bytes that are not valid text.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "invalid-encoding",
    family: "quality",
    severity: Severity::Error,
    summary: "Bytes that are not valid UTF-8 (or UTF-16 with a byte-order mark).",
    why: "Invalid bytes become U+FFFD replacement characters or crash loaders; the text a model sees is then corrupted, and the same word spelled with different bytes becomes different tokens. It usually means part of the file was written in another encoding (Latin-1, Windows-1252).",
    example: "café written as the single Latin-1 byte E9 inside a UTF-8 file",
    threshold: ThresholdMeta { metric: "invalid byte sequences", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let (ev, total) = cx.error_evidence(&["invalid-utf8", "invalid-utf16"]);
    if !cx.fires(total as f64) {
        return Vec::new();
    }
    let title = format!(
        "{} value{} with invalid text encoding (decoded with U+FFFD)",
        num(total),
        if total == 1 { "" } else { "s" }
    );
    vec![cx.finding(Vec::new(), title, total as f64, ev, total, false)]
}
