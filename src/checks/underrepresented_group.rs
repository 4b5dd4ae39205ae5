//! `underrepresented-group`: groups of a sensitive column with few rows.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::pct;

pub const META: CheckMeta = CheckMeta {
    id: "underrepresented-group",
    family: "bias",
    severity: Severity::Warning,
    summary: "Groups of a sensitive column (sex, race, age band, ...) whose share of the rows is below the threshold, or below a fifth of the largest group's share. A column one group dominates (80%+ of the rows, 10+ groups) and the end bands of a bucketed column (age under 18, 65+) are noted at info.",
    why: "A model sees too few examples of an underrepresented group to learn it well: its errors concentrate there, while overall accuracy hides them. Groups under 30 rows are also too small to judge any disparity on. Collect more data for them, reweight, or at least report metrics per group.",
    example: "race: Amer-Indian-Eskimo 1.0% of rows, White 85%",
    threshold: ThresholdMeta { metric: "smallest group share", default: 0.05, comparison: Comparison::Below, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "relative_div", value: RELATIVE_DIV as f64, meaning: "also below 1/this of the largest group's share" },
        Param { name: "dominant_share", value: DOMINANT_SHARE, meaning: "a group this large among many makes the column dominated: info" },
        Param { name: "dominated_groups", value: DOMINATED_GROUPS as f64, meaning: "groups a dominated column has at least" },
    ],
};

/// A group is also underrepresented below this fraction (1/RELATIVE_DIV) of the largest group's
/// share, compared in whole counts so that exactly a fifth does not fire through rounding.
pub const RELATIVE_DIV: u64 = 5;
/// A column whose largest group holds at least this share of the rows …
pub const DOMINANT_SHARE: f64 = 0.8;
/// … among at least this many groups is reported as dominated, at info.
pub const DOMINATED_GROUPS: usize = 10;

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
            // A column that one group dominates (a census's home country) flags nearly every
            // other group: that is one fact, its dominance, and a note rather than a warning.
            let top = r.groups.iter().max_by_key(|g| g.count);
            let dominated = top.filter(|g| g.share >= DOMINANT_SHARE && r.groups.len() >= DOMINATED_GROUPS);
            // In a column bucketed into bands (age), the first and last bands hold the ends of the
            // range: small by construction (Adult's '<18' is only its 17-year-olds).
            let bands = cx.profile.roles.sensitive.iter().find(|s| s.name == r.sensitive).and_then(|s| s.bins.as_ref());
            let end_bands_only = bands.is_some_and(|b| {
                low.iter().all(|g| b.first().is_some_and(|f| *f == g.value) || b.last().is_some_and(|l| *l == g.value))
            });
            let title = match dominated {
                Some(top) => format!(
                    "'{}' is dominated by '{}' ({} of rows): {} of {} groups hold under {} each",
                    r.sensitive,
                    top.value,
                    pct(top.share),
                    low.len(),
                    r.groups.len(),
                    pct(t)
                ),
                None if end_bands_only => format!("{title} (the end bands of the range)"),
                None => title,
            };
            let mut f = cx.finding(vec![r.sensitive.clone()], title, smallest, ev, rows, false);
            if (dominated.is_some() || end_bands_only) && !cx.opts.severity.contains_key(META.id) {
                f.severity = Severity::Info;
            }
            Some(f)
        })
        .collect()
}
