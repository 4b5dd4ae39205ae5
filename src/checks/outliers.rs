//! `outliers`: far-out numeric values.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "outliers",
    family: "quality",
    severity: Severity::Info,
    summary: "Numeric values outside Tukey's far-out fences, below Q1 - 3 IQR or above Q3 + 3 IQR (columns whose IQR is zero are left to skewed).",
    why: "Extreme values dominate squared losses and the scale used by normalisation, so a few of them can bend what the model learns for everyone; they are often unit errors, sentinel codes (99999) or generation artefacts. Check them, then fix, cap or keep them knowingly.",
    example: "hours-per-week: 99 where the middle half is 40 to 45",
    threshold: ThresholdMeta { metric: "share of values outside the fences", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

/// Tukey's multiplier for far-out values.
pub const K: f64 = 3.0;
const MIN_VALUES: u64 = 10;

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| super::context::mostly_numeric(c) && c.moments.count() >= MIN_VALUES)
        .filter_map(|c| {
            let q1 = c.quantiles.quantile(0.25)?;
            let q3 = c.quantiles.quantile(0.75)?;
            let iqr = q3 - q1;
            if iqr <= 0.0 {
                return None;
            }
            let (lo, hi) = (q1 - K * iqr, q3 + K * iqr);
            let count = c.quantiles.rank_below(lo) + c.quantiles.rank_above(hi);
            let share = count as f64 / c.moments.count() as f64;
            if count == 0 || !cx.fires(share) {
                return None;
            }
            let mut ev: Vec<Evidence> = c
                .extremes
                .high
                .iter()
                .filter(|(x, _)| *x > hi)
                .chain(c.extremes.low.iter().filter(|(x, _)| *x < lo))
                .map(|(x, l)| Evidence { line: *l, value: fmt_num(*x) })
                .collect();
            ev.truncate(cx.limit());
            let title = format!(
                "'{}' has {} ({}) outside [{}, {}] (Q1 - 3 IQR, Q3 + 3 IQR)",
                c.name,
                crate::fmt::plural(count, "value"),
                pct(share),
                fmt_num(lo),
                fmt_num(hi)
            );
            Some(cx.finding(vec![c.name.clone()], title, share, ev, count, !c.quantiles.is_exact()))
        })
        .collect()
}
