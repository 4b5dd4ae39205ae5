//! The comparison's report: each file's own report, then what the comparison found. Its JSON
//! is the stable interface (`datalint compare --format json`, the page's worker):
//!
//! ```text
//! { "datalint", "reference": REPORT, "candidate": REPORT,
//!   "columns": [{ "name", "kind", "test", "ks", "ks_p", "ks_method", "wasserstein_norm", "psi",
//!                 "mean_shift", "std_ratio", "range_coverage", "outside_share", "tvd", "js",
//!                 "chi2_p", "category_coverage", "new_share", "lost_categories",
//!                 "missing_change", "exact", "drift", "tail", "top", "distinct", "shapes", ... }],
//!   "schema", "pairs", "copies": { "count", "rate", "reference_rate", "method",
//!   "within_tolerance", "dcr", "evidence" }, "bias", "scores", "text", "drifted",
//!   "findings", "summary", "notes" }
//! ```
//! Evidence lines in comparison findings are the candidate's; line 0 marks a figure, not a row.

use super::{Report, Summary};
use crate::analysis::compare::Comparison;
use crate::finding::{Finding, Severity};
use crate::fmt::{fmt_figure, fmt_metric, fmt_p, md, num, one_line, pct};
use serde::Serialize;
use std::fmt::Write;

/// A comparison of two files.
#[derive(Clone, Debug, Serialize)]
pub struct CompareReport {
    pub datalint: &'static str,
    pub reference: Report,
    pub candidate: Report,
    #[serde(flatten)]
    pub comparison: Comparison,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// What was sampled or approximated, in words.
    pub notes: Vec<String>,
}

/// Findings of a file's own check that make a comparison with it meaningless.
const UNUSABLE: [&str; 2] = ["empty-input", "unreadable-data"];

fn opt(x: Option<f64>) -> String {
    x.map_or("-".to_string(), fmt_metric)
}

impl CompareReport {
    pub fn build(
        reference: Report,
        candidate: Report,
        comparison: Comparison,
        findings: Vec<Finding>,
    ) -> CompareReport {
        let summary = Summary::of(&findings);
        let mut notes = Vec::new();
        let sampled = comparison.pairs.iter().any(|p| p.rows.0 > 20_000 || p.rows.1 > 20_000);
        if reference.rows > 20_000 || candidate.rows > 20_000 || sampled {
            notes.push(
                "pairs and row distances are computed on seeded samples of at most 20,000 rows per file".to_string(),
            );
        }
        if comparison.columns.iter().any(|c| !c.exact) {
            notes.push("columns marked inexact were read from sketches: numbers from DDSketch (each quantile within 0.5% of its value), categories from the Misra-Gries heavy values".to_string());
        }
        if let Some(c) = &comparison.copies {
            notes.push(format!("copied rows: {}", c.method));
        }
        CompareReport {
            datalint: env!("CARGO_PKG_VERSION"),
            reference,
            candidate,
            comparison,
            findings,
            summary,
            notes,
        }
    }

    /// The worst severity among the comparison's findings and the findings that make either
    /// file unusable (no data, nothing readable): a comparison with an empty file fails.
    pub fn worst(&self) -> Option<Severity> {
        let unusable = [&self.reference, &self.candidate]
            .into_iter()
            .flat_map(|r| r.findings.iter())
            .filter(|f| UNUSABLE.contains(&f.id))
            .map(|f| f.severity);
        self.findings.iter().map(|f| f.severity).chain(unusable).max()
    }

    /// One line on a file's own check: its findings by severity, and what makes it unusable.
    fn own_line(r: &Report) -> String {
        let s = &r.summary;
        let mut line = format!("its own check: {} errors · {} warnings · {} info", s.error, s.warning, s.info);
        for f in r.findings.iter().filter(|f| UNUSABLE.contains(&f.id)) {
            let _ = write!(line, " · {} {}: {}", f.severity.name(), f.id, f.title);
        }
        line
    }

    pub fn to_json(&self) -> String {
        crate::fmt::json_pretty(self)
    }

    fn name(r: &Report) -> String {
        r.source.name.clone().unwrap_or_else(|| "input".into())
    }

    /// Plain text for a terminal; the whole document through [`crate::fmt::terminal_doc`] last.
    pub fn to_text(&self) -> String {
        crate::fmt::terminal_doc(&self.text_body()).into_owned()
    }

    fn text_body(&self) -> String {
        let mut o = String::new();
        let (r, c) = (&self.reference, &self.candidate);
        let _ = writeln!(o, "datalint {} · compare", self.datalint);
        let _ = writeln!(
            o,
            "reference {} · {} rows · {} columns · {}",
            Self::name(r),
            num(r.rows),
            r.columns.len(),
            Self::own_line(r)
        );
        let _ = writeln!(
            o,
            "candidate {} · {} rows · {} columns · {}",
            Self::name(c),
            num(c.rows),
            c.columns.len(),
            Self::own_line(c)
        );
        let s = &self.summary;
        let _ = writeln!(o, "{} errors · {} warnings · {} info", s.error, s.warning, s.info);
        let sc = &self.comparison.scores;
        let _ = writeln!(
            o,
            "scores: column shapes {} · column pair trends {} · overall {}",
            opt(sc.column_shapes),
            opt(sc.column_pair_trends),
            opt(sc.overall)
        );
        for n in &self.notes {
            let _ = writeln!(o, "note: {}", crate::fmt::terminal(n));
        }
        if !self.findings.is_empty() {
            let _ = writeln!(o, "\nFINDINGS");
        }
        for f in &self.findings {
            let mark = match f.severity {
                Severity::Error => "✖ error  ",
                Severity::Warning => "▲ warning",
                Severity::Info => "● info   ",
            };
            let _ = writeln!(o, "{mark} {:<26} {}", f.id, crate::fmt::terminal(&f.title));
            let _ = writeln!(
                o,
                "            {}: {} (threshold {} {}){}",
                f.metric_name,
                fmt_figure(f.unit, f.metric),
                f.comparison.symbol(),
                fmt_figure(f.unit, f.threshold),
                if f.approximate { ", approximate" } else { "" }
            );
            for e in f.evidence.iter().take(3) {
                let at = if e.line > 0 { format!("line {}: ", e.line) } else { String::new() };
                let _ = writeln!(o, "            {at}{}", one_line(&e.value, 100));
            }
        }
        let _ = writeln!(o, "\nCOLUMNS");
        let _ = writeln!(
            o,
            "{:<20} {:<11} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8}  drift",
            "column", "kind", "KS D", "KS p", "W/std", "PSI", "TVD", "JS"
        );
        for col in &self.comparison.columns {
            let _ = writeln!(
                o,
                "{:<20} {:<11} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8}  {}",
                one_line(&col.name, 20),
                format!("{:?}", col.kind).to_lowercase(),
                opt(col.ks),
                col.ks_p.map_or("-".into(), fmt_p),
                opt(col.wasserstein_norm),
                opt(col.psi),
                opt(col.tvd),
                opt(col.js),
                if col.drift.drifted { "yes" } else { "no" }
            );
        }
        if let Some(cp) = &self.comparison.copies {
            let _ = writeln!(o, "\nCOPIES");
            let _ = writeln!(
                o,
                "copied rows {} ({}), reference's own {}; {}",
                num(cp.count),
                pct(cp.rate),
                pct(cp.reference_rate),
                cp.method
            );
            if let Some(w) = cp.within_tolerance {
                let _ = writeln!(o, "rows within 1% of a reference row (samples): {}", pct(w));
            }
            if let Some(d) = &cp.dcr {
                let _ = writeln!(
                    o,
                    "DCR median {} (reference {} · random {}); baseline protection {}; within 0.01: {} vs {}",
                    fmt_metric(d.candidate_median),
                    fmt_metric(d.reference_median),
                    fmt_metric(d.random_median),
                    fmt_metric(d.baseline_protection),
                    pct(d.candidate_close),
                    pct(d.reference_close)
                );
            }
        }
        for t in &self.comparison.text {
            let _ = writeln!(o, "\nTEXT {}", crate::fmt::terminal(&t.column));
            if let (Some(a), Some(b)) = (&t.diversity.0, &t.diversity.1) {
                let _ = writeln!(
                    o,
                    "at {} tokens: distinct-2 {} vs {} · NDS {} vs {} · compression ratio {} vs {}",
                    num(t.tokens),
                    fmt_metric(a.distinct[1]),
                    fmt_metric(b.distinct[1]),
                    fmt_metric(a.nds),
                    fmt_metric(b.nds),
                    fmt_metric(a.compression_ratio),
                    fmt_metric(b.compression_ratio)
                );
            }
            let _ = writeln!(
                o,
                "mean characters {} vs {} · copied texts {} of {}",
                opt(t.chars_mean.0),
                opt(t.chars_mean.1),
                num(t.copied),
                num(t.examined.0)
            );
        }
        o
    }

    /// Markdown, for a pull request or a review: data-derived text through [`md`], the whole
    /// document through [`crate::fmt::terminal_doc`] last.
    pub fn to_markdown(&self) -> String {
        crate::fmt::terminal_doc(&self.markdown_body()).into_owned()
    }

    fn markdown_body(&self) -> String {
        let mut o = String::new();
        let (r, c) = (&self.reference, &self.candidate);
        let _ = writeln!(o, "# datalint compare\n");
        let _ = writeln!(o, "- reference: {} ({} rows, {} columns)", md(&Self::name(r)), num(r.rows), r.columns.len());
        let _ = writeln!(o, "- candidate: {} ({} rows, {} columns)", md(&Self::name(c)), num(c.rows), c.columns.len());
        let s = &self.summary;
        let _ = writeln!(o, "- {} errors, {} warnings, {} info", s.error, s.warning, s.info);
        let sc = &self.comparison.scores;
        let _ = writeln!(
            o,
            "- scores: column shapes {}, column pair trends {}, overall {} ({})",
            opt(sc.column_shapes),
            opt(sc.column_pair_trends),
            opt(sc.overall),
            md(&sc.method)
        );
        for n in &self.notes {
            let _ = writeln!(o, "- note: {}", md(n));
        }
        let _ = writeln!(o, "\n## Findings\n");
        if self.findings.is_empty() {
            let _ = writeln!(o, "None.");
        }
        for f in &self.findings {
            let _ = writeln!(o, "- **{}** `{}` {}", f.severity.name(), f.id, md(&f.title));
            let _ = writeln!(
                o,
                "  - {}: {} (threshold {} {})",
                md(f.metric_name),
                fmt_figure(f.unit, f.metric),
                f.comparison.symbol(),
                fmt_figure(f.unit, f.threshold)
            );
            for e in f.evidence.iter().take(5) {
                let at = if e.line > 0 { format!("line {}: ", e.line) } else { String::new() };
                let _ = writeln!(o, "  - {at}{}", md(&one_line(&e.value, 120)));
            }
        }
        let _ = writeln!(o, "\n## Columns\n");
        let _ = writeln!(o, "| column | kind | KS D | KS p | W/std | PSI | TVD | JS | drift |");
        let _ = writeln!(o, "|---|---|---|---|---|---|---|---|---|");
        for col in &self.comparison.columns {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&col.name),
                format!("{:?}", col.kind).to_lowercase(),
                opt(col.ks),
                col.ks_p.map_or("-".into(), fmt_p),
                opt(col.wasserstein_norm),
                opt(col.psi),
                opt(col.tvd),
                opt(col.js),
                if col.drift.drifted { "yes" } else { "no" }
            );
        }
        let strong: Vec<_> =
            self.comparison.pairs.iter().filter(|p| p.reference.is_some_and(|x| x.abs() >= 0.3)).collect();
        if !strong.is_empty() {
            let _ = writeln!(o, "\n## Relationships (reference |r| or V at least 0.3)\n");
            let _ = writeln!(o, "| a | b | measure | reference | candidate | similarity |");
            let _ = writeln!(o, "|---|---|---|---|---|---|");
            for p in strong {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} |",
                    md(&p.a),
                    md(&p.b),
                    p.measure,
                    opt(p.reference),
                    opt(p.candidate),
                    opt(p.similarity)
                );
            }
        }
        if let Some(cp) = &self.comparison.copies {
            let _ = writeln!(o, "\n## Copies\n");
            let _ = writeln!(
                o,
                "- copied rows: {} ({}); the reference's own: {}; {}",
                num(cp.count),
                pct(cp.rate),
                pct(cp.reference_rate),
                md(&cp.method)
            );
            if let Some(d) = &cp.dcr {
                let _ = writeln!(
                    o,
                    "- DCR median {} (reference {}, random {}), baseline protection {}, rows within 0.01: {} against {}",
                    fmt_metric(d.candidate_median),
                    fmt_metric(d.reference_median),
                    fmt_metric(d.random_median),
                    fmt_metric(d.baseline_protection),
                    pct(d.candidate_close),
                    pct(d.reference_close)
                );
            }
            for e in cp.evidence.iter().take(5) {
                let _ = writeln!(o, "- line {}: {}", e.line, md(&e.value));
            }
        }
        for t in &self.comparison.text {
            let _ = writeln!(o, "\n## Text: {}\n", md(&t.column));
            if let (Some(a), Some(b)) = (&t.diversity.0, &t.diversity.1) {
                let _ = writeln!(
                    o,
                    "- at {} tokens: distinct-2 {} → {}, NDS {} → {}, compression ratio {} → {}",
                    num(t.tokens),
                    fmt_metric(a.distinct[1]),
                    fmt_metric(b.distinct[1]),
                    fmt_metric(a.nds),
                    fmt_metric(b.nds),
                    fmt_metric(a.compression_ratio),
                    fmt_metric(b.compression_ratio)
                );
            }
            let _ = writeln!(o, "- copied texts: {} of {}", num(t.copied), num(t.examined.0));
        }
        o
    }
}
