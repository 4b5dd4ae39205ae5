//! Per-value measures of model-written text: words, encoding damage (C0 controls, U+FFFD,
//! mojibake, mixed scripts within a word), code fences, refusals, placeholders, prompt
//! scaffolding, whether a value ends like a finished sentence, and how much an answer echoes
//! its prompt. Pure functions and constant lists; no state.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_script::{Script, UnicodeScript};

/// Refusal and model-disclaimer phrases, matched case-insensitively (curly apostrophes read as
/// straight ones). Only phrases a model says about itself: no topic words ("ethical",
/// "diversity"), which would censor content rather than find refusals. Extend with the
/// `refusal_phrases` option.
pub const REFUSALS: &[&str] = &[
    "as an ai language model",
    "as a language model",
    "as an ai model",
    "as an ai assistant",
    "as an artificial intelligence",
    "i'm sorry, but i cannot",
    "i'm sorry, but i can't",
    "i am sorry, but i cannot",
    "i'm sorry, i cannot",
    "i'm sorry, i can't",
    "i apologize, but i cannot",
    "i cannot fulfill",
    "i can't fulfill",
    "i cannot comply",
    "i'm unable to provide",
    "i am unable to provide",
    "i'm not able to provide",
    "i don't have personal opinions",
    "i do not have personal opinions",
    "i don't have personal experiences",
    "i do not have personal experiences",
    "i don't have personal feelings",
    "i don't have the ability to browse",
    "i cannot browse the internet",
    "i don't have access to real-time",
    "my knowledge cutoff",
    "my training data only goes",
    "as of my last update",
    "as of my last knowledge update",
    "openai's use-case policy",
    "openai's content policy",
    "it goes against my programming",
];

/// Answers that stand for "no answer".
pub const PLACEHOLDERS: &[&str] = &[
    "n/a",
    "na",
    "none",
    "null",
    "nil",
    "-",
    "<no output>",
    "<nooutput>",
    "<noinput>",
    "no output",
    "(empty)",
    "empty",
];

/// Answers shorter than this (in characters, trimmed) are reported as too short to be an answer.
pub const MIN_ANSWER_CHARS: usize = 10;

/// Template markers that show an answer running on into the next example of a prompt template.
/// `Input:`, `Output:`, `USER:`, `ASSISTANT:` count only at the start of a line; numbered
/// `N. Instruction:` (one or two digits) anywhere.
pub const SCAFFOLDING: &[&str] = &[
    "### instruction:",
    "### response:",
    "### input:",
    "[inst]",
    "[/inst]",
    "<<sys>>",
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
];
/// Markers that count at the start of a line only.
pub const LINE_MARKERS: &[&str] = &["input:", "output:", "user:", "assistant:", "human:"];

/// Word counts: runs of non-whitespace.
pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Shape of one value's characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Damage {
    /// C0 control characters other than tab, newline and carriage return.
    pub controls: u32,
    /// U+FFFD replacement characters (bytes that were not valid text).
    pub replacement: u32,
    /// Mojibake: UTF-8 read as Windows-1252 (`Ã©`, `â€™`, …).
    pub mojibake: u32,
    /// Words that mix letters of two scripts (Latin with Cyrillic or Greek look-alikes, …).
    pub mixed_script_words: u32,
    /// Lines that open or close a ``` code fence.
    pub fences: u32,
}

/// Sequences that UTF-8 text shows after being decoded as Windows-1252 or Latin-1.
const MOJIBAKE: &[&str] =
    &["Ã©", "Ã¨", "Ã ", "Ã¡", "Ã³", "Ã¶", "Ã¼", "Ã±", "Ã§", "â€™", "â€œ", "â€\u{9d}", "â€“", "â€”", "â€¦", "Â "];

/// Counts a value's encoding damage and code fences.
pub fn damage(text: &str) -> Damage {
    let mut d = Damage::default();
    for c in text.chars() {
        if c == '\u{FFFD}' {
            d.replacement += 1;
        } else if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
            d.controls += 1;
        }
    }
    if text.contains('Ã') || text.contains('â') || text.contains('Â') {
        d.mojibake = MOJIBAKE.iter().map(|m| text.matches(m).count() as u32).sum();
    }
    if !text.is_ascii() {
        d.mixed_script_words = text.split_whitespace().filter(|w| mixed_script(w)).count() as u32;
    }
    if text.contains("```") {
        d.fences = text.lines().filter(|l| l.trim_start().starts_with("```")).count() as u32;
    }
    d
}

/// Whether a word holds letters of more than one script (Common and Inherited do not count).
fn mixed_script(word: &str) -> bool {
    let mut first: Option<Script> = None;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let s = c.script();
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match first {
            None => first = Some(s),
            Some(f) if f != s => return true,
            _ => {}
        }
    }
    false
}

/// Whether a value ends like finished text: a sentence end, a closing quote or bracket, or a
/// closing code fence.
pub fn ends_finished(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with("```") {
        return true;
    }
    t.chars().last().is_none_or(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '}' | '>' | '”' | '’' | '»' | '。' | '！' | '？' | ':' | ';'
        )
    })
}

/// Case-insensitive phrase matchers, built once.
pub struct Phrases {
    refusals: Option<AhoCorasick>,
    refusal_names: Vec<String>,
    scaffolding: Option<AhoCorasick>,
    numbered: Option<regex::Regex>,
}

impl Phrases {
    /// The built-in refusal list plus `extra` phrases.
    pub fn new(extra: &[String]) -> Phrases {
        let refusal_names: Vec<String> =
            REFUSALS.iter().map(|s| s.to_string()).chain(extra.iter().map(|s| s.trim().to_lowercase())).collect();
        let build = |pats: &[String]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .ok()
        };
        let scaffold: Vec<String> = SCAFFOLDING.iter().map(|s| s.to_string()).collect();
        Phrases {
            refusals: build(&refusal_names),
            refusal_names,
            scaffolding: build(&scaffold),
            numbered: regex::Regex::new(r"(?i)(^|[^0-9])[0-9]{1,2}\.\s*instruction:").ok(),
        }
    }

    /// The refusal phrases found in a value (indices into [`Phrases::refusal_names`]), first
    /// occurrence of each.
    pub fn refusals(&self, text: &str) -> Vec<usize> {
        let Some(ac) = &self.refusals else { return Vec::new() };
        let norm;
        let text = if text.contains('’') {
            norm = text.replace('’', "'");
            norm.as_str()
        } else {
            text
        };
        let mut out: Vec<usize> = ac.find_iter(text).map(|m| m.pattern().as_usize()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn refusal_names(&self) -> &[String] {
        &self.refusal_names
    }

    /// The first template marker in a value and its byte offset: a chat-template token, a
    /// line-initial `Input:`/`Output:`/`USER:`/`ASSISTANT:`/`Human:` (not on the first line,
    /// where a format may legitimately start with it), or a numbered `N. Instruction:`.
    pub fn scaffolding(&self, text: &str) -> Option<(usize, String)> {
        let mut best: Option<(usize, String)> = None;
        let mut take = |at: usize, what: &str| {
            if best.as_ref().is_none_or(|b| at < b.0) {
                best = Some((at, what.to_string()));
            }
        };
        if let Some(ac) = &self.scaffolding {
            if let Some(m) = ac.find(text) {
                take(m.start(), text.get(m.start()..m.end()).unwrap_or(""));
            }
        }
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            let lead = line.len() - line.trim_start().len();
            let l = line.trim_start();
            if i > 0 {
                if let Some(m) =
                    LINE_MARKERS.iter().find(|m| l.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m)))
                {
                    take(offset + lead, l.get(..m.len()).unwrap_or(m));
                    break;
                }
            }
            offset += line.len() + 1;
        }
        if let Some(re) = &self.numbered {
            if let Some(m) = re.find(text) {
                let s = text.get(m.start()..m.end()).unwrap_or("").trim_start_matches(|c: char| !c.is_ascii_digit());
                take(m.end() - s.len(), s);
            }
        }
        best
    }
}

/// Whether a prompt field holds only a URL or an image reference (the model never saw the
/// content it is asked about).
pub fn only_a_link(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower == "<image>"
        || [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"].iter().any(|e| lower.ends_with(e))
}

/// The lowercase alphanumeric words of a text, for echo comparisons.
pub fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// How an answer echoes a prompt field: equal after normalisation, starts with it, or shares at
/// least `min_jaccard` of their word sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Echo {
    Equal,
    StartsWith,
    Similar(f64),
}

/// Stems of the verbs of tasks whose answer is the input rewritten.
const REWRITE_VERBS: [&str; 28] = [
    "rewrit",
    "rephras",
    "paraphras",
    "correct",
    "fix",
    "edit",
    "proofread",
    "convert",
    "reformat",
    "format",
    "improv",
    "revis",
    "simplif",
    "shorten",
    "modif",
    "chang",
    "replac",
    "remov",
    "delet",
    "sort",
    "reorder",
    "capitaliz",
    "punctuat",
    "complet",
    "fill",
    "expand",
    "polish",
    "transform",
];

/// Whether an instruction asks to rewrite its input ("Correct the grammar", "Convert the HTML to
/// Markdown", "should be checked … and corrected"): a word that starts with one of
/// [`REWRITE_VERBS`] ("corrected", "fixing", "rewritten" count).
pub fn asks_to_rewrite(instruction: &str) -> bool {
    plain_words(instruction).iter().any(|w| REWRITE_VERBS.iter().any(|v| w.starts_with(v)))
}

/// Words a prompt needs before an answer that starts with it is an echo.
pub const MIN_PREFIX_WORDS: usize = 8;

/// The answer starts with the whole prompt and goes on. A short prompt (a title, a phrase to
/// complete) is naturally where an answer starts: one of fewer than [`MIN_PREFIX_WORDS`] words
/// counts only when the answer repeats it again later (a base model looping on its input).
pub fn starts_with_copy(answer: &[String], prompt: &[String]) -> bool {
    if prompt.is_empty() || answer.len() <= prompt.len() || answer.get(..prompt.len()) != Some(prompt) {
        return false;
    }
    prompt.len() >= MIN_PREFIX_WORDS || answer.windows(prompt.len()).skip(1).any(|w| w == prompt)
}

/// Whether `answer` echoes `prompt` (a prompt of fewer than 3 words is not compared; one of fewer
/// than [`MIN_PREFIX_WORDS`] words only when equal or similar).
pub fn echo(answer: &[String], prompt: &[String], min_jaccard: f64) -> Option<Echo> {
    if prompt.len() < 3 || answer.is_empty() {
        return None;
    }
    if answer == prompt {
        return Some(Echo::Equal);
    }
    if starts_with_copy(answer, prompt) {
        return Some(Echo::StartsWith);
    }
    type Set<'a> = std::collections::HashSet<&'a str, foldhash::fast::FixedState>;
    let a: Set<'_> = answer.iter().map(String::as_str).collect();
    let b: Set<'_> = prompt.iter().map(String::as_str).collect();
    let inter = a.intersection(&b).count() as f64;
    let union = a.union(&b).count() as f64;
    let j = if union > 0.0 { inter / union } else { 0.0 };
    (j >= min_jaccard).then_some(Echo::Similar(j))
}

/// The first three words of a value, lowercased: its opener.
pub fn opener(text: &str) -> Option<String> {
    let mut out = String::new();
    opener_into(text, &mut out).then_some(out)
}

/// [`opener`] into a buffer the caller reuses (cleared first); whether the value has three words.
pub fn opener_into(text: &str, out: &mut String) -> bool {
    out.clear();
    let mut n = 0;
    for w in text.split_whitespace().take(3) {
        if n > 0 {
            out.push(' ');
        }
        if w.is_ascii() {
            let at = out.len();
            out.push_str(w);
            if let Some(tail) = out.get_mut(at..) {
                tail.make_ascii_lowercase();
            }
        } else {
            out.push_str(&w.to_lowercase());
        }
        n += 1;
    }
    n == 3
}

/// A short excerpt of `text` around byte `at`, on character boundaries.
pub fn excerpt(text: &str, at: usize, len: usize) -> String {
    let start = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let tail = text.get(start..).unwrap_or("");
    let mut out: String = tail.chars().take(len).collect();
    if tail.chars().count() > len {
        out.push('…');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_found_case_insensitively_with_curly_apostrophes() {
        let p = Phrases::new(&["I will not".into()]);
        let hits = p.refusals("As an AI language model, I don’t have personal opinions. I WILL NOT say.");
        let names: Vec<&str> = hits.iter().map(|&i| p.refusal_names()[i].as_str()).collect();
        assert_eq!(names, ["as an ai language model", "i don't have personal opinions", "i will not"]);
        assert!(p.refusals("The ethical question of diversity in hiring.").is_empty());
    }

    #[test]
    fn scaffolding_is_found_at_line_starts_and_in_templates() {
        let p = Phrases::new(&[]);
        assert_eq!(p.scaffolding("Fine.\n\nInput: next one").map(|s| s.1), Some("Input:".into()));
        assert_eq!(p.scaffolding("Input: the first line is the format"), None);
        assert_eq!(p.scaffolding("text ### Response: more").map(|s| s.1), Some("### Response:".into()));
        assert_eq!(p.scaffolding("ok\n2. Instruction: do this").map(|s| s.1), Some("2. Instruction:".into()));
        assert_eq!(p.scaffolding("An output: of sorts, mid-line."), None);
    }

    #[test]
    fn damage_counts_controls_replacements_mojibake_and_mixed_scripts() {
        let d = damage("caf\u{FFFD} \u{1b}[2J cafÃ© itâ€™s pаypal ```\ncode\n```");
        assert_eq!(d.replacement, 1);
        assert_eq!(d.controls, 1);
        assert_eq!(d.mojibake, 2);
        assert_eq!(d.mixed_script_words, 1, "Latin with a Cyrillic а");
        assert_eq!(damage("Ünïcödé ist schön, Москва").mixed_script_words, 0);
    }

    #[test]
    fn finished_and_unfinished_endings() {
        assert!(ends_finished("Done."));
        assert!(ends_finished("He said \"yes\""));
        assert!(ends_finished("```\nx\n```"));
        assert!(!ends_finished("and then the"));
        assert!(ends_finished(""));
    }

    #[test]
    fn echoes() {
        let w = |s: &str| plain_words(s);
        assert_eq!(echo(&w("Hello there, my friend"), &w("hello there my friend!"), 0.8), Some(Echo::Equal));
        let long = "please write a short note to my friend about the weather";
        assert_eq!(echo(&w(&format!("{long} and more words")), &w(long), 0.8), Some(Echo::StartsWith));
        // A short prompt is where answers start: an echo only when the answer repeats it.
        assert_eq!(echo(&w("The Great Gatsby, The Catcher in the Rye"), &w("The Great Gatsby"), 0.8), None);
        assert_eq!(
            echo(&w("The Great Gatsby. Input: The Great Gatsby"), &w("The Great Gatsby"), 0.8),
            Some(Echo::StartsWith)
        );
        assert!(asks_to_rewrite("The given article should be checked and corrected if necessary."));
        assert!(!asks_to_rewrite("Write a poem about the sea."));
        assert_eq!(echo(&w("A completely different answer here"), &w("hello there my friend"), 0.8), None);
        assert_eq!(echo(&w("hi"), &w("hi"), 0.8), None, "a prompt under 3 words is not compared");
    }

    #[test]
    fn links_and_openers() {
        assert!(only_a_link("https://example.com/cat.png"));
        assert!(only_a_link("<image>"));
        assert!(!only_a_link("see https://example.com for more"));
        assert_eq!(opener("Sure! Here is the answer"), Some("sure! here is".into()));
        assert_eq!(opener("Two words"), None);
        assert_eq!(excerpt("héllo wörld", 2, 3), "éll…", "from the character the offset falls in");
    }
}
