//! What a check sees: the profile, the analyses, the options, and its own metadata.

use super::meta::CheckMeta;
use crate::analysis::fairness::BiasReport;
use crate::analysis::text::{TextField, TextReport};
use crate::finding::{Evidence, Finding};
use crate::options::Options;
use crate::profile::column::Column;
use crate::profile::text::{Tally, TextColumn};
use crate::profile::types::Family;
use crate::profile::Profile;

/// What a check sees.
pub struct Context<'a> {
    pub profile: &'a Profile,
    /// The fairness analysis of the profile (empty when no sensitive column is in play).
    pub fairness: &'a BiasReport,
    /// The text analysis (no fields when no column is text).
    pub text: &'a TextReport,
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

    /// The severity of a finding whose size is `share` (of the rows or values at stake) and `count`,
    /// stepped by the check's params: the check's severity from `top_share` of the rows **or**
    /// `top_count` of them (a count that matters whatever the file's size), one step lower from
    /// `mid_share` or `mid_count`, else info. A param the check lacks is never reached. A
    /// severity set in the options for this check is used as it is; a check without
    /// `top_share` keeps its severity.
    pub fn sized(&self, share: f64, count: u64) -> crate::finding::Severity {
        use crate::finding::Severity;
        let base = self.meta.severity_in(self.opts);
        let has = |n: &str| self.meta.params.iter().any(|p| p.name == n);
        if self.opts.severity.contains_key(self.meta.id) || !has("top_share") {
            return base;
        }
        let reached = |name: &str, v: f64| has(name) && v >= self.meta.param(name);
        let at = |s: &str, c: &str| reached(s, share) || reached(c, count as f64);
        let lower = |s: Severity| match s {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        };
        if at("top_share", "top_count") {
            base
        } else if at("mid_share", "mid_count") {
            lower(base)
        } else {
            Severity::Info
        }
    }

    /// Columns whose gaps coincide: groups (by column position, in column order) of columns with
    /// missing values where every member is missing together with the group's first column in
    /// at least [`AGREEMENT`] of the larger of their two gap counts. A column alone is a group of
    /// one. The first column of a group is its lead.
    ///
    /// [`AGREEMENT`]: crate::profile::missingness::AGREEMENT
    pub fn gap_groups(&self) -> Vec<Vec<usize>> {
        use crate::profile::missingness::AGREEMENT;
        let m = &self.profile.missingness;
        let cols = &self.profile.columns;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, c) in cols.iter().enumerate() {
            if c.missing == 0 {
                continue;
            }
            let joins = groups.iter_mut().find(|g| {
                g.first().and_then(|&k| cols.get(k).map(|lead| (k, lead))).is_some_and(|(k, lead)| {
                    let both = m.together(i, k) as f64;
                    both > 0.0 && both >= AGREEMENT * c.missing.max(lead.missing) as f64
                })
            });
            match joins {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        groups
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

    /// Input errors of the given kinds (by `ErrorKind::name`) as evidence, and their count. Every
    /// kind that occurred has evidence: the first error of each kind comes first, the rest of
    /// the kept ones fill up to the evidence limit; the evidence is in file order.
    pub fn error_evidence(&self, kinds: &[&str]) -> (Vec<Evidence>, u64) {
        let total = kinds.iter().map(|k| self.profile.log.count(k)).sum();
        let log = &self.profile.log;
        let mut picked: Vec<&crate::error::Error> = kinds.iter().filter_map(|k| log.of_kind(k).next()).collect();
        let room = self.limit().max(picked.len());
        for e in log.errors.iter().filter(|e| kinds.contains(&e.kind.name())) {
            if picked.len() >= room {
                break;
            }
            if !picked.iter().any(|p| std::ptr::eq(*p, e)) {
                picked.push(e);
            }
        }
        picked.sort_by_key(|e| (e.pos.byte, e.pos.line));
        let ev = picked.into_iter().map(|e| Evidence { line: e.pos.line, value: e.message.clone() }).collect();
        (ev, total)
    }
}

impl<'a> Context<'a> {
    /// Whether a column is a text field (checks of tabular shape leave prose alone).
    pub fn is_text(&self, column: &str) -> bool {
        self.text.fields.iter().any(|f| f.column == column && f.derived_from.is_none())
    }

    /// A column's text role, when it is a text field.
    pub fn text_role(&self, column: &str) -> Option<crate::roles::TextRole> {
        self.text.fields.iter().find(|f| f.column == column && f.derived_from.is_none()).and_then(|f| f.role)
    }

    /// A text field's accumulator.
    pub fn acc(&self, f: &TextField) -> Option<&'a TextColumn> {
        f.accumulator(self.profile)
    }

    /// One finding per text field where `tally` (of the field's accumulator) has a share of the
    /// field's values over the threshold: title from the field and the tally, evidence its rows.
    pub fn per_field(
        &self,
        fields: impl Iterator<Item = &'a TextField>,
        tally: impl Fn(&'a TextColumn) -> &'a Tally,
        title: impl Fn(&TextField, &Tally, f64) -> String,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for f in fields {
            let Some(acc) = self.acc(f) else { continue };
            let t = tally(acc);
            if t.count == 0 {
                continue;
            }
            let share = t.count as f64 / f.values.max(1) as f64;
            if !self.fires(share) {
                continue;
            }
            let ev = t.evidence.iter().take(self.limit()).cloned().collect();
            let mut finding = self.finding(vec![f.column.clone()], title(f, t, share), share, ev, t.count, false);
            finding.severity = self.sized(share, t.count);
            out.push(finding);
        }
        out
    }
}

/// Whether most of a column's values are numbers (numeric checks then look at those values,
/// even when a few others make the column's type a string).
pub fn mostly_numeric(c: &Column) -> bool {
    c.types.dominant() == Some(Family::Numeric)
}
