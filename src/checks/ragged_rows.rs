//! `ragged-rows`: rows with the wrong number of fields; a quoted field never closed.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "ragged-rows",
    family: "quality",
    severity: Severity::Error,
    summary: "CSV rows whose field count differs from the header, and quoted fields left open at the end of the file.",
    why: "A row with too many or too few fields is usually a broken line, an unescaped delimiter or a stray quote: every value after the break lands in the wrong column, so the model learns from shifted, meaningless features, and tools disagree about how to load the file.",
    example: "name,age / Ada,36,London  (3 fields where the header has 2)",
    threshold: ThresholdMeta { metric: "malformed rows", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let (ev, total) = cx.error_evidence(&["ragged-row", "unclosed-quote"]);
    if !cx.fires(total as f64) {
        return Vec::new();
    }
    let title = format!(
        "{} malformed row{} (wrong field count or unclosed quote)",
        num(total),
        if total == 1 { "" } else { "s" }
    );
    vec![cx.finding(Vec::new(), title, total as f64, ev, total, false)]
}
