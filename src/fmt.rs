//! Formatting in one place: numbers, shares and p-values as titles and renderings say them, and
//! escaping per output format. Every rendering (finding titles, text, Markdown) goes through here,
//! and the page's `www/render/format.js` follows the same rules.

use crate::finding::Unit;
use std::borrow::Cow;
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

/// Whether a character must never reach a terminal or a rendered document raw: C0 and C1
/// controls (ESC, BEL, BS, CR, LF, DEL, U+0080–U+009F) and the bidirectional overrides,
/// embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which
/// reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// A character as a visible escape: `\n`, `\r`, `\t`, `\x1b`, `\u{202e}`.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Text for a terminal: every control and bidi character (see [`is_unsafe`]), line breaks and
/// tabs included, shown as a visible escape, so file-derived text can neither move the cursor,
/// clear the screen, ring the bell, open a hyperlink, reorder a line nor start a new one.
/// Borrowed when there is nothing to escape.
pub fn terminal(s: &str) -> Cow<'_, str> {
    escape_unless(s, |_| false)
}

/// A whole terminal document (a rendered report): as [`terminal`], but its own line breaks stay.
/// The text renderings pass their whole output through this last, so no path around it exists.
pub fn terminal_doc(s: &str) -> Cow<'_, str> {
    escape_unless(s, |c| c == '\n')
}

fn escape_unless(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal: one line, at most `max` characters, control and bidi characters shown
/// escaped (as [`terminal`]).
pub fn one_line(s: &str, max: usize) -> String {
    if s.is_empty() {
        return "(empty)".into();
    }
    if s.trim().is_empty() {
        // Only whitespace: show it quoted, or it is invisible.
        return terminal(&format!("{s:?}")).into_owned();
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i >= max {
            out.push('…');
            break;
        }
        if is_unsafe(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for one Markdown cell or inline span: control and bidi characters (CR and LF included)
/// as visible escapes, so a value never ends a table row or a line; table, inline, link and HTML
/// syntax escaped (`|` `\` `` ` `` `*` `_` `~` `[` `]` `<` `>` `#` `&`); and a leading `-`, `+`,
/// `=` or `1.` escaped, so a value can start neither a list, a heading nor a code block.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let lead = s.len() - s.trim_start().len();
    let body = s.get(lead..).unwrap_or(s);
    // Leading spaces would make an indented code block at the start of a line: keep them as
    // entities.
    for _ in 0..lead.min(s.len()) {
        out.push_str("&#32;");
    }
    // "1. " or "1) " (or at the end) starts an ordered list; "0.7" does not.
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let list_mark = body.chars().nth(digits + 1).is_none_or(char::is_whitespace);
    for (i, c) in body.chars().enumerate() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '<' | '>' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 && list_mark => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Pretty JSON in which every control and bidi character inside a string (see [`is_unsafe`])
/// is a `\uXXXX` escape: serde_json escapes only U+0000–U+001F, and a report piped to a
/// terminal (`--format json | less`) must not carry C1 controls or bidi overrides raw. The
/// strings' values are unchanged for any JSON reader.
pub fn json_pretty<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeJson(serde_json::ser::PrettyFormatter::new()));
    match v.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            w.write_all(rest.get(..i).unwrap_or("").as_bytes())?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(w, "\\u{:04x}", u)?;
            }
            rest = rest.get(i + c.len_utf8()..).unwrap_or("");
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
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
    fn escapes_are_visible_and_complete() {
        assert_eq!(terminal("a\x1b[2Jb\x07\x08\rc\u{202e}d\u{9b}"), "a\\x1b[2Jb\\x07\\x08\\rc\\u{202e}d\\u{9b}");
        assert!(matches!(terminal("plain é"), Cow::Borrowed(_)));
        assert_eq!(terminal_doc("a\nb\rc"), "a\nb\\rc");
        assert_eq!(md("a|b\rc"), "a\\|b\\rc");
        assert_eq!(md("- x"), "\\- x");
        assert_eq!(md("12. x"), "12\\. x");
        assert_eq!(md("0.75"), "0.75");
        assert_eq!(md("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(md("```"), "\\`\\`\\`");
        let j = json_pretty(&["a\u{202e}b\u{9b}\x1b"]);
        assert_eq!(j, "[\n  \"a\\u202eb\\u009b\\u001b\"\n]");
        let back: Vec<String> = serde_json::from_str(&j).unwrap_or_default();
        assert_eq!(back, ["a\u{202e}b\u{9b}\x1b"]);
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
