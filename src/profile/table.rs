//! Small containers for the accumulators: a first-seen index of strings with a pooled slot,
//! and a dense 2-D table of counts.
//!
//! Memory: an [`Index`] holds at most its cap of names; a [`Table`] is rows × cols counters.

use super::frequency::{hash_str, same};

/// The pooled group or value.
pub const OTHER: &str = "(other)";

/// First-seen index of up to `cap` distinct strings; the rest map to the pooled slot `cap`.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Index {
    pub names: Vec<String>,
    /// (xxh3 of the name, its slot): a caller that has a value's hash passes it.
    #[serde(with = "crate::wire::table")]
    map: hashbrown::HashTable<(u64, usize)>,
    cap: usize,
    /// Primed with another index's names while it still had room (see [`Index::prime`]).
    primed_open: bool,
    /// A value was pooled.
    pooled: bool,
}

impl Index {
    pub fn new(cap: usize) -> Index {
        Index { names: Vec::new(), map: hashbrown::HashTable::new(), cap, primed_open: false, pooled: false }
    }

    /// Starts with `from`'s names in their slots: a later byte range of the input goes on with
    /// the first range's index, so that its values take the slots the whole input gives them.
    pub fn prime(&mut self, from: &Index) {
        self.names = from.names.clone();
        self.map = from.map.clone();
        self.primed_open = self.names.len() < self.cap;
    }

    /// Whether this range pooled a value after being primed with room left: values new to this
    /// range took the slots, but the ranges before it may have taken some of them first, so the
    /// pooling may differ from the whole input's.
    pub fn pooled_after_open_prime(&self) -> bool {
        self.primed_open && self.pooled
    }
    /// The slot of `v`: its own while there is room, else the pooled slot (`cap`).
    pub fn slot(&mut self, v: &str) -> usize {
        self.slot_hashed(v, hash_str(v))
    }
    /// [`slot`](Self::slot) of a value whose xxh3 hash ([`hash_str`]) the caller has.
    pub fn slot_hashed(&mut self, v: &str, hash: u64) -> usize {
        if let Some(i) = self.get_hashed(v, hash) {
            return i;
        }
        if self.names.len() < self.cap {
            let i = self.names.len();
            self.names.push(v.to_string());
            self.map.insert_unique(hash, (hash, i), |e| e.0);
            return i;
        }
        self.pooled = true;
        self.cap
    }
    pub fn get(&self, v: &str) -> Option<usize> {
        self.get_hashed(v, hash_str(v))
    }
    fn get_hashed(&self, v: &str, hash: u64) -> Option<usize> {
        let names = &self.names;
        self.map.find(hash, |&(h, i)| h == hash && names.get(i).is_some_and(|n| same(n, v))).map(|e| e.1)
    }
    /// Slots in use, including the pooled one.
    pub fn len(&self) -> usize {
        self.cap + 1
    }
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or(OTHER, String::as_str)
    }
}

/// A growable 2-D table of counts.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub rows: usize,
    pub cols: usize,
    pub cells: Vec<u64>,
}

impl Table {
    pub fn new(rows: usize, cols: usize) -> Table {
        Table { rows, cols, cells: vec![0; rows * cols] }
    }
    pub fn add(&mut self, r: usize, c: usize, n: u64) {
        if let Some(x) = self.cells.get_mut(r * self.cols + c) {
            *x += n;
        }
    }
    pub fn get(&self, r: usize, c: usize) -> u64 {
        self.cells.get(r * self.cols + c).copied().unwrap_or(0)
    }
    /// Keeps the smallest non-zero value (for first-line tables, 0 meaning none yet).
    pub fn first(&mut self, r: usize, c: usize, line: u64) {
        if let Some(x) = self.cells.get_mut(r * self.cols + c) {
            if *x == 0 || line < *x {
                *x = line;
            }
        }
    }
    pub fn row_sum(&self, r: usize) -> u64 {
        (0..self.cols).map(|c| self.get(r, c)).sum()
    }
}
