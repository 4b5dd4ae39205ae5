//! `label-leakage`: a feature that alone (nearly) determines the label.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{clip, num, pct};
use crate::profile::pairs::{Pairs, Tracked, MAX_LEAK_CLASSES};

pub const META: CheckMeta = CheckMeta {
    id: "label-leakage",
    family: "quality",
    severity: Severity::Warning,
    summary: "A feature whose value alone nearly determines the label. Steps, per feature among the first 64 columns with at most 256 distinct values (not id-like, not free text, not the label; missing is a value of its own; label with at most 50 classes): (1) count rows per (feature value, label class); (2) accuracy = share of rows whose class is the most common class among the other rows with the same value (leave-one-out, so a value seen once is predicted as the overall majority class and memorising ids earns nothing); (3) fire when accuracy reaches the threshold and its error is at most a tenth of the majority-class baseline's error, or when the feature is a 1:1 recoding of the label, or when one value covering at least 10% of rows fixes the label in at least 99.5% of them (its error at most a tenth of that class's overall error, and at least 10 rows of other classes expected in it were it independent of the label; the finding's metric is then that share, against 99.5%); (4) severity error for a recoding or an accuracy of at least 99.5%, else warning.",
    why: "A feature that gives the label away is usually recorded after the outcome (a follow-up field, a derived score, the label re-encoded). A model learns that shortcut instead of the task: it scores near-perfectly in validation and fails in use, where the field is not yet known. Drop it, or confirm it is truly available at prediction time.",
    example: "when is_recid = 0, two_year_recid = 0 in 100% of 3,963 rows",
    threshold: ThresholdMeta { metric: "accuracy of predicting the label from the feature alone", default: 0.98, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: true,
    params: &[
        Param { name: "error_ratio", value: ERROR_RATIO, meaning: "largest error, as a share of the majority-class baseline's error" },
        Param { name: "error_accuracy", value: ERROR_ACCURACY, meaning: "accuracy from which the finding is an error" },
        Param { name: "value_share", value: VALUE_SHARE, meaning: "share of rows a value must cover to be reported on its own" },
        Param { name: "value_purity", value: VALUE_PURITY, meaning: "share of that value's rows with one label class" },
        Param { name: "min_expected", value: MIN_EXPECTED, meaning: "rows of other classes the value would hold were it independent of the label" },
        Param { name: "max_classes", value: MAX_LEAK_CLASSES as f64, meaning: "label classes up to which features are compared with it" },
        Param { name: "min_rows", value: MIN_ROWS as f64, meaning: "labelled rows needed" },
    ],
};

pub const ERROR_RATIO: f64 = 0.1;
pub const ERROR_ACCURACY: f64 = 0.995;
pub const VALUE_SHARE: f64 = 0.10;
pub const VALUE_PURITY: f64 = 0.995;
pub const MIN_ROWS: u64 = 30;
/// Rows of other classes a value would hold if it were independent of the label: fewer, and a
/// pure value is no evidence (a common class fills small values by chance).
pub const MIN_EXPECTED: f64 = 10.0;
/// The metric of a finding raised by one value alone.
pub const VALUE_METRIC: &str = "share of the value's rows with one label class";

/// What one feature's table says.
struct Verdict {
    rows: u64,
    accuracy: f64,
    baseline: f64,
    /// Per value: (value slot, rows, top class slot, its share).
    values: Vec<(usize, u64, usize, f64)>,
    /// Values that fix the label on their own (indexes into `values`).
    one_sided: Vec<usize>,
}

fn verdict(table: &[Vec<u64>]) -> Option<Verdict> {
    let classes = table.iter().map(Vec::len).max().unwrap_or(0);
    let totals: Vec<u64> = (0..classes).map(|c| table.iter().map(|v| v.get(c).copied().unwrap_or(0)).sum()).collect();
    let rows: u64 = totals.iter().sum();
    if rows < MIN_ROWS || totals.iter().filter(|&&n| n > 0).count() < 2 {
        return None;
    }
    let (majority, &top) = totals.iter().enumerate().max_by_key(|&(c, &n)| (n, std::cmp::Reverse(c)))?;
    let baseline = top as f64 / rows as f64;
    // Leave-one-out: each row is predicted by the other rows with its value.
    let mut correct = 0.0;
    let mut values = Vec::new();
    for (v, counts) in table.iter().enumerate() {
        let n: u64 = counts.iter().sum();
        if n == 0 {
            continue;
        }
        for (c, &k) in counts.iter().enumerate().filter(|(_, &k)| k > 0) {
            if n == 1 {
                correct += if c == majority { 1.0 } else { 0.0 };
                continue;
            }
            let other = |d: usize| counts.get(d).copied().unwrap_or(0) - u64::from(d == c);
            let best = (0..counts.len()).map(other).max().unwrap_or(0);
            if other(c) == best {
                let ties = (0..counts.len()).filter(|&d| other(d) == best).count().max(1);
                correct += k as f64 / ties as f64;
            }
        }
        let (tc, &tk) = counts.iter().enumerate().max_by_key(|&(c, &k)| (k, std::cmp::Reverse(c)))?;
        values.push((v, n, tc, tk as f64 / n as f64));
    }
    values.sort_by_key(|&(v, n, _, _)| (std::cmp::Reverse(n), v));
    let one_sided = values
        .iter()
        .enumerate()
        .filter(|(_, &(_, n, c, share))| {
            let p = totals.get(c).copied().unwrap_or(0) as f64 / rows as f64;
            n as f64 >= VALUE_SHARE * rows as f64
                && share >= VALUE_PURITY
                && (1.0 - share) <= ERROR_RATIO * (1.0 - p)
                && n as f64 * (1.0 - p) >= MIN_EXPECTED
        })
        .map(|(i, _)| i)
        .collect();
    Some(Verdict { rows, accuracy: correct / rows as f64, baseline, values, one_sided })
}

fn sentence(f: &str, ft: &Tracked, l: &str, lt: &Tracked, (v, n, c, share): (usize, u64, usize, f64)) -> String {
    format!("when {f} = {}, {l} = {} in {} of {} rows", clip(ft.name(v)), clip(lt.name(c)), pct(share), num(n))
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let p: &Pairs = &cx.profile.pairs;
    let Some(leak) = p.leak.as_ref() else { return Vec::new() };
    let Some(lt) = p.tracked.get(leak.label) else { return Vec::new() };
    let Some(label) = cx.profile.label.clone() else { return Vec::new() };
    let mut out = Vec::new();
    for (t, (ft, table)) in p.tracked.iter().zip(&leak.tables).enumerate() {
        let Some(col) = cx.profile.columns.get(ft.column) else { continue };
        if t == leak.label || !ft.alive || col.name == label || cx.is_text(&col.name) {
            continue;
        }
        if super::id_like_column::fires_for(cx, col) {
            continue;
        }
        let Some(v) = verdict(table) else { continue };
        let recoding = p.recoding(t, leak.label).filter(|_| {
            ft.distinct_present() >= 2 && lt.distinct_present() >= 2 && !ft.names.iter().any(Option::is_none)
        });
        let beats = (1.0 - v.accuracy) <= ERROR_RATIO * (1.0 - v.baseline);
        let accurate = cx.fires(v.accuracy) && beats;
        if recoding.is_none() && !accurate && v.one_sided.is_empty() {
            continue;
        }
        let f = &col.name;
        let mut ev: Vec<Evidence> = v
            .one_sided
            .iter()
            .chain((0..v.values.len()).filter(|i| !v.one_sided.contains(i)).collect::<Vec<_>>().iter())
            .filter_map(|&i| v.values.get(i))
            .take(cx.limit())
            .map(|&(val, n, c, share)| Evidence {
                line: ft.first.get(val).copied().unwrap_or(0),
                value: sentence(f, ft, &label, lt, (val, n, c, share)),
            })
            .collect();
        ev.sort_by_key(|e| e.line);
        let total = v.values.len() as u64;
        let mut finding = if let Some(r) = recoding {
            let shown: Vec<String> = r
                .links()
                .map(|(x, y)| if r.a == t { (x, y) } else { (y, x) })
                .take(3)
                .map(|(x, y)| format!("{} ↔ {}", clip(ft.name(x)), clip(lt.name(y))))
                .collect();
            let more = if r.links().count() > 3 { ", …" } else { "" };
            let title = format!("'{f}' is a 1:1 recoding of the label '{label}' ({}{more})", shown.join(", "));
            cx.finding(vec![f.clone(), label.clone()], title, v.accuracy, ev, total, false)
        } else if accurate {
            let title = format!(
                "'{f}' alone predicts the label '{label}' with {} accuracy (majority class alone: {})",
                pct(v.accuracy),
                pct(v.baseline)
            );
            cx.finding(vec![f.clone(), label.clone()], title, v.accuracy, ev, total, false)
        } else {
            let Some(&(val, n, c, share)) = v.one_sided.first().and_then(|&i| v.values.get(i)) else { continue };
            let title = format!(
                "{} ({} of labelled rows)",
                sentence(f, ft, &label, lt, (val, n, c, share)),
                pct(n as f64 / v.rows as f64)
            );
            let mut x = cx.finding(vec![f.clone(), label.clone()], title, share, ev, total, false);
            x.metric_name = VALUE_METRIC;
            x.threshold = VALUE_PURITY;
            x
        };
        let severe = recoding.is_some() || (accurate && v.accuracy >= ERROR_ACCURACY);
        if severe && !cx.opts.severity.contains_key(META.id) {
            finding.severity = Severity::Error;
        }
        out.push(finding);
    }
    out
}
