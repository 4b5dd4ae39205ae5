//! `mixed-types`: columns mixing value types.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};
use crate::profile::types::FAMILIES;

pub const META: CheckMeta = CheckMeta {
    id: "mixed-types",
    family: "quality",
    severity: Severity::Warning,
    summary: "Columns whose values belong to more than one type family (numeric, boolean, date/time, string).",
    why: "A loader picks one type per column: a few strings in a numeric column turn the whole column into text (or into NaN after coercion), silently changing every value the model sees. The minority values are usually data-entry errors, units, or placeholder words.",
    example: "age: 39, 50, unknown, 38",
    threshold: ThresholdMeta { metric: "share of values outside the dominant type", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        // Prose holds the odd number or `false` as an answer: that is not a mixed column.
        .filter(|c| !cx.is_text(&c.name))
        .filter_map(|c| {
            let t = &c.types;
            let dominant = t.dominant()?;
            let total = t.total();
            let minority = total - t.family(dominant);
            let share = minority as f64 / total.max(1) as f64;
            if minority == 0 || !cx.fires(share) {
                return None;
            }
            let parts: Vec<String> = FAMILIES
                .iter()
                .filter(|&&f| t.family(f) > 0)
                .map(|&f| format!("{} {} ({})", num(t.family(f)), f.name(), pct(t.family(f) as f64 / total as f64)))
                .collect();
            let mut ev: Vec<Evidence> = FAMILIES
                .iter()
                .filter(|&&f| f != dominant)
                .filter_map(|&f| c.ev_family.get(f as usize))
                .flatten()
                .cloned()
                .collect();
            ev.sort_by_key(|e| e.line);
            ev.truncate(cx.limit());
            let title = format!("'{}' mixes types: {}", c.name, parts.join(", "));
            Some(cx.finding(vec![c.name.clone()], title, share, ev, minority, false))
        })
        .collect()
}
