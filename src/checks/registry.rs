//! The only place check ids live, and where options are checked against them. Each check's words
//! are data ([`CheckMeta`]), so the page, the JSON report and `datalint explain ID` show the same
//! text. Ids are never reused.

use super::context::Context;
pub use super::meta::{CheckMeta, Param, ThresholdMeta};
use crate::finding::{Finding, Severity, Unit};
use crate::options::Options;

pub type Run = fn(&Context<'_>) -> Vec<Finding>;

macro_rules! checks {
    ($($m:ident),* $(,)?) => {
        /// Every check, in report order.
        pub const ALL: &[(&CheckMeta, Run)] = &[$((&super::$m::META, super::$m::run)),*];
    };
}

checks!(
    ragged_rows,
    invalid_encoding,
    invalid_json_line,
    unreadable_data,
    empty_input,
    bad_header,
    schema_drift,
    empty_column,
    constant_column,
    missing_values,
    duplicate_rows,
    duplicate_columns,
    mixed_types,
    whitespace,
    id_like_column,
    high_cardinality,
    outliers,
    impossible_values,
    skewed,
    rare_negatives,
    class_imbalance,
    conflicting_labels,
    label_leakage,
    underrepresented_group,
    label_disparity,
    proxy_for_sensitive,
    missingness_disparity,
    pii,
    chat_structure,
    identical_preference,
    repetitive_text,
    refusal,
    empty_output,
    output_echoes_input,
    prompt_scaffolding,
    truncated_output,
    garbled_text,
    conflicting_answers,
    language_mismatch,
    length_bias,
    near_duplicates,
    low_diversity,
);

/// The documentation of one check.
pub fn meta(id: &str) -> Option<&'static CheckMeta> {
    all_metas().find(|m| m.id == id)
}

/// Every check's documentation: the single-file checks, then the comparison's.
pub fn all_metas() -> impl Iterator<Item = &'static CheckMeta> {
    ALL.iter().map(|(m, _)| *m).chain(super::compare::ALL.iter().map(|(m, _)| *m))
}

/// Smallest and largest `memory_budget` (1 MiB, 64 GiB).
pub const MIN_MEMORY_BUDGET: u64 = 1 << 20;
pub const MAX_MEMORY_BUDGET: u64 = 64 << 30;
/// Largest `max_columns`.
pub const MAX_COLUMNS: usize = 100_000;
/// Largest `evidence_limit` (evidence is kept in memory: the limit scales it).
pub const MAX_EVIDENCE: usize = 10_000;
/// Largest `max_record_bytes` (1 GiB).
pub const MAX_RECORD_BYTES: usize = 1 << 30;

/// Checks the options against the registry: unknown check ids and out-of-range numbers are
/// errors naming the field, so a typo in a config file does not silently do nothing and a
/// figure that would scale memory without bound is refused.
pub fn validate(opts: &Options) -> Result<(), String> {
    for id in opts.thresholds.keys().chain(opts.severity.keys()).chain(opts.disable.iter()) {
        if meta(id).is_none() {
            return Err(format!("unknown check id '{id}' (see `datalint explain`)"));
        }
    }
    for (id, v) in &opts.thresholds {
        if !v.is_finite() || *v < 0.0 {
            return Err(format!("thresholds.{id} must be a finite number, at least 0 (got {v})"));
        }
        let unit = meta(id).map(|m| m.threshold.unit);
        if matches!(unit, Some(Unit::Share | Unit::Points)) && *v > 1.0 {
            return Err(format!("thresholds.{id} is a share and must be between 0 and 1 (got {v}; 5% is 0.05)"));
        }
    }
    if let Some(d) = opts.delimiter {
        if !d.is_ascii() || d == '"' || d == '\n' || d == '\r' {
            return Err(format!("delimiter {d:?} must be one ASCII character other than a quote or newline"));
        }
    }
    if !(MIN_MEMORY_BUDGET..=MAX_MEMORY_BUDGET).contains(&opts.memory_budget) {
        return Err(format!(
            "memory_budget must be between 1 MiB and 64 GiB ({MIN_MEMORY_BUDGET} to {MAX_MEMORY_BUDGET} bytes; got {})",
            opts.memory_budget
        ));
    }
    if !(1..=MAX_COLUMNS).contains(&opts.max_columns) {
        return Err(format!("max_columns must be between 1 and {MAX_COLUMNS} (got {})", opts.max_columns));
    }
    if !(1..=MAX_EVIDENCE).contains(&opts.evidence_limit) {
        return Err(format!("evidence_limit must be between 1 and {MAX_EVIDENCE} (got {})", opts.evidence_limit));
    }
    if !(1..=MAX_RECORD_BYTES).contains(&opts.max_record_bytes) {
        return Err(format!(
            "max_record_bytes must be between 1 and {MAX_RECORD_BYTES} (1 GiB; got {})",
            opts.max_record_bytes
        ));
    }
    if !(opts.text_min_words.is_finite() && opts.text_min_words >= 0.0) {
        return Err("text_min_words must be a number of words, at least 0".into());
    }
    if !(0.0..=1.0).contains(&opts.text_min_distinct) {
        return Err("text_min_distinct must be a share between 0 and 1".into());
    }
    if !(opts.near_duplicate_threshold > 0.0 && opts.near_duplicate_threshold <= 1.0) {
        return Err("near_duplicate_threshold must be a Jaccard similarity in (0, 1]".into());
    }
    if opts.near_duplicate_shingle.is_some_and(|n| n == 0 || n > 50) {
        return Err("near_duplicate_shingle must be between 1 and 50 words".into());
    }
    Ok(())
}

/// The threshold in force for a check: the override or the registry default.
pub fn threshold(opts: &Options, id: &str) -> f64 {
    meta(id).map_or_else(|| opts.thresholds.get(id).copied().unwrap_or(0.0), |m| m.threshold_in(opts))
}

/// The severity in force for a check.
pub fn severity_of(opts: &Options, id: &str) -> Severity {
    meta(id).map_or(Severity::Warning, |m| m.severity_in(opts))
}

/// The options in force for a run: the options as given, with every check's threshold and
/// severity filled in (the override or the default), so that a reader (the page) draws with the
/// figures the engine used.
pub fn in_force(opts: &Options) -> Options {
    let checks = ALL.iter().map(|(m, _)| *m);
    Options {
        thresholds: checks.clone().map(|m| (m.id.to_string(), m.threshold_in(opts))).collect(),
        severity: checks.map(|m| (m.id.to_string(), m.severity_in(opts))).collect(),
        ..opts.clone()
    }
}
