//! `empty-output`: answers that are empty, placeholders or too short.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;

pub const META: CheckMeta = CheckMeta {
    id: "empty-output",
    family: "text",
    severity: Severity::Warning,
    summary: "Answers and assistant turns that are empty or a placeholder ('N/A', '<No Output>', '<noinput>', 'none', …), and answers under 10 characters. Placeholders and empty answers are a warning; only short answers, info (a classification label can be short).",
    why: "A model trained on empty or placeholder answers learns to answer with nothing; they are the commonest residue of failed generations and of templates filled without content.",
    example: "output: '<No Output>'",
    threshold: ThresholdMeta { metric: "share of answers empty, a placeholder or under 10 characters", default: 0.0, comparison: Comparison::Above, unit: Unit::Share },
    needs_label: false,
    params: &[],
};

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in cx.text.fields.iter().filter(|f| f.is_answer()) {
        let Some(acc) = cx.acc(f) else { continue };
        let (bad, short) = (acc.placeholders.count, acc.short.count);
        let share = (bad + short) as f64 / f.values.max(1) as f64;
        if bad + short == 0 || !cx.fires(share) {
            continue;
        }
        let title = if bad > 0 {
            format!(
                "'{}': {} answers are empty or a placeholder, {} more under 10 characters",
                f.column,
                num(bad),
                num(short)
            )
        } else {
            format!("'{}': {} answers are under 10 characters", f.column, num(short))
        };
        let mut ev: Vec<_> = acc.placeholders.evidence.iter().chain(acc.short.evidence.iter()).cloned().collect();
        ev.truncate(cx.limit());
        let mut finding = cx.finding(vec![f.column.clone()], title, share, ev, bad + short, false);
        if bad == 0 {
            finding.severity = finding.severity.min(Severity::Info);
        }
        out.push(finding);
    }
    out
}
