//! `underrepresented-group`: groups of a sensitive column with few rows.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "underrepresented-group",
    family: "bias",
    severity: Severity::Warning,
    summary: "Groups of a sensitive column (sex, race, age band, ...) whose share of the rows is below the threshold, or below a fifth of the largest group's share.",
    why: "A model sees too few examples of an underrepresented group to learn it well: its errors concentrate there, while overall accuracy hides them. Groups under 30 rows are also too small to judge any disparity on. Collect more data for them, reweight, or at least report metrics per group.",
    example: "race: Amer-Indian-Eskimo 1.0% of rows, White 85%",
    threshold: ThresholdMeta { metric: "smallest group share", default: 0.05, comparison: Comparison::Below, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

/// A group is also underrepresented below this fraction (1/RELATIVE_DIV) of the largest group's
/// share, compared in whole counts so that exactly a fifth does not fire through rounding.
pub const RELATIVE_DIV: u64 = 5;

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let t = cx.threshold();
    cx.fairness
        .representation
        .iter()
        .filter_map(|r| {
            let largest = r.groups.iter().map(|g| g.count).max().unwrap_or(0);
            let mut low: Vec<_> = r
                .groups
                .iter()
                .filter(|g| g.value != crate::profile::table::OTHER)
                .filter(|g| g.share < t || g.count * RELATIVE_DIV < largest)
                .collect();
            if low.is_empty() {
                return None;
            }
            low.sort_by(|a, b| a.share.total_cmp(&b.share));
            let smallest = low.first().map_or(0.0, |g| g.share);
            let ev: Vec<Evidence> = low
                .iter()
                .take(cx.limit())
                .map(|g| Evidence {
                    line: g.first_line,
                    value: format!(
                        "group '{}': {} ({}), first on this line{}",
                        g.value,
                        crate::fmt::plural(g.count, "row"),
                        pct(g.share),
                        if g.too_small { "; too small to judge disparities" } else { "" }
                    ),
                })
                .collect();
            let names: Vec<String> = low.iter().take(4).map(|g| format!("{} {}", g.value, pct(g.share))).collect();
            let more = if low.len() > 4 { format!(" and {} more", low.len() - 4) } else { String::new() };
            let title = format!("'{}' has underrepresented groups: {}{}", r.sensitive, names.join(", "), more);
            let rows: u64 = low.iter().map(|g| g.count).sum();
            Some(cx.finding(vec![r.sensitive.clone()], title, smallest, ev, rows, false))
        })
        .collect()
}
