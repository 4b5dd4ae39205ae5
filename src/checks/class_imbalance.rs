//! `class-imbalance`: imbalanced label classes.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "class-imbalance",
    family: "quality",
    severity: Severity::Warning,
    summary: "The ratio of the rarest to the most common class of a categorical label.",
    why: "With imbalanced classes a model can score well by mostly predicting the majority class: accuracy hides it, the rare class gets few gradient updates, and calibration drifts. Use stratified splits, class weights or resampling, and metrics that see the minority class.",
    example: "fraud: 0 in 99,000 rows, 1 in 1,000",
    threshold: ThresholdMeta { metric: "rarest / most common class count", default: 0.2, comparison: Comparison::Below, unit: Unit::Ratio },
    needs_label: true,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let Some(classes) = cx.profile.label_classes.as_ref() else {
        return Vec::new();
    };
    let mut v: Vec<(&str, (u64, u64))> = classes.classes().map(|(k, n, first)| (k, (n, first))).collect();
    if classes.overflow || v.len() < 2 {
        return Vec::new();
    }
    v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let (Some(major), Some(minor)) = (v.first(), v.last()) else {
        return Vec::new();
    };
    let ratio = minor.1 .0 as f64 / major.1 .0 as f64;
    if !cx.fires(ratio) {
        return Vec::new();
    }
    let total: u64 = v.iter().map(|c| c.1 .0).sum();
    let ev: Vec<Evidence> = v
        .iter()
        .rev()
        .take(cx.limit())
        .map(|(k, (n, first))| Evidence {
            line: *first,
            value: format!("class '{}': {} rows ({}), first on this line", k, num(*n), pct(*n as f64 / total as f64)),
        })
        .collect();
    let label = cx.profile.label.clone().unwrap_or_default();
    let title = format!(
        "Label '{}' is imbalanced: '{}' has {} rows, '{}' has {} (ratio {:.2})",
        label,
        minor.0,
        num(minor.1 .0),
        major.0,
        num(major.1 .0),
        ratio
    );
    vec![cx.finding(vec![label], title, ratio, ev, minor.1 .0, false)]
}
