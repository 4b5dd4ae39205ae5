//! Lexical diversity of a text column, on its first [`SAMPLE_TOKENS`] tokens.
//!
//! Definitions (as the `diversity` package, 0.3.1, whose `ngram_diversity_score` the tests match):
//! the column's values are joined by one space and split on the space character `' '` only (so two
//! spaces in a row, a leading or trailing space, or an empty value give an empty token, as
//! Python's `str.split(' ')`); the sample is the first [`SAMPLE_TOKENS`] of those tokens. All the
//! figures fall as the sample grows, so they are only comparable at the same size: the figures
//! carry it (`tokens`).
//!
//! - distinct-n (n = 1..4): distinct n-grams of tokens ÷ all n-grams (`len(set) / len(list)`).
//! - NDS: distinct-1 + distinct-2 + distinct-3 + distinct-4, summed in that order, unrounded here;
//!   the package rounds it to 3 decimals (`round(score, 3)`), which the tests compare.
//! - compression ratio: UTF-8 bytes of the sample (its tokens joined by one space) ÷ the bytes of
//!   its gzip at level 9 (flate2's pure-Rust deflate; Python's `gzip.compress(level=9)` uses zlib,
//!   and the two differ by a few bytes: at worst 0.52 % of the ratio on the reference columns). Higher
//!   means more repetitive. This follows the wording: the package's own
//!   `compression_ratio` writes the gzip output through a second `GzipFile` (gzip of gzip, with a
//!   file name in the header) and rounds to 3 decimals, which reads up to 7 % higher on very
//!   repetitive text (23.751 against 22.279 on the davinci responses).
//!
//! A sample also stops before a token that would take it past [`MAX_SAMPLE_BYTES`] (one token of
//! many megabytes would otherwise be held whole); on ordinary text the token count binds first.

use std::collections::HashSet;
use std::io::Write;

use foldhash::fast::FixedState;

use crate::profile::merge::Merge;

/// Tokens in the sample.
pub const SAMPLE_TOKENS: usize = 100_000;
/// Bytes of the sample at most (its tokens and the spaces between them).
pub const MAX_SAMPLE_BYTES: usize = 8 << 20;

/// Memory: at most [`MAX_SAMPLE_BYTES`] (8 MiB) of text, in practice the bytes of the first
/// [`SAMPLE_TOKENS`] tokens plus one byte each. The first space-split tokens of the values pushed,
/// joined by one space, in order (definitions in the module doc: the `diversity` package's).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diversity {
    /// The sample's tokens joined by one space.
    text: String,
    /// Tokens in `text` (`text` alone cannot tell zero tokens from one empty token).
    tokens: usize,
    /// Set once a token was refused: the sample is a closed prefix of the stream.
    full: bool,
    /// The figures of the closed sample, worked out when it closed (a closed sample does not
    /// change, and provisional reports would otherwise compress it again each time).
    #[serde(default)]
    closed: Closed,
}

/// [`Diversity::figures`] of a closed sample; equal whatever it holds (a cache, not state).
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
struct Closed(Option<DiversityFigures>);

impl PartialEq for Closed {
    fn eq(&self, _: &Closed) -> bool {
        true
    }
}

/// The figures of a sample (definitions in the module doc).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiversityFigures {
    /// Tokens in the sample the figures describe.
    pub tokens: u64,
    /// distinct-1 .. distinct-4.
    pub distinct: [f64; 4],
    /// distinct-1 + … + distinct-4, unrounded.
    pub nds: f64,
    /// Sample bytes ÷ gzip level-9 bytes.
    pub compression_ratio: f64,
}

impl Diversity {
    /// Take one token, unless the sample is closed or the token does not fit.
    fn take(&mut self, token: &str) {
        if self.full {
            return;
        }
        let sep = usize::from(self.tokens > 0);
        if self.tokens >= SAMPLE_TOKENS || self.text.len() + sep + token.len() > MAX_SAMPLE_BYTES {
            self.full = true;
            self.closed = Closed(self.compute());
            return;
        }
        if sep == 1 {
            self.text.push(' ');
        }
        self.text.push_str(token);
        self.tokens += 1;
        if self.tokens >= SAMPLE_TOKENS {
            // Complete: its figures are worked out now, where it is read (a byte range's own
            // thread or worker), not again at each provisional report or at the end.
            self.full = true;
            self.closed = Closed(self.compute());
        }
    }

    /// Add one value's tokens (`value.split(' ')`).
    pub fn push(&mut self, value: &str) {
        for token in value.split(' ') {
            if self.full {
                return;
            }
            self.take(token);
        }
    }

    /// Tokens in the sample so far.
    pub fn tokens(&self) -> usize {
        self.tokens
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
    }

    /// Whether the sample takes no more tokens.
    pub fn is_full(&self) -> bool {
        self.full || self.tokens >= SAMPLE_TOKENS
    }

    /// Takes no more tokens (a later byte range of an input whose first range filled the sample).
    pub fn close(&mut self) {
        self.full = true;
    }

    /// The figures of the sample's first `tokens` tokens (to compare two columns at the same
    /// sample size: every figure falls as the sample grows).
    pub fn figures_at(&self, tokens: usize) -> Option<DiversityFigures> {
        if tokens >= self.tokens {
            return self.figures();
        }
        let mut d = Diversity::default();
        self.text.split(' ').take(tokens).for_each(|t| d.take(t));
        d.figures()
    }

    /// The figures, or `None` with fewer than 4 tokens (no 4-gram: the package divides by zero).
    pub fn figures(&self) -> Option<DiversityFigures> {
        match self.closed.0 {
            Some(f) if self.full => Some(f),
            _ => self.compute(),
        }
    }

    fn compute(&self) -> Option<DiversityFigures> {
        if self.tokens < 4 {
            return None;
        }
        let toks: Vec<&str> = self.text.split(' ').collect();
        // Byte start of token i in `text`, and one past the end as the last entry + 1.
        let mut starts = Vec::with_capacity(toks.len() + 1);
        let mut at = 0;
        for t in &toks {
            starts.push(at);
            at += t.len() + 1;
        }
        starts.push(at);
        let mut distinct = [0.0; 4];
        for (k, slot) in distinct.iter_mut().enumerate() {
            let n = k + 1;
            let total = toks.len() + 1 - n;
            // Tokens hold no space, so n tokens joined by spaces identify the n-gram exactly.
            let mut seen: HashSet<&str, FixedState> = HashSet::with_capacity_and_hasher(total, FixedState::default());
            for i in 0..total {
                let (Some(&a), Some(&b)) = (starts.get(i), starts.get(i + n)) else {
                    continue;
                };
                seen.insert(self.text.get(a..b - 1).unwrap_or(""));
            }
            *slot = seen.len() as f64 / total as f64;
        }
        let mut nds = 0.0;
        for d in distinct {
            nds += d;
        }
        Some(DiversityFigures {
            tokens: self.tokens as u64,
            distinct,
            nds,
            compression_ratio: compression_ratio(self.text.as_bytes()),
        })
    }
}

/// `bytes.len()` ÷ the length of their gzip at level 9 (flate2, pure-Rust backend).
pub fn compression_ratio(bytes: &[u8]) -> f64 {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    let zipped = gz.write_all(bytes).and_then(|()| gz.finish());
    match zipped {
        Ok(z) if !z.is_empty() => bytes.len() as f64 / z.len() as f64,
        _ => f64::NAN,
    }
}

impl Merge for Diversity {
    /// The first part's tokens, then the second's, up to the same limits: `merge(parts) == whole`
    /// exactly (the second part's sample is a prefix of its stream at least as long as the whole
    /// would take from it).
    fn merge(&mut self, other: Self) {
        if self.full {
            return;
        }
        if other.tokens == 0 {
            // An empty part that refused its first token closes the whole at the same place.
            self.full |= other.full;
            return;
        }
        if self.tokens == 0 && !self.full {
            *self = other;
            return;
        }
        for token in other.text.split(' ') {
            if self.full {
                return;
            }
            self.take(token);
        }
        if other.full {
            self.full = true;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn expected() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/text_repetition_expected.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn data(name: &str) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
        std::fs::read_to_string(format!("{path}{name}")).unwrap()
    }

    /// The column's values in file order, as the reference script reads them.
    fn column(file: &str, field: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in data(file).lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            if field == "output" {
                for inst in row["instances"].as_array().unwrap() {
                    out.push(inst["output"].as_str().unwrap().to_string());
                }
            } else {
                out.push(row[field].as_str().unwrap().to_string());
            }
        }
        out
    }

    const COLUMNS: [(&str, &str); 5] = [
        ("self-instruct-davinci.jsonl", "response"),
        ("self-instruct-davinci.jsonl", "target"),
        ("self-instruct-text-davinci-003.jsonl", "response"),
        ("self-instruct-text-davinci-003.jsonl", "target"),
        ("self-instruct-seed-tasks.jsonl", "output"),
    ];

    fn values_of(file: &str, field: &str) -> Vec<String> {
        if file == "*" {
            COLUMNS.iter().rev().flat_map(|(f, c)| column(f, c)).collect()
        } else {
            column(file, field)
        }
    }

    #[test]
    fn matches_the_diversity_package_on_the_self_instruct_columns() {
        let exp = expected();
        let mut worst_compression = 0.0f64;
        let mut checked = 0;
        for col in exp["columns"].as_array().unwrap() {
            let (file, field) = (col["file"].as_str().unwrap(), col["field"].as_str().unwrap());
            let mut d = Diversity::default();
            for v in values_of(file, field) {
                d.push(&v);
            }
            let f = d.figures().unwrap();
            assert_eq!(f.tokens, col["tokens"].as_u64().unwrap(), "{file} {field}");
            for (k, want) in col["distinct"].as_array().unwrap().iter().enumerate() {
                let want = want.as_f64().unwrap();
                assert!((f.distinct[k] - want).abs() < 1e-12, "{file} {field} distinct-{}", k + 1);
            }
            let nds = col["nds"].as_f64().unwrap();
            assert!(((f.nds * 1000.0).round() / 1000.0 - nds).abs() < 1e-9, "{file} {field} nds {} vs {nds}", f.nds);
            let cr = col["compression_ratio"].as_f64().unwrap();
            let rel = (f.compression_ratio - cr).abs() / cr;
            worst_compression = worst_compression.max(rel);
            assert!(rel < 0.01, "{file} {field} compression {} vs {cr}", f.compression_ratio);
            checked += 1;
        }
        assert!(checked >= 5);
        println!("diversity: {checked} samples; worst compression-ratio difference {:.4} %", worst_compression * 100.0);
    }

    #[test]
    fn merge_of_parts_equals_the_whole() {
        let values = values_of("*", "");
        let mut whole = Diversity::default();
        for v in &values {
            whole.push(v);
        }
        assert_eq!(whole.tokens(), SAMPLE_TOKENS);
        for cut in [0, 1, 7, 300, 700, 1000, values.len()] {
            let (mut a, mut b) = (Diversity::default(), Diversity::default());
            for v in &values[..cut] {
                a.push(v);
            }
            for v in &values[cut..] {
                b.push(v);
            }
            a.merge(b);
            assert_eq!(a, whole, "cut at {cut}");
            assert_eq!(a.figures(), whole.figures());
        }
        let mut id = Diversity::default();
        id.merge(whole.clone());
        assert_eq!(id, whole);
        let mut w = whole.clone();
        w.merge(Diversity::default());
        assert_eq!(w, whole);
    }

    #[test]
    fn merge_keeps_empty_tokens_and_the_byte_cap() {
        let parts = ["", "a  b", " ", "c", ""];
        let mut whole = Diversity::default();
        for p in parts {
            whole.push(p);
        }
        for cut in 0..=parts.len() {
            let (mut a, mut b) = (Diversity::default(), Diversity::default());
            parts[..cut].iter().for_each(|p| a.push(p));
            parts[cut..].iter().for_each(|p| b.push(p));
            a.merge(b);
            assert_eq!(a, whole);
        }
        assert_eq!(whole.tokens(), 8);
        let big = "x".repeat(MAX_SAMPLE_BYTES);
        let (mut a, mut b) = (Diversity::default(), Diversity::default());
        a.push("small");
        b.push(&big);
        b.push("after");
        let mut whole = a.clone();
        whole.push(&big);
        whole.push("after");
        a.merge(b);
        assert_eq!(a, whole);
        assert_eq!(a.tokens(), 1);
    }

    #[test]
    fn no_panic_on_odd_input() {
        let mut d = Diversity::default();
        assert_eq!(d.figures(), None);
        for v in ["", " ", "\u{0}", "é\u{301}", "😀 😀 😀 😀", "\u{feff}a b", "\r\n\t"] {
            d.push(v);
            let _ = d.figures();
        }
        let f = d.figures().unwrap();
        assert!(f.nds > 0.0 && f.compression_ratio.is_finite());
        assert!(d.heap_bytes() >= d.text.len());
    }
}
