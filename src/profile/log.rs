//! The input's problems as ingest reported them.

use super::merge::Merge;
use crate::error::Error;
use std::collections::BTreeMap;

/// Problems met while reading: every one counted by kind, and the first [`PER_KIND`] of each kind
/// kept in full, so a late kind (a truncated gzip stream after a thousand ragged rows) never loses
/// its evidence to an early flood of another.
/// Memory: at most `PER_KIND` errors per kind, and the kinds are a fixed enum (a dozen).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IngestLog {
    /// The kept errors, in the order met (file order when the parts were merged in order).
    pub errors: Vec<Error>,
    #[serde(with = "crate::wire::name_counts")]
    pub counts: BTreeMap<&'static str, u64>,
}

/// Errors of one kind kept in full; the rest of that kind are only counted.
pub const PER_KIND: usize = 10;

impl IngestLog {
    pub fn push(&mut self, e: Error) {
        let n = self.counts.entry(e.kind.name()).or_insert(0);
        *n += 1;
        if *n <= PER_KIND as u64 {
            self.errors.push(e);
        }
    }
    /// Errors of one kind (by [`crate::error::ErrorKind::name`]).
    pub fn count(&self, kind: &str) -> u64 {
        self.counts.get(kind).copied().unwrap_or(0)
    }
    /// The kept errors of one kind (at most [`PER_KIND`]).
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Error> + 'a {
        self.errors.iter().filter(move |e| e.kind.name() == kind)
    }
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

impl Merge for IngestLog {
    /// `other` comes after `self` in the file: of each kind, the first `PER_KIND` of the two
    /// together are kept.
    fn merge(&mut self, o: IngestLog) {
        for e in o.errors {
            let kind = e.kind.name();
            if self.of_kind(kind).count() < PER_KIND {
                self.errors.push(e);
            }
        }
        for (k, c) in o.counts {
            *self.counts.entry(k).or_insert(0) += c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Position};

    fn err(kind: ErrorKind, line: u64) -> Error {
        Error::new(kind, Position { byte: line * 10, line, record: line }, format!("line {line}"))
    }

    #[test]
    fn a_late_kind_keeps_its_evidence_and_merge_keeps_the_rule() {
        let mut whole = IngestLog::default();
        let (mut a, mut b) = (IngestLog::default(), IngestLog::default());
        for i in 1..=2000 {
            let e = err(ErrorKind::InvalidJson, i);
            whole.push(e.clone());
            if i <= 1000 {
                a.push(e)
            } else {
                b.push(e)
            }
        }
        let late = err(ErrorKind::Gzip, 3000);
        whole.push(late.clone());
        b.push(late);
        a.merge(b);
        for log in [&whole, &a] {
            assert_eq!(log.count("invalid-json"), 2000);
            assert_eq!(log.of_kind("invalid-json").count(), PER_KIND);
            assert_eq!(log.of_kind("gzip").count(), 1);
            assert_eq!(log.count("gzip"), 1);
            assert_eq!(log.errors.len(), PER_KIND + 1);
        }
        assert_eq!(whole.errors, a.errors);
    }
}
