//! What every check declares about itself: its words and its threshold, as data, so that the
//! page, the JSON report and `datalint explain ID` show the same text and figures.

use crate::finding::{Comparison, Severity, Unit};
use crate::options::Options;
use serde::Serialize;

/// A check's threshold: what is compared, with what, by default, and in which unit.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ThresholdMeta {
    /// What the metric measures.
    pub metric: &'static str,
    pub default: f64,
    pub comparison: Comparison,
    /// What the metric and threshold are: how every rendering formats them.
    pub unit: Unit,
}

/// A fixed figure of a check's firing rule besides its threshold (a minimum group size, a
/// p-value cut-off), so that explanations on the page quote the engine's value.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Param {
    pub name: &'static str,
    pub value: f64,
    /// What it is, in a few words.
    pub meaning: &'static str,
}

/// A check's fixed documentation.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CheckMeta {
    pub id: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    /// What it checks.
    pub summary: &'static str,
    /// Why it matters for training.
    pub why: &'static str,
    /// A small example that fires.
    pub example: &'static str,
    pub threshold: ThresholdMeta,
    /// Whether it needs a declared label column.
    pub needs_label: bool,
    /// The other fixed figures of its rule.
    pub params: &'static [Param],
}

impl CheckMeta {
    /// The threshold in force: the options' override or the default.
    pub fn threshold_in(&self, opts: &Options) -> f64 {
        opts.thresholds.get(self.id).copied().unwrap_or(self.threshold.default)
    }

    /// The severity in force: the options' override or the default.
    pub fn severity_in(&self, opts: &Options) -> Severity {
        opts.severity.get(self.id).copied().unwrap_or(self.severity)
    }

    /// A parameter's value by name (0 when the check has none of that name).
    pub fn param(&self, name: &str) -> f64 {
        self.params.iter().find(|p| p.name == name).map_or(0.0, |p| p.value)
    }
}

/// The severity steps of the text family's artefact checks: a warning from 1% of the values or
/// from 50 of them, else info.
pub const TEXT_STEPS: [Param; 2] = [
    Param { name: "top_share", value: 0.01, meaning: "warning from this share of the values" },
    Param { name: "top_count", value: 50.0, meaning: "or from this many values" },
];
