//! A field's vocabulary: its distinct lowercase words. Memory: exact (one 64-bit xxh3 hash per
//! word, 16 bytes with the table's overhead) up to its budget, then a HyperLogLog of 2^14
//! registers (standard error 0.81%), which the exact hashes seed.

use crate::profile::frequency::PassThroughBuild;
use crate::profile::merge::Merge;
use hyperloglogplus::{HyperLogLog, HyperLogLogPF};
use std::collections::HashSet;
use xxhash_rust::xxh3::xxh3_64;

type Hll = HyperLogLogPF<u64, PassThroughBuild>;
const PRECISION: u8 = 14;
const ENTRY: usize = 16;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Vocabulary {
    Exact {
        #[serde(with = "crate::wire::set")]
        words: HashSet<u64, PassThroughBuild>,
        cap: usize,
    },
    Sketch(Box<Hll>),
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::with_budget(1 << 20)
    }
}

impl Vocabulary {
    /// Exact within `budget` bytes.
    pub fn with_budget(budget: usize) -> Vocabulary {
        Vocabulary::Exact { words: HashSet::default(), cap: (budget / ENTRY).max(1024) }
    }

    /// Counts the words (runs of non-whitespace, lowercased) of a value; `buf` is scratch space.
    pub fn push_words(&mut self, text: &str, buf: &mut String) {
        for w in text.split_whitespace() {
            let h = if w.is_ascii() {
                buf.clear();
                buf.push_str(w);
                buf.make_ascii_lowercase();
                xxh3_64(buf.as_bytes())
            } else {
                xxh3_64(w.to_lowercase().as_bytes())
            };
            self.insert(h);
        }
    }

    fn insert(&mut self, h: u64) {
        match self {
            Vocabulary::Exact { words, cap } => {
                words.insert(h);
                if words.len() > *cap {
                    self.sketch();
                }
            }
            Vocabulary::Sketch(hll) => hll.insert(&h),
        }
    }

    fn sketch(&mut self) {
        if let Vocabulary::Exact { words, .. } = self {
            let Ok(mut hll) = Hll::new(PRECISION, PassThroughBuild) else { return };
            words.iter().for_each(|h| hll.insert(h));
            *self = Vocabulary::Sketch(Box::new(hll));
        }
    }

    pub fn distinct(&self) -> u64 {
        match self {
            Vocabulary::Exact { words, .. } => words.len() as u64,
            Vocabulary::Sketch(hll) => {
                let mut h = hll.clone();
                h.count().round() as u64
            }
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Vocabulary::Exact { .. })
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Vocabulary::Exact { words, .. } => words.capacity() * ENTRY,
            Vocabulary::Sketch(_) => (1 << PRECISION) * 4,
        }
    }
}

impl Merge for Vocabulary {
    fn merge(&mut self, o: Vocabulary) {
        match o {
            Vocabulary::Exact { words, .. } => words.into_iter().for_each(|h| self.insert(h)),
            Vocabulary::Sketch(theirs) => {
                self.sketch();
                if let Vocabulary::Sketch(mine) = self {
                    // Same precision and hasher on both sides: the merge cannot fail.
                    let _ = mine.merge(&theirs);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_sketched_and_merged() {
        let mut v = Vocabulary::with_budget(1 << 20);
        let mut buf = String::new();
        v.push_words("The cat and the Cat, THE end", &mut buf);
        assert_eq!(v.distinct(), 5, "the, cat, and, cat, (comma kept), end");
        let mut a = Vocabulary::with_budget(16 * 1024);
        let mut b = Vocabulary::with_budget(16 * 1024);
        for i in 0..3000 {
            let w = format!("w{i}");
            if i % 2 == 0 {
                a.push_words(&w, &mut buf)
            } else {
                b.push_words(&w, &mut buf)
            }
        }
        a.merge(b);
        let d = a.distinct() as f64;
        assert!(!a.is_exact());
        assert!((d - 3000.0).abs() / 3000.0 < 0.05, "{d}");
    }
}
