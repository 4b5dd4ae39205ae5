//! Options for a run: input hints, memory budget, missing-value tokens, label column and
//! per-check threshold and severity overrides. Deserialises from the JSON that `--config` reads.

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
    /// or each class in turn).
    pub outcome: Option<String>,
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
            propose_roles: true,
            missing_tokens: DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect(),
            memory_budget: 256 * 1024 * 1024,
            max_columns: 2000,
            evidence_limit: 10,
            max_record_bytes: 16 * 1024 * 1024,
            thresholds: BTreeMap::new(),
            severity: BTreeMap::new(),
            disable: Vec::new(),
        }
    }
}

impl Options {
    /// Checks the options against the registry: unknown check ids and out-of-range numbers are
    /// errors, so a typo in a config file does not silently do nothing.
    pub fn validate(&self) -> Result<(), String> {
        for id in self.thresholds.keys().chain(self.severity.keys()).chain(self.disable.iter()) {
            if crate::checks::registry::meta(id).is_none() {
                return Err(format!("unknown check id '{id}' (see `datalint explain`)"));
            }
        }
        for (id, v) in &self.thresholds {
            if !v.is_finite() {
                return Err(format!("threshold for '{id}' must be a finite number"));
            }
        }
        if let Some(d) = self.delimiter {
            if !d.is_ascii() || d == '"' || d == '\n' || d == '\r' {
                return Err(format!("delimiter {d:?} must be one ASCII character other than a quote or newline"));
            }
        }
        if self.memory_budget < 1024 * 1024 {
            return Err("memory_budget must be at least 1 MiB".into());
        }
        if self.max_columns == 0 {
            return Err("max_columns must be at least 1".into());
        }
        Ok(())
    }

    /// The threshold in force for a check: the override or the registry default.
    pub fn threshold(&self, id: &str) -> f64 {
        self.thresholds
            .get(id)
            .copied()
            .or_else(|| crate::checks::registry::meta(id).map(|m| m.threshold.default))
            .unwrap_or(0.0)
    }

    /// The severity in force for a check.
    pub fn severity_of(&self, id: &str) -> Severity {
        self.severity
            .get(id)
            .copied()
            .or_else(|| crate::checks::registry::meta(id).map(|m| m.severity))
            .unwrap_or(Severity::Warning)
    }
}
