//! `bad-header`: empty or repeated header names.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "bad-header",
    family: "quality",
    severity: Severity::Error,
    summary: "Header names that are empty or repeated.",
    why: "Loaders rename or drop columns with empty or repeated names (pandas adds .1 suffixes, others keep only the last), so features silently change meaning between tools; a repeated name often means two different things were given one name.",
    example: "id,score,score",
    threshold: ThresholdMeta { metric: "bad header names", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let h = &cx.profile.header;
    if !h.present {
        return Vec::new();
    }
    let mut ev = Vec::new();
    let mut cols = Vec::new();
    for &i in &h.empty {
        ev.push(Evidence { line: 1, value: format!("column {} has an empty name", i + 1) });
        cols.push(format!("column_{}", i + 1));
    }
    for (name, at) in &h.duplicate {
        let places: Vec<String> = at.iter().map(|i| (i + 1).to_string()).collect();
        ev.push(Evidence { line: 1, value: format!("'{name}' names columns {}", places.join(", ")) });
        cols.push(name.clone());
    }
    let total = (h.empty.len() + h.duplicate.len()) as u64;
    if !cx.fires(total as f64) {
        return Vec::new();
    }
    ev.truncate(cx.limit());
    let title = format!("{} empty or repeated header name{}", total, if total == 1 { "" } else { "s" });
    vec![cx.finding(cols, title, total as f64, ev, total, false)]
}
