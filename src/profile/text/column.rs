//! One followed text column: every per-value measure of the text family, fed a value at a time.
//! (The module doc of `profile::text` states the memory of each part.)

use super::artefacts::{self, Damage, Phrases};
use super::census::Census;
use super::{diversity, minhash, pii, repetition};
use crate::finding::{push_evidence, Evidence};
use crate::fmt::clip;
use crate::profile::frequency::PassThroughBuild;
use crate::profile::merge::Merge;
use crate::roles::TextRole;
use foldhash::fast::FixedState;
use std::collections::{BTreeMap, HashMap};

use super::vocabulary::Vocabulary;

/// Values a string column is probed on before it is followed as text or not.
pub const PROBE_VALUES: usize = 64;
/// A value over a top n-gram limit only is reported as repetitive from this many times the limit.
pub const PHRASING_FACTOR: f64 = 2.0;
/// Bytes of probed values held at most.
pub const PROBE_BYTES: usize = 256 * 1024;
/// Median words of the probed values for a column to be followed as text.
pub const PROBE_MIN_WORDS: usize = 3;
/// Openers counted one by one; later new ones are only counted in all.
pub const MAX_OPENERS: usize = 10_000;
/// Unfinished answers whose lengths are kept for the truncation plateau.
pub const MAX_UNFINISHED: usize = 20_000;
/// Words with letters a value needs (after normalisation) before it takes part in exact and
/// near-duplicate detection.
pub const MIN_DUPLICATE_WORDS: usize = 3;
/// Values of a field whose openers and vocabulary are counted (the first ones): a field's
/// openers and its vocabulary's growth show in far fewer values than duplicates need.
pub const OPENER_VALUES: u64 = 50_000;
/// Word counts below this are counted in a dense array (no map update per value).
pub const DENSE_WORDS: usize = 1024;
/// Values whose language is detected (the first ones of each column; detection is the costliest
/// per-value step by far).
pub const LANGUAGE_VALUES: u64 = 200;
/// Rows whose prompt and answer languages are compared (the first ones; at a 5% mismatch rate
/// the share is known to about ±2 points).
pub const LANGUAGE_ROWS: u64 = 500;
/// Values of a field whose openers, vocabulary, exact and near duplicates are followed (the
/// first ones); the per-value checks (artefacts, repetition, damage, PII) see every value.
pub const SAMPLE_VALUES: u64 = minhash::SAMPLE_VALUES as u64;
/// Characters of a value that language detection reads.
pub const LANGUAGE_CHARS: usize = 200;
/// Values shorter than this many words have no language.
pub const LANGUAGE_MIN_WORDS: usize = 4;

/// Tools built once per profile and shared by every text column.
pub struct Tools {
    pub phrases: Phrases,
    pub pii: pii::Detector,
    pub hasher: minhash::MinHasher,
}

impl std::fmt::Debug for Tools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tools")
    }
}

impl Tools {
    pub fn new(refusal_phrases: &[String]) -> Tools {
        Tools {
            phrases: Phrases::new(refusal_phrases),
            pii: pii::Detector::new(),
            hasher: minhash::MinHasher::new(minhash::SEED),
        }
    }
}

/// Counts and the first rows of one kind of problem. Memory: at most `limit` evidence rows.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    pub count: u64,
    pub evidence: Vec<Evidence>,
    limit: usize,
}

impl Tally {
    pub fn new(limit: usize) -> Tally {
        Tally { count: 0, evidence: Vec::new(), limit }
    }

    pub fn add(&mut self, line: u64, value: impl FnOnce() -> String) {
        self.count += 1;
        push_evidence(&mut self.evidence, self.limit, line, value);
    }
}

impl Merge for Tally {
    /// The counts add up; the evidence keeps the earliest rows.
    fn merge(&mut self, o: Tally) {
        self.limit = self.limit.max(o.limit);
        self.count += o.count;
        self.evidence.extend(o.evidence);
        self.evidence.sort_by_key(|e| e.line);
        self.evidence.truncate(self.limit);
    }
}

/// Whether a column is followed as text.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Follow {
    /// Still probing: the values seen so far.
    Probing(Vec<(u64, String)>, usize),
    Yes,
    No,
}

/// How a later byte range goes on with a text column: see [`TextColumn::saturate`].
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct Continuation {
    pub role: Option<TextRole>,
    pub followed: bool,
    /// Nothing probed yet in the first range: the later range probes its own values.
    pub probing: bool,
    pub shingle: usize,
}

/// One followed text column.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TextColumn {
    pub role: Option<TextRole>,
    /// The role comes from a name that is as often a label's (`target`): followed only when the
    /// values read like free text.
    pub weak_role: bool,
    pub follow: Follow,
    pub values: u64,
    pub empty: u64,
    /// Characters: total, least, most.
    pub chars: (u64, u64, u64),
    /// Values by character length, in powers of two: bucket k holds lengths in [2^(k−1), 2^k).
    pub length_buckets: [u64; 24],
    /// Values by word count.
    pub words: BTreeMap<u64, u64>,
    /// Values by word count for the common counts (below [`DENSE_WORDS`]), folded into `words`
    /// when read.
    word_counts: Vec<u64>,
    pub controls: Tally,
    pub replacement: Tally,
    pub mojibake: Tally,
    pub mixed_scripts: Tally,
    pub unbalanced_fences: Tally,
    /// Values of at least 50 words, checked for repetition.
    pub repetition_checked: u64,
    /// Of those, values longer than [`repetition::WINDOW`], checked on their first bytes only.
    pub repetition_cut: u64,
    pub repetitive: Tally,
    /// Values over a limit whose repeated span is only markup (a table's pipes, a grid).
    pub repetitive_markup: u64,
    /// Values over a top n-gram limit only, by less than [`PHRASING_FACTOR`] times it: parallel
    /// phrasing ("What is your favorite …" in a list of questions), not a loop.
    pub repetitive_phrasing: u64,
    /// Per Gopher ratio: values over its limit.
    #[serde(with = "crate::wire::name_counts")]
    pub repetition_ratios: BTreeMap<&'static str, u64>,
    /// Per refusal phrase: values holding it.
    pub refusal_phrases: BTreeMap<String, u64>,
    pub refusals: Tally,
    pub placeholders: Tally,
    pub short: Tally,
    /// Short answers with no content at all: only ASCII punctuation and spaces ("...", "-").
    pub contentless: Tally,
    pub scaffolding: Tally,
    pub link_only: Tally,
    /// Values that do not end like finished text: (characters, words, line, unbalanced fences).
    pub unfinished: Vec<(u64, u64, u64, bool)>,
    pub unfinished_total: u64,
    #[serde(with = "crate::wire::name_counts")]
    pub languages: BTreeMap<&'static str, u64>,
    pub language_checked: u64,
    pub diversity: diversity::Diversity,
    #[serde(with = "crate::wire::map")]
    pub openers: HashMap<String, u64, FixedState>,
    pub openers_other: u64,
    pub openers_total: u64,
    pub vocabulary: Vocabulary,
    /// Values whose openers, vocabulary and duplicates were followed (the first
    /// [`SAMPLE_VALUES`]).
    pub sampled: u64,
    /// Shingle size, fixed by the probe (5 words, or 3 when the probed median is under 30).
    pub shingle: usize,
    pub near: minhash::NearDuplicates,
    /// Exact duplicates after normalisation: key → first line.
    #[serde(with = "crate::wire::map")]
    pub exact: HashMap<u64, u64, PassThroughBuild>,
    pub exact_dups: Tally,
    pub pii: BTreeMap<pii::PiiKind, Tally>,
    limit: usize,
    /// Buffers reused from value to value (nothing of a value is kept in them).
    scratch: Scratch,
    /// Continues a first byte range whose samples were complete: the sample counters start full
    /// and are taken back at the end (see [`TextColumn::saturate`]).
    saturated: bool,
    /// In a later byte range: probed on this range's own values (the first range had none).
    pub own_probe: bool,
    /// Merging met parts that decided or sampled this column apart (see [`TextColumn::merge`]).
    pub disagree: bool,
}

/// Per-value working buffers: an opener, a normalised value, its shingles, a word.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
struct Scratch {
    opener: String,
    normalised: String,
    shingles: Vec<u32>,
    word: String,
}

impl TextColumn {
    /// A column that is probed (no role) or followed at once (a text role).
    pub fn new(role: Option<TextRole>, limit: usize, budget: usize) -> TextColumn {
        let sig_cap = (budget / 2 / 600).clamp(1_000, minhash::SAMPLE_VALUES);
        TextColumn {
            role,
            weak_role: false,
            follow: Follow::Probing(Vec::new(), 0),
            values: 0,
            empty: 0,
            chars: (0, u64::MAX, 0),
            length_buckets: [0; 24],
            words: BTreeMap::new(),
            word_counts: vec![0; DENSE_WORDS],
            controls: Tally::new(limit),
            replacement: Tally::new(limit),
            mojibake: Tally::new(limit),
            mixed_scripts: Tally::new(limit),
            unbalanced_fences: Tally::new(limit),
            repetition_checked: 0,
            repetition_cut: 0,
            repetitive: Tally::new(limit),
            repetitive_markup: 0,
            repetitive_phrasing: 0,
            repetition_ratios: BTreeMap::new(),
            refusal_phrases: BTreeMap::new(),
            refusals: Tally::new(limit),
            placeholders: Tally::new(limit),
            short: Tally::new(limit),
            contentless: Tally::new(limit),
            scaffolding: Tally::new(limit),
            link_only: Tally::new(limit),
            unfinished: Vec::new(),
            unfinished_total: 0,
            languages: BTreeMap::new(),
            language_checked: 0,
            diversity: diversity::Diversity::default(),
            openers: HashMap::default(),
            openers_other: 0,
            openers_total: 0,
            vocabulary: Vocabulary::with_budget(budget / 4),
            sampled: 0,
            shingle: 0,
            near: minhash::NearDuplicates::new(sig_cap),
            exact: HashMap::default(),
            exact_dups: Tally::new(limit),
            pii: BTreeMap::new(),
            limit,
            scratch: Scratch::default(),
            saturated: false,
            own_probe: false,
            disagree: false,
        }
    }

    /// Whether every sample of the first values (openers, vocabulary, duplicates, languages,
    /// diversity) is complete and the probe decided: a later byte range adds nothing to them.
    pub fn prefix_full(&self) -> bool {
        match &self.follow {
            Follow::No => true,
            // Nothing probed yet: a later range probes its own values (see `merge`).
            Follow::Probing(buf, _) => buf.is_empty(),
            Follow::Yes => {
                self.sampled >= SAMPLE_VALUES && self.language_checked >= LANGUAGE_VALUES && self.diversity.is_full()
            }
        }
    }

    /// How many more bytes of the input (at the rate of the first `bytes`) until
    /// [`TextColumn::prefix_full`]: `Some(0)` when it is, `None` while the probe has not decided
    /// or a sample has taken nothing yet (no rate to go by). An estimate for where the first of
    /// several byte ranges may end (see [`crate::parts`]), which the driver checks afterwards.
    pub fn bytes_to_full(&self, bytes: u64) -> Option<u64> {
        match &self.follow {
            Follow::No => return Some(0),
            Follow::Probing(buf, _) => return buf.is_empty().then_some(0),
            Follow::Yes => {}
        }
        let need = |have: u64, want: u64| -> Option<u64> {
            if have >= want {
                return Some(0);
            }
            (have > 0).then(|| ((want - have) as f64 * bytes as f64 / have as f64).ceil() as u64)
        };
        let tokens = if self.diversity.is_full() {
            Some(0)
        } else {
            need(self.diversity.tokens() as u64, diversity::SAMPLE_TOKENS as u64)
        };
        [need(self.sampled, SAMPLE_VALUES), need(self.language_checked, LANGUAGE_VALUES), tokens]
            .into_iter()
            .try_fold(0u64, |m, x| x.map(|x| m.max(x)))
    }

    /// How a later byte range goes on with this column (see [`TextColumn::saturate`]).
    pub fn continuation(&self) -> Continuation {
        Continuation {
            role: self.role,
            followed: !matches!(self.follow, Follow::No),
            probing: matches!(self.follow, Follow::Probing(..)),
            shingle: self.shingle,
        }
    }

    /// Goes on with a column of a first byte range whose samples were complete
    /// ([`TextColumn::prefix_full`]): decided as it was, and with full samples, so that this
    /// range's values count only where the whole input's would. [`TextColumn::unsaturate`] takes
    /// the full sample counts back off before merging.
    pub fn saturate(&mut self, c: &Continuation) {
        if c.probing {
            self.own_probe = true;
            return;
        }
        self.follow = if c.followed { Follow::Yes } else { Follow::No };
        self.shingle = c.shingle;
        self.sampled = SAMPLE_VALUES;
        self.language_checked = LANGUAGE_VALUES;
        self.diversity.close();
        self.saturated = true;
    }

    pub fn unsaturate(&mut self) {
        if std::mem::take(&mut self.saturated) {
            self.sampled -= SAMPLE_VALUES;
            self.language_checked -= LANGUAGE_VALUES;
        }
    }

    /// Whether the column is (still) of interest.
    pub fn followed(&self) -> bool {
        !matches!(self.follow, Follow::No)
    }

    /// One non-missing string value of the column (or an empty one: `text` is trimmed of
    /// nothing; the caller passes the cell as written).
    pub fn push(&mut self, line: u64, text: &str, tools: &Tools) {
        match &mut self.follow {
            Follow::No => {}
            Follow::Yes => self.observe(line, text, tools),
            Follow::Probing(buf, bytes) => {
                *bytes += text.len();
                buf.push((line, text.to_string()));
                if buf.len() >= PROBE_VALUES || *bytes >= PROBE_BYTES {
                    self.decide(tools);
                }
            }
        }
    }

    /// Ends the probe: follow the column (and replay the probed values) or drop it. A column
    /// without a text role is followed when the probed values' median is at least
    /// [`PROBE_MIN_WORDS`] words; one with a role (by its name) unless its values are mostly
    /// numbers (a numeric `target` is a label, not an answer).
    pub fn decide(&mut self, tools: &Tools) {
        let Follow::Probing(buf, _) = std::mem::replace(&mut self.follow, Follow::Yes) else { return };
        let present: Vec<&str> = buf.iter().map(|(_, t)| t.trim()).filter(|t| !t.is_empty()).collect();
        let mut counts: Vec<usize> = present.iter().map(|t| artefacts::words(t)).collect();
        counts.sort_unstable();
        let median = counts.get(counts.len() / 2).copied().unwrap_or(0);
        let numbers = present
            .iter()
            .filter(|t| {
                matches!(
                    crate::value::classify(t),
                    crate::value::Kind::Integer(_)
                        | crate::value::Kind::BigInteger(_)
                        | crate::value::Kind::Float { .. }
                )
            })
            .count();
        let follow = match self.role {
            Some(_) if self.weak_role => median >= PROBE_MIN_WORDS,
            Some(_) => numbers * 2 <= present.len(),
            None => median >= PROBE_MIN_WORDS,
        };
        if !follow {
            self.follow = Follow::No;
            return;
        }
        if self.shingle == 0 {
            self.shingle = minhash::shingle_size(median as f64);
        }
        for (line, t) in &buf {
            self.observe(*line, t, tools);
        }
    }

    fn observe(&mut self, line: u64, raw: &str, tools: &Tools) {
        let limit = self.limit;
        let text = crate::record::trim(raw);
        self.values += 1;
        if text.is_empty() {
            self.empty += 1;
        }
        let (n_chars, n_words, d, census) = measure(text);
        self.chars.0 += n_chars;
        self.chars.1 = self.chars.1.min(n_chars);
        self.chars.2 = self.chars.2.max(n_chars);
        let bucket = (64 - n_chars.leading_zeros()) as usize;
        if let Some(b) = self.length_buckets.get_mut(bucket.min(23)) {
            *b += 1;
        }
        match self.word_counts.get_mut(n_words as usize) {
            Some(c) => *c += 1,
            None => *self.words.entry(n_words).or_insert(0) += 1,
        }
        if d.controls > 0 {
            self.controls.add(line, || format!("{} control character(s)", d.controls));
        }
        if d.replacement > 0 {
            self.replacement.add(line, || format!("{} U+FFFD: {}", d.replacement, clip(text)));
        }
        if d.mojibake > 0 {
            self.mojibake.add(line, || clip(text));
        }
        if d.mixed_script_words > 0 {
            self.mixed_scripts.add(line, || format!("{} word(s) mixing scripts: {}", d.mixed_script_words, clip(text)));
        }
        let unbalanced = d.fences % 2 == 1;
        if unbalanced {
            self.unbalanced_fences.add(line, || format!("{} code fence line(s)", d.fences));
        }

        if n_words as usize >= repetition::MIN_WORDS {
            // The repetition ratios cost several times the text in flight: a longer value is
            // checked on its first `WINDOW` bytes (and counted, for the report's notes).
            let whole = text.len();
            let text = repetition::window(text);
            if let Some(g) = repetition::gopher(text) {
                self.repetition_checked += 1;
                self.repetition_cut += u64::from(text.len() < whole);
                let over = g.exceeded();
                if !over.is_empty() {
                    for e in &over {
                        *self.repetition_ratios.entry(e.ratio).or_insert(0) += 1;
                    }
                    let span = repetition::repeated_span(text).and_then(|(a, b)| text.get(a..b)).unwrap_or("");
                    // A loop repeats lines, paragraphs or long n-grams; a top 2–4-gram share just
                    // over its limit is a list's parallel wording.
                    let looping =
                        over.iter().any(|e| !e.ratio.starts_with("top_") || e.value >= PHRASING_FACTOR * e.limit);
                    // A table or grid repeats its pipes and dashes: over a limit, but not a loop.
                    if !span.is_empty() && !span.chars().any(char::is_alphabetic) {
                        self.repetitive_markup += 1;
                    } else if !looping {
                        self.repetitive_phrasing += 1;
                    } else {
                        self.repetitive.add(line, || {
                            let worst = over.iter().max_by(|a, b| (a.value / a.limit).total_cmp(&(b.value / b.limit)));
                            let what =
                                worst.map_or(String::new(), |e| format!("{} {:.2} > {:.2}", e.ratio, e.value, e.limit));
                            format!("{what}; repeated: \"{}\"", artefacts::excerpt(span, 0, 80))
                        });
                    }
                }
            }
        }

        // Generation artefacts, on answers and assistant turns; links, on prompts.
        if self.role.is_some_and(TextRole::is_answer) {
            let refusals = tools.phrases.refusals(text);
            let names = tools.phrases.refusal_names();
            for &r in &refusals {
                *self.refusal_phrases.entry(names.get(r).cloned().unwrap_or_default()).or_insert(0) += 1;
            }
            if let Some(&first) = refusals.first() {
                let phrase = names.get(first).cloned().unwrap_or_default();
                self.refusals.add(line, || format!("\"{phrase}\": {}", clip(text)));
            }
            let placeholder = text.len() <= 16 && artefacts::PLACEHOLDERS.contains(&text.to_lowercase().as_str());
            if placeholder || text.is_empty() {
                self.placeholders.add(line, || if text.is_empty() { "(empty)".into() } else { text.to_string() });
            } else if n_chars < artefacts::MIN_ANSWER_CHARS as u64 {
                self.short.add(line, || text.to_string());
                if text.chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation()) {
                    self.contentless.add(line, || text.to_string());
                }
            }
            // In a transcript the markers are the format: its assistant turns are checked instead.
            let scaffold = if super::turns::is_transcript(text) { None } else { tools.phrases.scaffolding(text) };
            if let Some((at, marker)) = scaffold {
                self.scaffolding.add(line, || {
                    format!(
                        "'{marker}' at char {}: {}",
                        text.get(..at).map_or(0, |p| p.chars().count()) + 1,
                        artefacts::excerpt(text, at, 60)
                    )
                });
            }
            if !text.is_empty() && !artefacts::ends_finished(text) {
                self.unfinished_total += 1;
                if self.unfinished.len() < MAX_UNFINISHED {
                    self.unfinished.push((n_chars, n_words, line, unbalanced));
                }
            }
        }
        if self.role.is_some_and(TextRole::is_prompt) && artefacts::only_a_link(text) {
            self.link_only.add(line, || clip(text));
        }

        if self.language_checked < LANGUAGE_VALUES && n_words as usize >= LANGUAGE_MIN_WORDS {
            self.language_checked += 1;
            let head: String = text.chars().take(LANGUAGE_CHARS).collect();
            let lang = language(&head).unwrap_or("unknown");
            *self.languages.entry(lang).or_insert(0) += 1;
        }

        if self.diversity.tokens() < diversity::SAMPLE_TOKENS {
            self.diversity.push(text);
        }
        if self.sampled < SAMPLE_VALUES {
            self.sampled += 1;
            self.sampled_value(line, text, tools);
        } else {
            self.near.skip();
        }

        let mut hits = Vec::new();
        tools.pii.scan_counted(text, &census, &mut hits);
        let mut seen_kinds: Vec<pii::PiiKind> = Vec::new();
        for h in &hits {
            if seen_kinds.contains(&h.kind) {
                continue;
            }
            seen_kinds.push(h.kind);
            self.pii.entry(h.kind).or_insert_with(|| Tally::new(limit)).add(line, || pii::masked(text, h));
        }
    }

    /// What is followed on the sampled values only: openers, vocabulary, exact and near
    /// duplicates.
    fn sampled_value(&mut self, line: u64, text: &str, tools: &Tools) {
        let opened = self.sampled <= OPENER_VALUES;
        let mut scratch = std::mem::take(&mut self.scratch);
        if opened && artefacts::opener_into(text, &mut scratch.opener) {
            self.openers_total += 1;
            let room = self.openers.len() < MAX_OPENERS;
            match self.openers.get_mut(scratch.opener.as_str()) {
                Some(c) => *c += 1,
                None if room => {
                    self.openers.insert(scratch.opener.clone(), 1);
                }
                None => self.openers_other += 1,
            }
        }

        if opened {
            self.vocabulary.push_words(text, &mut scratch.word);
        }
        minhash::normalise_into(text, &mut scratch.normalised);
        let norm = scratch.normalised.as_str();
        // Values of fewer than MIN_DUPLICATE_WORDS words with letters (a class label, a number, a
        // grid of digits and pipes) repeat by nature and normalise to the same few tokens: they
        // are left out of duplicate detection.
        let worded = norm.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).take(MIN_DUPLICATE_WORDS).count();
        if worded >= MIN_DUPLICATE_WORDS {
            let key = minhash::exact_key(norm);
            match self.exact.get(&key) {
                Some(&first) => self.exact_dups.add(line, || format!("same as line {first} after normalisation")),
                None if self.exact.len() < minhash::SAMPLE_VALUES => {
                    self.exact.insert(key, line);
                }
                None => {}
            }
            if self.near.wants() && artefacts::words(norm) > 0 {
                minhash::shingles(norm, self.shingle.max(1), &mut scratch.shingles);
                self.near.push(line, tools.hasher.signature(&scratch.shingles));
            } else if !self.near.wants() {
                self.near.skip();
            }
        }
        self.scratch = scratch;
    }

    /// Values by word count.
    pub fn word_histogram(&self) -> BTreeMap<u64, u64> {
        let mut all = self.words.clone();
        for (k, &c) in self.word_counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            *all.entry(k as u64).or_insert(0) += c;
        }
        all
    }

    /// The median word count of the values seen.
    pub fn median_words(&self) -> Option<u64> {
        quantile_of(&self.word_histogram(), 0.5)
    }

    /// Bytes held by the growable parts.
    pub fn heap_bytes(&self) -> usize {
        let probe = match &self.follow {
            Follow::Probing(b, bytes) => *bytes + b.len() * 40,
            _ => 0,
        };
        probe
            + self.words.len() * 32
            + self.unfinished.len() * 32
            + self.diversity.heap_bytes()
            + self.openers.keys().map(|k| k.len() + 48).sum::<usize>()
            + self.vocabulary.heap_bytes()
            + self.near.heap_bytes()
            + self.exact.len() * 24
    }
}

/// Characters, words and damage of a value, and its byte census: for ASCII text (which cannot
/// hold U+FFFD, mojibake or mixed scripts) the census pass gives them all.
fn measure(text: &str) -> (u64, u64, Damage, Census) {
    let census = Census::of(text.as_bytes());
    if text.is_ascii() {
        let mut d = Damage { controls: census.controls as u32, ..Damage::default() };
        if census.backticks >= 3 && text.contains("```") {
            d.fences = artefacts::damage(text).fences;
        }
        return (text.len() as u64, census.words as u64, d, census);
    }
    (text.chars().count() as u64, artefacts::words(text) as u64, artefacts::damage(text), census)
}

/// A quantile of values given as value → count (the lower value at the cut, as a median of
/// counts is read).
pub fn quantile_of(counts: &BTreeMap<u64, u64>, q: f64) -> Option<u64> {
    let total: u64 = counts.values().sum();
    if total == 0 {
        return None;
    }
    let want = ((total as f64 - 1.0) * q).floor() as u64;
    let mut seen = 0;
    for (&v, &c) in counts {
        seen += c;
        if seen > want {
            return Some(v);
        }
    }
    counts.keys().next_back().copied()
}

/// The language of a text (ISO 639-3 code), when the detector is reliable.
pub fn language(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    info.is_reliable().then(|| info.lang().code())
}

impl TextColumn {
    /// Whether nothing of the column was seen yet (probing, with no value buffered).
    fn untouched(&self) -> bool {
        matches!(&self.follow, Follow::Probing(buf, _) if buf.is_empty())
    }
}

impl Merge for TextColumn {
    /// Byte ranges of one input: a first part that has seen nothing of the column hands it to the
    /// next as it is (that one's probe was the whole's). A later part that probed on its own
    /// values, or a first part still probing when the next one has values, would make the merge
    /// differ from one pass: `disagree` is set, and the caller reads the input in one pass.
    fn merge(&mut self, o: TextColumn) {
        if self.untouched() {
            let disagree = self.disagree;
            *self = o;
            self.own_probe = false;
            self.disagree |= disagree;
            return;
        }
        let o_seen = o.values > 0 || !o.untouched() && !matches!(o.follow, Follow::Yes | Follow::No);
        if o_seen && (o.own_probe || matches!(self.follow, Follow::Probing(..))) {
            self.disagree = true;
        }
        self.disagree |= o.disagree;
        self.values += o.values;
        self.empty += o.empty;
        self.chars.0 += o.chars.0;
        self.chars.1 = self.chars.1.min(o.chars.1);
        self.chars.2 = self.chars.2.max(o.chars.2);
        for (a, b) in self.length_buckets.iter_mut().zip(o.length_buckets) {
            *a += b;
        }
        for (k, v) in o.words {
            *self.words.entry(k).or_insert(0) += v;
        }
        for (a, b) in self.word_counts.iter_mut().zip(o.word_counts) {
            *a += b;
        }
        self.controls.merge(o.controls);
        self.replacement.merge(o.replacement);
        self.mojibake.merge(o.mojibake);
        self.mixed_scripts.merge(o.mixed_scripts);
        self.unbalanced_fences.merge(o.unbalanced_fences);
        self.repetition_checked += o.repetition_checked;
        self.repetition_cut += o.repetition_cut;
        self.repetitive.merge(o.repetitive);
        self.repetitive_markup += o.repetitive_markup;
        self.repetitive_phrasing += o.repetitive_phrasing;
        for (k, v) in o.repetition_ratios {
            *self.repetition_ratios.entry(k).or_insert(0) += v;
        }
        for (k, v) in o.refusal_phrases {
            *self.refusal_phrases.entry(k).or_insert(0) += v;
        }
        self.refusals.merge(o.refusals);
        self.placeholders.merge(o.placeholders);
        self.short.merge(o.short);
        self.contentless.merge(o.contentless);
        self.scaffolding.merge(o.scaffolding);
        self.link_only.merge(o.link_only);
        self.unfinished.extend(o.unfinished);
        self.unfinished.truncate(MAX_UNFINISHED);
        self.unfinished_total += o.unfinished_total;
        for (k, v) in o.languages {
            *self.languages.entry(k).or_insert(0) += v;
        }
        self.language_checked += o.language_checked;
        self.diversity.merge(o.diversity);
        for (k, v) in o.openers {
            let room = self.openers.len() < MAX_OPENERS;
            match self.openers.get_mut(&k) {
                Some(c) => *c += v,
                None if room => {
                    self.openers.insert(k, v);
                }
                None => self.openers_other += v,
            }
        }
        self.openers_other += o.openers_other;
        self.openers_total += o.openers_total;
        self.vocabulary.merge(o.vocabulary);
        self.sampled += o.sampled;
        self.near.merge(o.near);
        for (k, first) in o.exact {
            match self.exact.get(&k) {
                Some(&mine) => self.exact_dups.add(first, || format!("same as line {mine} after normalisation")),
                None => {
                    self.exact.insert(k, first);
                }
            }
        }
        self.exact_dups.merge(o.exact_dups);
        for (k, t) in o.pii {
            let limit = self.limit;
            self.pii.entry(k).or_insert_with(|| Tally::new(limit)).merge(t);
        }
    }
}
