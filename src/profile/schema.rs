//! The schema: column names as read, the checks on a CSV header, and the name → column index.
//!
//! Memory: one name per column (the column limit is enforced by ingest).

use std::collections::{BTreeMap, HashMap};
use xxhash_rust::xxh3::xxh3_64;

/// The header as read: names, and which are empty or repeated.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// Whether the first row was taken as a header (false: columns are `column_1`, …).
    pub present: bool,
    /// 0-based indices of empty header names.
    pub empty: Vec<usize>,
    /// Repeated names with the 0-based indices where they stand.
    pub duplicate: Vec<(String, Vec<usize>)>,
    /// Names as written that had surrounding whitespace (the column names are trimmed).
    pub padded: Vec<String>,
    /// The names, trimmed, to recognise the header repeated as a data row (files concatenated
    /// with their headers).
    pub names: Vec<String>,
    /// Data rows that repeat the header: how many, and the first [`REPEAT_LINES`] lines.
    pub repeats: u64,
    pub repeat_lines: Vec<u64>,
}

/// Lines of repeated headers kept.
pub const REPEAT_LINES: usize = 64;

impl Header {
    /// Checks a CSV file's names and returns the names its columns get: trimmed, and
    /// `column_N` for an empty one.
    pub fn read(names: &[String], from_header: bool) -> (Header, Vec<String>) {
        let mut h = Header { present: from_header, ..Header::default() };
        if from_header {
            h.names = names.iter().map(|n| n.trim().to_string()).collect();
        }
        let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                h.empty.push(i);
            } else {
                seen.entry(n.trim()).or_default().push(i);
            }
        }
        h.duplicate = seen.into_iter().filter(|(_, v)| v.len() > 1).map(|(k, v)| (k.to_string(), v)).collect();
        let mut out = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if from_header && name.trim().len() != name.len() && !name.trim().is_empty() {
                h.padded.push(name.clone());
            }
            out.push(if name.trim().is_empty() { format!("column_{}", i + 1) } else { name.trim().to_string() });
        }
        (h, out)
    }

    /// Whether a record is the header again (every field, trimmed, equal to its name; the first
    /// is compared first, so other records cost one comparison).
    pub fn repeated_by(&self, cells: &[crate::record::Cell<'_>]) -> bool {
        use crate::record::Cell;
        fn text<'a>(c: &Cell<'a>) -> Option<&'a str> {
            match c {
                Cell::Text(t) | Cell::Number(t) => Some(crate::record::trim(t)),
                _ => None,
            }
        }
        self.present
            && cells.len() == self.names.len()
            && cells.first().and_then(text) == self.names.first().map(String::as_str)
            && cells.iter().zip(&self.names).all(|(c, n)| text(c) == Some(n.as_str()))
    }

    /// Counts a repeated header at `line`.
    pub fn repeat(&mut self, line: u64) {
        self.repeats += 1;
        if self.repeat_lines.len() < REPEAT_LINES {
            self.repeat_lines.push(line);
        }
    }

    /// Adds the repeats another part of the file saw.
    pub fn merge_repeats(&mut self, o: &Header) {
        self.repeats += o.repeats;
        for &l in &o.repeat_lines {
            if self.repeat_lines.len() < REPEAT_LINES {
                self.repeat_lines.push(l);
            }
        }
    }
}

/// Column names → index (the first column of a repeated name), and each column's key: the hash
/// of its name and of which occurrence of the name it is. Row hashes combine cells with their
/// column's key, so they do not depend on column order (JSON keys in any order) and agree
/// between parts of a file that met the columns in another order.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    index: HashMap<String, usize>,
    occurrences: HashMap<String, u64>,
    pub keys: Vec<u64>,
}

impl Schema {
    /// Adds a column; returns its index.
    pub fn add(&mut self, name: &str) -> usize {
        let i = self.keys.len();
        self.index.entry(name.to_string()).or_insert(i);
        let nth = self.occurrences.entry(name.to_string()).or_insert(0);
        self.keys.push(xxh3_64(name.as_bytes()) ^ nth.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        *nth += 1;
        i
    }
    pub fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
    /// Looks column `i` up by `to` instead of `from` (keys, and so row hashes, are unchanged).
    pub fn rename(&mut self, from: &str, to: &str, i: usize) {
        if self.index.get(from) == Some(&i) {
            self.index.remove(from);
        }
        self.index.entry(to.to_string()).or_insert(i);
    }
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
