//! `bad-header`: empty or repeated header names.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};

pub const META: CheckMeta = CheckMeta {
    id: "bad-header",
    family: "quality",
    severity: Severity::Error,
    summary: "Header names that are empty or repeated, and the header repeated as a data row (a warning; its copies are skipped).",
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
    let mut out = Vec::new();
    if cx.fires(total as f64) {
        ev.truncate(cx.limit());
        let title = format!("{} empty or repeated header name{}", total, if total == 1 { "" } else { "s" });
        out.push(cx.finding(cols, title, total as f64, ev, total, false));
    }
    // The header again as a data row (files concatenated with their headers): one finding for
    // every copy; the copies are not profiled, so no duplicate-row or mixed-type finding
    // repeats them.
    if h.repeats > 0 {
        let lines: Vec<String> = h.repeat_lines.iter().take(5).map(u64::to_string).collect();
        let more = if h.repeats > 5 { ", …" } else { "" };
        let title = format!(
            "the header repeats as a data row {} (line {}{more}): files concatenated with their headers; the copies are skipped",
            crate::fmt::plural(h.repeats, "time"),
            lines.join(", ")
        );
        let ev = h
            .repeat_lines
            .iter()
            .take(cx.limit())
            .map(|&line| Evidence { line, value: "a copy of the header".into() })
            .collect();
        let mut f = cx.finding(Vec::new(), title, h.repeats as f64, ev, h.repeats, false);
        if !cx.opts.severity.contains_key(META.id) {
            f.severity = Severity::Warning;
        }
        out.push(f);
    }
    out
}
