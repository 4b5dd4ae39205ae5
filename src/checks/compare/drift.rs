//! `drift`: a column whose values are distributed differently in the candidate, by Evidently's
//! default tests.

use super::Cx;
use crate::analysis::compare::columns::{Drift, CHI2_P, JS_DISTANCE, KS_P, SMALL_REFERENCE, WASSERSTEIN_NORM};
use crate::checks::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{fmt_metric, fmt_p};

pub const META: CheckMeta = CheckMeta {
    id: "drift",
    family: "compare",
    severity: Severity::Warning,
    summary: "A shared column whose distribution differs between the files, by Evidently's defaults: with a reference of at most 1,000 rows, the KS test (p <= 0.05) for numbers and the chi-square test (p < 0.05) for categories; with more rows, the Wasserstein distance over the reference's std (>= 0.1) for numbers and the Jensen-Shannon distance in base 2 (>= 0.120, Evidently's 0.1 in natural log) for categories. Numeric columns with at most 5 distinct values count as categories.",
    why: "A model learns the candidate's distribution: where it differs from the real data the model is calibrated for a world that does not exist, and evaluation on one split says little about the other.",
    example: "'age': Wasserstein distance 0.31 of the reference std",
    threshold: ThresholdMeta { metric: "Wasserstein distance / reference std (numbers, large reference)", default: WASSERSTEIN_NORM, comparison: Comparison::AtLeast, unit: Unit::Statistic },
    needs_label: false,
    params: &[
        Param { name: "js_distance", value: JS_DISTANCE, meaning: "categories, large reference: Jensen-Shannon distance (base 2) at least this" },
        Param { name: "ks_p", value: KS_P, meaning: "numbers, small reference: KS p-value at most this" },
        Param { name: "chi2_p", value: CHI2_P, meaning: "categories, small reference: chi-square p-value below this" },
        Param { name: "small_reference", value: SMALL_REFERENCE as f64, meaning: "reference rows up to which p-values decide" },
    ],
};

fn comparison(d: &Drift) -> Comparison {
    match d.comparison {
        "<=" => Comparison::AtMost,
        "<" => Comparison::Below,
        _ => Comparison::AtLeast,
    }
}

pub fn run(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in cx.cmp.columns.iter().filter(|c| c.drift.drifted) {
        let d = &c.drift;
        // The large-reference numeric rule takes its threshold from the options.
        let (value, threshold) = (d.value, if d.by == "wasserstein_norm" { cx.threshold() } else { d.threshold });
        if !comparison(d).fires(value, threshold) {
            continue;
        }
        let shown = if d.by.ends_with("_p") { fmt_p(value) } else { fmt_metric(value) };
        let what = match d.by {
            "ks_p" => "KS test p",
            "chi2_p" => "chi-square p",
            "wasserstein_norm" => "Wasserstein distance / reference std",
            _ => "Jensen-Shannon distance",
        };
        let title = format!("'{}' is distributed differently in the candidate: {what} = {shown}", c.name);
        let mut ev = Vec::new();
        if let Some((k, cand, refr)) = &c.top {
            ev.push(cx.ev(
                0,
                format!(
                    "most frequent candidate value {k:?}: {} of the candidate, {} of the reference",
                    crate::fmt::pct(*cand),
                    crate::fmt::pct(*refr)
                ),
            ));
        }
        if let (Some(ms), Some(sr)) = (c.mean_shift, c.std_ratio) {
            ev.push(cx.ev(0, format!("mean shift {} reference std, std ratio {}", fmt_metric(ms), fmt_metric(sr))));
        }
        if !c.lost_categories.is_empty() {
            ev.push(cx.ev(0, format!("reference values the candidate lacks: {}", c.lost_categories.join(", "))));
        }
        let mut f = cx.finding(vec![c.name.clone()], title, value, ev, c.n_candidate);
        f.metric_name = match d.by {
            "ks_p" => "KS test p-value (small reference)",
            "chi2_p" => "chi-square p-value (small reference)",
            "wasserstein_norm" => META.threshold.metric,
            _ => "Jensen-Shannon distance, base 2 (categories, large reference)",
        };
        f.comparison = comparison(d);
        f.threshold = threshold;
        f.unit = Unit::Statistic;
        f.approximate = !c.exact;
        f.severity = cx.severity(c.n_reference, c.n_candidate);
        out.push(f);
    }
    out
}
