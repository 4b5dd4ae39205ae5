//! Gopher repetition ratios of one text value, with datatrove's definitions and limits.
//!
//! Definitions: datatrove 0.10.1, `GopherRepetitionFilter` and the helpers beside it in
//! `datatrove/pipeline/filters/gopher_repetition_filter.py`, transcribed (the limits are Table A1
//! of the Gopher paper, Rae et al. 2021, as datatrove's defaults). Every "character" is a Unicode
//! code point (Python's `len`), never a byte, and every character fraction is divided by the length
//! of the whole value as given (not stripped).
//!
//! - **Paragraphs**: the value stripped of surrounding whitespace (Python `str.strip()`), split on
//!   runs of two or more `\n` (`\n{2,}`). **Lines**: the value (not stripped) split on runs of `\n`
//!   (`\n+`), so a leading or trailing newline gives one empty line.
//! - `dup_para_frac` / `dup_line_frac`: elements equal to an earlier element ÷ all elements.
//!   `dup_para_char_frac` / `dup_line_char_frac`: the characters of those repeated elements ÷ the
//!   value's length (`find_duplicates`).
//! - `top_ngram_char_frac[n-2]`, n = 2, 3, 4: the most frequent word n-gram (ties go to the one
//!   seen first, as `Counter.most_common(1)`), its length with its words joined by one space, times
//!   its count, ÷ the value's length (`find_top_duplicate`). A value with no repeat still scores its
//!   first n-gram once.
//! - `dup_ngram_char_frac[n-5]`, n = 5..=10: a non-overlapping left-to-right scan
//!   (`find_all_duplicate`): at word i, if the n words concatenated *without* a separator were seen
//!   before, add their characters and jump n words ahead; otherwise remember them and step one word.
//!   ÷ the value's length.
//!
//! Dolma's `gopher_v1` tagger defines these differently, so its figures are not these: its
//! top-n-gram share counts the n-gram's word characters without spaces and divides by the word
//! characters (not the value's length); its duplicate-n-gram share counts every occurrence,
//! overlapping and including the first, of each n-gram seen more than once, over the characters of
//! all n-grams; its duplicate lines (split on every `\n`) also count first occurrences; it has no
//! paragraph ratios.
//!
//! **Words (the one departure from datatrove).** datatrove assigns English to spaCy's rule-based
//! tokenizer (`spacy.blank("en")`), which also splits off punctuation and contractions. That
//! tokenizer is a large rule set with look-behind patterns and thousands of exceptions; it is not
//! transcribed here. Words are the value split on Unicode whitespace, exactly Python's
//! `str.split()` (Rust's `char::is_whitespace` plus U+001C..U+001F). The line and paragraph ratios
//! do not depend on the word split; the n-gram ratios do, and on the 560 reference values the
//! n-gram ratios move by up to 1.79 under spaCy's split (its punctuation tokens joined by spaces
//! can push datatrove's top-n-gram share past 1), with 94 values flagged differently by the n-gram
//! limits and 27 given another verdict by datatrove's whole filter (spaCy 3.8.18). The `MIN_WORDS`
//! gate counts the same whitespace words.
//!
//! The reference (`tests/reference/text_repetition.py`) calls datatrove's own functions with this
//! word split; the tests here match it to 1e-9 on every value of at least 50 words in the
//! Self-Instruct files.
//!
//! **Cost.** No allocation per n-gram: n-grams are borrowed substrings of one joined copy of the
//! words (or of one concatenation without separators, for the scan) and are counted in foldhash
//! maps, which keeps equality exact (no hash-only identity). One value allocates a few vectors and
//! maps sized by its word count. Measured at about 30 µs per KB of text (one core, release build,
//! the 560 reference values, 1.18 MB; `cargo test --release --lib -- --ignored cost --nocapture`).

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

/// A value needs at least this many (whitespace) words before its ratios are computed.
pub const MIN_WORDS: usize = 50;

/// The n of the top-n-gram ratios.
pub const TOP_N: [usize; 3] = [2, 3, 4];
/// The n of the duplicated-n-gram ratios.
pub const DUP_N: [usize; 6] = [5, 6, 7, 8, 9, 10];

/// The Gopher repetition ratios of one value (definitions in the module doc: datatrove's).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Gopher {
    /// Paragraphs equal to an earlier paragraph ÷ paragraphs.
    pub dup_para_frac: f64,
    /// Characters of those paragraphs ÷ the value's characters.
    pub dup_para_char_frac: f64,
    /// Lines equal to an earlier line ÷ lines.
    pub dup_line_frac: f64,
    /// Characters of those lines ÷ the value's characters.
    pub dup_line_char_frac: f64,
    /// n = 2, 3, 4: characters of the most frequent n-gram (words joined by one space) × its count
    /// ÷ the value's characters.
    pub top_ngram_char_frac: [f64; 3],
    /// n = 5..=10: characters of the n-grams met again in a non-overlapping scan ÷ the value's
    /// characters.
    pub dup_ngram_char_frac: [f64; 6],
}

/// datatrove's default limits (Gopher, Table A1), as a [`Gopher`]: a ratio strictly above its
/// limit fails the filter.
pub const LIMITS: Gopher = Gopher {
    dup_para_frac: 0.30,
    dup_para_char_frac: 0.20,
    dup_line_frac: 0.30,
    dup_line_char_frac: 0.20,
    top_ngram_char_frac: [0.20, 0.18, 0.16],
    dup_ngram_char_frac: [0.15, 0.14, 0.13, 0.12, 0.11, 0.10],
};

/// One ratio over its limit.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exceeded {
    /// The ratio's name: `dup_para_frac`, `dup_para_char_frac`, `dup_line_frac`,
    /// `dup_line_char_frac`, `top_{2,3,4}gram_char_frac` or `dup_{5..10}gram_char_frac`.
    pub ratio: &'static str,
    pub value: f64,
    pub limit: f64,
}

const TOP_NAMES: [&str; 3] = ["top_2gram_char_frac", "top_3gram_char_frac", "top_4gram_char_frac"];
const DUP_NAMES: [&str; 6] = [
    "dup_5gram_char_frac",
    "dup_6gram_char_frac",
    "dup_7gram_char_frac",
    "dup_8gram_char_frac",
    "dup_9gram_char_frac",
    "dup_10gram_char_frac",
];

impl Gopher {
    /// Every ratio, named, in datatrove's order of checking (paragraphs, lines, top n-grams,
    /// duplicated n-grams).
    pub fn named(&self) -> Vec<(&'static str, f64)> {
        let mut out = vec![
            ("dup_para_frac", self.dup_para_frac),
            ("dup_para_char_frac", self.dup_para_char_frac),
            ("dup_line_frac", self.dup_line_frac),
            ("dup_line_char_frac", self.dup_line_char_frac),
        ];
        out.extend(TOP_NAMES.iter().copied().zip(self.top_ngram_char_frac));
        out.extend(DUP_NAMES.iter().copied().zip(self.dup_ngram_char_frac));
        out
    }

    /// The ratios strictly above [`LIMITS`], in datatrove's order of checking (datatrove stops at
    /// the first; all are listed here).
    pub fn exceeded(&self) -> Vec<Exceeded> {
        self.named()
            .into_iter()
            .zip(LIMITS.named())
            .filter(|((_, value), (_, limit))| value > limit)
            .map(|((ratio, value), (_, limit))| Exceeded { ratio, value, limit })
            .collect()
    }
}

/// Python's `str.isspace()`: Unicode White_Space plus the four separators U+001C..U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Words as Python's `str.split()`, with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if py_space(c) {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `re.split("\n+", text)`: runs of newlines separate; an empty first or last piece is kept.
fn lines(text: &str) -> Vec<&str> {
    let pieces: Vec<&str> = text.split('\n').collect();
    let last = pieces.len().saturating_sub(1);
    pieces.into_iter().enumerate().filter(|(i, p)| *i == 0 || *i == last || !p.is_empty()).map(|(_, p)| p).collect()
}

/// `re.split(r"\n{2,}", text.strip())`.
fn paragraphs(text: &str) -> Vec<&str> {
    let t = text.trim_matches(py_space);
    let mut out = Vec::new();
    let mut start = 0;
    let mut run_start = 0;
    let mut run = 0usize;
    for (i, b) in t.bytes().enumerate() {
        if b == b'\n' {
            if run == 0 {
                run_start = i;
            }
            run += 1;
        } else {
            if run >= 2 {
                out.push(t.get(start..run_start).unwrap_or(""));
                start = i;
            }
            run = 0;
        }
    }
    if run >= 2 {
        out.push(t.get(start..run_start).unwrap_or(""));
        start = t.len();
    }
    out.push(t.get(start..).unwrap_or(""));
    out
}

/// `find_duplicates`: (elements equal to an earlier one, their characters).
fn find_duplicates(items: &[&str]) -> (usize, usize) {
    let mut seen: HashSet<&str, FixedState> = HashSet::with_capacity_and_hasher(items.len(), FixedState::default());
    let (mut n, mut c) = (0, 0);
    for item in items {
        if !seen.insert(item) {
            n += 1;
            c += chars(item);
        }
    }
    (n, c)
}

/// The words of a value laid out for borrowing n-grams: `joined` is the words joined by one space,
/// `concat` the words with no separator; per word, its start in each and its prefix character
/// count.
struct Layout {
    joined: String,
    concat: String,
    /// Byte start of word i in `joined` (and, at the end, `joined.len() + 1`).
    j_start: Vec<usize>,
    /// Byte start of word i in `concat` (and, at the end, `concat.len()`).
    c_start: Vec<usize>,
    /// Characters of words 0..i.
    c_chars: Vec<usize>,
}

impl Layout {
    fn new(text: &str, spans: &[(usize, usize)]) -> Layout {
        let bytes: usize = spans.iter().map(|(s, e)| e - s).sum();
        let mut l = Layout {
            joined: String::with_capacity(bytes + spans.len()),
            concat: String::with_capacity(bytes),
            j_start: Vec::with_capacity(spans.len() + 1),
            c_start: Vec::with_capacity(spans.len() + 1),
            c_chars: Vec::with_capacity(spans.len() + 1),
        };
        let mut nchars = 0;
        for (i, &(s, e)) in spans.iter().enumerate() {
            let w = text.get(s..e).unwrap_or("");
            if i > 0 {
                l.joined.push(' ');
            }
            l.j_start.push(l.joined.len());
            l.c_start.push(l.concat.len());
            l.c_chars.push(nchars);
            l.joined.push_str(w);
            l.concat.push_str(w);
            nchars += chars(w);
        }
        l.j_start.push(l.joined.len() + 1);
        l.c_start.push(l.concat.len());
        l.c_chars.push(nchars);
        l
    }

    fn words(&self) -> usize {
        self.c_chars.len().saturating_sub(1)
    }

    /// Words i..i+n joined by one space (`" ".join(words[i:i+n])`).
    fn joined_gram(&self, i: usize, n: usize) -> &str {
        match (self.j_start.get(i), self.j_start.get(i + n)) {
            (Some(&a), Some(&b)) => self.joined.get(a..b.saturating_sub(1)).unwrap_or(""),
            _ => "",
        }
    }

    /// Words i..i+n concatenated (`"".join(words[i:i+n])`).
    fn concat_gram(&self, i: usize, n: usize) -> &str {
        match (self.c_start.get(i), self.c_start.get(i + n)) {
            (Some(&a), Some(&b)) => self.concat.get(a..b).unwrap_or(""),
            _ => "",
        }
    }

    /// Characters of words i..i+n (without separators).
    fn gram_chars(&self, i: usize, n: usize) -> usize {
        match (self.c_chars.get(i), self.c_chars.get(i + n)) {
            (Some(&a), Some(&b)) => b - a,
            _ => 0,
        }
    }

    /// `find_top_duplicate(get_n_grams(words, n))`: characters of the most frequent n-gram (first
    /// seen wins a tie) times its count; `None` when there is no n-gram.
    fn top(&self, n: usize) -> Option<usize> {
        let w = self.words();
        if w < n {
            return None;
        }
        let mut map: HashMap<&str, (usize, usize), FixedState> =
            HashMap::with_capacity_and_hasher(w, FixedState::default());
        let mut best: Option<(usize, usize)> = None; // (count, first index)
        for i in 0..=(w - n) {
            let e = map.entry(self.joined_gram(i, n)).or_insert((0, i));
            e.0 += 1;
            let (count, first) = *e;
            let better = match best {
                None => true,
                Some((bc, bf)) => count > bc || (count == bc && first < bf),
            };
            if better {
                best = Some((count, first));
            }
        }
        best.map(|(count, first)| (self.gram_chars(first, n) + n - 1) * count)
    }

    /// `find_all_duplicate(words, n)`: the non-overlapping scan.
    fn all_duplicate(&self, n: usize) -> usize {
        let w = self.words();
        let mut seen: HashSet<&str, FixedState> = HashSet::with_capacity_and_hasher(w, FixedState::default());
        let (mut repeated, mut i) = (0, 0);
        while i + n <= w {
            if seen.insert(self.concat_gram(i, n)) {
                i += 1;
            } else {
                repeated += self.gram_chars(i, n);
                i += n;
            }
        }
        repeated
    }
}

/// The Gopher ratios of `text`, or `None` when it has fewer than [`MIN_WORDS`] whitespace words.
/// Longest text the repetition ratios read, in bytes: they hold several times the text in
/// flight (words, their layout, n-gram maps), so a longer value is read up to here.
pub const WINDOW: usize = 256 * 1024;

/// `text`, or its first [`WINDOW`] bytes (cut at a character boundary).
pub fn window(text: &str) -> &str {
    if text.len() <= WINDOW {
        return text;
    }
    let mut end = WINDOW;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

pub fn gopher(text: &str) -> Option<Gopher> {
    let spans = words(text);
    if spans.len() < MIN_WORDS {
        return None;
    }
    let len = chars(text) as f64;
    let paras = paragraphs(text);
    let (pd, pc) = find_duplicates(&paras);
    let lns = lines(text);
    let (ld, lc) = find_duplicates(&lns);
    let layout = Layout::new(text, &spans);
    let mut top = [0.0; 3];
    for (slot, n) in top.iter_mut().zip(TOP_N) {
        *slot = layout.top(n).map_or(0.0, |c| c as f64 / len);
    }
    let mut dup = [0.0; 6];
    for (slot, n) in dup.iter_mut().zip(DUP_N) {
        *slot = layout.all_duplicate(n) as f64 / len;
    }
    Some(Gopher {
        dup_para_frac: pd as f64 / paras.len().max(1) as f64,
        dup_para_char_frac: pc as f64 / len,
        dup_line_frac: ld as f64 / lns.len().max(1) as f64,
        dup_line_char_frac: lc as f64 / len,
        top_ngram_char_frac: top,
        dup_ngram_char_frac: dup,
    })
}

/// Byte offset of `part` (a subslice of `text`) in `text`.
fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The byte range in `text` of the most repeated line, paragraph or n-gram run (for evidence).
///
/// Definition: among the paragraphs and the non-blank lines (as split for [`gopher`]) that occur
/// at least twice, the one whose repeats carry the most characters ((occurrences − 1) × its
/// characters; ties to paragraphs, then to the first seen), as the range of its first occurrence
/// without surrounding whitespace. With no repeated line or paragraph: the largest n from 5 down
/// to 2 with a repeated word n-gram, its most frequent n-gram (first seen on ties), from its first
/// occurrence extended word by word while the words after its first and second occurrences agree
/// (and before the run reaches the second). `None` when nothing repeats. The range always lies on
/// char boundaries.
pub fn repeated_span(text: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (repeated chars, start, end)
    let paras = paragraphs(text);
    let lns = lines(text);
    for group in [&paras, &lns] {
        let mut count: HashMap<&str, (usize, usize), FixedState> = HashMap::with_hasher(FixedState::default());
        for (i, p) in group.iter().enumerate() {
            let t = p.trim_matches(py_space);
            if !t.is_empty() {
                count.entry(t).or_insert((0, i)).0 += 1;
            }
        }
        let mut found: Vec<(&str, usize, usize)> = count
            .into_iter()
            .filter(|(_, (c, _))| *c >= 2)
            .map(|(t, (c, first))| (t, (c - 1) * chars(t), first))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        if let Some(&(t, weight, _)) = found.first() {
            if best.is_none_or(|(w, _, _)| weight > w) {
                let s = offset(text, t);
                best = Some((weight, s, s + t.len()));
            }
        }
    }
    if let Some((_, s, e)) = best {
        return Some((s, e));
    }
    let spans = words(text);
    let layout = Layout::new(text, &spans);
    for n in (2..=5).rev() {
        let w = layout.words();
        if w < n {
            continue;
        }
        let mut map: HashMap<&str, (usize, usize, usize), FixedState> =
            HashMap::with_capacity_and_hasher(w, FixedState::default());
        for i in 0..=(w - n) {
            let e = map.entry(layout.joined_gram(i, n)).or_insert((0, i, usize::MAX));
            e.0 += 1;
            if e.0 == 2 {
                e.2 = i;
            }
        }
        let top = map.into_values().filter(|(c, _, _)| *c >= 2).max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, first, second)) = top {
            let mut len = n;
            while first + len < second
                && spans.get(first + len).map(|&(s, e)| text.get(s..e))
                    == spans.get(second + len).map(|&(s, e)| text.get(s..e))
                && spans.get(second + len).is_some()
            {
                len += 1;
            }
            let start = spans.get(first).map(|&(s, _)| s)?;
            let end = spans.get(first + len - 1).map(|&(_, e)| e)?;
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests;
