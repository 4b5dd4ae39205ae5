//! `near-duplicates`: texts that are copies of each other, exactly or nearly.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "near-duplicates",
    family: "text",
    severity: Severity::Warning,
    summary: "Text values equal after normalisation (lower case, punctuation and digits folded, diacritics dropped, as datatrove), and near-duplicates: MinHash (128 permutations) with LSH (16 bands × 8 rows) over 5-word shingles (3 for fields under 30 words), pairs kept at an estimated Jaccard of at least 0.8 and clustered; the first 200,000 values of a field are compared.",
    why: "Near-duplicate texts overweight one example, inflate benchmark scores when they cross splits, and are the mark of a generator repeating itself; deduplication is a standard step before training.",
    example: "lines 12 and 840: estimated Jaccard 0.91",
    threshold: ThresholdMeta { metric: "share of values that duplicate another (exactly or nearly)", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // With an input field, one instruction serves many inputs ("Answer the following question."):
    // the instruction repeating is the format, and a repeated (instruction, input) pair is what
    // conflicting-answers and duplicate-rows look at.
    let has_input = cx.text.fields.iter().any(|f| f.role == Some(crate::roles::TextRole::Input));
    for f in &cx.text.fields {
        if has_input && f.role == Some(crate::roles::TextRole::Instruction) {
            continue;
        }
        let Some(acc) = cx.acc(f) else { continue };
        let d = &f.duplicates;
        // Values that repeat an earlier one: exact copies after normalisation, or the later members
        // of near-duplicate clusters (which hold the exact copies too; the larger of the two).
        let dup = d.exact.max(d.rows_in_clusters.saturating_sub(d.near_clusters));
        let share = dup as f64 / f.values.max(1) as f64;
        if dup == 0 || !cx.fires(share) {
            continue;
        }
        let title = format!(
            "'{}': {} values are exact duplicates after normalisation; {} near-duplicate pairs in {} clusters",
            f.column,
            num(d.exact),
            num(d.near_pairs),
            num(d.near_clusters)
        );
        let mut ev: Vec<Evidence> = f
            .near_pairs_all
            .iter()
            .map(|&(a, b, e)| Evidence {
                line: b,
                value: format!("near-duplicate of line {a} (estimated Jaccard {e:.2})"),
            })
            .collect();
        ev.extend(acc.exact_dups.evidence.iter().cloned());
        ev.truncate(cx.limit());
        out.push(cx.finding(vec![f.column.clone()], title, share, ev, dup, d.not_sampled > 0));
    }
    out
}
