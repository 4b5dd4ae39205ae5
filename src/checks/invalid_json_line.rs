//! `invalid-json-line`: JSON lines that are not JSON objects.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "invalid-json-line",
    family: "quality",
    severity: Severity::Error,
    summary: "JSONL lines (or JSON array elements) that are not valid JSON, or valid JSON but not an object.",
    why: "A line that does not parse is silently dropped by most loaders, so the training set is smaller than you think, and the loss is rarely random (long generations get truncated, escaped quotes break). A non-object line has no named fields to train on.",
    example: "{\"text\": \"unterminated}",
    threshold: ThresholdMeta { metric: "invalid lines", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let (ev, total) = cx.error_evidence(&["invalid-json", "not-an-object"]);
    if !cx.fires(total as f64) {
        return Vec::new();
    }
    let title = format!(
        "{} {} not a valid JSON object (skipped)",
        crate::fmt::plural(total, "line"),
        if total == 1 { "is" } else { "are" }
    );
    vec![cx.finding(Vec::new(), title, total as f64, ev, total, false)]
}
