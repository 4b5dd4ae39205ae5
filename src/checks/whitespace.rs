//! `whitespace`: leading or trailing whitespace.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "whitespace",
    family: "quality",
    severity: Severity::Warning,
    summary: "Values with leading or trailing whitespace, reported once for all affected columns.",
    why: "Whitespace makes ' Male' and 'Male' different categories, breaks joins and lookups against other data, and changes how text is tokenised; it is invisible in most viewers, so it survives review.",
    example: "39, State-gov  (a space after each comma)",
    threshold: ThresholdMeta {
        metric: "largest share of values with surrounding whitespace in a column",
        default: 0.0,
        comparison: Comparison::Above, unit: Unit::Share,
    },
    needs_label: false,
    // When every value of every affected column is padded, the padding is the file's dialect: info.
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    // Prose starts with a newline or ends with one by nature (transcripts, answers): text fields
    // are left out.
    let hit: Vec<_> = cx.columns().filter(|c| c.whitespace > 0 && c.present > 0 && !cx.is_text(&c.name)).collect();
    let padded = &cx.profile.header.padded;
    // The metric: the largest share of padded values in a column, or of padded header names.
    let header_share = padded.len() as f64 / cx.profile.columns.len().max(1) as f64;
    let worst = hit.iter().map(|c| c.whitespace as f64 / c.present as f64).fold(header_share, f64::max);
    if (hit.is_empty() && padded.is_empty()) || !cx.fires(worst) {
        return Vec::new();
    }
    let total = hit.iter().map(|c| c.whitespace).sum::<u64>() + padded.len() as u64;
    // The header's padded names first, then one example per column, so every affected column
    // is shown.
    let mut ev: Vec<Evidence> = padded
        .iter()
        .take(1)
        .map(|n| Evidence {
            line: 1,
            value: format!("header: {} of {} names padded, e.g. {n:?}", padded.len(), cx.profile.columns.len()),
        })
        .chain(hit.iter().filter_map(|c| {
            c.ev_whitespace.first().map(|e| Evidence { line: e.line, value: format!("{}: {}", c.name, e.value) })
        }))
        .take(cx.limit())
        .collect();
    ev.sort_by_key(|e| e.line);
    let mut columns: Vec<String> = hit.iter().map(|c| c.name.clone()).collect();
    for name in padded.iter().map(|n| n.trim().to_string()) {
        if !columns.contains(&name) {
            columns.push(name);
        }
    }
    let title = match hit.as_slice() {
        [] => {
            format!("{} of {} header names have leading or trailing whitespace", padded.len(), cx.profile.columns.len())
        }
        [one] => format!(
            "'{}' has {} with leading or trailing whitespace ({})",
            one.name,
            crate::fmt::plural(one.whitespace, "value"),
            pct(one.whitespace as f64 / one.present as f64)
        ),
        _ => format!(
            "{} in {} columns have leading or trailing whitespace (up to {} of a column)",
            crate::fmt::plural(total - padded.len() as u64, "value"),
            hit.len(),
            pct(hit.iter().map(|c| c.whitespace as f64 / c.present as f64).fold(0.0, f64::max))
        ),
    };
    // The total counts padded header names too; say so, so title and total agree.
    let title = if !hit.is_empty() && !padded.is_empty() {
        format!("{title}; also {} of the header names", num(padded.len() as u64))
    } else {
        title
    };
    // Every value of every affected column padded alike is the file's dialect (adult.data's ", "
    // separator), not a defect of some values: no category is split, so it is a note.
    let uniform = !hit.is_empty() && hit.iter().all(|c| c.whitespace == c.present);
    let title = if uniform {
        format!("{title}: every value, so a separator dialect (e.g. ', ') rather than stray spaces")
    } else {
        title
    };
    let mut f = cx.finding(columns, title, worst, ev, total, false);
    if uniform && !cx.opts.severity.contains_key(META.id) {
        f.severity = crate::finding::Severity::Info;
    }
    vec![f]
}
