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

pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &cx.text.fields {
        let Some(acc) = cx.acc(f) else { continue };
        for (kind, t) in &acc.pii {
            if t.count == 0 || !cx.fires(t.count as f64) {
                continue;
            }
            let title = format!("'{}': {} values hold {}", f.column, num(t.count), what(*kind));
            let ev = t.evidence.iter().take(cx.limit()).cloned().collect();
            let mut finding = cx.finding(vec![f.column.clone()], title, t.count as f64, ev, t.count, false);
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
