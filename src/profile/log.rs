//! The input's problems as ingest reported them.

use super::merge::Merge;
use crate::error::Error;
use std::collections::BTreeMap;

/// Problems met while reading: the first [`MAX_ERRORS`] in full, all of them counted by kind.
/// Memory: at most `MAX_ERRORS` errors.
#[derive(Clone, Debug, Default)]
pub struct IngestLog {
    pub errors: Vec<Error>,
    pub counts: BTreeMap<&'static str, u64>,
}

/// Errors kept in full; the rest are only counted.
pub const MAX_ERRORS: usize = 1000;

impl IngestLog {
    pub fn push(&mut self, e: Error) {
        *self.counts.entry(e.kind.name()).or_insert(0) += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        }
    }
    /// Errors of one kind (by [`crate::error::ErrorKind::name`]).
    pub fn count(&self, kind: &str) -> u64 {
        self.counts.get(kind).copied().unwrap_or(0)
    }
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Error> + 'a {
        self.errors.iter().filter(move |e| e.kind.name() == kind)
    }
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

impl Merge for IngestLog {
    fn merge(&mut self, o: IngestLog) {
        for e in o.errors {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(e);
            }
        }
        for (k, c) in o.counts {
            *self.counts.entry(k).or_insert(0) += c;
        }
    }
}
