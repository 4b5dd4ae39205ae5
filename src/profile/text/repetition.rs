//! (stub until the real module lands)
pub const MIN_WORDS: usize = 50;
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Gopher {
    pub dup_line_frac: f64,
}
pub struct Exceeded {
    pub ratio: &'static str,
    pub value: f64,
    pub limit: f64,
}
impl Gopher {
    pub fn exceeded(&self) -> Vec<Exceeded> {
        if self.dup_line_frac > 0.3 {
            vec![Exceeded { ratio: "dup_line_frac", value: self.dup_line_frac, limit: 0.3 }]
        } else {
            Vec::new()
        }
    }
}
pub fn gopher(text: &str) -> Option<Gopher> {
    let lines: Vec<&str> = text.lines().collect();
    let mut seen = std::collections::HashSet::new();
    let dups = lines.iter().filter(|l| !seen.insert(**l)).count();
    Some(Gopher { dup_line_frac: dups as f64 / lines.len().max(1) as f64 })
}
pub fn repeated_span(text: &str) -> Option<(usize, usize)> {
    Some((0, text.len().min(10)))
}
