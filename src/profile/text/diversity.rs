//! (stub until the real module lands)
pub const SAMPLE_TOKENS: usize = 100_000;
#[derive(Clone, Debug, Default)]
pub struct Diversity {
    tokens: usize,
}
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct DiversityFigures {
    pub tokens: u64,
    pub distinct: [f64; 4],
    pub nds: f64,
    pub compression_ratio: f64,
}
impl Diversity {
    pub fn push(&mut self, value: &str) {
        self.tokens += value.split(' ').count();
    }
    pub fn tokens(&self) -> usize {
        self.tokens
    }
    pub fn figures(&self) -> Option<DiversityFigures> {
        None
    }
    pub fn heap_bytes(&self) -> usize {
        0
    }
}
impl crate::profile::merge::Merge for Diversity {
    fn merge(&mut self, o: Diversity) {
        self.tokens += o.tokens;
    }
}
