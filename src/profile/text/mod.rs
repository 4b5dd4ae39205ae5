//! The text family's accumulators: one [`TextColumn`] per free-text column and one [`TextRows`]
//! for what spans a row (an answer against its instruction, chats, preference pairs). Per-value
//! measures live beside them: [`artefacts`], [`repetition`] (Gopher, as datatrove), [`diversity`]
//! (distinct-n, NDS, compression ratio), [`minhash`] (near-duplicates) and [`pii`].
//!
//! Which columns: a string column is probed on its first [`PROBE_VALUES`] values (or
//! [`PROBE_BYTES`]); it is followed as text when their median is at least [`PROBE_MIN_WORDS`]
//! words, or at once when its name gives it a text role (`instruction`, `response`, `messages`,
//! `chosen`, …). The report then keeps the columns whose whole-column median is at least
//! `text_min_words` (5) words with a distinct ratio of at least `text_min_distinct` (0.5), and
//! every column with a text role.
//!
//! Memory per followed column: the probe buffer (at most [`PROBE_BYTES`]), fixed counters,
//! evidence lists capped at the evidence limit, a map of word counts (one entry per distinct
//! count), the diversity sample ([`diversity::SAMPLE_TOKENS`] tokens), at most
//! [`MAX_OPENERS`] openers, the vocabulary (exact within its budget, then a sketch), the
//! near-duplicate signatures (at most [`minhash::SAMPLE_VALUES`] values, 512 bytes each, or
//! fewer under a small budget), at most [`MAX_UNFINISHED`] unfinished answers' lengths, and per
//! PII kind a count and evidence.

pub mod artefacts;
pub mod census;
pub mod column;
pub mod diversity;
pub mod minhash;
pub mod pii;
pub mod repetition;
pub mod rows;
pub mod turns;
pub mod vocabulary;

pub use column::{language, quantile_of, Follow, Tally, TextColumn, Tools};
pub use rows::TextRows;

/// The tools of a text state read back from bytes before [`crate::profile::Profile::retool`]
/// gives it those of its options (the tools are compiled patterns, not state).
pub fn no_tools() -> std::sync::Arc<Tools> {
    std::sync::Arc::new(Tools::new(&[]))
}
