//! `duplicate-columns`: identical columns and 1:1 recodings of one another.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{clip, num};
use crate::profile::pairs::{Pairs, Recoding, MAX_COLUMNS, MAX_VALUES};

pub const META: CheckMeta = CheckMeta {
    id: "duplicate-columns",
    family: "quality",
    severity: Severity::Warning,
    summary: "Columns that are identical in every row, or 1:1 recodings of each other (every value of one always goes with the same value of the other and back, e.g. a class name and its number). Recodings are looked for among the first 64 columns with at most 256 distinct values each (missing counts as a value); identical columns at any cardinality. Each group of mutually recoded columns is reported once. A recoding of the label is left to label-leakage.",
    why: "A duplicated column gives a model the same information twice: it inflates that variable's weight in distance- and regularisation-based models, splits importance between the copies, and makes coefficients unstable. Keep one of each group.",
    example: "education = Bachelors exactly when education-num = 13, and so on for all 16 values",
    threshold: ThresholdMeta { metric: "share of rows consistent with the mapping", default: 1.0, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "max_values", value: MAX_VALUES as f64, meaning: "distinct values a column may have to be checked for recodings" },
        Param { name: "max_columns", value: MAX_COLUMNS as f64, meaning: "columns checked for recodings (the first ones)" },
        Param { name: "min_rows", value: MIN_ROWS as f64, meaning: "rows needed before a recoding is reported" },
    ],
};

/// Fewer rows than this and two columns agree by chance.
pub const MIN_ROWS: u64 = 30;

/// One edge between two profile columns.
enum Edge<'a> {
    Recoded(&'a Recoding),
    Same(&'a str),
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(x) = parent.get_mut(i) {
            *x = gp;
        }
        i = p;
    }
    i
}

/// Whether column `c` (profile index) is a label that label-leakage examines.
fn leak_owned(cx: &Context<'_>, p: &Pairs, c: usize) -> bool {
    let label = cx.profile.label.as_deref();
    let is_label = cx.profile.columns.get(c).is_some_and(|col| Some(col.name.as_str()) == label);
    is_label && p.leak.is_some() && !cx.opts.disable.iter().any(|d| d == "label-leakage")
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let p = &cx.profile.pairs;
    if cx.profile.rows < MIN_ROWS || !cx.fires(1.0) {
        return Vec::new();
    }
    let ncols = cx.profile.columns.len();
    let mut edges: Vec<(usize, usize, Edge<'_>)> = Vec::new();
    for s in &p.identical {
        let informative = [s.a, s.b]
            .iter()
            .all(|&c| cx.profile.columns.get(c).is_some_and(|col| col.freq.distinct() >= 2 && !cx.is_text(&col.name)));
        if informative && !leak_owned(cx, p, s.a) && !leak_owned(cx, p, s.b) {
            edges.push((s.a, s.b, Edge::Same(&s.first)));
        }
    }
    for r in &p.recodings {
        let (Some(ta), Some(tb)) = (p.tracked.get(r.a), p.tracked.get(r.b)) else { continue };
        let informative = |t: &crate::profile::pairs::Tracked| {
            t.alive && t.distinct_present() >= 2 && (t.distinct() as u64) * 2 <= p.rows
        };
        if !informative(ta) || !informative(tb) || leak_owned(cx, p, ta.column) || leak_owned(cx, p, tb.column) {
            continue;
        }
        if edges.iter().any(|(a, b, _)| (*a, *b) == (ta.column.min(tb.column), ta.column.max(tb.column))) {
            continue;
        }
        edges.push((ta.column.min(tb.column), ta.column.max(tb.column), Edge::Recoded(r)));
    }
    let mut parent: Vec<usize> = (0..ncols).collect();
    for (a, b, _) in &edges {
        let (ra, rb) = (find(&mut parent, *a), find(&mut parent, *b));
        if let Some(x) = parent.get_mut(ra.max(rb)) {
            *x = ra.min(rb);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for c in 0..ncols {
        if edges.iter().any(|(a, b, _)| *a == c || *b == c) {
            let root = find(&mut parent, c);
            groups.entry(root).or_default().push(c);
        }
    }
    let name = |c: usize| cx.profile.columns.get(c).map_or_else(String::new, |col| col.name.clone());
    let mut out = Vec::new();
    for g in groups.into_values() {
        let names: Vec<String> = g.iter().map(|&c| name(c)).collect();
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => quoted.join(""),
        };
        // The group's edges from its first column: identical when every one is.
        let first = g.first().copied().unwrap_or(0);
        let in_group: Vec<&(usize, usize, Edge<'_>)> =
            edges.iter().filter(|(a, b, _)| g.contains(a) && g.contains(b)).collect();
        let all_same = in_group.iter().all(|(_, _, e)| matches!(e, Edge::Same(_)));
        let recoded = |only_first: bool| {
            in_group.iter().find_map(|(a, b, e)| match e {
                Edge::Recoded(r) if !only_first || *a == first || *b == first => Some(*r),
                _ => None,
            })
        };
        let recoding = recoded(true).or_else(|| recoded(false));
        let (title, ev, total) = match (all_same, recoding) {
            (false, Some(r)) => {
                let (Some(ta), Some(tb)) = (p.tracked.get(r.a), p.tracked.get(r.b)) else { continue };
                let mut links: Vec<(u64, String)> = r
                    .links()
                    .map(|(x, y)| {
                        let line = ta.first.get(x).copied().unwrap_or(0);
                        (
                            line,
                            format!(
                                "{} = {} ↔ {} = {}",
                                name(ta.column),
                                clip(ta.name(x)),
                                name(tb.column),
                                clip(tb.name(y))
                            ),
                        )
                    })
                    .collect();
                links.sort();
                let total = links.len() as u64;
                let shown: Vec<String> =
                    r.links().take(3).map(|(x, y)| format!("{} ↔ {}", clip(ta.name(x)), clip(tb.name(y)))).collect();
                let more = if total > 3 { ", …" } else { "" };
                let title = format!(
                    "{list} are 1:1 recodings of each other ({} values: {}{more})",
                    num(total),
                    shown.join(", ")
                );
                let ev = links.into_iter().take(cx.limit()).map(|(line, value)| Evidence { line, value }).collect();
                (title, ev, total)
            }
            _ => {
                let example = in_group.iter().find_map(|(_, _, e)| match e {
                    Edge::Same(v) => Some(*v),
                    Edge::Recoded(_) => None,
                });
                let title = format!("{list} are identical in all {} rows", num(cx.profile.rows));
                let ev = vec![Evidence {
                    line: cx.profile.first_row_line,
                    value: format!("first row: {} all hold {:?}", names.join(", "), example.unwrap_or("")),
                }];
                (title, ev, cx.profile.rows)
            }
        };
        out.push(cx.finding(names, title, 1.0, ev, total, false));
    }
    out
}
