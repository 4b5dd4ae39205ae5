//! Which columns are missing together, and which missing values a single value of another column
//! explains: the facts behind "one gap, one finding" and "not applicable is not missing".
//!
//! Per record it takes the positions of the missing cells and, for every column that has had at
//! most [`MAX_VALUES`] distinct values so far, the index of its value. It counts
//! - `co[i][k]`: records where columns `i` and `k` are both missing;
//! - `by_value[i][j][v]`: records where `i` is missing and column `j` holds its `v`-th value.
//!
//! Memory is fixed: the first [`MAX_COLUMNS`] columns are followed (a wider table's later columns
//! are not, and [`Missingness::columns`] says how many were), so at most
//! `64² × 8` bytes for `co` and `64² × 16 × 8` (512 KiB) for `by_value`. A column that shows more
//! than [`MAX_VALUES`] distinct values stops being an explaining column (its counts are dropped).
//! Cost per record: one short search per low-cardinality column, and `m²/2 + m·L` additions for
//! `m` missing cells and `L` low-cardinality columns.

use super::merge::Merge;

/// Columns followed.
pub const MAX_COLUMNS: usize = 64;
/// Distinct values a column may have and still explain another column's gaps.
pub const MAX_VALUES: usize = 16;
/// Share of rows on which "together" and "exactly where" must hold.
pub const AGREEMENT: f64 = 0.99;
/// Gaps an explaining value must cover before it explains anything (on a handful of rows any
/// value of a small code column "explains" a gap by chance).
pub const MIN_EXPLAINED: u64 = 20;

/// A column's values while it has few of them.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Values {
    values: Vec<Box<str>>,
    counts: Vec<u64>,
    /// More than [`MAX_VALUES`] distinct values were seen.
    many: bool,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Missingness {
    /// Columns followed (fixed by the first record; at most [`MAX_COLUMNS`]).
    n: usize,
    co: Vec<u64>,
    by_value: Vec<u64>,
    values: Vec<Values>,
    /// Parts with different columns were merged: the counts no longer line up.
    broken: bool,
    missing: Vec<usize>,
    index: Vec<Option<usize>>,
}

/// The value a column holds in one record, as [`Missingness::record`] takes it.
pub struct Cellish<'a> {
    pub missing: bool,
    pub text: &'a str,
}

impl Missingness {
    /// Columns followed.
    pub fn columns(&self) -> usize {
        self.n
    }

    /// One record: per column (by position), whether it is missing and its trimmed text.
    pub fn record(&mut self, cells: impl Iterator<Item = (bool, impl AsRef<str>)>) {
        self.missing.clear();
        self.index.clear();
        for (i, (missing, text)) in cells.take(MAX_COLUMNS).enumerate() {
            if i >= self.n {
                self.grow(i + 1);
            }
            if missing {
                self.missing.push(i);
                self.index.push(None);
                continue;
            }
            let idx = match self.values.get_mut(i) {
                Some(v) if !v.many => {
                    // A long value is kept as its start and a hash of the whole (bounded memory).
                    let kept = crate::record::kept_name(text.as_ref());
                    let t = kept.as_ref();
                    match v.values.iter().position(|x| super::frequency::same(x, t)) {
                        Some(k) => Some(k),
                        None if v.values.len() < MAX_VALUES => {
                            v.values.push(t.into());
                            v.counts.push(0);
                            Some(v.values.len() - 1)
                        }
                        None => {
                            *v = Values { many: true, ..Values::default() };
                            self.drop_explainer(i);
                            None
                        }
                    }
                }
                _ => None,
            };
            if let (Some(k), Some(v)) = (idx, self.values.get_mut(i)) {
                if let Some(c) = v.counts.get_mut(k) {
                    *c += 1;
                }
            }
            self.index.push(idx);
        }
        let n = self.n;
        for (a, &i) in self.missing.iter().enumerate() {
            for &k in self.missing.iter().skip(a + 1) {
                if let Some(c) = self.co.get_mut(i * n + k) {
                    *c += 1;
                }
            }
            for (j, idx) in self.index.iter().enumerate() {
                if let Some(v) = idx {
                    if let Some(c) = self.by_value.get_mut((i * n + j) * MAX_VALUES + v) {
                        *c += 1;
                    }
                }
            }
        }
    }

    /// Rows where columns `i` and `k` were both missing.
    pub fn together(&self, i: usize, k: usize) -> u64 {
        let (a, b) = if i < k { (i, k) } else { (k, i) };
        if self.broken || b >= self.n {
            return 0;
        }
        self.co.get(a * self.n + b).copied().unwrap_or(0)
    }

    /// The value of a low-cardinality column (not `i`) that explains `i`'s `missing` gaps: `i` is
    /// missing in at least [`AGREEMENT`] of the rows where the column holds that value, and those
    /// rows hold at least [`AGREEMENT`] of `i`'s gaps. Returns (column, value, rows where both hold,
    /// rows holding the value). The column must have at least two values, and the value must cover at
    /// least [`MIN_EXPLAINED`] gaps.
    pub fn explained(&self, i: usize, missing: u64) -> Option<(usize, &str, u64, u64)> {
        if self.broken || i >= self.n || missing == 0 {
            return None;
        }
        let mut best: Option<(usize, &str, u64, u64)> = None;
        for (j, v) in self.values.iter().enumerate() {
            if j == i || v.many || v.values.len() < 2 {
                continue;
            }
            for (k, (value, &rows)) in v.values.iter().zip(&v.counts).enumerate() {
                let both = self.by_value.get((i * self.n + j) * MAX_VALUES + k).copied().unwrap_or(0);
                let fits = both >= MIN_EXPLAINED
                    && both as f64 >= AGREEMENT * missing as f64
                    && both as f64 >= AGREEMENT * rows as f64;
                if fits && best.is_none_or(|b| both > b.2) {
                    best = Some((j, value, both, rows));
                }
            }
        }
        best
    }

    fn grow(&mut self, n: usize) {
        let n = n.min(MAX_COLUMNS);
        if n <= self.n {
            return;
        }
        let old = self.n;
        let mut co = vec![0; n * n];
        let mut by_value = vec![0; n * n * MAX_VALUES];
        for i in 0..old {
            for k in 0..old {
                if let (Some(d), Some(s)) = (co.get_mut(i * n + k), self.co.get(i * old + k)) {
                    *d = *s;
                }
                for v in 0..MAX_VALUES {
                    if let (Some(d), Some(s)) = (
                        by_value.get_mut((i * n + k) * MAX_VALUES + v),
                        self.by_value.get((i * old + k) * MAX_VALUES + v),
                    ) {
                        *d = *s;
                    }
                }
            }
        }
        self.co = co;
        self.by_value = by_value;
        self.values.resize(n, Values::default());
        self.n = n;
    }

    fn drop_explainer(&mut self, j: usize) {
        let n = self.n;
        for i in 0..n {
            for v in 0..MAX_VALUES {
                if let Some(c) = self.by_value.get_mut((i * n + j) * MAX_VALUES + v) {
                    *c = 0;
                }
            }
        }
    }
}

impl Merge for Missingness {
    /// Parts with the same columns add up (values are matched by text); parts whose columns differ
    /// (JSON records that gained keys) mark the result broken and it explains nothing.
    fn merge(&mut self, o: Missingness) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = o;
            return;
        }
        if self.n != o.n || o.broken {
            self.broken = true;
            return;
        }
        let n = self.n;
        for (d, s) in self.co.iter_mut().zip(&o.co) {
            *d += s;
        }
        // Map the other part's value indexes onto ours, per column.
        let mut maps: Vec<Option<Vec<usize>>> = Vec::with_capacity(n);
        for j in 0..n {
            let (Some(mine), Some(theirs)) = (self.values.get_mut(j), o.values.get(j)) else {
                maps.push(None);
                continue;
            };
            if mine.many || theirs.many {
                *mine = Values { many: true, ..Values::default() };
                maps.push(None);
                continue;
            }
            let mut map = Vec::with_capacity(theirs.values.len());
            for (t, &c) in theirs.values.iter().zip(&theirs.counts) {
                let k = match mine.values.iter().position(|x| x == t) {
                    Some(k) => k,
                    None => {
                        mine.values.push(t.clone());
                        mine.counts.push(0);
                        mine.values.len() - 1
                    }
                };
                if let Some(x) = mine.counts.get_mut(k) {
                    *x += c;
                }
                map.push(k);
            }
            if mine.values.len() > MAX_VALUES {
                *mine = Values { many: true, ..Values::default() };
                maps.push(None);
            } else {
                maps.push(Some(map));
            }
        }
        for j in 0..n {
            match maps.get(j) {
                Some(Some(map)) => {
                    for i in 0..n {
                        for (v, &k) in map.iter().enumerate() {
                            let add = o.by_value.get((i * n + j) * MAX_VALUES + v).copied().unwrap_or(0);
                            if let Some(d) = self.by_value.get_mut((i * n + j) * MAX_VALUES + k) {
                                *d += add;
                            }
                        }
                    }
                }
                _ => self.drop_explainer(j),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(m: &mut Missingness, rows: &[[&str; 3]]) {
        for r in rows {
            m.record(r.iter().map(|t| (t.is_empty(), *t)));
        }
    }

    #[test]
    fn counts_gaps_together_and_explains_them_by_a_value() {
        let rows: Vec<[&str; 3]> = (0..200)
            .map(|i| if i % 4 == 0 { ["yellow", "", ""] } else { ["green", "1", if i % 3 == 0 { "" } else { "x" }] })
            .collect();
        let mut m = Missingness::default();
        feed(&mut m, &rows);
        // Column 1 is missing exactly where column 0 is "yellow" (50 rows).
        assert_eq!(m.explained(1, 50).map(|e| (e.0, e.1.to_string(), e.2, e.3)), Some((0, "yellow".into(), 50, 50)));
        assert_eq!(m.together(1, 2), 50);
        // Column 2's gaps (50 + the green rows divisible by 3) are not explained by one value.
        let gaps2 = rows.iter().filter(|r| r[2].is_empty()).count() as u64;
        assert!(m.explained(2, gaps2).is_none());
    }

    #[test]
    fn merge_of_parts_equals_the_whole() {
        let rows: Vec<[&str; 3]> = (0..300)
            .map(|i| match i % 5 {
                0 => ["a", "", ""],
                1 => ["b", "2", ""],
                _ => ["c", "3", "z"],
            })
            .collect();
        let mut whole = Missingness::default();
        feed(&mut whole, &rows);
        let (a, b) = rows.split_at(137);
        let (mut x, mut y) = (Missingness::default(), Missingness::default());
        feed(&mut y, b);
        feed(&mut x, a);
        x.merge(y);
        for i in 0..3 {
            for k in 0..3 {
                assert_eq!(x.together(i, k), whole.together(i, k));
            }
            for gaps in [60, 120] {
                assert_eq!(
                    x.explained(i, gaps).map(|e| (e.0, e.1.to_string(), e.2)),
                    whole.explained(i, gaps).map(|e| (e.0, e.1.to_string(), e.2))
                );
            }
        }
    }
}
