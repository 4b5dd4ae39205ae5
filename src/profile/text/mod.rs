//! The text family's accumulators and per-value measures: repetition (Gopher, as datatrove),
//! diversity (distinct-n, NDS, compression ratio), MinHash near-duplicates, PII and secrets.

pub mod diversity;
pub mod minhash;
pub mod pii;
pub mod repetition;
