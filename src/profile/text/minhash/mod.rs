//! MinHash near-duplicates of a text column, and exact duplicates after normalisation.
//!
//! Memory: [`NearDuplicates`] holds at most `cap` × 520 bytes (a line number and a 128 × 32-bit
//! signature per sampled value; 104 MB at the default cap of [`SAMPLE_VALUES`]); `finish()`
//! borrows about 40 bytes more per value while it runs. [`MinHasher`] is 2 KiB.
//!
//! The pipeline, as datatrove's MinHash deduplication:
//!
//! 1. [`normalise`]: datatrove's `simplify_text` with its default `TextNormConfig`
//!    (`datatrove/utils/text.py`, datatrove 0.10.1): lowercase; digit runs (Unicode `Nd`, with one
//!    optional decimal part after `.`, `,`, `،`, `٫`, `⎖`, `⎗` or `⎘`) to `0`; datatrove's
//!    `PUNCTUATION` characters (ASCII punctuation, the C0 and C1 controls and 34 others such as
//!    `—`, `“`, `”`, `’`, `«`, `»`, `…`, `。`, but not `‘`) to spaces; whitespace runs to one space
//!    and trimmed; NFD, then every nonspacing mark (`Mn`) dropped; trimmed again.
//! 2. [`shingles`]: the word n-grams of the normalised text (5 words, or 3 when the column's median
//!    is under 30 words: [`shingle_size`]), each joined with one space and hashed to 32 bits (the
//!    low half of xxh3-64).
//! 3. [`MinHasher::signature`]: 128 permutations, bit-identical to datasketch 2.0.0's
//!    `MinHash(scheme="legacy")` given the same shingle hashes and (a, b). That scheme computes, in
//!    numpy uint64, `np.bitwise_and((a * hv + b) % _mersenne_prime, _max_hash)` with
//!    `a ∈ [1, 2^61 − 1)`, `hv < 2^32`: the product `a * hv` is up to 2^93 and numpy wraps it
//!    modulo 2^64 without a word (it does for every one of the 1.75 million products in
//!    `tests/reference/text_minhash.py`), and `+ b` wraps too. So the "a·h + b mod 2^61 − 1" of
//!    the design is, exactly, `((a ⊗ h ⊕ b) mod (2^61 − 1)) mod 2^32` where ⊗ and ⊕ are wrapping
//!    64-bit operations. The textbook integer formula would give other values (it agrees on none
//!    of the 34,176 reference values); the estimator's accuracy is unaffected (see the planted-pair
//!    test). (a, b) are drawn as datasketch draws them: numpy's `RandomState(seed)` (MT19937 with
//!    its legacy seeding) and `randint(1, 2^61 − 1)`, `randint(0, 2^61 − 1)` for each permutation
//!    in turn (masked rejection sampling). With [`SEED`] = 1, datasketch's default seed, they are
//!    datasketch's own legacy permutations. datasketch 2.0.0's *default* scheme is "affine32",
//!    whose values differ; interoperating with it is not a goal.
//! 4. [`NearDuplicates`]: LSH with 16 bands × 8 rows (a pair with Jaccard s shares a bucket with
//!    probability 1 − (1 − s^8)^16: 0.06 at 0.5, 0.95 at 0.8), each candidate pair verified on the
//!    whole signature (kept when at least 0.8 of the 128 values agree), clusters by union-find.
//!
//! Everything but the signature's shape is settable: the seed ([`MinHasher::new`]), the shingle
//! size ([`shingles`]), the sample cap ([`NearDuplicates::new`]) and the threshold
//! ([`NearDuplicates::finish`]). `PERMUTATIONS`, `BANDS` and `ROWS` are compile-time, because a
//! [`Signature`] is a fixed-size array.
//!
//! Cost (release build, one core of a shared AMD EPYC, `tests::timing`): `signature()` of a
//! 100-word value (96 five-word shingles, 12,288 multiply–reduce–min steps, no allocation) takes
//! about 14 µs; `normalise` + `shingles` about 2.5 µs more; `finish()` over 200,000 values about
//! 0.6 s (random signatures, a tenth of them near-copies).

use crate::profile::merge::Merge;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

/// MinHash permutations (values in a signature).
pub const PERMUTATIONS: usize = 128;
/// LSH bands.
pub const BANDS: usize = 16;
/// Signature values per band.
pub const ROWS: usize = 8;
/// Default similarity at or above which a pair is kept (on the signature estimate).
pub const THRESHOLD: f64 = 0.8;
/// Values of a column that get a signature; later ones are counted as not sampled.
pub const SAMPLE_VALUES: usize = 200_000;
/// Seed of the permutation generator: datasketch's default, so (a, b) equal its own.
pub const SEED: u64 = 1;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Words per shingle in a column of short values.
pub const SHORT_SHINGLE_WORDS: usize = 3;
/// A column whose median value has fewer words than this uses [`SHORT_SHINGLE_WORDS`].
pub const SHORT_MEDIAN_WORDS: f64 = 30.0;
/// Example pairs a report keeps, most similar first.
pub const EXAMPLE_PAIRS: usize = 20;
/// In an LSH bucket of more than this many members, each is verified against only the
/// `BUCKET_WINDOW` members before it (in push order), so that a giant bucket (templated values)
/// costs O(members) and not O(members²). Members of identical signatures are merged before.
pub const BUCKET_WINDOW: usize = 32;

const _: () = assert!(BANDS * ROWS == PERMUTATIONS);

/// 2^61 − 1, datasketch's `_mersenne_prime`.
const MERSENNE: u64 = (1 << 61) - 1;
/// datasketch's `_max_hash` (the legacy scheme keeps the low 32 bits), also the empty value.
const MAX_HASH: u64 = 0xFFFF_FFFF;

/// Words per shingle for a column whose median value has `median_words` words.
pub fn shingle_size(median_words: f64) -> usize {
    if median_words < SHORT_MEDIAN_WORDS {
        SHORT_SHINGLE_WORDS
    } else {
        SHINGLE_WORDS
    }
}

// ---------------------------------------------------------------------------------------------
// MinHash

/// The 128 permutations `h ↦ ((a ⊗ h ⊕ b) mod (2^61 − 1)) mod 2^32` (⊗, ⊕ wrapping 64-bit), with
/// `a ∈ [1, 2^61 − 1)` and `b ∈ [0, 2^61 − 1)` drawn as datasketch draws them (module doc).
/// Memory: 2 KiB, no heap.
#[derive(Clone, Debug)]
pub struct MinHasher {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

impl Default for MinHasher {
    fn default() -> MinHasher {
        MinHasher::new(SEED)
    }
}

impl MinHasher {
    /// Permutations for `seed` (numpy's legacy seeding takes 32 bits: the seed is used mod 2^32).
    pub fn new(seed: u64) -> MinHasher {
        // Truncation intended: numpy's RandomState takes a 32-bit seed.
        let mut gen = Mt19937::new(seed as u32);
        let mut a = [0u64; PERMUTATIONS];
        let mut b = [0u64; PERMUTATIONS];
        for (ak, bk) in a.iter_mut().zip(b.iter_mut()) {
            // datasketch: `gen.randint(1, _mersenne_prime)` then `gen.randint(0, _mersenne_prime)`.
            *ak = gen.randint(1, MERSENNE);
            *bk = gen.randint(0, MERSENNE);
        }
        MinHasher { a, b }
    }

    /// The signature of a set of shingle hashes (duplicates allowed; an empty set gives every value
    /// 2^32 − 1, datasketch's empty MinHash).
    pub fn signature(&self, shingles: &[u32]) -> Signature {
        let mut out = [u32::MAX; PERMUTATIONS];
        // Permutation outer, shingles inner: the running minimum stays in a register (twice as
        // fast as the other order).
        for ((o, &a), &b) in out.iter_mut().zip(self.a.iter()).zip(self.b.iter()) {
            let mut min = MAX_HASH;
            for &h in shingles {
                // numpy: (a * hv + b) in uint64, wrapping; then % (2^61 - 1); then & (2^32 - 1).
                let v = mod_mersenne(a.wrapping_mul(u64::from(h)).wrapping_add(b)) & MAX_HASH;
                min = min.min(v);
            }
            // Lossless: the value is at most MAX_HASH.
            *o = min as u32;
        }
        Signature(out)
    }

    /// The permutation parameters (a, b).
    pub fn permutations(&self) -> (&[u64], &[u64]) {
        (&self.a, &self.b)
    }
}

/// `x mod (2^61 − 1)`, exactly `x % MERSENNE`: 2^61 ≡ 1, so x = q·2^61 + r ≡ q + r, and
/// q + r ≤ 7 + 2^61 − 1 < 2·(2^61 − 1) needs at most one subtraction.
#[inline]
fn mod_mersenne(x: u64) -> u64 {
    let r = (x & MERSENNE) + (x >> 61);
    if r >= MERSENNE {
        r - MERSENNE
    } else {
        r
    }
}

/// A MinHash signature: the minimum of each permutation over a value's shingles.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature(#[serde(with = "crate::wire::array")] pub [u32; PERMUTATIONS]);

impl Signature {
    /// The estimate of the Jaccard similarity: the share of permutations whose minima agree (as
    /// datasketch's `MinHash.jaccard`).
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(x, y)| x == y).count();
        same as f64 / PERMUTATIONS as f64
    }

    /// The LSH band keys: xxh3-64 of each band's `ROWS` values (little-endian bytes). Two
    /// signatures share a band key when (barring a 2^-64 collision) the band's values agree.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut out = [0u64; BANDS];
        for (o, rows) in out.iter_mut().zip(self.0.chunks_exact(ROWS)) {
            *o = band_key(rows);
        }
        out
    }

    /// Whether no shingle went in (every value is the empty sentinel).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| u64::from(v) == MAX_HASH)
    }

    fn band(&self, band: usize) -> &[u32] {
        self.0.chunks_exact(ROWS).nth(band).unwrap_or(&[])
    }
}

fn band_key(rows: &[u32]) -> u64 {
    let mut buf = [0u8; ROWS * 4];
    for (chunk, r) in buf.chunks_exact_mut(4).zip(rows) {
        chunk.copy_from_slice(&r.to_le_bytes());
    }
    xxh3_64(&buf)
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

/// Memory: at most `cap` × 520 bytes (line number and signature of each sampled value), plus
/// about 40 bytes per value while `finish()` runs.
///
/// Streaming near-duplicate finder over one column: signatures of up to `cap` values (the first
/// `cap` pushed; later ones are counted as not sampled), then at `finish()`: values with identical
/// signatures grouped, LSH buckets (16 bands × 8 rows) over the distinct signatures, each
/// candidate pair verified on its signature estimate, union-find clusters.
///
/// Push values with at least one word: the empty signature of an empty value equals every other
/// empty value's (exact duplicates are [`exact_key`]'s job).
///
/// Merge appends the other part's sampled values after this one's, up to the cap, so parts
/// merged in order give exactly the whole's report (lines are the file's already). An empty
/// accumulator (nothing pushed) takes the other's cap.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct NearDuplicates {
    cap: usize,
    entries: Vec<(u64, Signature)>,
    skipped: u64,
}

impl Default for NearDuplicates {
    fn default() -> NearDuplicates {
        NearDuplicates::new(SAMPLE_VALUES)
    }
}

/// What [`NearDuplicates::finish`] found.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct NearDupReport {
    /// Values that got a signature (the sample).
    pub examined: u64,
    /// Values past the sample cap (not examined).
    pub skipped: u64,
    /// Clusters of at least two near-duplicate values, each its lines ascending; largest first,
    /// then by first line.
    pub clusters: Vec<Vec<u64>>,
    /// Up to [`EXAMPLE_PAIRS`] verified pairs (line_a < line_b, estimate), most similar first.
    pub pairs: Vec<(u64, u64, f64)>,
    /// Values in some cluster.
    pub rows_in_clusters: u64,
    /// Verified pairs in all (values with identical signatures count once per value after the
    /// first of their group; in a bucket past [`BUCKET_WINDOW`] members only nearby pairs are
    /// checked).
    pub pairs_verified: u64,
}

impl NearDuplicates {
    /// A finder that samples the first `cap` values.
    pub fn new(cap: usize) -> NearDuplicates {
        // Indices are u32 inside finish().
        NearDuplicates { cap: cap.min(u32::MAX as usize), entries: Vec::new(), skipped: 0 }
    }

    /// The signature of the value on `line` (lines ascending, as read).
    pub fn push(&mut self, line: u64, signature: Signature) {
        if self.entries.len() >= self.cap {
            self.skipped += 1;
            return;
        }
        if self.entries.len() == self.entries.capacity() {
            // Grow by doubling but never past the cap, so the heap stays within the stated bound.
            let len = self.entries.len();
            self.entries.reserve_exact(len.max(16).min(self.cap - len));
        }
        self.entries.push((line, signature));
    }

    /// The sampled values: line and signature, in line order.
    pub fn entries(&self) -> &[(u64, Signature)] {
        &self.entries
    }

    /// Whether the next value is still sampled (so its signature is worth computing).
    pub fn wants(&self) -> bool {
        self.entries.len() < self.cap
    }

    /// Counts a value past the sample without its signature.
    pub fn skip(&mut self) {
        self.skipped += 1;
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<(u64, Signature)>()
    }

    /// Pairs whose signature estimate is at least `threshold`, and their clusters.
    pub fn finish(&self, threshold: f64) -> NearDupReport {
        let n = self.entries.len();
        let sig = |i: u32| self.entries.get(i as usize).map(|e| &e.1 .0[..]).unwrap_or(&[]);
        let line = |i: u32| self.entries.get(i as usize).map(|e| e.0).unwrap_or(0);
        let mut uf = UnionFind::new(n);
        let mut examples = Examples::default();

        // 1. Identical signatures: one group, verified by equality (estimate 1).
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&i, &j| sig(i).cmp(sig(j)).then(i.cmp(&j)));
        let mut reps: Vec<u32> = Vec::new();
        for group in order.chunk_by(|&i, &j| sig(i) == sig(j)) {
            let Some((&first, rest)) = group.split_first() else { continue };
            reps.push(first);
            if 1.0 >= threshold {
                for &other in rest {
                    uf.union(first, other);
                    examples.push(1.0, line(first), line(other));
                }
            }
        }
        drop(order);
        reps.sort_unstable();

        // 2. LSH over the distinct signatures, one band at a time.
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(reps.len());
        for band in 0..BANDS {
            keys.clear();
            keys.extend(reps.iter().map(|&r| (band_key(self.band_of(r, band)), r)));
            keys.sort_unstable();
            for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
                for (j, &(_, rj)) in bucket.iter().enumerate() {
                    let window = bucket.get(j.saturating_sub(BUCKET_WINDOW)..j).unwrap_or(&[]);
                    for &(_, ri) in window {
                        // A pair that already shared an earlier band was checked there.
                        let seen = (0..band).any(|b| self.band_of(ri, b) == self.band_of(rj, b));
                        if seen {
                            continue;
                        }
                        let (Some(si), Some(sj)) = (self.signature(ri), self.signature(rj)) else { continue };
                        let estimate = si.jaccard(sj);
                        if estimate >= threshold {
                            uf.union(ri, rj);
                            examples.push(estimate, line(ri), line(rj));
                        }
                    }
                }
            }
        }
        drop(keys);

        // 3. Clusters.
        let mut members: Vec<(u32, u64)> = (0..n as u32).map(|i| (uf.find(i), line(i))).collect();
        members.sort_unstable();
        let mut clusters: Vec<Vec<u64>> = members
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|c| c.len() >= 2)
            .map(|c| {
                let mut lines: Vec<u64> = c.iter().map(|m| m.1).collect();
                lines.sort_unstable();
                lines
            })
            .collect();
        clusters.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x.first().cmp(&y.first())));
        let rows_in_clusters = clusters.iter().map(|c| c.len() as u64).sum();
        let pairs_verified = examples.total;
        NearDupReport {
            examined: n as u64,
            skipped: self.skipped,
            clusters,
            pairs: examples.finish(),
            rows_in_clusters,
            pairs_verified,
        }
    }

    fn signature(&self, i: u32) -> Option<&Signature> {
        self.entries.get(i as usize).map(|e| &e.1)
    }

    fn band_of(&self, i: u32, band: usize) -> &[u32] {
        self.signature(i).map(|s| s.band(band)).unwrap_or(&[])
    }
}

impl Merge for NearDuplicates {
    fn merge(&mut self, other: NearDuplicates) {
        if self.entries.is_empty() && self.skipped == 0 {
            self.cap = other.cap;
        }
        let room = self.cap.saturating_sub(self.entries.len());
        let taken = other.entries.len().min(room);
        self.skipped += (other.entries.len() - taken) as u64 + other.skipped;
        if self.entries.is_empty() {
            self.entries = other.entries;
            self.entries.truncate(taken);
        } else {
            self.entries.extend(other.entries.into_iter().take(taken));
        }
    }
}

/// The most similar pairs seen, bounded: sorted and cut to [`EXAMPLE_PAIRS`] whenever it doubles.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Examples {
    pairs: Vec<(u64, u64, f64)>,
    total: u64,
}

impl Examples {
    fn push(&mut self, estimate: f64, x: u64, y: u64) {
        self.total += 1;
        self.pairs.push((x.min(y), x.max(y), estimate));
        if self.pairs.len() >= 2 * EXAMPLE_PAIRS {
            self.cut();
        }
    }

    fn cut(&mut self) {
        self.pairs.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        self.pairs.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
        self.pairs.truncate(EXAMPLE_PAIRS);
    }

    fn finish(mut self) -> Vec<(u64, u64, f64)> {
        self.cut();
        self.pairs
    }
}

/// Union-find over 0..n with path halving; the smaller index becomes the root (deterministic).
struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect() }
    }

    fn parent(&self, x: u32) -> u32 {
        self.parent.get(x as usize).copied().unwrap_or(x)
    }

    fn find(&mut self, mut x: u32) -> u32 {
        loop {
            let p = self.parent(x);
            if p == x {
                return x;
            }
            let gp = self.parent(p);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = gp;
            }
            x = gp;
        }
    }

    fn union(&mut self, x: u32, y: u32) {
        let (rx, ry) = (self.find(x), self.find(y));
        if rx == ry {
            return;
        }
        let (lo, hi) = (rx.min(ry), rx.max(ry));
        if let Some(slot) = self.parent.get_mut(hi as usize) {
            *slot = lo;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unicode tables, generated with Python's `regex` module (the one datatrove's NUMBERS_PATTERN
// uses) and datatrove 0.10.1's PUNCTUATION.

mod normalise;
mod rng;
pub use normalise::{exact_key, normalise, normalise_into, shingles};
use rng::Mt19937;

#[cfg(test)]
mod tests;
