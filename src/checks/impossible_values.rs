//! `impossible-values`: zeros or negatives in an otherwise positive column, dates before 1900 or
//! far past the column's own dates, and shares over 100% (or over 1).

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{fmt_num, pct, plural};
use crate::profile::column::{Column, EPOCH_YEAR};

pub const META: CheckMeta = CheckMeta {
    id: "impossible-values",
    family: "quality",
    severity: Severity::Warning,
    summary: "Values a column's own data rules out: zeros or negatives in a numeric column whose values are otherwise positive (at least 99% of them and at least 20 positive values) and keep clear of zero (the 2nd percentile is at least a tenth of the median); dates before 1900-01-01, or later than the column's 99th percentile plus its interquartile span, and at least a year past it (judged from the file's own dates, never the day of the run; at month resolution); and values over 100 in a percentage column (named pct, percent, share, rate or ratio, with at least 99% of values in [0, 100]; a range alone does not make a percentage), or over 1 where at least 99% of values lie in [0, 1].",
    why: "Impossible values are usually placeholders (0 for unknown, 1900-01-01, 999) or entry errors. Left in, a model treats them as real measurements: they drag means and scaling, and a placeholder that correlates with how the row was collected becomes a shortcut. Mark them missing or fix them.",
    example: "BloodPressure = 0 in 35 rows (4.6%) where every other value is positive",
    threshold: ThresholdMeta { metric: "share of the column's values that are impossible", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "positive_share", value: POSITIVE_SHARE, meaning: "share of positive values from which a column is taken as positive" },
        Param { name: "min_positive", value: MIN_POSITIVE as f64, meaning: "positive values needed" },
        Param { name: "gap", value: GAP, meaning: "the 2nd percentile must be at least this share of the median for zeros to be impossible" },
        Param { name: "epoch_year", value: EPOCH_YEAR as f64, meaning: "dates before this year's first day are impossible" },
        Param { name: "min_margin_months", value: MIN_MARGIN_MONTHS as f64, meaning: "least margin past the 99th percentile of dates, in months" },
        Param { name: "scale_share", value: SCALE_SHARE, meaning: "share of values in [0, 1] or [0, 100] that sets a column's scale" },
    ],
};

pub const POSITIVE_SHARE: f64 = 0.99;
pub const MIN_POSITIVE: u64 = 20;
pub const SCALE_SHARE: f64 = 0.99;
/// The low end of the bulk (above the at most 1% non-positive values) ...
pub const LOW_QUANTILE: f64 = 0.02;
/// ... must be at least this share of the median for a zero to be out of place.
pub const GAP: f64 = 0.1;
/// The least margin past the 99th percentile, in months.
pub const MIN_MARGIN_MONTHS: u32 = 12;
/// Dates needed before the column's own spread says what is far.
const MIN_DATES: u64 = 20;

/// Whether a column's name says it holds a percentage or a share.
fn share_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| {
        matches!(*w, "pct" | "percent" | "percentage" | "share" | "rate" | "ratio" | "perc")
            || w.starts_with("pct")
            || w.ends_with("pct")
            || w.ends_with("percent")
            || w.ends_with("ratio")
    }) || lower.contains('%')
}

/// One reason: a description, its count, and evidence.
struct Reason {
    text: String,
    count: u64,
    ev: Vec<Evidence>,
    approximate: bool,
}

fn nonpositive(c: &Column) -> Option<Reason> {
    let n = c.moments.count();
    let bad = c.zeros + c.negatives;
    let pos = n.saturating_sub(bad);
    if bad == 0 || pos < MIN_POSITIVE || (pos as f64) < POSITIVE_SHARE * n as f64 {
        return None;
    }
    // Zero is only out of place when the bulk keeps clear of it: a share in [0, 1) or a
    // continuous amount that runs down to zero may hold a true zero.
    let (Some(low), Some(median)) = (c.quantiles.quantile(LOW_QUANTILE), c.quantiles.quantile(0.5)) else {
        return None;
    };
    if low < GAP * median {
        return None;
    }
    let what = match (c.zeros, c.negatives) {
        (_, 0) => plural(c.zeros, "zero"),
        (0, _) => plural(c.negatives, "negative value"),
        (z, g) => format!("{} and {}", plural(z, "zero"), plural(g, "negative value")),
    };
    Some(Reason {
        text: format!(
            "{what} ({}) where {} of values are positive",
            pct(bad as f64 / n as f64),
            pct(pos as f64 / n as f64)
        ),
        count: bad,
        ev: c.ev_nonpositive.clone(),
        approximate: false,
    })
}

fn over_scale(c: &Column) -> Option<Reason> {
    let n = c.moments.count();
    if n < MIN_POSITIVE || !super::context::mostly_numeric(c) {
        return None;
    }
    let q = &c.quantiles;
    let in_range = |hi: f64| n.saturating_sub(q.rank_above(hi) + q.rank_below(0.0)) as f64 >= SCALE_SHARE * n as f64;
    let named = share_name(&c.name);
    let float = c.types.float > 0;
    // A [0, 100] range alone does not make a percentage (amounts, ages, minutes): that needs
    // the name. A float column in [0, 1] is a share by its values.
    let bound = if in_range(1.0) && (named || float) && c.moments.count() > c.zeros {
        1.0
    } else if in_range(100.0) && named {
        100.0
    } else {
        return None;
    };
    let over = q.rank_above(bound);
    if over == 0 {
        return None;
    }
    let ev = c
        .extremes
        .high
        .iter()
        .filter(|e| e.value > bound)
        .map(|e| Evidence { line: e.line, value: e.text.to_string() })
        .collect();
    let scale = if bound == 1.0 { "a share in [0, 1]" } else { "a percentage" };
    Some(Reason {
        text: format!("{} over {} in {scale} column", plural(over, "value"), fmt_num(bound)),
        count: over,
        ev,
        approximate: !q.is_exact(),
    })
}

fn dates(c: &Column) -> Vec<Reason> {
    let d = &c.dates;
    let mut out = Vec::new();
    if d.before_epoch > 0 {
        out.push(Reason {
            text: format!("{} before {EPOCH_YEAR}-01-01", plural(d.before_epoch, "date")),
            count: d.before_epoch,
            ev: d.ev_before.clone(),
            approximate: false,
        });
    }
    if d.count >= MIN_DATES {
        if let (Some(q1), Some(q3), Some(p99)) =
            (d.month_quantile(0.25), d.month_quantile(0.75), d.month_quantile(0.99))
        {
            // At month resolution, and never closer than a year: dates of one month's export
            // run a little past it (a trip ending after midnight on the 1st).
            let cutoff = p99.saturating_add(q3.saturating_sub(q1).max(MIN_MARGIN_MONTHS));
            let late = d.after(cutoff);
            if late > 0 {
                let (y, m) = (cutoff / 12, cutoff % 12 + 1);
                let ev = d
                    .latest
                    .iter()
                    .filter(|(k, _, _)| *k / 100 > y * 100 + m)
                    .map(|(_, l, v)| Evidence { line: *l, value: v.clone() })
                    .collect();
                out.push(Reason {
                    text: format!(
                        "{} after {y:04}-{m:02}, far past the bulk of the column's dates (99th percentile plus the interquartile span, at least a year)",
                        plural(late, "date")
                    ),
                    count: late,
                    ev,
                    approximate: false,
                });
            }
        }
    }
    out
}

/// Columns whose impossible values all sit on rows of an earlier column's finding (a total that
/// follows its fare) join that finding: the same rows are one fact. Rows are compared only when
/// both columns kept every offending line (at most [`NONPOSITIVE_KEPT`]).
///
/// [`NONPOSITIVE_KEPT`]: crate::profile::column::NONPOSITIVE_KEPT
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out: Vec<(Finding, Option<std::collections::BTreeSet<u64>>)> = Vec::new();
    for (f, lines) in per_column(cx) {
        let joined = lines
            .as_ref()
            .and_then(|mine| out.iter_mut().find(|(_, theirs)| theirs.as_ref().is_some_and(|t| mine.is_subset(t))));
        match joined {
            Some((g, _)) => {
                let name = f.columns.first().cloned().unwrap_or_default();
                g.title.push_str(&format!(
                    "; also '{name}' on the same rows ({})",
                    f.title.split(": ").nth(1).unwrap_or_default()
                ));
                g.columns.extend(f.columns);
            }
            None => out.push((f, lines)),
        }
    }
    out.into_iter().map(|(f, _)| f).collect()
}

fn per_column(cx: &Context<'_>) -> Vec<(Finding, Option<std::collections::BTreeSet<u64>>)> {
    cx.columns()
        .filter(|c| !cx.is_text(&c.name))
        .filter_map(|c| {
            let mut reasons: Vec<Reason> = Vec::new();
            if super::context::mostly_numeric(c) {
                reasons.extend(nonpositive(c));
                reasons.extend(over_scale(c));
            }
            reasons.extend(dates(c));
            let count: u64 = reasons.iter().map(|r| r.count).sum();
            let values = if c.dates.count > c.moments.count() { c.dates.count } else { c.moments.count() };
            if count == 0 || values == 0 {
                return None;
            }
            let share = count as f64 / values as f64;
            if !cx.fires(share) {
                return None;
            }
            let mut ev: Vec<Evidence> = reasons.iter().flat_map(|r| r.ev.iter().cloned()).collect();
            ev.sort_by_key(|e| e.line);
            ev.dedup();
            ev.truncate(cx.limit());
            let text: Vec<&str> = reasons.iter().map(|r| r.text.as_str()).collect();
            let title = format!("'{}' has impossible values: {}", c.name, text.join("; "));
            let approx = reasons.iter().any(|r| r.approximate);
            // Every offending row's line, when the column kept them all and only zeros and
            // negatives are at stake.
            let all_kept = c.zeros + c.negatives == count && (count as usize) <= c.ev_nonpositive.len();
            let lines = all_kept.then(|| c.ev_nonpositive.iter().map(|e| e.line).collect());
            Some((cx.finding(vec![c.name.clone()], title, share, ev, count, approx), lines))
        })
        .collect()
}
