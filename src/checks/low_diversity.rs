//! `low-diversity`: text that starts the same way again and again.

use super::context::Context;
use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Comparison, Evidence, Finding, Severity, Unit};
use crate::fmt::{num, pct};

pub const META: CheckMeta = CheckMeta {
    id: "low-diversity",
    family: "text",
    severity: Severity::Warning,
    summary: "A text field of 100+ values where one 3-word opener starts at least 20% of them, or the ten most common openers start at least 50%; or a field whose first 100,000 tokens (1,000 at least) compress at least 4× with gzip level 9, or have an NDS (distinct-1 + … + distinct-4) of at most 1.0.",
    why: "Templated synthetic data collapses in diversity: the same openers ('Sure! Here is', 'As a helpful') teach a model one way to start, and the field's variety is smaller than its size suggests.",
    example: "'sure, here is' opens 62% of 1,000 answers",
    threshold: ThresholdMeta { metric: "share of values opened by the most common opener", default: 0.2, comparison: Comparison::AtLeast, unit: Unit::Share },
    needs_label: false,
    params: &[
        Param { name: "min_values", value: MIN_VALUES as f64, meaning: "values a field needs before its openers are judged" },
        Param { name: "top_ten_share", value: TOP_TEN_SHARE, meaning: "or the ten commonest openers start at least this share" },
        Param { name: "max_compression_ratio", value: MAX_COMPRESSION_RATIO, meaning: "or the first tokens compress at least this many times (gzip level 9)" },
        Param { name: "min_nds", value: MIN_NDS, meaning: "or their NDS is at most this" },
        Param { name: "min_tokens", value: MIN_TOKENS as f64, meaning: "tokens a sample needs before its compression and NDS are judged" },
    ],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &cx.text.fields {
        let total = f.openers_total;
        let top = f.openers.first().filter(|_| total >= MIN_VALUES);
        let share = top.map_or(0.0, |t| t.count as f64 / total as f64);
        let ten: u64 = f.openers.iter().take(10).map(|o| o.count).sum();
        let ten_share = if total >= MIN_VALUES { ten as f64 / total as f64 } else { 0.0 };
        let div = f.diversity.filter(|d| d.tokens >= MIN_TOKENS);
        let compressed = div.filter(|d| d.compression_ratio >= MAX_COMPRESSION_RATIO);
        let narrow = div.filter(|d| d.nds <= MIN_NDS);
        let by_openers = top.is_some() && (cx.fires(share) || ten_share >= TOP_TEN_SHARE);
        if !(by_openers || compressed.is_some() || narrow.is_some()) {
            continue;
        }
        let mut parts = Vec::new();
        if let Some(t) = top.filter(|_| by_openers) {
            parts.push(format!(
                "'{}' opens {} of {} values (the ten commonest openers, {})",
                t.value,
                pct(share),
                num(total),
                pct(ten_share)
            ));
        }
        if let Some(d) = div.filter(|_| compressed.is_some() || narrow.is_some()) {
            parts.push(format!(
                "its first {} tokens compress {:.1}× and have an NDS of {:.2}",
                num(d.tokens),
                d.compression_ratio,
                d.nds
            ));
        }
        let title = format!("'{}' has little variety: {}", f.column, parts.join("; "));
        let mut ev: Vec<Evidence> = Vec::new();
        if let Some(d) = div {
            ev.push(Evidence {
                line: 0,
                value: format!(
                    "first {} tokens: distinct-1 {:.3}, distinct-2 {:.3}, NDS {:.3}, compression ratio {:.2}",
                    num(d.tokens),
                    d.distinct[0],
                    d.distinct[1],
                    d.nds,
                    d.compression_ratio
                ),
            });
        }
        ev.extend(f.openers.iter().map(|o| Evidence {
            line: 0,
            value: format!("'{}': {} values ({})", o.value, num(o.count), pct(o.count as f64 / total.max(1) as f64)),
        }));
        ev.truncate(cx.limit());
        let mut finding = cx.finding(vec![f.column.clone()], title, share, ev, top.map_or(0, |t| t.count), false);
        if !by_openers {
            // The figure that triggered it: the compression ratio (or the NDS) against its cut-off.
            match (compressed, narrow) {
                (Some(d), _) => {
                    finding.metric_name = "compression ratio of the field's first tokens (gzip level 9)";
                    finding.metric = d.compression_ratio;
                    finding.comparison = Comparison::AtLeast;
                    finding.threshold = MAX_COMPRESSION_RATIO;
                    finding.unit = Unit::Ratio;
                }
                (None, Some(d)) => {
                    finding.metric_name = "NDS of the field's first tokens (distinct-1 + … + distinct-4)";
                    finding.metric = d.nds;
                    finding.comparison = Comparison::Below;
                    finding.threshold = MIN_NDS;
                    finding.unit = Unit::Statistic;
                }
                _ => {}
            }
        }
        out.push(finding);
    }
    out
}

/// Tokens a diversity sample needs before its figures are judged.
pub const MIN_TOKENS: u64 = 1_000;
/// A sample that gzip compresses at least this many times is repetitive. Calibrated on the
/// Self-Instruct fields: people's and the tuned model's answers compress 2.1–2.7×, the base
/// model's looping answers 22×; natural prose stays near 3× at any size (gzip's window is 32 KB).
pub const MAX_COMPRESSION_RATIO: f64 = 4.0;
/// An NDS (distinct-1 + … + distinct-4) at most this is repetitive: 2.75–3.29 on the
/// Self-Instruct fields of 4,000–13,000 tokens, 0.31 for the looping base model.
pub const MIN_NDS: f64 = 1.0;

/// Values a field needs before its openers are judged.
pub const MIN_VALUES: u64 = 100;
/// Or the ten most common openers start at least this share.
pub const TOP_TEN_SHARE: f64 = 0.5;
