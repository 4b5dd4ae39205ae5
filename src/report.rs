//! The report: a stable JSON shape (documented in the README) and text and Markdown renderings.

use crate::checks::{num, pct};
use crate::finding::{Finding, Severity};
use crate::profile::column::{Column, TypeCounts};
use crate::profile::frequency::{HLL_ERROR, MG_COUNTERS};
use crate::profile::quantiles::{QUANTILES, SKETCH_ALPHA};
use crate::profile::Profile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Top values listed per column.
pub const TOP_VALUES: usize = 10;

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub name: Option<String>,
    pub format: Option<&'static str>,
    /// Bytes read (as given, before decompression).
    pub bytes: u64,
    /// Bytes after decompression and transcoding to UTF-8.
    pub decoded_bytes: u64,
    pub delimiter: Option<String>,
    pub header: Option<bool>,
    pub encoding: &'static str,
    pub compressed: bool,
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

#[derive(Clone, Debug, Serialize)]
pub struct Duplicates {
    pub rows: u64,
    pub exact: bool,
}

/// Everything a run found. Its JSON is the stable interface for other tools.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub datalint: &'static str,
    pub source: Source,
    pub rows: u64,
    pub columns: Vec<ColumnReport>,
    pub duplicates: Duplicates,
    pub label: Option<String>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The first ingest errors (at most 1,000), in file order.
    pub errors: Vec<ErrorReport>,
    pub errors_total: u64,
    /// Figures that came from sketches, each with its stated error.
    pub approximate: Vec<String>,
    /// Roles, representation, outcome disparity, intersections, proxies, missingness.
    #[serde(flatten)]
    pub bias: crate::bias::BiasReport,
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
    let histogram = match (c.moments.min(), c.moments.max()) {
        (Some(lo), Some(hi)) => c.quantiles.histogram(lo, hi, c.types.float == 0).map(|(edges, counts)| Histogram {
            edges,
            counts,
            exact: c.quantiles.is_exact(),
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
        quantiles_exact: c.quantiles.is_exact(),
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
        array_lengths: c.array_lengths,
    };
    (report, approx)
}

impl Report {
    pub(crate) fn build(
        profile: &Profile,
        findings: Vec<Finding>,
        source: Source,
        bias: crate::bias::BiasReport,
    ) -> Report {
        let mut approximate = Vec::new();
        let columns = profile
            .columns
            .iter()
            .map(|c| {
                let (r, a) = column_report(c);
                approximate.extend(a);
                r
            })
            .collect();
        let (dups, dup_exact) = profile.duplicates.count();
        if !dup_exact {
            approximate.push("duplicates.rows: hash-sampled duplicate count (relative standard error about 1/sqrt of the sampled duplicates)".into());
        }
        let mut summary = Summary::default();
        for f in &findings {
            match f.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
            }
        }
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
        Report {
            datalint: env!("CARGO_PKG_VERSION"),
            source,
            rows: profile.rows,
            columns,
            duplicates: Duplicates { rows: dups, exact: dup_exact },
            label: profile.label.clone(),
            findings,
            summary,
            errors,
            errors_total: profile.log.total(),
            approximate,
            bias,
        }
    }

    /// The worst severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    fn headline(&self) -> String {
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

    fn counts(&self) -> String {
        format!(
            "{} rows × {} columns · {} error{} · {} warning{} · {} info",
            num(self.rows),
            self.columns.len(),
            self.summary.error,
            plural(self.summary.error),
            self.summary.warning,
            plural(self.summary.warning),
            self.summary.info
        )
    }

    /// Plain text for a terminal: findings first, then a table of columns.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "datalint {} · {}", self.datalint, self.headline());
        let _ = writeln!(o, "{}", self.counts());
        if !self.findings.is_empty() {
            let _ = writeln!(o, "\nFINDINGS");
        }
        for f in &self.findings {
            let mark = match f.severity {
                Severity::Error => "✖ error  ",
                Severity::Warning => "▲ warning",
                Severity::Info => "● info   ",
            };
            let _ = writeln!(o, "{mark} {:<21} {}", f.id, f.title);
            let _ = writeln!(
                o,
                "            {}: {} (threshold {} {}){}",
                f.metric_name,
                fmt_figure(f.metric_name, f.metric),
                f.comparison.symbol(),
                fmt_figure(f.metric_name, f.threshold),
                if f.approximate { ", approximate" } else { "" }
            );
            for e in f.evidence.iter().take(3) {
                let _ = writeln!(o, "            line {:>7}: {}", e.line, one_line(&e.value, 100));
            }
            if f.evidence_total > 3 {
                let _ = writeln!(o, "            … {} in all", num(f.evidence_total));
            }
        }
        self.bias_text(&mut o);
        let _ = writeln!(o, "\nCOLUMNS");
        let _ = writeln!(
            o,
            "{:<22} {:<12} {:>8} {:>9}  {:<38} top",
            "name", "type", "missing", "distinct", "min / median / max"
        );
        for c in &self.columns {
            let range = match (c.min, c.quantiles.get("p50"), c.max) {
                (Some(a), Some(m), Some(b)) => {
                    format!("{} / {} / {}", short_num(a), short_num(*m), short_num(b))
                }
                _ => String::new(),
            };
            let top = c
                .top
                .iter()
                .take(2)
                .map(|(v, n)| format!("{} ({})", one_line(v, 18), pct(*n as f64 / c.present.max(1) as f64)))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                o,
                "{:<22} {:<12} {:>8} {:>9}  {:<38} {}",
                one_line(&c.name, 22),
                c.ty,
                pct(c.missing_share),
                format!("{}{}", if c.distinct_exact { "" } else { "~" }, num(c.distinct)),
                range,
                top
            );
        }
        if self.errors_total > 0 {
            let _ = writeln!(o, "\nINPUT ERRORS ({} in all)", num(self.errors_total));
            for e in self.errors.iter().take(10) {
                let _ = writeln!(o, "  line {} (byte {}): {}", e.line, e.offset, e.message);
            }
        }
        if !self.approximate.is_empty() {
            let _ = writeln!(o, "\nAPPROXIMATE FIGURES");
            for a in &self.approximate {
                let _ = writeln!(o, "  {a}");
            }
        }
        o
    }

    /// Markdown for a review: a summary, a findings table, details, and a column table.
    pub fn to_markdown(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "# datalint report: {}\n", md(&self.headline()));
        let _ = writeln!(o, "{}\n", self.counts());
        if !self.findings.is_empty() {
            let _ = writeln!(o, "## Findings\n");
            let _ = writeln!(o, "| severity | check | finding | metric | threshold |");
            let _ = writeln!(o, "|---|---|---|---|---|");
            for f in &self.findings {
                let _ = writeln!(
                    o,
                    "| {} | `{}` | {} | {} | {} {} |",
                    f.severity.name(),
                    f.id,
                    md(&f.title),
                    fmt_figure(f.metric_name, f.metric),
                    f.comparison.symbol(),
                    fmt_figure(f.metric_name, f.threshold)
                );
            }
            let _ = writeln!(o);
            for f in &self.findings {
                let _ = writeln!(o, "### `{}`: {}\n", f.id, md(&f.title));
                let _ = writeln!(o, "{}\n", md(f.explanation));
                if !f.evidence.is_empty() {
                    let _ = writeln!(o, "| line | value |\n|---|---|");
                    for e in &f.evidence {
                        let _ = writeln!(o, "| {} | {} |", e.line, md(&one_line(&e.value, 200)));
                    }
                    if f.evidence_total > f.evidence.len() as u64 {
                        let _ = writeln!(o, "\n{} in all.", num(f.evidence_total));
                    }
                    let _ = writeln!(o);
                }
            }
        }
        self.bias_markdown(&mut o);
        let _ = writeln!(o, "## Columns\n");
        let _ = writeln!(o, "| column | type | missing | distinct | min | median | max | mean | std | top values |");
        let _ = writeln!(o, "|---|---|---|---|---|---|---|---|---|---|");
        for c in &self.columns {
            let f = |x: Option<f64>| x.map(short_num).unwrap_or_default();
            let top = c
                .top
                .iter()
                .take(3)
                .map(|(v, n)| format!("{} ({})", md(&one_line(v, 24)), num(*n)))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{} | {} | {} | {} | {} | {} | {} |",
                md(&c.name),
                c.ty,
                pct(c.missing_share),
                if c.distinct_exact { "" } else { "~" },
                num(c.distinct),
                f(c.min),
                f(c.quantiles.get("p50").copied()),
                f(c.max),
                f(c.mean),
                f(c.std),
                top
            );
        }
        if self.errors_total > 0 {
            let _ = writeln!(o, "\n## Input errors ({} in all)\n", num(self.errors_total));
            for e in self.errors.iter().take(20) {
                let _ = writeln!(o, "- line {} (byte {}): {}", e.line, e.offset, md(&e.message));
            }
        }
        if !self.approximate.is_empty() {
            let _ = writeln!(o, "\n## Approximate figures\n");
            for a in &self.approximate {
                let _ = writeln!(o, "- {}", md(a));
            }
        }
        o
    }
}

impl Report {
    fn roles_line(&self) -> String {
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

    fn bias_text(&self, o: &mut String) {
        let b = &self.bias;
        if b.roles.sensitive.is_empty() {
            return;
        }
        let _ = writeln!(o, "\nBIAS  {}", self.roles_line());
        for d in &b.bias {
            let _ = writeln!(
                o,
                "\n  {} by {}{}",
                d.outcome.as_deref().map_or(format!("mean {}", d.label), |x| format!("'{x}' rate")),
                d.sensitive.join(" × "),
                disparity_figures(d)
            );
            let _ = writeln!(
                o,
                "    {:<28} {:>8} {:>7} {:>8}",
                "group",
                "rows",
                "share",
                if d.outcome.is_some() { "rate" } else { "mean" }
            );
            for g in &d.groups {
                let v = g.rate.map(pct).or(g.mean.map(short_num)).unwrap_or_default();
                let bar = g.rate.map(|r| "█".repeat((r * 20.0).round() as usize)).unwrap_or_default();
                let small = if g.too_small { "  (too small to judge)" } else { "" };
                let _ = writeln!(
                    o,
                    "    {:<28} {:>8} {:>7} {:>8} {bar}{small}",
                    one_line(&g.value, 28),
                    num(g.count),
                    pct(g.share),
                    v
                );
            }
        }
        if !b.proxies.is_empty() {
            let _ = writeln!(o, "\n  Proxies (strongest first)");
            for p in b.proxies.iter().take(10) {
                let _ = writeln!(
                    o,
                    "    {:<24} for {:<18} {} {:.3}",
                    one_line(&p.column, 24),
                    one_line(&p.sensitive, 18),
                    p.measure,
                    p.value
                );
            }
        }
        if !b.missingness.is_empty() {
            let _ = writeln!(o, "\n  Missingness by group (largest gaps)");
            for m in b.missingness.iter().take(10) {
                let (hi, lo) = (m.groups.first(), m.groups.last());
                if let (Some(h), Some(l)) = (hi, lo) {
                    let _ = writeln!(
                        o,
                        "    {:<18} by {:<16} {} ({}) vs {} ({})",
                        one_line(&m.column, 18),
                        one_line(&m.sensitive, 16),
                        pct(h.rate),
                        one_line(&h.value, 20),
                        pct(l.rate),
                        one_line(&l.value, 20)
                    );
                }
            }
        }
    }

    fn bias_markdown(&self, o: &mut String) {
        let b = &self.bias;
        if b.roles.sensitive.is_empty() {
            return;
        }
        let _ = writeln!(o, "## Bias\n\n{}\n", md(&self.roles_line()));
        for d in b.bias.iter() {
            let what = d.outcome.as_deref().map_or(format!("mean {}", d.label), |x| format!("'{x}' rate"));
            let _ = writeln!(
                o,
                "### {} by {}\n\n{}\n",
                md(&what),
                md(&d.sensitive.join(" × ")),
                md(disparity_figures(d).trim_start_matches(": "))
            );
            let _ = writeln!(
                o,
                "| group | rows | share | {} |\n|---|---|---|---|",
                if d.outcome.is_some() { "rate" } else { "mean" }
            );
            for g in &d.groups {
                let v = g.rate.map(pct).or(g.mean.map(short_num)).unwrap_or_default();
                let _ = writeln!(
                    o,
                    "| {}{} | {} | {} | {} |",
                    md(&g.value),
                    if g.too_small { " (too small)" } else { "" },
                    num(g.count),
                    pct(g.share),
                    v
                );
            }
            let _ = writeln!(o);
        }
        if !b.proxies.is_empty() {
            let _ = writeln!(o, "### Proxies\n\n| column | sensitive | measure | value |\n|---|---|---|---|");
            for p in b.proxies.iter().take(20) {
                let _ = writeln!(o, "| {} | {} | {} | {:.3} |", md(&p.column), md(&p.sensitive), p.measure, p.value);
            }
            let _ = writeln!(o);
        }
        if !b.missingness.is_empty() {
            let _ = writeln!(o, "### Missingness by group\n\n| column | sensitive | highest | lowest | difference |\n|---|---|---|---|---|");
            for m in b.missingness.iter().take(20) {
                if let (Some(h), Some(l)) = (m.groups.first(), m.groups.last()) {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} ({}) | {} ({}) | {} |",
                        md(&m.column),
                        md(&m.sensitive),
                        md(&h.value),
                        pct(h.rate),
                        md(&l.value),
                        pct(l.rate),
                        pct(m.difference)
                    );
                }
            }
            let _ = writeln!(o);
        }
    }
}

fn disparity_figures(d: &crate::bias::Disparity) -> String {
    let mut parts = Vec::new();
    if let Some(x) = d.parity_difference {
        parts.push(format!("parity difference {}", if d.outcome.is_some() { pct(x) } else { short_num(x) }));
    }
    if let Some(x) = d.impact_ratio {
        parts.push(format!("impact ratio {x:.3} (four-fifths rule: 0.8)"));
    }
    if let (Some(c), Some(dof), Some(p)) = (d.chi2, d.dof, d.p_value) {
        parts.push(format!("chi-square {c:.1} (dof {dof}, p {})", crate::checks::fmt_p(p)));
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

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn delimiter_name(d: &str) -> String {
    match d {
        "\t" => "tab".into(),
        "," => "comma".into(),
        ";" => "semicolon".into(),
        "|" => "pipe".into(),
        other => format!("{other:?}"),
    }
}

fn human_bytes(b: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut x = b as f64;
    let mut u = 0;
    while x >= 1000.0 && u + 1 < units.len() {
        x /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{b} B")
    } else {
        format!("{x:.1} {}", units.get(u).unwrap_or(&"B"))
    }
}

/// A finding's figure as its title would say it: shares as percentages, counts as integers.
fn fmt_figure(metric_name: &str, x: f64) -> String {
    if metric_name.contains("share") || metric_name.contains("difference in missing rate") {
        pct(x)
    } else {
        fmt_metric(x)
    }
}

fn fmt_metric(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else if x.abs() >= 0.001 {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:.2e}")
    }
}

fn short_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let n = num(x.abs() as u64);
        if x < 0.0 {
            format!("-{n}")
        } else {
            n
        }
    } else if x.abs() >= 1000.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.3}").trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// One line, at most `max` characters, control characters shown escaped.
fn one_line(s: &str, max: usize) -> String {
    if s.is_empty() {
        return "(empty)".into();
    }
    if s.trim().is_empty() {
        // Only whitespace: show it quoted, or it is invisible.
        return format!("{s:?}");
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i >= max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes Markdown table and inline syntax, and HTML, so dataset values render as text.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
