//! (stub until the real module lands)
pub const PERMUTATIONS: usize = 128;
pub const BANDS: usize = 16;
pub const ROWS: usize = 8;
pub const THRESHOLD: f64 = 0.8;
pub const SAMPLE_VALUES: usize = 200_000;
pub const SEED: u64 = 1;
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
}
pub fn shingles(normalised: &str, _n: usize, out: &mut Vec<u32>) {
    out.push(normalised.len() as u32)
}
pub struct MinHasher;
impl MinHasher {
    pub fn new(_seed: u64) -> MinHasher {
        MinHasher
    }
    pub fn signature(&self, _s: &[u32]) -> Signature {
        Signature([0; PERMUTATIONS])
    }
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; PERMUTATIONS]);
#[derive(Clone, Debug, Default)]
pub struct NearDuplicates {
    n: u64,
}
impl NearDuplicates {
    pub fn new(_cap: usize) -> NearDuplicates {
        NearDuplicates { n: 0 }
    }
    pub fn push(&mut self, _line: u64, _signature: Signature) {
        self.n += 1
    }
    pub fn finish(&self, _threshold: f64) -> NearDupReport {
        NearDupReport { examined: self.n, skipped: 0, clusters: Vec::new(), pairs: Vec::new(), rows_in_clusters: 0 }
    }
    pub fn heap_bytes(&self) -> usize {
        0
    }
}
impl crate::profile::merge::Merge for NearDuplicates {
    fn merge(&mut self, o: NearDuplicates) {
        self.n += o.n;
    }
}
pub struct NearDupReport {
    pub examined: u64,
    pub skipped: u64,
    pub clusters: Vec<Vec<u64>>,
    pub pairs: Vec<(u64, u64, f64)>,
    pub rows_in_clusters: u64,
}
pub fn exact_key(normalised: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(normalised.as_bytes())
}
