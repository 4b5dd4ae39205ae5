//! The report as Markdown for a review: a summary, a findings table, details, the bias tables
//! and a column table. Every dataset value goes through [`md`], so it renders as text.

use super::{disparity_figures, Report};
use crate::fmt::{fmt_figure, md, num, one_line, pct, short_num};
use std::fmt::Write;

impl Report {
    /// Markdown for a review: a summary, a findings table, details, and a column table.
    /// Markdown: every data-derived cell and span through [`md`], and the whole document through
    /// [`crate::fmt::terminal_doc`] last (no raw control or bidi character on any path).
    pub fn to_markdown(&self) -> String {
        crate::fmt::terminal_doc(&self.markdown_body()).into_owned()
    }

    fn markdown_body(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "# datalint report: {}\n", md(&self.headline()));
        let _ = writeln!(o, "{}\n", self.counts());
        if let Some(l) = self.label_line() {
            let _ = writeln!(o, "{}\n", md(&l));
        }
        for n in &self.notes {
            let _ = writeln!(o, "> **Note:** {}\n", md(n));
        }
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
                    fmt_figure(f.unit, f.metric),
                    f.comparison.symbol(),
                    fmt_figure(f.unit, f.threshold)
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
        self.text_family_markdown(&mut o);
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
            for (kind, n) in &self.errors_by_kind {
                let _ = writeln!(o, "- {}: {}", md(kind), num(*n));
                for e in self.errors.iter().filter(|e| e.kind == *kind).take(5) {
                    let _ = writeln!(o, "  - line {} (byte {}): {}", e.line, e.offset, md(&e.message));
                }
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

    fn bias_markdown(&self, o: &mut String) {
        let b = &self.bias;
        if b.roles.sensitive.is_empty() {
            return;
        }
        let _ = writeln!(o, "## Bias\n\n{}\n", md(&self.roles_line()));
        for d in b.bias.iter() {
            let what =
                d.outcome.as_deref().map_or(format!("mean {}", d.label), |x| format!("rate of {} = {x}", d.label));
            let _ = writeln!(
                o,
                "### {} by {}\n\n{}\n",
                md(&what),
                md(&d.sensitive.join(" × ")),
                md(disparity_figures(d, self.impact_threshold()).trim_start_matches(": "))
            );
            let _ = writeln!(
                o,
                "| group | rows | share | {} |\n|---|---|---|---|",
                if d.outcome.is_some() { "rate" } else { "mean" }
            );
            for g in &d.groups {
                let v = g.rate.map(pct).or(g.mean.map(short_num)).unwrap_or_default();
                let below = matches!((d.reference_line, g.rate), (Some(line), Some(r)) if r < line);
                let _ = writeln!(
                    o,
                    "| {}{} | {} | {} | {} |",
                    md(&g.value),
                    if g.too_small {
                        " (too small)"
                    } else if below {
                        " (disadvantaged: below the line)"
                    } else {
                        ""
                    },
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

    fn text_family_markdown(&self, o: &mut String) {
        let t = &self.text;
        if t.fields.is_empty() {
            return;
        }
        let _ = writeln!(o, "## Text\n");
        if let Some(shape) = t.shape {
            let _ = writeln!(o, "Shape: {shape}.\n");
        }
        let _ = writeln!(o, "| field | role | values | words (median / p90 / max) | repetitive | refusals | empty or placeholder | scaffolding | truncated | duplicates (exact + near) | PII | distinct-2 | NDS | compression ratio | top opener |");
        let _ = writeln!(o, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for f in &t.fields {
            let role = f.role.map_or("free text", |r| r.name());
            let (d2, nds, cr) = f.diversity.as_ref().map_or((String::new(), String::new(), String::new()), |d| {
                (format!("{:.3}", d.distinct[1]), format!("{:.3}", d.nds), format!("{:.2}", d.compression_ratio))
            });
            let opener = f.openers.first().map_or(String::new(), |top| {
                format!("{} ({})", md(&one_line(&top.value, 30)), pct(top.count as f64 / f.openers_total.max(1) as f64))
            });
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} / {} / {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&f.column),
                role,
                num(f.values),
                f.words_median.unwrap_or(0),
                f.words_p90.unwrap_or(0),
                f.words_max.unwrap_or(0),
                num(f.repetition.repetitive),
                num(f.artefacts.refusals),
                num(f.artefacts.placeholders),
                num(f.artefacts.scaffolding),
                num(f.artefacts.truncated),
                num(f.duplicates.exact + f.duplicates.rows_in_clusters),
                num(f.pii.values().sum()),
                d2,
                nds,
                cr,
                opener
            );
        }
        let _ = writeln!(o);
        if let Some(r) = &t.rows {
            let _ = writeln!(
                o,
                "Rows: {} of {} answers echo their prompt; {} prompts with different answers; {} of {} answers in another language than their prompt; {} of {} chats malformed; {} preference pairs ({} identical, chosen longer in {}).\n",
                num(r.echoes),
                num(r.echo_checked),
                num(r.conflicting_prompts),
                num(r.language_mismatch),
                num(r.language_checked),
                num(r.chat_errors),
                num(r.chats),
                num(r.pairs),
                num(r.identical_pairs),
                num(r.chosen_longer)
            );
        }
    }
}
