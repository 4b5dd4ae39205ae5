//! `low-diversity`: text that starts the same way again and again.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "low-diversity",
    family: "text",
    severity: Severity::Warning,
    summary: "A text field of 100+ values where one 3-word opener starts at least 20% of them, or the ten most common openers start at least 50%.",
    why: "Templated synthetic data collapses in diversity: the same openers ('Sure! Here is', 'As a helpful') teach a model one way to start, and the field's variety is smaller than its size suggests.",
    example: "'sure, here is' opens 62% of 1,000 answers",
    threshold: ThresholdMeta { metric: "share of values opened by the most common opener", default: 0.2, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "min_values", value: MIN_VALUES as f64, meaning: "values a field needs before its openers are judged" },
        Param { name: "top_ten_share", value: TOP_TEN_SHARE, meaning: "or the ten commonest openers start at least this share" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &cx.text.fields {
        let total = f.openers_total;
        if total < MIN_VALUES {
            continue;
        }
        let Some(top) = f.openers.first() else { continue };
        let share = top.count as f64 / total as f64;
        let ten: u64 = f.openers.iter().take(10).map(|o| o.count).sum();
        let ten_share = ten as f64 / total as f64;
        if !(cx.fires(share) || ten_share >= TOP_TEN_SHARE) {
            continue;
        }
        let title = format!(
            "'{}': '{}' opens {} of {} values; the ten commonest openers, {}",
            f.column,
            top.value,
            pct(share),
            num(total),
            pct(ten_share)
        );
        let ev = f
            .openers
            .iter()
            .take(cx.limit())
            .map(|o| Evidence {
                line: 0,
                value: format!("'{}': {} values ({})", o.value, num(o.count), pct(o.count as f64 / total as f64)),
            })
            .collect();
        out.push(cx.finding(vec![f.column.clone()], title, share, ev, top.count, false));
    }
    out
}

/// Values a field needs before its openers are judged.
pub const MIN_VALUES: u64 = 100;
/// Or the ten most common openers start at least this share.
pub const TOP_TEN_SHARE: f64 = 0.5;
