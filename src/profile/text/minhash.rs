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
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
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
// Normalisation

/// datatrove's text simplification: `simplify_text(text)` of `datatrove/utils/text.py`
/// (datatrove 0.10.1) with its default `TextNormConfig` (lowercase, norm_numbers,
/// remove_punctuation, norm_whitespace, norm_unicode_diacritics on; weekdays and month names off).
///
/// Steps, in datatrove's order: `str.lower()` (full Unicode lowercasing, final sigma included, as
/// `str::to_lowercase`); `\p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)?` to `0`; `PUNCTUATION` to spaces; trim and
/// `\s+` to one space; NFD and drop `Mn`; trim. Unicode tables: `Nd` is the `regex` module's
/// (Unicode 17), marks are unicode-normalization's `M` (Unicode 18) less `Mc` and `Me`; Python
/// 3.11's `unicodedata` is Unicode 14, so characters assigned since may differ.
/// Agrees with datatrove on all 270 texts of `tests/reference/text_minhash_expected.json`.
pub fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut space = false;
    let mut chars = lower.chars();
    while let Some(c) = chars.next() {
        if is_decimal_digit(c) {
            skip_digits(&mut chars);
            let mut look = chars.clone();
            if look.next().is_some_and(is_number_separator) {
                let mut after = look.clone();
                if after.next().is_some_and(is_decimal_digit) {
                    chars = after;
                    skip_digits(&mut chars);
                }
            }
            push_word_char(&mut out, &mut space, '0');
        } else if is_space_like(c) {
            space = true;
        } else {
            push_word_char(&mut out, &mut space, c);
        }
    }
    if out.is_ascii() {
        // No decompositions and no marks: NFD is the identity and nothing is dropped.
        return out;
    }
    let mut stripped = String::with_capacity(out.len());
    stripped.extend(out.nfd().filter(|&c| !is_nonspacing_mark(c)));
    // Dropping a mark that stood alone between spaces or at an end leaves a double or an outer
    // space; datatrove strips the ends again but keeps the double space (so do we).
    if stripped.starts_with(' ') || stripped.ends_with(' ') {
        stripped.trim_matches(' ').to_owned()
    } else {
        stripped
    }
}

fn push_word_char(out: &mut String, space: &mut bool, c: char) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
    out.push(c);
}

fn skip_digits(chars: &mut std::str::Chars<'_>) {
    loop {
        let mut look = chars.clone();
        match look.next() {
            Some(d) if is_decimal_digit(d) => *chars = look,
            _ => break,
        }
    }
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Unicode general category `Nd`.
fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&DECIMAL_DIGITS, c)
    }
}

/// The decimal separators of datatrove's `NUMBERS_PATTERN`.
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{060C}' | '\u{066B}' | '\u{2396}' | '\u{2397}' | '\u{2398}')
}

/// A character that ends a word: datatrove's `PUNCTUATION` (turned into spaces) or whitespace
/// (Python's `\s`; it also counts U+001C–U+001F, which `PUNCTUATION` already has).
fn is_space_like(c: char) -> bool {
    if c.is_ascii() {
        // All ASCII punctuation, all controls (0–8 and 11–31 and 127 are in PUNCTUATION; 9 and 10
        // are whitespace) and the space.
        return c.is_ascii_punctuation() || c.is_ascii_control() || c == ' ';
    }
    let cp = u32::from(c);
    (0x80..=0x9F).contains(&cp) || PUNCTUATION.binary_search(&cp).is_ok() || c.is_whitespace()
}

/// Unicode general category `Mn`.
fn is_nonspacing_mark(c: char) -> bool {
    !c.is_ascii() && is_combining_mark(c) && !in_ranges(&SPACING_OR_ENCLOSING_MARKS, c)
}

// ---------------------------------------------------------------------------------------------
// Shingles

/// 32-bit hashes of the word n-grams of a normalised text (n = 5, or 3 for short columns:
/// [`shingle_size`]); a text with fewer than n words gives one shingle of all its words, an empty
/// text none. Words are separated by whitespace; an n-gram is its words joined by one space, and
/// its hash is the low 32 bits of its xxh3-64. `out` is cleared first. No allocation per shingle
/// (an n-gram is a slice of the text; only a text with irregular spacing is copied once).
pub fn shingles(normalised: &str, n: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = n.max(1);
    let collapsed: String;
    let text = if is_single_spaced(normalised) {
        normalised
    } else {
        collapsed = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
        collapsed.as_str()
    };
    if text.is_empty() {
        return;
    }
    let words = WordSpans { bytes: text.as_bytes(), pos: 0 };
    let mut ends = words.clone().skip(n - 1);
    for (start, _) in words {
        let Some((_, end)) = ends.next() else { break };
        if let Some(gram) = text.get(start..end) {
            out.push(shingle_hash(gram));
        }
    }
    if out.is_empty() {
        out.push(shingle_hash(text));
    }
}

fn shingle_hash(gram: &str) -> u32 {
    // Truncation intended: the low 32 bits.
    xxh3_64(gram.as_bytes()) as u32
}

/// Words separated by exactly one ASCII space, no space at either end, no other whitespace.
fn is_single_spaced(text: &str) -> bool {
    !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.chars().any(|c| c != ' ' && c.is_whitespace())
}

/// Byte spans of the words of a single-spaced text.
#[derive(Clone)]
struct WordSpans<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.bytes.get(self.pos..)?;
        let skip = rest.iter().position(|&b| b != b' ')?;
        let start = self.pos + skip;
        let len = self.bytes.get(start..)?.iter().position(|&b| b == b' ').unwrap_or(self.bytes.len() - start);
        self.pos = start + len;
        Some((start, start + len))
    }
}

/// Exact duplicates after normalisation: 64-bit hash of the normalised text (xxh3).
pub fn exact_key(normalised: &str) -> u64 {
    xxh3_64(normalised.as_bytes())
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

/// MT19937 as numpy's legacy `RandomState` runs it (seeded by `init_genrand`), with numpy's
/// `randint` for a 64-bit range (masked rejection: draw 64 bits high word first, mask to the
/// range's bit width, retry while above).
struct Mt19937 {
    state: [u32; MT_N],
    pos: usize,
}

const MT_N: usize = 624;
const MT_M: usize = 397;

impl Mt19937 {
    fn new(seed: u32) -> Mt19937 {
        let mut state = [0u32; MT_N];
        let mut s = seed;
        for (i, slot) in (1u32..).zip(state.iter_mut()) {
            *slot = s;
            s = 1_812_433_253u32.wrapping_mul(s ^ (s >> 30)).wrapping_add(i);
        }
        Mt19937 { state, pos: MT_N }
    }

    fn at(&self, i: usize) -> u32 {
        self.state.get(i % MT_N).copied().unwrap_or(0)
    }

    fn twist(&mut self) {
        for i in 0..MT_N {
            let y = (self.at(i) & 0x8000_0000) | (self.at(i + 1) & 0x7FFF_FFFF);
            let v = self.at(i + MT_M) ^ (y >> 1) ^ if y & 1 == 1 { 0x9908_B0DF } else { 0 };
            if let Some(slot) = self.state.get_mut(i) {
                *slot = v;
            }
        }
        self.pos = 0;
    }

    fn next_u32(&mut self) -> u32 {
        if self.pos >= MT_N {
            self.twist();
        }
        let mut y = self.at(self.pos);
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C_5680;
        y ^= (y << 15) & 0xEFC6_0000;
        y ^ (y >> 18)
    }

    fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        let lo = u64::from(self.next_u32());
        (hi << 32) | lo
    }

    /// numpy `RandomState.randint(low, high, dtype=np.uint64)` for `high − low − 1 > 2^32 − 1`
    /// (the only ranges drawn here).
    fn randint(&mut self, low: u64, high: u64) -> u64 {
        let rng = high.saturating_sub(low).saturating_sub(1);
        let mask = u64::MAX.checked_shr(rng.leading_zeros()).unwrap_or(0);
        loop {
            let v = self.next_u64() & mask;
            if v <= rng {
                return low + v;
            }
        }
    }
}

/// A MinHash signature: the minimum of each permutation over a value's shingles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; PERMUTATIONS]);

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
#[derive(Clone, Debug)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Default)]
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

/// datatrove's `PUNCTUATION` beyond ASCII and the C1 controls (U+0080–U+009F), sorted.
const PUNCTUATION: [u32; 34] = [
    0x00AB, 0x00B4, 0x00BB, 0x2013, 0x2014, 0x2019, 0x201C, 0x201D, 0x201E, 0x2026, 0x2236, 0x2501, 0x25BA, 0x3001,
    0x3002, 0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x3010, 0x3011, 0xFF01, 0xFF05, 0xFF08, 0xFF09, 0xFF0C,
    0xFF0E, 0xFF11, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF5E,
];

/// Unicode `Nd` (decimal digits) ranges, sorted.
const DECIMAL_DIGITS: [(u32, u32); 72] = [
    (0x30, 0x39),
    (0x660, 0x669),
    (0x6F0, 0x6F9),
    (0x7C0, 0x7C9),
    (0x966, 0x96F),
    (0x9E6, 0x9EF),
    (0xA66, 0xA6F),
    (0xAE6, 0xAEF),
    (0xB66, 0xB6F),
    (0xBE6, 0xBEF),
    (0xC66, 0xC6F),
    (0xCE6, 0xCEF),
    (0xD66, 0xD6F),
    (0xDE6, 0xDEF),
    (0xE50, 0xE59),
    (0xED0, 0xED9),
    (0xF20, 0xF29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x17E0, 0x17E9),
    (0x1810, 0x1819),
    (0x1946, 0x194F),
    (0x19D0, 0x19D9),
    (0x1A80, 0x1A89),
    (0x1A90, 0x1A99),
    (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9),
    (0x1C40, 0x1C49),
    (0x1C50, 0x1C59),
    (0xA620, 0xA629),
    (0xA8D0, 0xA8D9),
    (0xA900, 0xA909),
    (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59),
    (0xABF0, 0xABF9),
    (0xFF10, 0xFF19),
    (0x104A0, 0x104A9),
    (0x10D30, 0x10D39),
    (0x10D40, 0x10D49),
    (0x11066, 0x1106F),
    (0x110F0, 0x110F9),
    (0x11136, 0x1113F),
    (0x111D0, 0x111D9),
    (0x112F0, 0x112F9),
    (0x11450, 0x11459),
    (0x114D0, 0x114D9),
    (0x11650, 0x11659),
    (0x116C0, 0x116C9),
    (0x116D0, 0x116E3),
    (0x11730, 0x11739),
    (0x118E0, 0x118E9),
    (0x11950, 0x11959),
    (0x11BF0, 0x11BF9),
    (0x11C50, 0x11C59),
    (0x11D50, 0x11D59),
    (0x11DA0, 0x11DA9),
    (0x11DE0, 0x11DE9),
    (0x11F50, 0x11F59),
    (0x16130, 0x16139),
    (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9),
    (0x16B50, 0x16B59),
    (0x16D70, 0x16D79),
    (0x1CCF0, 0x1CCF9),
    (0x1D7CE, 0x1D7FF),
    (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9),
    (0x1E4F0, 0x1E4F9),
    (0x1E5F1, 0x1E5FA),
    (0x1E950, 0x1E959),
    (0x1FBF0, 0x1FBF9),
];

/// Unicode `Mc` and `Me` (spacing and enclosing marks) ranges, sorted: `M` less these is `Mn`.
const SPACING_OR_ENCLOSING_MARKS: [(u32, u32); 201] = [
    (0x488, 0x489),
    (0x903, 0x903),
    (0x93B, 0x93B),
    (0x93E, 0x940),
    (0x949, 0x94C),
    (0x94E, 0x94F),
    (0x982, 0x983),
    (0x9BE, 0x9C0),
    (0x9C7, 0x9C8),
    (0x9CB, 0x9CC),
    (0x9D7, 0x9D7),
    (0xA03, 0xA03),
    (0xA3E, 0xA40),
    (0xA83, 0xA83),
    (0xABE, 0xAC0),
    (0xAC9, 0xAC9),
    (0xACB, 0xACC),
    (0xB02, 0xB03),
    (0xB3E, 0xB3E),
    (0xB40, 0xB40),
    (0xB47, 0xB48),
    (0xB4B, 0xB4C),
    (0xB57, 0xB57),
    (0xBBE, 0xBBF),
    (0xBC1, 0xBC2),
    (0xBC6, 0xBC8),
    (0xBCA, 0xBCC),
    (0xBD7, 0xBD7),
    (0xC01, 0xC03),
    (0xC41, 0xC44),
    (0xC82, 0xC83),
    (0xCBE, 0xCBE),
    (0xCC0, 0xCC4),
    (0xCC7, 0xCC8),
    (0xCCA, 0xCCB),
    (0xCD5, 0xCD6),
    (0xCF3, 0xCF3),
    (0xD02, 0xD03),
    (0xD3E, 0xD40),
    (0xD46, 0xD48),
    (0xD4A, 0xD4C),
    (0xD57, 0xD57),
    (0xD82, 0xD83),
    (0xDCF, 0xDD1),
    (0xDD8, 0xDDF),
    (0xDF2, 0xDF3),
    (0xF3E, 0xF3F),
    (0xF7F, 0xF7F),
    (0x102B, 0x102C),
    (0x1031, 0x1031),
    (0x1038, 0x1038),
    (0x103B, 0x103C),
    (0x1056, 0x1057),
    (0x1062, 0x1064),
    (0x1067, 0x106D),
    (0x1083, 0x1084),
    (0x1087, 0x108C),
    (0x108F, 0x108F),
    (0x109A, 0x109C),
    (0x1715, 0x1715),
    (0x1734, 0x1734),
    (0x17B6, 0x17B6),
    (0x17BE, 0x17C5),
    (0x17C7, 0x17C8),
    (0x1923, 0x1926),
    (0x1929, 0x192B),
    (0x1930, 0x1931),
    (0x1933, 0x1938),
    (0x1A19, 0x1A1A),
    (0x1A55, 0x1A55),
    (0x1A57, 0x1A57),
    (0x1A61, 0x1A61),
    (0x1A63, 0x1A64),
    (0x1A6D, 0x1A72),
    (0x1ABE, 0x1ABE),
    (0x1B04, 0x1B04),
    (0x1B35, 0x1B35),
    (0x1B3B, 0x1B3B),
    (0x1B3D, 0x1B41),
    (0x1B43, 0x1B44),
    (0x1B82, 0x1B82),
    (0x1BA1, 0x1BA1),
    (0x1BA6, 0x1BA7),
    (0x1BAA, 0x1BAA),
    (0x1BE7, 0x1BE7),
    (0x1BEA, 0x1BEC),
    (0x1BEE, 0x1BEE),
    (0x1BF2, 0x1BF3),
    (0x1C24, 0x1C2B),
    (0x1C34, 0x1C35),
    (0x1CE1, 0x1CE1),
    (0x1CF7, 0x1CF7),
    (0x20DD, 0x20E0),
    (0x20E2, 0x20E4),
    (0x302E, 0x302F),
    (0xA670, 0xA672),
    (0xA823, 0xA824),
    (0xA827, 0xA827),
    (0xA880, 0xA881),
    (0xA8B4, 0xA8C3),
    (0xA952, 0xA953),
    (0xA983, 0xA983),
    (0xA9B4, 0xA9B5),
    (0xA9BA, 0xA9BB),
    (0xA9BE, 0xA9C0),
    (0xAA2F, 0xAA30),
    (0xAA33, 0xAA34),
    (0xAA4D, 0xAA4D),
    (0xAA7B, 0xAA7B),
    (0xAA7D, 0xAA7D),
    (0xAAEB, 0xAAEB),
    (0xAAEE, 0xAAEF),
    (0xAAF5, 0xAAF5),
    (0xABE3, 0xABE4),
    (0xABE6, 0xABE7),
    (0xABE9, 0xABEA),
    (0xABEC, 0xABEC),
    (0x11000, 0x11000),
    (0x11002, 0x11002),
    (0x11082, 0x11082),
    (0x110B0, 0x110B2),
    (0x110B7, 0x110B8),
    (0x1112C, 0x1112C),
    (0x11145, 0x11146),
    (0x11182, 0x11182),
    (0x111B3, 0x111B5),
    (0x111BF, 0x111C0),
    (0x111CE, 0x111CE),
    (0x1122C, 0x1122E),
    (0x11232, 0x11233),
    (0x11235, 0x11235),
    (0x112E0, 0x112E2),
    (0x11302, 0x11303),
    (0x1133E, 0x1133F),
    (0x11341, 0x11344),
    (0x11347, 0x11348),
    (0x1134B, 0x1134D),
    (0x11357, 0x11357),
    (0x11362, 0x11363),
    (0x113B8, 0x113BA),
    (0x113C2, 0x113C2),
    (0x113C5, 0x113C5),
    (0x113C7, 0x113CA),
    (0x113CC, 0x113CD),
    (0x113CF, 0x113CF),
    (0x11435, 0x11437),
    (0x11440, 0x11441),
    (0x11445, 0x11445),
    (0x114B0, 0x114B2),
    (0x114B9, 0x114B9),
    (0x114BB, 0x114BE),
    (0x114C1, 0x114C1),
    (0x115AF, 0x115B1),
    (0x115B8, 0x115BB),
    (0x115BE, 0x115BE),
    (0x11630, 0x11632),
    (0x1163B, 0x1163C),
    (0x1163E, 0x1163E),
    (0x116AC, 0x116AC),
    (0x116AE, 0x116AF),
    (0x116B6, 0x116B6),
    (0x1171E, 0x1171E),
    (0x11720, 0x11721),
    (0x11726, 0x11726),
    (0x1182C, 0x1182E),
    (0x11838, 0x11838),
    (0x11930, 0x11935),
    (0x11937, 0x11938),
    (0x1193D, 0x1193D),
    (0x11940, 0x11940),
    (0x11942, 0x11942),
    (0x119D1, 0x119D3),
    (0x119DC, 0x119DF),
    (0x119E4, 0x119E4),
    (0x11A39, 0x11A39),
    (0x11A57, 0x11A58),
    (0x11A97, 0x11A97),
    (0x11B61, 0x11B61),
    (0x11B65, 0x11B65),
    (0x11B67, 0x11B67),
    (0x11C2F, 0x11C2F),
    (0x11C3E, 0x11C3E),
    (0x11CA9, 0x11CA9),
    (0x11CB1, 0x11CB1),
    (0x11CB4, 0x11CB4),
    (0x11D8A, 0x11D8E),
    (0x11D93, 0x11D94),
    (0x11D96, 0x11D96),
    (0x11EF5, 0x11EF6),
    (0x11F03, 0x11F03),
    (0x11F34, 0x11F35),
    (0x11F3E, 0x11F3F),
    (0x11F41, 0x11F41),
    (0x1612A, 0x1612C),
    (0x16F51, 0x16F87),
    (0x16FF0, 0x16FF1),
    (0x1D165, 0x1D166),
    (0x1D16D, 0x1D172),
    (0x1D250, 0x1D252),
    (0x1D25F, 0x1D25F),
    (0x1D280, 0x1D281),
];

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::Value;

    const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/text_minhash_expected.json");

    fn u64s(v: &Value) -> Vec<u64> {
        v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()
    }

    /// Signatures bit-identical to datasketch 2.0.0 (legacy scheme) on the reference texts, (a, b)
    /// identical to datasketch's own for the seed, shingles identical to the Python ones, and
    /// `normalise` identical to datatrove's `simplify_text`.
    #[test]
    fn matches_datasketch_and_datatrove() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(REFERENCE).unwrap()).unwrap();
        let hasher = MinHasher::new(doc["seed"].as_u64().unwrap());
        let (a, b) = hasher.permutations();
        assert_eq!(a, &u64s(&doc["a"])[..], "a differs from datasketch's");
        assert_eq!(b, &u64s(&doc["b"])[..], "b differs from datasketch's");
        assert_eq!(MinHasher::new(SEED).permutations(), hasher.permutations());

        let texts = doc["texts"].as_array().unwrap();
        assert!(texts.len() >= 200);
        let (mut values, mut norm_checked, mut norm_mismatch) = (0, 0, Vec::new());
        let mut sigs = Vec::new();
        let mut buf = Vec::new();
        for t in texts {
            let shingle_hashes: Vec<u32> = u64s(&t["shingles"]).iter().map(|&h| u32::try_from(h).unwrap()).collect();
            let expected: Vec<u32> = u64s(&t["signature"]).iter().map(|&h| u32::try_from(h).unwrap()).collect();
            let sig = hasher.signature(&shingle_hashes);
            assert_eq!(&sig.0[..], &expected[..], "signature of {:?}", t["text"]);
            values += expected.len();
            sigs.push(sig);
            if let Some(norm) = t["normalised"].as_str() {
                let n = t["n"].as_u64().unwrap() as usize;
                shingles(norm, n, &mut buf);
                assert_eq!(buf, shingle_hashes, "shingles of {norm:?}");
                norm_checked += 1;
                let ours = normalise(t["text"].as_str().unwrap());
                if ours != norm {
                    norm_mismatch.push((ours, norm.to_owned()));
                }
            }
        }
        for (i, j) in doc["jaccard_next"].as_array().unwrap().iter().enumerate() {
            assert_eq!(sigs[i].jaccard(&sigs[i + 1]), j.as_f64().unwrap());
        }
        eprintln!(
            "datasketch: {} signatures, {values} hash values identical; datatrove simplify_text: {} of {norm_checked} \
             texts identical",
            texts.len(),
            norm_checked - norm_mismatch.len()
        );
        assert!(norm_checked >= 200, "datatrove outputs missing from the reference");
        assert!(norm_mismatch.is_empty(), "normalise differs from datatrove: {norm_mismatch:#?}");
    }

    #[test]
    fn normalise_examples() {
        assert_eq!(normalise("Héllo, World!  3.14 and 1,000,000"), "hello world 0 and 0 0");
        assert_eq!(normalise("  Crème\tbrûlée\n"), "creme brulee");
        assert_eq!(normalise("a1b22c 3.x .5"), "a0b0c 0 x 0");
        assert_eq!(normalise("ΟΔΟΣ"), "οδος");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("...!?"), "");
        assert_eq!(exact_key(&normalise("Hello, WORLD")), exact_key(&normalise("hello world!")));
    }

    #[test]
    fn shingle_edges() {
        let mut out = vec![7];
        shingles("", 5, &mut out);
        assert!(out.is_empty());
        shingles("one two", 5, &mut out);
        assert_eq!(out, vec![xxh3_64(b"one two") as u32]);
        shingles("a b c d e f", 5, &mut out);
        assert_eq!(out, vec![xxh3_64(b"a b c d e") as u32, xxh3_64(b"b c d e f") as u32]);
        let mut spaced = Vec::new();
        shingles("  a  b c\td e\u{a0}f ", 5, &mut spaced);
        assert_eq!(spaced, out);
        shingles("a b c", 0, &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(shingle_size(12.0), 3);
        assert_eq!(shingle_size(30.0), 5);
        assert_eq!(shingle_size(f64::NAN), 5);
    }

    #[test]
    fn mersenne_reduction_is_exact() {
        let mut x = 0x0123_4567_89AB_CDEFu64;
        for v in [0, 1, MERSENNE - 1, MERSENNE, MERSENNE + 1, 2 * MERSENNE, u64::MAX, u64::MAX - 1] {
            assert_eq!(mod_mersenne(v), v % MERSENNE);
        }
        for _ in 0..100_000 {
            x = splitmix(&mut x);
            assert_eq!(mod_mersenne(x), x % MERSENNE);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let hasher = MinHasher::default();
        let mut buf = Vec::new();
        let mut nd = NearDuplicates::new(10);
        for (i, text) in
            ["", " ", "\u{301}", "\u{301} \u{301}", "１２３", "\0\u{7f}\u{85}", "ǅ", "ﬃ", "\u{10FFFF}", "a\u{200d}"]
                .iter()
                .enumerate()
        {
            let norm = normalise(text);
            shingles(&norm, 5, &mut buf);
            let sig = hasher.signature(&buf);
            assert_eq!(sig.is_empty(), buf.is_empty());
            let _ = exact_key(&norm);
            nd.push(i as u64, sig);
        }
        nd.push(99, hasher.signature(&[]));
        let report = nd.finish(THRESHOLD);
        assert_eq!((report.examined, report.skipped), (10, 1));
        let empty = NearDuplicates::new(0);
        assert_eq!(empty.finish(THRESHOLD).clusters.len(), 0);
        let _ = NearDuplicates::default().finish(f64::NAN);
    }

    fn splitmix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A bijection on u32 (MurmurHash3's finaliser): distinct counters give distinct shingles.
    fn fmix32(mut h: u32) -> u32 {
        h ^= h >> 16;
        h = h.wrapping_mul(0x85EB_CA6B);
        h ^= h >> 13;
        h = h.wrapping_mul(0xC2B2_AE35);
        h ^ (h >> 16)
    }

    /// E|X/k − J| for X ~ Binomial(k, J): the mean absolute error of a perfect k-permutation
    /// MinHash at Jaccard J.
    fn binomial_mae(j: f64, k: usize) -> f64 {
        let mut total = 0.0;
        for x in 0..=k {
            let ln_choose = (1..=x).map(|i| ((k - x + i) as f64 / i as f64).ln()).sum::<f64>();
            let p = if j <= 0.0 {
                if x == 0 {
                    1.0
                } else {
                    0.0
                }
            } else if j >= 1.0 {
                if x == k {
                    1.0
                } else {
                    0.0
                }
            } else {
                (ln_choose + x as f64 * j.ln() + (k - x) as f64 * (1.0 - j).ln()).exp()
            };
            total += p * (x as f64 / k as f64 - j).abs();
        }
        total
    }

    /// Planted pairs of exactly known Jaccard in [0.3, 1]: accuracy of the estimate, LSH candidate
    /// rate per decile against 1 − (1 − s^8)^16, precision and recall at 0.8.
    #[test]
    fn planted_pairs() {
        const PER_DECILE: usize = 1500;
        let hasher = MinHasher::new(SEED);
        let mut rng = 0x5EED_u64;
        let mut counter = 0u32;
        let mut fresh = || {
            counter += 1;
            fmix32(counter)
        };
        let (mut abs_sum, mut err_sum, mut expected_mae, mut within, mut pairs) = (0.0, 0.0, 0.0, 0usize, 0usize);
        let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
        let mut report = Vec::new();
        for decile in 0..7 {
            let lo = 0.3 + 0.1 * decile as f64;
            let (mut candidates, mut curve, mut j_sum, mut est_sum) = (0usize, 0.0, 0.0, 0.0);
            for _ in 0..PER_DECILE {
                let union = 40 + (splitmix(&mut rng) % 81) as usize;
                let i_min = (lo * union as f64 - 1e-9).ceil() as usize;
                let i_max = if decile == 6 { union } else { ((lo + 0.1) * union as f64 - 1e-9).ceil() as usize - 1 };
                let inter = i_min + (splitmix(&mut rng) % (i_max - i_min + 1) as u64) as usize;
                let only = union - inter;
                let only_a = if only == 0 { 0 } else { (splitmix(&mut rng) % (only as u64 + 1)) as usize };
                let common: Vec<u32> = (0..inter).map(|_| fresh()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((0..only_a).map(|_| fresh()));
                b.extend((0..only - only_a).map(|_| fresh()));
                let j = inter as f64 / union as f64;
                let (sa, sb) = (hasher.signature(&a), hasher.signature(&b));
                let est = sa.jaccard(&sb);
                let sigma = (j * (1.0 - j) / PERMUTATIONS as f64).sqrt();
                abs_sum += (est - j).abs();
                err_sum += est - j;
                expected_mae += binomial_mae(j, PERMUTATIONS);
                within += usize::from((est - j).abs() <= 3.0 * sigma + 1e-12);
                pairs += 1;
                let candidate = sa.bands().iter().zip(sb.bands().iter()).any(|(x, y)| x == y);
                candidates += usize::from(candidate);
                curve += 1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32);
                j_sum += j;
                est_sum += est;
                match (est >= THRESHOLD, j >= THRESHOLD) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fnn += 1,
                    _ => {}
                }
            }
            let n = PER_DECILE as f64;
            report.push((lo, candidates as f64 / n, curve / n, est_sum / n - j_sum / n));
        }
        let mae = abs_sum / pairs as f64;
        let expected_mae = expected_mae / pairs as f64;
        let bias = err_sum / pairs as f64;
        let share = within as f64 / pairs as f64;
        let precision = tp as f64 / (tp + fp) as f64;
        let recall = tp as f64 / (tp + fnn) as f64;
        eprintln!("planted pairs: {pairs}; MAE {mae:.4} (a perfect 128-permutation MinHash: {expected_mae:.4}); bias {bias:+.4}; within 3σ {:.2} %", 100.0 * share);
        for (lo, rate, curve, bias) in &report {
            eprintln!(
                "  J in [{lo:.1}, {:.1}{}: candidate rate {rate:.3}, curve {curve:.3}, diff {:+.3}; mean estimate − J {bias:+.4}",
                lo + 0.1,
                if *lo > 0.85 { "]" } else { ")" },
                rate - curve
            );
        }
        eprintln!("  estimate >= 0.8 against J >= 0.8: precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fnn})");
        assert!(pairs >= 1000);
        // The literal "MAE ≤ 0.02" cannot hold for any 128-permutation MinHash with J spread over
        // [0.3, 1]: its error is binomial with σ = sqrt(J(1−J)/128), up to 0.044, and E|error| is
        // `expected_mae` (≈ 0.028). Held instead: the MAE of a perfect MinHash within 0.002, and
        // the mean error (bias) within 0.02 overall and per decile.
        assert!((mae - expected_mae).abs() <= 0.002, "MAE {mae} vs {expected_mae}");
        assert!(bias.abs() <= 0.02, "bias {bias}");
        assert!(share >= 0.99, "within 3σ: {share}");
        for (lo, rate, curve, bias) in report {
            assert!((rate - curve).abs() <= 0.05, "decile {lo}: candidate rate {rate} vs curve {curve}");
            assert!(bias.abs() <= 0.02, "decile {lo}: bias {bias}");
        }
    }

    fn words(seed: u64, n: usize) -> Vec<String> {
        let mut s = seed;
        // Letters only: digits would all normalise to `0`.
        (0..n)
            .map(|_| {
                let mut v = splitmix(&mut s) % 5000;
                let mut w = String::new();
                for _ in 0..3 {
                    w.push(char::from(b'a' + (v % 26) as u8));
                    v /= 26;
                }
                w
            })
            .collect()
    }

    fn signature_of(hasher: &MinHasher, text: &str) -> Signature {
        let mut buf = Vec::new();
        shingles(&normalise(text), SHINGLE_WORDS, &mut buf);
        hasher.signature(&buf)
    }

    /// A column: for each of 12 base texts, 3 paraphrases (one word or two adjacent ones changed, punctuation
    /// and case changed), among 200 unrelated texts.
    fn column(hasher: &MinHasher) -> (Vec<(u64, Signature)>, Vec<Vec<u64>>) {
        let mut rows = Vec::new();
        let mut groups = Vec::new();
        let mut line = 1u64;
        let mut s = 77u64;
        for base in 0..12u64 {
            let w = words(1000 + base, 120);
            let mut group = Vec::new();
            for variant in 0..4 {
                let mut v = w.clone();
                if variant > 0 {
                    let at = (splitmix(&mut s) % 120) as usize;
                    v[at] = format!("changed{}", ["", "one", "two", "three"][variant]);
                    if variant == 3 {
                        v[(at + 1) % 120] = "another".into();
                        v[0] = v[0].to_uppercase();
                    }
                }
                let text = v.join(if variant == 2 { ", " } else { " " });
                rows.push((line, signature_of(hasher, &text)));
                group.push(line);
                line += 1;
            }
            groups.push(group);
            for k in 0..17 {
                rows.push((line, signature_of(hasher, &words(50_000 + base * 100 + k, 120).join(" "))));
                line += 1;
            }
        }
        (rows, groups)
    }

    #[test]
    fn paraphrased_near_copies_cluster() {
        let hasher = MinHasher::new(SEED);
        let (rows, groups) = column(&hasher);
        let mut nd = NearDuplicates::new(SAMPLE_VALUES);
        for (line, sig) in rows.iter().cloned() {
            nd.push(line, sig);
        }
        let report = nd.finish(THRESHOLD);
        eprintln!(
            "paraphrases: {} clusters, {} rows; pairs {:?}",
            report.clusters.len(),
            report.rows_in_clusters,
            &report.pairs[..3]
        );
        let mut clusters = report.clusters.clone();
        clusters.sort();
        let mut expected = groups;
        expected.sort();
        assert_eq!(clusters, expected);
        assert_eq!(report.rows_in_clusters, 48);
        assert_eq!(report.examined, rows.len() as u64);
        assert!(report.pairs.len() <= EXAMPLE_PAIRS && !report.pairs.is_empty());
        assert!(report.pairs.windows(2).all(|p| p[0].2 >= p[1].2));
        assert!(report.pairs.iter().all(|p| p.0 < p.1 && p.2 >= THRESHOLD));
        assert!(nd.heap_bytes() >= rows.len() * 520);
        // A threshold of 1 keeps only identical signatures: none here.
        assert!(nd.finish(1.0).clusters.is_empty());
    }

    #[test]
    fn merge_of_parts_is_the_whole() {
        let hasher = MinHasher::new(SEED);
        let (mut rows, _) = column(&hasher);
        // Exact duplicates (after normalisation) too.
        rows.push((1000, rows[0].1.clone()));
        rows.push((1001, rows[1].1.clone()));
        for cap in [SAMPLE_VALUES, 150, 0] {
            let mut whole = NearDuplicates::new(cap);
            for (line, sig) in rows.iter().cloned() {
                whole.push(line, sig);
            }
            for split in [0, 1, 100, 170, rows.len()] {
                let mut left = NearDuplicates::new(cap);
                let mut right = NearDuplicates::new(cap);
                for (i, (line, sig)) in rows.iter().cloned().enumerate() {
                    if i < split {
                        left.push(line, sig);
                    } else {
                        right.push(line, sig);
                    }
                }
                left.merge(right);
                assert_eq!(left.finish(THRESHOLD), whole.finish(THRESHOLD), "cap {cap}, split {split}");
            }
            let mut identity = NearDuplicates::default();
            identity.merge(whole.clone());
            assert_eq!(identity.finish(THRESHOLD), whole.finish(THRESHOLD));
            let mut w = whole.clone();
            w.merge(NearDuplicates::default());
            assert_eq!(w.finish(THRESHOLD), whole.finish(THRESHOLD));
        }
        let mut whole = NearDuplicates::new(150);
        for (line, sig) in rows.iter().cloned() {
            whole.push(line, sig);
        }
        let r = whole.finish(THRESHOLD);
        assert_eq!((r.examined, r.skipped), (150, rows.len() as u64 - 150));
        let mut full = NearDuplicates::new(SAMPLE_VALUES);
        for (line, sig) in rows.iter().cloned() {
            full.push(line, sig);
        }
        let r = full.finish(THRESHOLD);
        assert!(r.pairs.iter().take(2).all(|p| p.2 == 1.0));
        assert!(r.clusters.iter().any(|c| c.contains(&1000) && c.contains(&1)));
    }

    /// Cost of `signature` for a 100-word value; run with
    /// `cargo test --release --lib minhash::tests::timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing() {
        let hasher = MinHasher::new(SEED);
        let texts: Vec<String> = (0..2000).map(|i| words(i, 100).join(" ")).collect();
        let mut buf = Vec::new();
        let t0 = std::time::Instant::now();
        let mut all = Vec::new();
        for t in &texts {
            shingles(&normalise(t), SHINGLE_WORDS, &mut buf);
            all.push(buf.clone());
        }
        let t1 = std::time::Instant::now();
        let mut acc = 0u64;
        for s in &all {
            acc = acc.wrapping_add(u64::from(hasher.signature(s).0[0]));
        }
        let t2 = std::time::Instant::now();
        let mut nd = NearDuplicates::new(SAMPLE_VALUES);
        for (i, s) in all.iter().enumerate() {
            nd.push(i as u64, hasher.signature(s));
        }
        let t3 = std::time::Instant::now();
        let _ = nd.finish(THRESHOLD);
        let t4 = std::time::Instant::now();
        let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / texts.len() as f64;
        eprintln!(
            "per 100-word value: normalise+shingles {:.2} µs, signature {:.2} µs, finish {:.2} µs ({acc})",
            per(t1 - t0),
            per(t2 - t1),
            per(t4 - t3)
        );
        // finish() at the full sample: random signatures, with every tenth one a near-copy.
        let mut nd = NearDuplicates::new(SAMPLE_VALUES);
        let mut s = 1u64;
        let mut last = Signature([0; PERMUTATIONS]);
        for line in 0..SAMPLE_VALUES as u64 {
            let mut sig = Signature(std::array::from_fn(|_| splitmix(&mut s) as u32));
            if line % 10 == 1 {
                sig = last.clone();
                sig.0[(line % 128) as usize] ^= 1;
            }
            last = sig.clone();
            nd.push(line, sig);
        }
        let t5 = std::time::Instant::now();
        let r = nd.finish(THRESHOLD);
        eprintln!(
            "finish over {} values: {:.2} s, {} clusters; heap {} MB",
            r.examined,
            t5.elapsed().as_secs_f64(),
            r.clusters.len(),
            nd.heap_bytes() / 1_000_000
        );
    }
}
