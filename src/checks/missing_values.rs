//! `missing-values`: missing values.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{num, pct};
use crate::profile::column::Column;
use crate::roles::TextRole;

pub const META: CheckMeta = CheckMeta {
    id: "missing-values",
    family: "quality",
    severity: Severity::Warning,
    summary: "The share of missing values per column: empty cells and missing tokens such as NA, null, None, NaN and ?.",
    why: "Missing values are filled or dropped before training; either way the model sees a different population than the one you have. When missingness is not random (one source, one group, one period) it becomes a shortcut the model learns, and placeholder tokens such as ? are easily trained on as if they were real categories.",
    example: "workclass = ? in 6% of rows",
    threshold: ThresholdMeta { metric: "missing share", default: 0.01, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

/// One finding per group of columns whose gaps coincide ([`Context::gap_groups`]): the columns
/// share one cause, so they are one fact. When one value of a low-cardinality column explains the
/// lead column's gaps (missing in at least 99% of the rows holding it, and those rows hold at least
/// 99% of the gaps), the gaps are "not applicable" there rather than lost: the finding names the
/// explaining column and value and is info.
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let cols = &cx.profile.columns;
    let share_of = |c: &Column| c.missing as f64 / c.present.max(1) as f64;
    let firing = |c: &Column| {
        c.present > 0
            && c.missing < c.present
            // In instruction data an empty `input` is the format's "no context", not a gap.
            && cx.text_role(&c.name) != Some(TextRole::Input)
            && cx.fires(share_of(c))
    };
    let mut out = Vec::new();
    for group in cx.gap_groups() {
        let members: Vec<&Column> = group.iter().filter_map(|&i| cols.get(i)).filter(|c| firing(c)).collect();
        let Some(lead) = members.first() else { continue };
        let lead_idx = group.iter().copied().find(|&i| cols.get(i).is_some_and(|c| c.name == lead.name)).unwrap_or(0);
        let share = members.iter().map(|c| share_of(c)).fold(0.0, f64::max);
        let tokens = tokens_of(lead);
        let mut title = match members.as_slice() {
            [one] => format!(
                "'{}' is missing in {} ({}): {}",
                one.name,
                crate::fmt::plural(one.missing, "row"),
                pct(share),
                tokens
            ),
            _ => {
                let names: Vec<String> = members.iter().map(|c| format!("'{}'", c.name)).collect();
                let (lo, hi) = members.iter().fold((u64::MAX, 0), |(lo, hi), c| (lo.min(c.missing), hi.max(c.missing)));
                let rows =
                    if lo == hi { crate::fmt::plural(hi, "row") } else { format!("{}–{} rows", num(lo), num(hi)) };
                format!("{} are missing in the same rows: {rows} (up to {}): {}", names.join(", "), pct(share), tokens)
            }
        };
        let explained =
            cx.profile.missingness.explained(lead_idx, lead.missing).filter(|(j, ..)| !group.contains(j)).and_then(
                |(j, value, both, rows)| cols.get(j).map(|c| (c.name.clone(), value.to_string(), both, rows)),
            );
        if let Some((by, value, both, rows)) = &explained {
            title = format!(
                "{title}; exactly where '{by}' = '{value}' ({} of {} rows): not applicable there rather than lost",
                num(*both),
                num(*rows)
            );
        }
        let mut ev: Vec<Evidence> = lead.ev_missing.clone();
        for c in members.iter().skip(1) {
            if let Some(e) = c.ev_missing.first() {
                ev.push(Evidence { line: e.line, value: format!("{}: {}", c.name, e.value) });
            }
        }
        ev.truncate(cx.limit().max(1));
        let total = members.iter().map(|c| c.missing).max().unwrap_or(0);
        let columns = members.iter().map(|c| c.name.clone()).collect();
        let mut f = cx.finding(columns, title, share, ev, total, false);
        if explained.is_some() && !cx.opts.severity.contains_key(META.id) {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
    out
}

fn tokens_of(c: &Column) -> String {
    let tokens: Vec<String> = c
        .missing_tokens
        .iter()
        .map(|(t, n)| if t.is_empty() { format!("empty ({})", num(*n)) } else { format!("'{}' ({})", t, num(*n)) })
        .collect();
    tokens.join(", ")
}
