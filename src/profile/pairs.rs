//! Column pairs: identical columns, 1:1 recodings, and each feature's table against the label
//! (what `duplicate-columns` and `label-leakage` read). One pass, bounded memory.
//!
//! Memory: the first [`MAX_COLUMNS`] columns (and the label, wherever it is) each get a dense
//! index of at most [`MAX_VALUES`] values (trimmed; missing is a value of its own), with a count
//! and a first line per value; a column with more values drops out. Per pair of tracked columns a
//! forward and a backward map of `MAX_VALUES` slots each (2 × 512 bytes) while the pair is still
//! a bijection; a pair drops at the first row that breaks it (most drop in the first rows). With
//! a label of at most [`MAX_LEAK_CLASSES`] classes, per tracked feature a table of values ×
//! classes counters. Identical columns of any cardinality: at most [`MAX_IDENTICAL_PAIRS`] pairs
//! equal on the first row, each dropped at its first differing row. `capped` says when columns or
//! pairs beyond these caps were not examined.

use super::frequency::{hash_str, same};
use super::merge::Merge;
use crate::record::Cell;
use crate::value::MissingTokens;
use std::collections::HashMap;

/// Distinct values (missing included) a column may have and still be tracked.
pub const MAX_VALUES: usize = 256;
/// Columns tracked for recodings and label leakage (the label is tracked besides these).
pub const MAX_COLUMNS: usize = 64;
/// Label classes up to which per-feature tables against the label are kept.
pub const MAX_LEAK_CLASSES: usize = 50;
/// Pairs of columns equal on the first row followed for identity.
pub const MAX_IDENTICAL_PAIRS: usize = 4096;

/// A slot with no value (a dropped column, a map slot not yet linked).
const NONE: u16 = u16::MAX;

/// One tracked column's dense value index.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Tracked {
    /// The column's index in the profile.
    pub column: usize,
    /// (xxh3 of a value, its slot); the value is `names[slot]`.
    #[serde(with = "crate::wire::table")]
    map: hashbrown::HashTable<(u64, u16)>,
    /// Values by slot; `None` is the missing value.
    pub names: Vec<Option<String>>,
    /// Rows per slot.
    pub counts: Vec<u64>,
    /// First line per slot.
    pub first: Vec<u64>,
    missing: Option<u16>,
    /// False once the column had more than [`MAX_VALUES`] values (or an array).
    pub alive: bool,
}

impl Tracked {
    fn new(column: usize) -> Tracked {
        Tracked { column, alive: true, ..Tracked::default() }
    }

    /// The slot of a value (None: missing), adding it while there is room.
    fn slot(&mut self, v: Option<&str>, line: u64, n: u64) -> u16 {
        self.slot_hashed(v.map(|t| (t, hash_str(t))), line, n)
    }

    /// [`slot`](Self::slot) of a value with its xxh3 hash ([`hash_str`]).
    fn slot_hashed(&mut self, v: Option<(&str, u64)>, line: u64, n: u64) -> u16 {
        if !self.alive {
            return NONE;
        }
        let names = &self.names;
        let found = match v {
            None => self.missing,
            Some((t, hash)) => self
                .map
                .find(hash, |&(h, s)| {
                    h == hash && names.get(usize::from(s)).is_some_and(|n| n.as_deref().is_some_and(|n| same(n, t)))
                })
                .map(|e| e.1),
        };
        let s = match found {
            Some(s) => s,
            None => {
                if self.names.len() >= MAX_VALUES {
                    self.kill();
                    return NONE;
                }
                let s = self.names.len() as u16;
                match v {
                    None => self.missing = Some(s),
                    Some((_, hash)) => {
                        self.map.insert_unique(hash, (hash, s), |e| e.0);
                    }
                }
                self.names.push(v.map(|(t, _)| t.to_string()));
                self.counts.push(0);
                self.first.push(line);
                s
            }
        };
        let i = usize::from(s);
        if let Some(c) = self.counts.get_mut(i) {
            *c += n;
        }
        if let Some(f) = self.first.get_mut(i) {
            if line > 0 && (*f == 0 || line < *f) {
                *f = line;
            }
        }
        s
    }

    fn kill(&mut self) {
        self.alive = false;
        self.map = hashbrown::HashTable::new();
        self.names = Vec::new();
        self.counts = Vec::new();
        self.first = Vec::new();
        self.missing = None;
    }

    /// Distinct values, missing included.
    pub fn distinct(&self) -> usize {
        self.names.len()
    }

    /// Distinct non-missing values.
    pub fn distinct_present(&self) -> usize {
        self.names.len() - usize::from(self.missing.is_some())
    }

    /// Whether `slot` is the missing value.
    pub fn is_missing(&self, slot: usize) -> bool {
        self.missing.is_some_and(|m| usize::from(m) == slot)
    }

    /// A value for display: the value, or `(missing)`.
    pub fn name(&self, slot: usize) -> &str {
        match self.names.get(slot) {
            Some(Some(s)) => s,
            _ => "(missing)",
        }
    }
}

/// A pair of tracked columns (by tracked slot) while it is still a bijection of their values.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Recoding {
    pub a: usize,
    pub b: usize,
    /// a's value slot → b's, and back.
    pub fwd: Vec<u16>,
    pub bwd: Vec<u16>,
}

impl Recoding {
    fn new(a: usize, b: usize) -> Recoding {
        Recoding { a, b, fwd: Vec::new(), bwd: Vec::new() }
    }

    /// Links value `x` of a with value `y` of b; false when that breaks the bijection.
    #[inline]
    fn link(&mut self, x: u16, y: u16) -> bool {
        if self.fwd.is_empty() {
            // Allocated at the first link: most pairs break on their second row.
            self.fwd = vec![NONE; MAX_VALUES];
            self.bwd = vec![NONE; MAX_VALUES];
        }
        let (Some(f), Some(b)) = (self.fwd.get(usize::from(x)).copied(), self.bwd.get(usize::from(y)).copied()) else {
            return false;
        };
        if f == y && b == x {
            return true;
        }
        if f != NONE || b != NONE {
            return false;
        }
        if let Some(s) = self.fwd.get_mut(usize::from(x)) {
            *s = y;
        }
        if let Some(s) = self.bwd.get_mut(usize::from(y)) {
            *s = x;
        }
        true
    }

    /// The linked value pairs (slot of a, slot of b).
    pub fn links(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.fwd.iter().enumerate().filter(|(_, &y)| y != NONE).map(|(x, &y)| (x, usize::from(y)))
    }
}

/// A pair of columns (by profile index) equal in every row so far, with the first row's value.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Same {
    pub a: usize,
    pub b: usize,
    pub first: String,
}

/// Per tracked feature, rows by (value slot, label class slot).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Leak {
    /// The label's tracked slot.
    pub label: usize,
    /// By tracked slot: value slot → counts by label slot (empty for the label itself).
    pub tables: Vec<Vec<Vec<u64>>>,
}

/// The pair accumulators of a profile.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Pairs {
    /// Set up on the first record, over the columns known then.
    pub started: bool,
    pub tracked: Vec<Tracked>,
    /// Profile column index → tracked slot.
    slot_of: Vec<Option<usize>>,
    /// Pairs still a bijection.
    pub recodings: Vec<Recoding>,
    /// Pairs still identical.
    pub identical: Vec<Same>,
    /// Present when a label of few enough classes is tracked.
    pub leak: Option<Leak>,
    /// Columns or pairs beyond the caps were not examined.
    pub capped: bool,
    /// Records seen.
    pub rows: u64,
    /// This row's value slot per tracked column.
    row: Vec<u16>,
    /// Per tracked column: whether any live pair or the label table still reads it (the others
    /// are not looked up; recomputed when a pair drops).
    needed: Vec<bool>,
    /// Live recodings when `needed` was computed.
    needed_for: usize,
}

/// A cell as compared for identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
enum Key<'a> {
    Missing,
    Text(&'a str),
    Bool(bool),
    Array(u64, &'a str),
}

fn key<'a>(c: Option<&Cell<'a>>, missing: &MissingTokens) -> Key<'a> {
    match c {
        Some(Cell::Text(t) | Cell::Number(t)) => {
            let t = crate::record::trim(t);
            if missing.contains(t) {
                Key::Missing
            } else {
                Key::Text(t)
            }
        }
        Some(Cell::Bool(b)) => Key::Bool(*b),
        Some(Cell::ArrayLen(n)) => Key::Array(*n, ""),
        Some(Cell::Items(n, j)) => Key::Array(*n, j),
        Some(Cell::Null | Cell::Absent) | None => Key::Missing,
    }
}

impl Pairs {
    /// Sets up the tracked columns on the first record: the first [`MAX_COLUMNS`] of `ncols` and
    /// the label; and the identical pairs from the first record's values.
    fn start(&mut self, ncols: usize, label: Option<usize>, cells: &[Cell<'_>], missing: &MissingTokens) {
        self.started = true;
        let mut cols: Vec<usize> = (0..ncols.min(MAX_COLUMNS)).collect();
        if let Some(l) = label.filter(|&l| l >= MAX_COLUMNS && l < ncols) {
            cols.push(l);
        }
        self.capped = ncols > MAX_COLUMNS;
        self.slot_of = vec![None; ncols];
        for (t, &c) in cols.iter().enumerate() {
            if let Some(s) = self.slot_of.get_mut(c) {
                *s = Some(t);
            }
            self.tracked.push(Tracked::new(c));
        }
        for a in 0..cols.len() {
            for b in a + 1..cols.len() {
                self.recodings.push(Recoding::new(a, b));
            }
        }
        self.row = vec![NONE; cols.len()];
        if let Some(ls) = label.and_then(|l| self.slot_of.get(l).copied().flatten()) {
            self.leak = Some(Leak { label: ls, tables: vec![Vec::new(); cols.len()] });
        }
        // Identical pairs: columns with the same first value, grouped.
        let mut by_value: HashMap<Key<'_>, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        for i in 0..ncols {
            by_value.entry(key(cells.get(i), missing)).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = by_value.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        'outer: for g in groups {
            let first = crate::fmt::clip(
                &cells.get(g.first().copied().unwrap_or(0)).map_or_else(String::new, |c| c.text().into_owned()),
            );
            for (k, &a) in g.iter().enumerate() {
                for &b in g.iter().skip(k + 1) {
                    if self.identical.len() >= MAX_IDENTICAL_PAIRS {
                        self.capped = true;
                        break 'outer;
                    }
                    self.identical.push(Same { a, b, first: first.clone() });
                }
            }
        }
        self.identical.sort_by_key(|s| (s.a, s.b));
    }

    /// The tracked slot of profile column `i`, if it is tracked and alive.
    #[inline]
    pub fn slot_of(&self, i: usize) -> Option<usize> {
        self.slot_of.get(i).copied().flatten()
    }

    /// One record. `seen(i)` says whether column i's value is missing.
    pub fn push(&mut self, line: u64, cells: &[Cell<'_>], ncols: usize, label: Option<usize>, missing: &MissingTokens) {
        self.push_hashed(line, cells, &[], ncols, label, missing);
    }

    /// [`push`](Self::push) with the cells' hashes as the row hash takes them (xxh3 of a
    /// [`Cell::Text`] as written), so that a value is not hashed again; may be short or empty.
    pub fn push_hashed(
        &mut self,
        line: u64,
        cells: &[Cell<'_>],
        hashes: &[u64],
        ncols: usize,
        label: Option<usize>,
        missing: &MissingTokens,
    ) {
        if !self.started {
            self.start(ncols, label, cells, missing);
        }
        self.rows += 1;
        if self.needed_for != self.recodings.len() || self.needed.len() != self.tracked.len() {
            self.needed_for = self.recodings.len();
            self.needed = vec![self.leak.is_some(); self.tracked.len()];
            for p in &self.recodings {
                for i in [p.a, p.b] {
                    if let Some(n) = self.needed.get_mut(i) {
                        *n = true;
                    }
                }
            }
        }
        // Value slots of the tracked columns still read.
        for ((t, r), &need) in self.tracked.iter_mut().zip(self.row.iter_mut()).zip(&self.needed) {
            if !need || !t.alive {
                *r = NONE;
                continue;
            }
            *r = match key(cells.get(t.column), missing) {
                Key::Missing => t.slot(None, line, 1),
                Key::Text(s) => {
                    // The cell's hash is the value's when nothing was trimmed.
                    let known = match cells.get(t.column) {
                        Some(Cell::Text(raw)) if raw.len() == s.len() => hashes.get(t.column).copied(),
                        _ => None,
                    };
                    t.slot_hashed(Some((s, known.unwrap_or_else(|| hash_str(s)))), line, 1)
                }
                Key::Bool(b) => t.slot(Some(if b { "true" } else { "false" }), line, 1),
                Key::Array(..) => {
                    t.kill();
                    NONE
                }
            };
        }
        let row = &self.row;
        self.recodings.retain_mut(|p| {
            let (Some(&x), Some(&y)) = (row.get(p.a), row.get(p.b)) else { return false };
            x != NONE && y != NONE && p.link(x, y)
        });
        let mut drop_leak = false;
        if let Some(leak) = self.leak.as_mut() {
            let ls = leak.label;
            let lv = row.get(ls).copied().unwrap_or(NONE);
            let label_missing = self.tracked.get(ls).is_none_or(|t| t.is_missing(usize::from(lv)));
            if lv == NONE || usize::from(lv) >= MAX_LEAK_CLASSES {
                // The label has too many classes (or dropped out): no tables against it.
                drop_leak = true;
                self.needed.clear();
            } else if !label_missing {
                for (t, table) in leak.tables.iter_mut().enumerate() {
                    let fv = row.get(t).copied().unwrap_or(NONE);
                    if t != ls && fv != NONE {
                        add(table, usize::from(fv), usize::from(lv), 1);
                    }
                }
            }
        }
        if drop_leak {
            self.leak = None;
        }
        if !self.identical.is_empty() {
            self.identical.retain(|s| key(cells.get(s.a), missing) == key(cells.get(s.b), missing));
        }
    }

    /// The bijection between two tracked slots, if the pair is still one.
    pub fn recoding(&self, a: usize, b: usize) -> Option<&Recoding> {
        let (a, b) = (a.min(b), a.max(b));
        self.recodings.iter().find(|p| p.a == a && p.b == b)
    }

    /// Bytes held (approximately) by the accumulators.
    pub fn heap_bytes(&self) -> usize {
        let values: usize = self.tracked.iter().map(|t| t.names.len() * 64).sum();
        let pairs: usize = self.recodings.iter().map(|p| (p.fwd.len() + p.bwd.len()) * 2).sum();
        let leak = self
            .leak
            .as_ref()
            .map_or(0, |l| l.tables.iter().map(|t| t.iter().map(|c| c.len() * 8 + 24).sum::<usize>()).sum::<usize>());
        values + pairs + leak + self.identical.len() * 64
    }
}

impl Merge for Pairs {
    /// Merges the accumulators of the input that follows; both sides must have the same columns
    /// (two parts of one file). Value slots are re-keyed by value.
    fn merge(&mut self, o: Pairs) {
        if !o.started {
            return;
        }
        if !self.started {
            *self = o;
            return;
        }
        self.rows += o.rows;
        self.capped |= o.capped;
        let same_layout = self.tracked.len() == o.tracked.len()
            && self.tracked.iter().zip(&o.tracked).all(|(a, b)| a.column == b.column);
        if !same_layout {
            // Parts of different shape: nothing here can be vouched for.
            self.recodings.clear();
            self.identical.clear();
            self.leak = None;
            self.tracked.iter_mut().for_each(Tracked::kill);
            self.capped = true;
            return;
        }
        // Value maps: the other part's slot → this part's, per tracked column.
        let mut maps: Vec<Vec<u16>> = Vec::with_capacity(self.tracked.len());
        for (t, ot) in self.tracked.iter_mut().zip(&o.tracked) {
            if !ot.alive {
                t.kill();
            }
            let m: Vec<u16> = (0..ot.names.len())
                .map(|i| {
                    let v = ot.names.get(i).and_then(|n| n.as_deref());
                    let n = ot.counts.get(i).copied().unwrap_or(0);
                    let f = ot.first.get(i).copied().unwrap_or(0);
                    t.slot(v, f, n)
                })
                .collect();
            maps.push(m);
        }
        let map = |t: usize, s: usize| maps.get(t).and_then(|m| m.get(s)).copied().unwrap_or(NONE);
        let theirs: Vec<Recoding> = o.recodings;
        let tracked = &self.tracked;
        self.recodings.retain_mut(|p| {
            let alive = tracked.get(p.a).is_some_and(|t| t.alive) && tracked.get(p.b).is_some_and(|t| t.alive);
            let Some(op) = theirs.iter().find(|q| q.a == p.a && q.b == p.b) else { return false };
            alive
                && op.links().all(|(x, y)| {
                    let (x, y) = (map(p.a, x), map(p.b, y));
                    x != NONE && y != NONE && p.link(x, y)
                })
        });
        self.identical.retain(|s| o.identical.iter().any(|q| q.a == s.a && q.b == s.b));
        match (self.leak.as_mut(), o.leak) {
            (Some(l), Some(ol)) => {
                let ls = l.label;
                let mut ok = true;
                for (t, (table, otable)) in l.tables.iter_mut().zip(ol.tables).enumerate() {
                    for (fv, counts) in otable.into_iter().enumerate() {
                        // A feature dropped in the merged index is not read; skip its rows.
                        let f = map(t, fv);
                        if f == NONE {
                            continue;
                        }
                        for (lv, n) in counts.into_iter().enumerate().filter(|&(_, n)| n > 0) {
                            let c = usize::from(map(ls, lv));
                            ok &= c < MAX_LEAK_CLASSES;
                            add(table, usize::from(f), c, n);
                        }
                    }
                }
                if !ok {
                    self.leak = None;
                }
            }
            _ => self.leak = None,
        }
    }
}

/// Adds `n` rows to a feature table at (value slot, class slot), growing it as needed.
#[inline]
fn add(table: &mut Vec<Vec<u64>>, f: usize, c: usize, n: u64) {
    if c >= MAX_LEAK_CLASSES || f >= MAX_VALUES {
        return;
    }
    if table.len() <= f {
        table.resize(f + 1, Vec::new());
    }
    if let Some(cs) = table.get_mut(f) {
        if cs.len() <= c {
            cs.resize(c + 1, 0);
        }
        if let Some(x) = cs.get_mut(c) {
            *x += n;
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn feed(p: &mut Pairs, rows: &[[&str; 3]], first_line: u64) {
        let m = MissingTokens::new(&["", "NA"]);
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<Cell<'_>> = r.iter().map(|s| Cell::Text(s)).collect();
            p.push(first_line + i as u64, &cells, 3, Some(2), &m);
        }
    }

    #[test]
    fn recodings_identity_and_leak_merge_like_the_whole() {
        let rows: Vec<[&str; 3]> = (0..40)
            .map(|i| match i % 4 {
                0 => ["a", "1", "x"],
                1 => ["b", "2", "y"],
                2 => ["c", "3", "x"],
                _ => ["a", "1", "x"],
            })
            .collect();
        let mut whole = Pairs::default();
        feed(&mut whole, &rows, 2);
        assert!(whole.recoding(0, 1).is_some());
        assert!(whole.recoding(0, 2).is_none());
        for k in [1, 13, 39] {
            let mut a = Pairs::default();
            let mut b = Pairs::default();
            feed(&mut a, &rows[..k], 2);
            feed(&mut b, &rows[k..], 2 + k as u64);
            a.merge(b);
            assert_eq!(a.recodings.len(), whole.recodings.len(), "split {k}");
            let l = a.leak.as_ref().unwrap();
            let w = whole.leak.as_ref().unwrap();
            for t in 0..2 {
                let total = |l: &Leak| l.tables[t].iter().flatten().sum::<u64>();
                assert_eq!(total(l), total(w));
            }
            assert_eq!(a.tracked[0].counts.iter().sum::<u64>(), 40);
        }
    }

    #[test]
    fn a_broken_pair_and_identical_columns() {
        let mut p = Pairs::default();
        feed(&mut p, &[["a", "a", "1"], ["b", "b", "1"], ["b", "b", "2"], ["c", "c", "2"]], 2);
        assert_eq!(p.identical.len(), 1);
        assert!(p.recoding(0, 2).is_none());
        assert!(p.recoding(0, 1).is_some());
    }
}
