//! `label-disparity`: the outcome rate differs strongly between groups.

use super::registry::{CheckMeta, ThresholdMeta};
use super::{num, pct, Context};
use crate::bias::{strong, Disparity, MAX_P_VALUE, MIN_CRAMERS_V, MIN_SMD};
use crate::finding::{Comparison, Finding, Severity};
use crate::profile::Evidence;

pub const META: CheckMeta = CheckMeta {
    id: "label-disparity",
    family: "bias",
    severity: Severity::Warning,
    summary: "The label's outcome rate differs between groups of a sensitive column (or of two together): the impact ratio (lowest rate / highest rate, groups of 30+ rows) is below the threshold (the four-fifths rule), the chi-square test of independence gives p < 0.001, and Cramér's V is at least 0.1. A numeric label: the standardised mean difference between groups is at least 0.5.",
    why: "A model trained on this data learns the disparity as a pattern and reproduces it in its predictions, even without the sensitive column, through correlated features. The four-fifths rule is the usual screen for adverse impact; the test and the effect size keep noise and trivial differences out. Check whether the difference is real in the world or an artefact of how the data was collected or labelled.",
    example: ">50K rate: Female 10.9%, Male 30.6% (impact ratio 0.36)",
    threshold: ThresholdMeta { metric: "impact ratio (lowest / highest group rate)", default: 0.8, comparison: Comparison::Below },
    needs_label: true,
};

fn group_evidence(d: &Disparity, limit: usize) -> Vec<Evidence> {
    let mut judged: Vec<_> = d.groups.iter().filter(|g| !g.too_small).collect();
    judged.sort_by(|a, b| a.rate.or(a.mean).unwrap_or(0.0).total_cmp(&b.rate.or(b.mean).unwrap_or(0.0)));
    judged
        .iter()
        .take(limit)
        .map(|g| Evidence {
            line: g.first_line,
            value: match (g.rate, g.mean) {
                (Some(r), _) => format!(
                    "{}: {} of {} rows have '{}'",
                    g.value,
                    pct(r),
                    num(g.count),
                    d.outcome.as_deref().unwrap_or("")
                ),
                (None, Some(m)) => format!("{}: mean {} = {m:.4} over {} rows", g.value, d.label, num(g.count)),
                _ => g.value.clone(),
            },
        })
        .collect()
}

fn title(d: &Disparity) -> String {
    let judged: Vec<_> = d.groups.iter().filter(|g| !g.too_small).collect();
    let key = |g: &&crate::bias::GroupRate| g.rate.or(g.mean).unwrap_or(0.0);
    let lo = judged.iter().min_by(|a, b| key(a).total_cmp(&key(b)));
    let hi = judged.iter().max_by(|a, b| key(a).total_cmp(&key(b)));
    let by = d.sensitive.join(" × ");
    match (&d.outcome, lo, hi) {
        (Some(o), Some(lo), Some(hi)) => format!(
            "'{o}' rate by {by}: {} {} vs {} {} (impact ratio {:.2}; chi-square p {}, V {:.2})",
            lo.value,
            pct(key(lo)),
            hi.value,
            pct(key(hi)),
            d.impact_ratio.unwrap_or(0.0),
            fmt_p(d.p_value.unwrap_or(1.0)),
            d.cramers_v.unwrap_or(0.0)
        ),
        (None, Some(lo), Some(hi)) => format!(
            "mean '{}' by {by}: {} {:.4} vs {} {:.4} (standardised difference {:.2})",
            d.label,
            lo.value,
            key(lo),
            hi.value,
            key(hi),
            d.smd.unwrap_or(0.0)
        ),
        _ => format!("outcome differs by {by}"),
    }
}

/// A p-value for titles.
pub fn fmt_p(p: f64) -> String {
    if p < 1e-300 {
        "< 1e-300".into()
    } else if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let t = cx.threshold();
    let mut out = Vec::new();
    // The strength of a disparity for comparing a pair with its columns: a lower impact ratio,
    // or for a numeric label a larger |SMD|, is worse. Higher is worse in this score.
    let score = |d: &Disparity| match (d.impact_ratio, d.smd) {
        (Some(ir), _) => Some(-ir),
        (None, Some(smd)) => Some(smd.abs()),
        _ => None,
    };
    let marginal = |s: &str, o: &Option<String>| {
        cx.bias
            .bias
            .iter()
            .find(|d| d.sensitive.first().map(String::as_str) == Some(s) && &d.outcome == o)
            .and_then(&score)
    };
    for d in cx.bias.bias.iter().chain(cx.bias.intersections.iter()) {
        if !strong(d, t) {
            continue;
        }
        // An intersection is reported only where it is worse than each of its columns alone.
        if d.sensitive.len() > 1 {
            let worse = d.sensitive.iter().all(|s| match (score(d), marginal(s, &d.outcome)) {
                (Some(i), Some(m)) => i > m,
                _ => false,
            });
            if !worse {
                continue;
            }
        }
        let metric = if d.outcome.is_some() { d.impact_ratio.unwrap_or(0.0) } else { d.smd.unwrap_or(0.0) };
        let _ = (MAX_P_VALUE, MIN_CRAMERS_V, MIN_SMD);
        // Evidence is one summary line per judged group.
        let ev = group_evidence(d, cx.limit());
        let judged = d.groups.iter().filter(|g| !g.too_small).count() as u64;
        let mut f = cx.finding(d.sensitive.clone(), title(d), metric, ev, judged, false);
        f.outcome = d.outcome.clone();
        out.push(f);
    }
    out
}
