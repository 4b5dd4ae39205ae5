//! Value frequencies: distinct count and top values.
//!
//! Memory: while exact, one map entry per distinct value (its bytes plus ~48 bytes of overhead),
//! up to `budget` bytes. Past the budget the column switches to a HyperLogLog of precision 14
//! (16 Ki registers, standard error 1.04/√16384 ≈ 0.81 % of the distinct count) and a
//! Misra–Gries summary of [`MG_COUNTERS`] counters (each reported count is at most
//! N/(k+1) below the true count, where N is the number of values seen), both fed through a fixed
//! hash so results do not depend on the platform.

use super::Merge;
use hyperloglogplus::{HyperLogLog, HyperLogLogPF};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::{xxh3_64, Xxh3Builder};

/// Counters kept by the Misra–Gries summary.
pub const MG_COUNTERS: usize = 256;
/// HyperLogLog precision (registers = 2^p).
pub const HLL_PRECISION: u8 = 14;
/// Relative standard error of the HyperLogLog distinct count.
pub const HLL_ERROR: f64 = 0.0081;
/// Longest value stored as a key; longer ones are cut (and the top values say so with "…").
const MAX_KEY: usize = 200;
const ENTRY_OVERHEAD: usize = 48;

/// Feeds an already-hashed u64 straight through, so the HyperLogLog sees the xxh3 hash.
#[derive(Default, Clone, Copy, Debug)]
pub struct PassThrough(u64);
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

type Hll = HyperLogLogPF<u64, BuildHasherDefault<PassThrough>>;
type Map = HashMap<Box<str>, u64, Xxh3Builder>;

#[derive(Clone, Debug)]
pub enum Frequency {
    Exact { map: Map, bytes: usize, budget: usize },
    Sketch { hll: Box<Hll>, mg: Map, seen: u64 },
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

fn new_hll() -> Option<Hll> {
    HyperLogLogPF::new(HLL_PRECISION, BuildHasherDefault::default()).ok()
}

impl Frequency {
    pub fn with_budget(budget: usize) -> Frequency {
        Frequency::Exact { map: Map::default(), bytes: 0, budget }
    }

    pub fn push(&mut self, s: &str) {
        let k = key(s);
        match self {
            Frequency::Exact { map, bytes, budget } => {
                if let Some(c) = map.get_mut(k) {
                    *c += 1;
                    return;
                }
                *bytes += k.len() + ENTRY_OVERHEAD;
                map.insert(k.into(), 1);
                if *bytes > *budget {
                    self.to_sketch();
                }
            }
            Frequency::Sketch { hll, mg, seen } => {
                *seen += 1;
                hll.insert(&xxh3_64(k.as_bytes()));
                mg_add(mg, k, 1);
            }
        }
    }

    /// Switches to the sketch (HyperLogLog + Misra–Gries), keeping what was counted.
    pub fn to_sketch(&mut self) {
        if let Frequency::Exact { map, .. } = self {
            let Some(mut hll) = new_hll() else { return };
            let map = std::mem::take(map);
            let seen = map.values().sum();
            let mut mg = Map::default();
            for (k, _c) in &map {
                hll.insert(&xxh3_64(k.as_bytes()));
            }
            // Keep the heaviest values exactly; Misra–Gries carries on from there.
            let mut all: Vec<(Box<str>, u64)> = map.into_iter().collect();
            all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            all.truncate(MG_COUNTERS);
            mg.extend(all);
            *self = Frequency::Sketch { hll: Box::new(hll), mg, seen };
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Frequency::Exact { .. })
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Frequency::Exact { bytes, .. } => *bytes,
            Frequency::Sketch { .. } => (1 << HLL_PRECISION) * 4 + MG_COUNTERS * (MAX_KEY + ENTRY_OVERHEAD),
        }
    }

    /// Number of distinct values (estimated once the sketch is in use).
    pub fn distinct(&self) -> u64 {
        match self {
            Frequency::Exact { map, .. } => map.len() as u64,
            Frequency::Sketch { hll, .. } => {
                let mut h = (**hll).clone();
                h.count().round() as u64
            }
        }
    }

    /// Count of one value: exact, or a Misra–Gries lower bound.
    pub fn count_of(&self, s: &str) -> u64 {
        match self {
            Frequency::Exact { map, .. } => map.get(key(s)).copied().unwrap_or(0),
            Frequency::Sketch { mg, .. } => mg.get(key(s)).copied().unwrap_or(0),
        }
    }

    /// The `n` most frequent values, most frequent first, ties by value.
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        let map = match self {
            Frequency::Exact { map, .. } => map,
            Frequency::Sketch { mg, .. } => mg,
        };
        let mut v: Vec<(&str, u64)> = map.iter().map(|(k, c)| (&**k, *c)).collect();
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.into_iter().take(n).map(|(k, c)| (k.to_string(), c)).collect()
    }

    /// Largest possible undercount of a top value's count (0 while exact).
    pub fn count_error(&self) -> u64 {
        match self {
            Frequency::Exact { .. } => 0,
            Frequency::Sketch { seen, .. } => seen / (MG_COUNTERS as u64 + 1),
        }
    }
}

/// Misra–Gries update: count `k`, and when the table overflows subtract the smallest count from
/// all (amortised O(1): each subtraction removes at least as much mass as was added).
fn mg_add(mg: &mut Map, k: &str, c: u64) {
    if let Some(v) = mg.get_mut(k) {
        *v += c;
        return;
    }
    mg.insert(k.into(), c);
    if mg.len() > MG_COUNTERS {
        mg_reduce(mg);
    }
}

fn mg_reduce(mg: &mut Map) {
    let mut counts: Vec<u64> = mg.values().copied().collect();
    if counts.len() <= MG_COUNTERS {
        return;
    }
    counts.sort_unstable_by(|a, b| b.cmp(a));
    // Subtract the (k+1)-th largest count: the mergeable-summaries rule (Agarwal et al. 2012).
    let cut = counts.get(MG_COUNTERS).copied().unwrap_or(0);
    mg.retain(|_, v| {
        *v = v.saturating_sub(cut);
        *v > 0
    });
}

impl Merge for Frequency {
    fn merge(&mut self, other: Frequency) {
        if let (Frequency::Exact { map, bytes, budget }, Frequency::Exact { map: om, .. }) = (&mut *self, &other) {
            for (k, c) in om {
                if let Some(v) = map.get_mut(k) {
                    *v += c;
                } else {
                    *bytes += k.len() + ENTRY_OVERHEAD;
                    map.insert(k.clone(), *c);
                }
            }
            if *bytes > *budget {
                self.to_sketch();
            }
            return;
        }
        let mut other = other;
        self.to_sketch();
        other.to_sketch();
        if let (Frequency::Sketch { hll, mg, seen }, Frequency::Sketch { hll: oh, mg: om, seen: os }) = (self, other) {
            // Same precision on both sides: merge cannot fail.
            let _ = hll.merge(&*oh);
            *seen += os;
            for (k, c) in om {
                if let Some(v) = mg.get_mut(&k) {
                    *v += c;
                } else {
                    mg.insert(k, c);
                }
            }
            mg_reduce(mg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_sketch() {
        let mut f = Frequency::with_budget(10_000);
        for i in 0..100_000u64 {
            f.push(&format!("v{}", i % 20_000));
            f.push("heavy");
        }
        assert!(!f.is_exact());
        let d = f.distinct() as f64;
        assert!((d - 20_001.0).abs() < 20_001.0 * 4.0 * HLL_ERROR, "{d}");
        let top = f.top(1);
        assert_eq!(top[0].0, "heavy");
        assert!(top[0].1 + f.count_error() >= 100_000 && top[0].1 <= 100_000);
    }

    #[test]
    fn merge_exact_is_exact() {
        let mut a = Frequency::default();
        let mut b = Frequency::default();
        let mut w = Frequency::default();
        for i in 0..1000 {
            let s = format!("{}", i % 37);
            if i < 400 { a.push(&s) } else { b.push(&s) }
            w.push(&s);
        }
        a.merge(b);
        assert_eq!(a.distinct(), w.distinct());
        assert_eq!(a.top(5), w.top(5));
    }
}
