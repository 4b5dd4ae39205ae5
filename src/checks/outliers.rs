//! `outliers`: values separated from the rest of a continuous column by a gap.
//!
//! The rule (figures in [`META`]'s params; details in [`super::continuous`]):
//! - only continuous columns: at least 20 numbers and 15 distinct values, not integer codes or
//!   counts (fewer than 32 distinct integers filling half their range), not named like an
//!   identifier or code (`id`, `*_id`, `VendorID`, `*code`), not identifier-like;
//! - walking outward from the bulk through the 64 smallest and 64 largest values, the first gap
//!   between neighbours wider than 3 × IQR whose outer value lies beyond Tukey's far-out fence
//!   (Q1 − 3 IQR, Q3 + 3 IQR) marks the values beyond it as outliers, if they are at most 1% of
//!   the values (else the next gap outward is tried);
//! - the upper side of a column whose positive values are right-skewed, (p95 − p50) ≥
//!   2 (p50 − p5) over them, is judged on a log10 scale over its positive values, where a long
//!   tail has no gaps (percentiles, not the skewness, which a few outliers inflate);
//! - values beyond the fences with no gap before them are a heavy tail, a shape, which `skewed`
//!   describes: they are not outliers.
//!
//! One finding per column, its evidence the separated rows (most extreme first, low side first),
//! its title the gap.

use super::context::Context;
use super::continuous::{self, Side};
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{pct, plural};

pub const META: CheckMeta = CheckMeta {
    id: "outliers",
    family: "quality",
    severity: Severity::Info,
    summary: "Values of a continuous numeric column separated from the rest by a gap wider than 3 IQR, beyond Tukey's far-out fences (Q1 - 3 IQR, Q3 + 3 IQR); on a log10 scale for the upper tail when the positive values are right-skewed ((p95 - p50) >= 2 (p50 - p5) over them). Flags, codes, small counts and identifiers are not judged; a tail without a gap is a shape (see skewed), not outliers.",
    why: "Extreme values dominate squared losses and the scale used by normalisation, so a few of them can bend what the model learns for everyone; values cut off from the rest by empty space are often unit errors, sentinel codes (99999) or generation artefacts. Check them, then fix, cap or keep them knowingly.",
    example: "income: 1,000,000 and 1,200,000 where the next largest value is 250,000 and the middle half is 30,000 to 70,000",
    threshold: ThresholdMeta { metric: "share of values separated by a gap", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "min_values", value: continuous::MIN_VALUES as f64, meaning: "numeric values a column needs to be judged" },
        Param { name: "min_distinct", value: continuous::MIN_DISTINCT as f64, meaning: "distinct values below which a column is a flag, code or count" },
        Param { name: "max_code_distinct", value: continuous::MAX_CODE_DISTINCT as f64, meaning: "integer columns with fewer distinct values, filling half their range, are codes or counts" },
        Param { name: "fence_iqrs", value: continuous::FENCE, meaning: "Tukey's far-out fence: an outlier lies beyond Q1 - 3 IQR or Q3 + 3 IQR" },
        Param { name: "gap_iqrs", value: continuous::GAP, meaning: "an outlier is cut off from the bulk by a gap wider than this many IQRs" },
        Param { name: "max_share", value: continuous::MAX_SHARE, meaning: "a gap cutting off more of the values than this is a second mode, not outliers" },
        Param { name: "log_tail_ratio", value: continuous::LOG_TAIL_RATIO, meaning: "(p95 - p50) / (p50 - p5) at or above which the upper tail is judged on a log10 scale" },
        Param { name: "kept_extremes", value: continuous::KEPT as f64, meaning: "smallest and largest values kept per column to find gaps" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| continuous::is_continuous(cx, c))
        .filter_map(|c| {
            let (lower, upper) = continuous::separated(c);
            if lower.is_none() && upper.is_none() {
                return None;
            }
            let count = [&lower, &upper].iter().filter_map(|s| s.as_ref()).map(|s| s.values.len() as u64).sum();
            let share = count as f64 / c.moments.count().max(1) as f64;
            if !cx.fires(share) {
                return None;
            }
            let ev: Vec<Evidence> = [&lower, &upper]
                .iter()
                .filter_map(|s| s.as_ref())
                .flat_map(|s| s.values.iter())
                .take(cx.limit())
                .map(|e| Evidence { line: e.line, value: e.text.to_string() })
                .collect();
            let sides: Vec<String> = [(&lower, "below"), (&upper, "above")]
                .iter()
                .filter_map(|(s, w)| s.as_ref().map(|s| describe(s, w)))
                .collect();
            let title = format!(
                "'{}' has {} ({}) cut off from the rest by a gap: {}",
                c.name,
                plural(count, "value"),
                pct(share),
                sides.join("; ")
            );
            Some(cx.finding(vec![c.name.clone()], title, share, ev, count, !c.quantiles.is_exact()))
        })
        .collect()
}

/// "3 values from 10000 to 12000 lie above 33.1 with nothing between (a gap of 5.2 IQR on a log10 scale)".
fn describe(s: &Side, where_: &str) -> String {
    let (first, last) = match (s.values.last(), s.values.first()) {
        (Some(a), Some(b)) => (&a.text, &b.text),
        _ => return String::new(),
    };
    let which = if s.values.len() == 1 { first.to_string() } else { format!("{first} to {last}") };
    format!(
        "{which} {} {where_} {} with nothing between (a gap of {:.1} IQR{})",
        if s.values.len() == 1 { "lies" } else { "lie" },
        s.neighbour.text,
        s.gap_iqrs,
        if s.log { " on a log10 scale" } else { "" }
    )
}
