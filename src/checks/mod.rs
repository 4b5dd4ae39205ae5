//! Checks: pure functions of the profile and the options. One check per file; their ids and
//! words live in [`registry`].

pub mod registry;

mod bad_header;
mod class_imbalance;
mod conflicting_labels;
mod constant_column;
mod duplicate_rows;
mod empty_column;
mod high_cardinality;
mod id_like_column;
mod invalid_encoding;
mod invalid_json_line;
mod label_disparity;
pub use label_disparity::fmt_p;
mod missing_values;
mod missingness_disparity;
mod mixed_types;
mod outliers;
mod proxy_for_sensitive;
mod ragged_rows;
mod schema_drift;
mod skewed;
mod underrepresented_group;
mod unreadable_data;
mod whitespace;

use crate::finding::Finding;
use crate::options::Options;
use crate::profile::column::Column;
use crate::profile::{Evidence, Profile};
use registry::CheckMeta;

/// What a check sees.
pub struct Context<'a> {
    pub profile: &'a Profile,
    /// The bias analysis of the profile (empty when no sensitive column is in play).
    pub bias: &'a crate::bias::BiasReport,
    pub opts: &'a Options,
    pub meta: &'static CheckMeta,
}

impl Context<'_> {
    pub fn threshold(&self) -> f64 {
        self.opts.threshold(self.meta.id)
    }

    /// Whether `value` crosses this check's threshold.
    pub fn fires(&self, value: f64) -> bool {
        self.meta.threshold.comparison.fires(value, self.threshold())
    }

    /// A finding of this check with its registered words.
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
            severity: self.opts.severity_of(self.meta.id),
            columns,
            title,
            explanation: self.meta.why,
            metric_name: self.meta.threshold.metric,
            metric,
            comparison: self.meta.threshold.comparison,
            threshold: self.threshold(),
            evidence,
            evidence_total: total,
            approximate,
            outcome: None,
        }
    }

    pub fn limit(&self) -> usize {
        self.opts.evidence_limit
    }

    /// Columns that hold data (not the label column when one is declared, for feature checks).
    pub fn columns(&self) -> impl Iterator<Item = &Column> {
        self.profile.columns.iter()
    }

    /// Errors of the given kinds as evidence.
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

/// A share as a percentage for titles: "5.6%", "0.03%".
pub fn pct(x: f64) -> String {
    let p = x * 100.0;
    // Never round a share to a misleading 0% or 100%.
    if p > 0.0 && p < 0.005 {
        return "<0.01%".into();
    }
    if (99.95..100.0).contains(&p) {
        return if p < 99.995 { format!("{p:.2}%") } else { ">99.99%".into() };
    }
    let s = if p == 0.0 || p == 100.0 {
        format!("{p:.0}")
    } else if p >= 1.0 {
        format!("{p:.1}")
    } else {
        format!("{p:.2}")
    };
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}

/// "1 row", "2 rows".
pub fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{} {word}", num(n))
    } else {
        format!("{} {word}s", num(n))
    }
}

/// Whether most of a column's values are numbers (numeric checks then look at those values,
/// even when a few others make the column's type a string).
pub fn mostly_numeric(c: &Column) -> bool {
    c.types.dominant() == Some(crate::profile::column::Family::Numeric)
}

/// Thousands separators for titles.
pub fn num(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Runs every enabled check; findings sorted by severity (worst first), then registry order.
pub fn run(profile: &Profile, opts: &Options, bias: &crate::bias::BiasReport) -> Vec<Finding> {
    let mut out = Vec::new();
    for (meta, check) in registry::ALL {
        if opts.disable.iter().any(|d| d == meta.id) || (meta.needs_label && profile.label.is_none()) {
            continue;
        }
        let cx = Context { profile, bias, opts, meta };
        out.extend(check(&cx));
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
