//! The report as plain text for a terminal: findings first, then the bias tables, the columns,
//! the input errors and the approximate figures.

use super::{disparity_figures, Report};
use crate::finding::Severity;
use crate::fmt::{fmt_figure, num, one_line, pct, short_num, terminal, terminal_doc};
use std::fmt::Write;

impl Report {
    /// Plain text for a terminal: findings first, then a table of columns. The whole document
    /// passes through [`terminal_doc`] last, so no control or bidi character from the data
    /// reaches the terminal raw, whichever path it took; titles, notes and messages are also
    /// escaped one by one, so a line break in a value cannot start a line of its own.
    pub fn to_text(&self) -> String {
        terminal_doc(&self.text_body()).into_owned()
    }

    fn text_body(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "datalint {} · {}", self.datalint, self.headline());
        let _ = writeln!(o, "{}", self.counts());
        if let Some(l) = self.label_line() {
            let _ = writeln!(o, "{l}");
        }
        for n in &self.notes {
            let _ = writeln!(o, "note: {}", terminal(n));
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
            let _ = writeln!(o, "{mark} {:<21} {}", f.id, terminal(&f.title));
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
                let _ = writeln!(o, "            line {:>7}: {}", e.line, one_line(&e.value, 100));
            }
            if f.evidence_total > 3 {
                let _ = writeln!(o, "            … {} in all", num(f.evidence_total));
            }
        }
        self.bias_text(&mut o);
        self.text_family_text(&mut o);
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
            for (kind, n) in &self.errors_by_kind {
                let _ = writeln!(o, "  {kind}: {}", num(*n));
                for e in self.errors.iter().filter(|e| e.kind == *kind).take(3) {
                    let _ = writeln!(o, "    line {} (byte {}): {}", e.line, e.offset, terminal(&e.message));
                }
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
                d.outcome.as_deref().map_or(format!("mean {}", d.label), |x| format!("rate of {} = {x}", d.label)),
                d.sensitive.join(" × "),
                disparity_figures(d, self.impact_threshold())
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
                let below = matches!((d.reference_line, g.rate), (Some(line), Some(r)) if r < line);
                let small = if g.too_small {
                    "  (too small to judge)"
                } else if below {
                    "  (disadvantaged: below the line)"
                } else {
                    ""
                };
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

    fn text_family_text(&self, o: &mut String) {
        let t = &self.text;
        if t.fields.is_empty() {
            return;
        }
        let shape = t.shape.map_or(String::new(), |s| format!("shape: {s} · "));
        let _ =
            writeln!(o, "\nTEXT  {shape}{} text field{}", t.fields.len(), if t.fields.len() == 1 { "" } else { "s" });
        let _ = writeln!(
            o,
            "  {:<26} {:<15} {:>7} {:>15} {:>6} {:>7} {:>7} {:>7} {:>7} {:>8} {:>5}",
            "field",
            "role",
            "values",
            "words med/p90",
            "repet.",
            "refusal",
            "empty",
            "scaffld",
            "trunc.",
            "near-dup",
            "pii"
        );
        for f in &t.fields {
            let role = f.role.map_or("free text", |r| r.name());
            let words = format!("{}/{}", f.words_median.unwrap_or(0), f.words_p90.unwrap_or(0));
            let pii: u64 = f.pii.values().sum();
            let _ = writeln!(
                o,
                "  {:<26} {:<15} {:>7} {:>15} {:>6} {:>7} {:>7} {:>7} {:>7} {:>8} {:>5}",
                one_line(&f.column, 26),
                one_line(role, 15),
                num(f.values),
                words,
                num(f.repetition.repetitive),
                num(f.artefacts.refusals),
                num(f.artefacts.placeholders),
                num(f.artefacts.scaffolding),
                num(f.artefacts.truncated),
                num(f.duplicates.exact + f.duplicates.rows_in_clusters),
                num(pii)
            );
        }
        for f in t.fields.iter().filter(|f| f.diversity.is_some() || !f.openers.is_empty()) {
            let mut parts = Vec::new();
            if let Some(d) = &f.diversity {
                parts.push(format!(
                    "first {} tokens: distinct-1 {:.3}, distinct-2 {:.3}, NDS {:.3}, compression ratio {:.2}",
                    num(d.tokens),
                    d.distinct[0],
                    d.distinct[1],
                    d.nds,
                    d.compression_ratio
                ));
            }
            if let Some(top) = f.openers.first() {
                parts.push(format!(
                    "top opener '{}' {}",
                    one_line(&top.value, 30),
                    pct(top.count as f64 / f.openers_total.max(1) as f64)
                ));
            }
            let _ = writeln!(o, "  {}: {}", one_line(&f.column, 26), parts.join("; "));
        }
        if let Some(r) = &t.rows {
            let mut parts = Vec::new();
            if r.echo_checked > 0 {
                parts.push(format!("{} of {} answers echo their prompt", num(r.echoes), num(r.echo_checked)));
            }
            if r.conflicting_prompts > 0 {
                parts.push(format!("{} prompts with different answers", num(r.conflicting_prompts)));
            }
            if r.language_checked > 0 {
                parts.push(format!(
                    "{} of {} answers in another language",
                    num(r.language_mismatch),
                    num(r.language_checked)
                ));
            }
            if r.chats > 0 {
                parts.push(format!("{} of {} chats malformed", num(r.chat_errors), num(r.chats)));
            }
            if r.pairs > 0 {
                parts.push(format!(
                    "{} preference pairs: chosen longer in {}, {} identical",
                    num(r.pairs),
                    pct(r.chosen_longer as f64 / r.pairs as f64),
                    num(r.identical_pairs)
                ));
            }
            if !parts.is_empty() {
                let _ = writeln!(o, "  rows: {}", parts.join("; "));
            }
        }
    }
}
