//! What a comparison of two files needs beyond the column profiles: a seeded sample of whole rows
//! (row distances, relationships between columns, copies within a tolerance) and every row's hash
//! after value normalisation (exact copies across files). Kept only when the options ask for it
//! (`compare`), so `datalint check` pays nothing.
//!
//! Memory: the sample holds at most [`SAMPLE_ROWS`] rows of 16 bytes per cell (a number, or the
//! hash of a text), fewer when that would pass its byte cap; the row index at most its cap of
//! entries (~32 bytes each), sampled by hash beyond it ([`RowIndex`]).
//!
//! The sample is a bottom-k sample: the rows whose seeded hash of their line number is smallest.
//! It depends only on the line numbers, so it is the same whatever the chunking, merges exactly
//! (keep the k smallest of both), and holds every row of a file of at most k rows.

use super::groups::View;
use super::merge::Merge;
use super::rows::RowIndex;
use crate::value::{integer_text, is_integer_text, EXACT_INTEGER};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Rows sampled at most (all of them in a file this small).
pub const SAMPLE_ROWS: usize = 20_000;
const SAMPLE_SEED: u64 = 0x7361_6d70_6c65; // "sample"
/// Bytes per sampled cell.
const CELL_BYTES: usize = 16;

/// One normalised cell: missing, a number, or the hash of a trimmed text (case kept).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Norm {
    Missing,
    Num(f64),
    Text(u64),
}

impl Norm {
    pub fn of(v: &View<'_>) -> Norm {
        if v.missing {
            Norm::Missing
        } else if let Some(x) = v.num {
            if x.abs() >= EXACT_INTEGER as f64 && is_integer_text(v.text) {
                // Beyond 2^53 neighbouring integers share a double (ids 7 apart would be copies):
                // told apart by their text, as the profile counts them.
                Norm::Text(text_key(&integer_text(v.text)))
            } else {
                Norm::Num(x + 0.0)
            }
        } else {
            Norm::Text(xxh3_64(v.text.as_bytes()))
        }
    }

    /// The hash a row hash is built from (equal numbers written differently hash alike).
    fn hash(self) -> u64 {
        match self {
            Norm::Missing => 0x6d69_7373,
            Norm::Num(x) => xxh3_64(&x.to_bits().to_le_bytes()).rotate_left(7),
            Norm::Text(h) => h,
        }
    }
}

/// The hash of a text as [`Norm::Text`] holds it (to find a value's cells in the sample).
pub fn text_key(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

/// One sampled row.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SampledRow {
    pub key: u64,
    pub line: u64,
    pub cells: Vec<Norm>,
}

/// The sample and the row index of one file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RowSample {
    /// Column names, in the order the cells are (the profile's column order).
    pub names: Vec<String>,
    /// Column keys (hash of the name) the row hash sums over.
    keys: Vec<u64>,
    rows: Vec<SampledRow>,
    /// Rows kept at most.
    k: usize,
    /// Rows whose key is at least this are not kept (the k-th smallest key once full).
    bound: u64,
    max_bytes: usize,
    /// Every row's normalised hash.
    pub index: RowIndex,
    /// Rows seen.
    pub seen: u64,
    /// Whether a column was renamed after the pass (the row hashes then hold the old names).
    pub renamed: bool,
}

impl RowSample {
    /// A sample of at most [`SAMPLE_ROWS`] rows within `sample_bytes`, and a row index of at most
    /// `index_entries` entries.
    pub fn new(sample_bytes: usize, index_entries: usize) -> RowSample {
        RowSample {
            names: Vec::new(),
            keys: Vec::new(),
            rows: Vec::new(),
            k: SAMPLE_ROWS,
            bound: u64::MAX,
            max_bytes: sample_bytes.max(1 << 16),
            index: RowIndex::new(index_entries),
            seen: 0,
            renamed: false,
        }
    }

    pub fn add_column(&mut self, name: &str) {
        let nth = self.names.iter().filter(|n| n.as_str() == name).count() as u64;
        self.keys.push(xxh3_64(name.as_bytes()) ^ nth.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        self.names.push(name.to_string());
    }

    /// One row, as the profile saw its cells.
    pub fn push(&mut self, line: u64, views: &[View<'_>]) {
        self.seen += 1;
        let mut h: u64 = 0x726f_7773;
        // Missing cells add nothing, so a JSON key that first appears later does not change the
        // hashes of the rows before it.
        for (v, &k) in views.iter().zip(&self.keys) {
            if !v.missing {
                h = h.wrapping_add(mix(k, Norm::of(v).hash()));
            }
        }
        self.index.push(h, line);
        let key = xxh3_64_with_seed(&line.to_le_bytes(), SAMPLE_SEED);
        if key >= self.bound {
            return;
        }
        self.rows.push(SampledRow { key, line, cells: views.iter().map(Norm::of).collect() });
        if self.rows.len() >= 2 * self.k {
            self.shrink();
        }
    }

    /// Keeps the k smallest keys (and lowers k while the rows pass the byte cap).
    fn shrink(&mut self) {
        self.rows.sort_unstable_by_key(|r| r.key);
        let width = self.names.len().max(1);
        while self.k > 100 && self.k * width * CELL_BYTES > self.max_bytes {
            self.k = self.k * 3 / 4;
        }
        if self.rows.len() >= self.k {
            self.rows.truncate(self.k);
            self.bound = self.rows.last().map_or(u64::MAX, |r| r.key);
        }
    }

    /// The sampled rows, in line order.
    pub fn rows(&self) -> Vec<&SampledRow> {
        let mut v: Vec<&SampledRow> = self.rows.iter().collect();
        v.sort_by_key(|r| r.key);
        v.truncate(self.k);
        v.sort_by_key(|r| r.line);
        v
    }

    /// Whether the sample holds every row.
    pub fn complete(&self) -> bool {
        (self.seen as usize) <= self.k && self.rows.len() as u64 == self.seen
    }

    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * (std::mem::size_of::<SampledRow>() + self.names.len() * CELL_BYTES)
            + self.index.heap_bytes()
    }
}

fn mix(key: u64, h: u64) -> u64 {
    (key ^ h.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(31)
}

impl Merge for RowSample {
    /// The rows of the part that follows; its columns are matched by name.
    fn merge(&mut self, o: RowSample) {
        for n in &o.names {
            if !self.names.contains(n) {
                self.add_column(n);
            }
        }
        let map: Vec<Option<usize>> = o.names.iter().map(|n| self.names.iter().position(|m| m == n)).collect();
        let width = self.names.len();
        for r in o.rows {
            let mut cells = vec![Norm::Missing; width];
            for (c, to) in r.cells.into_iter().zip(&map) {
                if let Some(slot) = to.and_then(|t| cells.get_mut(t)) {
                    *slot = c;
                }
            }
            self.rows.push(SampledRow { key: r.key, line: r.line, cells });
        }
        self.k = self.k.min(o.k);
        self.seen += o.seen;
        self.index.merge(o.index);
        self.shrink();
    }
}

#[cfg(test)]
mod big_integers {
    use super::{text_key, Norm, View};

    #[test]
    fn integers_beyond_2_53_are_told_apart_by_their_text() {
        let norm = |text: &str, x: f64| Norm::of(&View { missing: false, text, num: Some(x), hash: None });
        let (a, b) =
            (norm("1234567890123456789", 1234567890123456789.0), norm("1234567890123456796", 1234567890123456796.0));
        assert_ne!(a, b);
        assert_eq!(norm("+1234567890123456789", 1234567890123456789.0), a);
        assert_eq!(a, Norm::Text(text_key("1234567890123456789")));
        assert_eq!(norm("9007199254740991", 9007199254740991.0), Norm::Num(9007199254740991.0));
        assert_eq!(norm("1e300", 1e300), Norm::Num(1e300));
    }
}
