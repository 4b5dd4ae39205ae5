//! `length-bias`: preference pairs where the chosen answer is mostly the longer one.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "length-bias",
    family: "text",
    severity: Severity::Warning,
    summary: "Preference pairs in which the chosen answer is longer than the rejected one in at least 70% of pairs (20 pairs or more), with the median chosen/rejected length ratio.",
    why: "Reward models learn length from such data: a policy tuned on them writes longer, not better, answers (length bias is a known failure of RLHF reward models).",
    example: "chosen longer in 84% of 5,000 pairs, median length ratio 1.9",
    threshold: ThresholdMeta { metric: "share of pairs whose chosen answer is longer", default: 0.7, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(r) = cx.text.rows.as_ref() else { return Vec::new() };
    if r.pairs < MIN_PAIRS {
        return Vec::new();
    }
    let share = r.chosen_longer as f64 / r.pairs as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let ratio = r.median_length_ratio.unwrap_or(1.0);
    let title = format!(
        "The chosen answer is the longer one in {} of {} preference pairs (median length ratio {:.2})",
        pct(share),
        num(r.pairs),
        ratio
    );
    let ev = vec![Evidence {
        line: cx.profile.first_row_line,
        value: format!("median chosen / rejected length {ratio:.2}"),
    }];
    vec![cx.finding(Vec::new(), title, share, ev, r.chosen_longer, false)]
}

/// Pairs needed before length bias is judged.
pub const MIN_PAIRS: u64 = 20;
