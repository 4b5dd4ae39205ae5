//! What the text family sees across a row: an answer against its instruction and input (echoes,
//! one prompt with different answers, another language), chats (structure, and their user and
//! assistant turns as derived text fields), transcripts inside one string (`Human:` /
//! `Assistant:`), and preference pairs (identical, and which is longer).
//!
//! Memory: a (prompt → answer) hash sample bounded like `conflicting-labels` (its share of the
//! budget), at most [`MAX_RATIOS`] length ratios, evidence capped at the evidence limit, and the
//! derived turn fields (each a [`TextColumn`]).

use super::artefacts;
use super::column::{
    language, Continuation, Tally, TextColumn, Tools, LANGUAGE_CHARS, LANGUAGE_MIN_WORDS, LANGUAGE_ROWS,
};
use super::turns::{chat_problem, is_transcript, parse_turns, role_of, transcript_turns, Turn};
use crate::fmt::clip;
use crate::profile::merge::Merge;
use crate::profile::rows::Conflicts;
use crate::record::Cell;
use crate::roles::TextRole;
use serde_json::Value;
use xxhash_rust::xxh3::xxh3_64;

/// Length ratios of preference pairs kept for their median.
pub const MAX_RATIOS: usize = 100_000;
/// An answer whose word set shares at least this Jaccard with its prompt echoes it.
pub const ECHO_JACCARD: f64 = 0.8;

/// The row-level text accumulators.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TextRows {
    /// Each column's text role (by column index).
    pub roles: Vec<Option<TextRole>>,
    pub rows: u64,
    /// Answers compared with a prompt field, and those that echo it.
    pub echo_checked: u64,
    pub echoes: Tally,
    /// Identical prompts (instruction + input, or prompt) with different answers.
    pub conflicts: Conflicts,
    /// Rows whose prompt and answer languages were both detected, and those that differ.
    pub language_checked: u64,
    pub language_mismatch: Tally,
    pub chats: u64,
    pub chat_errors: Tally,
    /// Derived fields: the user and the assistant turns of chats and transcripts (or the inputs
    /// and outputs of nested instances).
    pub user_turns: Option<TextColumn>,
    /// Whether the derived fields come from nested instances rather than chats.
    pub nested: bool,
    pub assistant_turns: Option<TextColumn>,
    /// Preference pairs seen, identical ones, and those whose chosen answer is longer.
    pub pairs: u64,
    pub identical_pairs: Tally,
    pub chosen_longer: u64,
    /// chosen / rejected length ratios (characters), for their median.
    pub ratios: Vec<f64>,
    limit: usize,
    budget: usize,
    /// The language count starts full (see [`TextRows::saturate`]).
    saturated: bool,
}

impl TextRows {
    pub fn new(limit: usize, budget: usize) -> TextRows {
        TextRows {
            roles: Vec::new(),
            rows: 0,
            echo_checked: 0,
            echoes: Tally::new(limit),
            conflicts: Conflicts::named((budget / 80).max(1024), limit, ("answer", "prompt")),
            language_checked: 0,
            language_mismatch: Tally::new(limit),
            chats: 0,
            chat_errors: Tally::new(limit),
            user_turns: None,
            nested: false,
            assistant_turns: None,
            pairs: 0,
            identical_pairs: Tally::new(limit),
            chosen_longer: 0,
            ratios: Vec::new(),
            limit,
            budget,
            saturated: false,
        }
    }

    /// Whether any column has a role that needs the row (a prompt with an answer, a chat, a
    /// preference pair, a transcript).
    /// Whether every sample of the first rows is complete (see [`TextColumn::prefix_full`]):
    /// the prompt/answer language check, and the turns of chats.
    pub fn prefix_full(&self) -> bool {
        let has = |r: TextRole| self.roles.iter().flatten().any(|&x| x == r);
        let answers = has(TextRole::Answer) || has(TextRole::Chosen);
        let chats = has(TextRole::Chat) || has(TextRole::Instances);
        (!answers || self.language_checked >= LANGUAGE_ROWS)
            && [&self.user_turns, &self.assistant_turns]
                .iter()
                .all(|t| t.as_ref().map_or(!chats, TextColumn::prefix_full))
    }

    /// [`TextColumn::bytes_to_full`] for the rows: their language sample and the turns.
    pub fn bytes_to_full(&self, bytes: u64) -> Option<u64> {
        let has = |r: TextRole| self.roles.iter().flatten().any(|&x| x == r);
        let answers = has(TextRole::Answer) || has(TextRole::Chosen);
        let chats = has(TextRole::Chat) || has(TextRole::Instances);
        let lang = if !answers || self.language_checked >= LANGUAGE_ROWS {
            Some(0)
        } else {
            (self.language_checked > 0).then(|| {
                ((LANGUAGE_ROWS - self.language_checked) as f64 * bytes as f64 / self.language_checked as f64).ceil()
                    as u64
            })
        };
        let turns = [&self.user_turns, &self.assistant_turns]
            .iter()
            .map(|t| match t {
                Some(t) => t.bytes_to_full(bytes),
                None => (!chats).then_some(0),
            })
            .try_fold(0u64, |m, x| x.map(|x| m.max(x)));
        Some(lang?.max(turns?))
    }

    /// How a later byte range goes on with the turns (see [`TextColumn::saturate`]).
    pub fn continuation(&self) -> [Option<Continuation>; 2] {
        [
            self.user_turns.as_ref().map(TextColumn::continuation),
            self.assistant_turns.as_ref().map(TextColumn::continuation),
        ]
    }

    /// Goes on with a first byte range's rows whose samples were complete ([`Self::prefix_full`]).
    pub fn saturate(&mut self, turns: &[Option<Continuation>; 2]) {
        self.language_checked = LANGUAGE_ROWS;
        self.saturated = true;
        let (limit, budget) = (self.limit, self.budget);
        for (field, c) in [&mut self.user_turns, &mut self.assistant_turns].into_iter().zip(turns) {
            if let Some(c) = c {
                let mut t = TextColumn::new(c.role, limit, budget / 4);
                t.saturate(c);
                *field = Some(t);
            }
        }
    }

    pub fn unsaturate(&mut self) {
        if std::mem::take(&mut self.saturated) {
            self.language_checked -= LANGUAGE_ROWS;
        }
        for t in [&mut self.user_turns, &mut self.assistant_turns].into_iter().flatten() {
            t.unsaturate();
        }
    }

    pub fn active(&self) -> bool {
        self.roles.iter().flatten().any(|r| {
            matches!(r, TextRole::Answer | TextRole::Chat | TextRole::Chosen | TextRole::Rejected | TextRole::Instances)
        })
    }

    fn index(&self, role: TextRole) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }

    /// One record; `followed` says which columns the text family follows (transcripts are looked
    /// for in those).
    pub fn push(&mut self, line: u64, cells: &[Cell<'_>], followed: &[bool], tools: &Tools) {
        self.rows += 1;
        let text = |i: Option<usize>| -> Option<&str> {
            match i.and_then(|i| cells.get(i)) {
                Some(Cell::Text(t)) => Some(t.trim()),
                _ => None,
            }
        };
        // Prompt side: instruction (+ input), or prompt.
        let instruction = text(self.index(TextRole::Instruction));
        let input = text(self.index(TextRole::Input)).filter(|s| !s.is_empty());
        let prompt = text(self.index(TextRole::Prompt));
        let answer = text(self.index(TextRole::Answer)).or_else(|| text(self.index(TextRole::Chosen)));
        if let Some(a) = answer {
            self.answer_row(line, a, instruction, input, prompt);
        }
        for i in 0..self.roles.len() {
            let role = self.roles.get(i).copied().flatten();
            match (role, cells.get(i)) {
                (Some(TextRole::Chat), Some(Cell::Items(_, json))) => {
                    let turns = parse_turns(json);
                    self.chat(line, &turns, tools);
                }
                (Some(TextRole::Instances), Some(Cell::Items(_, json))) => {
                    self.instances(line, json, tools);
                }
                // Only the chosen side's turns feed the derived fields, so a pair is not counted
                // twice.
                (Some(TextRole::Chosen), Some(Cell::Text(t))) if is_transcript(t) => {
                    let turns = transcript_turns(t);
                    self.chat(line, &turns, tools);
                }
                (None, Some(Cell::Text(t))) if followed.get(i) == Some(&true) && is_transcript(t) => {
                    let turns = transcript_turns(t);
                    self.chat(line, &turns, tools);
                }
                _ => {}
            }
        }
        let chosen = self.index(TextRole::Chosen).and_then(|i| cells.get(i)).map(pair_text);
        let rejected = self.index(TextRole::Rejected).and_then(|i| cells.get(i)).map(pair_text);
        if let (Some(c), Some(r)) = (chosen, rejected) {
            self.pair(line, &c, &r);
        }
    }

    fn answer_row(
        &mut self,
        line: u64,
        answer: &str,
        instruction: Option<&str>,
        input: Option<&str>,
        prompt: Option<&str>,
    ) {
        let words = artefacts::plain_words(answer);
        // The prompt field is compared only when there is no instruction (prompt/response data):
        // beside an instruction it holds the instruction and the input again, or a template.
        let prompt_field = if instruction.is_some() { None } else { prompt };
        let fields = [("instruction", instruction), ("input", input), ("prompt", prompt_field)];
        let mut compared = false;
        // A task that asks to rewrite its input (fix, correct, convert, paraphrase …) answers with
        // the input changed: against the input only an unchanged copy is an echo.
        let rewrite = instruction.is_some_and(artefacts::asks_to_rewrite);
        for (name, field) in fields {
            let Some(p) = field else { continue };
            let pw = artefacts::plain_words(p);
            if pw.len() < 3 {
                continue;
            }
            compared = true;
            // For a rewrite task, an answer equal or similar to its input in words may still fix
            // its punctuation or a few words: only a byte-identical copy, or the input copied
            // unchanged with more after it, echoes it.
            let found = if rewrite && name == "input" {
                if answer.trim() == p.trim() {
                    Some(artefacts::Echo::Equal)
                } else {
                    artefacts::starts_with_copy(&words, &pw).then_some(artefacts::Echo::StartsWith)
                }
            } else {
                artefacts::echo(&words, &pw, ECHO_JACCARD)
            };
            if let Some(e) = found {
                let how = match e {
                    artefacts::Echo::Equal => "equals".to_string(),
                    artefacts::Echo::StartsWith => "starts with".to_string(),
                    artefacts::Echo::Similar(j) => format!("shares {:.0}% of its words with", j * 100.0),
                };
                self.echoes.add(line, || format!("the answer {how} the {name}: {}", clip(answer)));
                break;
            }
        }
        if compared {
            self.echo_checked += 1;
        }
        let key = match (instruction, prompt) {
            (Some(i), _) => Some(format!("{i}\u{1f}{}", input.unwrap_or(""))),
            (None, Some(p)) => Some(p.to_string()),
            _ => None,
        };
        if let Some(k) = key.filter(|k| !k.trim().is_empty()) {
            self.conflicts.push(xxh3_64(k.as_bytes()), xxh3_64(answer.as_bytes()), &clip(answer), line);
        }
        let side = instruction.or(prompt);
        if let Some(p) = side {
            if self.language_checked < LANGUAGE_ROWS
                && artefacts::words(p) >= LANGUAGE_MIN_WORDS
                && artefacts::words(answer) >= LANGUAGE_MIN_WORDS
            {
                let head = |s: &str| s.chars().take(LANGUAGE_CHARS).collect::<String>();
                if let (Some(lp), Some(la)) = (language(&head(p)), language(&head(answer))) {
                    self.language_checked += 1;
                    if lp != la {
                        self.language_mismatch
                            .add(line, || format!("prompt in {lp}, answer in {la}: {}", clip(answer)));
                    }
                }
            }
        }
    }

    fn chat(&mut self, line: u64, turns: &[Turn], tools: &Tools) {
        self.chats += 1;
        if let Some(problem) = chat_problem(turns) {
            self.chat_errors.add(line, || problem);
        }
        let (limit, budget) = (self.limit, self.budget);
        for t in turns {
            let field = match role_of(&t.role) {
                Some(TextRole::AssistantTurns) => &mut self.assistant_turns,
                Some(TextRole::UserTurns) => &mut self.user_turns,
                _ => continue,
            };
            let role = role_of(&t.role);
            field.get_or_insert_with(|| TextColumn::new(role, limit, budget / 4)).push(line, &t.content, tools);
        }
    }

    /// Nested instances (`instances[{input, output}]`): their inputs and outputs become the
    /// derived prompt and answer fields.
    fn instances(&mut self, line: u64, json: &str, tools: &Tools) {
        let Ok(Value::Array(items)) = serde_json::from_str::<Value>(json) else { return };
        let (limit, budget) = (self.limit, self.budget);
        self.nested = true;
        for o in items.iter().filter_map(Value::as_object) {
            for (key, field, role) in [
                ("input", &mut self.user_turns, TextRole::UserTurns),
                ("output", &mut self.assistant_turns, TextRole::AssistantTurns),
            ] {
                let text = match o.get(key) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Null) | None => continue,
                    Some(other) => other.to_string(),
                };
                field.get_or_insert_with(|| TextColumn::new(Some(role), limit, budget / 4)).push(line, &text, tools);
            }
        }
    }

    fn pair(&mut self, line: u64, chosen: &str, rejected: &str) {
        self.pairs += 1;
        let (c, r) = (chosen.trim(), rejected.trim());
        if c == r {
            self.identical_pairs.add(line, || format!("chosen and rejected are the same: {}", clip(c)));
        }
        let (lc, lr) = (c.chars().count(), r.chars().count());
        if lc > lr {
            self.chosen_longer += 1;
        }
        if lr > 0 && self.ratios.len() < MAX_RATIOS {
            self.ratios.push(lc as f64 / lr as f64);
        }
    }

    /// The median chosen / rejected length ratio.
    pub fn median_ratio(&self) -> Option<f64> {
        let mut r = self.ratios.clone();
        r.sort_by(f64::total_cmp);
        let n = r.len();
        if n == 0 {
            return None;
        }
        let mid = n / 2;
        if n % 2 == 1 {
            r.get(mid).copied()
        } else {
            Some((r.get(mid - 1).copied().unwrap_or(0.0) + r.get(mid).copied().unwrap_or(0.0)) / 2.0)
        }
    }
}

/// A preference side as text: a string, or a chat's last assistant turn.
fn pair_text(c: &Cell<'_>) -> String {
    match c {
        Cell::Items(_, json) => {
            let turns = parse_turns(json);
            turns
                .iter()
                .rev()
                .find(|t| role_of(&t.role) == Some(TextRole::AssistantTurns))
                .map_or_else(|| turns.last().map(|t| t.content.clone()).unwrap_or_default(), |t| t.content.clone())
        }
        other => other.text().into_owned(),
    }
}

impl Merge for TextRows {
    fn merge(&mut self, o: TextRows) {
        self.rows += o.rows;
        self.echo_checked += o.echo_checked;
        self.echoes.merge(o.echoes);
        self.conflicts.merge(o.conflicts);
        self.language_checked += o.language_checked;
        self.language_mismatch.merge(o.language_mismatch);
        self.chats += o.chats;
        self.nested |= o.nested;
        self.chat_errors.merge(o.chat_errors);
        for (mine, theirs) in [(&mut self.user_turns, o.user_turns), (&mut self.assistant_turns, o.assistant_turns)] {
            match (mine.as_mut(), theirs) {
                (Some(a), Some(b)) => a.merge(b),
                (None, Some(b)) => *mine = Some(b),
                _ => {}
            }
        }
        self.pairs += o.pairs;
        self.identical_pairs.merge(o.identical_pairs);
        self.chosen_longer += o.chosen_longer;
        self.ratios.extend(o.ratios);
        self.ratios.truncate(MAX_RATIOS);
    }
}
