//! `empty-input`: the input holds no data rows.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{clip, num, plural};

pub const META: CheckMeta = CheckMeta {
    id: "empty-input",
    family: "quality",
    severity: Severity::Error,
    summary: "The input holds no data rows: an empty file, a header without rows, a JSON file with nothing in it, or records that could all not be read.",
    why: "An empty or truncated export is the commonest way a pipeline trains on nothing or on yesterday's data without noticing; a gate that passes it reports a clean dataset that does not exist.",
    example: "a CSV file with only its header line",
    threshold: ThresholdMeta { metric: "data rows", default: 1.0, comparison: Comparison::Below, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let p = cx.profile;
    if !cx.fires(p.rows as f64) {
        return Vec::new();
    }
    let errors = p.log.total();
    let names: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
    let title = if errors > 0 {
        format!("No data row could be read ({} in the input)", plural(errors, "error"))
    } else if p.header.present && !names.is_empty() {
        format!("The input holds no data rows: only a header with {}", plural(names.len() as u64, "column"))
    } else {
        "The input holds no data: no rows and no columns".to_string()
    };
    let what = if names.is_empty() {
        "nothing to read".to_string()
    } else {
        format!("{} {}: {}", num(names.len() as u64), "columns", clip(&names.join(", ")))
    };
    let ev = vec![Evidence { line: 1, value: what }];
    vec![cx.finding(Vec::new(), title, p.rows as f64, ev, 0, false)]
}
