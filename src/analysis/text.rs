//! Text: turns the text accumulators into the report's `text` section, one entry per text field
//! (free-text columns, columns with a text role, and the user and assistant turns of chats), and
//! the row-level figures (echoes, conflicting answers, languages, chats, preference pairs). Pure
//! functions of the profile; whether a figure is worth a finding is each check's decision.

use crate::profile::text::{diversity, quantile_of, TextColumn, TextRows};
use crate::profile::Profile;
use crate::roles::TextRole;
use serde::Serialize;
use std::collections::BTreeMap;

/// An unfinished value is truncated when at least this many unfinished values share its length
/// within [`PLATEAU_WIDTH`] (a length limit cut them all), or when its code fences are unbalanced.
pub const PLATEAU_VALUES: usize = 5;
/// Relative width of a length plateau.
pub const PLATEAU_WIDTH: f64 = 0.02;
/// Only values of at least this many words are judged against a plateau (short answers share
/// lengths by nature: "Positive", "Negative").
pub const PLATEAU_MIN_WORDS: u64 = 50;
/// Openers listed per field.
pub const TOP_OPENERS: usize = 10;

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct TextReport {
    /// The dataset's shape, known by its field names: `instruction`, `prompt-response`,
    /// `question-answer`, `chat`, `preference`, `transcript`, or null.
    pub shape: Option<&'static str>,
    pub fields: Vec<TextField>,
    pub rows: Option<RowFigures>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Count {
    pub value: String,
    pub count: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LengthBucket {
    /// Values with fewer characters than this (and at least the previous bucket's bound).
    pub below: u64,
    pub count: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Damage {
    pub controls: u64,
    pub replacement_characters: u64,
    pub mojibake: u64,
    pub mixed_scripts: u64,
    pub unbalanced_fences: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Repetition {
    /// Values of at least 50 words (the ones checked).
    pub checked: u64,
    /// Values over at least one of datatrove's Gopher limits.
    pub repetitive: u64,
    /// Of those, the values whose repeated span is only markup (tables, grids): not reported.
    pub markup_only: u64,
    /// Of those, the values over a top 2/3/4-gram limit only, by less than twice it: a list's
    /// parallel wording rather than a loop; not reported.
    pub phrasing_only: u64,
    /// Per ratio: values over its limit.
    pub by_ratio: BTreeMap<&'static str, u64>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Artefacts {
    pub refusals: u64,
    pub refusal_phrases: Vec<Count>,
    pub placeholders: u64,
    pub short: u64,
    pub scaffolding: u64,
    pub link_only: u64,
    pub unfinished: u64,
    pub truncated: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Duplicates {
    /// Values equal to an earlier one after normalisation (64-bit hash).
    pub exact: u64,
    /// Near-duplicate pairs (MinHash estimate at least the threshold) and their clusters.
    pub near_pairs: u64,
    pub near_clusters: u64,
    pub rows_in_clusters: u64,
    /// Values signed for near-duplicates, and values past the sample that were not.
    pub examined: u64,
    pub not_sampled: u64,
    pub threshold: f64,
    pub shingle_words: usize,
    /// The most similar pairs: lines and the estimate.
    pub examples: Vec<NearPair>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct NearPair {
    pub line_a: u64,
    pub line_b: u64,
    pub estimate: f64,
}

/// Where a text field's accumulator is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Column(usize),
    UserTurns,
    AssistantTurns,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TextField {
    #[serde(skip)]
    pub source: Source,
    pub column: String,
    pub role: Option<TextRole>,
    /// Derived from a chat or transcript column (its user or assistant turns), not a column.
    pub derived_from: Option<String>,
    /// Free text by its figures (median words and distinct share), not only by its name.
    pub free_text: bool,
    pub values: u64,
    pub empty: u64,
    pub chars: Option<(u64, f64, u64)>,
    pub words_median: Option<u64>,
    pub words_p90: Option<u64>,
    pub words_max: Option<u64>,
    pub length_histogram: Vec<LengthBucket>,
    pub damage: Damage,
    pub repetition: Repetition,
    pub artefacts: Artefacts,
    pub languages: Vec<Count>,
    pub language_checked: u64,
    pub diversity: Option<diversity::DiversityFigures>,
    pub openers: Vec<Count>,
    pub openers_total: u64,
    pub vocabulary: u64,
    pub vocabulary_exact: bool,
    pub duplicates: Duplicates,
    pub pii: BTreeMap<&'static str, u64>,
    /// What was sampled or sketched, in words.
    pub approximate: Vec<String>,
    /// Lines of the truncated values (for evidence): line, characters, why.
    #[serde(skip)]
    pub truncated_lines: Vec<(u64, u64, &'static str)>,
    /// All near-duplicate pairs found (for evidence).
    #[serde(skip)]
    pub near_pairs_all: Vec<(u64, u64, f64)>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RowFigures {
    pub rows: u64,
    pub echo_checked: u64,
    pub echoes: u64,
    pub conflicting_prompts: u64,
    pub conflicting_rows: u64,
    pub language_checked: u64,
    pub language_mismatch: u64,
    pub chats: u64,
    pub chat_errors: u64,
    pub pairs: u64,
    pub identical_pairs: u64,
    pub chosen_longer: u64,
    pub median_length_ratio: Option<f64>,
}

/// The dataset's shape from its columns' roles.
fn shape(roles: &[Option<TextRole>], transcripts: bool) -> Option<&'static str> {
    let has = |r: TextRole| roles.contains(&Some(r));
    Some(if has(TextRole::Chosen) && has(TextRole::Rejected) {
        "preference"
    } else if has(TextRole::Chat) {
        "chat"
    } else if has(TextRole::Instruction) && (has(TextRole::Answer) || has(TextRole::Instances)) {
        "instruction"
    } else if has(TextRole::Prompt) && has(TextRole::Answer) {
        "prompt-response"
    } else if transcripts {
        "transcript"
    } else {
        return None;
    })
}

/// The text section of a profile.
pub fn analyze(p: &Profile) -> TextReport {
    let mut fields = Vec::new();
    for (i, slot) in p.text.columns.iter().enumerate() {
        let (Some(tc), Some(col)) = (slot, p.columns.get(i)) else { continue };
        let free = p.is_free_text(i);
        if !(free || (tc.role.is_some() && tc.followed() && tc.values > 0)) {
            continue;
        }
        let role = if tc.weak_role && !free { None } else { tc.role };
        fields.push(field(Source::Column(i), &col.name, role, None, free, tc, p.text.threshold()));
    }
    let rows = &p.text.rows;
    let chat_source = p
        .columns
        .iter()
        .zip(&rows.roles)
        .find(|(_, r)| matches!(r, Some(TextRole::Chat | TextRole::Chosen | TextRole::Instances)))
        .map(|(c, _)| c.name.clone())
        .unwrap_or_else(|| "transcript".into());
    let names = if rows.nested { ["[].input", "[].output"] } else { ["[user]", "[assistant]"] };
    for (tc, name, source) in
        [(&rows.user_turns, names[0], Source::UserTurns), (&rows.assistant_turns, names[1], Source::AssistantTurns)]
    {
        if let Some(tc) = tc.as_ref().filter(|t| t.values > 0 && t.followed()) {
            let column = format!("{chat_source}{name}");
            fields.push(field(source, &column, tc.role, Some(chat_source.clone()), true, tc, p.text.threshold()));
        }
    }
    let transcripts = rows.chats > 0 && !rows.roles.iter().any(|r| matches!(r, Some(TextRole::Chat)));
    TextReport {
        shape: shape(&rows.roles, transcripts),
        rows: (rows.active() || rows.chats > 0).then(|| row_figures(rows)),
        fields,
    }
}

fn row_figures(r: &TextRows) -> RowFigures {
    let (groups, in_groups, _) = r.conflicts.groups();
    RowFigures {
        rows: r.rows,
        echo_checked: r.echo_checked,
        echoes: r.echoes.count,
        conflicting_prompts: groups,
        conflicting_rows: in_groups,
        language_checked: r.language_checked,
        language_mismatch: r.language_mismatch.count,
        chats: r.chats,
        chat_errors: r.chat_errors.count,
        pairs: r.pairs,
        identical_pairs: r.identical_pairs.count,
        chosen_longer: r.chosen_longer,
        median_length_ratio: r.median_ratio(),
    }
}

/// Truncated values: unfinished, with unbalanced code fences or on a length plateau.
fn truncated(tc: &TextColumn) -> Vec<(u64, u64, &'static str)> {
    let mut long: Vec<u64> = tc.unfinished.iter().filter(|u| u.1 >= PLATEAU_MIN_WORDS).map(|u| u.0).collect();
    long.sort_unstable();
    let on_plateau = |chars: u64| {
        let (lo, hi) = (chars as f64 * (1.0 - PLATEAU_WIDTH), chars as f64 * (1.0 + PLATEAU_WIDTH));
        let a = long.partition_point(|&x| (x as f64) < lo);
        let b = long.partition_point(|&x| (x as f64) <= hi);
        b - a >= PLATEAU_VALUES
    };
    tc.unfinished
        .iter()
        .filter_map(|&(chars, words, line, unbalanced)| {
            if unbalanced {
                Some((line, chars, "an unclosed code fence"))
            } else if words >= PLATEAU_MIN_WORDS && on_plateau(chars) {
                Some((line, chars, "a length shared by other cut-off values"))
            } else {
                None
            }
        })
        .collect()
}

fn field(
    source: Source,
    column: &str,
    role: Option<TextRole>,
    derived_from: Option<String>,
    free_text: bool,
    tc: &TextColumn,
    threshold: f64,
) -> TextField {
    let mut approximate = Vec::new();
    let words = tc.word_histogram();
    let near = tc.near.finish(threshold);
    if near.skipped > 0 {
        approximate.push(format!(
            "near-duplicates: the first {} values were compared (MinHash, 128 permutations, LSH 16 × 8), {} later ones were not",
            near.examined, near.skipped
        ));
    }
    if tc.language_checked >= crate::profile::text::column::LANGUAGE_VALUES {
        approximate.push(format!("languages: detected on the first {} values", tc.language_checked));
    }
    if tc.sampled < tc.values {
        approximate.push(format!("exact and near duplicates: the first {} values of {}", tc.sampled, tc.values));
    }
    let opened = tc.sampled.min(crate::profile::text::column::OPENER_VALUES);
    if opened < tc.values {
        approximate.push(format!("openers and vocabulary: the first {opened} values of {}", tc.values));
    }
    if !tc.vocabulary.is_exact() {
        approximate.push("vocabulary: HyperLogLog, standard error 0.81%".into());
    }
    let div = tc.diversity.figures();
    if let Some(d) = &div {
        approximate.push(format!("diversity: on the first {} tokens (the figures fall as the sample grows)", d.tokens));
    }
    let mut openers: Vec<Count> = tc.openers.iter().map(|(k, &v)| Count { value: k.clone(), count: v }).collect();
    openers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    openers.truncate(TOP_OPENERS);
    let mut languages: Vec<Count> =
        tc.languages.iter().map(|(k, &v)| Count { value: k.to_string(), count: v }).collect();
    languages.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let mut phrases: Vec<Count> =
        tc.refusal_phrases.iter().map(|(k, &v)| Count { value: k.clone(), count: v }).collect();
    phrases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let trunc = truncated(tc);
    let mut histogram = Vec::new();
    for (k, &count) in tc.length_buckets.iter().enumerate() {
        if count > 0 {
            histogram.push(LengthBucket { below: 1u64 << k, count });
        }
    }
    TextField {
        source,
        column: column.to_string(),
        role,
        derived_from,
        free_text,
        values: tc.values,
        empty: tc.empty,
        chars: (tc.values > 0).then(|| (tc.chars.1, tc.chars.0 as f64 / tc.values as f64, tc.chars.2)),
        words_median: quantile_of(&words, 0.5),
        words_p90: quantile_of(&words, 0.9),
        words_max: words.keys().next_back().copied(),
        length_histogram: histogram,
        damage: Damage {
            controls: tc.controls.count,
            replacement_characters: tc.replacement.count,
            mojibake: tc.mojibake.count,
            mixed_scripts: tc.mixed_scripts.count,
            unbalanced_fences: tc.unbalanced_fences.count,
        },
        repetition: Repetition {
            checked: tc.repetition_checked,
            repetitive: tc.repetitive.count + tc.repetitive_markup + tc.repetitive_phrasing,
            markup_only: tc.repetitive_markup,
            phrasing_only: tc.repetitive_phrasing,
            by_ratio: tc.repetition_ratios.clone(),
        },
        artefacts: Artefacts {
            refusals: tc.refusals.count,
            refusal_phrases: phrases,
            placeholders: tc.placeholders.count,
            short: tc.short.count,
            scaffolding: tc.scaffolding.count,
            link_only: tc.link_only.count,
            unfinished: tc.unfinished_total,
            truncated: trunc.len() as u64,
        },
        languages,
        language_checked: tc.language_checked,
        diversity: div,
        openers,
        openers_total: tc.openers_total,
        vocabulary: tc.vocabulary.distinct(),
        vocabulary_exact: tc.vocabulary.is_exact(),
        duplicates: Duplicates {
            exact: tc.exact_dups.count,
            near_pairs: near.pairs.len() as u64,
            near_clusters: near.clusters.len() as u64,
            rows_in_clusters: near.rows_in_clusters,
            examined: near.examined,
            not_sampled: near.skipped,
            threshold,
            shingle_words: tc.shingle,
            examples: near
                .pairs
                .iter()
                .take(10)
                .map(|&(a, b, e)| NearPair { line_a: a, line_b: b, estimate: e })
                .collect(),
        },
        pii: tc.pii.iter().map(|(k, t)| (k.name(), t.count)).collect(),
        approximate,
        truncated_lines: trunc,
        near_pairs_all: near.pairs,
    }
}

impl TextField {
    /// The accumulator behind this field.
    pub fn accumulator<'a>(&self, p: &'a Profile) -> Option<&'a TextColumn> {
        match self.source {
            Source::Column(i) => p.text.columns.get(i).and_then(Option::as_ref),
            Source::UserTurns => p.text.rows.user_turns.as_ref(),
            Source::AssistantTurns => p.text.rows.assistant_turns.as_ref(),
        }
    }

    /// Whether generation artefacts are judged on it (answers and assistant turns).
    pub fn is_answer(&self) -> bool {
        self.role.is_some_and(TextRole::is_answer)
    }
}
