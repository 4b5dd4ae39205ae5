//! Row-level accumulators: exact duplicate rows and conflicting labels.
//!
//! Memory: at most `cap` entries of ~40 bytes. Rows are keyed by a 64-bit xxh3 hash of their
//! cells. While the table fits, every row is tracked and the counts are exact (up to 64-bit hash
//! collisions, about n²/2⁶⁵: 1 in 10⁷ at a million rows). When it would overflow, the table keeps
//! only hashes whose top `level` bits are zero, a 2^-level sample *of distinct rows*: every copy of
//! a sampled row is seen, so duplicate counts in the sample are exact and the estimate
//! `sample count × 2^level` is unbiased, with relative standard error about 1/√(sample count).

use super::frequency::PassThroughBuild;
use super::merge::Merge;
use crate::finding::{push_evidence, Evidence};
use std::collections::HashMap;
use std::sync::Arc;

fn sampled(hash: u64, level: u32) -> bool {
    level == 0 || hash >> (64 - level.min(63)) == 0
}

/// A bounded map from row hash to `E`, sampling by hash when full.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "E: serde::Serialize", deserialize = "E: serde::Deserialize<'de>"))]
pub struct HashSample<E> {
    #[serde(with = "crate::wire::map")]
    map: HashMap<u64, E, PassThroughBuild>,
    level: u32,
    cap: usize,
}

impl<E> HashSample<E> {
    pub fn with_cap(cap: usize) -> Self {
        HashSample { map: HashMap::default(), level: 0, cap: cap.max(16) }
    }
    pub fn is_exact(&self) -> bool {
        self.level == 0
    }
    /// The factor that scales sample counts to estimates of the whole.
    pub fn scale(&self) -> f64 {
        (2f64).powi(self.level as i32)
    }
    pub fn heap_bytes(&self) -> usize {
        self.map.capacity() * (16 + std::mem::size_of::<E>())
    }
    /// The entry for `hash` if it is in the sample (None: not sampled, do nothing).
    fn entry(&mut self, hash: u64, make: impl FnOnce() -> E) -> Option<(&mut E, bool)> {
        if !sampled(hash, self.level) {
            return None;
        }
        if self.map.len() >= self.cap && !self.map.contains_key(&hash) {
            while self.map.len() >= self.cap / 2 && self.level < 63 {
                self.level += 1;
                let level = self.level;
                self.map.retain(|h, _| sampled(*h, level));
            }
            if !sampled(hash, self.level) {
                return None;
            }
        }
        let mut fresh = false;
        let e = self.map.entry(hash).or_insert_with(|| {
            fresh = true;
            make()
        });
        Some((e, fresh))
    }
    fn merge_with(&mut self, other: HashSample<E>, mut combine: impl FnMut(&mut E, E)) {
        self.level = self.level.max(other.level);
        let level = self.level;
        self.map.retain(|h, _| sampled(*h, level));
        // Room for the other's entries at once (within the cap) rather than growing step by step.
        self.map.reserve(other.map.len().min(self.cap.saturating_sub(self.map.len())));
        for (h, e) in other.map {
            if !sampled(h, level) {
                continue;
            }
            match self.map.get_mut(&h) {
                Some(mine) => combine(mine, e),
                None => {
                    self.map.insert(h, e);
                }
            }
        }
        while self.map.len() > self.cap && self.level < 63 {
            self.level += 1;
            let level = self.level;
            self.map.retain(|h, _| sampled(*h, level));
        }
    }
}

/// Exact duplicate rows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Duplicates {
    seen: HashSample<(u64, u64)>, // first line, copies
    /// Example pairs: (line of the duplicate, line of its first occurrence).
    examples: Vec<Evidence>,
    limit: usize,
    /// Rows pushed and not yet looked up (row hash, line), in order: see [`Duplicates::push`].
    pending: Vec<(u64, u64)>,
}

/// Rows whose lookups [`Duplicates`] makes one after another.
const LOOKUP_BATCH: usize = 32;

impl Duplicates {
    pub fn new(cap: usize, limit: usize) -> Duplicates {
        Duplicates { seen: HashSample::with_cap(cap), examples: Vec::new(), limit, pending: Vec::new() }
    }
    /// Counts a row. Its lookup waits until [`LOOKUP_BATCH`] rows are pending, then they are
    /// made in order in one loop: on a table far larger than the cache each lookup is a miss to
    /// memory, and lookups that follow each other closely overlap their misses (a row's whole
    /// profile between two lookups does not). The counts and evidence are those of counting each
    /// row at once: every reader flushes first.
    #[inline]
    pub fn push(&mut self, hash: u64, line: u64) {
        self.pending.push((hash, line));
        if self.pending.len() >= LOOKUP_BATCH {
            self.flush();
        }
    }
    /// Makes the pending lookups.
    pub fn flush(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        for &(hash, line) in &pending {
            self.count(hash, line);
        }
        pending.clear();
        self.pending = pending;
    }
    fn count(&mut self, hash: u64, line: u64) {
        if let Some((e, fresh)) = self.seen.entry(hash, || (line, 0)) {
            if !fresh {
                e.1 += 1;
                let first = e.0;
                push_evidence(&mut self.examples, self.limit, line, || format!("same as line {first}"));
            }
        }
    }
    /// Rows that repeat an earlier row (each copy beyond the first), and whether exact. Call
    /// [`Duplicates::flush`] first (sealing a profile does).
    pub fn repeats(&self) -> (u64, bool) {
        debug_assert!(self.pending.is_empty(), "Duplicates read before a flush");
        let sample: u64 = self.seen.map.values().map(|e| e.1).sum();
        ((sample as f64 * self.seen.scale()).round() as u64, self.seen.is_exact())
    }
    /// Example pairs: (line of the duplicate, line of its first occurrence). Call
    /// [`Duplicates::flush`] first.
    pub fn examples(&self) -> &[Evidence] {
        debug_assert!(self.pending.is_empty(), "Duplicates read before a flush");
        &self.examples
    }
    pub fn heap_bytes(&self) -> usize {
        self.seen.heap_bytes() + self.pending.capacity() * 16
    }
}

impl Merge for Duplicates {
    fn merge(&mut self, mut other: Duplicates) {
        self.flush();
        other.flush();
        let mut cross = Vec::new();
        self.seen.merge_with(other.seen, |mine, theirs| {
            mine.1 += theirs.1 + 1;
            cross.push((theirs.0, mine.0));
        });
        // A row first met in `self` and repeated more than once in `other`: `other`'s own
        // evidence names its first copy there; the whole input's first copy is in `self`.
        let moved: HashMap<u64, u64> = cross.iter().copied().collect();
        let mut ev = std::mem::take(&mut self.examples);
        ev.extend(other.examples.into_iter().map(|mut e| {
            let first = e.value.strip_prefix("same as line ").and_then(|n| n.parse::<u64>().ok());
            if let Some(&f) = first.and_then(|n| moved.get(&n)) {
                e.value = format!("same as line {f}");
            }
            e
        }));
        for (line, first) in cross {
            ev.push(Evidence { line, value: format!("same as line {first}") });
        }
        ev.sort_by_key(|e| e.line);
        ev.truncate(self.limit);
        self.examples = ev;
    }
}

/// Rows whose feature cells are identical but whose labels differ.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Conflicts {
    seen: HashSample<ConflictEntry>,
    examples: Vec<Evidence>,
    limit: usize,
    /// What the label and the features are called in evidence ("label", "features").
    #[serde(with = "crate::wire::name_pair")]
    nouns: (&'static str, &'static str),
    /// The first [`SHARED_LABELS`] label texts, by hash, shared by the entries.
    labels: Vec<(u64, Arc<str>)>,
    /// Rows pushed and not yet looked up (features, label, line, end of the label's text in
    /// `pending_labels`), in order: see [`Conflicts::push`].
    pending: Vec<(u64, u64, u64, usize)>,
    pending_labels: String,
}

/// Label texts [`Conflicts`] keeps to share between its entries.
const SHARED_LABELS: usize = 16;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct ConflictEntry {
    first_line: u64,
    label: u64,
    /// Shared between the entries of one label (see [`Conflicts::label_text`]).
    label_text: Arc<str>,
    /// Rows with these features.
    rows: u64,
    /// Whether these features were seen with two or more labels.
    multi: bool,
}

impl Conflicts {
    pub fn new(cap: usize, limit: usize) -> Conflicts {
        Conflicts::named(cap, limit, ("label", "features"))
    }
    /// Conflicts whose evidence calls the label and the features by other names ("answer",
    /// "prompt").
    pub fn named(cap: usize, limit: usize, nouns: (&'static str, &'static str)) -> Conflicts {
        Conflicts {
            seen: HashSample::with_cap(cap),
            examples: Vec::new(),
            limit,
            nouns,
            labels: Vec::new(),
            pending: Vec::new(),
            pending_labels: String::new(),
        }
    }
    /// The label's text, shared with the entries that already hold it: a row of new features
    /// costs no allocation for its label while the labels are few.
    fn label_text(labels: &mut Vec<(u64, Arc<str>)>, label: u64, text: &str) -> Arc<str> {
        if let Some((_, t)) = labels.iter().find(|(h, t)| *h == label && &**t == text) {
            return Arc::clone(t);
        }
        let t: Arc<str> = text.into();
        if labels.len() < SHARED_LABELS {
            labels.push((label, Arc::clone(&t)));
        }
        t
    }
    /// Counts a row. As in [`Duplicates::push`], its lookup waits until [`LOOKUP_BATCH`] rows
    /// are pending, and every reader flushes first.
    pub fn push(&mut self, features: u64, label: u64, label_text: &str, line: u64) {
        self.pending_labels.push_str(label_text);
        self.pending.push((features, label, line, self.pending_labels.len()));
        if self.pending.len() >= LOOKUP_BATCH {
            self.flush();
        }
    }
    /// Makes the pending lookups.
    pub fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let texts = std::mem::take(&mut self.pending_labels);
        let mut start = 0;
        for &(features, label, line, end) in &pending {
            self.count(features, label, texts.get(start..end).unwrap_or(""), line);
            start = end;
        }
        self.pending = pending;
        self.pending.clear();
        self.pending_labels = texts;
        self.pending_labels.clear();
    }
    /// Example rows, the earliest. Call [`Conflicts::flush`] first.
    pub fn examples(&self) -> &[Evidence] {
        debug_assert!(self.pending.is_empty(), "Conflicts read before a flush");
        &self.examples
    }
    fn count(&mut self, features: u64, label: u64, label_text: &str, line: u64) {
        let labels = &mut self.labels;
        let make = || ConflictEntry {
            first_line: line,
            label,
            label_text: Conflicts::label_text(labels, label, label_text),
            rows: 0,
            multi: false,
        };
        if let Some((e, _)) = self.seen.entry(features, make) {
            e.rows += 1;
            if e.label != label {
                e.multi = true;
                let (first, first_label) = (e.first_line, e.label_text.clone());
                let (l, f) = self.nouns;
                push_evidence(&mut self.examples, self.limit, line, || {
                    format!("{l} '{label_text}' but line {first} has the same {f} with {l} '{first_label}'")
                });
            }
        }
    }
    /// (feature groups seen with two or more labels, rows in those groups), and whether exact.
    /// Call [`Conflicts::flush`] first.
    pub fn groups(&self) -> (u64, u64, bool) {
        debug_assert!(self.pending.is_empty(), "Conflicts read before a flush");
        let groups = self.seen.map.values().filter(|e| e.multi).count() as f64;
        let rows: u64 = self.seen.map.values().filter(|e| e.multi).map(|e| e.rows).sum();
        let s = self.seen.scale();
        ((groups * s).round() as u64, (rows as f64 * s).round() as u64, self.seen.is_exact())
    }
    pub fn heap_bytes(&self) -> usize {
        self.seen.heap_bytes() + self.pending.capacity() * 32 + self.pending_labels.capacity()
    }
}

impl Merge for Conflicts {
    fn merge(&mut self, mut other: Conflicts) {
        self.flush();
        other.flush();
        let mut cross = Vec::new();
        self.seen.merge_with(other.seen, |mine, theirs| {
            mine.rows += theirs.rows;
            mine.multi |= theirs.multi;
            if theirs.label != mine.label {
                mine.multi = true;
                cross.push((theirs.first_line, theirs.label_text, mine.first_line, mine.label_text.clone()));
            }
        });
        let mut ev = std::mem::take(&mut self.examples);
        ev.extend(other.examples);
        let (ln, fnn) = self.nouns;
        for (line, l, first, fl) in cross {
            ev.push(Evidence {
                line,
                value: format!("{ln} '{l}' but line {first} has the same {fnn} with {ln} '{fl}'"),
            });
        }
        ev.sort_by_key(|e| e.line);
        ev.truncate(self.limit);
        self.examples = ev;
    }
}

/// Every row's hash after value normalisation, with its first line and how many rows share it:
/// what a comparison looks candidate rows up in (copies of reference rows). Sampled by hash as
/// [`HashSample`] when it outgrows its cap, so both files of a comparison sample the same hashes
/// once they are brought to the same level.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RowIndex {
    seen: HashSample<(u64, u64)>, // first line, rows with this hash
}

impl RowIndex {
    pub fn new(cap: usize) -> RowIndex {
        RowIndex { seen: HashSample::with_cap(cap) }
    }
    pub fn push(&mut self, hash: u64, line: u64) {
        if let Some((e, _)) = self.seen.entry(hash, || (line, 0)) {
            e.1 += 1;
        }
    }
    /// The sampling level: hashes whose top `level` bits are zero are kept (0: every row).
    pub fn level(&self) -> u32 {
        self.seen.level
    }
    /// Whether a hash is kept at `level`.
    pub fn kept_at(hash: u64, level: u32) -> bool {
        sampled(hash, level)
    }
    /// (first line, rows) for a hash, if kept.
    pub fn get(&self, hash: u64) -> Option<(u64, u64)> {
        self.seen.map.get(&hash).copied()
    }
    /// Every kept hash with its first line and row count.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        self.seen.map.iter().map(|(&h, &(l, n))| (h, l, n))
    }
    pub fn heap_bytes(&self) -> usize {
        self.seen.heap_bytes()
    }
}

impl Merge for RowIndex {
    fn merge(&mut self, other: RowIndex) {
        self.seen.merge_with(other.seen, |mine, theirs| {
            mine.0 = mine.0.min(theirs.0);
            mine.1 += theirs.1;
        });
    }
}
