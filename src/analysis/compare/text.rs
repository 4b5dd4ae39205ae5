//! Text fields of both files: length and lexical diversity (distinct-2, NDS and compression
//! ratio, at the smaller of the two samples' token counts: every figure falls as a sample
//! grows), opener concentration, and candidate texts that copy a reference text (MinHash
//! estimate of Jaccard similarity at least the near-duplicate threshold, found through LSH bands).

use crate::analysis::text::{TextField, TextReport};
use crate::profile::text::diversity::DiversityFigures;
use crate::profile::text::minhash::Signature;
use crate::profile::Profile;
use serde::Serialize;
use std::collections::HashMap;

/// The most frequent opener and its share of the values.
pub type Opener = Option<(String, f64)>;

/// One text field compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextComparison {
    pub column: String,
    pub values: (u64, u64),
    /// Mean characters per value.
    pub chars_mean: (Option<f64>, Option<f64>),
    pub words_median: (Option<u64>, Option<u64>),
    /// Diversity of each file at the same number of tokens.
    pub tokens: u64,
    pub diversity: (Option<DiversityFigures>, Option<DiversityFigures>),
    /// Share of values starting with the most frequent opener, and that opener.
    pub top_opener: (Opener, Opener),
    /// Candidate texts that copy a reference text.
    pub copied: u64,
    /// Candidate texts examined (signatures sampled) and the reference texts they were matched to.
    pub examined: (u64, u64),
    /// (candidate line, reference line, estimate), most similar first.
    pub copied_pairs: Vec<(u64, u64, f64)>,
    /// Why copies could not be looked for, when they could not.
    pub copies_note: Option<String>,
}

fn top_opener(f: &TextField) -> Opener {
    let total = f.openers_total.max(1) as f64;
    f.openers.first().map(|o| (o.value.clone(), o.count as f64 / total))
}

/// Candidate signatures whose estimate against some reference signature reaches `threshold`.
fn copies(refs: &[(u64, Signature)], cands: &[(u64, Signature)], threshold: f64) -> (u64, Vec<(u64, u64, f64)>) {
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, (_, s)) in refs.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        for (b, k) in s.bands().into_iter().enumerate() {
            let list = buckets.entry((b, k)).or_default();
            // A band shared by very many reference texts (boilerplate) is capped.
            if list.len() < 64 {
                list.push(i);
            }
        }
    }
    let mut count = 0u64;
    let mut pairs = Vec::new();
    for (line, s) in cands {
        if s.is_empty() {
            continue;
        }
        let mut best: Option<(usize, f64)> = None;
        for (b, k) in s.bands().into_iter().enumerate() {
            for &i in buckets.get(&(b, k)).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some((_, rs)) = refs.get(i) {
                    let e = s.jaccard(rs);
                    if best.is_none_or(|x| e > x.1) {
                        best = Some((i, e));
                    }
                }
            }
        }
        if let Some((i, e)) = best.filter(|b| b.1 >= threshold) {
            count += 1;
            pairs.push((*line, refs.get(i).map_or(0, |r| r.0), e));
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    (count, pairs)
}

/// Compares the text fields both files have (by column name).
pub fn compare(
    r: &Profile,
    c: &Profile,
    rt: &TextReport,
    ct: &TextReport,
    threshold: f64,
    limit: usize,
) -> Vec<TextComparison> {
    let mut out = Vec::new();
    for fr in rt.fields.iter().filter(|f| f.free_text && f.derived_from.is_none()) {
        let Some(fc) = ct.fields.iter().find(|f| f.column == fr.column && f.derived_from.is_none()) else { continue };
        let (Some(ir), Some(ic)) =
            (r.columns.iter().position(|x| x.name == fr.column), c.columns.iter().position(|x| x.name == fc.column))
        else {
            continue;
        };
        let (Some(Some(tr)), Some(Some(tc))) = (r.text.columns.get(ir), c.text.columns.get(ic)) else { continue };
        let tokens = tr.diversity.tokens().min(tc.diversity.tokens());
        let (copied, pairs, note) = if tr.shingle != tc.shingle {
            (0, Vec::new(), Some(format!(
                "not looked for: the files' texts were shingled differently ({} and {} words; set near_duplicate_shingle)",
                tr.shingle, tc.shingle
            )))
        } else {
            let (n, p) = copies(tr.near.entries(), tc.near.entries(), threshold);
            (n, p, None)
        };
        out.push(TextComparison {
            column: fr.column.clone(),
            values: (fr.values, fc.values),
            chars_mean: (fr.chars.map(|x| x.1), fc.chars.map(|x| x.1)),
            words_median: (fr.words_median, fc.words_median),
            tokens: tokens as u64,
            diversity: (tr.diversity.figures_at(tokens), tc.diversity.figures_at(tokens)),
            top_opener: (top_opener(fr), top_opener(fc)),
            copied,
            examined: (tc.near.entries().len() as u64, tr.near.entries().len() as u64),
            copied_pairs: pairs.into_iter().take(limit.max(10)).collect(),
            copies_note: note,
        });
    }
    out
}
