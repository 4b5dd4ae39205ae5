//! `pii`: personal data and secrets in text.

use super::context::Context;
use super::meta::{CheckMeta, ThresholdMeta};
use crate::finding::{Comparison, Finding, Severity, Unit};
use crate::fmt::num;
use crate::profile::text::pii::PiiKind;

pub const META: CheckMeta = CheckMeta {
    id: "pii",
    family: "text",
    severity: Severity::Error,
    summary: "Personal data and secrets in text fields, each validated: e-mail addresses (dotted domain), phone numbers, card numbers (13–19 digits passing Luhn), IBANs (mod-97 and the country's length), US SSNs (Presidio's invalidation rules), public IP addresses, private-key blocks, and API keys by gitleaks' prefixes with an entropy floor. Secrets, keys, cards, IBANs and SSNs are errors, e-mails and IPs warnings, phones info. Evidence shows the kind, the position and at most the last 4 characters.",
    why: "A model memorises and can repeat personal data and credentials from its training data; they must be removed or masked before training, and a dataset holding them may not be shareable at all.",
    example: "card (visa) at char 31, ends 1111",
    threshold: ThresholdMeta { metric: "values holding this kind", default: 0.0, comparison: Comparison::Above, unit: Unit::Count },
    needs_label: false,
    params: &[],
};

/// One finding per kind and group of columns: a column whose rows holding the kind are all
/// rows of another column's (a prompt that embeds its input, an answer that copies it) joins that
/// column's finding, so the same rows are reported once with every column that holds them. Rows
/// are compared only when both columns' evidence lists every row (no more rows than the evidence
/// limit); otherwise the columns stay apart.
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    struct Group<'t> {
        columns: Vec<String>,
        tallies: Vec<(&'t str, &'t crate::profile::text::Tally)>,
        lines: Option<std::collections::BTreeSet<u64>>,
        count: u64,
    }
    let exhaustive = |t: &crate::profile::text::Tally| {
        (t.count as usize == t.evidence.len())
            .then(|| t.evidence.iter().map(|e| e.line).collect::<std::collections::BTreeSet<u64>>())
    };
    let mut by_kind: std::collections::BTreeMap<PiiKind, Vec<Group<'_>>> = std::collections::BTreeMap::new();
    for f in &cx.text.fields {
        let Some(acc) = cx.acc(f) else { continue };
        for (kind, t) in &acc.pii {
            if t.count == 0 || !cx.fires(t.count as f64) {
                continue;
            }
            let groups = by_kind.entry(*kind).or_default();
            let lines = exhaustive(t);
            let joined = lines.as_ref().and_then(|mine| {
                groups
                    .iter_mut()
                    .find(|g| g.lines.as_ref().is_some_and(|theirs| mine.is_subset(theirs) || theirs.is_subset(mine)))
            });
            match joined {
                Some(g) => {
                    g.columns.push(f.column.clone());
                    g.tallies.push((f.column.as_str(), t));
                    if let (Some(theirs), Some(mine)) = (g.lines.as_mut(), lines) {
                        theirs.extend(mine);
                        g.count = theirs.len() as u64;
                    }
                }
                None => groups.push(Group {
                    columns: vec![f.column.clone()],
                    tallies: vec![(f.column.as_str(), t)],
                    lines,
                    count: t.count,
                }),
            }
        }
    }
    let mut out = Vec::new();
    for (kind, groups) in by_kind {
        for g in groups {
            let (title, ev) = match g.tallies.as_slice() {
                [(column, t)] => (
                    format!("'{column}': {} values hold {}", num(t.count), what(kind)),
                    t.evidence.iter().take(cx.limit()).cloned().collect(),
                ),
                _ => {
                    let names: Vec<String> = g.columns.iter().map(|c| format!("'{c}'")).collect();
                    let mut ev: Vec<crate::finding::Evidence> = g
                        .tallies
                        .iter()
                        .flat_map(|(column, t)| {
                            t.evidence.iter().map(move |e| crate::finding::Evidence {
                                line: e.line,
                                value: format!("{column}: {}", e.value),
                            })
                        })
                        .collect();
                    ev.sort_by_key(|e| e.line);
                    ev.truncate(cx.limit());
                    (
                        format!(
                            "{}: {} {} {} (a row's copies across the columns counted once)",
                            names.join(", "),
                            crate::fmt::plural(g.count, "row"),
                            if g.count == 1 { "holds" } else { "hold" },
                            what(kind)
                        ),
                        ev,
                    )
                }
            };
            let mut finding = cx.finding(g.columns, title, g.count as f64, ev, g.count, false);
            if !cx.opts.severity.contains_key(META.id) {
                finding.severity = match kind {
                    k if k.is_severe() => Severity::Error,
                    PiiKind::Phone => Severity::Info,
                    _ => Severity::Warning,
                };
            }
            out.push(finding);
        }
    }
    out
}

fn what(k: PiiKind) -> &'static str {
    match k {
        PiiKind::Email => "an e-mail address",
        PiiKind::Phone => "a phone number",
        PiiKind::Card => "a payment card number",
        PiiKind::Iban => "an IBAN",
        PiiKind::Ssn => "a US social security number",
        PiiKind::IpAddress => "a public IP address",
        PiiKind::PrivateKey => "a private key",
        PiiKind::Secret => "an API key or token",
    }
}
