//! `label-disparity`: the outcome rate differs strongly between groups.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::analysis::fairness::{BiasReport, Disparity, GroupRate, Judgement, Reason, MIN_GROUP};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{fmt_p, num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "label-disparity",
    family: "bias",
    severity: Severity::Warning,
    summary: "The label's outcome rate differs between groups of a sensitive column (or of two together): the impact ratio (lowest rate / highest rate, groups of 30+ rows) is below the threshold (the four-fifths rule), the chi-square test of independence gives p < 0.001, and Cramér's V is at least 0.1. A numeric label: the standardised mean difference between groups is at least 0.5. Which groups are disadvantaged is said only when the favourable label value is given (favourable, --favourable): then its rate is compared and the groups below the line are the disadvantaged ones; otherwise groups are named by their rates of the compared class.",
    why: "A model trained on this data learns the disparity as a pattern and reproduces it in its predictions, even without the sensitive column, through correlated features. The four-fifths rule is the usual screen for adverse impact; the test and the effect size keep noise and trivial differences out. Check whether the difference is real in the world or an artefact of how the data was collected or labelled.",
    example: "with --favourable '>50K': Female has the lowest rate of the favourable Salary = >50K by sex: 10.9% vs Male 30.6% (impact ratio 0.36)",
    threshold: ThresholdMeta { metric: "impact ratio (lowest / highest group rate)", default: 0.8, comparison: Comparison::Below, unit: Unit::Ratio },
    needs_label: true,
    params: &[
        Param { name: "min_group_rows", value: MIN_GROUP as f64, meaning: "labelled rows a group needs to be judged" },
        Param { name: "max_p_value", value: MAX_P_VALUE, meaning: "chi-square p-value below which a difference is not chance" },
        Param { name: "min_cramers_v", value: MIN_CRAMERS_V, meaning: "Cramér's V at least this (a small effect)" },
        Param { name: "min_smd", value: MIN_SMD, meaning: "numeric label: |standardised mean difference| at least this" },
        Param { name: "min_v_gain", value: MIN_V_GAIN, meaning: "a pair of columns: its Cramér's V beyond the stronger column's alone by at least this" },
        Param { name: "min_extreme_rows", value: MIN_EXTREME_ROWS, meaning: "a pair of columns: rows in each of its two extreme groups" },
    ],
};

/// Evidence needed for a disparity: p-value below this.
pub const MAX_P_VALUE: f64 = 0.001;
/// Effect needed: Cramér's V at least this ("small" by Cohen's convention).
pub const MIN_CRAMERS_V: f64 = 0.1;
/// Effect needed for a numeric label: a "medium" standardised mean difference.
pub const MIN_SMD: f64 = 0.5;
/// An intersection's Cramér's V must exceed the stronger of its columns' by at least this.
pub const MIN_V_GAIN: f64 = 0.01;
/// An intersection's lowest and highest groups need at least this many labelled rows each.
pub const MIN_EXTREME_ROWS: f64 = 100.0;

fn group_evidence(d: &Disparity, limit: usize) -> Vec<Evidence> {
    let mut judged: Vec<&GroupRate> = d.groups.iter().filter(|g| !g.too_small).collect();
    judged.sort_by(|a, b| a.figure().unwrap_or(0.0).total_cmp(&b.figure().unwrap_or(0.0)));
    judged
        .iter()
        .take(limit)
        .map(|g| Evidence {
            line: g.first_line,
            value: match (g.rate, g.mean) {
                (Some(r), _) => format!(
                    "{}: {} of {} rows have {}",
                    g.value,
                    pct(r),
                    num(g.count),
                    outcome_name(&d.label, d.outcome.as_deref().unwrap_or(""))
                ),
                (None, Some(m)) => format!("{}: mean {} = {m:.4} over {} rows", g.value, d.label, num(g.count)),
                _ => g.value.clone(),
            },
        })
        .collect()
}

/// A label class as the titles name it: `two_year_recid = 1`.
pub fn outcome_name(label: &str, outcome: &str) -> String {
    format!("{label} = {outcome}")
}

/// Whether a disparity compares the favourable value (given in the options): only then is a
/// group with a lower rate called disadvantaged.
pub fn is_favourable(d: &Disparity, favourable: Option<&str>) -> bool {
    favourable.is_some() && d.outcome.as_deref() == favourable
}

/// The title. Without a favourable value, groups are named by their rates of the compared class,
/// highest first, and none is called disadvantaged; with one, the group with the lowest rate of
/// it is.
fn title(d: &Disparity, favourable: Option<&str>) -> String {
    let lo = d.lowest.as_deref().and_then(|v| d.group(v));
    let hi = d.highest.as_deref().and_then(|v| d.group(v));
    let key = |g: &GroupRate| g.figure().unwrap_or(0.0);
    let by = d.sensitive.join(" × ");
    let stats = format!("chi-square p {}, V {:.2}", fmt_p(d.p_value.unwrap_or(1.0)), d.cramers_v.unwrap_or(0.0));
    match (&d.outcome, lo, hi) {
        (Some(o), Some(lo), Some(hi)) if is_favourable(d, favourable) => format!(
            "{} has the lowest rate of the favourable {} by {by}: {} vs {} {} (impact ratio {:.2}; {stats})",
            lo.value,
            outcome_name(&d.label, o),
            pct(key(lo)),
            hi.value,
            pct(key(hi)),
            d.impact_ratio.unwrap_or(0.0),
        ),
        (Some(o), Some(lo), Some(hi)) => format!(
            "rate of {} by {by}: {} {} vs {} {} (ratio {:.2}; {stats}; no favourable value given)",
            outcome_name(&d.label, o),
            hi.value,
            pct(key(hi)),
            lo.value,
            pct(key(lo)),
            d.impact_ratio.unwrap_or(0.0),
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

fn reason(test: &'static str, value: Option<f64>, comparison: Comparison, threshold: f64) -> Reason {
    let holds = value.is_some_and(|v| comparison.fires(v, threshold));
    Reason { test, value, comparison: Some(comparison), threshold: Some(threshold), holds }
}

/// The firing rule, as reasons: the effect (impact ratio below the threshold, Cramér's V at least
/// [`MIN_CRAMERS_V`]) and the evidence (p below [`MAX_P_VALUE`]) must both be there, between at
/// least two groups of [`MIN_GROUP`]+ labelled rows. Numeric labels: |SMD| at least [`MIN_SMD`].
fn reasons(d: &Disparity, impact_threshold: f64) -> Vec<Reason> {
    let judged = d.groups.iter().filter(|g| !g.too_small).count() as f64;
    let mut out = vec![reason("judged_groups", Some(judged), Comparison::AtLeast, 2.0)];
    if d.outcome.is_some() {
        out.push(reason("impact_ratio", d.impact_ratio, Comparison::Below, impact_threshold));
        out.push(reason("p_value", d.p_value, Comparison::Below, MAX_P_VALUE));
        out.push(reason("cramers_v", d.cramers_v, Comparison::AtLeast, MIN_CRAMERS_V));
    } else {
        out.push(reason("smd", d.smd.map(f64::abs), Comparison::AtLeast, MIN_SMD));
    }
    out
}

/// How strong a disparity is, for comparing a pair with its columns: a lower impact ratio, or
/// for a numeric label a larger |SMD|, is worse. Higher is worse in this score.
fn score(d: &Disparity) -> Option<f64> {
    match (d.impact_ratio, d.smd) {
        (Some(ir), _) => Some(-ir),
        (None, Some(smd)) => Some(smd.abs()),
        _ => None,
    }
}

/// Judges every disparity with the impact-ratio threshold in force, and sets its reference line
/// (the threshold × the highest judged rate) when the compared class is the favourable value:
/// a group below that line is disadvantaged. Without a favourable value there is no line, since
/// a lower rate of a class is not known to be worse. An intersection must also be worse than
/// each of its columns alone, and (binary label) add to the stronger column's association by at
/// least [`MIN_V_GAIN`] with at least [`MIN_EXTREME_ROWS`] rows in each extreme group.
pub fn judge_all(b: &mut BiasReport, impact_threshold: f64, favourable: Option<&str>) {
    let judge = |d: &mut Disparity, extra: Vec<Reason>| {
        let mut rs = reasons(d, impact_threshold);
        rs.extend(extra);
        d.judgement = Some(Judgement { fires: rs.iter().all(|r| r.holds), reasons: rs });
        let highest = d.highest.as_deref().and_then(|v| d.group(v)).and_then(|g| g.rate);
        d.reference_line = highest.filter(|_| is_favourable(d, favourable)).map(|h| h * impact_threshold);
    };
    for d in &mut b.bias {
        judge(d, Vec::new());
    }
    // Per column alone: (column, outcome, score, Cramér's V).
    type Marginal = (String, Option<String>, Option<f64>, Option<f64>);
    let marginals: Vec<Marginal> = b
        .bias
        .iter()
        .filter_map(|d| Some((d.sensitive.first()?.clone(), d.outcome.clone(), score(d), d.cramers_v)))
        .collect();
    for d in &mut b.intersections {
        let marginal = |s: &str| marginals.iter().find(|m| m.0 == s && m.1 == d.outcome);
        let worse = d.sensitive.iter().all(|s| match (score(d), marginal(s).and_then(|m| m.2)) {
            (Some(i), Some(m)) => i > m,
            _ => false,
        });
        let mut extra =
            vec![Reason { test: "worse_than_columns", value: None, comparison: None, threshold: None, holds: worse }];
        if d.outcome.is_some() {
            // The pair must tell more than its columns: its association with the label beyond the
            // stronger column's alone (the same V is the stronger column's effect again), and
            // its two extreme groups big enough not to be a handful of rows picked out of many.
            let strongest = d
                .sensitive
                .iter()
                .filter_map(|s| marginal(s).and_then(|m| m.3))
                .fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.max(v))));
            let gain = d.cramers_v.zip(strongest).map(|(v, m)| v - m);
            extra.push(reason("cramers_v_gain", gain, Comparison::AtLeast, MIN_V_GAIN));
            let rows = |v: &Option<String>| v.as_deref().and_then(|v| d.group(v)).map(|g| g.count as f64);
            let smaller = rows(&d.lowest).zip(rows(&d.highest)).map(|(a, b)| a.min(b));
            extra.push(reason("extreme_group_rows", smaller, Comparison::AtLeast, MIN_EXTREME_ROWS));
        }
        judge(d, extra);
    }
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in cx.fairness.bias.iter().chain(cx.fairness.intersections.iter()) {
        if !d.judgement.as_ref().is_some_and(|j| j.fires) {
            continue;
        }
        let (metric, unit) = match d.outcome {
            Some(_) => (d.impact_ratio.unwrap_or(0.0), Unit::Ratio),
            None => (d.smd.unwrap_or(0.0), Unit::Statistic),
        };
        // Evidence is one summary line per judged group.
        let ev = group_evidence(d, cx.limit());
        let judged = d.groups.iter().filter(|g| !g.too_small).count() as u64;
        let mut f = cx.finding(d.sensitive.clone(), title(d, cx.opts.favourable.as_deref()), metric, ev, judged, false);
        f.outcome = d.outcome.clone();
        f.unit = unit;
        out.push(f);
    }
    out
}
