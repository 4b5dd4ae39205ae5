//! `unreadable-data`: parts of the input that could not be read.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "unreadable-data",
    family: "quality",
    severity: Severity::Error,
    summary: "Records larger than the record limit, a corrupt or truncated gzip stream, columns beyond the column limit, and binary content (a ZIP archive, an image, a database) that is not CSV or JSON at all.",
    why: "Data that cannot be read is data your pipeline either drops or chokes on, and nothing this report says covers it. A truncated archive usually means a failed download or copy.",
    example: "a .csv.gz cut off mid-way",
    threshold: ThresholdMeta { metric: "unreadable parts", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let (ev, total) = cx.error_evidence(&["too-large", "gzip", "too-many-columns", "binary"]);
    if !cx.fires(total as f64) {
        return Vec::new();
    }
    let title = format!("{} part{} of the input could not be read", num(total), if total == 1 { "" } else { "s" });
    vec![cx.finding(Vec::new(), title, total as f64, ev, total, false)]
}
