//! `missingness-disparity`: a column missing far more often for one group.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::analysis::fairness::MIN_GROUP;
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "missingness-disparity",
    family: "bias",
    severity: Severity::Warning,
    summary: "A column whose missing rate differs between groups of a sensitive column by at least the threshold (groups of 30+ rows), by a factor of two or more, and beyond chance (chi-square test of group against missingness, p < 0.001).",
    why: "When data is missing more for one group, imputation or dropping rows treats that group differently: dropping shrinks it further, imputing fills it with other groups' values. The model then learns less, or something false, about exactly the group the gap hits.",
    example: "workclass missing for 27% of age 65+ and 1.7% of age 35-44",
    threshold: ThresholdMeta { metric: "difference in missing rate between groups", default: 0.05, comparison: Comparison::AtLeast, unit: Unit::Points },
    needs_label: false,
    params: &[
        Param { name: "min_group_rows", value: MIN_GROUP as f64, meaning: "rows a group needs to be compared" },
        Param { name: "min_ratio", value: MIN_RATIO, meaning: "the highest missing rate is at least this many times the lowest" },
        Param { name: "max_p_value", value: MAX_P_VALUE, meaning: "chi-square p-value below which a gap is not chance" },
    ],
};

/// The highest missing rate must also be at least this many times the lowest.
pub const MIN_RATIO: f64 = 2.0;
/// And the gap must not be chance: a chi-square p-value below this.
pub const MAX_P_VALUE: f64 = 0.001;

/// Columns whose gaps coincide ([`Context::gap_groups`]) are one fact: only the group's lead is
/// reported, and the finding names every column of the group.
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let cols = &cx.profile.columns;
    let groups = cx.gap_groups();
    let group_of = |name: &str| -> Option<&Vec<usize>> {
        groups.iter().find(|g| g.iter().any(|&i| cols.get(i).is_some_and(|c| c.name == name)))
    };
    let is_lead =
        |name: &str| group_of(name).and_then(|g| g.first()).and_then(|&i| cols.get(i)).is_none_or(|c| c.name == name);
    cx.fairness
        .missingness
        .iter()
        .filter(|m| {
            is_lead(&m.column)
                && cx.fires(m.difference)
                && m.ratio.is_none_or(|r| r >= MIN_RATIO)
                && m.p_value.is_some_and(|p| p < MAX_P_VALUE)
        })
        .map(|m| {
            let hi = m.groups.first();
            let lo = m.groups.last();
            let title = match (hi, lo) {
                (Some(h), Some(l)) => format!(
                    "'{}' is missing for {} of {} = {} but {} of {} = {}",
                    m.column,
                    pct(h.rate),
                    m.sensitive,
                    h.value,
                    pct(l.rate),
                    m.sensitive,
                    l.value
                ),
                _ => format!("'{}' is missing unevenly across '{}'", m.column, m.sensitive),
            };
            let ev: Vec<Evidence> = m
                .groups
                .iter()
                .filter(|g| g.missing > 0)
                .take(cx.limit())
                .map(|g| Evidence {
                    line: g.first_missing_line,
                    value: format!(
                        "{} = {}: {} of {} rows missing ({}), first here",
                        m.sensitive,
                        g.value,
                        num(g.missing),
                        num(g.count),
                        pct(g.rate)
                    ),
                })
                .collect();
            let total = m.groups.iter().map(|g| g.missing).sum();
            let mut columns = vec![m.column.clone()];
            let others = group_of(&m.column).into_iter().flatten().skip(1).filter_map(|&i| cols.get(i));
            let others: Vec<String> = others.map(|c| c.name.clone()).filter(|n| *n != m.sensitive).collect();
            let title = if others.is_empty() {
                title
            } else {
                let names: Vec<String> = others.iter().map(|n| format!("'{n}'")).collect();
                format!("{title} (and {}, missing in the same rows)", names.join(", "))
            };
            columns.extend(others);
            columns.push(m.sensitive.clone());
            cx.finding(columns, title, m.difference, ev, total, false)
        })
        .collect()
}
