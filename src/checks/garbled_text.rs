//! `garbled-text`: text damaged by encoding errors.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "garbled-text",
    family: "text",
    severity: Severity::Warning,
    summary: "Text values holding U+FFFD replacement characters (bytes that were not valid text), mojibake (UTF-8 read as Windows-1252: 'Ã©', 'â€™'), C0 control characters, or words mixing the letters of two scripts (Latin with Cyrillic look-alikes).",
    why: "Garbled characters are learned as if they were language; mixed-script words are how spam and prompt injections hide from filters. Both are fixed at the source (the decoding step), not by the model.",
    example: "cafÃ© (café decoded as Windows-1252)",
    threshold: ThresholdMeta { metric: "share of values with damaged characters", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &cx.text.fields {
        let Some(acc) = cx.acc(f) else { continue };
        let kinds = [
            ("U+FFFD", &acc.replacement),
            ("mojibake", &acc.mojibake),
            ("control characters", &acc.controls),
            ("mixed-script words", &acc.mixed_scripts),
        ];
        let total: u64 = kinds.iter().map(|k| k.1.count).sum();
        let share = total as f64 / f.values.max(1) as f64;
        if total == 0 || !cx.fires(share) {
            continue;
        }
        let parts: Vec<String> =
            kinds.iter().filter(|k| k.1.count > 0).map(|k| format!("{} {}", num(k.1.count), k.0)).collect();
        let title = format!("'{}': damaged characters in {} values ({})", f.column, num(total), parts.join(", "));
        let mut ev: Vec<Evidence> = kinds.iter().flat_map(|k| k.1.evidence.iter().cloned()).collect();
        ev.sort_by_key(|e| e.line);
        ev.truncate(cx.limit());
        out.push(cx.finding(vec![f.column.clone()], title, share, ev, total, false));
    }
    out
}
