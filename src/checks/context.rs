//! What a check sees: the profile, the analyses, the options, and its own metadata.

use super::meta::CheckMeta;
use crate::analysis::fairness::BiasReport;
use crate::finding::{Evidence, Finding};
use crate::options::Options;
use crate::profile::column::Column;
use crate::profile::types::Family;
use crate::profile::Profile;

/// What a check sees.
pub struct Context<'a> {
    pub profile: &'a Profile,
    /// The fairness analysis of the profile (empty when no sensitive column is in play).
    pub fairness: &'a BiasReport,
    pub opts: &'a Options,
    pub meta: &'static CheckMeta,
}

impl Context<'_> {
    /// The threshold in force.
    pub fn threshold(&self) -> f64 {
        self.meta.threshold_in(self.opts)
    }

    /// Whether `value` crosses this check's threshold.
    pub fn fires(&self, value: f64) -> bool {
        self.meta.threshold.comparison.fires(value, self.threshold())
    }

    /// A finding of this check with its registered words and unit.
    pub fn finding(
        &self,
        columns: Vec<String>,
        title: String,
        metric: f64,
        evidence: Vec<Evidence>,
        total: u64,
        approximate: bool,
    ) -> Finding {
        Finding {
            id: self.meta.id,
            severity: self.meta.severity_in(self.opts),
            columns,
            title,
            explanation: self.meta.why,
            metric_name: self.meta.threshold.metric,
            metric,
            comparison: self.meta.threshold.comparison,
            threshold: self.threshold(),
            unit: self.meta.threshold.unit,
            evidence,
            evidence_total: total,
            approximate,
            outcome: None,
        }
    }

    pub fn limit(&self) -> usize {
        self.opts.evidence_limit
    }

    /// The profile's columns.
    pub fn columns(&self) -> impl Iterator<Item = &Column> {
        self.profile.columns.iter()
    }

    /// Input errors of the given kinds (by `ErrorKind::name`) as evidence, and their count.
    pub fn error_evidence(&self, kinds: &[&str]) -> (Vec<Evidence>, u64) {
        let total = kinds.iter().map(|k| self.profile.log.count(k)).sum();
        let ev = self
            .profile
            .log
            .errors
            .iter()
            .filter(|e| kinds.contains(&e.kind.name()))
            .take(self.limit())
            .map(|e| Evidence { line: e.pos.line, value: e.message.clone() })
            .collect();
        (ev, total)
    }
}

/// Whether most of a column's values are numbers (numeric checks then look at those values,
/// even when a few others make the column's type a string).
pub fn mostly_numeric(c: &Column) -> bool {
    c.types.dominant() == Some(Family::Numeric)
}
