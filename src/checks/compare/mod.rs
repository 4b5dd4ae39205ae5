//! The comparison's checks: pure functions of the comparison ([`crate::analysis::compare`]),
//! the two profiles and the options. One check per file, as the single-file checks; their words
//! are [`CheckMeta`] data in the same shape, so `datalint explain` and the page show them alike.

mod bias_amplified;
mod category_lost;
mod column_added;
mod column_missing;
mod column_retyped;
mod copied_rows;
mod copied_text;
mod correlation_not_preserved;
mod dataset_drift;
mod diversity_collapse;
mod drift;
mod missing_rate_changed;
mod mode_collapse;
mod near_copies;
mod tail_collapse;

use super::meta::CheckMeta;
use crate::analysis::compare::{Comparison, MIN_VALUES};
use crate::finding::{Evidence, Finding, Severity};
use crate::options::Options;
use crate::profile::Profile;

pub type Run = fn(&Cx<'_>) -> Vec<Finding>;

macro_rules! checks {
    ($($m:ident),* $(,)?) => {
        /// Every comparison check, in report order.
        pub const ALL: &[(&CheckMeta, Run)] = &[$((&$m::META, $m::run)),*];
    };
}

checks!(
    column_missing,
    column_added,
    column_retyped,
    missing_rate_changed,
    dataset_drift,
    drift,
    category_lost,
    tail_collapse,
    mode_collapse,
    diversity_collapse,
    correlation_not_preserved,
    copied_rows,
    near_copies,
    copied_text,
    bias_amplified,
);

/// What a comparison check sees.
pub struct Cx<'a> {
    pub cmp: &'a Comparison,
    pub reference: &'a Profile,
    pub candidate: &'a Profile,
    pub opts: &'a Options,
    pub meta: &'static CheckMeta,
}

impl Cx<'_> {
    pub fn threshold(&self) -> f64 {
        self.meta.threshold_in(self.opts)
    }

    pub fn fires(&self, value: f64) -> bool {
        self.meta.threshold.comparison.fires(value, self.threshold())
    }

    /// The severity in force, or info when either file has fewer than [`MIN_VALUES`] values
    /// (too few for a difference to mean much).
    pub fn severity(&self, n_reference: u64, n_candidate: u64) -> Severity {
        if n_reference < MIN_VALUES || n_candidate < MIN_VALUES {
            Severity::Info
        } else {
            self.meta.severity_in(self.opts)
        }
    }

    pub fn finding(
        &self,
        columns: Vec<String>,
        title: String,
        metric: f64,
        evidence: Vec<Evidence>,
        total: u64,
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
            approximate: false,
            outcome: None,
        }
    }

    /// Evidence: a line of the candidate and what is there.
    pub fn ev(&self, line: u64, value: String) -> Evidence {
        Evidence { line, value }
    }
}

/// Runs every enabled comparison check; findings sorted by severity (worst first), then
/// registry order.
pub fn run(cmp: &Comparison, reference: &Profile, candidate: &Profile, opts: &Options) -> Vec<Finding> {
    let mut out = Vec::new();
    for (meta, check) in ALL {
        if opts.disable.iter().any(|d| d == meta.id) {
            continue;
        }
        let cx = Cx { cmp, reference, candidate, opts, meta };
        out.extend(check(&cx));
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
