//! `rare-negatives`: rows whose values are negative in two or more numeric columns that are
//! otherwise never negative: values that contradict their sibling columns' sign.
//!
//! The rule: a column takes part when most of its values are numbers, it has at least 20 of them,
//! and at most 1% of them (and at most the 64 smallest values the profile keeps with their lines)
//! are negative. A row is reported when it is negative in at least two such columns. A single
//! column with rare negatives (a temperature below zero) is not enough: it is the agreement of
//! siblings (fare, tax and total all negative) that marks a voided, reversed or mis-signed record.
//! Exact: every negative value of a taking-part column is among the kept smallest values.

use super::context::{mostly_numeric, Context};
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::Evidence;
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::{pct, plural};
use crate::profile::column::Column;
use std::collections::BTreeMap;

pub const META: CheckMeta = CheckMeta {
    id: "rare-negatives",
    family: "quality",
    severity: Severity::Info,
    summary: "Rows negative in two or more numeric columns that are otherwise never negative (at most 1% of each column's values below zero): records whose sign contradicts the rest of their column and agrees across sibling columns.",
    why: "When fare, tax and total are all negative in the same few rows, those rows are usually voided, refunded or reversed records, or a sign error: they are not examples of the thing being modelled, and a model trained on them learns that prices can be negative. Decide whether to drop them, flip them or model them as their own kind.",
    example: "fare_amount -10.5, mta_tax -0.5, total_amount -13.8 on the same row, where every other row is positive",
    threshold: ThresholdMeta { metric: "share of rows negative in two or more such columns", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "min_values", value: MIN_VALUES as f64, meaning: "numeric values a column needs to take part" },
        Param { name: "max_negative_share", value: MAX_SHARE, meaning: "largest share of negative values for a column to count as otherwise never negative" },
        Param { name: "min_columns", value: MIN_COLUMNS as f64, meaning: "such columns a row must be negative in" },
    ],
};

const MIN_VALUES: u64 = 20;
const MAX_SHARE: f64 = 0.01;
const MIN_COLUMNS: usize = 2;

fn takes_part(c: &Column) -> bool {
    let n = c.moments.count();
    mostly_numeric(c)
        && n >= MIN_VALUES
        && c.negatives > 0
        && c.negatives as f64 <= MAX_SHARE * n as f64
        && c.negatives as usize <= c.extremes.low.len()
}

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let cols: Vec<&Column> = cx.columns().filter(|c| takes_part(c)).collect();
    if cols.len() < MIN_COLUMNS {
        return Vec::new();
    }
    // Line -> (column index, value) of its negative values.
    let mut rows: BTreeMap<u64, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, c) in cols.iter().enumerate() {
        for e in c.extremes.low.iter().filter(|e| e.value < 0.0) {
            rows.entry(e.line).or_default().push((i, &e.text));
        }
    }
    rows.retain(|_, v| v.len() >= MIN_COLUMNS);
    if rows.is_empty() {
        return Vec::new();
    }
    let share = rows.len() as f64 / cx.profile.rows.max(1) as f64;
    if !cx.fires(share) {
        return Vec::new();
    }
    let mut involved: Vec<usize> = rows.values().flatten().map(|&(i, _)| i).collect();
    involved.sort_unstable();
    involved.dedup();
    let names: Vec<String> = involved.iter().filter_map(|&i| cols.get(i)).map(|c| c.name.clone()).collect();
    let ev: Vec<Evidence> = rows
        .iter()
        .take(cx.limit())
        .map(|(&line, v)| {
            let value = v
                .iter()
                .filter_map(|&(i, x)| cols.get(i).map(|c| format!("{} {x}", c.name)))
                .collect::<Vec<_>>()
                .join(", ");
            Evidence { line, value }
        })
        .collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let title = format!(
        "{} ({}) {} negative in two or more of {}, columns otherwise never negative",
        plural(rows.len() as u64, "row"),
        pct(share),
        if rows.len() == 1 { "is" } else { "are" },
        quoted.join(", ")
    );
    let total = rows.len() as u64;
    vec![cx.finding(names, title, share, ev, total, false)]
}
