//! Value frequencies: distinct count and top values.
//!
//! Memory: while exact, one map entry per distinct value (a string's bytes plus ~48 bytes of
//! overhead; a number 24 bytes), up to `budget` bytes. Past the budget the column switches to a
//! HyperLogLog of precision 14 (16 Ki registers, standard error 1.04/√16384 ≈ 0.81 % of the
//! distinct count) and Misra–Gries summaries of [`MG_COUNTERS`] counters each for strings and
//! numbers (each reported count is at most N/(k+1) below the true count, N the values seen), fed
//! through a fixed hash so results do not depend on the platform.
//!
//! Numbers are counted by value (`1.50` and `1.5` are one value, shown as `1.5`), strings by
//! their trimmed text.

use super::merge::Merge;
use hyperloglogplus::{HyperLogLog, HyperLogLogPF};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// Counters kept by each Misra–Gries summary.
pub const MG_COUNTERS: usize = 256;
/// HyperLogLog precision (registers = 2^p).
pub const HLL_PRECISION: u8 = 14;
/// Relative standard error of the HyperLogLog distinct count.
pub const HLL_ERROR: f64 = 0.0081;
/// Longest value stored as a key; longer ones are cut.
const MAX_KEY: usize = 200;
const STR_OVERHEAD: usize = 48;
const NUM_ENTRY: usize = 24;

/// Feeds an already-hashed u64 straight through, so the HyperLogLog sees the xxh3 hash.
#[derive(Default, Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct PassThrough(u64);

/// Hash maps keyed by values that are already hashes (a unit type of our own rather than
/// `BuildHasherDefault`, so that the HyperLogLog holding it serialises: see [`crate::wire`]).
#[derive(Default, Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct PassThroughBuild;
impl std::hash::BuildHasher for PassThroughBuild {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough::default()
    }
}
impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type Hll = HyperLogLogPF<u64, PassThroughBuild>;

/// String values and their counts, keyed by each value's xxh3 hash (kept in the entry): a
/// caller that has hashed the value already (the row hash hashes every cell) passes the hash,
/// so a value is hashed once; lookups compare the stored hash before the bytes.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct StrCounts {
    #[serde(with = "crate::wire::table")]
    table: hashbrown::HashTable<(u64, Box<str>, u64)>,
}

/// Byte equality, inline for short values (no call into the C library's `memcmp`).
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() <= 16 {
        let mut d = 0u8;
        for (x, y) in a.iter().zip(b) {
            d |= x ^ y;
        }
        d == 0
    } else {
        a == b
    }
}

impl StrCounts {
    #[inline]
    fn get_mut(&mut self, hash: u64, k: &str) -> Option<&mut u64> {
        self.table.find_mut(hash, |e| e.0 == hash && same(&e.1, k)).map(|e| &mut e.2)
    }
    /// Adds a value known to be absent.
    fn insert(&mut self, hash: u64, k: Box<str>, count: u64) {
        self.table.insert_unique(hash, (hash, k, count), |e| e.0);
    }
    pub fn len(&self) -> usize {
        self.table.len()
    }
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
    fn iter(&self) -> impl Iterator<Item = (&Box<str>, u64)> {
        self.table.iter().map(|e| (&e.1, e.2))
    }
    fn values(&self) -> impl Iterator<Item = u64> + '_ {
        self.table.iter().map(|e| e.2)
    }
    fn retain(&mut self, mut f: impl FnMut(&mut u64) -> bool) {
        self.table.retain(|e| f(&mut e.2));
    }
    fn add(&mut self, hash: u64, k: Box<str>, c: u64) {
        match self.get_mut(hash, &k) {
            Some(v) => *v += c,
            None => self.insert(hash, k, c),
        }
    }
}

impl FromIterator<(Box<str>, u64)> for StrCounts {
    fn from_iter<I: IntoIterator<Item = (Box<str>, u64)>>(it: I) -> StrCounts {
        let mut m = StrCounts::default();
        for (k, c) in it {
            m.add(hash_str(&k), k, c);
        }
        m
    }
}
/// The maps' hasher: fast and seeded with a constant. It affects speed only: every figure read
/// from a map is independent of its iteration order.
type Counts<K> = HashMap<K, u64, foldhash::fast::FixedState>;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Frequency {
    Exact {
        strs: StrCounts,
        #[serde(with = "crate::wire::map")]
        nums: Counts<u64>,
        bytes: usize,
        budget: usize,
    },
    Sketch {
        hll: Box<Hll>,
        strs: StrCounts,
        #[serde(with = "crate::wire::map")]
        nums: Counts<u64>,
        seen: u64,
    },
}

impl Default for Frequency {
    fn default() -> Frequency {
        Frequency::with_budget(usize::MAX)
    }
}

fn key(s: &str) -> &str {
    if s.len() <= MAX_KEY {
        return s;
    }
    let mut end = MAX_KEY;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// A number's key: its bits, with -0.0 folded into 0.0.
fn num_key(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

/// How a counted number is shown: integers without a decimal point.
pub fn show_num(bits: u64) -> String {
    let x = f64::from_bits(bits);
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A string value's hash: xxh3 of its bytes (as [`Frequency::push_hashed`] expects).
pub fn hash_str(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}
fn hash_num(bits: u64) -> u64 {
    // Kept apart from string hashes: the string "1" and the number 1 never share a column in
    // one family, but a mixed column counts them as two values.
    xxh3_64(&bits.to_le_bytes()) ^ 0x5bd1_e995
}

fn new_hll() -> Option<Hll> {
    HyperLogLogPF::new(HLL_PRECISION, PassThroughBuild).ok()
}

/// Misra–Gries update: count `k`; when the table is full and `k` is new, decrement every counter
/// by one and drop the zeros instead of inserting. Amortised O(1): each decrement pass removes
/// k+1 from the total count, which only grows by one per value.
fn mg_add<K: Hash + Eq>(mg: &mut Counts<K>, k: K) {
    if let Some(v) = mg.get_mut(&k) {
        *v += 1;
        return;
    }
    if mg.len() < MG_COUNTERS {
        mg.insert(k, 1);
        return;
    }
    mg.retain(|_, v| {
        *v -= 1;
        *v > 0
    });
}

/// Keeps the MG_COUNTERS largest counts minus the (k+1)-th largest: the mergeable-summaries rule
/// (Agarwal et al. 2012).
fn mg_reduce<K: Hash + Eq>(mg: &mut Counts<K>) {
    if mg.len() <= MG_COUNTERS {
        return;
    }
    let mut counts: Vec<u64> = mg.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let cut = counts.get(MG_COUNTERS).copied().unwrap_or(0);
    mg.retain(|_, v| {
        *v = v.saturating_sub(cut);
        *v > 0
    });
}

/// [`mg_reduce`] for string counts.
fn mg_reduce_strs(mg: &mut StrCounts) {
    if mg.len() <= MG_COUNTERS {
        return;
    }
    let mut counts: Vec<u64> = mg.values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let cut = counts.get(MG_COUNTERS).copied().unwrap_or(0);
    mg.retain(|v| {
        *v = v.saturating_sub(cut);
        *v > 0
    });
}

/// The `n` heaviest entries of a map, heaviest first, ties by key.
fn heaviest<K: Ord + Clone>(map: &Counts<K>, n: usize) -> Vec<(K, u64)> {
    heaviest_of(map.iter().map(|(k, c)| (k, *c)), n)
}

fn heaviest_of<'a, K: Ord + Clone + 'a>(entries: impl Iterator<Item = (&'a K, u64)>, n: usize) -> Vec<(K, u64)> {
    let order = |a: &(&K, u64), b: &(&K, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    let mut v: Vec<(&K, u64)> = entries.collect();
    if n == 0 {
        return Vec::new();
    }
    if v.len() > n {
        v.select_nth_unstable_by(n - 1, order);
        v.truncate(n);
    }
    v.sort_unstable_by(order);
    v.into_iter().map(|(k, c)| (k.clone(), c)).collect()
}

fn add_all<K: Hash + Eq>(a: &mut Counts<K>, b: Counts<K>) {
    for (k, c) in b {
        *a.entry(k).or_insert(0) += c;
    }
}

impl Frequency {
    pub fn with_budget(budget: usize) -> Frequency {
        Frequency::Exact { strs: StrCounts::default(), nums: Counts::default(), bytes: 0, budget }
    }

    /// Counts a string value.
    pub fn push(&mut self, s: &str) {
        let k = key(s);
        self.push_key(k, hash_str(k));
    }

    /// Counts a string value whose [`hash_str`] the caller has: `hash` must be `hash_str(s)`,
    /// and is used only when `s` is short enough to be its own key (at most [`MAX_KEY`] bytes).
    #[inline]
    pub fn push_hashed(&mut self, s: &str, hash: u64) {
        if s.len() <= MAX_KEY {
            self.push_key(s, hash);
        } else {
            self.push(s);
        }
    }

    /// The key a string value is counted under (the value, cut at [`MAX_KEY`] bytes) and its
    /// hash; `hash`, if given, must be `hash_str(s)` (see [`Frequency::push_hashed`]).
    pub fn key_of(s: &str, hash: Option<u64>) -> (&str, u64) {
        match hash {
            Some(h) if s.len() <= MAX_KEY => (s, h),
            _ => {
                let k = key(s);
                (k, hash_str(k))
            }
        }
    }

    /// Counts a key from [`Frequency::key_of`].
    pub fn push_key(&mut self, k: &str, h: u64) {
        match self {
            Frequency::Exact { strs, bytes, budget, .. } => {
                if let Some(c) = strs.get_mut(h, k) {
                    *c += 1;
                    return;
                }
                *bytes += k.len() + STR_OVERHEAD;
                strs.insert(h, k.into(), 1);
                if *bytes > *budget {
                    self.to_sketch();
                }
            }
            Frequency::Sketch { hll, strs, seen, .. } => {
                *seen += 1;
                hll.insert(&h);
                // One lookup; the key is copied only when it is inserted (a full table
                // decrements instead, the common case for a column of distinct values).
                if let Some(c) = strs.get_mut(h, k) {
                    *c += 1;
                } else if strs.len() < MG_COUNTERS {
                    strs.insert(h, Box::from(k), 1);
                } else {
                    strs.retain(|v| {
                        *v -= 1;
                        *v > 0
                    });
                }
            }
        }
    }

    /// Counts a numeric value.
    pub fn push_num(&mut self, x: f64) {
        let k = num_key(x);
        match self {
            Frequency::Exact { nums, bytes, budget, .. } => {
                let c = nums.entry(k).or_insert(0);
                *c += 1;
                if *c == 1 {
                    *bytes += NUM_ENTRY;
                    if *bytes > *budget {
                        self.to_sketch();
                    }
                }
            }
            Frequency::Sketch { hll, nums, seen, .. } => {
                *seen += 1;
                hll.insert(&hash_num(k));
                mg_add(nums, k);
            }
        }
    }

    /// Switches to the sketch (HyperLogLog + Misra–Gries), keeping what was counted.
    pub fn to_sketch(&mut self) {
        if let Frequency::Exact { strs, nums, .. } = self {
            let Some(mut hll) = new_hll() else { return };
            let (strs, nums) = (std::mem::take(strs), std::mem::take(nums));
            let seen = strs.values().sum::<u64>() + nums.values().sum::<u64>();
            strs.table.iter().for_each(|e| hll.insert(&e.0));
            nums.keys().for_each(|&k| hll.insert(&hash_num(k)));
            // Keep the heaviest values exactly; Misra–Gries carries on from there.
            let strs: StrCounts = heaviest_of(strs.iter(), MG_COUNTERS).into_iter().collect();
            let nums: Counts<u64> = heaviest(&nums, MG_COUNTERS).into_iter().collect();
            *self = Frequency::Sketch { hll: Box::new(hll), strs, nums, seen };
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Frequency::Exact { .. })
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Frequency::Exact { bytes, .. } => *bytes,
            Frequency::Sketch { .. } => (1 << HLL_PRECISION) * 4 + MG_COUNTERS * (MAX_KEY + STR_OVERHEAD + NUM_ENTRY),
        }
    }

    /// Number of distinct values (estimated once the sketch is in use).
    pub fn distinct(&self) -> u64 {
        match self {
            Frequency::Exact { strs, nums, .. } => (strs.len() + nums.len()) as u64,
            Frequency::Sketch { hll, .. } => {
                let mut h = (**hll).clone();
                h.count().round() as u64
            }
        }
    }

    /// The `n` most frequent values, most frequent first, ties by value.
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        let (strs, nums) = match self {
            Frequency::Exact { strs, nums, .. } | Frequency::Sketch { strs, nums, .. } => (strs, nums),
        };
        let mut v: Vec<(String, u64)> =
            heaviest_of(strs.iter(), n).into_iter().map(|(k, c)| (k.to_string(), c)).collect();
        v.extend(heaviest(nums, n).into_iter().map(|(k, c)| (show_num(k), c)));
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Every value with its count while exact (numbers shown as [`show_num`]); the counted heavy
    /// values once sketched. Ordered by value.
    pub fn counts(&self) -> Vec<(String, u64)> {
        let (strs, nums) = match self {
            Frequency::Exact { strs, nums, .. } | Frequency::Sketch { strs, nums, .. } => (strs, nums),
        };
        let mut v: Vec<(String, u64)> = strs.iter().map(|(k, c)| (k.to_string(), c)).collect();
        v.extend(nums.iter().map(|(&k, &c)| (show_num(k), c)));
        v.sort();
        v
    }

    /// Largest possible undercount of a top value's count (0 while exact).
    pub fn count_error(&self) -> u64 {
        match self {
            Frequency::Exact { .. } => 0,
            Frequency::Sketch { seen, .. } => seen / (MG_COUNTERS as u64 + 1),
        }
    }
}

impl Merge for Frequency {
    fn merge(&mut self, other: Frequency) {
        if let (Frequency::Exact { strs, nums, bytes, budget }, Frequency::Exact { strs: os, nums: on, .. }) =
            (&mut *self, &other)
        {
            for (h, k, c) in os.table.iter() {
                match strs.get_mut(*h, k) {
                    Some(v) => *v += c,
                    None => {
                        *bytes += k.len() + STR_OVERHEAD;
                        strs.insert(*h, k.clone(), *c);
                    }
                }
            }
            for (k, c) in on {
                let v = nums.entry(*k).or_insert(0);
                if *v == 0 {
                    *bytes += NUM_ENTRY;
                }
                *v += c;
            }
            if *bytes > *budget {
                self.to_sketch();
            }
            return;
        }
        let mut other = other;
        self.to_sketch();
        other.to_sketch();
        if let (
            Frequency::Sketch { hll, strs, nums, seen },
            Frequency::Sketch { hll: oh, strs: os, nums: on, seen: oseen },
        ) = (self, other)
        {
            // Same precision on both sides: merge cannot fail.
            let _ = hll.merge(&*oh);
            *seen += oseen;
            for (h, k, c) in os.table {
                strs.add(h, k, c);
            }
            add_all(nums, on);
            mg_reduce_strs(strs);
            mg_reduce(nums);
        }
    }
}

#[cfg(test)]
// Tests fail by panicking; the no-panic lints are for the engine, not for them.
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_sketch() {
        let mut f = Frequency::with_budget(10_000);
        for i in 0..100_000u64 {
            f.push(&format!("v{}", i % 20_000));
            f.push("heavy");
            f.push_num((i % 5000) as f64);
        }
        assert!(!f.is_exact());
        let d = f.distinct() as f64;
        assert!((d - 25_001.0).abs() < 25_001.0 * 4.0 * HLL_ERROR, "{d}");
        let top = f.top(1);
        assert_eq!(top[0].0, "heavy");
        assert!(top[0].1 + f.count_error() >= 100_000 && top[0].1 <= 100_000);
    }

    #[test]
    fn numbers_count_by_value() {
        let mut f = Frequency::default();
        f.push_num(1.5);
        f.push_num(1.50);
        f.push_num(-0.0);
        f.push_num(0.0);
        f.push_num(3.0);
        assert_eq!(f.distinct(), 3);
        assert_eq!(f.top(3), vec![("0".to_string(), 2), ("1.5".to_string(), 2), ("3".to_string(), 1)]);
    }

    #[test]
    fn merge_exact_is_exact() {
        let mut a = Frequency::default();
        let mut b = Frequency::default();
        let mut w = Frequency::default();
        for i in 0..1000 {
            let s = format!("{}", i % 37);
            if i < 400 {
                a.push(&s);
                a.push_num(f64::from(i % 11));
            } else {
                b.push(&s);
                b.push_num(f64::from(i % 11));
            }
            w.push(&s);
            w.push_num(f64::from(i % 11));
        }
        a.merge(b);
        assert_eq!(a.distinct(), w.distinct());
        assert_eq!(a.top(5), w.top(5));
    }
}
