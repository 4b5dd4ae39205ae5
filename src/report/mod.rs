//! The report: a stable JSON shape (documented in the README's report schema) and its
//! renderings, text (`text.rs`) and Markdown (`markdown.rs`).

pub mod compare;
mod markdown;
mod text;

use crate::analysis::fairness::{BiasReport, Disparity};
use crate::analysis::text::TextReport;
use crate::analysis::Analysis;
use crate::checks::registry;
use crate::finding::{Finding, Severity};
use crate::fmt::{delimiter_name, fmt_p, human_bytes, num, pct, plural_s, short_num};
use crate::options::Options;
use crate::profile::column::Column;
use crate::profile::frequency::{HLL_ERROR, MG_COUNTERS};
use crate::profile::quantiles::{QUANTILES, SKETCH_ALPHA};
use crate::profile::types::TypeCounts;
use crate::profile::Profile;
use serde::Serialize;
use std::collections::BTreeMap;

/// Top values listed per column.
pub const TOP_VALUES: usize = 10;

#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct Source {
    pub name: Option<String>,
    #[serde(with = "crate::wire::opt_name")]
    pub format: Option<crate::wire::Name>,
    /// Bytes read (as given, before decompression).
    pub bytes: u64,
    /// Bytes after decompression and transcoding to UTF-8.
    pub decoded_bytes: u64,
    pub delimiter: Option<String>,
    pub header: Option<bool>,
    #[serde(with = "crate::wire::name")]
    pub encoding: crate::wire::Name,
    pub compressed: bool,
    /// Why the input was read in its format (the options, the name, or the content).
    pub format_reason: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Length {
    pub min: u64,
    pub mean: f64,
    pub max: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
    pub exact: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ColumnReport {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub type_counts: TypeCounts,
    /// Rows in which the column appears (all rows for CSV).
    pub present: u64,
    pub missing: u64,
    pub missing_share: f64,
    /// Missing tokens seen and their counts ("" is an empty cell).
    pub missing_tokens: BTreeMap<String, u64>,
    pub distinct: u64,
    pub distinct_exact: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub skewness: Option<f64>,
    pub quantiles: BTreeMap<&'static str, f64>,
    pub quantiles_exact: bool,
    pub histogram: Option<Histogram>,
    pub top: Vec<(String, u64)>,
    pub top_exact: bool,
    pub length: Option<Length>,
    pub zeros: u64,
    pub negatives: u64,
    pub whitespace: u64,
    pub overflow: u64,
    /// Integers beyond 2^53 in magnitude: exact in `distinct` and `top` (counted by their text),
    /// rounded to the nearest double in min, max, mean, std, quantiles and histogram.
    pub inexact_integers: u64,
    pub array_lengths: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ErrorReport {
    pub line: u64,
    pub offset: u64,
    pub kind: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

impl Summary {
    /// The findings counted by severity.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Duplicates {
    pub rows: u64,
    pub exact: bool,
}

/// How far the reading had got when a provisional report was made: its findings are those of
/// the data read so far and may change (appear, go, change severity) before the final report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provisional {
    /// Raw bytes fed to the session that made the report.
    pub bytes_read: u64,
    /// Records the report is made from (a record still being read is not among them).
    pub rows: u64,
    /// The input's size, when the driver knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_bytes: Option<u64>,
}

/// Everything a run found. Its JSON is the stable interface for other tools.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub datalint: &'static str,
    pub source: Source,
    /// Present only in a report of the data read so far ([`crate::Session::snapshot`]): how far
    /// the reading had got. A final report has none (and no such field in its JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisional: Option<Provisional>,
    pub rows: u64,
    pub columns: Vec<ColumnReport>,
    pub duplicates: Duplicates,
    pub label: Option<String>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The first ingest errors of each kind (at most 10 a kind), in file order, then what the
    /// analyses found about the options.
    pub errors: Vec<ErrorReport>,
    pub errors_total: u64,
    /// Every error counted by kind (sums to `errors_total`).
    pub errors_by_kind: BTreeMap<&'static str, u64>,
    /// Figures that came from sketches, each with its stated error.
    pub approximate: Vec<String>,
    /// What the reader should know about the roles: a label proposed rather than given (and the
    /// cap on what rests on it), a proposed label dropped, which class the disparities compare
    /// and whether a favourable value was given.
    pub notes: Vec<String>,
    /// Roles, representation, outcome disparity, intersections, proxies, missingness.
    #[serde(flatten)]
    pub bias: BiasReport,
    /// The text family: the dataset's shape, one entry per text field, and the row figures.
    pub text: TextReport,
    /// The options the report was made with, every check's threshold and severity in force
    /// filled in.
    pub options: Options,
}

fn column_report(c: &Column) -> (ColumnReport, Vec<String>) {
    let mut approx = Vec::new();
    let ty = c.types.inferred();
    let numeric = c.moments.count() > 0;
    let quantiles: BTreeMap<&'static str, f64> = if numeric {
        QUANTILES.iter().filter_map(|&(k, q)| c.quantiles.quantile(q).map(|v| (k, v))).collect()
    } else {
        BTreeMap::new()
    };
    let histogram =
        match (c.moments.min(), c.moments.max()) {
            (Some(lo), Some(hi)) => c.quantiles.histogram(lo, hi, c.types.float == 0).map(|(edges, counts)| {
                Histogram { edges, counts, exact: c.quantiles.is_exact() && c.inexact_integers == 0 }
            }),
            _ => None,
        };
    if numeric && !c.quantiles.is_exact() {
        approx.push(format!(
            "columns.{}.quantiles and histogram: DDSketch, each quantile within {}% of the true value",
            c.name,
            SKETCH_ALPHA * 100.0
        ));
    }
    if c.inexact_integers > 0 {
        approx.push(format!(
            "columns.{}.min, max, mean, std, quantiles and histogram: {} integers beyond 2^53 enter them rounded to the nearest double (relative error at most 2^-53); distinct and top count them exactly by their text",
            c.name, c.inexact_integers
        ));
    }
    if !c.freq.is_exact() {
        approx.push(format!(
            "columns.{}.distinct: HyperLogLog, standard error {:.2}%; top counts: Misra-Gries ({} counters), each at most {} below the true count",
            c.name,
            HLL_ERROR * 100.0,
            MG_COUNTERS,
            c.freq.count_error()
        ));
    }
    let report = ColumnReport {
        name: c.name.clone(),
        ty,
        type_counts: c.types,
        present: c.present,
        missing: c.missing,
        missing_share: if c.present > 0 { c.missing as f64 / c.present as f64 } else { 0.0 },
        missing_tokens: c.missing_tokens.clone(),
        distinct: c.freq.distinct(),
        distinct_exact: c.freq.is_exact(),
        min: c.moments.min(),
        max: c.moments.max(),
        mean: c.moments.mean(),
        std: c.moments.std(),
        skewness: c.moments.skewness(),
        quantiles,
        quantiles_exact: c.quantiles.is_exact() && c.inexact_integers == 0,
        histogram,
        top: c.freq.top(TOP_VALUES),
        top_exact: c.freq.is_exact(),
        length: (c.lengths.n > 0).then(|| Length {
            min: c.lengths.min,
            mean: c.lengths.sum as f64 / c.lengths.n as f64,
            max: c.lengths.max,
        }),
        zeros: c.zeros,
        negatives: c.negatives,
        whitespace: c.whitespace,
        overflow: c.overflow,
        inexact_integers: c.inexact_integers,
        array_lengths: c.array_lengths,
    };
    (report, approx)
}

impl Report {
    /// The report of a profile, its analyses and the findings of the checks.
    pub fn build(
        profile: &Profile,
        findings: Vec<Finding>,
        source: Source,
        analysis: Analysis,
        opts: &Options,
    ) -> Report {
        let mut approximate = Vec::new();
        let columns: Vec<ColumnReport> = profile
            .columns
            .iter()
            .map(|c| {
                let (r, a) = column_report(c);
                approximate.extend(a);
                r
            })
            .collect();
        let (dups, dup_exact) = profile.duplicates.repeats();
        if !dup_exact {
            approximate.push("duplicates.rows: hash-sampled duplicate count (relative standard error about 1/sqrt of the sampled duplicates)".into());
        }
        let summary = Summary::of(&findings);
        // Personal data and secrets never reach a report whole: every top value and evidence value
        // is redacted (the pii check's own evidence is already masked).
        let detector = crate::profile::text::pii::Detector::new();
        let columns: Vec<ColumnReport> = columns
            .into_iter()
            .map(|mut c: ColumnReport| {
                for (v, _) in &mut c.top {
                    if let std::borrow::Cow::Owned(r) = detector.redact(v) {
                        *v = r;
                    }
                }
                c
            })
            .collect();
        let findings: Vec<Finding> = findings
            .into_iter()
            .map(|mut f| {
                for e in &mut f.evidence {
                    if let std::borrow::Cow::Owned(r) = detector.redact(&e.value) {
                        e.value = r;
                    }
                }
                f
            })
            .collect();
        let mut errors: Vec<ErrorReport> = profile
            .log
            .errors
            .iter()
            .map(|e| ErrorReport {
                line: e.pos.line,
                offset: e.pos.byte,
                kind: e.kind.name(),
                message: e.message.clone(),
            })
            .collect();
        errors.sort_by_key(|e| (e.offset, e.line));
        // What only the analyses could tell about the options comes after the input's errors.
        let errors_total = profile.log.total() + analysis.issues.len() as u64;
        errors.extend(analysis.issues.iter().map(|e| ErrorReport {
            line: e.pos.line,
            offset: e.pos.byte,
            kind: e.kind.name(),
            message: e.message.clone(),
        }));
        let mut errors_by_kind = profile.log.counts.clone();
        for e in &analysis.issues {
            *errors_by_kind.entry(e.kind.name()).or_insert(0) += 1;
        }
        let notes = notes(profile, &analysis, opts);
        Report {
            datalint: env!("CARGO_PKG_VERSION"),
            source,
            provisional: None,
            rows: profile.rows,
            columns,
            duplicates: Duplicates { rows: dups, exact: dup_exact },
            label: profile.label.clone(),
            findings,
            summary,
            errors,
            errors_total,
            errors_by_kind,
            approximate,
            notes,
            bias: analysis.fairness,
            text: analysis.text,
            options: registry::in_force(opts),
        }
    }

    /// The worst severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    pub fn to_json(&self) -> String {
        crate::fmt::json_pretty(self)
    }

    pub(crate) fn headline(&self) -> String {
        let s = &self.source;
        let mut parts = vec![s.format.unwrap_or("empty").to_string()];
        if let Some(d) = &s.delimiter {
            parts.push(format!("delimiter {}", delimiter_name(d)));
        }
        parts.push(human_bytes(s.bytes));
        parts.push(s.encoding.to_string());
        if s.compressed {
            parts.push("gzip".into());
        }
        format!("{} ({})", s.name.as_deref().unwrap_or("input"), parts.join(", "))
    }

    pub(crate) fn counts(&self) -> String {
        format!(
            "{} rows × {} columns · {} error{} · {} warning{} · {} info",
            num(self.rows),
            self.columns.len(),
            self.summary.error,
            plural_s(self.summary.error),
            self.summary.warning,
            plural_s(self.summary.warning),
            self.summary.info
        )
    }
}

/// The report's notes on the roles (see [`Report::notes`]).
fn notes(profile: &Profile, analysis: &Analysis, opts: &Options) -> Vec<String> {
    let mut out = profile.notes.clone();
    out.extend(crate::roles::conflict_notes(opts));
    let dropped = profile.log.counts.get("too-many-columns").copied().unwrap_or(0) > 0;
    if let (Some(cap), true) = (profile.column_cap, dropped) {
        out.push(format!(
            "Only the first {cap} columns were profiled: each column costs about {} KiB whatever its values, and the memory budget of {} allows {cap} (raise memory_budget to profile more).",
            crate::profile::COLUMN_BYTES / 1024,
            crate::fmt::human_bytes(opts.memory_budget)
        ));
    }
    let too_large = profile.log.counts.get("too-large").copied().unwrap_or(0);
    if let (Some(cap), true) = (profile.record_cap, too_large > 0) {
        out.push(format!(
            "Records longer than {} were skipped: the memory budget of {} holds records up to a quarter of it (raise memory_budget to read them).",
            crate::fmt::human_bytes(cap as u64),
            crate::fmt::human_bytes(opts.memory_budget)
        ));
    }
    let cut: u64 = profile.text.columns.iter().flatten().map(|c| c.repetition_cut).sum();
    if cut > 0 {
        out.push(format!(
            "{} text values longer than {} KiB were checked for repetition on their first {} KiB only (the ratios hold several times the text in memory).",
            crate::fmt::num(cut),
            crate::profile::text::repetition::WINDOW / 1024,
            crate::profile::text::repetition::WINDOW / 1024
        ));
    }
    if profile.names_cut > 0 {
        out.push(format!(
            "{} column names longer than {} bytes were cut to that length and given a hash of the whole name.",
            profile.names_cut,
            crate::record::MAX_NAME_BYTES
        ));
    }
    for c in profile.columns.iter().filter(|c| c.moments.overflow()) {
        out.push(format!(
            "'{}': its {} lies beyond the largest double (about 1.8e308) and is left out (null); the values themselves are kept.",
            c.name,
            if c.moments.mean().is_none() { "mean" } else { "standard deviation" }
        ));
    }
    let fairness = &analysis.fairness;
    if let Some(l) = fairness.roles.label.as_ref().filter(|l| l.proposed) {
        let capped: Vec<&str> = registry::ALL.iter().filter(|(m, _)| m.needs_label).map(|(m, _)| m.id).collect();
        out.push(format!(
            "The label '{}' was proposed from its name, not given: findings that rest on it ({}) are at most a {}; give the label (--label) to confirm it.",
            l.name,
            capped.join(", "),
            crate::checks::PROPOSED_LABEL_CAP.name()
        ));
    }
    let compared: Vec<&str> = {
        let mut v: Vec<&str> = fairness.bias.iter().filter_map(|d| d.outcome.as_deref()).collect();
        v.dedup();
        v
    };
    let label = fairness.bias.first().map_or("", |d| d.label.as_str());
    let classes: Vec<String> =
        compared.iter().map(|o| crate::checks::label_disparity::outcome_name(label, o)).collect();
    match (opts.favourable.as_deref(), classes.is_empty()) {
        (_, true) => {}
        (Some(f), false) if compared.contains(&f) => out.push(format!(
            "Favourable value: {}. A group whose rate of it is below {} × the highest group's rate is disadvantaged (the four-fifths rule).",
            crate::checks::label_disparity::outcome_name(label, f),
            registry::in_force(opts).thresholds.get("label-disparity").copied().unwrap_or(0.8)
        )),
        _ => out.push(format!(
            "Compared the rate of {} across groups. No favourable value was given, so no group is called disadvantaged: groups are named by their rates (give --favourable VALUE to say which label value is the good outcome).",
            classes.join(", then ")
        )),
    }
    out
}

impl Report {
    /// The label and how it came to be, for the top of the text and Markdown reports.
    pub(crate) fn label_line(&self) -> Option<String> {
        let l = self.bias.roles.label.as_ref()?;
        Some(format!("label '{}' ({})", l.name, if l.proposed { "proposed from its name, not given" } else { "given" }))
    }

    pub(crate) fn roles_line(&self) -> String {
        let r = &self.bias.roles;
        let how = |p: bool| if p { "proposed from its name" } else { "given" };
        let label = match &r.label {
            Some(l) => format!("label '{}' ({})", l.name, how(l.proposed)),
            None => "no label".into(),
        };
        let sens: Vec<String> = r
            .sensitive
            .iter()
            .map(|s| {
                format!(
                    "'{}'{}{}",
                    s.name,
                    if s.bins.is_some() { " (age bins)" } else { "" },
                    if s.proposed { "" } else { " (given)" }
                )
            })
            .collect();
        if sens.is_empty() {
            format!("{label}; no sensitive columns")
        } else {
            format!("{label}; sensitive: {} (proposed from their names unless marked given)", sens.join(", "))
        }
    }

    /// The impact-ratio threshold the report was made with.
    pub(crate) fn impact_threshold(&self) -> f64 {
        self.options.thresholds.get("label-disparity").copied().unwrap_or(0.8)
    }
}

/// A disparity's figures in one line, with the impact-ratio threshold in force.
pub(crate) fn disparity_figures(d: &Disparity, impact_threshold: f64) -> String {
    let mut parts = Vec::new();
    if let Some(x) = d.parity_difference {
        parts.push(format!("parity difference {}", if d.outcome.is_some() { pct(x) } else { short_num(x) }));
    }
    if let Some(x) = d.impact_ratio {
        if impact_threshold == 0.8 {
            parts.push(format!("impact ratio {x:.3} (four-fifths rule: 0.8)"));
        } else {
            parts.push(format!("impact ratio {x:.3} (threshold in force: {impact_threshold})"));
        }
    }
    if let (Some(c), Some(dof), Some(p)) = (d.chi2, d.dof, d.p_value) {
        parts.push(format!("chi-square {c:.1} (dof {dof}, p {})", fmt_p(p)));
    }
    if let Some(v) = d.cramers_v {
        parts.push(format!("{} {v:.3}", if d.outcome.is_some() { "Cramér's V" } else { "correlation ratio" }));
    }
    if let Some(s) = d.smd {
        parts.push(format!("standardised mean difference {s:.3}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(", "))
    }
}
