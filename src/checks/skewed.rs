//! `skewed`: strongly skewed continuous numeric columns; the shape of a heavy tail.
//!
//! The rule: |skewness| (adjusted Fisher-Pearson, as pandas `skew()`) above the threshold, on
//! continuous columns only: the same gate as `outliers` ([`super::continuous`]): at least 20
//! numbers and 15 distinct values, not integer codes or counts (fewer than 32 distinct integers
//! filling half their range), not named like an identifier or code, not identifier-like. A 0/1
//! flag or a code that is mostly 1 has a large skewness that says nothing about a tail.
//!
//! When more than 1% of the values lie beyond Tukey's far-out fences (Q1 - 3 IQR, Q3 + 3 IQR) the
//! tail is heavy: the title says so, once, here; `outliers` reports only values cut off from the
//! rest by a gap.

use super::context::Context;
use super::continuous;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_num, pct, plural};

pub const META: CheckMeta = CheckMeta {
    id: "skewed",
    family: "quality",
    severity: Severity::Info,
    summary: "Continuous numeric columns whose sample skewness (adjusted Fisher-Pearson, as pandas skew()) is large in absolute value; the title notes a heavy tail (over 1% of values beyond Q1 - 3 IQR or Q3 + 3 IQR). Flags, codes, small counts and identifiers are not judged.",
    why: "In a strongly skewed column most rows sit in a narrow range while a long tail stretches the scale: linear models and distance-based methods then see almost no variation where most of the data is. Consider a log or rank transform; in synthetic data compare the tail with the source, since generators tend to shrink tails.",
    example: "capital-gain: 92% zeros and a tail up to 99,999",
    threshold: ThresholdMeta { metric: "absolute skewness", default: 2.0, comparison: Comparison::Above, unit: Unit::Statistic },
    needs_label: false,
    params: &[
        Param { name: "min_values", value: continuous::MIN_VALUES as f64, meaning: "numeric values a column needs to be judged" },
        Param { name: "min_distinct", value: continuous::MIN_DISTINCT as f64, meaning: "distinct values below which a column is a flag, code or count" },
        Param { name: "max_code_distinct", value: continuous::MAX_CODE_DISTINCT as f64, meaning: "integer columns with fewer distinct values, filling half their range, are codes or counts" },
        Param { name: "heavy_tail_share", value: continuous::HEAVY_TAIL, meaning: "share of values beyond the far-out fences above which the tail is called heavy" },
        Param { name: "fence_iqrs", value: continuous::FENCE, meaning: "Tukey's far-out fences: Q1 - 3 IQR and Q3 + 3 IQR" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| continuous::is_continuous(cx, c))
        .filter_map(|c| {
            let s = c.moments.skewness()?;
            if !cx.fires(s.abs()) {
                return None;
            }
            // The tail: values beyond the 99th (or below the 1st) percentile.
            let n = c.moments.count();
            let (tail, cut, beyond) = if s > 0.0 {
                let p99 = c.quantiles.quantile(0.99)?;
                (&c.extremes.high, p99, c.quantiles.rank_above(p99))
            } else {
                let p1 = c.quantiles.quantile(0.01)?;
                (&c.extremes.low, p1, c.quantiles.rank_below(p1))
            };
            // When the top (bottom) 1% are tied, nothing lies strictly beyond the percentile:
            // the tail is then the values at it.
            let inclusive = beyond == 0;
            let total = if !inclusive {
                beyond
            } else if s > 0.0 {
                n - c.quantiles.rank_below(cut)
            } else {
                n - c.quantiles.rank_above(cut)
            };
            let in_tail = |x: f64| match (s > 0.0, inclusive) {
                (true, false) => x > cut,
                (true, true) => x >= cut,
                (false, false) => x < cut,
                (false, true) => x <= cut,
            };
            let ev: Vec<Evidence> = tail
                .iter()
                .filter(|e| in_tail(e.value))
                .take(cx.limit())
                .map(|e| Evidence { line: e.line, value: e.text.to_string() })
                .collect();
            let side =
                if s > 0.0 { "right (a long tail of large values)" } else { "left (a long tail of small values)" };
            let zeros = if c.zeros > 0 {
                format!("; {} zeros", pct(c.zeros as f64 / c.moments.count().max(1) as f64))
            } else {
                String::new()
            };
            let title = format!(
                "'{}' is skewed to the {}: skewness {:.2}{}; {} {} the {} percentile ({})",
                c.name,
                side,
                s,
                zeros,
                plural(total, "value"),
                if inclusive { "at or beyond" } else { "beyond" },
                if s > 0.0 { "99th" } else { "1st" },
                fmt_num(cut)
            );
            let title = match continuous::beyond_fences(c) {
                Some((share, lo, hi)) if share > continuous::HEAVY_TAIL => format!(
                    "{title}; a heavy tail: {} of values beyond the far-out fences [{}, {}], a shape, not outliers",
                    pct(share),
                    fmt_num(lo),
                    fmt_num(hi)
                ),
                _ => title,
            };
            Some(cx.finding(vec![c.name.clone()], title, s.abs(), ev, total, !c.quantiles.is_exact()))
        })
        .collect()
}
