//! Formatting in one place: numbers, shares and p-values as titles and renderings say them, and
//! escaping per output format. Every rendering (finding titles, text, Markdown) goes through here,
//! and the page's `www/render/format.js` follows the same rules.

use crate::finding::Unit;
use std::fmt::Write;

/// A share as a percentage: "5.6%", "0.03%"; never rounded to a misleading 0% or 100%.
pub fn pct(x: f64) -> String {
    let p = x * 100.0;
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

/// Thousands separators: "32,561".
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

/// "1 row", "2 rows" (with thousands separators).
pub fn plural(n: u64, word: &str) -> String {
    format!("{} {word}{}", num(n), plural_s(n))
}

/// The plural ending for a count: "" for one, "s" otherwise.
pub fn plural_s(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A p-value: "< 1e-300", "2.3e-70", "0.042".
pub fn fmt_p(p: f64) -> String {
    if p < 1e-300 {
        "< 1e-300".into()
    } else if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}

/// A value for titles and evidence: integers without decimals, others with up to 4 decimals.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A finding's figure (metric or threshold) in its unit: shares and points as percentages,
/// everything else as a short number.
pub fn fmt_figure(unit: Unit, x: f64) -> String {
    match unit {
        Unit::Share | Unit::Points => pct(x),
        Unit::Count | Unit::Ratio | Unit::Statistic => fmt_metric(x),
    }
}

/// A metric: integers whole, others to 3 decimals, tiny ones in scientific notation.
pub fn fmt_metric(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else if x.abs() >= 0.001 {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:.2e}")
    }
}

/// A statistic in a table cell: integers with separators, others to 3 decimals.
pub fn short_num(x: f64) -> String {
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

/// Bytes in decimal units: "4.0 MB".
pub fn human_bytes(b: u64) -> String {
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

/// A delimiter by name: "comma", "tab".
pub fn delimiter_name(d: &str) -> String {
    match d {
        "\t" => "tab".into(),
        "," => "comma".into(),
        ";" => "semicolon".into(),
        "|" => "pipe".into(),
        other => format!("{other:?}"),
    }
}

/// Truncates a value for evidence: at most 120 characters, then "…".
pub fn clip(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX).collect();
    out.push('…');
    out
}

/// Text for a terminal: one line, at most `max` characters, control characters shown escaped.
pub fn one_line(s: &str, max: usize) -> String {
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

/// Text for Markdown: table and inline syntax and HTML escaped, so dataset values render as text.
pub fn md(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_never_round_to_the_ends() {
        assert_eq!(pct(0.0), "0%");
        assert_eq!(pct(1.0), "100%");
        assert_eq!(pct(0.00001), "<0.01%");
        assert_eq!(pct(0.99999), ">99.99%");
        assert_eq!(pct(0.056), "5.6%");
    }

    #[test]
    fn figures_follow_their_unit() {
        assert_eq!(fmt_figure(Unit::Share, 0.25), "25%");
        assert_eq!(fmt_figure(Unit::Points, 0.238), "23.8%");
        assert_eq!(fmt_figure(Unit::Count, 3.0), "3");
        assert_eq!(fmt_figure(Unit::Ratio, 0.35812), "0.358");
        assert_eq!(fmt_figure(Unit::Statistic, 0.0001), "1.00e-4");
    }
}
