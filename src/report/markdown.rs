//! The report as Markdown for a review: a summary, a findings table, details, the bias tables
//! and a column table. Every dataset value goes through [`md`], so it renders as text.

use super::{disparity_figures, Report};
use crate::fmt::{fmt_figure, md, num, one_line, pct, short_num};
use std::fmt::Write;

impl Report {
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
                md(disparity_figures(d, self.impact_threshold()).trim_start_matches(": "))
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
