//! Format, delimiter and header detection from the first bytes of the decoded stream.

use crate::options::Format;
use crate::value::{classify, Kind};

/// Bytes of decoded input looked at before deciding. Always exactly this prefix (or the whole
/// input if shorter), so the decision does not depend on how the input was chunked.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// When the first record is longer than [`SNIFF_BYTES`] (a very wide header), the window grows
/// to hold it and as much again after it, up to this cap.
pub const SNIFF_CAP: usize = 8 * 1024 * 1024;

/// The candidate delimiters, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

fn extension(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    base.rsplit_once('.').map(|(_, e)| e.to_string()).unwrap_or_default()
}

/// Decide the format from the file name (when given) and the content, and say why.
pub fn format(sample: &[u8], name: Option<&str>) -> (Format, String) {
    let first = sample.iter().copied().find(|b| !b.is_ascii_whitespace());
    let ext = name.map(extension).unwrap_or_default();
    match ext.as_str() {
        "jsonl" | "ndjson" => return (Format::Jsonl, format!("from the name (.{ext})")),
        "csv" | "tsv" | "tab" | "psv" => return (Format::Csv, format!("from the name (.{ext})")),
        _ => {}
    }
    // A `.json` file holding one JSON value that is not an array or an object (null, a string, a
    // number) or an empty object: JSON, which reports it, not CSV with a column named `null`.
    if ext == "json" {
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(sample) {
            let lone = match &v {
                serde_json::Value::Object(m) => m.is_empty(),
                serde_json::Value::Array(_) => false,
                _ => true,
            };
            if lone {
                return (Format::Json, "from the name (.json)".to_string());
            }
        }
    }
    let (format, content) = match first {
        Some(b'[') => (Format::Json, "the content starts with '['".to_string()),
        Some(b'{') => (Format::Jsonl, "the content starts with '{'".to_string()),
        Some(b) => (Format::Csv, format!("the content starts with {:?}, not '[' or '{{'", char::from(b))),
        None => (Format::Csv, "the content is empty or only whitespace".to_string()),
    };
    let reason = if ext == "json" && format != Format::Json {
        let read_as = if format == Format::Csv { "CSV" } else { "JSON Lines (one object per line)" };
        format!("named .json, but {content}: read as {read_as}")
    } else {
        format!("from the content ({content})")
    };
    (format, reason)
}

/// Lines of the sample, dropping an incomplete last line when the sample was cut.
fn sample_lines(sample: &[u8], complete: bool) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = sample.split(|&b| b == b'\n').collect();
    if !complete && lines.len() > 1 {
        lines.pop();
    }
    lines.into_iter().filter(|l| !l.iter().all(|b| b.is_ascii_whitespace())).take(100).collect()
}

/// Count of `d` outside double quotes (quotes toggle; good enough for sniffing).
fn count_outside_quotes(line: &[u8], d: u8) -> usize {
    let mut inq = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            inq = !inq;
        } else if b == d && !inq {
            n += 1;
        }
    }
    n
}

/// The delimiter whose per-line count is most consistent (and non-zero) across the sample.
pub fn delimiter(sample: &[u8], complete: bool, name: Option<&str>) -> u8 {
    if name.map(extension).as_deref() == Some("tsv") {
        return b'\t';
    }
    let lines = sample_lines(sample, complete);
    let mut best = (0usize, 0usize, b',');
    for d in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        // The most common non-zero count, and how many lines have it.
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            match freq.iter_mut().find(|(k, _)| *k == c) {
                Some(e) => e.1 += 1,
                None => freq.push((c, 1)),
            }
        }
        let Some(&(mode, agree)) = freq.iter().max_by_key(|(k, n)| (*n, *k)) else {
            continue;
        };
        if (agree, mode) > (best.0, best.1) {
            best = (agree, mode, d);
        }
    }
    best.2
}

fn is_typed(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && matches!(
            classify(t),
            Kind::Integer(_) | Kind::BigInteger(_) | Kind::Float { .. } | Kind::Date | Kind::DateTime | Kind::Boolean
        )
}

/// Whether the first record is a header, judged from the first records of the sample.
pub fn has_header(records: &[Vec<String>]) -> bool {
    let Some((first, rest)) = records.split_first() else {
        return true;
    };
    // A header holds names: no typed values, and at least one non-empty cell (empty names are
    // allowed here; bad-header reports them).
    if first.iter().any(|f| is_typed(f)) || first.iter().all(|f| f.trim().is_empty()) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    // A column whose body is mostly typed while its first cell is a word: a header.
    for j in 0..first.len() {
        let typed = rest.iter().filter(|r| r.get(j).is_some_and(|v| is_typed(v))).count();
        if typed * 2 > rest.len() {
            return true;
        }
    }
    // All-string data: a header if none of its names recurs below it in its column.
    (0..first.len()).all(|j| {
        let name = first.get(j).map(|s| s.trim()).unwrap_or("");
        name.is_empty() || rest.iter().all(|r| r.get(j).map(|v| v.trim()) != Some(name))
    })
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(delimiter(b"a,b,c\n1,2,3\n", true, None), b',');
        assert_eq!(delimiter(b"a;b;c\n1,5;2;3\n", true, None), b';');
        assert_eq!(delimiter(b"a\tb\n1\t2\n", true, None), b'\t');
        assert_eq!(delimiter(b"a|b\n\"x|y\"|2\n", true, None), b'|');
        assert_eq!(delimiter(b"one column\nvalue\n", true, None), b',');
    }

    #[test]
    fn headers() {
        let r = |rows: &[&[&str]]| rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect::<Vec<_>>();
        assert!(has_header(&r(&[&["age", "name"], &["3", "x"], &["4", "y"]])));
        assert!(!has_header(&r(&[&["1", "x"], &["3", "x"]])));
        assert!(has_header(&r(&[&["name", "city"], &["bob", "paris"]])));
        assert!(!has_header(&r(&[&["bob", "paris"], &["bob", "rome"]])));
    }
}
