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

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.fairness
        .missingness
        .iter()
        .filter(|m| {
            cx.fires(m.difference)
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
            cx.finding(vec![m.column.clone(), m.sensitive.clone()], title, m.difference, ev, total, false)
        })
        .collect()
}
