//! `empty-column`: columns with no values.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "empty-column",
    family: "quality",
    severity: Severity::Warning,
    summary: "Columns in which every value is missing.",
    why: "An empty column carries no information; it still costs memory and, worse, some pipelines impute it with a constant that a model can latch onto. It often means a join or an export step failed.",
    example: "a notes column blank in every row",
    threshold: ThresholdMeta { metric: "missing share", default: 1.0, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    cx.columns()
        .filter(|c| c.present > 0)
        .filter_map(|c| {
            let share = c.missing as f64 / c.present as f64;
            if !cx.fires(share) {
                return None;
            }
            let title = if c.missing == c.present {
                format!("'{}' is empty: all {} values are missing", c.name, num(c.present))
            } else {
                format!(
                    "'{}' is almost empty: {} of {} values are missing ({})",
                    c.name,
                    num(c.missing),
                    num(c.present),
                    pct(share)
                )
            };
            Some(cx.finding(vec![c.name.clone()], title, share, c.ev_missing.clone(), c.missing, false))
        })
        .collect()
}
