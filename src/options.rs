//! Options for a run: input hints, memory budget, missing-value tokens, label column and
//! per-check threshold and severity overrides. Deserialises from the JSON that `--config` reads.
//! Plain data: `checks::registry::validate` checks them against the checks, and
//! `checks::registry::in_force` says which threshold and severity each check runs with.

use crate::finding::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Input formats the engine reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Jsonl,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
        }
    }
}

/// The default tokens that mean "missing" (compared after trimming surrounding whitespace,
/// case-sensitively). The empty string is always missing.
pub const DEFAULT_MISSING_TOKENS: &[&str] =
    &["NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "Null", "None", "none", "nil", "?"];

/// Everything a [`crate::Session`] can be told.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The file name, if known: a hint for the format (`.csv`, `.tsv`, `.jsonl`, `.json`, `.gz`).
    pub name: Option<String>,
    /// Force a format instead of detecting it from content.
    pub format: Option<Format>,
    /// Force a CSV delimiter instead of sniffing one of `,` `;` tab `|`.
    pub delimiter: Option<char>,
    /// Force whether the first CSV row is a header (detected when absent).
    pub header: Option<bool>,
    /// The label column, enabling `class-imbalance`, `conflicting-labels` and the outcome
    /// disparity checks. When absent, one is proposed from the column names (see
    /// `propose_roles`).
    pub label: Option<String>,
    /// Sensitive columns (sex, race, age, ...). When absent, proposed from the column names;
    /// `Some(vec![])` turns the bias checks off.
    pub sensitive: Option<Vec<String>>,
    /// The label class whose rate is compared across groups (default: the rarer of two classes,
    /// or each class in turn). Comparing a class says nothing about which groups are worse off:
    /// see `favourable`.
    pub outcome: Option<String>,
    /// The label value that is the good outcome for the person (a loan granted, `>50K`; not
    /// `two_year_recid = 1`). When given, its rate is the one compared and groups with a lower
    /// rate of it are the disadvantaged ones (the four-fifths rule on the favourable rate; it
    /// takes precedence over `outcome`). When absent, no group is called disadvantaged: groups
    /// are named by their rates of the compared class.
    pub favourable: Option<String>,
    /// Propose the label and sensitive columns from column names when they are not given.
    pub propose_roles: bool,
    /// Tokens that mean "missing" (besides the empty string).
    pub missing_tokens: Vec<String>,
    /// Memory budget in bytes for everything the profile keeps. Figures that would need more
    /// become approximate and the report says so.
    pub memory_budget: u64,
    /// Columns beyond this are not profiled (reported once).
    pub max_columns: usize,
    /// Evidence rows kept per finding.
    pub evidence_limit: usize,
    /// Largest CSV record, JSONL line or JSON array element held, in bytes; larger ones are skipped
    /// and reported.
    pub max_record_bytes: usize,
    /// Threshold overrides keyed by check id (see `datalint explain`).
    pub thresholds: BTreeMap<String, f64>,
    /// Severity overrides keyed by check id.
    pub severity: BTreeMap<String, Severity>,
    /// Checks to skip, by id.
    pub disable: Vec<String>,
    /// Run the text family (text fields, artefacts, diversity, near-duplicates, PII).
    pub text: bool,
    /// A column is free text when its median is at least this many words ...
    pub text_min_words: f64,
    /// ... and at least this share of its values are distinct.
    pub text_min_distinct: f64,
    /// Refusal phrases to look for besides the built-in list (case-insensitive).
    pub refusal_phrases: Vec<String>,
    /// Two texts are near-duplicates when their MinHash estimate of Jaccard similarity is at least
    /// this.
    pub near_duplicate_threshold: f64,
    /// Words per shingle for near-duplicates (default: 5, or 3 when a column's median is under 30
    /// words).
    pub near_duplicate_shingle: Option<usize>,
    /// Keep what comparing this file with another needs (a seeded sample of rows, every row's
    /// normalised hash). Set by `datalint compare`; off for `check`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub compare: bool,
    /// `datalint compare`: candidate columns compared under a reference column's name
    /// (reference name → candidate name), e.g. a model's `response` against a person's `target`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub map_columns: BTreeMap<String, String>,
}

impl Options {
    /// Options from a JSON config: an object of fields (all optional). Anything else (an array,
    /// which serde would otherwise read field by field in order, a number, a string) is refused
    /// with a message; unknown fields are refused by name.
    pub fn from_json(text: &str) -> Result<Options, String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !v.is_object() {
            let what = match v {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(format!(
                "the options must be a JSON object of fields ({{\"label\": ..., \"thresholds\": {{...}}}}), not {what}"
            ));
        }
        serde_json::from_value(v).map_err(|e| e.to_string())
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            name: None,
            format: None,
            delimiter: None,
            header: None,
            label: None,
            sensitive: None,
            outcome: None,
            favourable: None,
            propose_roles: true,
            missing_tokens: DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect(),
            memory_budget: 256 * 1024 * 1024,
            max_columns: 2000,
            evidence_limit: 10,
            max_record_bytes: 16 * 1024 * 1024,
            thresholds: BTreeMap::new(),
            severity: BTreeMap::new(),
            disable: Vec::new(),
            text: true,
            text_min_words: 5.0,
            text_min_distinct: 0.5,
            refusal_phrases: Vec::new(),
            near_duplicate_threshold: 0.8,
            near_duplicate_shingle: None,
            compare: false,
            map_columns: BTreeMap::new(),
        }
    }
}
