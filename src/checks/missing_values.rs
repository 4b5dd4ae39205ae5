//! `missing-values`: missing values.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};
use crate::roles::TextRole;

pub const META: CheckMeta = CheckMeta {
    id: "missing-values",
    family: "quality",
    severity: Severity::Warning,
    summary: "The share of missing values per column: empty cells and missing tokens such as NA, null, None, NaN and ?.",
    why: "Missing values are filled or dropped before training; either way the model sees a different population than the one you have. When missingness is not random (one source, one group, one period) it becomes a shortcut the model learns, and placeholder tokens such as ? are easily trained on as if they were real categories.",
    example: "workclass = ? in 6% of rows",
    threshold: ThresholdMeta { metric: "missing share", default: 0.01, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| c.present > 0 && c.missing < c.present)
        // In instruction data an empty `input` is the format's "no context", not a gap.
        .filter(|c| cx.text_role(&c.name) != Some(TextRole::Input))
        .filter_map(|c| {
            let share = c.missing as f64 / c.present as f64;
            if !cx.fires(share) {
                return None;
            }
            let tokens: Vec<String> = c
                .missing_tokens
                .iter()
                .map(
                    |(t, n)| {
                        if t.is_empty() {
                            format!("empty ({})", num(*n))
                        } else {
                            format!("'{}' ({})", t, num(*n))
                        }
                    },
                )
                .collect();
            let title = format!(
                "'{}' is missing in {} ({}): {}",
                c.name,
                crate::fmt::plural(c.missing, "row"),
                pct(share),
                tokens.join(", ")
            );
            let ev: Vec<Evidence> = c.ev_missing.clone();
            Some(cx.finding(vec![c.name.clone()], title, share, ev, c.missing, false))
        })
        .collect()
}
