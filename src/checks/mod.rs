//! Checks: pure functions of the profile, the analyses and the options. One check per file,
//! each owning its firing rule; their ids and words live in [`registry`].

pub mod compare;
pub mod context;
pub mod meta;
pub mod registry;

mod bad_header;
mod chat_structure;
mod class_imbalance;
mod conflicting_answers;
mod conflicting_labels;
mod constant_column;
mod continuous;
mod duplicate_columns;
mod duplicate_rows;
mod empty_column;
mod empty_input;
mod empty_output;
mod garbled_text;
mod high_cardinality;
mod id_like_column;
mod identical_preference;
mod impossible_values;
mod invalid_encoding;
mod invalid_json_line;
pub mod label_disparity;
mod label_leakage;
mod language_mismatch;
mod length_bias;
mod low_diversity;
mod missing_values;
mod missingness_disparity;
mod mixed_types;
mod near_duplicates;
mod outliers;
mod output_echoes_input;
mod pii;
mod prompt_scaffolding;
mod proxy_for_sensitive;
mod ragged_rows;
mod rare_negatives;
mod refusal;
mod repetitive_text;
mod schema_drift;
mod skewed;
mod truncated_output;
mod underrepresented_group;
mod unreadable_data;
mod whitespace;

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity};
use crate::options::Options;
use crate::profile::Profile;
use context::Context;

/// The checks' verdicts on the analyses' tables, written into them so that every reader (the
/// report, the page) draws what the checks decided: each disparity's judgement and its
/// impact-ratio line, with the thresholds in force.
pub fn judge(analysis: &mut Analysis, opts: &Options) {
    let threshold = label_disparity::META.threshold_in(opts);
    label_disparity::judge_all(&mut analysis.fairness, threshold, opts.favourable.as_deref());
}

/// The worst severity a finding that rests on a proposed label may have: the label was guessed
/// from a column's name, so what follows from it is a warning at most until someone gives it.
pub const PROPOSED_LABEL_CAP: Severity = Severity::Warning;

/// Runs every enabled check; findings sorted by severity (worst first), then registry order.
/// Findings of checks that need a label are capped at [`PROPOSED_LABEL_CAP`] when the label was
/// proposed from its name rather than given (the one place the cap is applied).
pub fn run(profile: &Profile, opts: &Options, analysis: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    let proposed = profile.roles.label.as_ref().is_some_and(|l| l.proposed);
    for (meta, check) in registry::ALL {
        if opts.disable.iter().any(|d| d == meta.id) || (meta.needs_label && profile.label.is_none()) {
            continue;
        }
        let cx = Context { profile, fairness: &analysis.fairness, text: &analysis.text, opts, meta };
        let mut found = check(&cx);
        if meta.needs_label && proposed {
            for f in &mut found {
                f.severity = f.severity.min(PROPOSED_LABEL_CAP);
            }
        }
        out.extend(found);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
