//! `empty-output`: answers that are empty, placeholders or too short.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "empty-output",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers and assistant turns that are empty or a placeholder ('N/A', '<No Output>', '<noinput>', 'none', …), and short answers with no content (only punctuation). Answers under 10 characters that hold a word, number or symbol are counted in the text section but not reported: a classification label or a number is a complete answer.",
    why: "A model trained on empty or placeholder answers learns to answer with nothing; they are the commonest residue of failed generations and of templates filled without content.",
    example: "output: '<No Output>'",
    threshold: ThresholdMeta { metric: "share of answers empty, a placeholder or under 10 characters", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    // A handful of artefacts among many answers is a note; from 1% of the values, or 50 of them,
    // a warning.
    params: &super::meta::TEXT_STEPS,
};

/// Fires on empty answers, placeholders and short answers with no content (only punctuation).
/// Other answers under 10 characters are counted in the report's text section but not reported:
/// on real instruction sets they are complete answers to classification and short tasks
/// ("Positive", "True", "$6.65"; the calibration panel judged every such finding false).
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in cx.text.fields.iter().filter(|f| f.is_answer()) {
        let Some(acc) = cx.acc(f) else { continue };
        let bad = acc.placeholders.count + acc.contentless.count;
        let share = bad as f64 / f.values.max(1) as f64;
        if bad == 0 || !cx.fires(share) {
            continue;
        }
        let others = acc.short.count.saturating_sub(acc.contentless.count);
        let mut title = format!("'{}': {} answers are empty, a placeholder or only punctuation", f.column, num(bad));
        if others > 0 {
            title.push_str(&format!(" ({} more are under 10 characters, which a label or number can be)", num(others)));
        }
        let mut ev: Vec<_> = acc.placeholders.evidence.iter().chain(acc.contentless.evidence.iter()).cloned().collect();
        ev.sort_by_key(|e| e.line);
        ev.truncate(cx.limit());
        let mut finding = cx.finding(vec![f.column.clone()], title, share, ev, bad, false);
        finding.severity = cx.sized(share, bad);
        out.push(finding);
    }
    out
}
